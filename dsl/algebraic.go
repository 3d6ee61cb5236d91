package dsl

import (
	"math/big"
	"strconv"
	"strings"
)

// Algebraic programs are algebraic generating functions: a(Offset+j) is
// the coefficient of x^j in the power series A(x) that solves a
// polynomial equation P(x, A) = 0 and starts at A(0) = A0,
//
//	a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1
//
// (the Catalan numbers 1, 1, 2, 5, 14, ...). P = sum c_ij x^j A^i has
// integer coefficients, degree dA in A from 2 to MaxAlgDegA (degree 1 is
// a rational function) and degree dx in x up to MaxAlgDegX. A0 must be a
// simple root of P(0, A): P(0, A0) = 0 and D = dP/dA(0, A0) =
// sum_i i*c_i0*A0^(i-1) != 0, so that the equation determines the series
// term by term: the coefficient of x^n in P(x, A) is D*a(n) plus terms in
// the earlier coefficients, which gives a(n) (AlgebraicSeries).
//
// The header is "0111", the gamma code of 19 (13 bits, a word no
// recurrence order uses) and the offset bit; then gamma(dA-1),
// gamma(dx+1), the (dA+1)(dx+1) coefficients c_ij in the universal
// integer code (A-power major, x-power minor, zeros included), and A0 in
// the same code. The package documentation gives the whole code.
const Algebraic Kind = 13

// Bounds on algebraic programs: the degrees the parser accepts, so that
// hostile text cannot ask for unbounded work per term.
const (
	// MaxAlgDegA is the highest power of A in an equation.
	MaxAlgDegA = 4
	// MaxAlgDegX is the highest power of x in an equation.
	MaxAlgDegX = 12
	// MaxAlgTerms bounds the coefficients computed at all: the n-th
	// takes dA*n products of numbers that grow with n, so the first
	// thousand take a second, three thousand a minute. A coefficient
	// beyond the first MaxAlgTerms is undefined. The OEIS lines hold at
	// most 250 terms.
	MaxAlgTerms = 500
)

// AlgebraicParts are an algebraic program's equation and start: Coef[i][j]
// is the coefficient c_ij of x^j*A^i (i = 0..dA, j = 0..dx, every row of
// the same length dx+1, zeros included), and A0 the series' constant
// term.
type AlgebraicParts struct {
	Coef [][]*big.Int
	A0   *big.Int
}

func (*AlgebraicParts) partsNode() {}

// NewAlgebraic returns the algebraic program of the equation with
// coefficients coef[i][j] (of x^j*A^i) and constant term a0, with the
// given offset. It copies coef, trimming the powers of A and of x whose
// coefficients are all zero, so the degrees are the equation's own.
func NewAlgebraic(offset int, coef [][]*big.Int, a0 *big.Int) *Program {
	dA, dx := -1, -1
	for i, row := range coef {
		for j, c := range row {
			if c != nil && c.Sign() != 0 {
				dA, dx = max(dA, i), max(dx, j)
			}
		}
	}
	out := make([][]*big.Int, dA+1)
	for i := range out {
		out[i] = make([]*big.Int, dx+1)
		for j := range out[i] {
			out[i][j] = new(big.Int)
			if j < len(coef[i]) && coef[i][j] != nil {
				out[i][j].Set(coef[i][j])
			}
		}
	}
	return &Program{Kind: Algebraic, Offset: offset, Parts: &AlgebraicParts{Coef: out, A0: new(big.Int).Set(a0)}}
}

func init() {
	define(Algebraic, &kindSpec{
		name:      "algebraic generating function",
		word:      word("0111" + gammaWord(19)),
		offsetBit: true,
		leads:     []string{"a(n) = [x^n] A"},
		parse:     parseAlgebraic,
		print:     printAlgebraic,
		bits: func(p *Program) int {
			g := partsOf[AlgebraicParts](p)
			return algebraicBits(g.Coef, g.A0)
		},
		encode: func(sb *strings.Builder, p *Program) {
			g := partsOf[AlgebraicParts](p)
			encodeAlgebraic(sb, g.Coef, g.A0)
		},
		bigValues: func(p *Program, count int) []*big.Int {
			g := partsOf[AlgebraicParts](p)
			return AlgebraicSeries(g.Coef, g.A0, count)
		},
		noRival: "the best explanation is an algebraic generating function, whose equation ties each term to all the earlier ones: an added product vanishing at the indices would change the later terms",
	})
}

// algDegrees returns dA and dx of coef (-1, -1 when it has no rows).
func algDegrees(coef [][]*big.Int) (dA, dx int) {
	if len(coef) == 0 {
		return -1, -1
	}
	return len(coef) - 1, len(coef[0]) - 1
}

// algebraicBits is the length of an algebraic program's code after the
// header and the offset bit: gamma(dA-1), gamma(dx+1), every coefficient
// and A0 in the universal integer code. (A program of degree below 2 in
// A, which the parser rejects, is coded as if of degree 2.)
func algebraicBits(coef [][]*big.Int, a0 *big.Int) int {
	dA, dx := algDegrees(coef)
	b := GammaBits(uint64(max(dA-1, 1))) + GammaBits(uint64(max(dx+1, 1)))
	for _, row := range coef {
		for _, c := range row {
			b += IntBits(orZero(c))
		}
	}
	return b + IntBits(orZero(a0))
}

// AlgebraicBits is the length of the algebraic program with the given
// coefficients (trimmed as NewAlgebraic trims them) and constant term,
// header and offset bit included: what Program.Bits gives for it.
func AlgebraicBits(coef [][]*big.Int, a0 *big.Int) int {
	return HeaderBits(Algebraic, 0) + algebraicBits(coef, a0)
}

func encodeAlgebraic(sb *strings.Builder, coef [][]*big.Int, a0 *big.Int) {
	dA, dx := algDegrees(coef)
	sb.WriteString(gammaWord(uint64(max(dA-1, 1))))
	sb.WriteString(gammaWord(uint64(max(dx+1, 1))))
	for _, row := range coef {
		for _, c := range row {
			sb.WriteString(intWord(orZero(c)))
		}
	}
	sb.WriteString(intWord(orZero(a0)))
}

var zeroInt = new(big.Int)

// orZero returns c, or 0 for nil.
func orZero(c *big.Int) *big.Int {
	if c == nil {
		return zeroInt
	}
	return c
}

// algebraicStart returns D = dP/dA(0, a0) and reports whether a0 is a
// simple root of P(0, A): P(0, a0) = 0 and D != 0. Only then does the
// equation determine a series starting at a0.
func algebraicStart(coef [][]*big.Int, a0 *big.Int) (*big.Int, bool) {
	if a0 == nil || len(coef) < 3 {
		return nil, false
	}
	val, d := new(big.Int), new(big.Int)
	pow := big.NewInt(1) // a0^i
	prev := new(big.Int) // a0^(i-1)
	t := new(big.Int)
	for i, row := range coef {
		if len(row) == 0 {
			return nil, false
		}
		c := orZero(row[0])
		val.Add(val, t.Mul(c, pow))
		if i > 0 {
			t.Mul(c, prev)
			d.Add(d, t.Mul(t, big.NewInt(int64(i))))
		}
		prev.Set(pow)
		pow.Mul(pow, a0)
	}
	return d, val.Sign() == 0 && d.Sign() != 0
}

// AlgebraicSeries returns the first count coefficients of the power series
// A with A(0) = a0 and P(x, A) = 0, P = sum coef[i][j] x^j A^i, exactly.
// Every coefficient is nil when a0 is not a simple root of P(0, A) or the
// equation is not at least quadratic in A; from the first coefficient
// that is not an integer (D does not divide what the equation gives) or
// takes more than MaxBigBits bits, that one and all after it are nil, and
// so are those beyond the first MaxAlgTerms.
//
// pow[i][m] is the coefficient of x^m in A^i. For n >= 1 the coefficient
// of x^n in P(x, A) is D*a(n) + R, R what it is with a(n) = 0 (the
// coefficient of x^n in A^i depends on a(n) through i*a0^(i-1)*a(n)
// alone), so a(n) = -R/D. Each term takes O(dA*n) products.
func AlgebraicSeries(coef [][]*big.Int, a0 *big.Int, count int) []*big.Int {
	out := make([]*big.Int, count)
	d, ok := algebraicStart(coef, a0)
	if !ok || count == 0 {
		return out
	}
	dA, dx := algDegrees(coef)
	// di[i] = i*a0^(i-1): how A^i's coefficient of x^n moves with a(n).
	di := make([]*big.Int, dA+1)
	di[0] = new(big.Int)
	for i := 1; i <= dA; i++ {
		di[i] = new(big.Int).Exp(a0, big.NewInt(int64(i-1)), nil)
		di[i].Mul(di[i], big.NewInt(int64(i)))
	}
	pow := make([][]*big.Int, dA+1)
	for i := range pow {
		pow[i] = make([]*big.Int, count)
		pow[i][0] = new(big.Int).Exp(a0, big.NewInt(int64(i)), nil)
	}
	out[0] = new(big.Int).Set(a0)
	if out[0].BitLen() > MaxBigBits {
		out[0] = nil
		return out
	}
	r, t, q, m := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	for n := 1; n < min(count, MaxAlgTerms); n++ {
		// A^i's coefficient of x^n with a(n) = 0.
		out[n] = new(big.Int)
		for i := 0; i <= dA; i++ {
			v := new(big.Int)
			if i >= 1 {
				for k := 0; k <= n; k++ {
					if out[k].Sign() != 0 && pow[i-1][n-k].Sign() != 0 {
						v.Add(v, t.Mul(out[k], pow[i-1][n-k]))
					}
				}
			}
			pow[i][n] = v
		}
		r.SetInt64(0)
		for i := 0; i <= dA; i++ {
			for j := 0; j <= min(dx, n); j++ {
				if c := coef[i][j]; c != nil && c.Sign() != 0 {
					r.Add(r, t.Mul(c, pow[i][n-j]))
				}
			}
		}
		q.QuoRem(r, d, m)
		if m.Sign() != 0 || q.BitLen() > MaxBigBits {
			out[n] = nil
			return out
		}
		out[n].Neg(q)
		for i := 1; i <= dA; i++ {
			pow[i][n].Add(pow[i][n], t.Mul(di[i], out[n]))
		}
	}
	return out
}

// printAlgebraic writes "a(n) = [x^n] A where P = 0, A(0) = A0" and the
// offset tail, P's monomials in increasing powers of A, then of x.
func printAlgebraic(sb *strings.Builder, p *Program) {
	g := partsOf[AlgebraicParts](p)
	sb.WriteString("a(n) = [x^n] A where ")
	first := true
	for i, row := range g.Coef {
		for j, c := range row {
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
			var fs []string
			abs := new(big.Int).Abs(c)
			if !abs.IsInt64() || abs.Int64() != 1 || i == 0 && j == 0 {
				fs = append(fs, abs.String())
			}
			if j > 0 {
				fs = append(fs, xPower(j))
			}
			switch {
			case i == 1:
				fs = append(fs, "A")
			case i > 1:
				fs = append(fs, "A^"+strconv.Itoa(i))
			}
			sb.WriteString(strings.Join(fs, "*"))
		}
	}
	if first {
		sb.WriteString("0")
	}
	sb.WriteString(" = 0, A(0) = ")
	sb.WriteString(orZero(g.A0).String())
	printOffset(sb, p)
}

// parseAlgebraic parses an algebraic program:
//
//	"a(n) =" "[" "x" "^" "n" "]" "A" "where" equation "=" "0" ","
//	    "A" "(" "0" ")" "=" [ "-" ] INT [ ";" "n" ">=" 0|1 ]
//	equation := [ "-" ] monomial { ("+" | "-") monomial }
//	monomial := INT [ "*" xa ] | xa
//	xa       := xpow [ "*" apow ] | apow
//	xpow     := "x" [ "^" INT ]
//	apow     := "A" [ "^" INT ]
//
// Each monomial c*x^j*A^i appears at most once, with c != 0; the equation
// must be of degree 2..MaxAlgDegA in A and at most MaxAlgDegX in x, and
// A(0) a simple root of P(0, A).
func parseAlgebraic(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "=", "[", "x", "^", "n", "]", "A", "where"); err != nil {
		return nil, err
	}
	type key struct{ i, j int }
	coef := map[key]*big.Int{}
	dA, dx := 0, 0
	start := p.peek()
	for {
		neg := false
		if t := p.peek(); t.text == "-" || t.text == "+" && len(coef) > 0 {
			p.next()
			neg = t.text == "-"
		} else if len(coef) > 0 {
			break
		}
		mono := p.peek()
		c, i, j, err := p.algMonomial()
		if err != nil {
			return nil, err
		}
		if _, dup := coef[key{i, j}]; dup {
			return nil, p.errorf(mono, "the equation has two terms in x^%d*A^%d", j, i)
		}
		if c.Sign() == 0 {
			return nil, p.errorf(mono, "leave out zero terms of the equation")
		}
		if neg {
			c.Neg(c)
		}
		coef[key{i, j}] = c
		dA, dx = max(dA, i), max(dx, j)
	}
	if dA < 2 {
		return nil, p.errorf(start, "the equation must have A^2 or a higher power of A (a linear one is a rational generating function)")
	}
	if err := p.expect("=", "0", ",", "A", "(", "0", ")", "="); err != nil {
		return nil, err
	}
	at := p.peek()
	a0, err := p.signedInt()
	if err != nil {
		return nil, err
	}
	rows := make([][]*big.Int, dA+1)
	for i := range rows {
		rows[i] = make([]*big.Int, dx+1)
		for j := range rows[i] {
			if c, ok := coef[key{i, j}]; ok {
				rows[i][j] = c
			} else {
				rows[i][j] = new(big.Int)
			}
		}
	}
	if _, ok := algebraicStart(rows, a0); !ok {
		return nil, p.errorf(at, "A(0) = %s is not a simple root of the equation at x = 0 (P(0, A(0)) must be 0 and dP/dA there not 0)", a0)
	}
	prog := &Program{Kind: Algebraic, Parts: &AlgebraicParts{Coef: rows, A0: a0}}
	_, err = offsetTail(p, prog, true)
	return prog, err
}

// algMonomial parses one monomial c*x^j*A^i of an algebraic equation.
func (p *parser) algMonomial() (c *big.Int, i, j int, err error) {
	c = big.NewInt(1)
	t := p.peek()
	factors := false
	if t.num {
		p.next()
		c.SetString(t.text, 10)
		if p.peek().text != "*" {
			return c, 0, 0, nil
		}
		p.next()
		factors = true
	}
	if p.peek().text == "x" {
		if j, err = p.xPower(); err != nil {
			return nil, 0, 0, err
		}
		if j > MaxAlgDegX {
			return nil, 0, 0, p.errorf(t, "the equation's degree in x is at most %d, found %d", MaxAlgDegX, j)
		}
		if j == 0 {
			return nil, 0, 0, p.errorf(t, "write x^0 as 1")
		}
		if p.peek().text != "*" {
			return c, 0, j, nil
		}
		p.next()
		factors = true
	}
	if a := p.peek(); a.text != "A" {
		what := "a term such as 3, x^2, A or 2*x*A^2"
		if factors {
			what = "x or A after \"*\""
		}
		return nil, 0, 0, p.errorf(a, "expected %s, found %s", what, a)
	}
	p.next()
	i = 1
	if p.peek().text == "^" {
		p.next()
		at := p.peek()
		if i, err = p.smallInt(1, "power of A"); err != nil {
			return nil, 0, 0, err
		}
		if i > MaxAlgDegA {
			return nil, 0, 0, p.errorf(at, "the equation's degree in A is at most %d, found %d", MaxAlgDegA, i)
		}
	}
	return c, i, j, nil
}
