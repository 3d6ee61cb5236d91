package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSets(t *testing.T) {
	cases := []struct {
		name, terms string
		want        string // the shortest proposal, "" for none
		next        int64
	}{
		// OEIS (CC BY-SA 4.0): A141952 primes congruent to 7 mod 27,
		// A142265 to 16 mod 43, A108588 k with 10k + 97 prime, A027752 k
		// with k^2 + k + 3 prime, A139220 k with 41 + k(k+1)/2 prime,
		// A056956 n with 6n + 1 and 6n + 5 both prime, A018599 the
		// divisors of 702.
		{"primes 7 mod 27", "7,61,223,277,331,439,547,601,709,1033,1087,1249,1303,1627,1789",
			"a = {n >= 1 : isprime(n) - (n - 7) mod 27 > 0}", 1951},
		{"primes 16 mod 43", "59,317,661,919,1091,1607,1693,1951,2381,2467,2897,3413,3499,3671,3929",
			"a = {n >= 1 : isprime(n) - (n + 27) mod 43 > 0}", 4273},
		{"10k + 97 prime", "0,1,3,4,6,7,10,13,16,18,21,22,24,25,27",
			"a = {n >= 0 : isprime(10*n + 97) > 0}", 30},
		{"k^2 + k + 3 prime", "0,1,4,7,10,19,22,25,34,37,55,70,79,94,100",
			"a = {n >= 0 : isprime(n*n + n + 3) > 0}", 112},
		{"41 + k(k+1)/2 prime", "0,3,11,20,23,27,32,39,44,48,51,56,59,60,83",
			"a = {n >= 0 : isprime((n*n + n + 82)/2) > 0}", 104},
		{"6n + 1 and 6n + 5 prime", "1,2,3,6,7,11,13,16,17,18,21,27,32,37,38",
			"a = {n >= 1 : isprime(6*n + 1)*isprime(6*n + 5) > 0}", 46},
		{"divisors of 702", "1,2,3,6,9,13,18,26,27,39,54,78,117,234,351",
			"a = {n >= 1 : 1 - 702 mod n > 0}", 702},
		// A005384 Sophie Germain primes, A022004 prime triplets (p, p + 2,
		// p + 6), A131530 k with k^2 - k - 1 and k^2 - k + 1 twin primes,
		// A002496 primes k^2 + 1, A159048 primes m(m + 1)/2 + 4, A201706
		// primes 9k^2 + 4, A003625 primes congruent to {3, 5, 6} mod 7.
		{"Sophie Germain primes", "2,3,5,11,23,29,41,53,83,89,113,131,173,179,191",
			"a = {n >= 1 : isprime(n)*isprime(n + n + 1) > 0}", 233},
		{"prime triplets", "5,11,17,41,101,107,191,227,311,347,461,641,821,857,881",
			"a = {n >= 1 : isprime(n)*isprime(n + 2)*isprime(n + 6) > 0}", 1091},
		{"twin primes k^2 - k -+ 1", "3,4,6,7,9,16,21,22,25,39,42,51,55,60,67",
			"a = {n >= 1 : isprime(n*n - n - 1)*isprime(n*n - n + 1) > 0}", 90},
		{"primes k^2 + 1", "2,5,17,37,101,197,257,401,577,677,1297,1601,2917,3137,4357",
			"a = {n >= 1 : isprime(n)*issquare(n - 1) > 0}", 5477},
		{"primes m(m + 1)/2 + 4", "5,7,19,59,109,157,257,439,599,907,1039,1229,1279,1489,1657",
			"a = {n >= 1 : isprime(n)*issquare(8*n - 31) > 0}", 3407},
		{"primes 9k^2 + 4", "13,229,733,1093,2029,3253,7573,13693,18229,21613,31333,33493",
			"a = {n >= 1 : isprime(n)*issquare((n - 4)/9) - (n - 4) mod 9 > 0}", 42853},
		// The primes of the form 2k^3 + 1, computed here. (Most primes of
		// a cubic form pass NTLimit, where isprime is undefined, within 16
		// terms.)
		{"primes 2k^3 + 1", "3,17,251,433,1459,2663,3457,16001,18523,35153,39367,48779,54001,65537,85751",
			"a = {n >= 1 : isprime(n) - ((n - 1)/2 - iroot((n - 1)/2, 3)^3) - (n - 1) mod 2 > 0}", 170369},
		// A005349 the Niven numbers, divisible by their digit sum; A033950
		// the refactorable numbers, divisible by their number of divisors.
		{"Niven numbers", "1,2,3,4,5,6,7,8,9,10,12,18,20,21,24",
			"a = {n >= 1 : 1 - n mod digsum(n) > 0}", 27},
		{"refactorable numbers", "1,2,8,9,12,18,24,36,40,56,60,72,80,84,88",
			"a = {n >= 1 : 1 - n mod tau(n) > 0}", 96},
		{"primes 3, 5, 6 mod 7", "3,5,13,17,19,31,41,47,59,61,73,83,89,97,101",
			"a = {n >= 1 : isprime(n)*and(104, 2^(n mod 7)) > 0}", 103},
		// The primes not 3 mod 7 (A045346): 15 terms leave out only 3,
		// 17, 31 and 59, 14.1 bits of evidence against 7.5 bits of
		// candidates, enough; 13 terms (11.1 bits) are not.
		{"primes not 3 mod 7", "2,5,7,11,13,19,23,29,37,41,43,47,53,61,67",
			"a = {n >= 1 : isprime(n)*((n - 3) mod 7) > 0}", 71},
		{"primes not 3 mod 7, too few", "2,5,7,11,13,19,23,29,37,41,43,47,53", "", 0},
		// Closed under divisors, but its lcm (3,148,301,596) is too large
		// to say anything: OEIS A053031.
		{"divisor-closed, huge lcm", "1,2,4,11,19,22,29,31,38,44,58,59,62,71,76", "", 0},
		{"primes that are no residue class", "2,3,5,11,13,17,19,23,29,31,37,41,43,47,53", "", 0},
		{"too few terms", "7,61,223,277,331,439,547", "", 0},
		{"not increasing", "0,1,3,4,7,6,10,13,16,18,21,22,24,25,27", "", 0},
		{"negative", "-3,1,3,4,6,7,10,13,16,18,21,22,24,25,27", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			terms := digitTerms(c.terms)
			progs := Sets(context.Background(), terms)
			if c.want == "" {
				assert.Empty(t, progs)
				return
			}
			require.NotEmpty(t, progs)
			assert.Equal(t, c.want, progs[0].String())
			shortestReproducing(t, progs, terms, big.NewInt(c.next).String())
		})
	}
}

// TestSetsRandom checks that random sets get no proposal: with 15
// members among the first 100 or so integers, no residue class of primes,
// prime-valued polynomial, divisor set or divisibility should fit by
// chance; and 15 primes picked at random are no residue class or union of
// classes, no polynomial, product or form.
func TestSetsRandom(t *testing.T) {
	cases := []struct {
		name   string
		trials int // about 30 ms each; a fifth with -short
		member func(rng *rand.Rand, v int64) bool
	}{
		{"integers", 50, func(rng *rand.Rand, _ int64) bool { return rng.IntN(6) == 0 }},
		{"primes", 100, func(rng *rand.Rand, v int64) bool { return isPrime(v) && rng.IntN(3) > 0 }},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(4, uint64(5+i)))
			trials := c.trials
			if testing.Short() {
				trials /= 5
			}
			for trial := range trials {
				var terms []*big.Int
				for v := int64(1 + rng.IntN(5)); len(terms) < 15; v++ {
					if c.member(rng, v) {
						terms = append(terms, big.NewInt(v))
					}
				}
				assert.Empty(t, Sets(context.Background(), terms), "trial %d: %v", trial, terms)
			}
		})
	}
}

// TestSetsCancel checks that a cancelled context stops the constant
// search without a panic.
func TestSetsCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	terms := digitTerms("0,1,3,4,6,7,10,13,16,18,21,22,24,25,27")
	assert.NotPanics(t, func() { Sets(ctx, terms) })
}
