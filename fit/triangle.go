package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// TrianglePoly fits triangles read by rows whose entries are a polynomial
// in the row n and the column k: T(n, k) = P(n, k)/D, P an integer
// polynomial of total degree at most maxTriangleDegree, such as
// 2*n*k + n + k + 9 or n*(n - 1)/2 + 2*k - 1. Rows and columns start at
// the offset, 0 or 1, as in the language's triangles. The coefficients are
// solved for exactly from all the terms at once; a fit needs
// minTriangleSpare more terms than unknowns (3, 6 and 10 for degrees 1 to
// 3), and the lowest degree that fits is the only one proposed, written
// expanded over the common denominator.
func TrianglePoly(ctx context.Context, terms []*big.Int) []*dsl.Program {
	var out []*dsl.Program
	for offset := 0; offset <= 1 && ctx.Err() == nil; offset++ {
		for deg := 1; deg <= maxTriangleDegree; deg++ {
			mons := monomials(deg)
			if len(terms) < len(mons)+minTriangleSpare {
				break
			}
			if c, ok := solveRat(triangleSystem(terms, mons, offset)); ok {
				if body := bivariateExpr(mons, c); body != nil {
					out = append(out, &dsl.Program{Kind: dsl.Triangle, Offset: offset, Body: body})
				}
				break
			}
		}
	}
	return out
}

// Bounds of TrianglePoly.
const (
	maxTriangleDegree = 3
	minTriangleSpare  = 3
)

// monomial is n^i * k^j.
type monomial struct{ i, j int }

// monomials lists the monomials of total degree at most deg, lowest first.
func monomials(deg int) []monomial {
	var out []monomial
	for d := 0; d <= deg; d++ {
		for j := 0; j <= d; j++ {
			out = append(out, monomial{d - j, j})
		}
	}
	return out
}

// triangleSystem returns the augmented rows [m(n, k)... | T] of the
// equations P(n, k) = T, one per term.
func triangleSystem(terms []*big.Int, mons []monomial, offset int) [][]*big.Rat {
	rows := make([][]*big.Rat, len(terms))
	for idx, t := range terms {
		r, c := dsl.TriangleCell(idx)
		n, k := big.NewInt(int64(r+offset)), big.NewInt(int64(c+offset))
		row := make([]*big.Rat, len(mons)+1)
		for j, m := range mons {
			v := new(big.Int).Exp(n, big.NewInt(int64(m.i)), nil)
			v.Mul(v, new(big.Int).Exp(k, big.NewInt(int64(m.j)), nil))
			row[j] = new(big.Rat).SetInt(v)
		}
		row[len(mons)] = new(big.Rat).SetInt(t)
		rows[idx] = row
	}
	return rows
}

// bivariateExpr writes sum c_m * n^i * k^j as (integer sum)/D; nil when
// every coefficient is zero or a constant does not fit.
func bivariateExpr(mons []monomial, c []*big.Rat) dsl.Expr {
	d := big.NewInt(1)
	for _, x := range c {
		d = lcm(d, x.Denom())
	}
	var its []item
	for idx := len(mons) - 1; idx >= 0; idx-- {
		v := new(big.Int).Mul(c[idx].Num(), d)
		v.Quo(v, c[idx].Denom())
		if v.Sign() == 0 {
			continue
		}
		its = append(its, coefItem(v, monomialExpr(mons[idx])))
	}
	if len(its) == 0 {
		return nil
	}
	den, ok := denom(d)
	if !ok {
		return nil
	}
	return quotient(sum(its), den)
}

// monomialExpr is n^i * k^j, nil for the constant monomial.
func monomialExpr(m monomial) dsl.Expr {
	var x dsl.Expr
	if m.i > 0 {
		x = power(&dsl.Index{}, m.i)
	}
	if m.j > 0 {
		kj := power(&dsl.LoopVar{}, m.j)
		if x == nil {
			return kj
		}
		return bin(dsl.OpMul, x, kj)
	}
	return x
}
