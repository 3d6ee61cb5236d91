package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of EtaQuotient.
const (
	// etaSolveTerms is how many terms the exponents are solved from; the
	// check (dsl.Reproduce) reads them all.
	etaSolveTerms = 64
	// minEtaChecks is the fewest factors E(x^m), m below the number of
	// terms, whose exponent must come out 0 because m does not divide
	// the level. With 15 terms every level up to 14 leaves at least 8.
	// Chosen on exploration shards of the OEIS file (lines 1, 2, 4, 5 and
	// 6 mod 14; never the acceptance shard 0/14): with 15 terms given,
	// all 153 products of level at most 14 on shards 1 and 2 predicted
	// the 16th term rightly (77 of those on shard 1 were unanswered
	// before); with 12 given (shards 5, 6), 7 checks let through 80
	// products of which 13 were wrong, 8 checks 73 with 4 wrong; with 10
	// given (shard 4), 4 checks 78 with 9 wrong, 6 checks 38 with 1.
	minEtaChecks = 8
)

// EtaQuotient fits the products of powers of Euler's function E(x) =
// (1-x)(1-x^2)... at x, x^2, x^3, ... (dsl.Eta), the eta quotients and
// Ramanujan's theta functions. Every power series with constant term 1
// is such a product over all m, with exponents c(m) that follow from
// the terms one by one: with B(j) from j*a(j) = sum of B(i)*a(j-i)
// (the logarithmic derivative), the exponent of (1 - x^d) is e(d) = -1/d
// times the sum of mu(d/j)*B(j) over j | d, and c(m) is the sum of
// mu(m/k)*e(k) over k | m (Moebius inversion, as e(k) is the sum of
// c(m) over m | k). A finite eta quotient has integer exponents that
// vanish except at the divisors of its level L, the least common
// multiple of the m with c(m) != 0. So the exponents must be integers
// (most sequences fail here, at the first few d, in microseconds), L must
// be below the number of terms, and at least minEtaChecks of the m below
// it must not divide L: their exponents, 0, are what the terms confirm.
// The program is proposed at its full length.
func EtaQuotient(ctx context.Context, terms []*big.Int) []*dsl.Program {
	n := min(len(terms), etaSolveTerms)
	if ctx.Err() != nil || n < 2 || terms[0].Cmp(big.NewInt(1)) != 0 {
		return nil
	}
	c, ok := etaExponents(terms[:n])
	if !ok {
		return nil
	}
	level, last := 1, 0
	for m := 1; m < n; m++ {
		if c[m] == 0 {
			continue
		}
		level = level / int(gcd64(int64(level), int64(m))) * m
		if level >= n || c[m] > dsl.MaxEtaExp || c[m] < -dsl.MaxEtaExp {
			return nil
		}
		last = m
	}
	checks := 0
	for m := 1; m < n; m++ {
		if level%m != 0 {
			checks++
		}
	}
	if last == 0 || checks < minEtaChecks {
		return nil
	}
	p := dsl.NewEta(c[1 : last+1])
	if next, ok := dsl.Reproduce(p, terms, 1); !ok || next[0] == nil {
		return nil
	}
	return []*dsl.Program{p}
}

// etaExponents returns c(1..len(a)-1), the exponents of E(x^m) in the
// product whose coefficients start with a (a(0) = 1), false when one of
// them is not an integer (or beyond int range).
func etaExponents(a []*big.Int) ([]int, bool) {
	n := len(a)
	b := make([]*big.Int, n)
	var t big.Int
	for j := 1; j < n; j++ {
		b[j] = new(big.Int).Mul(big.NewInt(int64(j)), a[j])
		for i := 1; i < j; i++ {
			b[j].Sub(b[j], t.Mul(b[i], a[j-i]))
		}
	}
	e := make([]int64, n)
	for d := 1; d < n; d++ {
		s := new(big.Int)
		for j := 1; j <= d; j++ {
			if d%j == 0 {
				if mu := dsl.Mu(dsl.Value(d / j)); mu != 0 {
					s.Add(s, t.Mul(big.NewInt(int64(mu)), b[j]))
				}
			}
		}
		var r big.Int
		s.QuoRem(s, big.NewInt(int64(-d)), &r)
		if r.Sign() != 0 || !s.IsInt64() || s.Int64() > 1<<40 || s.Int64() < -1<<40 {
			return nil, false
		}
		e[d] = s.Int64()
	}
	c := make([]int, n)
	for m := 1; m < n; m++ {
		var s int64
		for k := 1; k <= m; k++ {
			if m%k == 0 {
				s += int64(dsl.Mu(dsl.Value(m/k))) * e[k]
			}
		}
		if s > 1<<30 || s < -1<<30 {
			return nil, false
		}
		c[m] = int(s)
	}
	return c, true
}
