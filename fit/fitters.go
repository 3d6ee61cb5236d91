package fit

import (
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// Early returns the fitters consulted before the search, in the order
// they are consulted: polynomials in n, linear recurrences with constant
// coefficients and a polynomial term, recurrences with polynomial
// coefficients, recurrences alternating between two rules by n mod 2 or
// 3, quasi-polynomials floor(p(n)/D), rational generating functions
// N(x)/prod (1-x^e), the digits of fractions p/q and of their square
// roots, the digits of real constants such as log(8) or 49^(1/5), the
// continued fractions of square roots (their partial quotients, or their
// convergents' numerators or denominators), triangles read by rows whose
// entries are a polynomial in the row and the column, triangles defined
// by a recurrence on the entries above them, the trajectories of
// Collatz-like maps (halve an even term, send an odd one to
// (P*x + R)/Q), polynomials in the n-th prime (or two consecutive
// primes), the roundings of the multiples and of the powers of a real
// constant, floor(n*pi) and floor(e^n), the multiplicative functions
// given by a formula at the prime powers, the algebraic generating
// functions (the series solving a polynomial equation P(x, A) = 0), the
// numbers of one prime signature (p^2*q, p*q*r, ...), the products of
// powers of Euler's function at x^m (eta quotients, Ramanujan's theta
// functions), and the powers and polynomials written in a base below 10.
// This is the list the command runs (predict.Options.Fitters).
func Early() []predict.Fitter {
	return []predict.Fitter{Polynomial, Linear, PRecursive, Alternating, Floor, ProductGF, Decimal, Constant, ContinuedFraction, TrianglePoly, TriangleRecurrence, Trajectory, PrimePolynomial, Beatty, Power, Multiplicative, Algebraic, Signature, EtaQuotient, Numeral}
}

// Late returns the fitters consulted after the search, and only when it
// found nothing within its horizon (predict.Options.LateFitters): the
// filter search for sets, {n >= 1 : body > 0}, and the sets whose bodies
// have constants to solve for (primes in a residue class, n such that a
// polynomial in n is prime, the divisors of N).
func Late() []predict.Fitter {
	return []predict.Fitter{search.Filters, Sets}
}
