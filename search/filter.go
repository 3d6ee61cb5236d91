package search

import (
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Filters proposes filter programs, a = {n >= 0 : body > 0}, for terms that
// are increasing non-negative integers ("numbers k such that ..."). It
// searches closed forms for the characteristic sequence of the terms (1 at
// each n that is a term, 0 at every other n up to the last term, from 0,
// or from 1 when the terms are positive) and turns each one found into a
// filter. So it finds the bodies that are
// exactly 1 on the terms and 0 between them (isprime(n*n + 1), mu(n)^2,
// bitcount(n) mod 2), not every body the language allows (any positive
// value counts as a member). Like a fitter's proposals, the predictor
// checks each program and charges it its full length.
//
// Every candidate is evaluated at each n up to the last term, so the
// search is bounded by filterCells evaluations (filterCells/span
// candidates) and filterMemory bytes, and is only run for at least
// minFilterTerms terms whose last is at most maxFilterSpan.
func Filters(ctx context.Context, terms []*big.Int) []*dsl.Program {
	// Sets of positive integers start at n = 1: many bodies (mu(n),
	// sigma(n), 1/n) are undefined at 0.
	offset := 0
	if len(terms) > 0 && terms[0].Sign() > 0 {
		offset = 1
	}
	chi := characteristic(terms, offset)
	if chi == nil {
		return nil
	}
	budget := int64(filterCells / len(chi))
	opts := Options{MaxPrograms: budget, PatternPrograms: budget, MaxMemory: filterMemory}.withDefaults()
	// Loops are left out: their bodies are evaluated at every (n, k) cell,
	// some 5,000 of them for a span of 100.
	closed, _ := dsl.ClosedForm.Body()
	res, err := run(ctx, chi, opts, []shape{{kind: dsl.ClosedForm, body: closed, offset: offset, g: dsl.Grammar{}}})
	if err != nil {
		return nil
	}
	found := slices.Clone(res.Found)
	slices.SortStableFunc(found, func(a, b Found) int { return a.Bits - b.Bits })
	var out []*dsl.Program
	for _, f := range found[:min(len(found), maxFilterProposals)] {
		out = append(out, dsl.NewProgram(dsl.Filter, offset, 0, f.Program.Body, nil))
	}
	return out
}

// Bounds of the filter search (see Filters), which the command runs for
// every set that nothing within the main search's horizon explains: 2^24
// evaluations take about 20 ms, which reaches bodies of about 30 bits for
// a span of 50 and 25 bits for 300.
const (
	minFilterTerms     = 6
	maxFilterSpan      = 300
	filterCells        = 1 << 24
	filterMemory       = 64 << 20
	maxFilterProposals = 8
)

// characteristic returns the 0/1 sequence of membership in terms for
// n = offset..last, or nil when the terms are not a usable set: too few,
// not increasing, below offset, or spread too far.
func characteristic(terms []*big.Int, offset int) []*big.Int {
	if len(terms) < minFilterTerms {
		return nil
	}
	for i := 1; i < len(terms); i++ {
		if terms[i].Cmp(terms[i-1]) <= 0 {
			return nil
		}
	}
	last := terms[len(terms)-1]
	if !last.IsInt64() || last.Int64() > maxFilterSpan || terms[0].Cmp(big.NewInt(int64(offset))) < 0 {
		return nil
	}
	chi := make([]*big.Int, last.Int64()+1-int64(offset))
	for i := range chi {
		chi[i] = big.NewInt(0)
	}
	for _, t := range terms {
		chi[t.Int64()-int64(offset)] = big.NewInt(1)
	}
	return chi
}
