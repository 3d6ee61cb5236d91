package search

import (
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// ClosedForms returns the closed forms a(n) = body, n from offset (0 or
// 1), that reproduce the terms, shortest first, one per next term (the
// fast engine keeps the shortest program of each behaviour), found by a
// search of at most budget candidates and margin bits past the shortest.
// It is the search a fitter runs for a part of a program that is a
// closed form of a few values, such as the boundary columns of a
// triangle recurrence (fit.TriangleRecurrence).
func ClosedForms(ctx context.Context, terms []*big.Int, offset int, budget int64) []Found {
	if len(terms) == 0 || budget <= 0 {
		return nil
	}
	closed, _ := dsl.ClosedForm.Body()
	return searchShape(ctx, terms, shape{kind: dsl.ClosedForm, body: closed, offset: offset, g: closed.Grammar(0)}, budget)
}

// searchShape searches the bodies of one shape for a fitter, with its
// small budget on one worker, and returns what reproduces the terms,
// shortest first.
func searchShape(ctx context.Context, terms []*big.Int, s shape, budget int64) []Found {
	opts := Options{MaxPrograms: budget, PatternPrograms: budget, MaxMemory: closedFormMemory, Workers: 1}.withDefaults()
	res, err := run(ctx, terms, opts, []shape{s})
	if err != nil {
		return nil
	}
	found := slices.Clone(res.Found)
	slices.SortStableFunc(found, func(a, b Found) int { return a.Bits - b.Bits })
	return found
}

// closedFormMemory bounds what ClosedForms allocates: its budgets are
// small, thousands of candidates on a few terms.
const closedFormMemory = 16 << 20
