package fit

import (
	"cmp"
	"context"
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of the Beatty family.
const (
	// beattyMinTerms is the fewest terms Beatty looks at: fewer leave
	// the slope so loose that the shortest constant in it explains
	// little.
	beattyMinTerms = 8
	// beattyMaxTerms caps the terms that bound the slope (the predictor
	// checks every term).
	beattyMaxTerms = 1000
	// beattyMaxTerm bounds |a(n)|, so that the slopes are exact in
	// float64 to far more places than any interval needs.
	beattyMaxTerm = 1 << 50
	// beattyTries is how many constants are checked exactly in each part
	// of an interval, the shortest first: a short one may fail where n*C
	// is an integer the evaluation cannot prove one (1/3 at n = 3).
	beattyTries = 4
	// beattyMaxFits caps the programs proposed, one per next term.
	beattyMaxFits = 4
	// beattyChance bounds the chance that the interval of slopes holds
	// a constant as short as the one proposed by coincidence (see
	// maxBitsFor). On the Beatty sequences named in the OEIS outside
	// the acceptance sets (487 with 15 terms given, 484 with 25), every
	// bound from 1/50 to 1/20 turned 1 and 3 wrong answers right and
	// none wrong; 1/14 turned 2 right answers wrong, 1/10 seven, and no
	// bound at all 15 (6 wrong ones right).
	beattyChance = 1.0 / 32
	// beattyMaxConstBits bounds the constants considered at all.
	beattyMaxConstBits = 64
)

// Beatty fits the roundings of the multiples of a real constant, a(n) =
// floor(n*C) + K, ceiling(n*C) + K or round(n*C) + K (dsl.Beatty), C an
// expression of the real language: floor(n*pi), floor(n*(1+sqrt(5))/2),
// ceiling(n*sqrt(3)). Such terms rise by steps of two consecutive sizes
// (d and d+1), which rejects almost every other sequence at once.
//
// Each term bounds n*C between two integers (a(n) - K <= n*C <
// a(n) - K + 1 for floor), so the terms confine C to an interval, exactly
// (rational arithmetic): for offset 0, K is a(0); for offset 1 each K
// near a(1) - C is tried. The point where the next term changes, j/n for
// the next n, splits the interval into parts, one per next term; in each
// part the shortest constants are taken from the table of real
// expressions (realTable, with its range minima: the shortest entry in
// an interval of values in a few steps), and, when the table holds none
// of the lengths it has complete, from X + Y, X - Y, X*Y, X/Y and
// sqrt(X) of table entries X and Y (meet in the middle: for each Y, the
// values X must take form an interval too). Each is checked exactly,
// and the shortest program for each next term is proposed: the mixture
// then weighs the two continuations by the constants that give them.
//
// A Beatty fit pays for its constant like any program, and the constant
// is the shortest the table knows in its interval, so a rational floor
// (fit.Floor) or another constant with a different next term competes
// on length alone. Arithmetic progressions (one step size) are left to
// Polynomial.
func Beatty(ctx context.Context, terms []*big.Int) []*dsl.Program {
	a, ok := beattyTerms(terms)
	if !ok {
		return nil
	}
	return roundedFamily{
		adds: func(offset int, round dsl.Rounding) []int64 { return beattyAdds(a, offset, round) },
		parts: func(offset int, round dsl.Rounding, k int64) (lo, hi float64, parts [][2]float64) {
			l, h, ok := beattyInterval(a, offset, round, k)
			if !ok {
				return 0, 0, nil
			}
			lo, _ = l.Float64()
			hi, _ = h.Float64()
			if len(a) < len(terms) { // the check sees the rest: one part
				return lo, hi, [][2]float64{{lo, hi}}
			}
			return lo, hi, beattyParts(l, h, offset+len(terms), round)
		},
		program: dsl.NewBeatty,
	}.fit(ctx, terms)
}

// roundedFamily is what Beatty and Power have in common: for each offset,
// rounding and integer K to try (adds), the interval [lo, hi] of the
// constants that give the terms and its parts, one per next term
// (parts; none when the interval is empty); the shortest constants of
// each part that the test of significance of the interval admits
// (maxBitsFor), checked exactly as programs; and the shortest program
// for each next term, at most beattyMaxFits of them.
type roundedFamily struct {
	adds    func(offset int, round dsl.Rounding) []int64
	parts   func(offset int, round dsl.Rounding, k int64) (lo, hi float64, parts [][2]float64)
	program func(offset int, round dsl.Rounding, c *dsl.Real, k int64) *dsl.Program
}

func (f roundedFamily) fit(ctx context.Context, terms []*big.Int) []*dsl.Program {
	// The table is built on the first use in a process (about 18 ms), so
	// it is asked for only when some constant is possible: a plain
	// prediction of the squares never builds it.
	var tab *realTable
	type fitted struct {
		p    *dsl.Program
		bits int
		next string
	}
	var fits []fitted
	searched := map[[3]float64][]constEntry{}
	for offset := 0; offset <= 1; offset++ {
		for round := dsl.Floor; round <= dsl.Round; round++ {
			for _, k := range f.adds(offset, round) {
				if ctx.Err() != nil {
					return nil
				}
				lo, hi, parts := f.parts(offset, round, k)
				maxBits := 0
				if len(parts) > 0 {
					if tab == nil {
						tab = realExprTable()
					}
					maxBits = tab.maxBitsFor(lo, hi)
				}
				for _, part := range parts {
					key := [3]float64{part[0], part[1], float64(maxBits)}
					cands, done := searched[key]
					if !done {
						cands = tab.shortestBetween(part[0], part[1], maxBits)
						searched[key] = cands
					}
					for _, c := range cands {
						p := f.program(offset, round, c.r, k)
						if next, ok := dsl.Reproduce(p, terms, 1); ok && next[0] != nil {
							fits = append(fits, fitted{p, p.Bits(), next[0].String()})
							break
						}
					}
				}
			}
		}
	}
	slices.SortStableFunc(fits, func(x, y fitted) int { return cmp.Compare(x.bits, y.bits) })
	var out []*dsl.Program
	for _, f := range dsl.Shortest(fits, func(f fitted) string { return f.next }, func(f fitted) int { return f.bits }) {
		if len(out) < beattyMaxFits {
			out = append(out, f.p)
		}
	}
	return out
}

// beattyTerms returns the first beattyMaxTerms terms in int64 when they
// could be a Beatty sequence: at least beattyMinTerms of them, at most
// beattyMaxTerm in size, rising (or falling) by steps of two consecutive
// sizes d and d+1, both present.
func beattyTerms(terms []*big.Int) ([]int64, bool) {
	if len(terms) < beattyMinTerms {
		return nil, false
	}
	a := make([]int64, min(len(terms), beattyMaxTerms))
	for i := range a {
		t := terms[i]
		if !t.IsInt64() || t.Int64() > beattyMaxTerm || t.Int64() < -beattyMaxTerm {
			return nil, false
		}
		a[i] = t.Int64()
	}
	lo, hi := a[1]-a[0], a[1]-a[0]
	for i := 2; i < len(a); i++ {
		d := a[i] - a[i-1]
		lo, hi = min(lo, d), max(hi, d)
		if hi-lo > 1 {
			return nil, false
		}
	}
	return a, hi == lo+1
}

// beattyBounds are the bounds of round(x) - x in halves: floor(x) = m
// when 0 <= x - m < 1, ceiling(x) = m when -1 < x - m <= 0, round(x) = m
// when -1/2 <= x - m < 1/2.
var beattyBounds = [...][2]int64{dsl.Floor: {0, 2}, dsl.Ceiling: {-2, 0}, dsl.Round: {-1, 1}}

// beattyAdds returns the integers K worth trying: a(0) for offset 0 (the
// rounding of 0 is 0), and for offset 1 those within 2 of a(1) - C, C
// estimated from the first and last terms.
func beattyAdds(a []int64, offset int, round dsl.Rounding) []int64 {
	if offset == 0 {
		return []int64{a[0]}
	}
	c := float64(a[len(a)-1]-a[0]) / float64(len(a)-1)
	k0 := int64(math.Floor(float64(a[0]) - c))
	var out []int64
	for k := k0 - 2; k <= k0+3; k++ {
		out = append(out, k)
	}
	return out
}

// beattyInterval returns the interval [lo, hi] of the slopes C with
// round(n*C) + K = a(n) at every term, n = offset + i, when it is not
// empty (one of its ends is open, so it needs lo < hi).
func beattyInterval(a []int64, offset int, round dsl.Rounding, k int64) (lo, hi *big.Rat, ok bool) {
	b := beattyBounds[round]
	x := new(big.Rat)
	for i, v := range a {
		n := int64(offset + i)
		m := v - k
		if n == 0 {
			if m != 0 {
				return nil, nil, false
			}
			continue
		}
		// m + b0/2 <= n*C <= m + b1/2
		if x.SetFrac64(2*m+b[0], 2*n); lo == nil || x.Cmp(lo) > 0 {
			lo = new(big.Rat).Set(x)
		}
		if x.SetFrac64(2*m+b[1], 2*n); hi == nil || x.Cmp(hi) < 0 {
			hi = new(big.Rat).Set(x)
		}
		if lo.Cmp(hi) >= 0 {
			return nil, nil, false
		}
	}
	return lo, hi, lo != nil
}

// beattyParts splits [lo, hi] where the next term, at index next,
// changes: at the slopes j/next (floor, ceiling) or (j + 1/2)/next
// (round). It returns the parts in float64.
func beattyParts(lo, hi *big.Rat, next int, round dsl.Rounding) [][2]float64 {
	half := int64(0)
	if round == dsl.Round {
		half = 1
	}
	// The split points (2j + half)/(2*next) strictly inside.
	n2 := big.NewInt(2 * int64(next))
	first := new(big.Int).Mul(lo.Num(), n2)
	first.Div(first, lo.Denom()) // floor(2*next*lo)
	var cuts []float64
	x := new(big.Rat)
	for j := first.Int64() - 2; ; j++ {
		if (j-half)%2 != 0 {
			continue
		}
		x.SetFrac(big.NewInt(j), n2)
		if x.Cmp(hi) >= 0 {
			break
		}
		if x.Cmp(lo) > 0 {
			f, _ := x.Float64()
			cuts = append(cuts, f)
		}
	}
	l, _ := lo.Float64()
	h, _ := hi.Float64()
	var out [][2]float64
	for _, c := range cuts {
		out = append(out, [2]float64{l, c})
		l = c
	}
	return append(out, [2]float64{l, h})
}

// maxBitsFor is the longest constant worth proposing for the slopes
// [lo, hi]: the largest b for which a random interval of that relative
// width, (hi - lo)/|C| with C the middle, holds a constant of at most b
// bits with a chance (the expected number of them, from the table's
// count of the constants of a decade around C) of at most beattyChance.
// A constant far longer than that is only the shortest of many that lie
// in the interval by chance, and which part of it, which next term, it
// falls in is a matter of chance too: such a constant says less about
// the next term than a rational slope does (fit.Floor: its denominator
// is the smaller one of the ends of the interval, on the wider side of
// the next split), and is not proposed. With 15 terms, about 7
// significant bits of the slope, that admits pi (4 bits), e (6) and
// sqrt(3) (9) at best; with 1,000, the golden ratio (25).
func (t *realTable) maxBitsFor(lo, hi float64) int {
	w, m := hi-lo, math.Abs(lo/2+hi/2)
	b := 0
	for b < beattyMaxConstBits && t.countNear(m, b+1)*w/m/math.Ln10 <= beattyChance {
		b++
	}
	return b
}

// shortestBetween returns up to beattyTries entries of the table or
// combinations of two, with values in [lo, hi], of at most maxBits
// bits, the shortest first. When the table holds one of a length it has
// complete, that is the shortest expression of any value in the interval
// (the table keeps the shortest of each value), and no combination is
// needed.
func (t *realTable) shortestBetween(lo, hi float64, maxBits int) []constEntry {
	var out []constEntry
	for _, e := range t.shortestValues(lo, hi, beattyTries) {
		if e.bits <= maxBits {
			out = append(out, e)
		}
	}
	if len(out) > 0 && out[0].bits <= t.complete || maxBits <= t.complete {
		return out
	}
	bound := maxBits + 1
	if len(out) > 0 {
		bound = out[0].bits
	}
	out = append(out, t.meetBetween(lo, hi, bound)...)
	slices.SortStableFunc(out, func(x, y constEntry) int { return cmp.Compare(x.bits, y.bits) })
	return out[:min(len(out), beattyTries)]
}

// nudge bounds the relative size of the smaller part of a sum or a
// difference that meetBetween makes: a part smaller than 2^-20 of the
// other changes the rounding of n*Y or Y^n only where it is an integer
// that the evaluation cannot prove one (sqrt(24)^2, n*3/2 on an odd
// n), so Y plus such a part is no explanation of the terms but a nudge
// past an undefined term: on the exploration sequences, 3 of the 48
// powers proposed were nudges (sqrt(24) + 1/exp(25)), all 3 wrong.
const nudge = 1.0 / (1 << 20)

// maxPowerRoot is the highest k for which meetBetween tries the k-th
// roots X^(1/k) of the table's entries: the OEIS names the powers of the
// square, cube, fourth and fifth roots of N, rounded (A017... and
// A018...), and hardly any higher root.
const maxPowerRoot = 5

// meetBetween returns the shortest X op Y (op one of + - * /), sqrt(X)
// and X^(1/k) (k = 3..maxPowerRoot) with value in [lo, hi], X in the
// table and Y among its entries of at most sumShortBits bits, of fewer
// than bound bits: for each Y (or k), X lies in an interval, whose
// shortest entry the range minima give. It keeps up to beattyTries of
// them. The roots reach the powers of 13^(1/3) (23 bits), beyond the
// table's 22.
func (t *realTable) meetBetween(lo, hi float64, bound int) []constEntry {
	var out []constEntry
	consider := func(r *dsl.Real, bits int) {
		if bits >= bound {
			return
		}
		v := r.Float64()
		if !(v >= lo && v <= hi) {
			return // a float64 rounding put X in range, not the whole
		}
		out = append(out, constEntry{r, v, bits})
		if len(out) > beattyTries {
			slices.SortStableFunc(out, func(x, y constEntry) int { return cmp.Compare(x.bits, y.bits) })
			out = out[:beattyTries]
		}
		if len(out) == beattyTries {
			bound = out[len(out)-1].bits
		}
	}
	best := func(xlo, xhi float64) (constEntry, bool) {
		if !(xlo <= xhi) {
			return constEntry{}, false
		}
		i, j := t.valueRange(xlo, xhi)
		if i >= j {
			return constEntry{}, false
		}
		return t.byValue[t.shortestIn(i, j)], true
	}
	if lo >= 0 {
		if x, ok := best(lo*lo, hi*hi); ok {
			consider(&dsl.Real{Op: dsl.RSqrt, X: x.r}, dsl.RealOps[dsl.RSqrt].Bits+x.bits)
		}
		for k := int64(3); k <= maxPowerRoot; k++ {
			if x, ok := best(math.Pow(lo, float64(k)), math.Pow(hi, float64(k))); ok {
				r := &dsl.Real{Op: dsl.RPow, X: x.r, Y: &dsl.Real{Op: dsl.RDiv, X: &dsl.Real{Op: dsl.RInt, Int: 1}, Y: &dsl.Real{Op: dsl.RInt, Int: k}}}
				consider(r, dsl.RealBits(r))
			}
		}
	}
	for _, op := range []dsl.RealOp{dsl.RDiv, dsl.RMul, dsl.RAdd, dsl.RSub} {
		ob := dsl.RealOps[op].Bits
		for _, y := range t.all { // in order of length
			if ob+y.bits+2 >= bound || y.bits > sumShortBits {
				break
			}
			var xlo, xhi float64
			switch op {
			case dsl.RAdd:
				xlo, xhi = lo-y.v, hi-y.v
			case dsl.RSub:
				xlo, xhi = lo+y.v, hi+y.v
			case dsl.RMul:
				xlo, xhi = lo/y.v, hi/y.v
			case dsl.RDiv:
				xlo, xhi = lo*y.v, hi*y.v
			}
			if y.v < 0 && (op == dsl.RMul || op == dsl.RDiv) {
				xlo, xhi = xhi, xlo
			}
			if (op == dsl.RAdd || op == dsl.RSub) && math.Abs(xlo+xhi)/2 < nudge*math.Abs(y.v) {
				continue // Y, nudged
			}
			if x, ok := best(xlo, xhi); ok {
				consider(&dsl.Real{Op: op, X: x.r, Y: y.r}, ob+x.bits+y.bits)
			}
		}
	}
	return out
}
