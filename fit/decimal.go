package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Decimal fits the digits of a fraction: when every term is a decimal
// digit, it reads them as the number d0.d1d2... and looks for the fraction
// p/q with the smallest denominator whose decimal expansion starts with
// them (the simplest rational in the interval they pin down, found by
// continued fractions). The program is
//
//	a(n) = 10^n*p/q mod 10             (floor division)
//
// or, when p is a multiple of 10, a(n) = 10^n*(p/10)/q mod 10; n >= 1,
// and 10^n/q when the numerator is 1: "Decimal expansion of 1/471" is
// a(n) = 10^n/471 mod 10; n >= 1. The expansion of a fraction with
// denominator q repeats within q digits, so a fit needs q below
// maxDecimalDenominator and at least 2*log10(q) + minDecimalSpare digits:
// a random string of digits is then unlikely to have so simple a fraction,
// and its program would be longer than the digits anyway.
func Decimal(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < minDecimalTerms {
		return nil
	}
	digits := new(big.Int)
	ten := big.NewInt(10)
	for _, t := range terms {
		if t.Sign() < 0 || t.Cmp(ten) >= 0 {
			return nil
		}
		digits.Mul(digits, ten).Add(digits, t)
	}
	if digits.Sign() == 0 {
		return nil // all zeros: a constant, left to the search
	}
	// The value d0.d1...d(N-1) lies in [D/M, (D+1)/M] with M = 10^(N-1).
	m := new(big.Int).Exp(ten, big.NewInt(int64(len(terms)-1)), nil)
	lo := new(big.Rat).SetFrac(digits, m)
	hi := new(big.Rat).SetFrac(new(big.Int).Add(digits, big.NewInt(1)), m)
	f := simplestBetween(lo, hi)
	p, q := f.Num(), f.Denom()
	if q.Cmp(big.NewInt(maxDecimalDenominator)) > 0 || q.Cmp(big.NewInt(1)) == 0 {
		return nil
	}
	if 2*len(q.String())+minDecimalSpare > len(terms) {
		return nil
	}
	return decimalPrograms(p.Int64(), q.Int64())
}

// Bounds of Decimal: the denominators it proposes (at most 10^6, whose
// period the terms cannot show but whose first digits pin them down), the
// digits it needs, and how many more than 2*log10(q) of them.
const (
	maxDecimalDenominator = 1_000_000
	minDecimalTerms       = 8
	minDecimalSpare       = 3
)

// decimalPrograms writes the digits of p/q as programs, in every form
// that may be the shortest.
func decimalPrograms(p, q int64) []*dsl.Program {
	digit := func(num dsl.Expr, offset int) *dsl.Program {
		body := &dsl.Binary{Op: dsl.OpMod,
			X: &dsl.Binary{Op: dsl.OpDiv, X: num, Y: &dsl.Const{Value: q}},
			Y: &dsl.Const{Value: 10}}
		return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: body}
	}
	scaled := func(p int64) dsl.Expr { // 10^n*p, or 10^n when p = 1
		pow := &dsl.Binary{Op: dsl.OpPow, X: &dsl.Const{Value: 10}, Y: &dsl.Index{}}
		if p == 1 {
			return pow
		}
		return &dsl.Binary{Op: dsl.OpMul, X: pow, Y: &dsl.Const{Value: p}}
	}
	out := []*dsl.Program{digit(scaled(p), 0)}
	if p%10 == 0 {
		out = append(out, digit(scaled(p/10), 1))
	}
	return out
}

// simplestBetween returns the fraction with the smallest denominator in
// the closed interval [lo, hi], 0 <= lo <= hi (the smallest numerator
// among those): the integer ceil(lo) if it is at most hi, else
// fl + 1/x with fl = floor(lo) and x the simplest in [1/(hi-fl), 1/(lo-fl)].
func simplestBetween(lo, hi *big.Rat) *big.Rat {
	ceil := new(big.Int).Neg(floorRat(new(big.Rat).Neg(lo)))
	if new(big.Rat).SetInt(ceil).Cmp(hi) <= 0 {
		return new(big.Rat).SetInt(ceil)
	}
	fl := new(big.Rat).SetInt(floorRat(lo))
	a := new(big.Rat).Sub(hi, fl)
	b := new(big.Rat).Sub(lo, fl)
	x := simplestBetween(a.Inv(a), b.Inv(b))
	return x.Add(fl, x.Inv(x))
}

// floorRat is the largest integer at most x.
func floorRat(x *big.Rat) *big.Int {
	q, r := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	if r.Sign() < 0 {
		q.Sub(q, big.NewInt(1))
	}
	return q
}
