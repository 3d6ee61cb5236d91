package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Decimal fits the digits of a fraction or of the square root of one:
// when every term is a decimal digit, it reads them as the number
// x = d0.d1d2... and looks for the fraction p/q with the smallest
// denominator whose decimal expansion starts with them (the simplest
// rational in the interval they pin down, found by continued fractions),
// and likewise for x^2. The programs are
//
//	a(n) = 10^n*p/q mod 10             (floor division)
//	a(n) = isqrt(100^n*p/q) mod 10     (x^2 = p/q)
//
// or, when p is a multiple of 10 (of 100 for roots), the same from n = 1
// with p/10 (p/100), and without the factor p when it is 1: "Decimal
// expansion of 1/471" is a(n) = 10^n/471 mod 10; n >= 1, that of the
// square root of 24 is isqrt(100^n*24) mod 10. A fit needs q below
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
	var out []*dsl.Program
	if p, q, ok := simpleFraction(lo, hi, len(terms)); ok && q > 1 {
		out = append(out, decimalPrograms(p, q)...)
	}
	// The square: the fraction x^2 is in [lo^2, hi^2]. A perfect square of
	// a fraction is the case above.
	if p, q, ok := simpleFraction(lo.Mul(lo, lo), hi.Mul(hi, hi), len(terms)); ok && !isSquare(p, q) {
		out = append(out, rootPrograms(p, q)...)
	}
	return out
}

// simpleFraction returns the simplest fraction p/q in [lo, hi] when it is
// simple enough for n digits to establish it (see Decimal).
func simpleFraction(lo, hi *big.Rat, n int) (p, q int64, ok bool) {
	f := simplestBetween(lo, hi)
	if !f.Denom().IsInt64() || f.Denom().Int64() > maxDecimalDenominator {
		return 0, 0, false
	}
	if 2*len(f.Denom().String())+minDecimalSpare > n || !f.Num().IsInt64() {
		return 0, 0, false
	}
	return f.Num().Int64(), f.Denom().Int64(), true
}

// isSquare reports whether p/q (in lowest terms) is the square of a
// fraction.
func isSquare(p, q int64) bool {
	sq := func(x int64) bool { r := dsl.Isqrt(dsl.Value(x)); return int64(r)*int64(r) == x }
	return sq(p) && sq(q)
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

// rootPrograms writes the digits of the square root of p/q as programs:
// isqrt(100^n*p/q) mod 10, and from n = 1 with p/100 when p is a multiple
// of 100.
func rootPrograms(p, q int64) []*dsl.Program {
	digit := func(p int64, offset int) *dsl.Program {
		var x dsl.Expr = &dsl.Binary{Op: dsl.OpPow, X: &dsl.Const{Value: 100}, Y: &dsl.Index{}}
		if p != 1 {
			x = &dsl.Binary{Op: dsl.OpMul, X: x, Y: &dsl.Const{Value: p}}
		}
		if q != 1 {
			x = &dsl.Binary{Op: dsl.OpDiv, X: x, Y: &dsl.Const{Value: q}}
		}
		body := &dsl.Binary{Op: dsl.OpMod, X: &dsl.Unary{Op: dsl.OpIsqrt, X: x}, Y: &dsl.Const{Value: 10}}
		return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: body}
	}
	out := []*dsl.Program{digit(p, 0)}
	if p%100 == 0 {
		out = append(out, digit(p/100, 1))
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

// floorRat is the largest integer at most x: Euclidean division by the
// positive denominator.
func floorRat(x *big.Rat) *big.Int {
	return new(big.Int).Div(x.Num(), x.Denom())
}
