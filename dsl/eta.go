package dsl

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Eta programs list the power series coefficients of a product of
// powers of Euler's function E(x) = (1-x)(1-x^2)(1-x^3)... at x, x^2,
// x^3, ...: a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2) is 1, 2, 0, 0, 2, 0,
// 0, 0, 0, 2, ... (Jacobi's theta_3, Ramanujan's phi(q), OEIS A000122).
// These are the eta quotients of the theory of modular forms, with the
// power of q in front left out: the OEIS names over a thousand of them
// ("Expansion of eta(q^2)^3/eta(q) in powers of q", and Ramanujan's
// theta functions phi, psi, chi and f, which are such products). The
// terms start at the constant coefficient, 1, so the programs have no
// offset: the header is "0111" and the gamma code of 22 (13 bits), then
// the gamma code of the largest m of a factor E(x^m), then the exponent
// of each E(x^m), m = 1 up to it, in the universal integer code (1 bit
// for a 0, 5 for 1 or -1): E(x^2)^3/E(x) takes 13 + 3 + 5 + 6 = 27
// bits, theta_3 above 35.
const Eta Kind = 16

// EtaParts are the exponents of an Eta program: Exps[m-1] is the
// exponent of E(x^m); the last is not 0.
type EtaParts struct {
	Exps []int
}

func (*EtaParts) partsNode() {}

// Bounds of Eta programs.
const (
	// MaxEtaLevel bounds m in E(x^m).
	MaxEtaLevel = 64
	// MaxEtaExp bounds the exponents' size.
	MaxEtaExp = 64
	// MaxEtaTerms bounds the terms that are computed at all (the
	// recurrence costs about n multiplications for the n-th); later ones
	// are undefined.
	MaxEtaTerms = 2000
)

// NewEta returns the program of prod E(x^m)^exps[m-1].
func NewEta(exps []int) *Program {
	return &Program{Kind: Eta, Parts: &EtaParts{Exps: exps}}
}

func init() {
	define(Eta, &kindSpec{
		name:      "eta quotient",
		word:      word("0111" + gammaWord(22)),
		leads:     []string{"a(n) = [x^n] E(", "a(n) = [x^n] 1/E(", "a(n) = [x^n] 1/(E("},
		parse:     parseEta,
		print:     printEta,
		bits:      etaBits,
		encode:    encodeEta,
		bigValues: etaValues,
		noRival:   "the best explanation is a product of powers of Euler's function, which has no formula to add a vanishing product to",
	})
}

// CheckEta says why exps cannot be an Eta program's, or returns nil: 1 to
// MaxEtaLevel exponents of at most MaxEtaExp in size, the last not 0.
func CheckEta(exps []int) error {
	if len(exps) == 0 || len(exps) > MaxEtaLevel {
		return fmt.Errorf("m in E(x^m) must be 1..%d", MaxEtaLevel)
	}
	for _, e := range exps {
		if e > MaxEtaExp || e < -MaxEtaExp {
			return fmt.Errorf("the exponents of E(x^m) must be -%d..%d, found %d", MaxEtaExp, MaxEtaExp, e)
		}
	}
	if exps[len(exps)-1] == 0 {
		return fmt.Errorf("the last factor %s has exponent 0", etaFactorName(len(exps)))
	}
	return nil
}

func etaBits(p *Program) int {
	exps := partsOf[EtaParts](p).Exps
	bits := GammaBits(uint64(max(len(exps), 1)))
	for _, e := range exps {
		bits += IntBits64(int64(e))
	}
	return bits
}

func encodeEta(sb *strings.Builder, p *Program) {
	exps := partsOf[EtaParts](p).Exps
	sb.WriteString(gammaWord(uint64(max(len(exps), 1))))
	for _, e := range exps {
		sb.WriteString(intWord(big.NewInt(int64(e))))
	}
}

// printEta writes "a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)": the
// factors of positive exponent over those of negative, in order of m.
func printEta(sb *strings.Builder, p *Program) {
	exps := partsOf[EtaParts](p).Exps
	factors := func(sign int) []string {
		var out []string
		for i, e := range exps {
			if e*sign <= 0 {
				continue
			}
			f := etaFactorName(i + 1)
			if e*sign > 1 {
				f += "^" + strconv.Itoa(e*sign)
			}
			out = append(out, f)
		}
		return out
	}
	num, den := factors(1), factors(-1)
	sb.WriteString("a(n) = [x^n] ")
	if len(num) == 0 {
		sb.WriteString("1")
	}
	sb.WriteString(strings.Join(num, "*"))
	switch len(den) {
	case 0:
	case 1:
		sb.WriteString("/" + den[0])
	default:
		sb.WriteString("/(" + strings.Join(den, "*") + ")")
	}
}

// etaFactorName writes E(x^m): E(x) for m = 1.
func etaFactorName(m int) string {
	if m == 1 {
		return "E(x)"
	}
	return "E(x^" + strconv.Itoa(m) + ")"
}

// parseEta parses the text form printEta writes: "1" or factors E(x) or
// E(x^m), each with an optional "^e", joined by "*", then optionally "/"
// and one factor or several in parentheses. Each m appears once.
func parseEta(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "=", "[", "x", "^", "n", "]"); err != nil {
		return nil, err
	}
	var exps []int
	if p.peek().text == "1" {
		p.next()
	} else if err := p.etaFactors(&exps, 1); err != nil {
		return nil, err
	}
	if p.peek().text == "/" {
		p.next()
		if p.peek().text == "(" {
			p.next()
			if err := p.etaFactors(&exps, -1); err != nil {
				return nil, err
			}
			if err := p.expect(")"); err != nil {
				return nil, err
			}
		} else if err := p.etaFactor(&exps, -1); err != nil {
			return nil, err
		}
	}
	if err := CheckEta(exps); err != nil {
		return nil, p.errorf(p.peek(), "%v", err)
	}
	return NewEta(exps), nil
}

// etaFactors parses factors joined by "*", with the given sign.
func (p *parser) etaFactors(exps *[]int, sign int) error {
	for {
		if err := p.etaFactor(exps, sign); err != nil {
			return err
		}
		if p.peek().text != "*" {
			return nil
		}
		p.next()
	}
}

// etaFactor parses "E(x)" or "E(x^m)", then optionally "^e".
func (p *parser) etaFactor(exps *[]int, sign int) error {
	if err := p.expect("E", "(", "x"); err != nil {
		return err
	}
	m, err := p.optionalPower(MaxEtaLevel, "m in E(x^m)")
	if err != nil {
		return err
	}
	if err := p.expect(")"); err != nil {
		return err
	}
	e, err := p.optionalPower(MaxEtaExp, "the exponent of "+etaFactorName(m))
	if err != nil {
		return err
	}
	for len(*exps) < m {
		*exps = append(*exps, 0)
	}
	if (*exps)[m-1] != 0 {
		return p.errorf(p.peek(), "%s appears twice", etaFactorName(m))
	}
	(*exps)[m-1] = sign * e
	return nil
}

// optionalPower parses "^v", v an integer 1..limit, and returns v, or
// returns 1 when no "^" follows; what names v in the error.
func (p *parser) optionalPower(limit int, what string) (int, error) {
	if p.peek().text != "^" {
		return 1, nil
	}
	p.next()
	t := p.next()
	v, err := strconv.Atoi(t.text)
	if !t.num || err != nil || v < 1 || v > limit {
		return 0, p.errorf(t, "%s must be 1..%d, found %s", what, limit, t)
	}
	return v, nil
}

// etaValues returns the first count coefficients exactly, by the
// recurrence of the logarithmic derivative: with e(k) the exponent of
// (1 - x^k) in the product (the sum of the exponents of E(x^m) over m
// dividing k) and B(j) = -sum over d | j of d*e(d), n*a(n) = sum of
// B(j)*a(n-j), j = 1..n, and a(0) = 1. A term beyond MaxEtaTerms or of
// more than MaxBigBits bits is undefined, and so is every later one.
func etaValues(p *Program, count int) []*big.Int {
	out := make([]*big.Int, count)
	exps := partsOf[EtaParts](p).Exps
	if count == 0 || CheckEta(exps) != nil {
		return out
	}
	n := min(count, MaxEtaTerms)
	e := make([]int64, n)
	for m, c := range exps {
		for k := m + 1; k < n; k += m + 1 {
			e[k] += int64(c)
		}
	}
	b := make([]*big.Int, n)
	for d := 1; d < n; d++ {
		if e[d] == 0 {
			continue
		}
		for j := d; j < n; j += d {
			if b[j] == nil {
				b[j] = new(big.Int)
			}
			b[j].Sub(b[j], big.NewInt(int64(d)*e[d]))
		}
	}
	out[0] = big.NewInt(1)
	var t big.Int
	for i := 1; i < n; i++ {
		s := new(big.Int)
		for j := 1; j <= i; j++ {
			if b[j] != nil && out[i-j].Sign() != 0 {
				s.Add(s, t.Mul(b[j], out[i-j]))
			}
		}
		var r big.Int
		s.QuoRem(s, big.NewInt(int64(i)), &r) // exact: the coefficients are integers
		if r.Sign() != 0 || s.BitLen() > MaxBigBits {
			break
		}
		out[i] = s
	}
	return out
}
