package fit

import (
	"math"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of Constant's sums and quadratic irrationals.
const (
	// sumShortBits bounds the shorter part Y of a sum X + Y or a
	// difference: 470 entries of the table, so that the search stays
	// within about a millisecond (pi - 13/6, 10 - pi^2, 3/4 + log(4)).
	sumShortBits = 15
	// sumMaxExp bounds the power of ten 10^e the target may carry in a
	// sum: the digits give only its mantissa.
	sumMaxExp = 4
	// quadMaxDen, quadMaxRadicand and quadMaxExp bound the quadratic
	// irrationals (a + b*sqrt(d))/c: c, b^2*d and the power of ten. A
	// larger c or radicand makes the constant longer than 15 digits
	// allow anyway (the margin of Constant).
	quadMaxDen      = 64
	quadMaxRadicand = 1 << 12
	quadMaxExp      = 3
)

// sums finds candidates X + Y, X - Y and Y - X with X in the table and Y
// among its entries of at most sumShortBits bits: for each Y and each
// power of ten 10^e the target may have, X lies in an interval of
// values, which the table's index by value answers.
func (s *constSearch) sums() {
	addBits, subBits := dsl.RealOps[dsl.RAdd].Bits, dsl.RealOps[dsl.RSub].Bits
	for e := -sumMaxExp; e <= sumMaxExp; e++ {
		scale := math.Pow(10, float64(e))
		clo, chi := s.lo*scale, s.hi*scale // C, the target, is +-[clo, chi]
		for _, y := range s.tab.all {      // in order of length
			if y.bits > sumShortBits || y.bits+addBits+2 > s.maxBits {
				break
			}
			tol := 1e-13 * (math.Abs(y.v) + chi)
			// C = X + Y, C = X - Y, C = Y - X, for C and -C.
			for _, c := range [][2]float64{{clo, chi}, {-chi, -clo}} {
				s.sumRange(c[0]-y.v-tol, c[1]-y.v+tol, func(x constEntry) {
					s.candidate(dsl.RAdd, x, y, addBits+x.bits+y.bits)
				})
				s.sumRange(c[0]+y.v-tol, c[1]+y.v+tol, func(x constEntry) {
					s.candidate(dsl.RSub, x, y, subBits+x.bits+y.bits)
				})
				s.sumRange(y.v-c[1]-tol, y.v-c[0]+tol, func(x constEntry) {
					s.candidate(dsl.RSub, y, x, subBits+x.bits+y.bits)
				})
			}
		}
	}
}

// sumRange calls try with every table entry whose value is in [lo, hi].
func (s *constSearch) sumRange(lo, hi float64, try func(constEntry)) {
	i, j := s.tab.valueRange(lo, hi)
	for _, x := range s.tab.byValue[i:j] {
		try(x)
	}
}

// quadratics finds the quadratic irrationals (a + b*sqrt(d))/c the
// target may be, 3 + sqrt(21))/2: for each denominator c and integer
// part a near c*x, (c*x - a)^2 must be an integer D (= b^2*d) within the
// digits' precision, and not a square. x is the mantissa times each power
// of ten up to quadMaxExp (the sign does not matter: the digits are
// |C|'s). Each is written in its shortest form (quadReal).
func (s *constSearch) quadratics() {
	t := (s.lo + s.hi) / 2
	rel := (s.hi - s.lo) / t // the relative precision of the digits
	r := math.Sqrt(quadMaxRadicand)
	for e := -quadMaxExp; e <= quadMaxExp; e++ {
		x := t * math.Pow(10, float64(e))
		for c := int64(1); c <= quadMaxDen; c++ {
			cx := float64(c) * x
			for a := int64(math.Ceil(cx - r)); float64(a) <= cx+r; a++ {
				u := cx - float64(a)
				d := math.Round(u * u)
				// The error of u*u: 2|u| times that of c*x, and the
				// rounding of the float arithmetic.
				if d < 2 || d > quadMaxRadicand || math.Abs(u*u-d) > 2*math.Abs(u)*cx*rel+1e-9*d {
					continue
				}
				if q := int64(d); isqrtI(q)*isqrtI(q) != q {
					if cand, ok := quadReal(a, u < 0, q, c); ok && cand.bits <= s.maxBits && s.matches(cand.v) {
						s.cands = append(s.cands, cand)
					}
				}
			}
		}
	}
}

func isqrtI(x int64) int64 { return int64(dsl.Isqrt(dsl.Value(x))) }

// quadReal writes |(a -+ sqrt(d))/c| (minus when neg) in the real
// language, in its shortest form: sqrt(d) or b*sqrt(d0) (d = b^2*d0),
// the common factor of a, b and c taken out, the integer part added,
// subtracted or subtracted from, no division by 1.
func quadReal(a int64, neg bool, d, c int64) (constEntry, bool) {
	b, d0 := int64(1), d
	for f := int64(2); f*f <= d0; f++ {
		for d0%(f*f) == 0 {
			d0 /= f * f
			b *= f
		}
	}
	// |(a + s*b*sqrt(d0))/c|: make a >= 0 by the sign of the whole.
	if a < 0 {
		a, neg = -a, !neg
	}
	g := gcd64(gcd64(a, b), c)
	a, b, c = a/g, b/g, c/g
	integer := func(v int64) *dsl.Real { return &dsl.Real{Op: dsl.RInt, Int: v} }
	root := &dsl.Real{Op: dsl.RSqrt, X: integer(d0)}
	var rad *dsl.Real
	switch {
	case b == 1:
		rad = root
	case dsl.RealBits(&dsl.Real{Op: dsl.RSqrt, X: integer(b * b * d0)}) < dsl.RealOps[dsl.RMul].Bits+dsl.RealBits(integer(b))+dsl.RealBits(root):
		rad = &dsl.Real{Op: dsl.RSqrt, X: integer(b * b * d0)}
	default:
		rad = &dsl.Real{Op: dsl.RMul, X: integer(b), Y: root}
	}
	num := rad
	switch {
	case a == 0:
	case !neg:
		num = &dsl.Real{Op: dsl.RAdd, X: integer(a), Y: rad}
	default: // |a - rad|: the same digits either way
		num = &dsl.Real{Op: dsl.RSub, X: integer(a), Y: rad}
	}
	r := num
	if c != 1 {
		r = &dsl.Real{Op: dsl.RDiv, X: num, Y: integer(c)}
	}
	v := r.Float64()
	if !usable(v) {
		return constEntry{}, false
	}
	return constEntry{r, v, dsl.RealBits(r)}, true
}

func gcd64(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return max(a, -a)
}
