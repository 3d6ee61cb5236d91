package dsl

import (
	"math/big"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// Beatty programs round the multiples of a real constant: a(n) =
// floor(n*C) + K, or ceiling(n*C) + K, or round(n*C) + K (round(x) is
// floor(x + 1/2)), C an expression of the real language of Digits
// programs (real.go) and K an integer: a(n) = floor(n*pi) is 0, 3, 6, 9,
// 12, 15, 18, 21, 25, ..., the Beatty sequence of pi (OEIS A022844). The
// header is "0111" and the gamma code of 11, then the offset bit; then
// the rounding ("0" floor, "10" ceiling, "11" round), C in the real
// table's code and K in the universal integer code (1 bit for 0).
const Beatty Kind = 9

// Rounding says how a Beatty program makes n*C an integer.
type Rounding uint8

// The roundings, in the order of their code words.
const (
	Floor   Rounding = iota // floor(x), the largest integer <= x
	Ceiling                 // ceiling(x), the least integer >= x
	Round                   // round(x) = floor(x + 1/2)
	numRoundings
)

// roundingNames are the functions that name the roundings in the text
// form, and roundingWords their code words: floor, the commonest in the
// OEIS names, takes one bit.
var (
	roundingNames = [numRoundings]string{Floor: "floor", Ceiling: "ceiling", Round: "round"}
	roundingWords = [numRoundings]string{Floor: "0", Ceiling: "10", Round: "11"}
)

// RoundedParts are the constant C, the rounding and the integer K added
// of a Beatty or a Power program.
type RoundedParts struct {
	Real  *Real
	Round Rounding
	Add   int64
}

func (*RoundedParts) partsNode() {}

// NewBeatty returns the program a(n) = round(n*c) + add, n from offset.
func NewBeatty(offset int, round Rounding, c *Real, add int64) *Program {
	return &Program{Kind: Beatty, Offset: offset, Parts: &RoundedParts{Real: c, Round: round, Add: add}}
}

func init() {
	define(Beatty, &kindSpec{
		name:      "Beatty",
		word:      word("0111" + gammaWord(11)),
		offsetBit: true,
		leads:     roundingLeads("(n*"),
		parse:     parseBeatty,
		print:     printBeatty,
		bits:      roundedBits,
		encode:    encodeRounded,
		bigValues: func(p *Program, count int) []*big.Int {
			b := partsOf[RoundedParts](p)
			return BeattyValues(b.Real, b.Round, b.Add, p.Offset, count)
		},
		noRival: "the best explanation rounds the multiples of a real constant, which has no formula in n to add a vanishing product to",
	})
}

// roundedBits is the length of the code of a Beatty or a Power program
// after its header: the rounding, C and K.
func roundedBits(p *Program) int {
	b := partsOf[RoundedParts](p)
	return len(roundingWord(b.Round)) + RealBits(b.Real) + IntBits64(b.Add)
}

// encodeRounded writes the code that roundedBits measures.
func encodeRounded(sb *strings.Builder, p *Program) {
	b := partsOf[RoundedParts](p)
	sb.WriteString(roundingWord(b.Round))
	encodeReal(sb, b.Real)
	sb.WriteString(intWord(big.NewInt(b.Add)))
}

// roundingWord is the code word of a rounding; an invalid one (not a
// program part) takes the floor's, so that Bits and Encode still agree.
func roundingWord(r Rounding) string {
	if r >= numRoundings {
		return roundingWords[Floor]
	}
	return roundingWords[r]
}

// BeattyValues returns a(n) = round(n*c) + add for n = offset, ...,
// offset + count - 1, exactly. c is evaluated in big.Float with a bound
// on its error (EvalReal), first at about 128 bits more than n*c has
// before the point, then at higher precisions up to MaxRealPrec while
// some term is in doubt; a term is nil (undefined) unless the whole
// error interval of n*c (plus 1/2 for round) lies between two integers.
// So a term is never guessed: where n*c is an integer that the evaluation
// cannot prove one (n*sqrt(2)^2, n/3 at multiples of 3: 1/3 is rounded
// in binary) the term is undefined, and so is every term of an undefined
// c. At n = 0 the term is add whenever c is defined.
func BeattyValues(c *Real, round Rounding, add int64, offset, count int) []*big.Int {
	extra := uint(bits.Len64(uint64(max(offset+count-1, 0))))
	return roundedValues(c, round, add, offset, count,
		func(e int) uint { return extra + uint(e) },
		func(_ *realEval, x ival, n int) (ival, bool) {
			m := new(big.Float).SetInt64(int64(n))
			v := new(big.Float).SetPrec(x.v.Prec()+64).Mul(x.v, m) // exact
			return ival{v, errFloat().SetMode(big.ToPositiveInf).Mul(x.err, m)}, true
		})
}

// roundedValues returns round(f(c, n)) + add for n = offset, ...,
// offset + count - 1: c evaluated with its error bound at 2*realGuard
// plus bits(e) bits (e the binary exponent of |c| when it is above 1, 0
// otherwise), then at higher precisions up to MaxRealPrec while some
// term is in doubt; term computes f(c, n) and its error bound from c's.
// A term is nil unless its error interval settles the rounding
// (roundedTerm).
func roundedValues(c *Real, round Rounding, add int64, offset, count int, bits func(e int) uint, term func(ev *realEval, x ival, n int) (ival, bool)) []*big.Int {
	out := make([]*big.Int, max(count, 0))
	if c == nil || count <= 0 || round >= numRoundings || offset < 0 {
		return out
	}
	e := 0
	if v, _ := EvalReal(c, estimatePrec); v != nil && v.Sign() != 0 && v.MantExp(nil) > 0 {
		e = v.MantExp(nil)
	}
	prec := 2*realGuard + bits(e)
	for range 3 {
		p := min(prec, MaxRealPrec)
		ev := &realEval{prec: p}
		x, ok := ev.eval(c, 0)
		done := ok
		for i := range out {
			if ok && out[i] == nil {
				if y, ok := term(ev, x, offset+i); ok {
					out[i] = roundedTerm(y.v, y.err, round, add)
				}
				done = done && out[i] != nil
			}
		}
		if done || p >= MaxRealPrec {
			break
		}
		prec = 2*prec + MaxRealExp/8
	}
	return out
}

// roundedTerm returns round(x) + add when the error e leaves no doubt
// about it, nil otherwise (or when it has more than MaxBigBits bits).
func roundedTerm(x, e *big.Float, round Rounding, add int64) *big.Int {
	w := x.Prec() + 64 // x and its sums with e are exact at w bits
	x = new(big.Float).SetPrec(w).Set(x)
	switch round {
	case Ceiling: // ceiling(x) = -floor(-x)
		x.Neg(x)
	case Round:
		x.Add(x, big.NewFloat(0.5))
	}
	lo := new(big.Float).SetPrec(w).SetMode(big.ToNegativeInf).Sub(x, e)
	hi := new(big.Float).SetPrec(w).SetMode(big.ToPositiveInf).Add(x, e)
	f := floorFloat(lo)
	if f.Cmp(floorFloat(hi)) != 0 || f.BitLen() > MaxBigBits {
		return nil
	}
	if round == Ceiling {
		f.Neg(f)
	}
	return f.Add(f, big.NewInt(add))
}

// floorFloat is the largest integer at most x.
func floorFloat(x *big.Float) *big.Int {
	f, acc := x.Int(nil) // truncated toward zero
	if acc == big.Above {
		f.Sub(f, big.NewInt(1))
	}
	return f
}

// printBeatty writes "a(n) = floor(n*C)", with " + K" or " - K" and
// "; n >= 1" when they apply. C is printed as a product's right operand
// without parentheses when it is a product or a quotient itself:
// floor(n*(1+sqrt(5))/2) is n times (1+sqrt(5))/2, as the parser reads
// it.
func printBeatty(sb *strings.Builder, p *Program) {
	printRounded(sb, p, "n*", PrecMul, "")
}

// printRounded writes "a(n) = floor(" (or ceiling, round), before, C at
// the precedence level min, after, ")", then " + K" or " - K" and
// "; n >= 1" when they apply.
func printRounded(sb *strings.Builder, p *Program, before string, min int, after string) {
	b := partsOf[RoundedParts](p)
	sb.WriteString("a(n) = " + roundingName(b.Round) + "(" + before)
	printReal(sb, b.Real, min)
	sb.WriteString(after + ")")
	switch {
	case b.Add > 0:
		sb.WriteString(" + " + strconv.FormatInt(b.Add, 10))
	case b.Add < 0:
		sb.WriteString(" - " + strconv.FormatUint(-uint64(b.Add), 10))
	}
	printOffset(sb, p)
}

// roundingName is the text of a rounding.
func roundingName(r Rounding) string {
	if r >= numRoundings {
		return "floor?"
	}
	return roundingNames[r]
}

// roundingLeads returns the leads "a(n) = floor" + more, one for each
// rounding.
func roundingLeads(more string) []string {
	var leads []string
	for _, name := range roundingNames {
		leads = append(leads, "a(n) = "+name+more)
	}
	return leads
}

// parseBeatty parses "a(n) = floor(n*C)" (or ceiling, round), then
// optionally "+ K" or "- K" and "; n >= 1". Everything up to the
// parenthesis that closes the rounding and is not inside parentheses of
// its own, products and quotients included, is C: floor(n*pi/2) is
// floor(n*(pi/2)), the same number; a sum needs parentheses,
// floor(n*(1+sqrt(2))).
func parseBeatty(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "="); err != nil {
		return nil, err
	}
	name := p.next()
	b := &RoundedParts{Round: Rounding(slices.Index(roundingNames[:], name.text))}
	prog := &Program{Kind: Beatty, Parts: b}
	if err := p.expect("(", "n", "*"); err != nil {
		return nil, err
	}
	c, err := p.realAt(PrecMul)
	if err != nil {
		return nil, err
	}
	b.Real = c
	if t := p.peek(); t.text == "+" || t.text == "-" {
		return nil, p.errorf(t, "a sum in %s(n*C) needs parentheses: %s(n*(...))", name.text, name.text)
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if b.Add, err = p.roundingTail(prog); err != nil {
		return nil, err
	}
	return prog, nil
}

// roundingTail parses what follows the rounding of a Beatty or a power
// program: optionally "+ K" or "- K", then optionally "; n >= 1"; it
// returns K and sets the offset.
func (p *parser) roundingTail(prog *Program) (int64, error) {
	var add int64
	if t := p.peek(); t.text == "+" || t.text == "-" {
		p.next()
		k := p.next()
		v, err := strconv.ParseInt(k.text, 10, 64)
		if !k.num || err != nil {
			return 0, p.errorf(k, "expected the integer added, at most %d, found %s", int64(1<<63-1), k)
		}
		if t.text == "-" {
			v = -v
		}
		add = v
	}
	_, err := offsetTail(p, prog, true)
	return add, err
}
