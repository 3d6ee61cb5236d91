package fit

import (
	"context"
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Sets proposes filters, a = {n >= 0|1 : body > 0}, whose bodies have
// integer holes that are solved for rather than enumerated. The filter
// search (search.Filters) enumerates bodies up to about 30 bits; the sets
// people define by a prime condition with a few constants need 35 to 70
// (isprime(10*n + 97) is 41 bits of body). Five families:
//
//   - primes in a residue class, {p prime : p = r mod m}, written
//     isprime(n) - (n - r) mod m (or with n + (m - r), whichever is
//     shorter): m divides every difference of the terms, so each divisor
//     m of their gcd is tried, and the fit holds when the primes = r mod m
//     up to the last term are exactly the terms;
//   - primes in a union of residue classes (primeResidues);
//   - the primes of the form A*k^2 + B*k + C (primeForms) and A*k^3 + C
//     (primeCubes);
//   - the n at which a polynomial takes prime values, isprime(P(n)):
//     P = c1*n + c0 (1 <= c1 <= maxSetSlope, |c0| <= maxSetIntercept),
//     P = A*n^2 + B*n + C and P = (A*n^2 + B*n + C)/2 with small A, B, C
//     (see the constants below), and products of two such conditions or
//     three linear ones (primeProducts), isprime(6*n + 1)*isprime(6*n +
//     5);
//   - the divisors of N, 1 - N mod n, with N <= 2^20 the least common
//     multiple of the terms;
//   - the n that a function of n divides, or that divide it, or not
//     (divisibility): the Niven numbers, 1 - n mod digsum(n).
//
// The families that pick among many candidates (residue classes by the
// terms' residues, forms, products, divisibility) need the set to carry enough evidence
// to beat chance (see evidence and chanceMargin).
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
	bodies = append(bodies, s.primeResidues()...)
	bodies = append(bodies, s.primeForms(ctx)...)
	bodies = append(bodies, s.primeCubes(ctx)...)
	bodies = append(bodies, s.divisors()...)
	bodies = append(bodies, s.divisibility()...)
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
	minSetTerms       = 8
	maxSetSpan        = dsl.NTLimit
	maxSetProposals   = 6
	maxSetDivided     = dsl.NTLimit // N in 1 - N mod n
	maxSetSlope       = 1024        // c1 in isprime(c1*n + c0)
	maxSetIntercept   = 1024        // |c0|
	maxPairSlope      = 64          // c1 in the factors isprime(c1*n + c0) of products
	maxPairIntercept  = 64          // |c0|
	maxPrimeAtoms     = 32          // lines, and quadratics, that may be factors
	maxResidueModulus = 32          // m in primeResidues
	maxFormSlope      = 64          // u in isprime(n)*issquare(u*n + v)
	maxFormIntercept  = 1024        // |v|, and |c| in issquare((n - c)/w)
	maxFormDivisor    = 32          // w
	maxCubeLead       = 32          // A in the primes A*k^3 + C
	maxQuadLead       = 8           // A in isprime(A*n^2 + B*n + C)
	maxQuadMiddle     = 16          // |B|
	maxQuadConstant   = 128         // |C|
)

// set is a candidate set: its members (the terms) and a membership table
// for n = offset..last.
type set struct {
	offset  int64
	members []int64
	in      []bool  // in[n-offset]
	info    float64 // the evidence, once measured; -1 before
}

// newSet reads the terms as a set: at least minSetTerms increasing
// non-negative integers, the last at most maxSetSpan. Sets of positive
// integers start at n = 1, like search.Filters's.
func newSet(terms []*big.Int) (*set, bool) {
	if len(terms) < minSetTerms {
		return nil, false
	}
	s := &set{members: make([]int64, len(terms)), info: -1}
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

// primeResidues returns the bodies of the primes in a union of residue
// classes, {p prime : p mod m in R}, R of two or more classes (a single
// class is primeClasses's), for the least modulus m up to
// maxResidueModulus at which the primes with the residues of the terms are
// exactly the terms, unless those residues take in every prime (then the
// set is all the primes from some point on). R is written in the shortest
// of: all but one class r, isprime(n)*((n - r) mod m); two classes,
// isprime(n) - ((n - r1) mod m)*((n - r2) mod m); all but two,
// isprime(n)*((n - r1) mod m)*((n - r2) mod m); and any R as the bits of
// M = sum of 2^r over R, isprime(n)*and(M, 2^(n mod m)).
func (s *set) primeResidues() []dsl.Expr {
	for _, m := range s.members {
		if !isPrime(m) {
			return nil
		}
	}
	for m := int64(3); m <= maxResidueModulus; m++ {
		if in, ok := s.residueClasses(m); ok && s.credible(float64(maxResidueModulus-2)*choices(in)) {
			return []dsl.Expr{residueBody(in)}
		}
	}
	return nil
}

// choices is the number of ways to pick as many of the classes coprime
// to len(in) as in holds.
func choices(in []bool) float64 {
	m := int64(len(in))
	units, picked := 0, 0
	for r, ok := range in {
		if dsl.Gcd(dsl.Value(r), dsl.Value(m)) == 1 {
			units++
			if ok {
				picked++
			}
		}
	}
	c := 1.0
	for i := range picked {
		c = c * float64(units-i) / float64(i+1)
	}
	return c
}

// residueClasses returns the residues mod m of the terms when the primes
// with those residues are exactly the terms, with a margin against
// chance: two classes at least, not every class of primes, each class
// that holds infinitely many primes (r coprime to m) holding two terms or
// more, and each such class left out holding a prime below the last term
// (the set was seen to leave it out).
func (s *set) residueClasses(m int64) ([]bool, bool) {
	count := make([]int, m)
	size := 0
	for _, p := range s.members {
		if count[p%m]++; count[p%m] == 1 {
			size++
		}
	}
	seen := make([]bool, m) // a prime below the last term has this residue
	for p := int64(2); p <= min(s.last(), 64*m); p++ {
		if isPrime(p) {
			seen[p%m] = true
		}
	}
	in, left := make([]bool, m), 0
	for r := range m {
		in[r] = count[r] > 0
		unit := dsl.Gcd(dsl.Value(r), dsl.Value(m)) == 1
		switch {
		case unit && count[r] == 1:
			return nil, false
		case unit && count[r] == 0 && !seen[r]:
			return nil, false
		case unit && count[r] == 0:
			left++
		}
	}
	if size < 2 || left == 0 || !s.matches(func(n int64) bool { return in[n%m] && isPrime(n) }) {
		return nil, false
	}
	return in, true
}

// residueBody writes the body of the primes with residues in (mod
// len(in)), as primeResidues says.
func residueBody(in []bool) dsl.Expr {
	m := int64(len(in))
	var members, others []int64
	mask := int64(0)
	for r, ok := range in {
		if ok {
			members = append(members, int64(r))
			mask |= 1 << r
		} else {
			others = append(others, int64(r))
		}
	}
	prime := isPrimeE(&dsl.Index{})
	class := func(r int64) dsl.Expr { return bin(dsl.OpMod, shorter(nPlus(-r), nPlus(m-r)), constI(m)) }
	best := bin(dsl.OpMul, prime, bin(dsl.OpAnd, constI(mask), bin(dsl.OpPow, constI(2), bin(dsl.OpMod, &dsl.Index{}, constI(m)))))
	switch {
	case len(others) == 1:
		best = shorter(best, bin(dsl.OpMul, prime, class(others[0])))
	case len(others) == 2:
		best = shorter(best, bin(dsl.OpMul, bin(dsl.OpMul, prime, class(others[0])), class(others[1])))
	}
	if len(members) == 2 {
		best = shorter(best, bin(dsl.OpSub, prime, bin(dsl.OpMul, class(members[0]), class(members[1]))))
	}
	return best
}

// primeForms returns the bodies of the primes of the form A*k^2 + B*k +
// C: p is of that form (for an integer k) exactly when 4*A*p + B^2 -
// 4*A*C is a square (2*A*k + B squared, with the right parity), so the
// set is the primes p at which u*p + v is a square,
// isprime(n)*issquare(u*n + v): the primes k^2 + 11 are issquare(n - 11),
// the primes m(m + 1)/2 + 4 issquare(8*n - 31), and the primes 22*k^2 + 1
// issquare(22*n - 22). When A is not squarefree, the primes c + w*k^2
// are isprime(n)*issquare((n - c)/w) - (n - c) mod w (the primes 8*k^2 +
// 7: w = 8, c = 7), tried when no (u, v) fits. Each (u, v) and (w, c) in
// range is tried, the members first, and the first that fits is proposed.
func (s *set) primeForms(ctx context.Context) []dsl.Expr {
	for _, m := range s.members {
		if !isPrime(m) {
			return nil
		}
	}
	if !s.credible(maxFormSlope * (2*maxFormIntercept + 1)) {
		return nil
	}
	var out []dsl.Expr
	square := func(x int64) bool { return dsl.IsSquare(dsl.Value(x)) == 1 }
	for u := int64(1); u <= maxFormSlope && len(out) == 0 && ctx.Err() == nil; u++ {
		for v := int64(-maxFormIntercept); v <= maxFormIntercept; v++ {
			at := func(n int64) bool { return square(u*n+v) && isPrime(n) }
			if s.membersAll(at) && s.matches(at) {
				out = append(out, bin(dsl.OpMul, isPrimeE(&dsl.Index{}), isSquareE(s.polyExpr(v, u, 0, 1))))
				break
			}
		}
	}
	found := len(out) > 0
	for w := int64(2); w <= maxFormDivisor && !found && ctx.Err() == nil; w++ {
		for c := int64(-maxFormIntercept); c <= maxFormIntercept; c++ {
			at := func(n int64) bool { return (n-c)%w == 0 && square((n-c)/w) && isPrime(n) }
			if s.membersAll(at) && s.matches(at) {
				q := bin(dsl.OpDiv, nPlus(-c), constI(w))
				out = append(out, bin(dsl.OpSub, bin(dsl.OpMul, isPrimeE(&dsl.Index{}), isSquareE(q)), bin(dsl.OpMod, nPlus(-c), constI(w))))
				found = true
				break
			}
		}
	}
	return out
}

// primeCubes returns the body of the primes of the form A*k^3 + C: with m
// = (n - C)/A, isprime(n) - (m - iroot(m, 3)^3) - (n - C) mod A, positive
// exactly when n is prime, A divides n - C and m is a cube (m -
// iroot(m, 3)^3 and the remainder are never negative); for A = 1, m is n -
// C and there is no remainder. The first (A, C) in range that fits, the
// members first, is proposed.
func (s *set) primeCubes(ctx context.Context) []dsl.Expr {
	if !s.membersAll(isPrime) || !s.credible(maxCubeLead*(2*maxFormIntercept+1)) {
		return nil
	}
	cube := func(x int64) bool { r := dsl.Iroot(dsl.Value(x), 3); return r*r*r == dsl.Value(x) }
	for a := int64(1); a <= maxCubeLead && ctx.Err() == nil; a++ {
		for c := int64(-maxFormIntercept); c <= maxFormIntercept; c++ {
			at := func(n int64) bool { return (n-c)%a == 0 && cube((n-c)/a) && isPrime(n) }
			if !s.membersAll(at) || !s.matches(at) {
				continue
			}
			m := nPlus(-c)
			if a > 1 {
				m = bin(dsl.OpDiv, m, constI(a))
			}
			body := bin(dsl.OpSub, isPrimeE(&dsl.Index{}), bin(dsl.OpSub, m, bin(dsl.OpPow, bin(dsl.OpIroot, m, constI(3)), constI(3))))
			if a > 1 {
				body = bin(dsl.OpSub, body, bin(dsl.OpMod, nPlus(-c), constI(a)))
			}
			return []dsl.Expr{body}
		}
	}
	return nil
}

func isSquareE(x dsl.Expr) dsl.Expr {
	if x == nil {
		return nil
	}
	return &dsl.Unary{Op: dsl.OpIsSquare, X: x}
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
// next. Revisited this session (issue 15): N up to 2^42, an N above 2^20
// settling 3 terms before the last, gained 3 right and no wrong answers on
// 66,187 development sequences outside the acceptance sets, but 1 right
// and 2 wrong (at 82%) on the 10k batch of shard 0/14, so the bound stays.
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

// divisibility returns the bodies of the sets of n that a function of n
// divides, or that divide it, or not: 1 - n mod f(n) (the Niven numbers,
// divisible by their digit sum, are 1 - n mod digsum(n)), 1 - f(n) mod n,
// n mod f(n) and f(n) mod n, for f each function of one argument of the
// language (prime, sigma, tau, phi, digsum, ...). Each is positive exactly
// when the divisibility holds (or fails): a remainder is never negative
// for a positive divisor. Most such bodies are not 0 and 1 only, so the
// filter search, which looks for the set's 0-1 sequence, misses them.
func (s *set) divisibility() []dsl.Expr {
	if s.offset < 1 || !s.credible(4*float64(len(dsl.Funcs1))) {
		return nil
	}
	n := &dsl.Index{}
	var out []dsl.Expr
	for _, op := range dsl.Funcs1 {
		f := &dsl.Unary{Op: op, X: n}
		for _, body := range []dsl.Expr{
			bin(dsl.OpSub, constI(1), bin(dsl.OpMod, n, f)),
			bin(dsl.OpSub, constI(1), bin(dsl.OpMod, f, n)),
			bin(dsl.OpMod, n, f),
			bin(dsl.OpMod, f, n),
		} {
			defined := true
			in := func(x int64) bool {
				v := dsl.Eval(body, &dsl.Env{N: dsl.Value(x)})
				defined = defined && v != dsl.Undef
				return v > 0
			}
			if s.matches(in) && defined {
				out = append(out, body)
			}
		}
	}
	return out
}

// primeValues returns isprime(P(n)) for the polynomials P that take prime
// values exactly on the set, and the products of two or three such
// conditions that are 1 exactly on it.
func (s *set) primeValues(ctx context.Context) []dsl.Expr {
	out, lines := s.primeLines(ctx)
	quads, quadAtoms := s.primeQuadratics(ctx)
	out = append(out, quads...)
	return append(out, s.primeProducts(lines, quadAtoms)...)
}

// primeAtom is a condition isprime(P(n)) that holds at every member of a
// set but not only there: a factor of a product that may be the set.
type primeAtom struct {
	expr dsl.Expr
	at   func(int64) bool
}

// primeLines returns isprime(c1*n + c0) for each line that takes prime
// values exactly on the set, and, as atoms, the lines up to maxPairSlope
// and maxPairIntercept that are prime at every member but not only there
// (at most maxPrimeAtoms, in order of slope).
func (s *set) primeLines(ctx context.Context) (out []dsl.Expr, atoms []primeAtom) {
	for c1 := int64(1); c1 <= maxSetSlope && ctx.Err() == nil; c1++ {
		for c0 := int64(-maxSetIntercept); c0 <= maxSetIntercept; c0++ {
			// Members first: most lines fail at the first or second.
			if c1*s.last()+c0 > dsl.NTLimit || !s.membersAll(primeAt(c1, c0)) {
				continue
			}
			if s.matches(primeAt(c1, c0)) {
				out = append(out, isPrimeE(s.polyExpr(c0, c1, 0, 1)))
			} else if c1 <= maxPairSlope && c0 >= -maxPairIntercept && c0 <= maxPairIntercept && len(atoms) < maxPrimeAtoms {
				atoms = append(atoms, primeAtom{isPrimeE(s.polyExpr(c0, c1, 0, 1)), primeAt(c1, c0)})
			}
		}
	}
	return out, atoms
}

// primeProducts returns the products of two atoms (lines or quadratics)
// and of three lines that are 1 exactly on the set: twin primes,
// isprime(n)*isprime(n + 2); Sophie Germain primes, isprime(n)*isprime(2*n
// + 1); isprime(6*n + 1)*isprime(6*n + 5); isprime(n*n - n - 1)*isprime(n*n
// - n + 1); isprime(4*n - 1)*isprime(6*n - 1)*isprime(12*n - 1).
func (s *set) primeProducts(lines, quads []primeAtom) []dsl.Expr {
	// The first factor is any atom, the second one of the lines or
	// quadratics tried, the third (of three lines) any line atom.
	nl, na := float64(maxPairSlope*(2*maxPairIntercept+1)), float64(len(lines)+len(quads))
	nq := float64(maxQuadLead * (2*maxQuadMiddle + 1) * (2*maxQuadConstant + 1))
	if len(lines)+len(quads) < 2 || !s.credible(na*nl) {
		return nil
	}
	var out []dsl.Expr
	both := func(x, y primeAtom) func(int64) bool {
		return func(n int64) bool { return x.at(n) && y.at(n) }
	}
	atoms := append(slices.Clone(lines), quads...)
	for i, x := range atoms {
		for j, y := range atoms[i+1:] {
			if i+1+j >= len(lines) && !s.credible(na*nq) {
				break // y is a quadratic
			}
			if s.matches(both(x, y)) {
				out = append(out, bin(dsl.OpMul, x.expr, y.expr))
			}
		}
	}
	if !s.credible(na * na * nl) {
		return out
	}
	for i, x := range lines {
		for j, y := range lines[i+1:] {
			xy := both(x, y)
			for _, z := range lines[i+j+2:] {
				if s.matches(func(n int64) bool { return xy(n) && z.at(n) }) {
					out = append(out, bin(dsl.OpMul, bin(dsl.OpMul, x.expr, y.expr), z.expr))
				}
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

// evidence is the information, in bits, in which members of the set's
// universe are members: with N elements of the universe from the offset
// to the last term, M of them members, N*H(M/N) for the binary entropy H.
// The universe is the primes when every member is prime, else every
// integer. A family of bodies that tries 2^h candidates fits a set by
// chance about 2^(h - evidence) times, so the families that choose among
// many candidates (primeProducts, primeResidues, primeForms, primeCubes,
// divisibility) propose only when the evidence is at least h + chanceMargin bits.
func (s *set) evidence() float64 {
	if s.info < 0 {
		s.info = s.measure()
	}
	return s.info
}

func (s *set) measure() float64 {
	allPrime := s.membersAll(isPrime)
	n := 0
	for i := range s.in {
		if !allPrime || isPrime(s.offset+int64(i)) {
			n++
		}
	}
	m := len(s.members)
	if m == n {
		return 0
	}
	p := float64(m) / float64(n)
	return -float64(n) * (p*math.Log2(p) + (1-p)*math.Log2(1-p))
}

// chanceMargin is how many bits of evidence a family of bodies needs
// beyond the logarithm of the number of candidates it tries: 6 bits, a
// chance fit about once in 64 sets at most (the counts of candidates are
// upper bounds). Random sets of primes (TestSetsRandomPrimes: 100 subsets
// of the first primes) get proposals up to a margin of 2 bits and none
// from 4; 6 keeps 2 bits to spare. The primes not congruent to 3 mod 7
// (A045346, from exploration shard 3 of 140), 15 terms with 14.1 bits of
// evidence against 7.5 bits of candidates, are found with it.
const chanceMargin = 6

// credible reports whether the set carries chanceMargin bits of evidence
// more than a family of 'candidates' bodies can fit by chance.
func (s *set) credible(candidates float64) bool {
	return s.evidence() >= math.Log2(max(candidates, 1))+chanceMargin
}

// primeQuadratics returns isprime((A*n^2 + B*n + C)/d), d = 1 or 2, for
// each quadratic that takes prime values exactly on the set, and, as
// atoms, those with d = 1 that are prime at every member but not only
// there (at most maxPrimeAtoms).
func (s *set) primeQuadratics(ctx context.Context) (out []dsl.Expr, atoms []primeAtom) {
	for a := int64(1); a <= maxQuadLead && ctx.Err() == nil; a++ {
		for b := int64(-maxQuadMiddle); b <= maxQuadMiddle; b++ {
			for c := int64(-maxQuadConstant); c <= maxQuadConstant; c++ {
				for d := int64(1); d <= 2; d++ {
					// With A + B and C even, the half is an integer
					// polynomial.
					if d == 2 && ((a+b)%2 != 0 || c%2 != 0) || (a*s.last()*s.last()+b*s.last()+c)/d > dsl.NTLimit {
						continue
					}
					if !s.membersAll(quadAt(a, b, c, d)) {
						continue
					}
					if s.matches(quadAt(a, b, c, d)) {
						out = append(out, isPrimeE(s.polyExpr(c, b, a, d)))
					} else if d == 1 && len(atoms) < maxPrimeAtoms {
						atoms = append(atoms, primeAtom{isPrimeE(s.polyExpr(c, b, a, d)), quadAt(a, b, c, d)})
					}
				}
			}
		}
	}
	return out, atoms
}

// polyExpr returns the shortest expression the builder knows for
// (c2*n^2 + c1*n + c0)/d.
func (s *set) polyExpr(c0, c1, c2, d int64) dsl.Expr {
	p := ratPoly{big.NewRat(c0, d), big.NewRat(c1, d), big.NewRat(c2, d)}
	return newBuilder().ratPolyExpr(p, int(s.offset), false)
}

// quadAt is the membership test of isprime((a*n^2 + b*n + c)/d).
func quadAt(a, b, c, d int64) func(int64) bool {
	return func(n int64) bool { return isPrime(int64(dsl.Div(dsl.Value(a*n*n+b*n+c), dsl.Value(d)))) }
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
