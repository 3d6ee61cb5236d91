package fit

import (
	"context"
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Constant fits the decimal digits of a real constant, a = digits(C),
// when every term is a digit 0..9 and there are at least
// minConstantTerms of them. C is an expression of the real language
// (integers, + - * / ^, sqrt, log, exp, sin, cos, tan, atan, pi, e:
// dsl.Real). The terms are
// read as the digits of |C| from its first significant digit, or, when
// they begin with zeros, from that many places before it ("0, 0, 2, 1, 2"
// for 1/471 = 0.00212...).
//
// Its candidates are the expressions of the table of real expressions
// that Beatty shares (realTable: in order of code length, one, the
// shortest, per float64 value, realTableBudget of them, built once per
// process); every expression of the table is a candidate, and so are
// X/Y, X*Y and X^(1/k) (k = 2..maxRootDegree) for table entries X and
// Y, and f(X) for each function f but sqrt, found by looking up the
// mantissa X must have (meet in the middle), which reaches twice as far;
// X + Y, X - Y and Y - X for the short Y (sumShortBits), X found by its
// value for each power of ten the target may have (constsum.go); and the
// quadratic irrationals (a + b*sqrt(d))/c, found from the integer
// (c*x - a)^2 must be. Candidates are screened in float64 on their
// leading 11 or so significant digits, then confirmed in big.Float
// against every term.
//
// A fit is proposed only when C and its start cost at least
// constantMargin bits less than the information in the digits,
// N*log2(10) bits for N terms. There are at most 2^b expressions of b
// bits, so a random string of N digits is matched by one of them with
// probability at most 2^b * 10^-N <= 2^-constantMargin: 15 digits admit
// constants of up to 41 bits, 10 digits up to 25.
func Constant(ctx context.Context, terms []*big.Int) []*dsl.Program {
	d, ok := digitString(terms)
	if !ok {
		return nil
	}
	s := newConstSearch(d)
	if s == nil {
		return nil
	}
	s.scan()
	s.meet(ctx)
	if ctx.Err() == nil {
		s.sums()
		s.quadratics()
	}
	return s.confirm(ctx, terms)
}

// Bounds of Constant.
const (
	minConstantTerms = 10
	constantMargin   = 8
	// maxConstantProposals is how many confirmed constants are returned.
	maxConstantProposals = 3
	// maxRootDegree bounds k in X^(1/k): 100^(1/100) takes 39 bits,
	// which 15 digits admit, and a lookup per k costs next to nothing.
	maxRootDegree = 128
)

// digitString returns the terms as digits, when they all are.
func digitString(terms []*big.Int) ([]int, bool) {
	if len(terms) < minConstantTerms {
		return nil, false
	}
	d := make([]int, len(terms))
	for i, t := range terms {
		if !t.IsInt64() || t.Int64() < 0 || t.Int64() > 9 {
			return nil, false
		}
		d[i] = int(t.Int64())
	}
	return d, true
}

// constEntry is an enumerated expression, its float64 value and its code
// length.
type constEntry struct {
	r    *dsl.Real
	v    float64
	bits int
}

// constSearch holds the target and the enumeration.
type constSearch struct {
	zeros   int     // leading zero terms
	lo, hi  float64 // the mantissa the digits pin down, in [1, 10)
	maxBits int     // the longest expression (with its start) allowed
	tab     *realTable
	cands   []constEntry
}

// newConstSearch reads the target from the digits; nil when they are all
// zeros or too few are significant.
func newConstSearch(d []int) *constSearch {
	z := 0
	for z < len(d) && d[z] == 0 {
		z++
	}
	sig := d[z:]
	startBits := dsl.IntBits64(int64(-z))
	maxBits := int(float64(len(d))*math.Log2(10)) - constantMargin - startBits
	if len(sig) < minConstantTerms-2 || maxBits < 3 {
		return nil
	}
	// The mantissa d_z.d_(z+1)... from at most 15 digits, and the width
	// of the interval the rest leaves open.
	k := min(len(sig), 15)
	m := 0.0
	for _, x := range sig[:k] {
		m = m*10 + float64(x)
	}
	scale := math.Pow(10, float64(k-1))
	return &constSearch{
		zeros: z, lo: m / scale, hi: (m + 1) / scale,
		maxBits: maxBits,
		tab:     realExprTable(),
	}
}

// mantissa returns |v| / 10^floor(log10 |v|), in [1, 10).
func mantissa(v float64) float64 {
	a := math.Abs(v)
	m := a / math.Pow(10, math.Floor(math.Log10(a)))
	for m >= 10 {
		m /= 10
	}
	for m < 1 {
		m *= 10
	}
	return m
}

// mantissaOf is mantissa for a product or quotient of two mantissas, in
// (0.1, 100), computed as mantissa does but without its logarithm.
func mantissaOf(v float64) float64 {
	m := v
	switch {
	case v >= 10:
		m = v / 10
	case v < 1:
		m = v / 0.1
	}
	for m >= 10 {
		m /= 10
	}
	for m < 1 {
		m *= 10
	}
	return m
}

// matches reports whether v's mantissa lies in the target interval, to
// within the float64 evaluation's error (relative 1e-11).
func (s *constSearch) matches(v float64) bool {
	return usable(v) && s.matchesMant(mantissa(v))
}

// matchesMant is matches for a usable value of mantissa m.
func (s *constSearch) matchesMant(m float64) bool {
	tol := 1e-11 * m
	return m >= s.lo-tol && m <= s.hi+tol ||
		// a mantissa just below 10 may be the target just above 1
		m*0.1 >= s.lo-tol && m*0.1 <= s.hi+tol
}

// usable: finite, non-zero and within 1e±15, where float64 keeps enough
// digits to compare.
func usable(v float64) bool {
	a := math.Abs(v)
	return a >= 1e-15 && a <= 1e15
}

// valueKey identifies a value up to the last dozen bits of its float64
// mantissa, so that the same number computed two ways is seen once.
func valueKey(v float64) uint64 {
	return (math.Float64bits(v) + 1<<11) >> 12
}

// scan makes a candidate of every expression of the table short enough
// whose value matches.
func (s *constSearch) scan() {
	for b, lv := range s.tab.levels {
		if b > s.maxBits {
			break
		}
		for i, e := range lv {
			if s.matchesMant(s.tab.mant[b][i]) {
				s.cands = append(s.cands, e)
			}
		}
	}
}

// mantKey quantises a mantissa to 1e-9 for the meet-in-the-middle index.
func mantKey(m float64) int64 { return int64(math.Round(m * 1e8)) }

// meet finds candidates X/Y, X*Y and X^(1/k) whose parts are enumerated:
// for each Y (or k) the mantissa X needs is looked up.
func (s *constSearch) meet(ctx context.Context) {
	index, all := s.tab.byMant, s.tab.all
	t := (s.lo + s.hi) / 2
	lookupMant := func(k int64, try func(x constEntry)) {
		var buf [5]int64
		keys := append(buf[:0], k-1, k, k+1)
		// Mantissas near 1 and near 10 are neighbours.
		if k <= 1e8+1 {
			keys = append(keys, 1e9-1, 1e9)
		}
		if k >= 1e9-1 {
			keys = append(keys, 1e8, 1e8+1)
		}
		for _, key := range keys {
			for _, x := range index[key] {
				try(x)
			}
		}
	}
	lookup := func(want float64, try func(x constEntry)) { lookupMant(mantKey(mantissa(want)), try) }
	divBits, mulBits := dsl.RealOps[dsl.RDiv].Bits, dsl.RealOps[dsl.RMul].Bits
	for i, y := range all {
		if i%1024 == 0 && ctx.Err() != nil {
			return
		}
		my := s.tab.allMant[i]
		lookupMant(mantKey(mantissaOf(t*my)), func(x constEntry) {
			s.candidate(dsl.RDiv, x, y, divBits+x.bits+y.bits)
		})
		lookupMant(mantKey(mantissaOf(t/my)), func(x constEntry) {
			s.candidate(dsl.RMul, x, y, mulBits+x.bits+y.bits)
		})
	}
	s.roots(lookup)
	s.inverses(lookup)
}

// roots looks for X^(1/k), k = 2..maxRootDegree (sqrt(X) for k = 2): X
// has the mantissa of T^k.
func (s *constSearch) roots(lookup func(float64, func(constEntry))) {
	t := (s.lo + s.hi) / 2
	for k := int64(2); k <= maxRootDegree; k++ {
		var exp *dsl.Real
		var extra int
		if k > 2 {
			exp = &dsl.Real{Op: dsl.RDiv, X: &dsl.Real{Op: dsl.RInt, Int: 1}, Y: &dsl.Real{Op: dsl.RInt, Int: k}}
			extra = dsl.RealOps[dsl.RPow].Bits + dsl.RealBits(exp)
		} else {
			extra = dsl.RealOps[dsl.RSqrt].Bits
		}
		lookup(math.Pow(t, float64(k)), func(x constEntry) {
			if x.bits+extra > s.maxBits {
				return
			}
			r := &dsl.Real{Op: dsl.RSqrt, X: x.r}
			if exp != nil {
				r = &dsl.Real{Op: dsl.RPow, X: x.r, Y: exp}
			}
			v := dsl.Real1Float(dsl.RSqrt, x.v)
			if exp != nil {
				v = dsl.Real2Float(dsl.RPow, x.v, 1/float64(k))
			}
			if s.matches(v) {
				s.cands = append(s.cands, constEntry{r, v, x.bits + extra})
			}
		})
	}
}

// inverses finds candidates f(X), f one of the functions exp, log, sin,
// cos, tan and atan (sqrt is roots' k = 2), whose argument X is
// enumerated: X is looked up among the values f maps to the target, for
// every power of ten the target may carry (the digits fix only its
// mantissa). Like X/Y, this reaches twice as far as the enumeration:
// atan(sqrt(48)) takes 24 bits, beyond the enumeration's 23, while
// sqrt(48) takes 17.
func (s *constSearch) inverses(lookup func(float64, func(constEntry))) {
	t := (s.lo + s.hi) / 2
	for k := -15; k <= 15; k++ {
		for _, pre := range preimages(t * math.Pow(10, float64(k))) {
			if !usable(pre.x) {
				continue
			}
			lookup(pre.x, func(x constEntry) {
				bits := dsl.RealOps[pre.op].Bits + x.bits
				if bits > s.maxBits {
					return
				}
				if v := dsl.Real1Float(pre.op, x.v); s.matches(v) {
					s.cands = append(s.cands, constEntry{&dsl.Real{Op: pre.op, X: x.r}, v, bits})
				}
			})
		}
	}
}

// preimage is an argument x of the function op.
type preimage struct {
	op dsl.RealOp
	x  float64
}

// preimages lists arguments X >= 0 with |f(X)| = y > 0 for the functions
// f of the real language but sqrt: on the principal branch of each
// inverse and, for sin, cos and tan, its mirror image X -> pi - X. Only
// the mantissa of X matters to the lookup, so X < 0 (|f(-X)| = |f(X)|
// for all but exp and log, whose arguments are found as they are) needs
// no entry of its own.
func preimages(y float64) []preimage {
	out := []preimage{
		{dsl.RExp, math.Log(y)},
		{dsl.RLog, math.Exp(y)},
		{dsl.RLog, math.Exp(-y)},
		{dsl.RTan, math.Atan(y)},
		{dsl.RTan, math.Pi - math.Atan(y)},
	}
	if y < math.Pi/2 {
		out = append(out, preimage{dsl.RAtan, math.Tan(y)})
	}
	if y <= 1 {
		out = append(out,
			preimage{dsl.RSin, math.Asin(y)}, preimage{dsl.RSin, math.Pi - math.Asin(y)},
			preimage{dsl.RCos, math.Acos(y)}, preimage{dsl.RCos, math.Pi - math.Acos(y)})
	}
	return out
}

// candidate records x op y when it is short enough and matches.
func (s *constSearch) candidate(op dsl.RealOp, x, y constEntry, bits int) {
	if bits > s.maxBits {
		return
	}
	if v := dsl.Real2Float(op, x.v, y.v); s.matches(v) {
		s.cands = append(s.cands, constEntry{&dsl.Real{Op: op, X: x.r, Y: y.r}, v, bits})
	}
}

// confirm checks the candidates, shortest first and one per value, in
// big.Float against every term, and returns the programs of the first
// maxConstantProposals that reproduce them.
func (s *constSearch) confirm(ctx context.Context, terms []*big.Int) []*dsl.Program {
	slices.SortStableFunc(s.cands, func(a, b constEntry) int { return a.bits - b.bits })
	var out []*dsl.Program
	tried := map[uint64]bool{}
	for _, c := range s.cands {
		if ctx.Err() != nil || len(out) >= maxConstantProposals {
			break
		}
		key := valueKey(c.v)
		if tried[key] {
			continue
		}
		tried[key] = true
		// The start is -zeros from the default by construction, so the
		// program is as long as newConstSearch planned.
		p := dsl.NewDigits(c.r, dsl.DefaultFrom(c.r)-s.zeros)
		if _, ok := dsl.Reproduce(p, terms, 0); ok {
			out = append(out, p)
		}
	}
	return out
}
