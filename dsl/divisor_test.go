package dsl_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestDivisorSumValues checks divisor sums against an independent
// computation in math/big: every d from 1 to n is tried as a divisor
// (n mod d), and the body is a Go function, not the evaluator.
func TestDivisorSumValues(t *testing.T) {
	pow := func(x *big.Int, e int64) *big.Int { return new(big.Int).Exp(x, big.NewInt(e), nil) }
	cases := []struct {
		src  string
		body func(n, d *big.Int) *big.Int
	}{
		{"a(n) = sum(k|n, 1); n >= 1", func(n, d *big.Int) *big.Int { return big.NewInt(1) }},
		{"a(n) = sum(k|n, k); n >= 1", func(n, d *big.Int) *big.Int { return d }},
		{"a(n) = sum(k|n, k^2); n >= 1", func(n, d *big.Int) *big.Int { return pow(d, 2) }},
		// The number of odd divisors; the sum of the divisors d with n/d
		// odd; sum of binomial(n + d, n) (OEIS A363660).
		{"a(n) = sum(k|n, k mod 2); n >= 1", func(n, d *big.Int) *big.Int { return new(big.Int).Mod(d, big.NewInt(2)) }},
		{"a(n) = sum(k|n, k*(n/k mod 2)); n >= 1", func(n, d *big.Int) *big.Int {
			q := new(big.Int).Quo(n, d)
			return q.Mul(d, q.Mod(q, big.NewInt(2)))
		}},
		{"a(n) = sum(k|n, binomial(n + k, n)); n >= 1", func(n, d *big.Int) *big.Int {
			return new(big.Int).Binomial(n.Int64()+d.Int64(), n.Int64())
		}},
		// Beyond int64 from n = 2 on (2^64 + 1): exact in BigValues only.
		{"a(n) = sum(k|n, k^64 - n); n >= 1", func(n, d *big.Int) *big.Int { return new(big.Int).Sub(pow(d, 64), n) }},
	}
	const count = 60
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		require.Equal(t, dsl.DivisorSum, p.Kind, c.src)
		exact, small := p.BigValues(count), p.Values(count)
		for i := range count {
			n := big.NewInt(int64(i + 1))
			want := new(big.Int)
			for d := int64(1); d <= n.Int64(); d++ {
				if n.Int64()%d == 0 {
					want.Add(want, c.body(n, big.NewInt(d)))
				}
			}
			require.NotNil(t, exact[i], "%s at n = %d", c.src, n)
			assert.Equal(t, want.String(), exact[i].String(), "%s at n = %d", c.src, n)
			assert.Equal(t, dsl.FromBig(want), small[i], "%s at n = %d in int64", c.src, n)
		}
	}
}

// TestDivisorSumUndefined: a term is undefined when the body is at one of
// the divisors, in both evaluators, and an int64 overflow of the sum
// alone is Undef in Values and exact in BigValues.
func TestDivisorSumUndefined(t *testing.T) {
	p, err := dsl.ParseProgram("a(n) = sum(k|n, 1/(k - 3)); n >= 1")
	require.NoError(t, err)
	// 3 and 6 have the divisor 3; at 4, 1/(1-3) + 1/(2-3) + 1/(4-3) is
	// -1 - 1 + 1 (floor division).
	assert.Equal(t, "[-1 -2 <nil> -1 -1 <nil>]", fmt.Sprint(p.BigValues(6)))
	assert.Equal(t, []dsl.Value{-1, -2, dsl.Undef, -1, -1, dsl.Undef}, p.Values(6))
	p, err = dsl.ParseProgram("a(n) = sum(k|n, 4611686018427387904); n >= 1")
	require.NoError(t, err)
	assert.Equal(t, []dsl.Value{1 << 62, dsl.Undef, dsl.Undef}, p.Values(3))
	assert.Equal(t, "[4611686018427387904 9223372036854775808 9223372036854775808]", fmt.Sprint(p.BigValues(3)))
}

// TestDivisorSumAgree compares Values with BigValues on random bodies:
// where a term is defined in int64, it is the exact term.
func TestDivisorSumAgree(t *testing.T) {
	checkRandomAgree(t, dsl.DivisorSum, rand.New(rand.NewPCG(11, 13)), 24)
}

// TestDivisorSumText: the text form, its tail and the parser's messages.
func TestDivisorSumText(t *testing.T) {
	for src, want := range map[string]string{
		"a(n) = sum(k|n, k^2); n >= 1":          "a(n) = sum(k|n, k^2); n >= 1",
		"a(n) = sum(k | n, k^2)":                "a(n) = sum(k|n, k^2); n >= 1",
		"a(n)=sum(k|n,if k-2<=0 then n else k)": "a(n) = sum(k|n, if k - 2 <= 0 then n else k); n >= 1",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, dsl.DivisorSum, p.Kind)
		assert.Equal(t, 1, p.Offset)
		assert.Equal(t, want, p.String())
	}
	for src, msg := range map[string]string{
		"a(n) = sum(k|n, k); n >= 0":      `a divisor sum starts at n = 1, found n >= 0`,
		"a(n) = sum(k|n, sum(k=1..n, k))": "sum cannot be used in a divisor sum: it binds k, the divisor",
		"a(n) = sum(k|n, a(n-1))":         "a(n-1) cannot be used in a divisor sum",
		"a(n) = sum(k|n, k) + 1":          `unexpected "+" after the program`,
		"a(n) = sum(k|2*n, k)":            `expected "n", found "2"`,
		"a(n) = sum(k|n, k); a(1) = 1":    `expected "n", found "a"`,
		"a(n) = sum(k=1..n, k|n)":         `expected ")", found "|"`,
	} {
		_, err := dsl.ParseProgram(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
	// Loops keep binding k in the other kinds.
	p, err := dsl.ParseProgram("a(n) = sum(k=1..n, k)")
	require.NoError(t, err)
	assert.Equal(t, dsl.ClosedForm, p.Kind)
}

// TestDivisorSumCode: the 11-bit header, no offset bit, then the body.
func TestDivisorSumCode(t *testing.T) {
	for src, bits := range map[string]int{
		"a(n) = sum(k|n, 1); n >= 1":                  11 + 4,
		"a(n) = sum(k|n, k^2); n >= 1":                11 + 5 + 5 + 6,
		"a(n) = sum(k|n, k mod 2); n >= 1":            11 + 5 + 5 + 6,
		"a(n) = sum(k|n, binomial(n + k, n)); n >= 1": 11 + 7 + 3 + 3 + 5 + 3,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
	p, err := dsl.ParseProgram("a(n) = sum(k|n, k); n >= 1")
	require.NoError(t, err)
	assert.Equal(t, "0111"+"0001101"+dsl.OpWord(dsl.OpLoopVar), p.Encode())
	assert.Equal(t, []int{1}, dsl.DivisorSum.Offsets())
	assert.False(t, dsl.DivisorSum.OffsetBit())
}

// TestDivisorSumRival: the contrived rival adds to the body a product
// vanishing at n = 1..N, so it reproduces the terms and predicts another.
func TestDivisorSumRival(t *testing.T) {
	p, err := dsl.ParseProgram("a(n) = sum(k|n, k^2); n >= 1")
	require.NoError(t, err)
	terms := p.BigValues(10)
	r, why := dsl.Contrive(p, len(terms))
	require.NotNil(t, r.Program, why)
	assert.Equal(t, dsl.DivisorSum, r.Program.Kind)
	next, ok := dsl.Reproduce(r.Program, terms, 1)
	require.True(t, ok, "%s", r.Program)
	assert.NotEqual(t, p.BigValues(11)[10].String(), next[0].String())
	assert.Equal(t, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, r.Zeros)
}
