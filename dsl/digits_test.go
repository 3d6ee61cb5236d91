package dsl_test

import (
	"math"
	"math/big"
	"os"
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
// series of exp, log, sin, cos and atan) against published digits to 50
// places and more.
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
		// The trigonometric functions, against bc -l and mpmath at 90 places.
		{"a = digits(sin(1))", "841470984807896506652502321630298999622563060798371065672751709991910404391239668948"},
		{"a = digits(cos(1))", "540302305868139717400936607442976603732310420617922227670097255381100394774471764517"},
		{"a = digits(tan(1))", "155740772465490223050697480745836017308725077238152003838394660569886139715172728955"},
		{"a = digits(atan(1)*4)", "314159265358979323846264338327950288419716939937510582097494459230781640628620899862"},
		{"a = digits(atan(1/5))", "197395559849880758370049765194790293447585103787852101517688940241033969978243785732"},
		{"a = digits(atan(1/3))", "321750554396642193401404614358661319020755295557656191432803059356756237405810544356"},
		{"a = digits(atan(sqrt(48)))", "142744875788953126163624741148313311599964548655408858204058343808898010721614820609"},
		{"a = digits(cos(pi/7))", "900968867902419126236102319507445051165919162131857150053562"},
		{"a = digits(16*atan(1/5) - 4*atan(1/239))", "314159265358979323846264338327950288419716939937510582097494459230781640628620899862"},
		{"a = digits(sin(1000000))", "34999350217129295211765248678077146906140660532871"},
		{"a = digits(atan(1000000))", "15707953267948966195646550249728847754319181758780"},
		{"a = digits(atan(exp(2000)))", "15707963267948966192313216916397514420985846996875"}, // pi/2 - e^-2000: the slope tames exp's error
		{"a = digits(cos(1-2))", "540302305868139717400936607442976603732310420617922227670097255381100394774471764517"},
		{"a = digits(sin(1-2))", "841470984807896506652502321630298999622563060798371065672751709991910404391239668948"},
		{"a = digits(sin(5))", "95892427466313846889315440615599397335246154396460"}, // the quadrants: 5 = 3*pi/2 + 0.29..., 2 = pi/2 + 0.43..., 3 = pi - 0.14...
		{"a = digits(cos(5))", "28366218546322626446663917151355730833442259225221"},
		{"a = digits(cos(2))", "41614683654714238699756822950076218976600077107554"},
		{"a = digits(atan(1-3))", "11071487177940905030170654601785370400700476454014"},
		{"a = digits(sin(pi/3))", "86602540378443864676372317075293618347140262690519"},
		{"a = digits(tan(3))", "142546543074277805295635410533913493226"}, // tan 3 = -0.1425...
		// atan(x) = x - x^3/3 + ...: 10^-30 - 10^-90/3, 29 zeros and 9s.
		{"a = digits(atan(1/10^30), from 1)", "000000000000000000000000000000999999999999999999999999999999999999999999999999999999999999"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		got := digitsString(p.BigValues(len(c.want)))
		assert.Equal(t, c.want, got, c.src)
	}
}

// TestDigitsTrigLong checks sin, cos, tan and atan to 2000 places, where
// the evaluation runs at thousands of bits, against testdata computed
// with mpmath.
func TestDigitsTrigLong(t *testing.T) {
	data, err := os.ReadFile("testdata/trig-digits.txt")
	require.NoError(t, err)
	n := 0
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		src, want, ok := strings.Cut(strings.TrimSpace(line), " ")
		require.True(t, ok, line)
		p, err := dsl.ParseProgram("a = digits(" + src + ")")
		require.NoError(t, err, src)
		assert.Equal(t, want, digitsString(p.BigValues(len(want))), src)
		n++
	}
	assert.Equal(t, 6, n)
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
		"a = digits(sin(pi))",      // zero within the error bound
		"a = digits(cos(pi/2))",    // likewise
		"a = digits(tan(pi/2))",    // a pole: cos is within its error of zero
		"a = digits(tan(3*pi/2))",  // another
		"a = digits(sin(2^21))",    // beyond MaxTrigArg
		"a = digits(tan(10^9))",    // likewise
		"a = digits(cos(2^3^4^5))", // far beyond
		"a = digits(atan(1/10^5000))",
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
	// So are exact values that only an exact computation would give: pi
	// is rounded, so sin(pi/6) = 1/2, cos(pi/3) = 1/2, tan(pi/4) = 1 and
	// atan(1)*4/pi = 1 are each known only to within their error bounds,
	// which straddle the digit boundary: every digit (even the first,
	// 4 or 5? 0 or 1?) is undefined rather than wrong.
	for _, src := range []string{"a = digits(sqrt(2)^2)", "a = digits(sin(pi/6))", "a = digits(cos(pi/3))", "a = digits(tan(pi/4))", "a = digits(atan(1)*4/pi)"} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err)
		assert.Equal(t, strings.Repeat("?", 10), digitsString(p.BigValues(10)), src)
	}
}

// TestDigitsValuesAgree: Values and BigValues give the same digits.
func TestDigitsValuesAgree(t *testing.T) {
	for _, src := range []string{"a = digits(log(8))", "a = digits(sqrt(2*pi*e)/21)", "a = digits(1/471, from 1)", "a = digits(sqrt(2)^2)", "a = digits(e^pi, from -1)", "a = digits(tan(1))", "a = digits(sin(pi/6))"} {
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
		{"a = digits( sin(1) )", "a = digits(sin(1))"},
		{"a = digits(cos(pi/7))", "a = digits(cos(pi/7))"},
		{"a = digits(tan(1)^2)", "a = digits(tan(1)^2)"},
		{"a = digits(atan(sqrt(48)))", "a = digits(atan(sqrt(48)))"},
		{"a = digits(4*atan(1/5)-atan(1/239))", "a = digits(4*atan(1/5)-atan(1/239))"},
		{"a = digits(sin(cos(tan(atan(2)))))", "a = digits(sin(cos(tan(atan(2)))))"},
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
		"a = digits(sin 1)", "a = digits(sin())", "a = digits(atan(1, 2))", "a = digits(arctan(1))", "a = digits(sin)",
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
		"a = digits(sqrt(2*pi*e)/21)":  11 + 1 + 2 + 4 + 4 + 4 + 5 + 4 + 6 + 11,
		"a = digits(exp(1)+e, from 2)": 11 + 5 + 4 + 6 + 3 + 6, // 5.43...: two places after the default 0
		"a = digits(sin(1))":           11 + 1 + 7 + 3,
		"a = digits(atan(sqrt(48)))":   11 + 1 + 7 + 4 + 2 + 11,
		"a = digits(cos(pi/7))":        11 + 1 + 7 + 2 + 4 + 2 + 5,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
}

// TestRealKraft: the real code table is complete (Kraft sum 1), its words
// are prefix-free, and the expressions it codes weigh 21/32 in all: the
// smallest root of W = L + U*W + B*W^2 with L = 1/4 + 1/16 + 1/64
// (integers, pi, e), U = 1/16 + 1/16 + 1/64 + 4/128 (sqrt, log, exp, sin,
// cos, tan, atan), B = 1/4 + 4/16 (/ and * ^ + -), that is
// 32W^2 - 53W + 21 = 0; the other root is 1. Summed by length, as TestKraftSeries does for the integer
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
	// The series converges slowly; it must stay below the limit.
	t.Logf("weight of the expressions up to %d bits: %.5f (limit %.5f)", maxBits, total, 21.0/32)
	assert.LessOrEqual(t, total, 21.0/32)
	assert.Greater(t, total, 0.65)

	// Every real expression of at most 16 bits, encoded: prefix-free, of
	// the right lengths, and the same weight as the series.
	var all []string
	enum := realExprs()
	for b := 2; b <= 16; b++ {
		rs := enum(b)
		assert.InDelta(t, float64(len(rs))*math.Exp2(-float64(b)), w[b], 1e-12, "weight of %d-bit expressions", b)
		for _, r := range rs {
			p := dsl.NewDigits(r, dsl.DefaultFrom(r))
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

// TestTrigErrorBounds: at low precision the error bound of EvalReal still
// covers the distance to the value at 4096 bits (checked against mpmath
// by TestDigitsTrigLong), also where the reduction modulo pi/2 cancels
// (355 is near 113*pi) and near a pole of tan.
func TestTrigErrorBounds(t *testing.T) {
	for _, src := range []string{
		"sin(1)", "cos(1)", "tan(1)", "atan(1/3)", "sin(355)", "cos(355/226)", "tan(355/226)",
		"tan(52163/33208)", "sin(1000000)", "cos(999999)", "atan(sqrt(48))", "atan(1/10^30)",
		"sin(1/10^40)", "cos(1/10^20)", "tan(pi/3)", "atan(exp(100))", "sin(pi)", "cos(pi/2+1/10^9)",
	} {
		r, err := dsl.ParseReal(src)
		require.NoError(t, err, src)
		truth, terr := dsl.EvalReal(r, 4096)
		require.NotNil(t, truth, src)
		for _, prec := range []uint{64, 100, 200, 500} {
			v, e := dsl.EvalReal(r, prec)
			if v == nil {
				continue // undefined at this precision: never wrong
			}
			d := new(big.Float).Sub(v, truth)
			d.Abs(d)
			bound := new(big.Float).Add(e, terr)
			assert.True(t, d.Cmp(bound) <= 0, "%s at %d bits: off by %g, bound %g", src, prec, d, bound)
		}
	}
}
