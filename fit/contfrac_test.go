package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestContinuedFraction checks the fits and their predictions. The OEIS
// terms (CC BY-SA 4.0) are the first 15 listed, and next is the 16th.
func TestContinuedFraction(t *testing.T) {
	cf := func(part dsl.CFPart, n int64, count int) []*big.Int {
		return dsl.NewSqrtCF(part, n).BigValues(count)
	}
	tests := []struct {
		name  string
		terms []*big.Int
		want  string // "" for no proposal
		next  string
	}{
		// OEIS A040333, continued fraction for sqrt(352).
		{"A040333", ints(18, 1, 3, 5, 9, 5, 3, 1, 36, 1, 3, 5, 9, 5, 3), "a = cf(sqrt(352))", "1"},
		// OEIS A040654, continued fraction for sqrt(681).
		{"A040654", ints(26, 10, 2, 2, 1, 1, 2, 6, 7, 3, 2, 1, 16, 1, 2), "a = cf(sqrt(681))", "3"},
		// OEIS A041626, numerators of convergents to sqrt(332).
		{"A041626", ints(18, 73, 91, 164, 1403, 1567, 2970, 13447, 487062, 1961695, 2448757, 4410452, 37732373, 42142825, 79875198),
			"a = cfnum(sqrt(332))", "361643617"},
		// OEIS A042250, sqrt(651).
		{"A042250", ints(25, 26, 51, 842, 893, 1735, 87643, 89378, 177021, 2921714, 3098735, 6020449, 304121185, 310141634, 614262819),
			"a = cfnum(sqrt(651))", "10138346738"},
		// OEIS A042902, sqrt(983).
		{"A042902", ints(31, 63, 94, 533, 16617, 83618, 100235, 284088, 17713691, 35711470, 53425161, 302837275, 9441380686, 47509740705, 56951121391),
			"a = cfnum(sqrt(983))", "161411983487"},
		// OEIS A042578, sqrt(818).
		{"A042578", ints(28, 29, 57, 86, 143, 8094, 8237, 16331, 24568, 40899, 2314912, 2355811, 4670723, 7026534, 11697257),
			"a = cfnum(sqrt(818))", "662072926"},
		// OEIS A041933, denominators of convergents to sqrt(489).
		{"A041933", ints(1, 8, 9, 44, 53, 97, 150, 547, 1244, 1791, 4826, 69355, 143536, 212891, 569318),
			"a = cfden(sqrt(489))", "1920845"},
		// The Pell numbers are the denominators for sqrt(2).
		{"Pell", ints(1, 2, 5, 12, 29, 70, 169, 408, 985, 2378, 5741, 13860, 33461, 80782, 195025), "a = cfden(sqrt(2))", "470832"},
		// Eight Pell numbers are not enough: the denominators do not give
		// a0, and some sqrt(N) with a larger a0 also starts 2, 2, 2, ...
		{"Pell, 8 terms", ints(1, 2, 5, 12, 29, 70, 169, 408), "", ""},
		{"sqrt(2)", ints(1, 2, 2, 2, 2, 2, 2), "a = cf(sqrt(2))", "2"},
		// Large radicands, each part.
		{"big terms", cf(dsl.CFTerms, 1234567, 20), "a = cf(sqrt(1234567))", cf(dsl.CFTerms, 1234567, 21)[20].String()},
		{"big num", cf(dsl.CFNum, dsl.MaxRadicand, 20), "a = cfnum(sqrt(2147483647))", cf(dsl.CFNum, dsl.MaxRadicand, 21)[20].String()},
		{"big den", cf(dsl.CFDen, 999999, 20), "a = cfden(sqrt(999999))", cf(dsl.CFDen, 999999, 21)[20].String()},
		// Too few terms, or too few left to verify N once they pin it:
		// sqrt(1000302) = [1000; 6, 1, 1, 1, 1, 1, 7, ...] needs its first
		// 7 terms to be told from its neighbours, and 2 more to verify.
		{"short", ints(1, 2, 2, 2, 2), "", ""},
		{"few spare", cf(dsl.CFTerms, 1000302, 8), "", ""},
		{"spare", cf(dsl.CFTerms, 1000302, 9), "a = cf(sqrt(1000302))", cf(dsl.CFTerms, 1000302, 10)[9].String()},
		{"enough spare", cf(dsl.CFTerms, dsl.MaxRadicand, 15), "a = cf(sqrt(2147483647))", cf(dsl.CFTerms, dsl.MaxRadicand, 16)[15].String()},
		// Not continued fractions of square roots.
		{"naturals", ints(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), "", ""},
		{"Fibonacci", ints(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610), "", ""},
		{"ones", ints(1, 1, 1, 1, 1, 1, 1, 1), "", ""},
		{"negative", ints(18, 1, 3, 5, -9, 5, 3, 1, 36, 1, 3, 5, 9, 5, 3), "", ""},
		{"a quotient too large", ints(18, 1, 3, 5, 9, 5, 3, 1, 37, 1, 3, 5, 9, 5, 3), "", ""},
		{"squares", ints(1, 4, 9, 16, 25, 36, 49, 64, 81, 100), "", ""},
		{"zeros", ints(0, 0, 0, 0, 0, 0, 0), "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, next := shortest(t, ContinuedFraction, tc.terms)
			switch {
			case tc.want == "" && p != nil:
				t.Errorf("proposed %v", p)
			case tc.want == "":
			case p == nil:
				t.Errorf("no proposal, want %s", tc.want)
			case p.String() != tc.want || next.String() != tc.next:
				t.Errorf("got %v predicting %v, want %s predicting %s", p, next, tc.want, tc.next)
			}
		})
	}
}

// TestContinuedFractionRoundTrip fits every radicand below 1000 (the OEIS families) from 15
// terms of each part: each is found, or nothing is proposed, never a
// different N (which would reproduce the terms but not continue them).
func TestContinuedFractionRoundTrip(t *testing.T) {
	missed, below, maxMissed := 0, int64(1000), 100 // about 4 s
	if testing.Short() {
		below, maxMissed = 200, 30
	}
	for n := int64(2); n < below; n++ {
		if dsl.CheckRadicand(n) != nil {
			continue
		}
		for part := dsl.CFTerms; part <= dsl.CFDen; part++ {
			p := dsl.NewSqrtCF(part, n)
			terms := p.BigValues(15)
			got := ContinuedFraction(context.Background(), terms)
			found := false
			for _, q := range got {
				if c, ok := q.Parts.(*dsl.SqrtCFParts); ok && c.Part == part && c.Radicand == n {
					found = true
				} else if v, ok := reproduces(q, terms); ok {
					t.Errorf("%v: also proposed %v, next %v", p, q, v)
				}
			}
			if !found {
				missed++
			}
		}
	}
	// Denominators do not give a0, and for about one N in fourteen below
	// 1000 (71 of them) some larger a0 shares the first 15 denominators:
	// those fits are ambiguous and not proposed. The terms and numerators
	// are always found.
	t.Logf("%d fits not proposed", missed)
	if missed > maxMissed {
		t.Errorf("%d fits not proposed", missed)
	}
}

// TestContinuedFractionCheap checks that random sequences get no proposal
// and cost little.
func TestContinuedFractionCheap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Now()
	for range 2000 {
		terms := make([]*big.Int, 15)
		for i := range terms {
			terms[i] = big.NewInt(r.Int64N(50) + 1)
		}
		if got := ContinuedFraction(context.Background(), terms); len(got) > 0 {
			t.Errorf("%v: proposed %v", terms, got)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("2000 random sequences took %v", d)
	}
}
