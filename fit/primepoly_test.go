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
		// OEIS A245034, p^2 - 4p from the third prime on; A352851,
		// prime(n)^2 + prime(n+1); A062234, 2*prime(n) - prime(n+1).
		{"p(p - 4) from 5", "5,21,77,117,221,285,437,725,837,1221,1517,1677,2021,2597,3245",
			"a(n) = prime(n + 2)*(prime(n + 2) - 4); n >= 1", "3477"},
		{"p^2 + q", "7,14,32,60,134,186,308,384,558,872,998,1410,1724,1896,2262",
			"a(n) = prime(n + 1) + prime(n)^2; n >= 1", "2868"},
		{"2p - q", "1,1,3,3,9,9,15,15,17,27,25,33,39,39,41",
			"a(n) = 2*prime(n) - prime(n + 1); n >= 1", "47"},
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
			require.NotEmpty(t, progs)
			assert.Equal(t, c.want, shortestReproducing(t, progs, terms, c.next).String())
		})
	}
}
