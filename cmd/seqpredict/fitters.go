package main

import (
	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// defaultFitters are the constant solvers consulted besides the search:
// polynomials in n, linear recurrences with constant coefficients and a
// polynomial term, recurrences with polynomial coefficients, and
// recurrences alternating between two rules by n mod 2 or 3,
// quasi-polynomials floor(p(n)/D), rational generating functions
// N(x)/prod (1-x^e), the digits of fractions p/q and of their square
// roots, the digits of real constants such as log(8) or 49^(1/5), the
// continued fractions of square roots (their partial quotients, or their
// convergents' numerators or denominators), triangles read by rows
// whose entries are a polynomial in the row and the column, and the
// trajectories of Collatz-like maps (halve an even term, send an odd one
// to (P*x + R)/Q), and polynomials in the n-th prime. Their proposals are checked and charged their full
// length like any program.
func defaultFitters() []predict.Fitter {
	return []predict.Fitter{fit.Polynomial, fit.Linear, fit.PRecursive, fit.Alternating, fit.Floor, fit.ProductGF, fit.Decimal, fit.Constant, fit.ContinuedFraction, fit.TrianglePoly, fit.Trajectory, fit.PrimePolynomial}
}

// lateFitters run after the search when it found nothing within its
// horizon: the filter search for sets, {n >= 1 : body > 0}, and the sets
// whose bodies have constants to solve for (primes in a residue class,
// n such that a polynomial in n is prime, the divisors of N).
func lateFitters() []predict.Fitter {
	return []predict.Fitter{search.Filters, fit.Sets}
}
