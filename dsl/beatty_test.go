package dsl_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// beattyTruth computes round(n*C) + K independently of the big.Float
// evaluation, for the constants whose multiples math/big gives exactly:
// quadratic irrationals through integer square roots, pi and e through
// 60 published decimals (n*C is never within 10^-50 of an integer for
// the n tested).
var beattyTruth = map[string]func(n int64) *big.Int{
	// floor(n*sqrt(2)) = isqrt(2n^2)
	"a(n) = floor(n*sqrt(2))": func(n int64) *big.Int { return isqrtBig(2 * n * n) },
	// floor(n*(1+sqrt(5))/2) = floor((n + isqrt(5n^2))/2): floor((n + x)/2) = floor((n + floor(x))/2)
	"a(n) = floor(n*(1+sqrt(5))/2)": func(n int64) *big.Int {
		s := isqrtBig(5 * n * n)
		return s.Add(s, big.NewInt(n)).Rsh(s, 1)
	},
	// ceiling(n*sqrt(3)) - 1 = isqrt(3n^2) for n >= 1 (3n^2 is no square)
	"a(n) = ceiling(n*sqrt(3)) - 1; n >= 1": func(n int64) *big.Int { return isqrtBig(3 * n * n) },
	// round(n*sqrt(5)) + 2 = floor((isqrt(20n^2) + 1)/2) + 2
	"a(n) = round(n*sqrt(5)) + 2": func(n int64) *big.Int {
		s := isqrtBig(20 * n * n)
		s.Add(s, big.NewInt(1)).Rsh(s, 1)
		return s.Add(s, big.NewInt(2))
	},
	// floor(n*(2-sqrt(7))) = n*2 - ceiling(n*sqrt(7)) = 2n - isqrt(7n^2) - 1 for n >= 1
	"a(n) = floor(n*(2-sqrt(7))); n >= 1": func(n int64) *big.Int {
		s := isqrtBig(7 * n * n)
		return s.Sub(big.NewInt(2*n-1), s)
	},
	"a(n) = floor(n*pi)":        decimalMultiple("3.141592653589793238462643383279502884197169399375105820974944", 0),
	"a(n) = floor(n*e) - 5":     decimalMultiple("2.718281828459045235360287471352662497757247093699959574966967", -5),
	"a(n) = round(n*pi/2)":      decimalMultiple("1.570796326794896619231321691639751442098584699687552910487472", 0, 1),
	"a(n) = ceiling(n*(pi-3))":  decimalMultiple("0.141592653589793238462643383279502884197169399375105820974944", 0, 2),
	"a(n) = floor(n*1/4) + 7":   decimalMultiple("0.25", 7), // exact
	"a(n) = round(n*3/4); n>=1": decimalMultiple("0.75", 0, 1),
}

func isqrtBig(x int64) *big.Int { return new(big.Int).Sqrt(big.NewInt(x)) }

// decimalMultiple returns n -> floor(n*c) + add for a decimal c, or
// round (mode 1: floor(n*c + 1/2)) or ceiling (mode 2), in big.Rat.
func decimalMultiple(c string, add int64, mode ...int) func(n int64) *big.Int {
	r, _ := new(big.Rat).SetString(c)
	return func(n int64) *big.Int {
		x := new(big.Rat).Mul(r, new(big.Rat).SetInt64(n))
		if len(mode) > 0 && mode[0] == 1 {
			x.Add(x, big.NewRat(1, 2))
		}
		ceil := len(mode) > 0 && mode[0] == 2
		if ceil {
			x.Neg(x)
		}
		f := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean: the floor, the denominator being positive
		if ceil {
			f.Neg(f)
		}
		return f.Add(f, big.NewInt(add))
	}
}

// TestBeattyValues checks the terms against the independent computations
// of beattyTruth, 300 of them each, and Values against BigValues.
func TestBeattyValues(t *testing.T) {
	for src, truth := range beattyTruth {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		got := p.BigValues(300)
		small := p.Values(300)
		for i, v := range got {
			n := int64(p.Offset + i)
			require.NotNil(t, v, "%s at n = %d", src, n)
			require.Equal(t, truth(n).String(), v.String(), "%s at n = %d", src, n)
			require.Equal(t, v.Int64(), int64(small[i]), "%s at n = %d", src, n)
		}
	}
}

// TestBeattyUndefined: a term whose n*C is an integer the evaluation
// cannot prove one is undefined, never guessed; a constant that is
// undefined leaves every term undefined; n = 0 gives K.
func TestBeattyUndefined(t *testing.T) {
	cases := []struct{ src, want string }{
		{"a(n) = floor(n*1/3)", "[0 0 0 <nil> 1 1 <nil> 2 2 <nil>]"},       // 1/3 is rounded in binary
		{"a(n) = floor(n*sqrt(2)^2)", "[0 <nil> <nil> <nil> <nil> <nil>]"}, // 2.000... in doubt
		{"a(n) = floor(n*3/2) + 1", "[1 2 4 5 7 8]"},                       // exact
		{"a(n) = floor(n*log(1-1))", "[<nil> <nil> <nil>]"},                // log 0
		{"a(n) = round(n*1/2)", "[0 1 1 2 2 3]"},                           // round(1/2) = floor(1) = 1
		{"a(n) = ceiling(n*1/2); n >= 1", "[1 1 2 2 3 3]"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		vals := p.BigValues(countOf(c.want))
		assert.Equal(t, c.want, fmt.Sprint(vals), c.src)
	}
	// Huge terms: e^2000 has 2886 bits before the point.
	p, err := dsl.ParseProgram("a(n) = floor(n*exp(2000))")
	require.NoError(t, err)
	vals := p.BigValues(3)
	require.NotNil(t, vals[2])
	assert.Equal(t, 2887, vals[2].BitLen())
}

// countOf counts the terms of a printed list "[a b c]".
func countOf(list string) int {
	n := 1
	for _, c := range list {
		if c == ' ' {
			n++
		}
	}
	return n
}

// TestBeattyParsePrint: round trips of the text form, and its errors.
func TestBeattyParsePrint(t *testing.T) {
	cases := []struct{ in, out string }{
		{"a(n) = floor(n*pi)", "a(n) = floor(n*pi)"},
		{"a(n)=floor( n * pi )+0", "a(n) = floor(n*pi)"},
		{"a(n) = floor(n*(1+sqrt(5))/2); n >= 1", "a(n) = floor(n*(1+sqrt(5))/2); n >= 1"},
		{"a(n) = floor(n*((1+sqrt(5))/2))", "a(n) = floor(n*(1+sqrt(5))/2)"},
		{"a(n) = ceiling(n*sqrt(2)) - 1", "a(n) = ceiling(n*sqrt(2)) - 1"},
		{"a(n) = round(n*e^pi) + 12; n >= 0", "a(n) = round(n*e^pi) + 12"},
		{"a(n) = floor(n*pi*e)", "a(n) = floor(n*pi*e)"},
		{"a(n) = floor(n*pi/(pi-2))", "a(n) = floor(n*pi/(pi-2))"},
		{"a(n) = floor(n*(e-1))", "a(n) = floor(n*(e-1))"},
		{"a(n) = floor(n*2^(1/3)) - 9223372036854775807", "a(n) = floor(n*2^(1/3)) - 9223372036854775807"},
	}
	checkParsePrint(t, dsl.Beatty, cases, map[string]string{
		"a(n) = floor(n*pi+1)":                      "a sum in floor(n*C) needs parentheses",
		"a(n) = floor(n/pi)":                        "expected floor(n*C) or floor(C^n)",
		"a(n) = floor(pi*n)":                        `expected "^", found "*"`,
		"a(n) = floor(n*n)":                         "expected a number",
		"a(n) = floor(n*pi) + x":                    "expected the integer added",
		"a(n) = floor(n*pi) + 99999999999999999999": "expected the integer added",
		"a(n) = floor(n*pi); n >= 2":                "expected the first index",
		"a(n) = floor(n*pi) * 2":                    `unexpected "*"`,
		"a(n) = floor(n*0)":                         "constants are positive integers",
		"a(n) = floor(n*pi":                         `expected ")"`,
	})
}

// TestBeattyCodeLengths pins the documented lengths: the 11-bit header
// and the offset bit, the rounding (1 or 2 bits), the constant in the
// real code and the added integer.
func TestBeattyCodeLengths(t *testing.T) {
	for src, bits := range map[string]int{
		"a(n) = floor(n*pi)":                    11 + 1 + 1 + 4 + 1,
		"a(n) = floor(n*e)":                     11 + 1 + 1 + 6 + 1,
		"a(n) = floor(n*sqrt(2)); n >= 1":       11 + 1 + 1 + (4 + 5) + 1,
		"a(n) = ceiling(n*sqrt(2)) - 1; n >= 1": 11 + 1 + 2 + (4 + 5) + 5,
		"a(n) = round(n*e) + 3":                 11 + 1 + 2 + 6 + 6,
		"a(n) = floor(n*(1+sqrt(5))/2); n >= 1": 11 + 1 + 1 + (2 + (4 + 3 + (4 + 7)) + 5) + 1,
		"a(n) = floor(n*pi/(pi-2))":             11 + 1 + 1 + (2 + 4 + (4 + 4 + 5)) + 1,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
	p, err := dsl.ParseProgram("a(n) = ceiling(n*pi) - 1; n >= 1")
	require.NoError(t, err)
	assert.Equal(t, "0111"+"0001011"+"1"+"10"+dsl.RealWord(dsl.RPi)+"01001", p.Encode())
}

func Example_beatty() {
	p, _ := dsl.ParseProgram("a(n) = floor(n*(1+sqrt(5))/2); n >= 1")
	fmt.Println(p.BigValues(12))
	fmt.Println(p.Bits(), "bits")
	// Output:
	// [1 3 4 6 8 9 11 12 14 16 17 19]
	// 39 bits
}
