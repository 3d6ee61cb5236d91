package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Numeral fits the numbers written in a base b below 10, a(n) =
// base(E, b) with E a closed form of n ("Powers of ten written in base
// 9" is base(10^n, 9), "Cubes written in base 8" base(n^3, 8)): when
// every term is a non-negative numeral whose digits are all below b, and
// some term has two digits or more (else base(x, b) = x), it reads each
// term back in base b and fits the numbers it gets with Polynomial and
// with the powers c*r^n, proposing each closed form found inside
// base(_, b). The search finds the short ones itself (base(n^2, 5) is 37
// bits); what this adds is the longer ones, such as base(10^n, 9) at 43
// bits, beyond its horizon. A term with a digit 9 rules out every base,
// so most sequences are rejected in one pass over the terms' digits.
func Numeral(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < numeralMinTerms || ctx.Err() != nil {
		return nil
	}
	var texts []string // grown as the terms pass: most fail at the first few
	top, long := byte('0'), false
	for _, t := range terms {
		if t.Sign() < 0 {
			return nil
		}
		s := t.String()
		for j := 0; j < len(s); j++ {
			top = max(top, s[j])
		}
		long = long || len(s) > 1
		if top == '9' {
			return nil
		}
		texts = append(texts, s)
	}
	if !long {
		return nil
	}
	var out []*dsl.Program
	for b := max(int64(top-'0')+1, 2); b < 10; b++ {
		u := make([]*big.Int, len(texts))
		for i, s := range texts {
			u[i], _ = new(big.Int).SetString(s, int(b)) // every digit is below b
		}
		for _, p := range append(Polynomial(ctx, u), powers(u)...) {
			out = append(out, &dsl.Program{Kind: dsl.ClosedForm, Offset: p.Offset,
				Body: bin(dsl.OpBase, p.Body, constI(b))})
		}
	}
	return out
}

// numeralMinTerms is the fewest terms Numeral looks at, as many as
// Decimal's.
const numeralMinTerms = minDecimalTerms

// powers fits u(i) = c*r^i, r >= 2, c >= 1: c*r^n (r^n for c = 1), or
// from n = 1 (c/r)*r^n when r divides c.
func powers(u []*big.Int) []*dsl.Program {
	if u[0].Sign() <= 0 || !u[0].IsInt64() {
		return nil
	}
	r, m := new(big.Int).QuoRem(u[1], u[0], new(big.Int))
	if m.Sign() != 0 || r.Cmp(big.NewInt(2)) < 0 || !r.IsInt64() {
		return nil
	}
	for i := 1; i < len(u); i++ {
		if new(big.Int).Mul(u[i-1], r).Cmp(u[i]) != 0 {
			return nil
		}
	}
	c, rr := u[0].Int64(), r.Int64()
	power := func(c int64, offset int) *dsl.Program {
		var e dsl.Expr = bin(dsl.OpPow, constI(rr), &dsl.Index{})
		if c != 1 {
			e = bin(dsl.OpMul, constI(c), e)
		}
		return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: e}
	}
	out := []*dsl.Program{power(c, 0)}
	if c%rr == 0 {
		out = append(out, power(c/rr, 1))
	}
	return out
}
