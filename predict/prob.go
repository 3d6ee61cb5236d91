package predict

import (
	"math"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// mixed is one class of the mixture: its continuation and its length in
// bits (the shorter of its program and of its literal program).
type mixed struct {
	next    []*big.Int
	bits    int
	lit     int  // the literal program's length
	literal bool // the literal program is the shorter
}

// Probability is the probability the mixture gives to the continuation
// next, which must have as many terms as were predicted (Options.Next);
// see Log2Probability.
func (r *Result) Probability(next []*big.Int) float64 {
	return math.Exp2(r.Log2Probability(next))
}

// Log2Probability is the base-2 logarithm of the probability the mixture
// gives to the continuation next, exactly, whether or not next is among the
// listed Predictions:
//
//   - if some class of the mixture (listed or not) continues the terms with
//     next, its weight 2^-bits / Z;
//   - otherwise the weight of the literal program writing out the terms
//     followed by next, 2^-(base + Σ IntBits(next[i])) / Z, where base is
//     the literal code of the given terms and of the count n+k.
//
// Z is the normaliser of the mixture (see mix and Log2Z). The unseen mass
// beyond the search's horizon (Unseen) goes to no continuation, so these
// probabilities sum to 1 - Unseen over all continuations, and a log-loss
// computed from them is an upper bound on that of any way of sharing the
// unseen mass out. The log stays finite where the probability itself
// would underflow, as it does for continuations with terms of thousands
// of bits. It is NaN when next does not have Options.Next terms or r did
// not come from Predict.
func (r *Result) Log2Probability(next []*big.Int) float64 {
	if r.z <= 0 || len(next) != r.next || len(next) == 0 {
		return math.NaN()
	}
	bits := -1
	for _, m := range r.mixture {
		if compareTuples(m.next, next) == 0 {
			bits = m.bits
			break
		}
	}
	if bits < 0 {
		bits = r.base
		for _, v := range next {
			if v == nil {
				return math.NaN()
			}
			bits += dsl.IntBits(v)
		}
	}
	return r.ref - float64(bits) - math.Log2(r.z)
}
