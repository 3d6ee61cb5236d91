package fit

import (
	"context"
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

// findCase is a sequence a fitter must explain: its first proposal is
// want, and predicts next.
type findCase struct {
	id    string
	terms []*big.Int
	want  string
	next  string
}

// checkFinds runs the fitter on each case.
func checkFinds(t *testing.T, f fitter, cases []findCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			progs := f(context.Background(), c.terms)
			if len(progs) == 0 {
				t.Fatalf("no proposal, want %s", c.want)
			}
			best := shortestReproducing(t, progs[:1], c.terms, c.next)
			assert.Equal(t, c.want, best.String())
		})
	}
}
