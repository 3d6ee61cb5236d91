package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
)

// series returns the first count terms of num/prod (1 - x^e).
func series(count int, exps []int, num ...int64) []*big.Int {
	return dsl.RationalSeries(exps, ints(num...), count)
}

func TestProductGF(t *testing.T) {
	tests := []struct {
		name  string
		terms []*big.Int
		want  string // the shortest proposal
		next  string
	}{
		// OEIS A002621, the example of the package documentation.
		{"A002621", ints(1, 2, 4, 7, 12, 18, 27, 38, 53, 71, 94, 121, 155, 194, 241),
			"a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))", "295"},
		// Partitions into at most 3 parts, A001399.
		{"partitions into 3 parts", ints(1, 1, 2, 3, 4, 5, 7, 8, 10, 12, 14, 16, 19, 21, 24),
			"a(n) = [x^n] 1/((1-x)*(1-x^2)*(1-x^3))", "27"},
		// The same shifted: the numerator is x^3.
		{"shifted", ints(0, 0, 0, 1, 1, 2, 3, 4, 5, 7, 8, 10, 12, 14),
			"a(n) = [x^n] x^3/((1-x)*(1-x^2)*(1-x^3))", "16"},
		// Large exponents: 1/((1-x^6)*(1-x^7)*(1-x^8)*(1-x^9)), OEIS A029413,
		// sum 30, the largest GFMaxSum reaches.
		{"A029413", series(15, []int{6, 7, 8, 9}, 1),
			"a(n) = [x^n] 1/((1-x^6)*(1-x^7)*(1-x^8)*(1-x^9))", "2"},
		// A periodic sequence of period 10, beyond Linear's lags.
		{"period 10", ints(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 3, 1, 4, 1, 5),
			"a(n) = [x^n] (3 + x + 4*x^2 + x^3 + 5*x^4 + 9*x^5 + 2*x^6 + 6*x^7 + 5*x^8 + 3*x^9)/(1-x^10)", "9"},
		// A numerator with signs, a quasi-polynomial.
		{"signed numerator", series(20, []int{1, 1, 3}, 1, 2, 0, -1),
			"a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3))", "175"},
		// A polynomial in n is a rational function too: n^2 is
		// (x + x^2)/(1-x)^3.
		{"squares", gen(12, func(i int64) *big.Int { return big.NewInt(i * i) }),
			"a(n) = [x^n] (x + x^2)/(1-x)^3", "144"},
		// The data itself may be a polynomial in x: 30 terms, mostly 0.
		{"finite", series(30, nil, 5, -3, 2), "a(n) = [x^n] (5 - 3*x + 2*x^2)", "0"},
		// Too few terms to verify anything.
		{"short", ints(1, 2, 4, 7), "", ""},
		{"constant", ints(5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), "a(n) = [x^n] 5/(1-x)", "5"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, next := shortest(t, ProductGF, tc.terms)
			if tc.want == "" {
				if p != nil {
					t.Errorf("proposed %v", p)
				}
				return
			}
			if p == nil {
				t.Fatalf("no fit, want %s", tc.want)
			}
			if p.String() != tc.want || next.String() != tc.next {
				t.Errorf("got %v (%d bits) -> %v, want %s -> %s", p, p.Bits(), next, tc.want, tc.next)
			}
		})
	}
}

// TestProductGFPrograms checks the proposals on many generated series: each
// is a well-formed rational program that reproduces the terms (checkProgram
// also round-trips its text and its code), with sorted exponents, a
// numerator whose last coefficient is non-zero, the length the fitter
// ranked it by, and at most one proposal per predicted next term.
func TestProductGFPrograms(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	found := 0
	for range 200 {
		var exps []int
		sum := 0
		for range 1 + r.IntN(5) {
			e := 1 + r.IntN(6)
			exps = append(exps, e)
			sum += e
		}
		num := make([]int64, 1+r.IntN(3))
		for i := range num {
			num[i] = r.Int64N(7) - 3
		}
		num[len(num)-1] = 1 + r.Int64N(3)
		terms := series(15+r.IntN(25), exps, num...)
		next := map[string]bool{}
		for _, p := range ProductGF(context.Background(), terms) {
			v := checkProgram(t, p, terms)
			g, ok := p.Parts.(*dsl.RationalParts)
			if p.Kind != dsl.Rational || !ok || !slices.IsSorted(g.Exps) || g.Num[len(g.Num)-1].Sign() == 0 && len(g.Num) > 1 {
				t.Fatalf("%v: malformed %+v", p, p)
			}
			if p.Bits() != dsl.RationalBits(g.Exps, g.Num) || len(p.Encode()) != p.Bits() {
				t.Errorf("%v: %d bits, code %d", p, p.Bits(), len(p.Encode()))
			}
			if v != nil {
				if next[v.String()] {
					t.Errorf("%v: a second proposal predicting %v", p, v)
				}
				next[v.String()] = true
			}
		}
		// The generating series is proposed (or a shorter one with the
		// same next term) when the half rule and the evidence rule let
		// it: the numerator is at most half the data, and the terms from
		// where the largest factor acts take gfMinEvidence bits.
		low := slices.IndexFunc(terms, func(x *big.Int) bool { return x.Sign() != 0 })
		evidence := 0
		for _, x := range terms[max(len(num), low+slices.Max(exps)):] {
			evidence += dsl.IntBits(x)
		}
		if len(num)-1 <= (len(terms)-2)/2 && evidence >= gfMinEvidence {
			want := series(len(terms)+1, exps, num...)[len(terms)]
			if !next[want.String()] && len(terms) > sum {
				t.Errorf("%v (%v over %v): no proposal predicts %v", terms, num, exps, want)
			}
			found++
		}
	}
	if found < 100 {
		t.Errorf("only %d series were eligible", found)
	}
}

// TestProductGFNoSpurious checks that random data gets no fit: a
// denominator must leave as many verifying terms as the numerator has
// coefficients.
func TestProductGFNoSpurious(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	trials := 200 // about 1 s
	if testing.Short() {
		trials = 50
	}
	for _, spread := range []int64{3, 10, 1000, 1 << 40} {
		proposed := 0
		for range trials {
			terms := make([]*big.Int, 10+r.IntN(30))
			for i := range terms {
				terms[i] = big.NewInt(r.Int64N(spread))
			}
			if ps := ProductGF(context.Background(), terms); len(ps) > 0 {
				proposed++
				if spread >= 1000 {
					t.Errorf("%v: proposed %v", terms, ps[0])
				}
			}
		}
		// Terms 0, 1, 2 are eventually periodic by chance now and then.
		if proposed > 3 {
			t.Errorf("terms below %d: %d of %d random sequences fitted", spread, proposed, trials)
		}
	}
	// A fit on the first MaxSolveTerms terms that fails later is dropped.
	terms := series(60, []int{1, 2, 3}, 1)
	terms[50] = new(big.Int).Add(terms[50], big.NewInt(1))
	if ps := ProductGF(context.Background(), terms); len(ps) != 0 {
		t.Errorf("proposed %v for a series broken at 50", ps)
	}
	// A spurious fit that uses nearly all the data is not proposed: 15
	// terms that a numerator of degree 9 over (1-x)^2 reproduces.
	spurious := ints(55, 104, 153, 202, 251, 300, 349, 391, 405, 461, 517, 573, 629, 685, 741)
	for _, p := range ProductGF(context.Background(), spurious) {
		if num := p.Parts.(*dsl.RationalParts).Num; len(num) > 7 {
			t.Errorf("proposed %v, with %d of %d terms for the numerator", p, len(num), len(spurious))
		}
	}
}

func TestProductGFHelpers(t *testing.T) {
	// 1 - x^6 = Phi1*Phi2*Phi3*Phi6, which (1-x^2)*(1-x^3) does not divide:
	// Phi1 twice.
	a, b := make([]uint8, 7), make([]uint8, 7)
	cyclotomic(a, 2, 1)
	cyclotomic(a, 3, 1)
	cyclotomic(b, 6, 1)
	if divides(a, b) || !divides(b, b) {
		t.Errorf("cyclotomic %v %v", a, b)
	}
	cyclotomic(b, 1, 1)
	if !divides(a, b) {
		t.Errorf("(1-x^2)*(1-x^3) divides (1-x)*(1-x^6): %v %v", a, b)
	}
	huge, _ := new(big.Int).SetString("-36893488147419103233", 10) // -(2^65 + 1)
	if wrap64(huge) != ^uint64(0) || wrap64(big.NewInt(-1)) != ^uint64(0) || wrap64(big.NewInt(7)) != 7 {
		t.Errorf("wrap64: %d", wrap64(huge))
	}
}

// BenchmarkProductGF times the fitter on 15, 25 and 40 terms: random
// data (no fit, the whole walk) and series with many fitting denominators.
func BenchmarkProductGF(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{15, 25, 40} {
		var seqs [][]*big.Int
		for range 20 {
			terms := make([]*big.Int, n)
			for i := range terms {
				terms[i] = big.NewInt(r.Int64N(1000))
			}
			seqs = append(seqs, terms)
		}
		seqs = append(seqs,
			series(n, []int{1, 1, 2, 3, 4}, 1),
			series(n, nil),
			gen(n, func(i int64) *big.Int { return big.NewInt(5) }),
			gen(n, func(i int64) *big.Int { return big.NewInt(i * i * i) }),
			gen(n, func(i int64) *big.Int { return new(big.Int).Lsh(big.NewInt(1), uint(i)) }))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				for _, s := range seqs {
					ProductGF(context.Background(), s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(seqs))/1000, "µs/seq")
		})
	}
}
