package dsl

import (
	"math/big"
	"slices"
	"strings"
)

// Power programs round the powers of a real constant: a(n) = floor(C^n)
// + K, or ceiling(C^n) + K or round(C^n) + K, C an expression of the
// real language of Digits programs (real.go) and K an integer: a(n) =
// floor(e^n) is 1, 2, 7, 20, 54, 148, 403, ... (OEIS A000149). They are
// written and coded like Beatty programs (their parts are RoundedParts),
// powers in place of multiples:
// the header is "0111" and the gamma code of 12, then the offset bit,
// the rounding ("0" floor, "10" ceiling, "11" round), C in the real
// table's code and K in the universal integer code.
const Power Kind = 10

// NewPower returns the program a(n) = round(c^n) + add, n from offset.
func NewPower(offset int, round Rounding, c *Real, add int64) *Program {
	return &Program{Kind: Power, Offset: offset, Parts: &RoundedParts{Real: c, Round: round, Add: add}}
}

func init() {
	define(Power, &kindSpec{
		name:      "power",
		word:      word("0111" + gammaWord(12)),
		offsetBit: true,
		leads:     roundingLeads("("),
		parse:     parsePower,
		print:     printPower,
		bits:      roundedBits,
		encode:    encodeRounded,
		bigValues: func(p *Program, count int) []*big.Int {
			q := partsOf[RoundedParts](p)
			return PowerValues(q.Real, q.Round, q.Add, p.Offset, count)
		},
		noRival: "the best explanation rounds the powers of a real constant, which has no formula in n to add a vanishing product to",
	})
}

// MaxPowerIndex bounds the n of the terms of a Power program that are
// computed at all: C^n for a larger n is undefined.
const MaxPowerIndex = 1 << 16

// PowerValues returns a(n) = round(c^n) + add for n = offset, ...,
// offset + count - 1, exactly. c is evaluated in big.Float with a bound
// on its error (EvalReal) and raised to the n-th power by repeated
// squaring, which carries the bound along, at about 128 bits more than
// c^n has before the point, then at higher precisions up to MaxRealPrec
// while some term is in doubt; a term is nil (undefined) unless the
// whole error interval of c^n (plus 1/2 for round) lies between two
// integers, or when c^n is beyond 2^MaxRealExp (or c is undefined). The
// m-th root of an integer X, sqrt(X) or X^(1/m), is the exception: at
// the n that m divides its power is the integer X^(n/m), exactly, so
// that floor((5^(1/3))^n) is 125 at n = 9, not undefined. At n = 0 the
// term is round(1) + add = 1 + add (c = 0 leaves it undefined, as 0^0
// is).
func PowerValues(c *Real, round Rounding, add int64, offset, count int) []*big.Int {
	last := min(offset+count-1, MaxPowerIndex)
	base, root := integerRoot(c)
	return roundedValues(c, round, add, offset, count,
		func(e int) uint { return uint(min(e*last, MaxRealPrec)) },
		func(ev *realEval, x ival, n int) (ival, bool) {
			switch {
			case n > MaxPowerIndex:
				return ival{}, false
			case root > 0 && int64(n)%root == 0:
				return exactPower(base, int64(n)/root)
			}
			return ev.intPow(x, int64(n)) // by squaring: the bound carried along
		})
}

// integerRoot returns X and m when c is the m-th root of the integer X,
// sqrt(X), X^(1/m) (m >= 2) or a square root of one of these
// (sqrt(sqrt(11)) is 11^(1/4)), and m = 0 otherwise: its powers at the
// multiples of m are the integers X^(n/m), exactly.
func integerRoot(c *Real) (*big.Int, int64) {
	switch {
	case c == nil || c.X == nil:
	case c.Op == RSqrt && c.X.Op == RInt:
		return big.NewInt(c.X.Int), 2
	case c.Op == RSqrt:
		if x, m := integerRoot(c.X); m > 0 && m <= MaxPowerIndex {
			return x, 2 * m
		}
	case c.Op == RPow && c.X.Op == RInt && c.Y != nil && c.Y.Op == RDiv && c.Y.X != nil && c.Y.Y != nil &&
		c.Y.X.Op == RInt && c.Y.X.Int == 1 && c.Y.Y.Op == RInt && c.Y.Y.Int >= 2:
		return big.NewInt(c.X.Int), c.Y.Y.Int
	}
	return nil, 0
}

// exactPower is x^k exactly, with no error, when it has at most
// MaxBigBits bits.
func exactPower(x *big.Int, k int64) (ival, bool) {
	if int64(x.BitLen()-1)*k > MaxBigBits {
		return ival{}, false
	}
	p := new(big.Int).Exp(x, big.NewInt(k), nil)
	return ival{new(big.Float).SetPrec(uint(max(p.BitLen(), 64))).SetInt(p), errFloat()}, true
}

// printPower writes "a(n) = floor(C^n)", with " + K" or " - K" and
// "; n >= 1" when they apply. C is in parentheses unless it is an atom:
// (3/2)^n, (2^(1/3))^n.
func printPower(sb *strings.Builder, p *Program) {
	printRounded(sb, p, "", PrecAtom, "^n")
}

// parsePower parses "a(n) = floor(C^n)" (or ceiling, round), C an atom
// of the real language (a number, pi, e, a function call or a
// parenthesised expression), then optionally "+ K" or "- K" and
// "; n >= 1".
func parsePower(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "="); err != nil {
		return nil, err
	}
	name := p.next()
	q := &RoundedParts{Round: Rounding(slices.Index(roundingNames[:], name.text))}
	prog := &Program{Kind: Power, Parts: q}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	if t := p.peek(); t.text == "n" {
		return nil, p.errorf(t, "expected %s(n*C) or %s(C^n), C a real constant", name.text, name.text)
	}
	c, err := p.realAt(PrecAtom)
	if err != nil {
		return nil, err
	}
	q.Real = c
	if err := p.expect("^", "n", ")"); err != nil {
		return nil, err
	}
	if q.Add, err = p.roundingTail(prog); err != nil {
		return nil, err
	}
	return prog, nil
}
