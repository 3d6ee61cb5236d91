package fit

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNumeral(t *testing.T) {
	cases := []struct {
		name, terms string
		want        string // the shortest proposal, "" for none
		next        string
	}{
		// OEIS A055479, A004638, A004685 (CC BY-SA 4.0).
		{"powers of ten in base 9", "1,11,121,1331,14641,162151,1783661,20731371,228145181,2520607101", "a(n) = base(10^n, 9)", "27726678111"},
		{"cubes in base 8", "1,10,33,100,175,330,527,1000,1331,1750,2463,3300,4225,5270", "a(n) = base(n^3, 8); n >= 1", "6457"},
		{"3 times the powers of 4 in base 7", "3,15,66,363,2145,11646,50553,263205,1446126", "a(n) = base(3*4^n, 7)", "6453543"},
		{"a digit 9", "1,11,121,1331,14641,162151,1783661,20731371,228145181,2520607109", "", ""},
		{"single digits", "1,2,3,4,5,6,7,8,1,2,3", "", ""},
		{"negative", "1,11,121,1331,14641,162151,1783661,-20731371,228145181,2520607101", "", ""},
		{"too few terms", "1,11,121,1331,14641", "", ""},
		// Fibonacci numbers in base 2 are numerals, but no closed form.
		{"no closed form", "0,1,1,10,11,101,1000,1101,10101,100010", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := Numeral(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.NotEmpty(t, progs)
			best := shortestReproducing(t, progs, terms, c.next)
			assert.Equal(t, c.want, best.String())
		})
	}
}
