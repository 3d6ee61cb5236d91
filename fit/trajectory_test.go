package fit

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrajectory(t *testing.T) {
	cases := []struct {
		name, terms, want, next string
	}{
		// OEIS A037110, the trajectory of 3 under n -> 25n+1 (odd), n/2
		// (even) (CC BY-SA 4.0), and the Collatz trajectory of 27.
		{"25n+1", "3,76,38,19,476,238,119,2976,1488,744,372,186,93,2326,1163",
			"a(n) = if a(n-1) mod 2 <= 0 then a(n-1)/2 else 25*a(n-1) + 1; a(0) = 3", "29076"},
		{"Collatz", "27,82,41,124,62,31,94,47,142,71,214,107,322,161,484",
			"a(n) = if a(n-1) mod 2 <= 0 then a(n-1)/2 else 3*a(n-1) + 1; a(0) = 27", "242"},
		{"(3n+1)/2", "7,11,17,26,13,20,10,5,8,4,2,1,2,1,2",
			"a(n) = if a(n-1) mod 2 <= 0 then a(n-1)/2 else (3*a(n-1) + 1)/2; a(0) = 7", "1"},
		{"an even step that does not halve", "1,2,3,4,5,6,7,8,9", "", ""},
		{"odd steps off one line", "3,10,5,16,8,4,2,1,5,7,22,11,30", "", ""},
		{"too few odd steps", "3,10,5,16,8,4,2,1", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := Trajectory(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.Len(t, progs, 1)
			assert.Equal(t, c.want, shortestReproducing(t, progs, terms, c.next).String())
		})
	}
}
