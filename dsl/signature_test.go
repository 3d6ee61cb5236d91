package dsl_test

import (
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// bruteSignature is the sorted (largest first) exponents of x's prime
// factorization by plain trial division: the independent computation.
func bruteSignature(x int64) []int {
	var exps []int
	for p := int64(2); p*p <= x; p++ {
		e := 0
		for x%p == 0 {
			x /= p
			e++
		}
		if e > 0 {
			exps = append(exps, e)
		}
	}
	if x > 1 {
		exps = append(exps, 1)
	}
	slices.Sort(exps)
	slices.Reverse(exps)
	return exps
}

// TestSignatureValues checks the members against trial division of
// every integer in turn, and a few against the OEIS (terms from the
// OEIS, CC BY-SA 4.0).
func TestSignatureValues(t *testing.T) {
	for _, exps := range [][]int{{1}, {2}, {1, 1}, {2, 1}, {3, 1}, {2, 2}, {1, 1, 1}, {3, 2, 1}, {4, 2, 2}} {
		p := dsl.NewSignature(exps)
		got := p.BigValues(40)
		var want []string
		for x := int64(2); len(want) < 40; x++ {
			if slices.Equal(bruteSignature(x), exps) {
				want = append(want, fmt.Sprint(x))
			}
		}
		var gotS []string
		for _, v := range got {
			require.NotNil(t, v, "%s", p)
			gotS = append(gotS, v.String())
		}
		assert.Equal(t, want, gotS, "%s", p)
		assert.Equal(t, p.Values(40)[:5], []dsl.Value{dsl.FromBig(got[0]), dsl.FromBig(got[1]), dsl.FromBig(got[2]), dsl.FromBig(got[3]), dsl.FromBig(got[4])})
	}
	for src, want := range map[string]string{
		"a = signature(1, 1)":    "[6 10 14 15 21 22 26 33 34 35 38 39 46 51 55 57]",   // A006881
		"a = signature(2, 1)":    "[12 18 20 28 44 45 50 52 63 68 75 76 92 98 99 116]", // A054753
		"a = signature(4, 2, 2)": "[3600 7056 8100 15876 17424 19600 22500 24336 39204 41616 48400 51984 54756 67600 76176 86436]",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err)
		assert.Equal(t, want, fmt.Sprint(p.BigValues(16)), src)
	}
}

// TestSignatureBounds: members beyond MaxSignatureTerm are undefined,
// never guessed.
func TestSignatureBounds(t *testing.T) {
	// 2^11*3^11 = 362,797,056 is beyond the bound: no member at all.
	got := dsl.NewSignature([]int{11, 11}).BigValues(3)
	assert.Equal(t, []*big.Int{nil, nil, nil}, got)
	// p^8*q^4: 2^8*3^4 = 20,736 and a few more, then undefined.
	got = dsl.NewSignature([]int{8, 4}).BigValues(60)
	require.NotNil(t, got[0])
	assert.Equal(t, "20736", got[0].String())
	assert.Nil(t, got[59])
	for _, v := range got {
		if v != nil {
			assert.LessOrEqual(t, v.Int64(), int64(dsl.MaxSignatureTerm))
		}
	}
}

// TestSignatureParsePrint: the text form round-trips, and bad exponents
// are errors.
func TestSignatureParsePrint(t *testing.T) {
	for _, src := range []string{"a = signature(1)", "a = signature(4, 2, 2)", "a = signature(22, 1, 1, 1, 1, 1, 1, 1)"} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, src, p.String())
		assert.Equal(t, dsl.Signature, p.Kind)
	}
	for src, msg := range map[string]string{
		"a = signature()":                          "expected an exponent",
		"a = signature(0)":                         "1..22",
		"a = signature(23)":                        "1..22",
		"a = signature(1, 2)":                      "from the largest down",
		"a = signature(1 1)":                       "expected , or )",
		"a = signature(1, 1, 1, 1, 1, 1, 1, 1, 1)": "at most 8",
		"a = signature(99999999999999999999)":      "1..22",
	} {
		_, err := dsl.ParseProgram(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
}

// TestSignatureCode: the header, m, the smallest exponent and the steps
// up, each in the gamma code.
func TestSignatureCode(t *testing.T) {
	for src, bits := range map[string]int{
		"a = signature(1)":       13 + 1 + 1,
		"a = signature(1, 1)":    13 + 3 + 1 + 1,
		"a = signature(2, 1)":    13 + 3 + 1 + 3,
		"a = signature(4, 2, 2)": 13 + 3 + 3 + 1 + 3,
		"a = signature(6, 3)":    13 + 3 + 3 + 5,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
}
