package search

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Multiplicative returns the multiplicative functions
// a(n) = prod(p^k||n, body) (dsl.Multiplicative) whose body gives
// vals[i] at the prime power at[i], shortest first, one per value at the
// prime power after them, at[len(vals)] (Found.Next), found by a search of
// at most budget candidates. at lists prime powers (one more than vals),
// in any order: the prime powers among the indices of the terms and the
// next one, or all but one of them and that one, to see whether a body
// found without it predicts it. It is the search behind
// fit.Multiplicative, which checks the programs on all the terms. It
// finds nothing when a value does not fit in int64 (the search checks
// such a value exactly against the program's terms, not its body's
// values), nor when at is not one longer than vals or holds a number
// that is no prime power.
func Multiplicative(ctx context.Context, at []dsl.Value, vals []*big.Int, budget int64) []Found {
	if len(vals) == 0 || len(at) != len(vals)+1 || budget <= 0 {
		return nil
	}
	for _, v := range vals {
		if !v.IsInt64() || dsl.FromBig(v) == dsl.Undef {
			return nil
		}
	}
	body, _ := dsl.Multiplicative.Body()
	s := shape{kind: dsl.Multiplicative, body: body, offset: body.Offset, g: body.Grammar(0)}
	for _, x := range at {
		p, k, ok := dsl.PrimePower(x)
		if !ok {
			return nil
		}
		s.points = append(s.points, [2]dsl.Value{p, k})
	}
	return searchShape(ctx, vals, s, budget)
}
