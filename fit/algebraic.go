package fit

import (
	"cmp"
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of the Algebraic fitter's shapes.
const (
	// algMaxDegA is the highest degree in A the fitter tries (2 and 3).
	algMaxDegA = 3
	// algMaxDegX is the highest degree in x it tries: with 15 terms the
	// spare equations allow 3 at most, with 25 terms 6 (for dA = 2). See
	// Algebraic for the data that chose it.
	algMaxDegX = 6
	// algMinSpare is how many more equations than unknowns a shape
	// needs: (dA+1)(dx+1) + algMinSpare <= the number of terms (at most
	// MaxSolveTerms). See Algebraic for the data that chose it.
	algMinSpare = 3
)

// algShape is one equation shape: its degrees in A and in x.
type algShape struct{ dA, dx int }

func (s algShape) unknowns() int { return (s.dA + 1) * (s.dx + 1) }

// algShapes lists the shapes with at most n - algMinSpare unknowns, the
// fewest unknowns first (a smaller degree in A first among equals).
func algShapes(n int) []algShape {
	var out []algShape
	for dA := 2; dA <= algMaxDegA; dA++ {
		for dx := 0; dx <= algMaxDegX; dx++ {
			if s := (algShape{dA, dx}); s.unknowns()+algMinSpare <= n {
				out = append(out, s)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b algShape) int { return cmp.Compare(a.unknowns(), b.unknowns()) })
	return out
}

// Algebraic fits algebraic generating functions: the series A = sum
// a(n) x^n solving P(x, A) = 0 for a polynomial P = sum c_ij x^j A^i with
// integer coefficients, of degree dA = 2 or 3 in A and dx = 0..6 in x
// (dsl.Algebraic): Catalan-like numbers, Motzkin and Schröder numbers,
// the counts of trees and lattice paths whose generating function is a
// square or cube root. Their recurrences with polynomial coefficients are
// often too long for PRecursive at 15 terms; the equation is short.
//
// The coefficient of x^k of P(x, A), for k = 0..N-1 (N the terms, at most
// MaxSolveTerms), is linear in the unknowns c_ij: sum c_ij [x^(k-j)] A^i,
// the powers of the data's series known up to x^(N-1). For each shape,
// the fewest unknowns first, the system is reduced modulo a prime (a
// shape whose null space there is not one-dimensional is rejected in
// microseconds; a one-dimensional null space over the rationals is one
// modulo all but a few primes); when it is, the null vector is read off
// by rational reconstruction or solved exactly, and checked against
// every equation in exact arithmetic. The equation must have a term in
// A^2 or A^3 (else it is a rational generating function, ProductGF's
// and Linear's), and the first term must be a simple root of P(0, A),
// so that the equation gives every later term; the first shape that
// passes is proposed, with its full code length (dsl.AlgebraicBits) and
// offset 0, and the predictor checks it against all the terms.
//
// The spare equations: a shape needs algMinSpare = 3 equations more than
// its (dA+1)(dx+1) unknowns (4 checks beyond the null vector's U-1
// degrees of freedom). With 15 terms, 3 admits the 12-unknown shapes
// (dA, dx) = (2, 3) and (3, 2), and 4 does not; 1 to 3 admit the same
// shapes at 15 and at 25 terms. Chosen on exploration data, 15 terms
// given: on shard 1/14 (9,484 sequences, 4,927 unanswered at commit
// e675a7a) the fits with 4 spare equations answered 8 unanswered
// sequences, all right, and changed no answer; with 3, 31 (all right)
// and one wrong answer became right. On
// the development sequences outside shard 0/14 and the make-eval samples
// (those of at least 16 terms) the fitter proposes for 1,570 (1,537
// predicting the next term right); running the whole predictor before
// and after on the 762 of them that a 12-unknown shape fits or that it
// fits wrongly gave 277 unanswered and 7 wrong answers made right, 1
// right answer made wrong, and no other change (on the other 808, fitted
// with at most 11 unknowns: 89 unanswered and 1 wrong made right, none
// made wrong). Spurious fits come from long runs of 0 and 1 (inverses of
// cyclotomic polynomials), where the terms written out are shorter than
// the equation and the predictor leaves them unanswered.
//
// The degree in x: with 25 terms given (next 10 predicted jointly), on
// the same development sequences the fitter with dx up to 4 proposes for
// 1,113, and the whole predictor answered 191 more of them right and none
// more wrong; dx = 5 and 6 (18 and 21 unknowns, 25 terms only) propose
// for 295 more, of which the predictor answered 53 + 61 more right, 1 + 2
// wrong answers made right and 0 + 2 unanswered made wrong.
func Algebraic(ctx context.Context, terms []*big.Int) []*dsl.Program {
	t := terms[:min(len(terms), MaxSolveTerms)]
	n := len(t)
	shapes := algShapes(n)
	if len(shapes) == 0 || ctx.Err() != nil {
		return nil
	}
	// The powers of the data's series, modulo prime, up to x^(n-1).
	powMod := make([][]uint64, algMaxDegA+1)
	powMod[0] = make([]uint64, n)
	powMod[0][0] = 1
	tm := make([]uint64, n)
	for i, x := range t {
		tm[i] = toMod(x)
	}
	for i := 1; i <= algMaxDegA; i++ {
		powMod[i] = mulSeriesMod(powMod[i-1], tm)
	}
	var pow [][]*big.Int // exactly, computed when a shape passes the screen
	for _, s := range shapes {
		if ctx.Err() != nil {
			return nil
		}
		u := s.unknowns()
		rows := make([][]uint64, n)
		for k := range rows {
			rows[k] = make([]uint64, u)
			for c := range u {
				i, j := c/(s.dx+1), c%(s.dx+1)
				if k >= j {
					rows[k][c] = powMod[i][k-j]
				}
			}
		}
		pivots, _ := modEliminate(rows, u, false)
		if len(pivots) != u-1 {
			continue
		}
		if pow == nil {
			pow = make([][]*big.Int, algMaxDegA+1)
			pow[0] = make([]*big.Int, n)
			for k := range pow[0] {
				pow[0][k] = new(big.Int)
			}
			pow[0][0].SetInt64(1)
			for i := 1; i <= algMaxDegA; i++ {
				pow[i] = mulSeries(pow[i-1], t)
			}
		}
		x, ok := algNullVector(s, rows, pivots, pow, n)
		if !ok {
			continue
		}
		if p := algProgram(s, x, t); p != nil {
			return []*dsl.Program{p}
		}
	}
	return nil
}

// algNullVector returns the primitive integer null vector of a shape's
// system, whose rows modulo prime have the given pivots (u-1 of them),
// checked against every equation exactly.
func algNullVector(s algShape, rows [][]uint64, pivots []int, pow [][]*big.Int, n int) ([]*big.Int, bool) {
	u := s.unknowns()
	exact := func(k, c int) *big.Int {
		i, j := c/(s.dx+1), c%(s.dx+1)
		if k < j {
			return new(big.Int)
		}
		return pow[i][k-j]
	}
	check := func(x []*big.Int) bool {
		sum, t := new(big.Int), new(big.Int)
		for k := range n {
			sum.SetInt64(0)
			for c := range u {
				if x[c].Sign() != 0 {
					sum.Add(sum, t.Mul(x[c], exact(k, c)))
				}
			}
			if sum.Sign() != 0 {
				return false
			}
		}
		return true
	}
	pivRows := make([][]uint64, len(pivots))
	for r, k := range pivots {
		pivRows[r] = rows[k]
	}
	if x, _, ok := reconstruct(pivRows, u, true); ok && check(x) {
		return x, true
	}
	a := make([][]*big.Int, len(pivots))
	for r, k := range pivots {
		a[r] = make([]*big.Int, u)
		for c := range u {
			a[r][c] = exact(k, c)
		}
	}
	x, _, ok := solveExact(a, nil, u)
	if !ok || !check(x) {
		return nil, false
	}
	return x, true
}

// algProgram builds the program of a null vector: nil when the equation
// is linear in A, or the first term is not a simple root of P(0, A) (the
// program's terms are then undefined), or the program does not reproduce
// the terms and give the next one.
func algProgram(s algShape, x []*big.Int, t []*big.Int) *dsl.Program {
	coef := make([][]*big.Int, s.dA+1)
	quadratic := false
	for i := range coef {
		coef[i] = x[i*(s.dx+1) : (i+1)*(s.dx+1)]
		for _, c := range coef[i] {
			quadratic = quadratic || i >= 2 && c.Sign() != 0
		}
	}
	if !quadratic {
		return nil
	}
	// One sign for the equation: its first non-zero coefficient positive.
	for _, c := range x {
		if c.Sign() != 0 {
			if c.Sign() < 0 {
				for _, v := range x {
					v.Neg(v)
				}
			}
			break
		}
	}
	p := dsl.NewAlgebraic(0, coef, t[0])
	if next, ok := dsl.Reproduce(p, t, 1); !ok || next[0] == nil {
		return nil
	}
	return p
}

// mulSeries returns the product of two power series truncated to the
// length of a.
func mulSeries(a, b []*big.Int) []*big.Int {
	out := make([]*big.Int, len(a))
	t := new(big.Int)
	for k := range out {
		out[k] = new(big.Int)
		for i := 0; i <= k; i++ {
			if a[i].Sign() != 0 && b[k-i].Sign() != 0 {
				out[k].Add(out[k], t.Mul(a[i], b[k-i]))
			}
		}
	}
	return out
}

// mulSeriesMod is mulSeries modulo prime.
func mulSeriesMod(a, b []uint64) []uint64 {
	out := make([]uint64, len(a))
	for k := range out {
		var s uint64
		for i := 0; i <= k; i++ {
			s = (s + mulMod(a[i], b[k-i])) % prime
		}
		out[k] = s
	}
	return out
}
