package fit

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

func TestTriangleRecurrence(t *testing.T) {
	cases := []struct {
		name, terms string
		want        string // the shortest proposal, "" for none
		next        string
	}{
		// The first 15 terms of OEIS triangles (CC BY-SA 4.0): A013615,
		// the coefficients of (1 + 8x)^n; A008292, the Eulerian numbers;
		// A145324, the coefficients of (x + 2)(x + 3)...(x + n); A168561,
		// a Fibonacci-like triangle reading two rows up; A201639, three
		// cells of the row above (a Riordan array); A119258, 1 on both
		// edges; A159856, n + 1 on the left edge; A279006, 1 on the
		// right; A125179, the primes on the left (six rows: on five, nextprime(2*n)
		// fits the edge 2, 3, 5, 7, 11 as well and is shorter).
		{"(1 + 8x)^n", "1,1,8,1,16,64,1,24,192,512,1,32,384,2048,4096", "T(n, k) = 8*T(n-1, k-1) + T(n-1, k); T(0, 0) = 1", "1"},
		{"Eulerian", "1,1,1,1,4,1,1,11,11,1,1,26,66,26,1", "T(n, k) = (n - k + 1)*T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1", "1"},
		{"rising factorials", "1,1,2,1,5,6,1,9,26,24,1,14,71,154,120", "T(n, k) = n*T(n-1, k-1) + T(n-1, k); T(1, 1) = 1", "1"},
		{"two rows up", "1,0,1,1,0,1,0,2,0,1,1,0,3,0,1", "T(n, k) = T(n-1, k-1) + T(n-2, k); T(0, 0) = 1", "0"},
		{"three cells above", "1,4,1,20,8,1,112,56,12,1,672,384,108,16,1", "T(n, k) = T(n-1, k-1) + 4*T(n-1, k) + 4*T(n-1, k+1); T(0, 0) = 1", "4224"},
		{"edges of 1", "1,1,1,1,3,1,1,5,7,1,1,7,17,15,1", "T(n, k) = T(n-1, k-1) + T(n-1, k-1) + T(n-1, k); T(n, n) = 1", "1"},
		{"left edge n + 1", "1,2,-1,3,-4,1,4,-11,6,-1,5,-26,23,-8,1", "T(n, k) = T(n-1, k) + T(n-1, k) - T(n-1, k-1); T(n, 1) = n", "6"},
		{"right edge 1", "1,1,1,1,0,1,1,-1,1,1,1,-2,2,0,1", "T(n, k) = T(n-1, k) - T(n-1, k-1); T(n, n) = 1", "1"},
		{"primes on the left", "2,3,2,5,5,2,7,10,7,2,11,17,17,9,2,13,28,34,26,11,2", "T(n, k) = T(n-1, k-1) + T(n-1, k); T(n, 1) = prime(n)", "17"},
		// No triangle: too few terms, the squares, the primes, Fibonacci.
		{"too few", "1,1,1,1,2,1,1,3,3", "", ""},
		{"squares", "0,1,4,9,16,25,36,49,64,81,100,121,144,169,196", "", ""},
		{"primes", "2,3,5,7,11,13,17,19,23,29,31,37,41,43,47", "", ""},
		{"Fibonacci", "0,1,1,2,3,5,8,13,21,34,55,89,144,233,377", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := TriangleRecurrence(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.NotEmpty(t, progs)
			best := shortestReproducing(t, progs, terms, c.next)
			assert.Equal(t, c.want, best.String())
			assert.Equal(t, dsl.TriangleRec, best.Kind)
		})
	}
}

// TestTriangleRecurrenceSpare checks the margins: the affine shapes (6
// unknowns) need 12 equations, 13 terms; with 12 the Eulerian numbers
// are left alone, and a triangle with rules needs triRuleSpare more
// inside equations than unknowns.
func TestTriangleRecurrenceSpare(t *testing.T) {
	eulerian := digitTerms("1,1,1,1,4,1,1,11,11,1,1,26,66")
	assert.NotEmpty(t, TriangleRecurrence(context.Background(), eulerian))
	assert.Empty(t, TriangleRecurrence(context.Background(), eulerian[:12]))
	// 1 on both edges, 2*T(n-1, k-1) + T(n-1, k) inside: 11 terms hold 4
	// inside entries, one more than the 1 unknown plus triRuleSpare.
	edges := digitTerms("1,1,1,1,3,1,1,5,7,1,1,7,17,15,1")
	for n := 10; n <= len(edges); n++ {
		got := TriangleRecurrence(context.Background(), edges[:n])
		inside := 0
		for i := range n {
			r, k := dsl.TriangleCell(i)
			if k > 0 && k < r {
				inside++
			}
		}
		assert.Equal(t, inside >= 2+triRuleSpare, len(got) > 0, "%d terms, %d inside", n, inside)
	}
}

// TestTriBodyOffsets checks that an affine coefficient is written for
// the offset that the program takes: c0 + c1*row + c2*col becomes
// c0 - o*(c1 + c2) + c1*n + c2*k.
func TestTriBodyOffsets(t *testing.T) {
	s := triShape{cells: []int{0}, affine: true}
	x := []*big.Int{big.NewInt(1), big.NewInt(1), big.NewInt(-1)} // (1 + row - col)*T(n-1, k-1)
	assert.Equal(t, "(n - k + 1)*a(n-1)", dsl.Format(triBody(s, x, 0)))
	assert.Equal(t, "(n - k + 1)*a(n-1)", dsl.Format(triBody(s, x, 1)))
	x = []*big.Int{big.NewInt(3), big.NewInt(2), big.NewInt(0)} // (3 + 2*row)*T(n-1, k-1)
	assert.Equal(t, "(n + n + 3)*a(n-1)", dsl.Format(triBody(s, x, 0)))
	assert.Equal(t, "(n + n + 1)*a(n-1)", dsl.Format(triBody(s, x, 1)))
}
