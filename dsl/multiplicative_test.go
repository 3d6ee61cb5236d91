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

// bigFactor factors n >= 1 by trial division, independently of the
// evaluator's least-prime-factor tables: the primes and their exponents.
func bigFactor(n int64) (ps, ks []int64) {
	for p := int64(2); p*p <= n; p++ {
		k := int64(0)
		for n%p == 0 {
			n /= p
			k++
		}
		if k > 0 {
			ps, ks = append(ps, p), append(ks, k)
		}
	}
	if n > 1 {
		ps, ks = append(ps, n), append(ks, 1)
	}
	return ps, ks
}

// TestMultiplicativeValues checks multiplicative functions against an
// independent computation in math/big: n factored by trial division, the
// body a Go function, not the evaluator.
func TestMultiplicativeValues(t *testing.T) {
	pow := func(x, e int64) *big.Int { return new(big.Int).Exp(big.NewInt(x), big.NewInt(e), nil) }
	cases := []struct {
		src  string
		body func(p, k int64) *big.Int
	}{
		// Dedekind's psi (OEIS A001615), 2^omega (A034444), the number of
		// divisors (A000005), the squarefree kernel's square-free part
		// core (A007913), the squarefree indicator mu(n)^2 (A008966), the
		// unitary sigma (A034448), the product of p - 1 (A173557).
		{"a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1", func(p, k int64) *big.Int { return new(big.Int).Mul(big.NewInt(p+1), pow(p, k-1)) }},
		{"a(n) = prod(p^k||n, 2)", func(p, k int64) *big.Int { return big.NewInt(2) }},
		{"a(n) = prod(p^k||n, k + 1)", func(p, k int64) *big.Int { return big.NewInt(k + 1) }},
		{"a(n) = prod(p^k||n, p^(k mod 2))", func(p, k int64) *big.Int { return pow(p, k%2) }},
		{"a(n) = prod(p^k||n, 1/k)", func(p, k int64) *big.Int { return big.NewInt(map[bool]int64{true: 1}[k == 1]) }},
		{"a(n) = prod(p^k||n, p^k + 1)", func(p, k int64) *big.Int { return new(big.Int).Add(pow(p, k), big.NewInt(1)) }},
		{"a(n) = prod(p^k||n, p - 1)", func(p, k int64) *big.Int { return big.NewInt(p - 1) }},
		{"a(n) = prod(p^k||n, 3 - p)", func(p, k int64) *big.Int { return big.NewInt(3 - p) }},
		// Beyond int64 from n = 2 on (2^64): exact in BigValues only.
		{"a(n) = prod(p^k||n, p^64)", func(p, k int64) *big.Int { return pow(p, 64) }},
	}
	const count = 200
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		require.Equal(t, dsl.Multiplicative, p.Kind, c.src)
		exact, small := p.BigValues(count), p.Values(count)
		for i := range count {
			n := int64(i + 1)
			want := big.NewInt(1)
			ps, ks := bigFactor(n)
			for j := range ps {
				want.Mul(want, c.body(ps[j], ks[j]))
			}
			require.NotNil(t, exact[i], "%s at n = %d", c.src, n)
			assert.Equal(t, want.String(), exact[i].String(), "%s at n = %d", c.src, n)
			assert.Equal(t, dsl.FromBig(want), small[i], "%s at n = %d in int64", c.src, n)
		}
	}
}

// TestMultiplicativeUndefined: a term is undefined where the body is at
// one of its prime powers, where the product overflows int64 (exact in
// BigValues), and beyond NTLimit, where n is not factored.
func TestMultiplicativeUndefined(t *testing.T) {
	p, err := dsl.ParseProgram("a(n) = prod(p^k||n, 1/(p - 3))")
	require.NoError(t, err)
	// 1/(2-3) = -1; 3 and 6 have the prime 3; 4 = 2^2 is -1 too.
	assert.Equal(t, "[1 -1 <nil> -1 0 <nil> 0]", fmt.Sprint(p.BigValues(7)))
	assert.Equal(t, []dsl.Value{1, -1, dsl.Undef, -1, 0, dsl.Undef, 0}, p.Values(7))
	p, err = dsl.ParseProgram("a(n) = prod(p^k||n, 2^32*p)")
	require.NoError(t, err)
	assert.Equal(t, []dsl.Value{1, 1 << 33, 3 << 32, 1 << 33, 5 << 32, dsl.Undef}, p.Values(6))
	assert.Equal(t, "110680464442257309696", p.BigValues(6)[5].String())
	if testing.Short() {
		return
	}
	p, err = dsl.ParseProgram("a(n) = prod(p^k||n, 1)")
	require.NoError(t, err)
	small, exact := p.Values(dsl.NTLimit+2), p.BigValues(dsl.NTLimit+2)
	assert.Equal(t, dsl.Value(1), small[dsl.NTLimit-1], "a(NTLimit)")
	assert.Equal(t, dsl.Undef, small[dsl.NTLimit], "a(NTLimit + 1)")
	assert.Nil(t, exact[dsl.NTLimit], "a(NTLimit + 1)")
}

// TestMultiplicativeAgree compares Values with BigValues on random
// bodies: where a term is defined in int64, it is the exact term.
func TestMultiplicativeAgree(t *testing.T) {
	checkRandomAgree(t, dsl.Multiplicative, rand.New(rand.NewPCG(17, 19)), 40)
}

// TestMultiplicativeText: the text form round-trips, the tail "; n >= 1"
// may be left out, and the body may read p and k only.
func TestMultiplicativeText(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1", "a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1"},
		{"a(n)=prod(p^k||n,k+1)", "a(n) = prod(p^k||n, k + 1); n >= 1"},
		{"a(n) = prod(p^k || n, if k - 1 <= 0 then p else 1)", "a(n) = prod(p^k||n, if k - 1 <= 0 then p else 1); n >= 1"},
		{"a(n) = prod(p^k||n, phi(p^k) + sigma(p))", "a(n) = prod(p^k||n, phi(p^k) + sigma(p)); n >= 1"},
	} {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, dsl.Multiplicative, p.Kind, c.src)
		assert.Equal(t, c.want, p.String(), c.src)
	}
	for _, c := range []struct{ src, msg string }{
		{"a(n) = prod(p^k||n, n)", "n cannot be used in a multiplicative function's body"},
		{"a(n) = prod(p^k||n, a(n-1))", "a(n-1) cannot be used in a multiplicative function"},
		{"a(n) = prod(p^k||n, sum(k=1..n, k))", "sum cannot be used in a multiplicative function"},
		{"a(n) = prod(p^k||n, p); n >= 0", "a multiplicative function starts at n = 1, found n >= 0"},
		{"a(n) = prod(p^k|n, p)", `expected "|"`},
		{"a(n) = prod(p^e||n, p)", `expected "k"`},
		{"a(n) = p + 1", "expected a number"},
	} {
		_, err := dsl.ParseProgram(c.src)
		require.Error(t, err, c.src)
		assert.Contains(t, err.Error(), c.msg, c.src)
	}
	// The closed forms' products are still closed forms.
	p, err := dsl.ParseProgram("a(n) = prod(k=1..n, k)")
	require.NoError(t, err)
	assert.Equal(t, dsl.ClosedForm, p.Kind)
}

// TestMultiplicativeCode: the header "0111" + gamma(16), 13 bits and no
// offset bit, then the body's code.
func TestMultiplicativeCode(t *testing.T) {
	assert.Equal(t, "0111"+"000010000", dsl.HeaderWord(dsl.Multiplicative, 0))
	assert.Equal(t, 13, dsl.HeaderBits(dsl.Multiplicative, 0))
	assert.False(t, dsl.Multiplicative.OffsetBit())
	assert.Equal(t, []int{1}, dsl.Multiplicative.Offsets())
	for src, bits := range map[string]int{
		"a(n) = prod(p^k||n, p)":                13 + 3,
		"a(n) = prod(p^k||n, 2)":                13 + 6,
		"a(n) = prod(p^k||n, p - 1)":            13 + 4 + 3 + 4,
		"a(n) = prod(p^k||n, k + 1)":            13 + 3 + 5 + 4,
		"a(n) = prod(p^k||n, (p + 1)*p^k/p)":    13 + 34,
		"a(n) = prod(p^k||n, p^(k mod 2))":      13 + 5 + 3 + 5 + 5 + 6,
		"a(n) = prod(p^k||n, sigma(p^k) - p^k)": 13 + 4 + 10 + 13 + 13,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
}

// TestPrimePowers checks PrimePower, PrimePowerAt and Factor against
// trial division.
func TestPrimePowers(t *testing.T) {
	i := 0
	for x := int64(1); x <= 5000; x++ {
		ps, ks := bigFactor(x)
		p, k, ok := dsl.PrimePower(dsl.Value(x))
		require.Equal(t, len(ps) == 1, ok, "x = %d", x)
		if ok {
			assert.Equal(t, []dsl.Value{dsl.Value(ps[0]), dsl.Value(ks[0])}, []dsl.Value{p, k}, "x = %d", x)
			q, e := dsl.PrimePowerAt(i)
			assert.Equal(t, []dsl.Value{p, k}, []dsl.Value{q, e}, "prime power %d", i)
			i++
		}
		var gotP, gotK []int64
		require.True(t, dsl.Factor(dsl.Value(x), func(p, e dsl.Value) { gotP, gotK = append(gotP, int64(p)), append(gotK, int64(e)) }))
		assert.Equal(t, ps, gotP, "x = %d", x)
		assert.Equal(t, ks, gotK, "x = %d", x)
	}
	for _, x := range []dsl.Value{0, -4, dsl.NTLimit + 1, dsl.Undef} {
		assert.False(t, dsl.Factor(x, func(p, e dsl.Value) { t.Fatalf("called at %d", x) }), "x = %d", x)
		_, _, ok := dsl.PrimePower(x)
		assert.False(t, ok, "x = %d", x)
	}
}

func Example_multiplicative() {
	// Dedekind's psi, n times the product of 1 + 1/p over the primes
	// dividing n (OEIS A001615): its values at the prime powers are
	// p^(k-1)*(p + 1).
	p, _ := dsl.ParseProgram("a(n) = prod(p^k||n, (p + 1)*p^k/p)")
	fmt.Println(p, p.Bits(), "bits")
	fmt.Println(p.Values(12))
	// Output:
	// a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1 47 bits
	// [1 3 4 6 6 12 8 12 12 18 12 24]
}
