package fit

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestEtaQuotientFinds: eta quotients and theta functions in the OEIS
// (terms from the OEIS, CC BY-SA 4.0) give their program, which predicts
// the next term.
func TestEtaQuotientFinds(t *testing.T) {
	checkFinds(t, EtaQuotient, []findCase{
		{"A000122 theta_3", ints(1, 2, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0), "a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)", "0"},
		{"A010054 psi(q)", ints(1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0), "a(n) = [x^n] E(x^2)^2/E(x)", "1"},
		{"A082564", ints(1, -2, -2, 4, 2, 0, -4, 0, 2, -6, 0, 4, 4, 0, 0), "a(n) = [x^n] E(x)^2*E(x^2)/E(x^4)", "0"},
		{"A014969 (theta_3/theta_4)^2", ints(1, 8, 32, 96, 256, 624, 1408, 3008, 6144, 12072, 22976, 42528, 76800, 135728, 235264), "a(n) = [x^n] E(x^2)^12/(E(x)^8*E(x^4)^4)", "400704"},
		{"A000041 partitions", ints(1, 1, 2, 3, 5, 7, 11, 15, 22, 30), "a(n) = [x^n] 1/E(x)", "42"},
	})
}

// TestEtaQuotientRejects: series whose exponents are no integers, or
// whose level the terms cannot confirm, get nothing.
func TestEtaQuotientRejects(t *testing.T) {
	for name, terms := range map[string][]*big.Int{
		// Eisenstein's E_4 (A004009) is no eta quotient: its exponents
		// are integers but never vanish.
		"E_4":         ints(1, 240, 2160, 6720, 17520, 30240, 60480, 82560, 140400, 181680, 272160, 319680, 490560, 527520, 743040),
		"powers of 2": ints(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384),
		"squares":     ints(1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121, 144),
		"not from 1":  ints(2, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0),
		// E(x^2)*E(x^7) is of level 14: 14 terms cannot confirm it.
		"level too large": dsl.NewEta([]int{0, 1, 0, 0, 0, 0, 1}).BigValues(14),
		"too few checks":  ints(1, 1, 2, 3, 5),
	} {
		assert.Empty(t, EtaQuotient(context.Background(), terms), name)
	}
}
