package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// PrimePolynomial fits a(n) = P(prime(n)), n >= 1, P a polynomial of degree
// 1 to maxPrimeDegree with rational coefficients, such as (prime(n)^2 +
// 1)/2: the polynomial fitter's shape with the n-th prime for n; or, for
// the primes from the second to the maxPrimeShift-th on, P(prime(n + 1))
// ... P(prime(n + 3)). It also fits a polynomial of degree 1 or 2 in two
// consecutive primes, P(prime(n), prime(n + 1)), such as prime(n)^2 +
// prime(n + 1) or 2*prime(n) - prime(n + 1), likewise shifted. The
// coefficients are solved for exactly from all the terms, which must
// number minPrimeSpare more than the unknowns; the lowest degree that fits
// is proposed.
func PrimePolynomial(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if ctx.Err() != nil || len(terms) > int(dsl.PrimePi(dsl.NTLimit))-maxPrimeShift-1 {
		return nil
	}
	var out []*dsl.Program
	for first := 1; first <= maxPrimeShift; first++ {
		if body := primePolyBody(terms, first); body != nil {
			out = append(out, &dsl.Program{Kind: dsl.ClosedForm, Offset: 1, Body: body})
		} else if body := primePairBody(terms, first); body != nil {
			out = append(out, &dsl.Program{Kind: dsl.ClosedForm, Offset: 1, Body: body})
		}
	}
	return out
}

// primePairBody returns P(prime(n + first - 1), prime(n + first)) for the
// polynomial P of lowest degree (1 or 2) in which both primes occur and
// P(prime(first + i), prime(first + i + 1)) = terms[i]; nil if none fits.
func primePairBody(terms []*big.Int, first int) dsl.Expr {
	// The monomials 1, p, q, p^2, p*q, q^2 by the exponents of p and q.
	monomials := [][2]int{{0, 0}, {1, 0}, {0, 1}, {2, 0}, {1, 1}, {0, 2}}
	for _, unknowns := range []int{3, 6} {
		if len(terms) < unknowns+minPrimeSpare {
			return nil
		}
		c, ok := solveMonomials(terms, unknowns, func(i, j int) int64 {
			p, q := int64(dsl.Prime(dsl.Value(i+first))), int64(dsl.Prime(dsl.Value(i+first+1)))
			return ipow(p, monomials[j][0]) * ipow(q, monomials[j][1])
		})
		if !ok {
			continue
		}
		if !occurs(c, monomials, 0) || !occurs(c, monomials, 1) {
			return nil // in one prime: primePolyBody's
		}
		return pairExpr(c, monomials, first)
	}
	return nil
}

// solveMonomials solves sum over j of c[j]*x(i, j) = terms[i] for the
// rational c[0..unknowns-1], x(i, j) the value of the j-th monomial at the
// i-th term (below 2^62). The system is first screened modulo the
// screening prime (an inconsistent system there has no rational solution,
// but for a chance of about 2^-31), which rejects nearly every sequence in
// a few microseconds before the exact solve.
func solveMonomials(terms []*big.Int, unknowns int, x func(i, j int) int64) ([]*big.Rat, bool) {
	mod := make([][]uint64, len(terms))
	for i, t := range terms {
		row := make([]uint64, unknowns+1)
		for j := range unknowns {
			row[j] = uint64(x(i, j)) % prime
		}
		row[unknowns] = toMod(t)
		mod[i] = row
	}
	if _, ok := modEliminate(mod, unknowns, true); !ok {
		return nil, false
	}
	rows := make([][]*big.Rat, len(terms))
	for i, t := range terms {
		row := make([]*big.Rat, unknowns+1)
		for j := range unknowns {
			row[j] = big.NewRat(x(i, j), 1)
		}
		row[unknowns] = new(big.Rat).SetInt(t)
		rows[i] = row
	}
	return solveRat(rows)
}

// ipow returns x^e for small e >= 0 (x^e below 2^63).
func ipow(x int64, e int) int64 {
	r := int64(1)
	for range e {
		r *= x
	}
	return r
}

// occurs reports whether variable v (0 for p, 1 for q) occurs in a
// monomial with a non-zero coefficient.
func occurs(c []*big.Rat, monomials [][2]int, v int) bool {
	for i, m := range monomials[:len(c)] {
		if m[v] > 0 && c[i].Sign() != 0 {
			return true
		}
	}
	return false
}

// pairExpr writes the sum of c[i] times the monomials in p =
// prime(n + first - 1) and q = prime(n + first), over the common
// denominator: positive terms first, then the negative ones subtracted.
func pairExpr(c []*big.Rat, monomials [][2]int, first int) dsl.Expr {
	num, d := ratPoly(c).integral()
	den, ok := denom(d)
	if !ok {
		return nil
	}
	primeAt := func(shift int) dsl.Expr {
		return &dsl.Unary{Op: dsl.OpPrime, X: nPlus(int64(shift))}
	}
	var pos, neg dsl.Expr
	for i, k := range num {
		if k.Sign() == 0 {
			continue
		}
		var m dsl.Expr
		if e := monomials[i][0]; e > 0 {
			m = power(primeAt(first-1), e)
		}
		if e := monomials[i][1]; e > 0 {
			m = timesE(m, power(primeAt(first), e))
		}
		a := new(big.Int).Abs(k)
		term := constE(a)
		if m != nil {
			term = scaleAbs(a, m)
		}
		if k.Sign() > 0 {
			pos = plusE(pos, term)
		} else {
			neg = plusE(neg, term)
		}
	}
	switch {
	case pos == nil:
		return quotient(negE(neg), den)
	case neg == nil:
		return quotient(pos, den)
	}
	return quotient(bin(dsl.OpSub, pos, neg), den)
}

// timesE returns x*y, or y when x is nil.
func timesE(x, y dsl.Expr) dsl.Expr {
	if x == nil {
		return y
	}
	return bin(dsl.OpMul, x, y)
}

// plusE returns x + y, or y when x is nil.
func plusE(x, y dsl.Expr) dsl.Expr {
	if x == nil {
		return y
	}
	return bin(dsl.OpAdd, x, y)
}

// primePolyBody returns P(prime(n + first - 1)) for the polynomial P of
// lowest degree with P(prime(first + i)) = terms[i], nil if none fits.
func primePolyBody(terms []*big.Int, first int) dsl.Expr {
	for deg := 1; deg <= maxPrimeDegree && len(terms) >= deg+1+minPrimeSpare; deg++ {
		c, ok := solveMonomials(terms, deg+1, func(i, j int) int64 {
			return ipow(int64(dsl.Prime(dsl.Value(i+first))), j)
		})
		if !ok {
			continue
		}
		if c[deg].Sign() == 0 {
			return nil // a lower degree would have fitted
		}
		return shortestWithPrimes(ratPoly(c), first)
	}
	return nil
}

// shortestWithPrimes writes the polynomial p in prime(n + first - 1): the
// builder's forms are the shortest in n, but prime(n) costs 13 bits to n's
// 3, so the forms that use n fewest times (Horner's) are tried as well.
func shortestWithPrimes(p ratPoly, first int) dsl.Expr {
	num, d := p.integral()
	den, ok := denom(d)
	if !ok {
		return nil
	}
	var x dsl.Expr = &dsl.Index{}
	if first > 1 {
		x = nPlus(int64(first - 1))
	}
	prime := &dsl.Unary{Op: dsl.OpPrime, X: x}
	var best dsl.Expr
	for _, e := range []dsl.Expr{newBuilder().ratPolyExpr(p, 1, false), quotient(horner(num), den), quotient(plainPoly(num), den)} {
		if e != nil {
			best = shorter(best, substitute(e, prime))
		}
	}
	return best
}

// Bounds of PrimePolynomial.
const (
	maxPrimeDegree = 3
	maxPrimeShift  = 4 // P(prime(n + 3)): the primes from 7 on
	minPrimeSpare  = 3
)

// substitute returns e with every n replaced by x (shared: expressions are
// not modified once built).
func substitute(e, x dsl.Expr) dsl.Expr {
	switch e := e.(type) {
	case *dsl.Index:
		return x
	case *dsl.Unary:
		return &dsl.Unary{Op: e.Op, X: substitute(e.X, x)}
	case *dsl.Binary:
		return &dsl.Binary{Op: e.Op, X: substitute(e.X, x), Y: substitute(e.Y, x)}
	}
	return e // constants: polynomials are written with nothing else
}
