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
// written and coded like Beatty programs, powers in place of multiples:
// the header is "0111" and the gamma code of 12, then the offset bit,
// the rounding ("0" floor, "10" ceiling, "11" round), C in the real
// table's code and K in the universal integer code.
const Power Kind = 10

// PowerParts are the constant C, the rounding and the integer K added of
// a Power program.
type PowerParts struct {
	Real  *Real
	Round Rounding
	Add   int64
}

func (*PowerParts) partsNode() {}

// NewPower returns the program a(n) = round(c^n) + add, n from offset.
func NewPower(offset int, round Rounding, c *Real, add int64) *Program {
	return &Program{Kind: Power, Offset: offset, Parts: &PowerParts{Real: c, Round: round, Add: add}}
}

func init() {
	define(Power, &kindSpec{
		name:      "power",
		word:      word("0111" + gammaWord(12)),
		offsetBit: true,
		leads:     roundingLeads("("),
		parse:     parsePower,
		print:     printPower,
		bits: func(p *Program) int {
			q := partsOf[PowerParts](p)
			return len(roundingWord(q.Round)) + RealBits(q.Real) + IntBits64(q.Add)
		},
		encode: func(sb *strings.Builder, p *Program) {
			q := partsOf[PowerParts](p)
			sb.WriteString(roundingWord(q.Round))
			encodeReal(sb, q.Real)
			sb.WriteString(intWord(big.NewInt(q.Add)))
		},
		bigValues: func(p *Program, count int) []*big.Int {
			q := partsOf[PowerParts](p)
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
// integers, or when c^n is beyond 2^MaxRealExp (or c is undefined). At
// n = 0 the term is round(1) + add = 1 + add (c = 0 leaves it
// undefined, as 0^0 is).
func PowerValues(c *Real, round Rounding, add int64, offset, count int) []*big.Int {
	out := make([]*big.Int, max(count, 0))
	if c == nil || count <= 0 || round >= numRoundings || offset < 0 {
		return out
	}
	last := min(offset+count-1, MaxPowerIndex)
	prec := uint(2 * realGuard)
	if v, _ := EvalReal(c, estimatePrec); v != nil && v.Sign() != 0 && v.MantExp(nil) > 0 {
		prec += uint(min(v.MantExp(nil)*last, MaxRealPrec))
	}
	for range 3 {
		if powerAt(out, c, round, add, offset, min(prec, MaxRealPrec)) || prec >= MaxRealPrec {
			break
		}
		prec = 2*prec + MaxRealExp/8
	}
	return out
}

// powerAt fills in the terms still nil in out that c evaluated at prec
// bits determines; it reports whether none is left in doubt.
func powerAt(out []*big.Int, c *Real, round Rounding, add int64, offset int, prec uint) bool {
	// Each power by repeated squaring (realEval.intPow), which carries
	// the error bound along.
	ev := &realEval{prec: prec}
	x, ok := ev.eval(c, 0)
	if !ok {
		return false
	}
	done := true
	for i := range out {
		n := offset + i
		if out[i] != nil || n > MaxPowerIndex {
			continue // known, or never computed
		}
		p, ok := ev.intPow(x, int64(n))
		if ok {
			out[i] = roundedTerm(p.v, p.err, round, add)
		}
		if out[i] == nil {
			done = false
		}
	}
	return done
}

// printPower writes "a(n) = floor(C^n)", with " + K" or " - K" and
// "; n >= 1" when they apply. C is in parentheses unless it is an atom:
// (3/2)^n, (2^(1/3))^n.
func printPower(sb *strings.Builder, p *Program) {
	q := partsOf[PowerParts](p)
	sb.WriteString("a(n) = " + roundingName(q.Round) + "(")
	printReal(sb, q.Real, PrecAtom)
	sb.WriteString("^n)")
	printAdd(sb, q.Add)
	printOffset(sb, p)
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
	q := &PowerParts{Round: Rounding(slices.Index(roundingNames[:], name.text))}
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
