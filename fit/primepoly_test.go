package fit

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrimePolynomial(t *testing.T) {
	cases := []struct {
		name, terms, want, next string
	}{
		// OEIS A066885, (prime(n)^2 + 1)/2 (CC BY-SA 4.0).
		{"(p^2 + 1)/2", "5,13,25,61,85,145,181,265,421,481,685,841,925,1105,1405",
			"a(n) = (prime(n + 1)*prime(n + 1) + 1)/2; n >= 1", "1741"},
		{"p(p - 1)", "2,6,20,42,110,156,272,342", "a(n) = prime(n)*(prime(n) - 1); n >= 1", "506"},
		{"not primes", "1,2,3,4,5,6,7,8,9,10", "", ""},
		{"too few terms", "5,13,25,61,85", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := PrimePolynomial(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.Len(t, progs, 1)
			assert.Equal(t, c.want, shortestReproducing(t, progs, terms, c.next).String())
		})
	}
}
