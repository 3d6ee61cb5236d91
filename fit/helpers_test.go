package fit

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// shortestReproducing checks that every proposal reproduces the terms and
// predicts next (as a decimal string), and returns the shortest proposal.
func shortestReproducing(t *testing.T, progs []*dsl.Program, terms []*big.Int, next string) *dsl.Program {
	t.Helper()
	var best *dsl.Program
	for _, p := range progs {
		vals := p.BigValues(len(terms) + 1)
		for i, v := range terms {
			assert.Equal(t, v.String(), vals[i].String(), "%s term %d", p, i)
		}
		assert.Equal(t, next, vals[len(terms)].String(), "%s next", p)
		if best == nil || p.Bits() < best.Bits() {
			best = p
		}
	}
	return best
}
