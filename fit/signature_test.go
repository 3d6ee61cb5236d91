package fit

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSignatureFinds: the numbers of one prime signature in the OEIS
// (terms from the OEIS, CC BY-SA 4.0) give their program, which predicts
// the next term.
func TestSignatureFinds(t *testing.T) {
	checkFinds(t, Signature, []findCase{
		{"A006881 p*q", ints(6, 10, 14, 15, 21, 22, 26, 33, 34, 35, 38, 39, 46, 51, 55), "a = signature(1, 1)", "57"},
		{"A054753 p^2*q", ints(12, 18, 20, 28, 44, 45, 50, 52, 63, 68, 75, 76, 92, 98, 99), "a = signature(2, 1)", "116"},
		{"A179746 p^4*q^2*r^2", ints(3600, 7056, 8100, 15876, 17424, 19600, 22500, 24336, 39204, 41616), "a = signature(4, 2, 2)", "48400"},
		{"A030078 cubes of primes", ints(8, 27, 125, 343, 1331, 2197, 4913, 6859, 12167, 24389), "a = signature(3)", "29791"},
		{"puzzle length", ints(6, 10, 14, 15, 21), "a = signature(1, 1)", "22"},
	})
}

// TestSignatureRejects: sequences whose terms share a signature but are
// not all its numbers from the least, or do not share one, get nothing.
func TestSignatureRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		"primes 1 mod 4":        ints(5, 13, 17, 29, 37, 41, 53, 61, 73, 89),
		"squares of odd primes": ints(9, 25, 49, 121, 169, 289, 361, 529),
		"2p, a gap at 15":       ints(6, 10, 14, 22, 26, 34, 38, 46),
		"squares":               ints(4, 9, 16, 25, 36, 49, 64, 81),
		"too few":               ints(6, 10, 14, 15),
		"falling":               ints(15, 14, 10, 6, 4),
		"one":                   ints(1, 2, 3, 5, 7, 11),
		"beyond the bound":      ints(1<<22+2, 1<<22+3, 1<<22+5, 1<<22+7, 1<<22+9),
	} {
		assert.Empty(t, Signature(context.Background(), terms), name)
	}
}
