package dsl

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Rational programs are rational generating functions with a product
// denominator: a(Offset+j) is the coefficient of x^j in
// N(x)/((1-x^e1)*(1-x^e2)*...), a(n) = [x^n] (1 + x)/((1-x)*(1-x^2)).
// The header is "0011" and the offset bit; the package documentation
// gives the rest of the code.
const Rational Kind = 4

// RationalParts are a generating function's denominator exponents e_i of
// prod (1 - x^e_i), sorted non-decreasing, each 1..MaxGFExp, at most
// MaxFactors of them; and its numerator coefficients N_0, ..., N_d (at
// least one; the parser gives N_d != 0 unless d = 0).
type RationalParts struct {
	Exps []int
	Num  []*big.Int
}

func (*RationalParts) partsNode() {}

// NewRational returns the generating function num/prod (1 - x^e) over the
// exponents, with the given offset.
func NewRational(offset int, exps []int, num []*big.Int) *Program {
	return &Program{Kind: Rational, Offset: offset, Parts: &RationalParts{Exps: exps, Num: num}}
}

func init() {
	define(Rational, &kindSpec{
		name:      "generating function",
		word:      word("0011"),
		offsetBit: true,
		leads:     []string{"a(n) = ["},
		parse:     parseRational,
		print:     printRational,
		bits: func(p *Program) int {
			g := partsOf[RationalParts](p)
			return rationalBits(g.Exps, g.Num)
		},
		encode: func(sb *strings.Builder, p *Program) {
			g := partsOf[RationalParts](p)
			encodeRational(sb, g.Exps, g.Num)
		},
		bigValues: func(p *Program, count int) []*big.Int {
			g := partsOf[RationalParts](p)
			return RationalSeries(g.Exps, g.Num, count)
		},
		rival: contriveRational,
	})
}

// contriveRational adds x^n/D to the generating function N/D, n the number
// of terms: the numerator gains the term x^n, whose series x^n/D has zero
// coefficients at every given index.
func contriveRational(p *Program, n int) (Rival, bool) {
	g := partsOf[RationalParts](p)
	num := make([]*big.Int, max(len(g.Num), n+1))
	for i := range num {
		num[i] = new(big.Int)
		if i < len(g.Num) {
			num[i].Set(g.Num[i])
		}
	}
	num[n].Add(num[n], big.NewInt(1))
	one := make([]*big.Int, n+1)
	for i := range one {
		one[i] = new(big.Int)
	}
	one[n].SetInt64(1)
	var added strings.Builder
	printGF(&added, g.Exps, one)
	zeros := make([]int, n)
	for i := range zeros {
		zeros[i] = p.Offset + i
	}
	return Rival{Program: NewRational(p.Offset, slices.Clone(g.Exps), num), Added: added.String(), Zeros: zeros}, true
}

// Bounds on rational generating functions. The code has words for every
// size; the bounds keep hostile text from allocating or computing without
// limit.
const (
	// MaxFactors is the most factors (1 - x^e) a denominator has.
	MaxFactors = 12
	// MaxGFExp bounds the exponents e of the denominator's factors and the
	// degree of the numerator.
	MaxGFExp = 1000
)

// rationalBits is the length of a rational program's code after the header
// and the offset bit: gamma(m+1) for the number m of exponents, gamma(e1)
// and gamma(e(i+1) - e(i) + 1) for the exponents, gamma(d+1) for the
// numerator's degree d, then each numerator coefficient in the universal
// integer code.
func rationalBits(exps []int, num []*big.Int) int {
	exps = sortedExps(exps)
	b := GammaBits(uint64(len(exps)) + 1)
	for i, e := range exps {
		b += GammaBits(expGap(exps, i, e))
	}
	b += GammaBits(uint64(max(len(num), 1)))
	if len(num) == 0 {
		return b + IntBits(new(big.Int))
	}
	for _, c := range num {
		b += IntBits(c)
	}
	return b
}

// RationalBits is the length of the rational program with the given
// denominator exponents and numerator coefficients, header and offset bit
// included: what Program.Bits gives for it.
func RationalBits(exps []int, num []*big.Int) int {
	return HeaderBits(Rational, 0) + rationalBits(exps, num)
}

// expGap is what the code writes for the i-th exponent e: e itself first,
// then its excess over the previous one, plus 1.
func expGap(exps []int, i, e int) uint64 {
	if i == 0 {
		return uint64(e)
	}
	return uint64(e-exps[i-1]) + 1
}

func encodeRational(sb *strings.Builder, exps []int, num []*big.Int) {
	exps = sortedExps(exps)
	sb.WriteString(gammaWord(uint64(len(exps)) + 1))
	for i, e := range exps {
		sb.WriteString(gammaWord(expGap(exps, i, e)))
	}
	sb.WriteString(gammaWord(uint64(max(len(num), 1))))
	if len(num) == 0 {
		sb.WriteString(intWord(new(big.Int)))
	}
	for _, c := range num {
		sb.WriteString(intWord(c))
	}
}

// sortedExps returns exps sorted, cloning only when they are not.
func sortedExps(exps []int) []int {
	if slices.IsSorted(exps) {
		return exps
	}
	return slices.Sorted(slices.Values(exps))
}

// RationalSeries returns the first count power-series coefficients of
// num(x)/prod (1 - x^e) over the exponents e, exactly: dividing by 1 - x^e
// is a running sum with stride e, c_j += c_(j-e). Coefficients of more than
// MaxBigBits bits are undefined (nil), and so is every coefficient when an
// exponent is below 1 (the factor 1 - x^0 is 0).
func RationalSeries(exps []int, num []*big.Int, count int) []*big.Int {
	out := make([]*big.Int, count)
	for _, e := range exps {
		if e < 1 {
			return out
		}
	}
	for j := range out {
		out[j] = new(big.Int)
		if j < len(num) && num[j] != nil {
			out[j].Set(num[j])
		}
	}
	for _, e := range exps {
		for j := e; j < count; j++ {
			out[j].Add(out[j], out[j-e])
		}
	}
	for j, v := range out {
		if v.BitLen() > MaxBigBits {
			out[j] = nil
		}
	}
	return out
}

// printRational writes "[x^n] N/D", with N a single monomial or a
// parenthesised polynomial in increasing powers and D the factors in
// increasing exponents, "(1-x)^2" for a repeated one; no denominator when
// there are no factors.
func printRational(sb *strings.Builder, p *Program) {
	g := partsOf[RationalParts](p)
	sb.WriteString("a(n) = ")
	printGF(sb, g.Exps, g.Num)
	printOffset(sb, p)
}

// printGF writes "[x^n] N/D".
func printGF(sb *strings.Builder, exps []int, num []*big.Int) {
	sb.WriteString("[x^n] ")
	terms := 0
	for _, c := range num {
		if c != nil && c.Sign() != 0 {
			terms++
		}
	}
	if terms > 1 {
		sb.WriteByte('(')
	}
	first := true
	for k, c := range num {
		if c == nil || c.Sign() == 0 {
			continue
		}
		switch {
		case first && c.Sign() < 0:
			sb.WriteString("-")
		case !first && c.Sign() < 0:
			sb.WriteString(" - ")
		case !first:
			sb.WriteString(" + ")
		}
		first = false
		abs := new(big.Int).Abs(c)
		one := abs.IsInt64() && abs.Int64() == 1
		switch {
		case k == 0:
			sb.WriteString(abs.String())
		case one:
			sb.WriteString(xPower(k))
		default:
			sb.WriteString(abs.String() + "*" + xPower(k))
		}
	}
	if terms == 0 {
		sb.WriteString("0")
	}
	if terms > 1 {
		sb.WriteByte(')')
	}
	exps = sortedExps(exps)
	if len(exps) == 0 {
		return
	}
	type factor struct{ e, mult int }
	var fs []factor
	for _, e := range exps {
		if len(fs) > 0 && fs[len(fs)-1].e == e {
			fs[len(fs)-1].mult++
		} else {
			fs = append(fs, factor{e, 1})
		}
	}
	sb.WriteString("/")
	if len(fs) > 1 {
		sb.WriteByte('(')
	}
	for i, f := range fs {
		if i > 0 {
			sb.WriteByte('*')
		}
		sb.WriteString("(1-" + xPower(f.e) + ")")
		if f.mult > 1 {
			sb.WriteString("^" + strconv.Itoa(f.mult))
		}
	}
	if len(fs) > 1 {
		sb.WriteByte(')')
	}
}

// xPower writes x^k: "1" for k = 0, "x" for k = 1.
func xPower(k int) string {
	switch k {
	case 0:
		return "1"
	case 1:
		return "x"
	}
	return "x^" + strconv.Itoa(k)
}

// parseRational parses a rational program:
//
//	"a(n) =" "[" "x" "^" "n" "]" numerator [ "/" denominator ] [ ";" "n" ">=" 0|1 ]
//	numerator   := monomial | "-" monomial | "(" polynomial ")"
//	polynomial  := [ "-" ] monomial { ("+" | "-") monomial }
//	monomial    := INT [ "*" xpow ] | xpow
//	xpow        := "x" [ "^" INT ]
//	denominator := "1" | factor | "(" factor { "*" factor } ")"
//	factor      := "(" "1" "-" xpow ")" [ "^" INT ]
func parseRational(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "=", "[", "x", "^", "n", "]"); err != nil {
		return nil, err
	}
	g := &RationalParts{}
	prog := &Program{Kind: Rational, Parts: g}
	coef := map[int]*big.Int{}
	if p.peek().text == "(" {
		p.next()
		if err := p.polynomial(coef); err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
	} else {
		if err := p.signedMonomial(coef, false, true); err != nil {
			return nil, err
		}
		if t := p.peek(); t.text == "+" || t.text == "-" {
			return nil, p.errorf(t, "put a numerator of several terms in parentheses, e.g. [x^n] (1 + x)/(1-x)")
		}
	}
	deg := 0
	for k := range coef {
		deg = max(deg, k)
	}
	g.Num = make([]*big.Int, deg+1)
	for k := range g.Num {
		if c, ok := coef[k]; ok {
			g.Num[k] = c
		} else {
			g.Num[k] = new(big.Int)
		}
	}
	if p.peek().text == "/" {
		p.next()
		if err := p.denominator(g); err != nil {
			return nil, err
		}
	}
	slices.Sort(g.Exps)
	_, err := offsetTail(p, prog, true)
	return prog, err
}

// polynomial parses monomials joined by + and -, the first one optionally
// negated, into coef (power -> coefficient).
func (p *parser) polynomial(coef map[int]*big.Int) error {
	if err := p.signedMonomial(coef, false, true); err != nil {
		return err
	}
	for p.peek().text == "+" || p.peek().text == "-" {
		neg := p.next().text == "-"
		if err := p.signedMonomial(coef, neg, false); err != nil {
			return err
		}
	}
	return nil
}

// signedMonomial parses a monomial c*x^k, preceded by a "-" of its own
// when sign allows one, and records it, negated when neg (a "-" before it)
// or its own "-" says so.
func (p *parser) signedMonomial(coef map[int]*big.Int, neg, sign bool) error {
	if sign && p.peek().text == "-" {
		p.next()
		neg = true
	}
	start := p.peek()
	c, k := big.NewInt(1), 0
	var err error
	switch t := p.peek(); {
	case t.num:
		p.next()
		c.SetString(t.text, 10)
		if p.peek().text == "*" {
			p.next()
			if k, err = p.xPower(); err != nil {
				return err
			}
		}
	case t.text == "x":
		if k, err = p.xPower(); err != nil {
			return err
		}
	default:
		return p.errorf(t, "expected a numerator term such as 3, x, or 2*x^3, found %s", t)
	}
	if _, dup := coef[k]; dup {
		return p.errorf(start, "the numerator has two terms in %s", xPower(k))
	}
	if c.Sign() == 0 && (k > 0 || len(coef) > 0 || p.peek().text == "+" || p.peek().text == "-") {
		return p.errorf(start, "leave out zero terms of the numerator (only a lone 0 may be written)")
	}
	if neg {
		c.Neg(c)
	}
	coef[k] = c
	return nil
}

// xPower parses x or x^k and returns k.
func (p *parser) xPower() (int, error) {
	if err := p.expect("x"); err != nil {
		return 0, err
	}
	if p.peek().text != "^" {
		return 1, nil
	}
	p.next()
	return p.smallInt(0, "power of x")
}

// smallInt parses an unsigned integer in lo..MaxGFExp.
func (p *parser) smallInt(lo int, what string) (int, error) {
	t := p.next()
	v, err := strconv.Atoi(t.text)
	if !t.num {
		return 0, p.errorf(t, "expected the %s, an integer, found %s", what, t)
	}
	if err != nil || v < lo || v > MaxGFExp {
		return 0, p.errorf(t, "the %s must be %d..%d, found %s", what, lo, MaxGFExp, t.text)
	}
	return v, nil
}

// denominator parses "1", one factor, or a parenthesised product of
// factors, appending their exponents to g.Exps.
func (p *parser) denominator(g *RationalParts) error {
	if t := p.peek(); t.text == "1" {
		p.next()
		return nil
	}
	if err := p.expect("("); err != nil {
		return err
	}
	if p.peek().text != "(" {
		return p.factor(g)
	}
	for {
		if err := p.expect("("); err != nil {
			return err
		}
		if err := p.factor(g); err != nil {
			return err
		}
		if p.peek().text != "*" {
			return p.expect(")")
		}
		p.next()
	}
}

// factor parses the rest of a factor after its "(": 1-x^e, ")" and an
// optional power.
func (p *parser) factor(g *RationalParts) error {
	for _, want := range []string{"1", "-"} {
		if t := p.next(); t.text != want {
			return p.errorf(t, "expected %q, found %s: the denominator is a product of factors (1-x^e)", want, t)
		}
	}
	start := p.peek()
	if err := p.expect("x"); err != nil {
		return err
	}
	e := 1
	if p.peek().text == "^" {
		p.next()
		var err error
		if e, err = p.smallInt(1, "exponent of a factor (1-x^e)"); err != nil {
			return err
		}
	}
	if err := p.expect(")"); err != nil {
		return err
	}
	mult := 1
	if p.peek().text == "^" {
		p.next()
		start = p.peek()
		var err error
		if mult, err = p.smallInt(1, "power of a factor"); err != nil {
			return err
		}
	}
	if len(g.Exps)+mult > MaxFactors {
		return p.errorf(start, "the denominator has at most %d factors (1-x^e), found %d", MaxFactors, len(g.Exps)+mult)
	}
	for range mult {
		g.Exps = append(g.Exps, e)
	}
	return nil
}
