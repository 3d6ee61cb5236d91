package dsl_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestSqrtCFValues checks the three parts against the OEIS (terms from
// OEIS, CC BY-SA 4.0), the next listed term included.
func TestSqrtCFValues(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		// A040333, continued fraction for sqrt(352).
		{"a = cf(sqrt(352))", "[18 1 3 5 9 5 3 1 36 1 3 5 9 5 3 1]"},
		// A040654, continued fraction for sqrt(681).
		{"a = cf(sqrt(681))", "[26 10 2 2 1 1 2 6 7 3 2 1 16 1 2 3]"},
		{"a = cf(sqrt(2))", "[1 2 2 2 2 2]"},
		{"a = cf(sqrt(3))", "[1 1 2 1 2 1]"},
		// A041626, numerators of the convergents to sqrt(332).
		{"a = cfnum(sqrt(332))", "[18 73 91 164 1403 1567 2970 13447 487062 1961695 2448757 4410452 37732373 42142825 79875198 361643617]"},
		// A042250, sqrt(651).
		{"a = cfnum(sqrt(651))", "[25 26 51 842 893 1735 87643 89378 177021 2921714 3098735 6020449 304121185 310141634 614262819 10138346738]"},
		// A042902, sqrt(983).
		{"a = cfnum(sqrt(983))", "[31 63 94 533 16617 83618 100235 284088 17713691 35711470 53425161 302837275 9441380686 47509740705 56951121391 161411983487]"},
		// A042578, sqrt(818).
		{"a = cfnum(sqrt(818))", "[28 29 57 86 143 8094 8237 16331 24568 40899 2314912 2355811 4670723 7026534 11697257 662072926]"},
		// A041933, denominators of the convergents to sqrt(489).
		{"a = cfden(sqrt(489))", "[1 8 9 44 53 97 150 547 1244 1791 4826 69355 143536 212891 569318 1920845]"},
		// sqrt(2): the Pell numbers and their companions.
		{"a = cfnum(sqrt(2))", "[1 3 7 17 41 99 239]"},
		{"a = cfden(sqrt(2))", "[1 2 5 12 29 70 169]"},
	}
	for _, tc := range tests {
		p, err := dsl.ParseProgram(tc.src)
		require.NoError(t, err, tc.src)
		got := p.BigValues(len(splitInts(tc.want)))
		assert.Equal(t, tc.want, fmt.Sprint(got), tc.src)
	}
}

// splitInts counts the numbers of a printed slice.
func splitInts(s string) []string {
	var out []string
	start := -1
	for i, c := range s {
		digit := c >= '0' && c <= '9'
		switch {
		case digit && start < 0:
			start = i
		case !digit && start >= 0:
			out, start = append(out, s[start:i]), -1
		}
	}
	return out
}

// TestSqrtCFConvergents checks the defining property of the convergents,
// p(k)^2 - N*q(k)^2 = (-1)^(k+1)*d(k+1) with 0 < d <= 2*sqrt(N), and that
// the partial quotients recur with the last of each period 2*a0.
func TestSqrtCFConvergents(t *testing.T) {
	for _, n := range []int64{2, 3, 5, 7, 13, 61, 94, 352, 489, 983, 1000003, dsl.MaxRadicand} {
		const count = 60
		num := dsl.NewSqrtCF(dsl.CFNum, n).BigValues(count)
		den := dsl.NewSqrtCF(dsl.CFDen, n).BigValues(count)
		bound := big.NewInt(2 * isqrt(n))
		for k := range count {
			require.NotNil(t, num[k], "N=%d k=%d", n, k)
			d := new(big.Int).Mul(num[k], num[k])
			d.Sub(d, new(big.Int).Mul(big.NewInt(n), new(big.Int).Mul(den[k], den[k])))
			if k%2 == 0 {
				d.Neg(d)
			}
			assert.True(t, d.Sign() > 0 && d.Cmp(bound) <= 0, "N=%d k=%d: p^2 - N*q^2 = %v", n, k, d)
		}
		var a []int64
		for x := range dsl.SqrtCFQuotients(n) {
			if a = append(a, x); x == 2*a[0] || len(a) > 4000000 {
				break
			}
		}
		assert.Equal(t, 2*isqrt(n), a[len(a)-1], "N=%d: the period ends with 2*a0", n)
	}
}

func isqrt(n int64) int64 { return new(big.Int).Sqrt(big.NewInt(n)).Int64() }

// TestSqrtCFValuesAgree checks that the int64 terms are the exact ones
// where those fit and Undef where they do not, and that the terms end
// (nil) rather than grow past MaxBigBits.
func TestSqrtCFValuesAgree(t *testing.T) {
	for _, n := range []int64{2, 352, 983, dsl.MaxRadicand} {
		for part := dsl.CFTerms; part <= dsl.CFDen; part++ {
			p := dsl.NewSqrtCF(part, n)
			const count = 60
			small, exact := p.Values(count), p.BigValues(count)
			for i := range count {
				if exact[i].IsInt64() {
					assert.Equal(t, exact[i].Int64(), int64(small[i]), "%v term %d", p, i)
				} else {
					assert.Equal(t, dsl.Undef, small[i], "%v term %d", p, i)
				}
			}
		}
	}
	huge := dsl.NewSqrtCF(dsl.CFNum, 2).BigValues(30000)
	assert.NotNil(t, huge[1000])
	assert.Nil(t, huge[len(huge)-1], "numerators beyond MaxBigBits are undefined")
	// A program no parser gives: a square, or an unknown part.
	for _, p := range []*dsl.Program{
		dsl.NewSqrtCF(dsl.CFTerms, 16),
		dsl.NewSqrtCF(dsl.CFTerms, -5),
		dsl.NewSqrtCF(3, 5),
	} {
		assert.Equal(t, []*big.Int{nil, nil}, p.BigValues(2), dumpProgram(p))
		assert.Equal(t, []dsl.Value{dsl.Undef, dsl.Undef}, p.Values(2), dumpProgram(p))
	}
}

// TestSqrtCFCode pins the code word: the header, the part, gamma(N).
func TestSqrtCFCode(t *testing.T) {
	p, err := dsl.ParseProgram("a = cfden(sqrt(5))")
	require.NoError(t, err)
	assert.Equal(t, "01110001000"+"10"+"00101", p.Encode())
	assert.Equal(t, 18, p.Bits())
	for _, n := range []int64{2, 3, 5, 352, dsl.MaxRadicand} {
		assert.Equal(t, 13+dsl.GammaBits(uint64(n)), dsl.SqrtCFBits(n))
	}
}

// The continued fraction of sqrt(352), OEIS A040333 (CC BY-SA 4.0), and
// the numerators of its convergents.
func Example_sqrtCF() {
	p, _ := dsl.ParseProgram("a = cf(sqrt(352))")
	fmt.Println(p.BigValues(16))
	fmt.Printf("%d bits  %s\n", p.Bits(), p.Encode())
	q := dsl.NewSqrtCF(dsl.CFNum, 2)
	fmt.Println(q, q.BigValues(8))
	// Output:
	// [18 1 3 5 9 5 3 1 36 1 3 5 9 5 3 1]
	// 30 bits  011100010000000000000101100000
	// a = cfnum(sqrt(2)) [1 3 7 17 41 99 239 577]
}
