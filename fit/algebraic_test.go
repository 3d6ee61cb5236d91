package fit

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestAlgebraicFinds: sequences with an algebraic generating function
// (terms from the OEIS, CC BY-SA 4.0) give their equation, which predicts
// the next term.
func TestAlgebraicFinds(t *testing.T) {
	checkFinds(t, Algebraic, []findCase{
		{"A000108 Catalan", ints(1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900, 2674440),
			"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1", "9694845"},
		{"A000108 Catalan, 9 terms", ints(1, 1, 2, 5, 14, 42, 132, 429, 1430),
			"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1", "4862"},
		{"A001006 Motzkin", ints(1, 1, 2, 4, 9, 21, 51, 127, 323, 835, 2188, 5798, 15511, 41835, 113634),
			"a(n) = [x^n] A where 1 - A + x*A + x^2*A^2 = 0, A(0) = 1", "310572"},
		{"A001764 ternary trees", ints(1, 1, 3, 12, 55, 273, 1428, 7752, 43263, 246675, 1430715, 8414640, 50067108, 300830572, 1822766520),
			"a(n) = [x^n] A where 1 - A + x*A^3 = 0, A(0) = 1", "11124755664"},
		{"A006318 large Schröder", ints(1, 2, 6, 22, 90, 394, 1806, 8558, 41586, 206098, 1037718, 5293446, 27297738, 142078746, 745387038),
			"a(n) = [x^n] A where 1 - A + x*A + x*A^2 = 0, A(0) = 1", "3937603038"},
		{"A000984 central binomial", ints(1, 2, 6, 20, 70, 252, 924, 3432, 12870, 48620, 184756, 705432, 2704156, 10400600, 40116600),
			"a(n) = [x^n] A where 1 - A^2 + 4*x*A^2 = 0, A(0) = 1", "155117520"},
		// x times the Catalan numbers: A(0) = 0.
		{"A000108 shifted", ints(0, 1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900),
			"a(n) = [x^n] A where x - A + A^2 = 0, A(0) = 0", "2674440"},
	})
}

// TestAlgebraicRejects: rational, random and too short sequences get
// nothing.
func TestAlgebraicRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		"Fibonacci":       ints(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610),
		"powers of 2":     ints(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384),
		"squares":         ints(0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144, 169, 196),
		"primes":          ints(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47),
		"Catalan, a(14)":  ints(1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900, 2674441),
		"Catalan, 8":      ints(1, 1, 2, 5, 14, 42, 132, 429),
		"factorials":      ints(1, 1, 2, 6, 24, 120, 720, 5040, 40320, 362880, 3628800, 39916800, 479001600, 6227020800, 87178291200),
		"constant":        ints(3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3),
		"empty":           nil,
		"one term":        ints(1),
		"Bell (A000110)":  ints(1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975, 678570, 4213597, 27644437, 190899322),
		"partitions":      ints(1, 1, 2, 3, 5, 7, 11, 15, 22, 30, 42, 56, 77, 101, 135),
		"2^n + n (rat.)":  ints(1, 3, 6, 11, 20, 37, 70, 135, 264, 521, 1034, 2059, 4108, 8205, 16398),
		"double root 1-x": ints(1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
	} {
		assert.Empty(t, Algebraic(context.Background(), terms), name)
	}
}

// TestAlgebraicBits: the proposal is charged its whole code.
func TestAlgebraicBits(t *testing.T) {
	catalan := ints(1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900, 2674440)
	ps := Algebraic(context.Background(), catalan)
	if assert.Len(t, ps, 1) {
		g := ps[0].Parts.(*dsl.AlgebraicParts)
		assert.Equal(t, dsl.AlgebraicBits(g.Coef, g.A0), ps[0].Bits())
		assert.Equal(t, 41, ps[0].Bits())
		assert.Equal(t, 0, ps[0].Offset)
	}
}

// TestAlgebraicCancelled: a cancelled context stops the fitter.
func TestAlgebraicCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Empty(t, Algebraic(ctx, ints(1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900, 2674440)))
}

// BenchmarkAlgebraic runs the fitter on the puzzles and on random terms
// (rejected, most modulo the prime) and on Catalan and Motzkin numbers
// (solved exactly).
func BenchmarkAlgebraic(b *testing.B) {
	seqs := benchSeqs(b, 15)
	seqs = append(seqs,
		ints(1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796, 58786, 208012, 742900, 2674440),
		ints(1, 1, 2, 4, 9, 21, 51, 127, 323, 835, 2188, 5798, 15511, 41835, 113634))
	for b.Loop() {
		for _, s := range seqs {
			Algebraic(context.Background(), s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(seqs))/1000, "µs/seq")
}
