package dsl

import (
	"fmt"
	"iter"
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// SqrtCF programs list the continued fraction of sqrt(Radicand): its
// partial quotients, a = cf(sqrt(352)) is 18, 1, 3, 5, 9, 5, 3, 1, 36,
// 1, ...; or the numerators (cfnum) or denominators (cfden) of its
// convergents. They have no body and no offset: the header is "0111" and
// the gamma code of 8, then 2 bits for the part and the gamma code of N.
const SqrtCF Kind = 7

// SqrtCFParts are N of sqrt(N) (2..MaxRadicand, not a square) and which
// sequence of its continued fraction a SqrtCF program lists.
type SqrtCFParts struct {
	Radicand int64
	Part     CFPart
}

func (*SqrtCFParts) partsNode() {}

// NewSqrtCF returns the program that lists the given part of the
// continued fraction of sqrt(n).
func NewSqrtCF(part CFPart, n int64) *Program {
	return &Program{Kind: SqrtCF, Parts: &SqrtCFParts{Radicand: n, Part: part}}
}

func init() {
	define(SqrtCF, &kindSpec{
		name:  "continued fraction",
		word:  word("0111" + gammaWord(8)),
		leads: []string{"a = cf", "a = cfnum", "a = cfden"},
		parse: parseSqrtCF,
		print: printSqrtCF,
		bits: func(p *Program) int {
			return cfPartBits + GammaBits(uint64(max(partsOf[SqrtCFParts](p).Radicand, 1)))
		},
		encode:    encodeSqrtCF,
		bigValues: sqrtCFValues,
		noRival:   "the best explanation is a continued fraction, which has no formula to add a vanishing product to",
	})
}

// CFPart says which sequence of the continued fraction of sqrt(N) a SqrtCF
// program lists.
type CFPart uint8

const (
	// CFTerms lists the partial quotients a0, a1, a2, ...:
	// sqrt(N) = a0 + 1/(a1 + 1/(a2 + ...)).
	CFTerms CFPart = iota
	// CFNum lists the numerators p0, p1, ... of the convergents
	// p(k)/q(k) = [a0; a1, ..., ak].
	CFNum
	// CFDen lists their denominators q0, q1, ...
	CFDen
	numCFParts
)

// cfNames are the functions that name the parts in the text form.
var cfNames = [numCFParts]string{CFTerms: "cf", CFNum: "cfnum", CFDen: "cfden"}

// MaxRadicand bounds N in sqrt(N). Below 2^31 the quantities of the
// algorithm (m <= a0, d <= 2*a0, a <= 2*a0, a0 < 2^16) and their products
// stay far inside int64, so the partial quotients are computed exactly
// in machine words.
const MaxRadicand = 1<<31 - 1

// cfPartBits is the length of the word that selects the part: 2 bits, of
// which "11" is unused.
const cfPartBits = 2

// CheckRadicand says why n cannot be the N of sqrt(N), or returns nil: N
// must be 2..MaxRadicand and not a perfect square, whose square root has
// no infinite continued fraction.
func CheckRadicand(n int64) error {
	if n < 2 || n > MaxRadicand {
		return fmt.Errorf("N in sqrt(N) must be 2..%d, found %d", MaxRadicand, n)
	}
	if r := int64(Isqrt(Value(n))); r*r == n {
		return fmt.Errorf("%d is a perfect square (%d^2): its square root has no infinite continued fraction", n, r)
	}
	return nil
}

// SqrtCFQuotients yields the partial quotients a0, a1, a2, ... of sqrt(n)
// without end (the caller stops), by the standard algorithm: m0 = 0,
// d0 = 1, a0 = isqrt(n); m' = d*a - m, d' = (n - m'^2)/d, a' = (a0 + m')/d',
// every division exact or floored as written. It yields nothing when
// CheckRadicand rejects n.
func SqrtCFQuotients(n int64) iter.Seq[int64] {
	return func(yield func(int64) bool) {
		if CheckRadicand(n) != nil {
			return
		}
		a0 := int64(Isqrt(Value(n)))
		m, d, a := int64(0), int64(1), a0
		for yield(a) {
			m = d*a - m
			d = (n - m*m) / d
			a = (a0 + m) / d
		}
	}
}

// SqrtCFBits is the length of the code of a SqrtCF program for sqrt(n):
// the header, the part and the gamma code of n.
func SqrtCFBits(n int64) int {
	return NewSqrtCF(CFTerms, n).Bits()
}

// encodeSqrtCF writes a continued fraction's code after its header.
func encodeSqrtCF(sb *strings.Builder, p *Program) {
	c := partsOf[SqrtCFParts](p)
	fmt.Fprintf(sb, "%0*b", cfPartBits, c.Part)
	sb.WriteString(gammaWord(uint64(max(c.Radicand, 1))))
}

// sqrtCFValues returns the first count terms of a SqrtCF program exactly:
// the partial quotients, or the convergents' numerators p(-1) = 1,
// p0 = a0, p(k) = a(k)*p(k-1) + p(k-2), or denominators q(-1) = 0, q0 = 1,
// likewise. Terms of more than MaxBigBits bits are undefined (nil), and
// so is everything of an invalid program.
func sqrtCFValues(p *Program, count int) []*big.Int {
	c := partsOf[SqrtCFParts](p)
	out := make([]*big.Int, count)
	if count == 0 || CheckRadicand(c.Radicand) != nil || c.Part >= numCFParts {
		return out
	}
	// The two previous numerators or denominators: p(-2) = 0, p(-1) = 1
	// and q(-2) = 1, q(-1) = 0 start the recurrences.
	prev, cur := big.NewInt(1), new(big.Int)
	if c.Part == CFNum {
		prev, cur = cur, prev
	}
	i := 0
	for a := range SqrtCFQuotients(c.Radicand) {
		if c.Part == CFTerms {
			out[i] = big.NewInt(a)
		} else {
			next := new(big.Int).Mul(big.NewInt(a), cur)
			next.Add(next, prev)
			if next.BitLen() > MaxBigBits {
				break
			}
			prev, cur = cur, next
			out[i] = next
		}
		if i++; i == count {
			break
		}
	}
	return out
}

// printSqrtCF writes "a = cf(sqrt(N))", "a = cfnum(sqrt(N))" or
// "a = cfden(sqrt(N))".
func printSqrtCF(sb *strings.Builder, p *Program) {
	c := partsOf[SqrtCFParts](p)
	name := "cf?"
	if c.Part < numCFParts {
		name = cfNames[c.Part]
	}
	sb.WriteString("a = " + name + "(sqrt(" + strconv.FormatInt(c.Radicand, 10) + "))")
}

// parseSqrtCF parses "a = cf(sqrt(N))" (or cfnum, cfden).
func parseSqrtCF(p *parser) (*Program, error) {
	if err := p.expect("a", "="); err != nil {
		return nil, err
	}
	name := p.next()
	c := &SqrtCFParts{Part: CFPart(slices.Index(cfNames[:], name.text))}
	if err := p.expect("(", "sqrt", "("); err != nil {
		return nil, err
	}
	t := p.next()
	if !t.num {
		return nil, p.errorf(t, "expected N in %s(sqrt(N)), an integer, found %s", name.text, t)
	}
	n, err := strconv.ParseInt(t.text, 10, 64)
	if err != nil || n > MaxRadicand {
		return nil, p.errorf(t, "N in sqrt(N) must be 2..%d, found %s", MaxRadicand, t.text)
	}
	if err := CheckRadicand(n); err != nil {
		return nil, p.errorf(t, "%v", err)
	}
	c.Radicand = n
	if err := p.expect(")", ")"); err != nil {
		return nil, err
	}
	return &Program{Kind: SqrtCF, Parts: c}, nil
}
