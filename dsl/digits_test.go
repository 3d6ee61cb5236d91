package dsl_test

import (
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// digitsString renders digits, "?" for undefined ones.
func digitsString(vals []*big.Int) string {
	var sb strings.Builder
	for _, v := range vals {
		if v == nil {
			sb.WriteByte('?')
		} else {
			sb.WriteString(v.String())
		}
	}
	return sb.String()
}

// TestDigitsKnown checks the big.Float evaluation (Machin's pi, the
// series of exp and log) against published digits to 50 places and more.
func TestDigitsKnown(t *testing.T) {
	cases := []struct{ src, want string }{
		{"a = digits(pi)", "314159265358979323846264338327950288419716939937510582097494459230781640628620899"},
		{"a = digits(e)", "271828182845904523536028747135266249775724709369995957496696762772407663035354759"},
		{"a = digits(log(2))", "693147180559945309417232121458176568075500134360255254120680009493393621969694715"},
		{"a = digits(sqrt(2))", "141421356237309504880168872420969807856967187537694807317667973799073247846210703"},
		{"a = digits(exp(pi) - pi)", "199990999791894757672664429846690"}, // e^pi - pi = 19.99909997918947...
		{"a = digits(log(10))", "230258509299404568401799145468436420760110148862877297603332790096757260967735248"},
		{"a = digits(2^(1/2))", "141421356237309504880168872420969807856967187537694807317667973799073247846210703"},
		{"a = digits(1/471, from 1)", "0021231422505307855626326963906581740976645435244161"},
		{"a = digits(1/4)", "25000000"},    // exact: the zeros are certain
		{"a = digits(7^2/16)", "30625000"}, // exact in binary
		{"a = digits(7^2/10)", "4????"},    // 4.9 is not: 4.8999... is not excluded
		{"a = digits((1-3)^3)", "8000"},    // |(-2)^3|: digits of the absolute value
		{"a = digits(log(1/8))", "2079441541679835928251696364374529704226500403080765762362040028480180865909084146"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		got := digitsString(p.BigValues(len(c.want)))
		assert.Equal(t, c.want, got, c.src)
	}
}

// TestDigitsUndefined: undefined constants and digits in doubt are
// undefined, never wrong, and cost little time.
func TestDigitsUndefined(t *testing.T) {
	for _, src := range []string{
		"a = digits(log(1-1))",    // log 0
		"a = digits(log(1-2))",    // log of a negative number
		"a = digits(1/(2-2))",     // division by zero
		"a = digits(sqrt(1-2))",   // square root of a negative number
		"a = digits((1-2)^(1/2))", // non-integer power of a negative number
		"a = digits(exp(3000))",   // beyond 2^4096
		"a = digits(2^3^4^5)",     // far beyond
		"a = digits(exp(exp(exp(exp(2)))))",
		"a = digits(1/10^5000)", // below 2^-4096
		"a = digits(pi - pi)",   // zero within the error bound
		"a = digits(10^100000000)",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		for i, v := range p.BigValues(20) {
			assert.Nil(t, v, "%s: digit %d", src, i)
		}
		for i, v := range p.Values(20) {
			assert.False(t, v.Defined(), "%s: digit %d", src, i)
		}
	}
	// sqrt(2)^2 is 2 up to the error bound: its digits 2.000... are in
	// doubt (2 - eps would be 1.999...) and stay undefined, not 1 or 2.
	p, err := dsl.ParseProgram("a = digits(sqrt(2)^2)")
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("?", 10), digitsString(p.BigValues(10)))
}

// TestDigitsValuesAgree: Values and BigValues give the same digits.
func TestDigitsValuesAgree(t *testing.T) {
	for _, src := range []string{"a = digits(log(8))", "a = digits(sqrt(2*pi*e)/21)", "a = digits(1/471, from 1)", "a = digits(sqrt(2)^2)", "a = digits(e^pi, from -1)"} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err)
		big, small := p.BigValues(60), p.Values(60)
		for i := range big {
			if big[i] == nil {
				assert.False(t, small[i].Defined(), src)
			} else {
				assert.Equal(t, big[i].Int64(), int64(small[i]), src)
			}
		}
	}
}

// TestDigitsParsePrint: text round trips, the default start left out.
func TestDigitsParsePrint(t *testing.T) {
	cases := []struct{ in, out string }{
		{"a = digits(log(8))", "a = digits(log(8))"},
		{"a=digits( log (8) , from 0 )", "a = digits(log(8))"},
		{"a = digits(log(3)/log(23))", "a = digits(log(3)/log(23))"},
		{"a = digits(49^(1/5))", "a = digits(49^(1/5))"},
		{"a = digits(sqrt(2*pi*e)/21)", "a = digits(sqrt(2*pi*e)/21)"},
		{"a = digits(sqrt(2*pi*e)/21, from 1)", "a = digits(sqrt(2*pi*e)/21)"},
		{"a = digits(1/471, from 1)", "a = digits(1/471, from 1)"},
		{"a = digits((1+2)*3 - (4-5) - 6/(7*8))", "a = digits((1+2)*3-(4-5)-6/(7*8))"},
		{"a = digits((2^3)^4^5)", "a = digits((2^3)^4^5)"},
		{"a = digits(1/(2/3))", "a = digits(1/(2/3))"},
		{"a = digits(exp(1), from -3)", "a = digits(exp(1), from -3)"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.out, p.String(), c.in)
		q, err := dsl.ParseProgram(p.String())
		require.NoError(t, err)
		assert.Equal(t, dumpProgram(p), dumpProgram(q))
		assert.Len(t, p.Encode(), p.Bits(), c.in)
	}
	for _, bad := range []string{
		"a = digits()", "a = digits(n)", "a = digits(0)", "a = digits(-2)", "a = digits(2, from)",
		"a = digits(2, from 3000)", "a = digits(2, to 1)", "a = digits(log 2)", "a = digits(2",
		"a = digits(99999999999999999999)", "a = digits(2) 3", "a = digits(k)", "a = digits(pi(2))",
	} {
		_, err := dsl.ParseProgram(bad)
		assert.Error(t, err, bad)
	}
}

// TestDigitsCodeLengths pins the documented lengths: the 11-bit header,
// the start (1 bit by default) and the real expression's words.
func TestDigitsCodeLengths(t *testing.T) {
	assert.Equal(t, 11, dsl.HeaderBits(dsl.Digits, 0))
	for src, bits := range map[string]int{
		"a = digits(pi)":               11 + 1 + 4,
		"a = digits(log(8))":           11 + 1 + 4 + 2 + 7,
		"a = digits(log(3)/log(23))":   11 + 1 + 2 + 4 + 5 + 4 + 11,
		"a = digits(49^(1/5))":         11 + 1 + 4 + 13 + 2 + 3 + 7,
		"a = digits(1/471, from 1)":    11 + 5 + 2 + 3 + 19, // start 2 places early: IntBits(-2) = 5
		"a = digits(sqrt(2*pi*e)/21)":  11 + 1 + 2 + 4 + 4 + 5 + 4 + 4 + 5 + 11,
		"a = digits(exp(1)+e, from 2)": 11 + 5 + 4 + 5 + 3 + 5, // 5.43...: two places after the default 0
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
}

// TestRealKraft: the real code table is complete (Kraft sum 1), its words
// are prefix-free, and the expressions it codes weigh 11/16 in all: the
// smallest root of W = L + U*W + B*W^2 with L = 1/4 + 1/16 + 1/32 (integers,
// pi, e), U = 1/16 + 1/16 + 1/32 (sqrt, log, exp), B = 1/4 + 4/16 (/ and
// * ^ + -); the other root is 1. Summed by length, as TestKraftSeries does for the integer
// language, and checked against an enumeration of the short ones.
func TestRealKraft(t *testing.T) {
	sum := 0.0
	words := make([]string, dsl.NumRealOps)
	for op := range dsl.NumRealOps {
		w := dsl.RealWord(op)
		assert.Len(t, w, dsl.RealOps[op].Bits)
		words[op] = w
		sum += math.Exp2(-float64(dsl.RealOps[op].Bits))
	}
	assert.Equal(t, 1.0, sum)
	assertPrefixFree(t, words)

	const maxBits = 300
	w := make([]float64, maxBits+1)
	for b := 2; b <= maxBits; b++ {
		if g := b - dsl.RealOps[dsl.RInt].Bits; g >= 1 && g%2 == 1 {
			w[b] += math.Exp2(float64((g-1)/2) - float64(b)) // 2^((g-1)/2) integers
		}
		for op := range dsl.NumRealOps {
			info := dsl.RealOps[op]
			ow := math.Exp2(-float64(info.Bits))
			switch {
			case info.Arity == 0 && op != dsl.RInt && info.Bits == b:
				w[b] += ow
			case info.Arity == 1 && b-info.Bits >= 2:
				w[b] += ow * w[b-info.Bits]
			case info.Arity == 2:
				for bx := 2; bx <= b-info.Bits-2; bx++ {
					w[b] += ow * w[bx] * w[b-info.Bits-bx]
				}
			}
		}
	}
	total := 0.0
	for _, x := range w {
		total += x
	}
	// The series converges slowly (to 0.681 at 300 bits); it must stay
	// below the limit.
	assert.LessOrEqual(t, total, 11.0/16)
	assert.Greater(t, total, 0.68)

	// Every real expression of at most 16 bits, encoded: prefix-free, of
	// the right lengths, and the same weight as the series.
	var all []string
	enum := realExprs()
	for b := 2; b <= 16; b++ {
		rs := enum(b)
		assert.InDelta(t, float64(len(rs))*math.Exp2(-float64(b)), w[b], 1e-12, "weight of %d-bit expressions", b)
		for _, r := range rs {
			p := &dsl.Program{Kind: dsl.Digits, Real: r}
			p.From = dsl.DefaultFrom(r)
			code := p.Encode()
			require.Len(t, code, p.Bits())
			require.Equal(t, b, dsl.RealBits(r))
			all = append(all, code[dsl.HeaderBits(dsl.Digits, 0)+1:])
			back, err := dsl.ParseReal(dsl.FormatReal(r))
			require.NoError(t, err, dsl.FormatReal(r))
			require.Equal(t, dumpReal(r), dumpReal(back))
		}
	}
	assertPrefixFree(t, all)
}
