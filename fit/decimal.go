package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Decimal fits the digits of a fraction or of the square root of one, in
// base 10 or a smaller base b: when every term is a digit of base b, it
// reads them as the number x = d0.d1d2... in base b and looks for the
// fraction p/q with the smallest denominator whose expansion starts with
// them (the simplest rational in the interval they pin down, found by
// continued fractions), and likewise for x^2. The programs are
//
//	a(n) = b^n*p/q mod b               (floor division)
//	a(n) = isqrt(B^n*p/q) mod b        (x^2 = p/q, B the constant b^2)
//
// or, when p is a multiple of b (of b^2 for roots), the same from n = 1
// with p/b (p/b^2), and without the factor p when it is 1: "Decimal
// expansion of 1/471" is a(n) = 10^n/471 mod 10; n >= 1, that of the
// square root of 24 is isqrt(100^n*24) mod 10, and "Expansion of sqrt(6)
// in base 9" isqrt(81^n*6) mod 9. Every base from one above the largest
// term to 10 is tried. A fit needs q below maxDecimalDenominator and at
// least 2*log_b(q) digits and minDecimalSpare decimal digits' worth more
// (spareDigits): a random string of digits is then unlikely to have so
// simple a fraction, and its program would be longer than the digits
// anyway.
func Decimal(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < minDecimalTerms {
		return nil
	}
	top := int64(0)
	ten := big.NewInt(10)
	for _, t := range terms {
		if t.Sign() < 0 || t.Cmp(ten) >= 0 {
			return nil
		}
		top = max(top, t.Int64())
	}
	if top == 0 {
		return nil // all zeros: a constant, left to the search
	}
	var out []*dsl.Program
	for b := max(top+1, minDecimalBase); b <= 10; b++ {
		out = append(out, expansion(terms, b)...)
	}
	return out
}

// expansion fits the digits in base b (see Decimal).
func expansion(terms []*big.Int, b int64) []*dsl.Program {
	digits := new(big.Int)
	base := big.NewInt(b)
	for _, t := range terms {
		digits.Mul(digits, base).Add(digits, t)
	}
	// The value d0.d1...d(N-1) lies in [D/M, (D+1)/M] with M = b^(N-1).
	m := new(big.Int).Exp(base, big.NewInt(int64(len(terms)-1)), nil)
	lo := new(big.Rat).SetFrac(digits, m)
	hi := new(big.Rat).SetFrac(new(big.Int).Add(digits, big.NewInt(1)), m)
	var out []*dsl.Program
	if p, q, ok := simpleFraction(lo, hi, len(terms), b); ok && q > 1 {
		out = append(out, decimalPrograms(p, q, b)...)
	}
	// The square: the fraction x^2 is in [lo^2, hi^2]. A perfect square of
	// a fraction is the case above.
	if p, q, ok := simpleFraction(lo.Mul(lo, lo), hi.Mul(hi, hi), len(terms), b); ok && !isSquare(p, q) {
		out = append(out, rootPrograms(p, q, b)...)
	}
	return out
}

// simpleFraction returns the simplest fraction p/q in [lo, hi] when it is
// simple enough for n digits of base b to establish it (see Decimal).
func simpleFraction(lo, hi *big.Rat, n int, b int64) (p, q int64, ok bool) {
	f := simplestBetween(lo, hi)
	if !f.Denom().IsInt64() || f.Denom().Int64() > maxDecimalDenominator {
		return 0, 0, false
	}
	if 2*len(f.Denom().Text(int(b)))+spareDigits(b) > n || !f.Num().IsInt64() {
		return 0, 0, false
	}
	return f.Num().Int64(), f.Denom().Int64(), true
}

// spareDigits is how many more digits of base b than 2*log_b(q) a fit
// needs: minDecimalSpare decimal digits' worth, the least s with b^s >=
// 10^minDecimalSpare (3 in base 10, 4 in bases 6 to 9, 5 in 4 and 5, 7 in
// base 3, 10 in base 2), so that the terms carry the same surplus of
// about 10 bits over the fraction in every base.
func spareDigits(b int64) int {
	s := 0
	for p, goal := int64(1), dsl.Pow(10, minDecimalSpare); p < int64(goal); p *= b {
		s++
	}
	return s
}

// isSquare reports whether p/q (in lowest terms) is the square of a
// fraction.
func isSquare(p, q int64) bool {
	sq := func(x int64) bool { r := dsl.Isqrt(dsl.Value(x)); return int64(r)*int64(r) == x }
	return sq(p) && sq(q)
}

// Bounds of Decimal: the denominators it proposes (at most 10^6, whose
// period the terms cannot show but whose first digits pin them down), the
// digits it needs, how many more than 2*log_b(q) of them, and the
// smallest base it tries.
const (
	maxDecimalDenominator = 1_000_000
	minDecimalTerms       = 8
	minDecimalSpare       = 3
	minDecimalBase        = 2
)

// decimalPrograms writes the digits of p/q in base b as programs, in
// every form that may be the shortest.
func decimalPrograms(p, q, b int64) []*dsl.Program {
	digit := func(num dsl.Expr, offset int) *dsl.Program {
		body := &dsl.Binary{Op: dsl.OpMod,
			X: &dsl.Binary{Op: dsl.OpDiv, X: num, Y: &dsl.Const{Value: q}},
			Y: &dsl.Const{Value: b}}
		return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: body}
	}
	scaled := func(p int64) dsl.Expr { // b^n*p, or b^n when p = 1
		pow := &dsl.Binary{Op: dsl.OpPow, X: &dsl.Const{Value: b}, Y: &dsl.Index{}}
		if p == 1 {
			return pow
		}
		return &dsl.Binary{Op: dsl.OpMul, X: pow, Y: &dsl.Const{Value: p}}
	}
	out := []*dsl.Program{digit(scaled(p), 0)}
	if p%b == 0 {
		out = append(out, digit(scaled(p/b), 1))
	}
	return out
}

// rootPrograms writes the digits of the square root of p/q in base b as
// programs: isqrt((b^2)^n*p/q) mod b, and from n = 1 with p/b^2 when p is
// a multiple of b^2.
func rootPrograms(p, q, b int64) []*dsl.Program {
	digit := func(p int64, offset int) *dsl.Program {
		var x dsl.Expr = &dsl.Binary{Op: dsl.OpPow, X: &dsl.Const{Value: b * b}, Y: &dsl.Index{}}
		if p != 1 {
			x = &dsl.Binary{Op: dsl.OpMul, X: x, Y: &dsl.Const{Value: p}}
		}
		if q != 1 {
			x = &dsl.Binary{Op: dsl.OpDiv, X: x, Y: &dsl.Const{Value: q}}
		}
		body := &dsl.Binary{Op: dsl.OpMod, X: &dsl.Unary{Op: dsl.OpIsqrt, X: x}, Y: &dsl.Const{Value: b}}
		return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: body}
	}
	out := []*dsl.Program{digit(p, 0)}
	if p%(b*b) == 0 {
		out = append(out, digit(p/(b*b), 1))
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
