package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func digitTerms(s string) []*big.Int {
	var out []*big.Int
	for _, d := range strings.Split(s, ",") {
		v, _ := new(big.Int).SetString(d, 10)
		out = append(out, v)
	}
	return out
}

func TestDecimal(t *testing.T) {
	cases := []struct {
		name, digits string
		want         string // the shortest proposal, "" for none
		next         int64
	}{
		// OEIS A021475: decimal expansion of 1/471 (CC BY-SA 4.0).
		{"1/471", "0,0,2,1,2,3,1,4,2,2,5,0,5,3,0", "a(n) = 10^n/471 mod 10; n >= 1", 7},
		{"22/7", "3,1,4,2,8,5,7,1,4,2,8,5", "a(n) = 10^n*22/7 mod 10", 7},
		{"1/7 from its first digit", "1,4,2,8,5,7,1,4,2,8", "a(n) = 10^n/7 mod 10; n >= 1", 5},
		// Square roots of fractions (OEIS A010480, A020832).
		{"sqrt(24)", "4,8,9,8,9,7,9,4,8,5,5,6,6,3,5", "a(n) = isqrt(100^n*24) mod 10", 6},
		{"1/sqrt(75)", "1,1,5,4,7,0,0,5,3,8,3,7,9,2,5", "a(n) = isqrt(100^n*4/3) mod 10", 1},
		{"sqrt(2)", "1,4,1,4,2,1,3,5,6,2,3,7,3,0,9", "a(n) = isqrt(100^n*2) mod 10", 5},
		// Other bases (OEIS A004568, A004542, A004539): the square roots
		// of 6 in base 9, of 2 in base 5 and in base 2.
		{"sqrt(6) in base 9", "2,4,0,3,6,0,8,2,4,4,8,4,8,1,8", "a(n) = isqrt(81^n*6) mod 9", 5},
		{"sqrt(2) in base 5", "1,2,0,1,3,4,2,0,2,0,4,1,3,0,0", "a(n) = isqrt(25^n*2) mod 5", 0},
		{"sqrt(2) in base 2", "1,0,1,1,0,1,0,1,0,0,0,0,0,1,0", "a(n) = isqrt(4^n*2) mod 2", 0},
		{"3/7 in base 3", "1,0,2,1,2,0,1,0,2,1,2,0,1,0,2", "a(n) = 3^n*3/7 mod 3; n >= 1", 1},
		// Other numbers: no fraction this simple has these digits, nor
		// their square.
		{"log(8)", "2,0,7,9,4,4,1,5,4,1,6,7,9,8,3", "", 0},
		{"5th root of 49", "2,1,7,7,9,0,6,4,2,4,4,8,2,7,7", "", 0},
		{"not digits", "1,2,3,10,5,6,7,8,9", "", 0},
		{"negative", "1,2,3,-1,5,6,7,8,9", "", 0},
		{"all zeros", "0,0,0,0,0,0,0,0,0,0", "", 0},
		{"an integer, and its square", "5,0,0,0,0,0,0,0,0,0", "", 0},
		{"too few digits for the denominator", "0,0,2,1,2,3,1", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.digits)
			progs := Decimal(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.NotEmpty(t, progs)
			best := progs[0]
			for _, p := range progs {
				vals := p.BigValues(len(terms) + 1)
				for i, d := range terms {
					assert.Equal(t, d.String(), vals[i].String(), "%s digit %d", p, i)
				}
				assert.Equal(t, c.next, vals[len(terms)].Int64(), "%s", p)
				if p.Bits() < best.Bits() {
					best = p
				}
			}
			assert.Equal(t, c.want, best.String())
		})
	}
}

func TestSpareDigits(t *testing.T) {
	want := map[int64]int{2: 10, 3: 7, 4: 5, 5: 5, 6: 4, 7: 4, 8: 4, 9: 4, 10: 3}
	for b, s := range want {
		assert.Equal(t, s, spareDigits(b), "base %d", b)
	}
}

// TestSimplestBetween checks the continued-fraction search against brute
// force: the first denominator q with a multiple of 1/q in [lo, hi].
func TestSimplestBetween(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		a, b := r.Int64N(5000), r.Int64N(5000)+1
		lo := big.NewRat(a, b)
		hi := new(big.Rat).Add(lo, big.NewRat(1, 1+r.Int64N(100000)))
		got := simplestBetween(lo, hi)
		for q := int64(1); ; q++ {
			p := new(big.Int).Neg(floorRat(new(big.Rat).Neg(new(big.Rat).Mul(lo, big.NewRat(q, 1)))))
			if f := new(big.Rat).SetFrac(p, big.NewInt(q)); f.Cmp(hi) <= 0 {
				require.Equal(t, f.RatString(), got.RatString(), "[%s, %s]", lo.RatString(), hi.RatString())
				break
			}
		}
	}
	assert.Equal(t, "355/113", simplestBetween(big.NewRat(314159, 100000), big.NewRat(314160, 100000)).RatString())
}
