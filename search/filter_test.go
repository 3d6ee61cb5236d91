package search

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

func TestFilters(t *testing.T) {
	cases := []struct {
		name  string
		terms []int64
		want  string // the shortest proposal, "" for none
		next  int64  // what it predicts
	}{
		{"odious numbers", []int64{1, 2, 4, 7, 8, 11, 13, 14, 16, 19, 21, 22, 25}, "a = {n >= 1 : bitcount(n) mod 2 > 0}", 26},
		{"squarefree numbers", []int64{1, 2, 3, 5, 6, 7, 10, 11, 13, 14, 15, 17}, "a = {n >= 1 : digsum(mu(n)) > 0}", 19},
		// 0 is in, so the set starts at n = 0, and 0^0 = 1.
		{"0 and the primes", []int64{0, 2, 3, 5, 7, 11, 13}, "a = {n >= 0 : isprime(n)^n > 0}", 17},
		{"too few terms", []int64{2, 3, 5, 7, 11}, "", 0},
		{"not increasing", []int64{1, 2, 3, 9, 5, 6, 7}, "", 0},
		{"a term repeated", []int64{1, 2, 2, 3, 5, 6, 7}, "", 0},
		{"negative", []int64{-1, 2, 3, 5, 6, 7}, "", 0},
		{"spread too far", []int64{1, 2, 3, 5, 6, maxFilterSpan + 1}, "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			progs := Filters(context.Background(), ints(c.terms...))
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			for _, p := range progs {
				assert.Equal(t, dsl.Filter, p.Kind)
				vals := p.BigValues(len(c.terms))
				for i, v := range c.terms {
					if assert.NotNil(t, vals[i], "%s term %d", p, i) {
						assert.Equal(t, v, vals[i].Int64(), "%s term %d", p, i)
					}
				}
			}
			if assert.NotEmpty(t, progs) {
				assert.Equal(t, c.want, progs[0].String())
				assert.Equal(t, c.next, progs[0].BigValues(len(c.terms) + 1)[len(c.terms)].Int64())
			}
		})
	}
}
