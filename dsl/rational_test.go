package dsl_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestRationalValues checks the series expansion against terms computed by
// hand or listed in the OEIS.
func TestRationalValues(t *testing.T) {
	cases := []struct {
		src  string
		want string // the first 12 terms
	}{
		// A002621: partial sums of A002620 ... 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4)).
		{"a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))", "1 2 4 7 12 18 27 38 53 71 94 121"},
		// Partitions into at most 3 parts, A001399.
		{"a(n) = [x^n] 1/((1-x)*(1-x^2)*(1-x^3))", "1 1 2 3 4 5 7 8 10 12 14 16"},
		{"a(n) = [x^n] 1/(1-x)", "1 1 1 1 1 1 1 1 1 1 1 1"},
		{"a(n) = [x^n] x/(1-x)^2; n >= 1", "0 1 2 3 4 5 6 7 8 9 10 11"},
		{"a(n) = [x^n] (1 + x)/(1-x)^3", "1 4 9 16 25 36 49 64 81 100 121 144"},
		{"a(n) = [x^n] (1 + 2*x - 3*x^2)/(1-x^3)", "1 2 -3 1 2 -3 1 2 -3 1 2 -3"},
		{"a(n) = [x^n] (2 - x^3)", "2 0 0 -1 0 0 0 0 0 0 0 0"},
		{"a(n) = [x^n] 0/(1-x)", "0 0 0 0 0 0 0 0 0 0 0 0"},
		{"a(n) = [x^n] -5*x^20/(1-x)", "0 0 0 0 0 0 0 0 0 0 0 0"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		exact := p.BigValues(12)
		small := p.Values(12)
		var got []string
		for i, v := range exact {
			got = append(got, bigString(v))
			assert.Equal(t, bigString(v), small[i].String(), "%s: Values and BigValues at %d", c.src, i)
		}
		assert.Equal(t, c.want, join(got), c.src)
	}
	// Exact beyond int64, undefined in Values.
	p, err := dsl.ParseProgram("a(n) = [x^n] 9223372036854775807/(1-x)^2")
	require.NoError(t, err)
	assert.Equal(t, "18446744073709551614", p.BigValues(2)[1].String())
	assert.Equal(t, dsl.Undef, p.Values(2)[1])
	// An exponent below 1 (not from the parser) leaves every term undefined.
	bad := dsl.NewRational(0, []int{0}, []*big.Int{big.NewInt(1)})
	assert.Equal(t, []*big.Int{nil, nil}, bad.BigValues(2))
}

// TestRationalCode pins the code lengths of rational programs: a 5-bit
// header with the offset bit, gamma(m+1), the exponent gaps, gamma(d+1)
// and the numerator coefficients.
func TestRationalCode(t *testing.T) {
	cases := []struct {
		src  string
		bits int
	}{
		// The worked example of the package documentation.
		{"a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))", 5 + 5 + (1 + 1 + 3 + 3 + 3) + 1 + 5},
		{"a(n) = [x^n] 1/((1-x)*(1-x^2)*(1-x^3))", 5 + 5 + (1 + 3 + 3) + 1 + 5},
		{"a(n) = [x^n] 0", 5 + 1 + 1 + 1},
		{"a(n) = [x^n] 1/(1-x^4); n >= 1", 5 + 3 + 5 + 1 + 5},
		{"a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3))", 5 + 5 + (1 + 1 + 3) + 5 + 5 + 5 + 1 + 5},
		{"a(n) = [x^n] -7*x/(1-x)", 5 + 3 + 1 + 3 + 1 + 9},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.bits, p.Bits(), c.src)
		assert.Len(t, p.Encode(), c.bits, c.src)
		g := p.Parts.(*dsl.RationalParts)
		assert.Equal(t, p.Bits(), dsl.RationalBits(g.Exps, g.Num), c.src)
	}
	// The header is "0011".
	p, err := dsl.ParseProgram("a(n) = [x^n] 1/(1-x); n >= 1")
	require.NoError(t, err)
	assert.Equal(t, "0011"+"1"+"010"+"1"+"1"+"01000", p.Encode())
	// No other kind's header is a prefix of it or it of theirs.
	words := []string{p.Encode()[:4], "0010", "000"}
	for order := 1; order <= dsl.MaxOrder; order++ {
		q := &dsl.Program{Kind: dsl.Recurrence, Order: order, Body: &dsl.Index{}}
		for range order {
			q.Init = append(q.Init, big.NewInt(0))
		}
		words = append(words, q.Encode()[:dsl.HeaderBits(dsl.Recurrence, order)-1])
	}
	words = append(words, "1")
	assertPrefixFree(t, words)
}

// TestRationalKraft enumerates the rational programs of at most 30 bits
// (far more than TestKraft reaches), checks that Encode agrees with Bits
// and that the words are prefix-free, and sums the body code's weights by
// length: each part of it is a complete code, so the bodies weigh at most
// 1 and approach it.
func TestRationalKraft(t *testing.T) {
	maxBits, minWords := 30, 10000 // about 9 s
	if testing.Short() {
		maxBits, minWords = 24, 10000
	}
	var words []string
	sum := 0.0
	head := dsl.HeaderBits(dsl.Rational, 0)
	rationals(maxBits-head, func(exps []int, num []*big.Int) {
		p := dsl.NewRational(0, exps, num)
		bits := p.Bits()
		require.LessOrEqual(t, bits, maxBits, dumpProgram(p))
		w := p.Encode()
		require.Len(t, w, bits, dumpProgram(p))
		words = append(words, w)
		sum += math.Exp2(-float64(bits - head))
	})
	t.Logf("%d rational programs of at most %d bits; their bodies weigh %.6f", len(words), maxBits, sum)
	require.Greater(t, len(words), minWords)
	assertPrefixFree(t, words)
	assert.LessOrEqual(t, sum, 1.0)

	// The same by counting, much further: g[b] and z[b] are the weights of
	// the gamma words and integer words of b bits.
	const far = 600
	g, z := make([]float64, far+1), make([]float64, far+1)
	for b := 1; b <= far; b += 2 {
		g[b] = math.Exp2(-float64(b+1) / 2) // 2^((b-1)/2) words of b bits
	}
	z[1] = 0.5 // the integer 0
	for l := 1; l < 64; l++ {
		// |v|+1 with l binary digits: 2^(l-1) magnitudes, two signs, each
		// word (l-1) + GammaBits(l) + 1 bits.
		if b := l - 1 + dsl.GammaBits(uint64(l)) + 1; b <= far && l > 1 {
			z[b] += math.Exp2(float64(l-1)+1-float64(b)) * 1
		}
	}
	conv := func(a, b []float64) []float64 {
		out := make([]float64, far+1)
		for i, x := range a {
			if x == 0 {
				continue
			}
			for j := 0; i+j <= far; j++ {
				out[i+j] += x * b[j]
			}
		}
		return out
	}
	// After gamma(m+1): m gaps, then gamma(d+1) and d+1 integers.
	one := make([]float64, far+1)
	one[0] = 1
	nums := make([]float64, far+1)
	ints := z
	for d := 0; d < far; d++ {
		if dsl.GammaBits(uint64(d)+1) > far {
			break
		}
		gd := make([]float64, far+1)
		gd[dsl.GammaBits(uint64(d)+1)] = math.Exp2(-float64(dsl.GammaBits(uint64(d) + 1)))
		for i, x := range conv(gd, ints) {
			nums[i] += x
		}
		ints = conv(ints, z)
	}
	body := make([]float64, far+1)
	gaps := one
	for m := 0; m < far; m++ {
		gm := make([]float64, far+1)
		if dsl.GammaBits(uint64(m)+1) > far {
			break
		}
		gm[dsl.GammaBits(uint64(m)+1)] = math.Exp2(-float64(dsl.GammaBits(uint64(m) + 1)))
		for i, x := range conv(conv(gm, gaps), nums) {
			body[i] += x
		}
		gaps = conv(gaps, g)
	}
	total, upTo := 0.0, 0.0
	for b, x := range body {
		total += x
		if b <= maxBits-head {
			upTo += x
		}
	}
	t.Logf("bodies of at most %d bits weigh %.6f", far, total)
	assert.InDelta(t, sum, upTo, 1e-12, "the count agrees with the enumeration")
	assert.LessOrEqual(t, total, 1.0)
	assert.Greater(t, total, 0.8)
}

// TestRationalEncodeRandom checks Encode against Bits on random rational
// programs with large coefficients and exponents.
func TestRationalEncodeRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		var exps []int
		var num []*big.Int
		for range r.IntN(dsl.MaxFactors + 1) {
			exps = append(exps, 1+r.IntN(40))
		}
		for range 1 + r.IntN(20) {
			num = append(num, randBigInt(r))
		}
		p := dsl.NewRational(r.IntN(2), exps, num)
		require.Len(t, p.Encode(), p.Bits(), dumpProgram(p))
	}
}

// TestRationalParseErrors checks the messages for malformed generating
// functions.
func TestRationalParseErrors(t *testing.T) {
	cases := []struct {
		src  string
		col  int
		want string
	}{
		{"a(n) = [x^m] 1", 11, `expected "n", found "m"`},
		{"a(n) = [x^n]", 13, "expected a numerator term such as 3, x, or 2*x^3, found end of input"},
		{"a(n) = [x^n] 1 + x/(1-x)", 16, "put a numerator of several terms in parentheses"},
		{"a(n) = [x^n] (1 + x", 20, `expected ")", found end of input`},
		{"a(n) = [x^n] (x + x)", 19, "the numerator has two terms in x"},
		{"a(n) = [x^n] (1 + 0*x)", 19, "leave out zero terms of the numerator"},
		{"a(n) = [x^n] (1 + -x)", 19, `expected a numerator term such as 3, x, or 2*x^3, found "-"`},
		{"a(n) = [x^n] 2*n", 16, `expected "x", found "n"`},
		{"a(n) = [x^n] x^1001", 16, "the power of x must be 0..1000, found 1001"},
		{"a(n) = [x^n] 1/(1+x)", 18, `expected "-", found "+": the denominator is a product of factors (1-x^e)`},
		{"a(n) = [x^n] 1/(2-x)", 17, `expected "1", found "2"`},
		{"a(n) = [x^n] 1/1-x", 17, `unexpected "-" after the program`},
		{"a(n) = [x^n] 1/(1-x^0)", 21, "the exponent of a factor (1-x^e) must be 1..1000, found 0"},
		{"a(n) = [x^n] 1/((1-x)*(1-x^2)", 30, `expected ")", found end of input`},
		{"a(n) = [x^n] 1/(1-x)^13", 22, "the denominator has at most 12 factors (1-x^e), found 13"},
		{"a(n) = [x^n] 1/(1-x)^0", 22, "the power of a factor must be 1..1000, found 0"},
		{"a(n) = [x^n] 1/(1-x); n >= 2", 28, `expected the first index, 0 or 1, found "2"`},
		{"a(n) = [x^n] 1/(1-x); a(0) = 1", 23, `expected "n", found "a"`},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			p, err := dsl.ParseProgram(c.src)
			require.Error(t, err, "parsed as %s", dumpProgram(p))
			var pe *dsl.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, err.Error(), c.want)
			assert.Equal(t, c.col, pe.Pos, "column of %q", err)
			assert.NotContains(t, err.Error(), "\n")
		})
	}
}

// TestRationalPrintCanonical checks that every way of writing a generating
// function prints the one canonical form.
func TestRationalPrintCanonical(t *testing.T) {
	for src, want := range map[string]string{
		"a(n)=[x^n]1/((1-x^3)*(1-x)*(1-x))":    "a(n) = [x^n] 1/((1-x)^2*(1-x^3))",
		"a(n) = [x^n] (1)/((1-x^1)^2)":         "a(n) = [x^n] 1/(1-x)^2",
		"a(n) = [x^n] (x^2 - 1 + 3*x)/1":       "a(n) = [x^n] (-1 + 3*x + x^2)",
		"a(n) = [x^n] 1*x^0/(1-x); n >= 0":     "a(n) = [x^n] 1/(1-x)",
		"a(n) = [x^n] (-x^3)/(1-x); n >= 1":    "a(n) = [x^n] -x^3/(1-x); n >= 1",
		"a(n) = [x^n] -0":                      "a(n) = [x^n] 0",
		"a(n) = [x^n] (2*x)/((1-x^2)^2*(1-x))": "a(n) = [x^n] 2*x/((1-x)*(1-x^2)^2)",
		"a(n) = [x^n] 12345678901234567890123": "a(n) = [x^n] 12345678901234567890123",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, want, p.String(), src)
		q, err := dsl.ParseProgram(p.String())
		require.NoError(t, err)
		assert.Equal(t, dumpProgram(p), dumpProgram(q))
		assert.True(t, strings.HasPrefix(q.String(), "a(n) = [x^n] "))
	}
}
