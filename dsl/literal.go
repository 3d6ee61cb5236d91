package dsl

import (
	"math/big"
	"strings"
)

// Literal programs write terms out: a = [t0, t1, ...]. They define a(n)
// only for the listed indices. They exist so that every continuation of
// the data keeps a non-zero prior probability. The code is "000", the
// gamma code of the number of terms plus one, then each term in the
// universal integer code; there is no offset bit.
const Literal Kind = 2

// LiteralParts are the terms a literal program writes out.
type LiteralParts struct {
	Terms []*big.Int
}

func (*LiteralParts) partsNode() {}

// NewLiteral returns the literal program of the given terms.
func NewLiteral(terms []*big.Int) *Program {
	return &Program{Kind: Literal, Parts: &LiteralParts{Terms: terms}}
}

func init() {
	define(Literal, &kindSpec{
		name:  "literal",
		word:  word("000"),
		leads: []string{"a = ["},
		parse: parseLiteral,
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a = [")
			printList(sb, partsOf[LiteralParts](p).Terms)
			sb.WriteString("]")
		},
		bits:   func(p *Program) int { return literalBits(partsOf[LiteralParts](p).Terms) },
		encode: func(sb *strings.Builder, p *Program) { encodeList(sb, partsOf[LiteralParts](p).Terms) },
		values: func(p *Program, count int) []Value {
			terms := partsOf[LiteralParts](p).Terms
			out := make([]Value, count)
			for i := range out {
				out[i] = Undef
				if i < len(terms) {
					out[i] = FromBig(terms[i])
				}
			}
			return out
		},
		bigValues: func(p *Program, count int) []*big.Int {
			out := make([]*big.Int, count)
			copy(out, partsOf[LiteralParts](p).Terms)
			return out
		},
		noRival: "the best explanation is the terms written out",
	})
}

// literalBits is the length of a literal's code after its header: the
// gamma code of how many terms there are plus one, and each term in the
// universal integer code.
func literalBits(terms []*big.Int) int {
	b := GammaBits(uint64(len(terms)) + 1)
	for _, t := range terms {
		b += IntBits(t)
	}
	return b
}

// encodeList writes the code of a list of terms that literalBits
// measures.
func encodeList(sb *strings.Builder, terms []*big.Int) {
	sb.WriteString(gammaWord(uint64(len(terms)) + 1))
	for _, t := range terms {
		sb.WriteString(intWord(t))
	}
}

// printList writes terms separated by commas.
func printList(sb *strings.Builder, terms []*big.Int) {
	for i, t := range terms {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(t.String())
	}
}

// LiteralBits is the length of the literal program that writes the given
// terms out.
func LiteralBits(terms []*big.Int) int {
	return HeaderBits(Literal, 0) + literalBits(terms)
}

// parseLiteral parses "a = [t0, t1, ...]".
func parseLiteral(p *parser) (*Program, error) {
	if err := p.expect("a", "=", "["); err != nil {
		return nil, err
	}
	var terms []*big.Int
	for p.peek().text != "]" {
		if len(terms) > 0 {
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
		v, err := p.signedInt()
		if err != nil {
			return nil, err
		}
		terms = append(terms, v)
	}
	p.next()
	return NewLiteral(terms), nil
}
