package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// PrimePolynomial fits a(n) = P(prime(n)), n >= 1, P a polynomial of degree
// 1 to maxPrimeDegree with rational coefficients, such as (prime(n)^2 +
// 1)/2: the polynomial fitter's shape with the n-th prime for n; or, for
// the odd primes, P(prime(n + 1)). The coefficients are solved for exactly
// from all the terms, which must number minPrimeSpare more than the
// unknowns; the lowest degree that fits is proposed.
func PrimePolynomial(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if ctx.Err() != nil || len(terms) > int(dsl.PrimePi(dsl.NTLimit))-1 {
		return nil
	}
	var out []*dsl.Program
	for first := 1; first <= 2; first++ {
		if body := primePolyBody(terms, first); body != nil {
			out = append(out, &dsl.Program{Kind: dsl.ClosedForm, Offset: 1, Body: body})
		}
	}
	return out
}

// primePolyBody returns P(prime(n + first - 1)) for the polynomial P of
// lowest degree with P(prime(first + i)) = terms[i], nil if none fits.
func primePolyBody(terms []*big.Int, first int) dsl.Expr {
	for deg := 1; deg <= maxPrimeDegree && len(terms) >= deg+1+minPrimeSpare; deg++ {
		rows := make([][]*big.Rat, len(terms))
		for i, t := range terms {
			p := big.NewInt(int64(dsl.Prime(dsl.Value(i + first))))
			row := make([]*big.Rat, deg+2)
			for j := 0; j <= deg; j++ {
				row[j] = new(big.Rat).SetInt(new(big.Int).Exp(p, big.NewInt(int64(j)), nil))
			}
			row[deg+1] = new(big.Rat).SetInt(t)
			rows[i] = row
		}
		c, ok := solveRat(rows)
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
