package fit

import (
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Sets proposes filters, a = {n >= 0|1 : body > 0}, whose bodies have
// integer holes that are solved for rather than enumerated. The filter
// search (search.Filters) enumerates bodies up to about 30 bits; the sets
// people define by a prime condition with a few constants need 35 to 70
// (isprime(10*n + 97) is 41 bits of body). Three families:
//
//   - primes in a residue class, {p prime : p = r mod m}, written
//     isprime(n) - (n - r) mod m (or with n + (m - r), whichever is
//     shorter): m divides every difference of the terms, so each divisor
//     m of their gcd is tried, and the fit holds when the primes = r mod m
//     up to the last term are exactly the terms;
//   - the n at which a polynomial takes prime values, isprime(P(n)):
//     P = c1*n + c0 (1 <= c1 <= maxSetSlope, |c0| <= maxSetIntercept),
//     P = A*n^2 + B*n + C and P = (A*n^2 + B*n + C)/2 with small A, B, C
//     (see the constants below), and products of two linear conditions
//     with the same slope, isprime(6*n + 1)*isprime(6*n + 5);
//   - the divisors of N, 1 - N mod n, with N <= 2^20 the least common
//     multiple of the terms.
//
// Each body is checked at every n from the offset to the last term: it is
// 1 (or positive) exactly at the terms. Every candidate stops at its first
// mismatch, so the two million or so linear candidates take a few
// milliseconds. Like every fitter's, the proposals are re-checked by the
// predictor and charged their full length.
func Sets(ctx context.Context, terms []*big.Int) []*dsl.Program {
	s, ok := newSet(terms)
	if !ok || ctx.Err() != nil {
		return nil
	}
	var bodies []dsl.Expr
	bodies = append(bodies, s.primeClasses()...)
	bodies = append(bodies, s.divisors()...)
	bodies = append(bodies, s.primeValues(ctx)...)
	slices.SortStableFunc(bodies, func(a, b dsl.Expr) int { return bits(a) - bits(b) })
	var out []*dsl.Program
	seen := map[string]bool{}
	for _, b := range bodies {
		if b == nil || len(out) == maxSetProposals {
			continue
		}
		p := dsl.NewProgram(dsl.Filter, int(s.offset), 0, b, nil)
		if key := p.String(); !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	return out
}

// Bounds of Sets: the fewest terms it fits, the largest last term (the
// membership table has one byte per integer up to it), how many bodies it
// proposes, and the ranges of the constants it solves for.
const (
	minSetTerms      = 8
	maxSetSpan       = dsl.NTLimit
	maxSetProposals  = 6
	maxSetDivided    = dsl.NTLimit // N in 1 - N mod n
	maxSetSlope      = 1024        // c1 in isprime(c1*n + c0)
	maxSetIntercept  = 1024        // |c0|
	maxPairSlope     = 64          // c1 in isprime(c1*n + c0)*isprime(c1*n + c0')
	maxPairIntercept = 64
	maxQuadLead      = 8   // A in isprime(A*n^2 + B*n + C)
	maxQuadMiddle    = 16  // |B|
	maxQuadConstant  = 128 // |C|
)

// set is a candidate set: its members (the terms) and a membership table
// for n = offset..last.
type set struct {
	offset  int64
	members []int64
	in      []bool // in[n-offset]
}

// newSet reads the terms as a set: at least minSetTerms increasing
// non-negative integers, the last at most maxSetSpan. Sets of positive
// integers start at n = 1, like search.Filters's.
func newSet(terms []*big.Int) (*set, bool) {
	if len(terms) < minSetTerms {
		return nil, false
	}
	s := &set{members: make([]int64, len(terms))}
	for i, t := range terms {
		if !t.IsInt64() || t.Sign() < 0 || t.Int64() > maxSetSpan || (i > 0 && t.Int64() <= s.members[i-1]) {
			return nil, false
		}
		s.members[i] = t.Int64()
	}
	if s.members[0] > 0 {
		s.offset = 1
	}
	s.in = make([]bool, s.last()-s.offset+1)
	for _, m := range s.members {
		s.in[m-s.offset] = true
	}
	return s, true
}

func (s *set) last() int64 { return s.members[len(s.members)-1] }

// matches reports whether member(n) agrees with the set at every n from
// the offset to the last term, stopping at the first disagreement.
func (s *set) matches(member func(n int64) bool) bool {
	for i, in := range s.in {
		if member(s.offset+int64(i)) != in {
			return false
		}
	}
	return true
}

func isPrime(v int64) bool { return dsl.IsPrime(dsl.Value(v)) == 1 }

// primeClasses returns the bodies of the residue classes of primes that
// the set is: isprime(n) - (n - r) mod m is positive exactly when n is a
// prime = r mod m.
func (s *set) primeClasses() []dsl.Expr {
	g := int64(0)
	for _, m := range s.members {
		if !isPrime(m) {
			return nil
		}
		g = int64(dsl.Gcd(dsl.Value(g), dsl.Value(m-s.members[0])))
	}
	var out []dsl.Expr
	for _, m := range divisorsOf(g) {
		r := s.members[0] % m
		if m < 2 || r == 0 || s.countPrimesIn(r, m) != len(s.members) {
			continue
		}
		// Every term is a prime = r mod m, so equal counts mean equal sets.
		shift := shorter(nPlus(-r), nPlus(m-r))
		out = append(out, bin(dsl.OpSub, isPrimeE(&dsl.Index{}), bin(dsl.OpMod, shift, constI(m))))
	}
	return out
}

// countPrimesIn counts the primes = r mod m from the offset to the last
// term.
func (s *set) countPrimesIn(r, m int64) int {
	c := 0
	for p := r; p <= s.last(); p += m {
		if p >= s.offset && isPrime(p) {
			c++
		}
	}
	return c
}

// divisors returns 1 - N mod n, positive exactly at the divisors of N, when
// the set is the divisors of N = lcm(terms) up to the last term and N is at
// most maxSetDivided. The bound matters: a set closed under taking
// divisors, such as the m for which the Fibonacci numbers mod m have one
// zero (A053031: 1, 2, 4, 11, 19, 22, ...), is the divisors of its lcm up
// to its last term, here 3,148,301,596, which says nothing of what comes
// next.
func (s *set) divisors() []dsl.Expr {
	if s.members[0] != 1 {
		return nil
	}
	n := int64(1)
	for _, m := range s.members {
		n = n / int64(dsl.Gcd(dsl.Value(n), dsl.Value(m))) * m
		if n > maxSetDivided {
			return nil
		}
	}
	if !s.matches(func(d int64) bool { return n%d == 0 }) {
		return nil
	}
	return []dsl.Expr{bin(dsl.OpSub, constI(1), bin(dsl.OpMod, constI(n), &dsl.Index{}))}
}

// primeValues returns the bodies isprime(P(n)) (and products of two) that
// are 1 exactly on the set.
func (s *set) primeValues(ctx context.Context) []dsl.Expr {
	out := s.primeLines(ctx)
	out = append(out, s.primePairs()...)
	return append(out, s.primeQuadratics(ctx)...)
}

// primeLines returns isprime(c1*n + c0) for each line that takes prime
// values exactly on the set.
func (s *set) primeLines(ctx context.Context) []dsl.Expr {
	var out []dsl.Expr
	for c1 := int64(1); c1 <= maxSetSlope && ctx.Err() == nil; c1++ {
		for c0 := int64(-maxSetIntercept); c0 <= maxSetIntercept; c0++ {
			// Members first: most lines fail at the first or second.
			if c1*s.last()+c0 <= dsl.NTLimit && s.membersAll(primeAt(c1, c0)) && s.matches(primeAt(c1, c0)) {
				out = append(out, isPrimeE(s.polyExpr(c0, c1, 0, 1)))
			}
		}
	}
	return out
}

// primePairs returns isprime(c1*n + c0)*isprime(c1*n + c0') for the pairs
// of lines of one slope that both take prime values exactly on the set.
// The lines that are prime at every member are found first (in order of
// slope); the pairs are made of them, leaving out the lines that alone are
// the set (primeLines has those).
func (s *set) primePairs() []dsl.Expr {
	type line struct{ c1, c0 int64 }
	var lines []line
	for c1 := int64(1); c1 <= maxPairSlope; c1++ {
		for c0 := int64(-maxPairIntercept); c0 <= maxPairIntercept; c0++ {
			if c1*s.last()+c0 <= dsl.NTLimit && s.membersAll(primeAt(c1, c0)) && !s.matches(primeAt(c1, c0)) {
				lines = append(lines, line{c1, c0})
			}
		}
	}
	var out []dsl.Expr
	for i, x := range lines {
		for _, y := range lines[i+1:] {
			if y.c1 != x.c1 {
				break
			}
			if s.matches(func(n int64) bool { return isPrime(x.c1*n+x.c0) && isPrime(y.c1*n+y.c0) }) {
				out = append(out, bin(dsl.OpMul, isPrimeE(s.polyExpr(x.c0, x.c1, 0, 1)), isPrimeE(s.polyExpr(y.c0, y.c1, 0, 1))))
			}
		}
	}
	return out
}

// membersAll reports whether member(m) holds at every member m: a quick
// necessary condition before matches.
func (s *set) membersAll(member func(int64) bool) bool {
	for _, m := range s.members {
		if !member(m) {
			return false
		}
	}
	return true
}

// primeQuadratics returns isprime((A*n^2 + B*n + C)/d), d = 1 or 2, for
// each quadratic that takes prime values exactly on the set.
func (s *set) primeQuadratics(ctx context.Context) []dsl.Expr {
	var out []dsl.Expr
	for a := int64(1); a <= maxQuadLead && ctx.Err() == nil; a++ {
		for b := int64(-maxQuadMiddle); b <= maxQuadMiddle; b++ {
			for c := int64(-maxQuadConstant); c <= maxQuadConstant; c++ {
				for d := int64(1); d <= 2; d++ {
					// With A + B and C even, the half is an integer
					// polynomial.
					if d == 2 && ((a+b)%2 != 0 || c%2 != 0) || (a*s.last()*s.last()+b*s.last()+c)/d > dsl.NTLimit {
						continue
					}
					at := func(n int64) bool { return isPrime(int64(dsl.Div(dsl.Value(a*n*n+b*n+c), dsl.Value(d)))) }
					if s.membersAll(at) && s.matches(at) {
						out = append(out, isPrimeE(s.polyExpr(c, b, a, d)))
					}
				}
			}
		}
	}
	return out
}

// polyExpr returns the shortest expression the builder knows for
// (c2*n^2 + c1*n + c0)/d.
func (s *set) polyExpr(c0, c1, c2, d int64) dsl.Expr {
	p := ratPoly{big.NewRat(c0, d), big.NewRat(c1, d), big.NewRat(c2, d)}
	return newBuilder().ratPolyExpr(p, int(s.offset), false)
}

// primeAt is the membership test of isprime(c1*n + c0).
func primeAt(c1, c0 int64) func(int64) bool {
	return func(n int64) bool { return isPrime(c1*n + c0) }
}

func isPrimeE(x dsl.Expr) dsl.Expr {
	if x == nil {
		return nil
	}
	return &dsl.Unary{Op: dsl.OpIsPrime, X: x}
}

// divisorsOf returns the divisors of g > 0 in increasing order (none for 0).
func divisorsOf(g int64) []int64 {
	var small, large []int64
	for d := int64(1); d*d <= g; d++ {
		if g%d == 0 {
			small = append(small, d)
			if d*d != g {
				large = append(large, g/d)
			}
		}
	}
	slices.Reverse(large)
	return append(small, large...)
}
