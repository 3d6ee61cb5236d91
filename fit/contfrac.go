package fit

import (
	"context"
	"math"
	"math/big"
	"slices"
	"sort"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of the ContinuedFraction family.
const (
	// cfMinTerms is the fewest terms the fitter looks at: with fewer,
	// hundreds of square roots share the first quotients.
	cfMinTerms = 6
	// cfMinVerify is how many terms must follow the shortest prefix of
	// the data that singles out N: they are predictions the program made
	// and the data confirmed, not terms used to find it. On 24,594 OEIS
	// sequences outside the acceptance sets (every fifth with 16 terms
	// or more), 15 terms given, 2 fits 7 more sequences than 3 (all
	// denominators of convergents, whose a0 is unknown, so that more
	// quotients single N out) and none wrongly; 1 fits the same, 0
	// one more right and two wrong.
	cfMinVerify = 2
	// cfMaxDenA0 bounds the integer part a0 = isqrt(N) tried for
	// denominators, whose data do not give it: N up to about 1.7*10^7,
	// far past the OEIS families (N <= 1000), and each prefix is checked
	// against every a0 in about a millisecond.
	cfMaxDenA0 = 1 << 12
)

// cfMaxA0 is the largest integer part of sqrt(N) for N <= MaxRadicand.
var cfMaxA0 = int64(dsl.Isqrt(dsl.MaxRadicand))

// ContinuedFraction fits the continued fraction of a square root, a =
// cf(sqrt(N)), and the numerators and denominators of its convergents,
// a = cfnum(sqrt(N)) and a = cfden(sqrt(N)). The partial quotients are
// read off the data (the terms themselves, or a(k) = (p(k) - p(k-2))/p(k-1)
// from the convergents, exact and positive, which fails at once on most
// sequences); the quotients a1..aj pin sqrt(N) - a0 between two rationals,
// so for each a0 only the few N with a0^2 + 1 <= N <= a0^2 + 2*a0 in that
// interval are candidates, and each is checked exactly. Denominators do
// not give a0, so every a0 from half the largest quotient to cfMaxDenA0 is
// tried.
//
// A program is proposed only when exactly one N reproduces all the terms
// and at least cfMinVerify terms follow the shortest prefix that already
// singles it out: those terms were predicted, not fitted. The uniqueness
// rule was revisited (issue 15) on the 66,187 development sequences at
// odd positions modulo 10, outside shard 0/14 and the make-eval samples:
// with 15 terms given, only 3 had denominators matched by several N, and
// proposing every match would have helped one (A042839, sqrt(950), whose
// rival N = 10,994,676 is 28 bits longer; the other two are Fibonacci-like
// sequences that Linear explains); with 25 terms, none. With 10 terms,
// 130 have several, and the smallest N predicts the next term in 106 of
// them, 24 wrong; the rule stays.
func ContinuedFraction(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < cfMinTerms {
		return nil
	}
	var out []*dsl.Program
	for part := dsl.CFTerms; part <= dsl.CFDen; part++ {
		a, ok := cfQuotients(part, terms)
		if !ok || ctx.Err() != nil {
			continue
		}
		lo, hi := a[0], a[0]
		if part == dsl.CFDen {
			lo, hi = max(1, (slices.Max(a[1:])+1)/2), cfMaxDenA0
		}
		if n, ok := cfSolve(lo, hi, a[1:]); ok {
			out = append(out, dsl.NewSqrtCF(part, n))
		}
	}
	return out
}

// cfQuotients reads the partial quotients a0, a1, ... off the terms of
// the given part, or reports that the terms are not of that form: a
// quotient must be a positive integer at most 2*a0 (a0 at most cfMaxA0).
// For denominators a0 is unknown and a[0] is 0.
func cfQuotients(part dsl.CFPart, terms []*big.Int) ([]int64, bool) {
	a, ok := quotientsOf(part, terms)
	if !ok || part == dsl.CFDen {
		return a, ok
	}
	return a, a[0] <= cfMaxA0 && slices.Max(a[1:]) <= 2*a[0]
}

// quotientsOf reads the quotients off the terms, each a positive integer
// at most 2*cfMaxA0, without the bound relative to a0.
func quotientsOf(part dsl.CFPart, terms []*big.Int) ([]int64, bool) {
	a := make([]int64, len(terms))
	if part == dsl.CFTerms {
		for i, t := range terms {
			if !t.IsInt64() || t.Int64() < 1 || t.Int64() > 2*cfMaxA0 {
				return nil, false
			}
			a[i] = t.Int64()
		}
		return a, true
	}
	// The convergents' recurrence x(k) = a(k)*x(k-1) + x(k-2) starts from
	// p(-2) = 0, p(-1) = 1 or q(-2) = 1, q(-1) = 0: q0 = 1 gives no a0.
	prev, cur := big.NewInt(0), big.NewInt(1)
	if part == dsl.CFDen {
		if terms[0].Cmp(cur) != 0 {
			return nil, false
		}
		a, terms = a[:1], terms[1:] // now prev = q(-1) = 0 and cur = q0 = 1
	} else {
		a = a[:0]
	}
	diff, q, r := new(big.Int), new(big.Int), new(big.Int)
	for _, t := range terms {
		q.QuoRem(diff.Sub(t, prev), cur, r)
		if r.Sign() != 0 || !q.IsInt64() || q.Int64() < 1 || q.Int64() > 2*cfMaxA0 {
			return nil, false
		}
		a = append(a, q.Int64())
		prev, cur = cur, t
	}
	return a, true
}

// cfSolve returns the one N with isqrt(N) in lo..hi whose continued
// fraction continues with the quotients qs, when there is exactly one
// and a prefix of qs at least cfMinVerify shorter already singles it out.
func cfSolve(lo, hi int64, qs []int64) (int64, bool) {
	found := cfMatches(lo, hi, qs, 2)
	if len(found) != 1 {
		return 0, false
	}
	// The matches only shrink as the prefix grows: find the shortest
	// prefix with one match by bisection.
	j := sort.Search(len(qs)+1, func(j int) bool { return len(cfMatches(lo, hi, qs[:j], 2)) <= 1 })
	if len(qs)-j < cfMinVerify {
		return 0, false
	}
	return found[0], true
}

// cfMatches returns up to limit values N with isqrt(N) in lo..hi whose
// continued fraction continues with the quotients qs after a0.
//
// With x = a0 + y the complete quotient, y = sqrt(N) - a0 lies strictly
// between [0; a1, ..., aj] and [0; a1, ..., aj + 1], so N - a0^2 =
// y*(2*a0 + y) lies in an interval computed here in floating point and
// widened by 1 on each side; each N in it is then checked exactly.
func cfMatches(lo, hi int64, qs []int64, limit int) []int64 {
	ylo, yhi := 0.0, 1.0
	if len(qs) > 0 {
		ylo, yhi = cfTail(qs, 0), cfTail(qs, 1)
		ylo, yhi = min(ylo, yhi), max(ylo, yhi)
	}
	var found []int64
	for a0 := lo; a0 <= min(hi, cfMaxA0); a0++ {
		dlo := max(1, int64(math.Floor(ylo*(2*float64(a0)+ylo)))-1)
		dhi := min(2*a0, int64(math.Ceil(yhi*(2*float64(a0)+yhi)))+1, dsl.MaxRadicand-a0*a0)
		for d := dlo; d <= dhi; d++ {
			if n := a0*a0 + d; cfStartsWith(n, qs) {
				if found = append(found, n); len(found) >= limit {
					return found
				}
			}
		}
	}
	return found
}

// cfTail is [0; a1, ..., aj + plus] in floating point, evaluated from the
// last quotient back, which stays accurate however long qs is.
func cfTail(qs []int64, plus float64) float64 {
	x := float64(qs[len(qs)-1]) + plus
	for i := len(qs) - 2; i >= 0; i-- {
		x = float64(qs[i]) + 1/x
	}
	return 1 / x
}

// cfStartsWith reports whether the partial quotients of sqrt(n) after a0
// begin with qs.
func cfStartsWith(n int64, qs []int64) bool {
	i := -1 // a0 is right by construction
	for a := range dsl.SqrtCFQuotients(n) {
		if i >= 0 && a != qs[i] {
			return false
		}
		if i++; i == len(qs) {
			return true
		}
	}
	return false // n is no radicand
}
