package fit

import (
	"context"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestPowerFinds: roundings of powers in the OEIS (terms from the OEIS,
// CC BY-SA 4.0) give their program, which predicts the next term.
func TestPowerFinds(t *testing.T) {
	checkFinds(t, Power, []findCase{
		{"A000149 floor(e^n)", ints(1, 2, 7, 20, 54, 148, 403, 1096, 2980, 8103, 22026, 59874, 162754, 442413, 1202604), "a(n) = floor(e^n)", "3269017"},
		{"A001673 ceiling(Pi^n)", ints(1, 4, 10, 32, 98, 307, 962, 3021, 9489, 29810, 93649, 294205, 924270, 2903678, 9122172), "a(n) = ceiling(pi^n)", "28658146"},
		{"A002379 floor(3^n/2^n)", ints(1, 1, 2, 3, 5, 7, 11, 17, 25, 38, 57, 86, 129, 194, 291), "a(n) = floor((3/2)^n)", "437"},
		{"A080039 floor((1+sqrt(2))^n)", ints(1, 2, 5, 14, 33, 82, 197, 478, 1153, 2786, 6725, 16238, 39201, 94642, 228485), "a(n) = floor((1+sqrt(2))^n)", "551614"},
		{"A064628 floor((4/3)^n)", ints(1, 1, 1, 2, 3, 4, 5, 7, 9, 13, 17, 23, 31, 42, 56), "a(n) = floor((4/3)^n)", "74"},
		// Roots of integers: 11^(1/4) is written sqrt(sqrt(11)) (17 bits),
		// 13^(1/3) is found as a root of a table entry (meetBetween).
		{"A018075 floor(11^(n/4))", ints(1, 1, 3, 6, 11, 20, 36, 66, 121, 220, 401, 730, 1331, 2423, 4414), "a(n) = floor(sqrt(sqrt(11))^n)", "8039"},
		{"A018013 round(13^(n/3))", ints(1, 2, 6, 13, 31, 72, 169, 397, 934, 2197, 5166, 12147, 28561, 67156, 157907), "a(n) = round((13^(1/3))^n)", "371293"},
	})
}

// TestPowerRejects: sequences that are no rounded powers get nothing.
func TestPowerRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		"primes":       ints(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47),
		"2^n + n":      ints(1, 3, 6, 11, 20, 37, 70, 135, 264, 521, 1034, 2059, 4108, 8205, 16398),
		"factorials":   ints(1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800),
		"falling":      ints(64, 32, 16, 8, 4, 2, 1, 0, 0, 0),
		"too few":      ints(1, 2, 7, 20, 54, 148, 403),
		"random rises": ints(3, 8, 21, 50, 139, 371, 1004, 2731, 7400, 20139),
	} {
		assert.Empty(t, Power(context.Background(), terms), name)
	}
}

// TestPowerInterval checks the interval of constants against sequences
// made from random rational constants above 1 in exact arithmetic: it
// holds the constant.
func TestPowerInterval(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	terms := func(c *big.Rat, round dsl.Rounding, k int64, offset, count int) []float64 {
		out := make([]float64, count)
		x := new(big.Rat).SetInt64(1)
		for range offset {
			x.Mul(x, c)
		}
		for i := range out {
			y := new(big.Rat).Set(x)
			switch round {
			case dsl.Ceiling:
				y.Neg(y)
			case dsl.Round:
				y.Add(y, big.NewRat(1, 2))
			}
			f := new(big.Int).Div(y.Num(), y.Denom())
			if round == dsl.Ceiling {
				f.Neg(f)
			}
			out[i] = float64(f.Int64() + k)
			x.Mul(x, c)
		}
		return out
	}
	for range 300 {
		q := 1 + r.Int64N(200)
		c := big.NewRat(q+1+r.Int64N(3*q), q)
		round := dsl.Rounding(r.IntN(3))
		offset, k := r.IntN(2), r.Int64N(7)-3
		cf, _ := c.Float64()
		count := min(8+r.IntN(20), int(30/math.Log2(cf)))
		if count < 3 {
			continue
		}
		a := terms(c, round, k, offset, count)
		lo, hi, ok := powerInterval(a, offset, round, k)
		require.True(t, ok, "%v %v", c, a)
		assert.True(t, lo <= cf && cf <= hi, "%v not in [%v, %v]", cf, lo, hi)
	}
}

// TestPowerParts: the parts of an interval give one next term each.
func TestPowerParts(t *testing.T) {
	// 2^3 = 8 and 2.2^3 = 10.648: the next term floor(C^3) is 8, 9 or 10.
	parts, ok := powerParts(2, 2.2, 3, dsl.Floor)
	require.True(t, ok)
	require.Len(t, parts, 3)
	for i, p := range parts {
		mid := (p[0] + p[1]) / 2
		assert.Equal(t, float64(8+i), math.Floor(mid*mid*mid), "%v", p)
	}
	_, ok = powerParts(2, 3, 10, dsl.Floor) // 2^10 to 3^10: too many
	assert.False(t, ok)
}
