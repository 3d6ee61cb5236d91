package fit_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/fit"
)

// digitTerms turns "2079441541" into terms.
func digitTerms(s string) []*big.Int {
	out := make([]*big.Int, len(s))
	for i, c := range s {
		out[i] = big.NewInt(int64(c - '0'))
	}
	return out
}

// A190281, (1+sqrt(1+r))/r with r = sqrt(2), 1,8,0,5,7,9,0,8,9,4,6,5,4,3,5
// (38 bits) is beyond the enumeration's reach: its numerator alone takes
// 27 bits.

// TestConstantFinds: the first 15 digits of OEIS constants (terms from
// the OEIS, CC BY-SA 4.0) give a program that predicts the 16th.
func TestConstantFinds(t *testing.T) {
	cases := []struct {
		id, digits string
		next       int64
	}{
		{"A016631 log(8)", "207944154167983", 5},
		{"A153099 log_23(3)", "350379306422210", 9},
		{"A154973 log_16(18)", "104248125036057", 8},
		{"A011134 49^(1/5)", "217790642448277", 9},
		{"A216701 sqrt(2)/(2*log(2))", "102013944659678", 9},
		{"A019643 sqrt(2*Pi*e)/21", "196796731148690", 1},
		{"A049469 sin(1)", "841470984807896", 5},
		{"A049470 cos(1)", "540302305868139", 7},
		{"A049471 tan(1)", "155740772465490", 2},
		{"A105531 arctan(1/3)", "321750554396642", 1},
		{"A073052 cos(Pi/7)", "900968867902419", 1},
		// arcsec(7) = arccos(1/7) = atan(sqrt(48)), 24 bits: found as
		// atan(X) with X = sqrt(48) looked up (Constant's inverses).
		{"A195779 arcsec(7)", "142744875788953", 1},
		// Roots beyond the ninth, sums with a short part and quadratic
		// irrationals.
		{"A011211 5^(1/17)", "109929912581037", 9},
		{"A011288 10^(1/19)", "112883789168468", 9},
		{"A157258 7 + 2*sqrt(2)", "982842712474619", 0},
		{"A387191 pi - atan(1/2)", "267794504458898", 7},
		{"A098318 (5 + sqrt(29))/2", "519258240356725", 2},
		{"A188943 (7 + sqrt(13))/6", "176759187924399", 8},
	}
	for _, c := range cases {
		t.Run(c.id, func(t *testing.T) {
			terms := digitTerms(c.digits)
			start := time.Now()
			progs := fit.Constant(context.Background(), terms)
			t.Logf("%v: %v", time.Since(start), progs)
			require.NotEmpty(t, progs)
			p := progs[0]
			vals := p.BigValues(len(terms) + 1)
			require.NotNil(t, vals[len(terms)], p.String())
			assert.Equal(t, c.next, vals[len(terms)].Int64(), p.String())
			t.Logf("%s: %d bits", p, p.Bits())
		})
	}
}

// TestConstantNoWrongProposals: whatever Constant proposes reproduces the
// terms and predicts the true next digit; random digits and sequences that
// are not digits get nothing.
func TestConstantNoWrongProposals(t *testing.T) {
	ctx := context.Background()
	// 1/7 = 0.142857142857142|857...: a proposal must predict the 8.
	seventh := digitTerms("142857142857142")
	for _, p := range fit.Constant(ctx, seventh) {
		vals := p.BigValues(16)
		require.NotNil(t, vals[15], p.String())
		assert.Equal(t, int64(8), vals[15].Int64(), p.String())
	}
	// Digits of no simple constant (from a fixed pseudo-random source).
	for _, s := range []string{"830241957361028", "572910384756102", "384920175638291", "640315927781046", "000000000000000", "111111111111111"} {
		progs := fit.Constant(ctx, digitTerms(s))
		for _, p := range progs {
			// A proposal must at least reproduce the digits.
			vals := p.BigValues(len(s))
			for i, c := range s {
				require.NotNil(t, vals[i])
				require.Equal(t, int64(c-'0'), vals[i].Int64(), p.String())
			}
		}
		if s[0] != s[1] {
			assert.Empty(t, progs, s)
		}
	}
	notDigits := [][]*big.Int{
		digitTerms("2079441541679830")[:9], // too few
		append(digitTerms("20794415416798"), big.NewInt(10)),
		append(digitTerms("20794415416798"), big.NewInt(-1)),
		{big.NewInt(1), big.NewInt(2), big.NewInt(4), big.NewInt(8), big.NewInt(16), big.NewInt(32), big.NewInt(64), big.NewInt(128), big.NewInt(256), big.NewInt(512), big.NewInt(1024)},
	}
	for _, terms := range notDigits {
		assert.Nil(t, fit.Constant(ctx, terms))
	}
}

// TestConstantLeadingZeros: digits listed from the point, 1/471 =
// 0.00212314225053078..., start two places before the first significant
// digit.
func TestConstantLeadingZeros(t *testing.T) {
	terms := digitTerms("002123142250530")
	progs := fit.Constant(context.Background(), terms)
	require.NotEmpty(t, progs)
	p := progs[0]
	assert.Equal(t, 1, p.Parts.(*dsl.DigitsParts).From, p.String())
	vals := p.BigValues(16)
	assert.Equal(t, int64(7), vals[15].Int64(), p.String())
}

// TestConstantCancel: a cancelled context stops the search.
func TestConstantCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.Empty(t, fit.Constant(ctx, digitTerms("207944154167983")))
}
