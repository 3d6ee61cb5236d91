package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestMultiplicativeFinds: multiplicative functions of the OEIS (terms
// from the OEIS, CC BY-SA 4.0) give their program, which predicts the
// next term. With 15 terms, Dedekind's psi and the squarefree part fail
// the held-out test (TestMultiplicativeHeldOut); with 20 they pass.
func TestMultiplicativeFinds(t *testing.T) {
	checkFinds(t, Multiplicative, []findCase{
		{"A001615 Dedekind psi", ints(1, 3, 4, 6, 6, 12, 8, 12, 12, 18, 12, 24, 14, 24, 24, 24, 18, 36, 20, 36), "a(n) = prod(p^k||n, (p + 1)*(p^k/p)); n >= 1", "32"},
		{"A034448 unitary sigma", ints(1, 3, 4, 5, 6, 12, 8, 9, 10, 18, 12, 20, 14, 24, 24), "a(n) = prod(p^k||n, 1 + p^k); n >= 1", "17"},
		{"A047994 unitary phi", ints(1, 1, 2, 3, 4, 2, 6, 7, 8, 4, 10, 6, 12, 6, 8), "a(n) = prod(p^k||n, p^k - 1); n >= 1", "15"},
		{"A048250 sum of squarefree divisors", ints(1, 3, 4, 3, 6, 12, 8, 3, 4, 18, 12, 12, 14, 24, 24), "a(n) = prod(p^k||n, p + 1); n >= 1", "3"},
		{"A007913 squarefree part", ints(1, 2, 3, 1, 5, 6, 7, 2, 1, 10, 11, 3, 13, 14, 15, 1, 17, 2, 19, 5), "a(n) = prod(p^k||n, p^(k mod 2)); n >= 1", "21"},
	})
}

// TestMultiplicativeRejects: sequences that are not multiplicative, or
// too short to tell, get nothing.
func TestMultiplicativeRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		"primes":     ints(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47),
		"Fibonacci":  ints(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610),
		"n + 1":      ints(1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16),
		"psi, a(14)": ints(1, 3, 4, 6, 6, 12, 8, 12, 12, 18, 12, 24, 14, 25, 24),
		"a(1) = 2":   ints(2, 3, 4, 6, 6, 12, 8, 12, 12, 18, 12, 24, 14, 24, 24),
		"11 terms":   ints(1, 3, 4, 6, 6, 12, 8, 12, 12, 18, 12),
		"empty":      nil,
		// A092089 (OEIS, CC BY-SA 4.0): a(16) = 12; the shortest body,
		// p mod 2 + 2^k, says 16, and the shortest without a(8) does
		// not give a(8) = 8.
		"A092089":     ints(1, 2, 3, 4, 3, 6, 3, 8, 5, 6, 3, 12, 3, 6, 9),
		"huge values": ints(1, 1<<62, 1<<62, 1<<62, 1<<62, 0, 1<<62, 1<<62, 1<<62, 0, 1<<62, 0, 1<<62, 0, 0),
	} {
		assert.Empty(t, Multiplicative(context.Background(), terms), name)
	}
}

// TestMultiplicativeHeldOut: a body found without the term at 8 = 2^3
// must predict it. Dedekind's psi with 15 terms fails: without a(8) the
// shortest body is k*binomial(p + 1, k) (30 bits), which says 3; psi's,
// (p + 1)*(p^k/p), takes 34.
func TestMultiplicativeHeldOut(t *testing.T) {
	at := []dsl.Value{2, 3, 4, 5, 7, 8, 9, 11, 13, 16}
	assert.False(t, predictsHeldOut(context.Background(), at, ints(3, 4, 6, 6, 8, 12, 12, 12, 14)), "psi")
	assert.True(t, predictsHeldOut(context.Background(), at, ints(3, 4, 5, 6, 8, 9, 10, 12, 14)), "unitary sigma")
	assert.True(t, predictsHeldOut(context.Background(), at, ints(2, 2, 3, 2, 2, 4, 3, 2, 2)), "tau")
	assert.Equal(t, dsl.Value(16), nextPrimePower(15))
	assert.Equal(t, dsl.Value(2), nextPrimePower(1))
}

// BenchmarkMultiplicativeReject is the cost of the fitter on a sequence
// that is not multiplicative: the screen alone.
func BenchmarkMultiplicativeReject(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	var seqs [][]*big.Int
	for range 100 {
		terms := make([]*big.Int, 15)
		for i := range terms {
			terms[i] = big.NewInt(r.Int64N(20))
		}
		terms[0] = big.NewInt(1)
		seqs = append(seqs, terms)
	}
	for b.Loop() {
		for _, s := range seqs {
			Multiplicative(context.Background(), s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(seqs)), "ns/seq")
}

// BenchmarkMultiplicativeFit is the cost of a search for a body
// (Dedekind's psi, 34 bits).
func BenchmarkMultiplicativeFit(b *testing.B) {
	terms := ints(1, 3, 4, 6, 6, 12, 8, 12, 12, 18, 12, 24, 14, 24, 24)
	for b.Loop() {
		Multiplicative(context.Background(), terms)
	}
}
