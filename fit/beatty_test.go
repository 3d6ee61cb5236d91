package fit

import (
	"context"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// goldenFloors is floor(n*(1+sqrt(5))/2) for n = 1..count, computed
// without real arithmetic: floor((n + isqrt(5n^2))/2).
func goldenFloors(count int) []*big.Int {
	out := make([]*big.Int, count)
	for i := range out {
		n := big.NewInt(int64(i + 1))
		s := new(big.Int).Mul(n, n)
		s.Mul(s, big.NewInt(5)).Sqrt(s)
		out[i] = s.Add(s, n).Rsh(s, 1)
	}
	return out
}

// TestBeattyFinds: Beatty sequences of the OEIS (terms from the OEIS, CC
// BY-SA 4.0) give their program, which predicts the next term.
func TestBeattyFinds(t *testing.T) {
	checkFinds(t, Beatty, []findCase{
		{"A022844 floor(n*Pi)", ints(0, 3, 6, 9, 12, 15, 18, 21, 25, 28, 31, 34, 37, 40, 43), "a(n) = floor(n*pi)", "47"},
		{"A022843 floor(n*e)", ints(0, 2, 5, 8, 10, 13, 16, 19, 21, 24, 27, 29, 32, 35, 38), "a(n) = floor(n*e)", "40"},
		{"A121381 ceiling(n*Pi)", ints(0, 4, 7, 10, 13, 16, 19, 22, 26, 29, 32, 35, 38, 41, 44), "a(n) = ceiling(n*pi)", "48"},
		{"A022838 floor(n*sqrt(3))", ints(1, 3, 5, 6, 8, 10, 12, 13, 15, 17, 19, 20, 22, 24, 25), "a(n) = floor(n*sqrt(3)); n >= 1", "27"},
		// 1,000 terms pin the slope down to 20 bits: the golden ratio
		// (25 bits) is found as X/Y, X = 1+sqrt(5) from the table.
		{"A000201 floor(n*phi)", goldenFloors(1000), "a(n) = floor(n*(1+sqrt(5))/2); n >= 1", "1619"},
	})
}

// TestBeattyRejects: sequences that are no Beatty sequence, or whose
// slope the terms do not pin down closely enough for the shortest
// constant in it to mean anything, get no proposal.
func TestBeattyRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		"primes":             ints(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47),
		"squares":            ints(0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196),
		"2n+1":               ints(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29),
		"unbalanced steps":   ints(1, 2, 4, 5, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 19),
		"too few":            ints(0, 3, 6, 9, 12, 15, 18),
		"floor(n*phi), 15":   goldenFloors(15),
		"floor(n*phi), 100":  goldenFloors(100),
		"huge terms":         ints(0, 1<<51, 1<<52, 3<<51, 1<<53, 5<<51, 3<<52, 7<<51, 1<<54),
		"floor(n*3/7) exact": ints(0, 0, 0, 1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6),
	} {
		assert.Empty(t, Beatty(context.Background(), terms), name)
	}
}

// TestBeattyInterval checks the interval of slopes against sequences
// made from random rational slopes in exact arithmetic: it holds the
// slope, and any slope just outside it gives other terms.
func TestBeattyInterval(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	terms := func(c *big.Rat, round dsl.Rounding, k int64, offset, count int) []int64 {
		out := make([]int64, count)
		for i := range out {
			x := new(big.Rat).Mul(c, new(big.Rat).SetInt64(int64(offset+i)))
			switch round {
			case dsl.Ceiling:
				x.Neg(x)
			case dsl.Round:
				x.Add(x, big.NewRat(1, 2))
			}
			f := new(big.Int).Div(x.Num(), x.Denom())
			if round == dsl.Ceiling {
				f.Neg(f)
			}
			out[i] = f.Int64() + k
		}
		return out
	}
	for range 300 {
		c := big.NewRat(r.Int64N(100000)-20000, 1+r.Int64N(30000))
		round := dsl.Rounding(r.IntN(3))
		offset, k := r.IntN(2), r.Int64N(7)-3
		count := 8 + r.IntN(30)
		a := terms(c, round, k, offset, count)
		if offset == 0 {
			k = a[0]
		}
		lo, hi, ok := beattyInterval(a, offset, round, k)
		require.True(t, ok, "%v %v", c, a)
		assert.True(t, lo.Cmp(c) <= 0 && c.Cmp(hi) <= 0, "%v not in [%v, %v]", c, lo, hi)
		eps := big.NewRat(1, 1<<40)
		below, above := new(big.Rat).Sub(lo, eps), new(big.Rat).Add(hi, eps)
		assert.NotEqual(t, a, terms(below, round, k, offset, count), "below %v", lo)
		assert.NotEqual(t, a, terms(above, round, k, offset, count), "above %v", hi)
	}
}

// TestBeattyParts: the parts of an interval are the slopes of one next
// term each.
func TestBeattyParts(t *testing.T) {
	parts := beattyParts(big.NewRat(3, 2), big.NewRat(17, 10), 10, dsl.Floor)
	assert.Equal(t, [][2]float64{{1.5, 1.6}, {1.6, 1.7}}, parts) // floor(10*C) = 15 or 16
	parts = beattyParts(big.NewRat(3, 2), big.NewRat(17, 10), 10, dsl.Round)
	assert.Equal(t, [][2]float64{{1.5, 1.55}, {1.55, 1.65}, {1.65, 1.7}}, parts)
	parts = beattyParts(big.NewRat(-17, 10), big.NewRat(-3, 2), 10, dsl.Ceiling)
	assert.Equal(t, [][2]float64{{-1.7, -1.6}, {-1.6, -1.5}}, parts)
}

// TestRealTableShortest checks the range queries of the real table
// against a scan of every entry, and that the table's shortest
// combinations of two lie in their interval and are as short as the
// shortest ones made of short entries.
func TestRealTableShortest(t *testing.T) {
	tab := realExprTable()
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		lo := math.Exp(r.Float64()*8 - 4)
		hi := lo * (1 + math.Exp(-r.Float64()*12))
		got := tab.shortestValues(lo, hi, 3)
		var want []int
		for _, e := range tab.all {
			if e.v >= lo && e.v <= hi {
				want = append(want, e.bits)
			}
		}
		require.Equal(t, min(len(want), 3), len(got))
		slices.Sort(want)
		for i, e := range got {
			assert.Equal(t, want[i], e.bits, "[%g, %g]", lo, hi)
			assert.True(t, e.v >= lo && e.v <= hi)
		}
	}
	// Combinations: a narrow interval around (1+sqrt(5))/2.
	phi := (1 + math.Sqrt(5)) / 2
	got := tab.meetBetween(phi-1e-9, phi+1e-9, 40)
	require.NotEmpty(t, got)
	assert.Equal(t, 25, got[0].bits)
	assert.Equal(t, "(1+sqrt(5))/2", dsl.FormatReal(got[0].r))
	for _, e := range got {
		assert.Equal(t, e.bits, dsl.RealBits(e.r))
		assert.InDelta(t, phi, e.r.Float64(), 1e-9)
	}
}

// TestCountNear checks the table's count of the constants of a decade
// against a scan, and its extrapolation beyond the complete lengths.
func TestCountNear(t *testing.T) {
	tab := realExprTable()
	for _, m := range []float64{0.01, 0.5, 1.6, 3, 40, 1e6} {
		for _, b := range []int{4, 9, 15, tab.complete} {
			c := 0
			for _, e := range tab.all {
				if a := math.Abs(e.v); e.bits <= b && a >= m/math.Sqrt(10) && a < m*math.Sqrt(10) {
					c++
				}
			}
			assert.Equal(t, float64(c), tab.countNear(m, b), "m = %g, b = %d", m, b)
		}
		assert.InDelta(t, tab.countNear(m, tab.complete)*tab.growth*tab.growth, tab.countNear(m, tab.complete+2), 1e-6)
	}
	assert.Greater(t, tab.growth, 1.2)
	assert.Less(t, tab.growth, 2.0)
}
