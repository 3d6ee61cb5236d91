package dsl_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// ratPower returns n -> round(c^n) + add for a rational c in math/big
// (mode 0 floor, 1 round, 2 ceiling): exact for an exact c, and good for
// the n tested for a c given to 60 places.
func ratPower(c string, add int64, mode int) func(n int64) *big.Int {
	r, _ := new(big.Rat).SetString(c)
	return func(n int64) *big.Int {
		x := new(big.Rat).SetInt64(1)
		for range n {
			x.Mul(x, r)
		}
		switch mode {
		case 1:
			x.Add(x, big.NewRat(1, 2))
		case 2:
			x.Neg(x)
		}
		f := new(big.Int).Div(x.Num(), x.Denom())
		if mode == 2 {
			f.Neg(f)
		}
		return f.Add(f, big.NewInt(add))
	}
}

// rootPower returns n -> floor((x^(1/m))^n), or its ceiling: the largest
// y with y^m <= x^n (the least with y^m >= x^n), by bisection on the
// integers.
func rootPower(x, m int64, ceiling bool) func(n int64) *big.Int {
	return func(n int64) *big.Int {
		target := new(big.Int).Exp(big.NewInt(x), big.NewInt(n), nil)
		lo, hi := big.NewInt(0), new(big.Int).Add(target, big.NewInt(1)) // lo^m <= target < hi^m
		for new(big.Int).Sub(hi, lo).Cmp(big.NewInt(1)) > 0 {
			mid := new(big.Int).Add(lo, hi)
			mid.Rsh(mid, 1)
			if new(big.Int).Exp(mid, big.NewInt(m), nil).Cmp(target) <= 0 {
				lo = mid
			} else {
				hi = mid
			}
		}
		if ceiling && new(big.Int).Exp(lo, big.NewInt(m), nil).Cmp(target) < 0 {
			lo.Add(lo, big.NewInt(1))
		}
		return lo
	}
}

// pellLucasFloor is floor((1+sqrt(2))^n) from the integers Q(n) =
// (1+sqrt(2))^n + (1-sqrt(2))^n, Q(0) = Q(1) = 2, Q(n) = 2Q(n-1) + Q(n-2):
// Q(n) - 1 for even n, where (1-sqrt(2))^n > 0, and Q(n) for odd n.
func pellLucasFloor(n int64) *big.Int {
	q0, q1 := big.NewInt(2), big.NewInt(2)
	for range n {
		q0, q1 = q1, new(big.Int).Add(new(big.Int).Lsh(q1, 1), q0)
	}
	if n%2 == 0 {
		return q0.Sub(q0, big.NewInt(1))
	}
	return q0
}

// TestPowerValues checks the terms against independent computations in
// math/big, 40 of them each, and Values against BigValues.
func TestPowerValues(t *testing.T) {
	for src, truth := range map[string]func(n int64) *big.Int{
		"a(n) = floor(e^n)":                     ratPower("2.718281828459045235360287471352662497757247093699959574966967", 0, 0),
		"a(n) = ceiling(pi^n) - 3; n >= 1":      ratPower("3.141592653589793238462643383279502884197169399375105820974944", -3, 2),
		"a(n) = round((3/2)^n)":                 ratPower("1.5", 0, 1),
		"a(n) = floor((11/4)^n) + 2":            ratPower("2.75", 2, 0),
		"a(n) = floor((1+sqrt(2))^n)":           pellLucasFloor,
		"a(n) = round((1/3)^n)":                 ratPower("1/3", 0, 1),
		"a(n) = floor((1-3)^n)":                 ratPower("-2", 0, 0),
		"a(n) = ceiling((pi/2)^n); n >= 1":      ratPower("1.570796326794896619231321691639751442098584699687552910487472", 0, 2),
		"a(n) = floor((e/2)^n) - 7; n >= 1":     ratPower("1.359140914229522617680143735676331248878623546849979787483483", -7, 0),
		"a(n) = round(sqrt(2*pi)^n); n >= 1":    ratPower("2.506628274631000502415765284811045253006986740609938316629923", 0, 1),
		"a(n) = floor((5^(1/3))^n)":             rootPower(5, 3, false),
		"a(n) = ceiling((6^(1/4))^n) + 1":       func(n int64) *big.Int { return new(big.Int).Add(rootPower(6, 4, true)(n), big.NewInt(1)) },
		"a(n) = ceiling(sqrt(7)^n); n >= 1":     rootPower(7, 2, true),
		"a(n) = floor(sqrt(sqrt(11))^n)":        rootPower(11, 4, false),
		"a(n) = ceiling(sqrt(sqrt(sqrt(3)))^n)": rootPower(3, 8, true),
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		got, small := p.BigValues(40), p.Values(40)
		for i, v := range got {
			n := int64(p.Offset + i)
			require.NotNil(t, v, "%s at n = %d", src, n)
			require.Equal(t, truth(n).String(), v.String(), "%s at n = %d", src, n)
			require.Equal(t, dsl.FromBig(v), small[i], "%s at n = %d", src, n)
		}
	}
}

// TestPowerUndefined: a power that is an integer the evaluation cannot
// prove one is undefined, never guessed; so is a power beyond
// 2^MaxRealExp and every power beyond MaxPowerIndex.
func TestPowerUndefined(t *testing.T) {
	for src, want := range map[string]string{
		"a(n) = floor(sqrt(2)^n)":           "[1 1 2 2 4 5 8 11]",                            // exact at even n
		"a(n) = floor((sqrt(2)*sqrt(2))^n)": "[1 <nil> <nil> <nil> <nil> <nil> <nil> <nil>]", // 2.000... in doubt
		"a(n) = floor((1-2)^n)":             "[1 -1 1 -1 1 -1 1 -1]",                         // exact
		"a(n) = round((1/2)^n)":             "[1 1 0 0 0 0 0 0]",                             // round(1/2) = floor(1) = 1
		"a(n) = floor(log(1-1)^n)":          "[<nil> <nil> <nil> <nil> <nil> <nil> <nil> <nil>]",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, want, fmt.Sprint(p.BigValues(8)), src)
	}
	// e^2000 has 2886 bits; its square is beyond 2^MaxRealExp.
	p, err := dsl.ParseProgram("a(n) = floor(exp(2000)^n); n >= 1")
	require.NoError(t, err)
	vals := p.BigValues(3)
	require.NotNil(t, vals[0])
	assert.Equal(t, 2886, vals[0].BitLen())
	assert.Nil(t, vals[1])
	assert.Nil(t, vals[2])
	one, err := dsl.ParseReal("1")
	require.NoError(t, err)
	assert.Equal(t, "[1 <nil>]", fmt.Sprint(dsl.PowerValues(one, dsl.Floor, 0, dsl.MaxPowerIndex, 2)))
}

// TestPowerParsePrint: round trips of the text form, and its errors.
func TestPowerParsePrint(t *testing.T) {
	cases := []struct{ in, out string }{
		{"a(n) = floor(e^n)", "a(n) = floor(e^n)"},
		{"a(n)=ceiling( pi ^ n )-2", "a(n) = ceiling(pi^n) - 2"},
		{"a(n) = round((3/2)^n) + 1; n >= 1", "a(n) = round((3/2)^n) + 1; n >= 1"},
		{"a(n) = floor((2^(1/3))^n)", "a(n) = floor((2^(1/3))^n)"},
		{"a(n) = floor(sqrt(2)^n); n >= 0", "a(n) = floor(sqrt(2)^n)"},
		{"a(n) = floor(((1+sqrt(5))/2)^n)", "a(n) = floor(((1+sqrt(5))/2)^n)"},
		{"a(n) = floor(7^n)", "a(n) = floor(7^n)"},
	}
	checkParsePrint(t, dsl.Power, cases, map[string]string{
		"a(n) = floor(pi^2)":       `expected "n", found "2"`,
		"a(n) = floor(2^3^n)":      `expected "n", found "3"`,
		"a(n) = floor(pi^n":        `expected ")"`,
		"a(n) = floor(pi^n) * 2":   `unexpected "*"`,
		"a(n) = floor(pi^n) + e":   "expected the integer added",
		"a(n) = round(n)":          "expected round(n*C) or round(C^n)",
		"a(n) = ceiling(0^n)":      "constants are positive integers",
		"a(n) = floor(pi^n); n>=2": "expected the first index",
	})
}

// TestPowerCodeLengths pins the documented lengths: the 11-bit header and
// the offset bit, the rounding, the constant and the added integer.
func TestPowerCodeLengths(t *testing.T) {
	for src, bits := range map[string]int{
		"a(n) = floor(e^n)":                 11 + 1 + 1 + 6 + 1,
		"a(n) = ceiling(pi^n)":              11 + 1 + 2 + 4 + 1,
		"a(n) = round((3/2)^n) + 1; n >= 1": 11 + 1 + 2 + (2 + 5 + 5) + 5,
		"a(n) = floor((1+sqrt(2))^n); n>=1": 11 + 1 + 1 + (4 + 3 + (4 + 5)) + 1,
		"a(n) = floor(sqrt(2*pi)^n) - 1000": 11 + 1 + 1 + (4 + 4 + 5 + 4) + dsl.IntBits64(-1000),
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
	p, err := dsl.ParseProgram("a(n) = ceiling(pi^n) - 1; n >= 1")
	require.NoError(t, err)
	assert.Equal(t, "0111"+"0001100"+"1"+"10"+dsl.RealWord(dsl.RPi)+"01001", p.Encode())
}
