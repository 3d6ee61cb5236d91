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

// naiveEta multiplies the series out factor by factor, (1 - x^(m*k))
// or its inverse 1 + x^(m*k) + x^(2*m*k) + ..., |c| times for each k:
// the independent computation.
func naiveEta(exps []int, count int) []*big.Int {
	a := make([]*big.Int, count)
	for i := range a {
		a[i] = new(big.Int)
	}
	a[0].SetInt64(1)
	for i, c := range exps {
		m := i + 1
		for k := 1; m*k < count; k++ {
			s := m * k
			for range max(c, -c) {
				if c > 0 { // times (1 - x^s), from the top down
					for j := count - 1; j >= s; j-- {
						a[j].Sub(a[j], a[j-s])
					}
				} else { // over (1 - x^s), from the bottom up
					for j := s; j < count; j++ {
						a[j].Add(a[j], a[j-s])
					}
				}
			}
		}
	}
	return a
}

// TestEtaValues checks the coefficients against the naive product, for
// the OEIS's theta functions (terms from the OEIS, CC BY-SA 4.0) and
// random exponents.
func TestEtaValues(t *testing.T) {
	for src, want := range map[string]string{
		"a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)": "[1 2 0 0 2 0 0 0 0 2 0 0 0 0 0 0]",              // theta_3, A000122
		"a(n) = [x^n] E(x^2)^2/E(x)":              "[1 1 0 1 0 0 1 0 0 0 1 0 0 0 0 1]",              // psi(q), A010054
		"a(n) = [x^n] 1/E(x)":                     "[1 1 2 3 5 7 11 15 22 30 42 56 77 101 135 176]", // partitions, A000041
		"a(n) = [x^n] E(x)^2*E(x^2)/E(x^4)":       "[1 -2 -2 4 2 0 -4 0 2 -6 0 4 4 0 0 0]",          // A082564
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, want, fmt.Sprint(p.BigValues(16)), src)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		exps := make([]int, 1+r.IntN(8))
		for i := range exps {
			exps[i] = r.IntN(9) - 4
		}
		if exps[len(exps)-1] == 0 {
			exps[len(exps)-1] = 1
		}
		p := dsl.NewEta(exps)
		got, small := p.BigValues(30), p.Values(30)
		want := naiveEta(exps, 30)
		for i := range want {
			require.NotNil(t, got[i], "%s at %d", p, i)
			require.Equal(t, want[i].String(), got[i].String(), "%s at %d", p, i)
			require.Equal(t, dsl.FromBig(got[i]), small[i], "%s at %d", p, i)
		}
	}
}

// TestEtaBounds: terms beyond MaxEtaTerms are undefined, never guessed.
func TestEtaBounds(t *testing.T) {
	got := dsl.NewEta([]int{-1}).BigValues(dsl.MaxEtaTerms + 2)
	require.NotNil(t, got[dsl.MaxEtaTerms-1])
	assert.Nil(t, got[dsl.MaxEtaTerms])
	assert.Nil(t, got[dsl.MaxEtaTerms+1])
}

// TestEtaParsePrint: the text form round-trips, and bad ones are errors.
func TestEtaParsePrint(t *testing.T) {
	for _, src := range []string{
		"a(n) = [x^n] E(x)",
		"a(n) = [x^n] 1/E(x)",
		"a(n) = [x^n] 1/(E(x)^3*E(x^64)^64)",
		"a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)",
		"a(n) = [x^n] E(x)*E(x^3)/E(x^2)",
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, dsl.Eta, p.Kind, src)
		assert.Equal(t, src, p.String())
	}
	for src, msg := range map[string]string{
		"a(n) = [x^n] E(x)*E(x)":     "appears twice",
		"a(n) = [x^n] E(x^65)":       "1..64",
		"a(n) = [x^n] E(x^0)":        "1..64",
		"a(n) = [x^n] E(x)^65":       "1..64",
		"a(n) = [x^n] E(x)^0":        "1..64",
		"a(n) = [x^n] E(y)":          `expected "x"`,
		"a(n) = [x^n] 1/(E(x)":       `expected ")"`,
		"a(n) = [x^n] E(x)/E(x^2)^x": "1..64",
	} {
		_, err := dsl.ParseProgram(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
}

// TestEtaCode: the header, the gamma code of the largest m, then each
// exponent in the integer code.
func TestEtaCode(t *testing.T) {
	for src, bits := range map[string]int{
		"a(n) = [x^n] E(x)":                       13 + 1 + 5,
		"a(n) = [x^n] 1/E(x)":                     13 + 1 + 5,
		"a(n) = [x^n] E(x^2)^3/E(x)":              13 + 3 + 5 + 6,
		"a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)": 13 + 5 + 5 + 6 + 1 + 5,
	} {
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		assert.Equal(t, bits, p.Bits(), src)
		assert.Len(t, p.Encode(), bits, src)
	}
}
