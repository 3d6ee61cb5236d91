package fit

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrianglePoly(t *testing.T) {
	cases := []struct {
		name, terms string
		want        string // the shortest proposal, "" for none
		next        string
	}{
		// OEIS A163674, T(n, m) = 2mn + m + n + 9, and A132118,
		// T(n, k) = n(n-1)/2 + 2k - 1, both read by rows (CC BY-SA 4.0).
		{"2nk + n + k + 9", "13,16,21,19,26,33,22,31,40,49,25,36,47,58,69", "T(n, k) = 2*(n*k) + k + n + 9; n >= 1", "28"},
		{"n(n-1)/2 + 2k - 1", "1,2,4,4,6,8,7,9,11,13,11,13,15,17,19", "T(n, k) = (n*n + 4*k + n + 2)/2", "16"},
		{"n - k", "0,1,0,2,1,0,3,2,1,0,4,3,2,1,0", "T(n, k) = n - k", "5"},
		{"too few terms for degree 1", "0,1,0,2,1", "", ""},
		// Pascal's triangle is no polynomial.
		{"binomials", "1,1,1,1,2,1,1,3,3,1,1,4,6,4,1", "", ""},
		{"Fibonacci", "0,1,1,2,3,5,8,13,21,34,55,89,144,233,377", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := TrianglePoly(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.NotEmpty(t, progs)
			assert.Equal(t, c.want, shortestReproducing(t, progs, terms, c.next).String())
		})
	}
}
