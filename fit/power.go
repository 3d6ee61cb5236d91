package fit

import (
	"context"
	"math"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of the Power family.
const (
	// powerMinTerms is the fewest terms Power looks at.
	powerMinTerms = 8
	// powerExactTerm bounds the terms that confine C: below it, the
	// interval of C they give is wider than the float64 rounding of the
	// n-th roots that compute it (the predictor checks every term).
	powerExactTerm = 1 << 40
	// powerMaxParts bounds the parts (next terms) an interval is split
	// into: about C of them, so it also bounds C.
	powerMaxParts = 16
)

// Power fits the roundings of the powers of a real constant, a(n) =
// floor(C^n) + K, ceiling(C^n) + K or round(C^n) + K (dsl.Power), C > 1
// an expression of the real language: floor(e^n), ceiling(pi^n),
// round((3/2)^n). It works as Beatty does: each term confines C to an
// interval, C^n between a(n) - K and a(n) - K + 1 (for floor), that is C
// between their n-th roots; for offset 0, K is a(0) - 1 (C^0 = 1), for
// offset 1 each K near a(1) - C is tried. The interval is split where
// the next term changes, and the shortest constants of each part are
// taken from the real table, proposed under the same test of
// significance as Beatty's (maxBitsFor): the terms of a power pin C
// down fast (15 terms of e^n to a relative 10^-8), so that any constant
// the table finds there is significant.
func Power(ctx context.Context, terms []*big.Int) []*dsl.Program {
	a, ok := powerTerms(terms)
	if !ok {
		return nil
	}
	return roundedFamily{
		adds: func(offset int, _ dsl.Rounding) []int64 { return powerAdds(a, offset) },
		parts: func(offset int, round dsl.Rounding, k int64) (lo, hi float64, parts [][2]float64) {
			lo, hi, ok := powerInterval(a, offset, round, k)
			switch {
			case !ok:
				return 0, 0, nil
			case len(a) < len(terms): // the check sees the rest: one part
				return lo, hi, [][2]float64{{lo, hi}}
			}
			parts, _ = powerParts(lo, hi, offset+len(terms), round)
			return lo, hi, parts
		},
		program: dsl.NewPower,
	}.fit(ctx, terms)
}

// powerTerms returns the terms in float64, up to the first beyond
// powerExactTerm, when they could be the powers of a constant above 1:
// at least powerMinTerms of them, and the last four rising.
func powerTerms(terms []*big.Int) ([]float64, bool) {
	n := len(terms)
	if n < powerMinTerms {
		return nil, false
	}
	for i := n - 3; i < n; i++ {
		if terms[i].Cmp(terms[i-1]) <= 0 {
			return nil, false
		}
	}
	var a []float64
	for _, t := range terms {
		if !t.IsInt64() || t.Int64() > powerExactTerm || t.Int64() < -powerExactTerm {
			break
		}
		a = append(a, float64(t.Int64()))
	}
	return a, len(a) >= powerMinTerms
}

// powerAdds returns the integers K worth trying: a(0) - 1 for offset 0,
// and for offset 1 those within 2 of a(1) - C, C estimated as the ratio
// of the last two terms.
func powerAdds(a []float64, offset int) []int64 {
	if offset == 0 {
		return []int64{int64(a[0]) - 1}
	}
	c := a[len(a)-1] / a[len(a)-2]
	k0 := int64(math.Round(a[0] - c))
	return []int64{k0 - 2, k0 - 1, k0, k0 + 1, k0 + 2}
}

// powerInterval returns the interval (lo, hi) of the constants C > 1
// with round(C^n) + K = a(n) at every term, n = offset + i, when it is
// not empty: the n-th roots of the bounds of C^n (beattyBounds), widened
// by their float64 rounding.
func powerInterval(a []float64, offset int, round dsl.Rounding, k int64) (lo, hi float64, ok bool) {
	b := beattyBounds[round]
	lo, hi = 1, math.Inf(1)
	for i, v := range a {
		n := float64(offset + i)
		m := v - float64(k)
		if n == 0 {
			if m != 1 {
				return 0, 0, false
			}
			continue
		}
		top := m + float64(b[1])/2
		if top <= 0 {
			return 0, 0, false
		}
		hi = min(hi, math.Pow(top, 1/n)*(1+1e-15))
		if bottom := m + float64(b[0])/2; bottom > 0 {
			lo = max(lo, math.Pow(bottom, 1/n)*(1-1e-15))
		}
		if lo >= hi {
			return 0, 0, false
		}
	}
	return lo, hi, !math.IsInf(hi, 1)
}

// powerParts splits (lo, hi) where the next term, at index next,
// changes: at the n-th roots of the integers (floor, ceiling) or of the
// integers plus 1/2 (round) in (lo^next, hi^next). It reports false (and
// no parts) when there would be more than powerMaxParts.
func powerParts(lo, hi float64, next int, round dsl.Rounding) ([][2]float64, bool) {
	half := 0.0
	if round == dsl.Round {
		half = 0.5
	}
	n := float64(next)
	first, last := math.Pow(lo, n), math.Pow(hi, n)
	if math.IsInf(last, 1) || last-first > powerMaxParts {
		return nil, false
	}
	var out [][2]float64
	l := lo
	for j := math.Ceil(first-half) + half; j < last; j++ {
		if c := math.Pow(j, 1/n); c > l && c < hi {
			out = append(out, [2]float64{l, c})
			l = c
		}
	}
	return append(out, [2]float64{l, hi}), true
}
