package dsl

import (
	"math/big"
	"strings"
)

// Two kinds written for the tests, to show that a kind is one file: each
// is defined here and nowhere else, and the parser, the printer, the
// coder, the evaluators, dsl.Reproduce, the search and the predictor
// handle it through the kind table alone (kinds_test.go). They take kind
// numbers far above the language's and header words far from the ones
// the next real kinds will take ("0111" and the gamma code of 15 or 14),
// and exist only in this package's test binary.

// TestArray programs are square arrays read by antidiagonals,
// A(n, k) = E: A(0,0), A(0,1), A(1,0), A(0,2), A(1,1), A(2,0), ... A
// body kind: its body reads n and k, and the search enumerates it from 7
// terms on.
const TestArray Kind = 62

// TestPeriod programs repeat a list of terms: a = repeat(1, 2, 3) is 1, 2,
// 3, 1, 2, 3, ... A kind with its own node, PeriodParts.
const TestPeriod Kind = 63

// PeriodParts are the terms a TestPeriod program repeats.
type PeriodParts struct {
	Terms []*big.Int
}

func (*PeriodParts) partsNode() {}

func init() {
	define(TestArray, &kindSpec{
		name:      "array",
		word:      word("0111" + gammaWord(15)),
		offsetBit: true,
		leads:     []string{"A(n, k) ="},
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("A(n, k) = ")
			printExpr(sb, p.Body, PrecCond)
			printOffset(sb, p)
		},
		body: &BodySpec{
			K: true,
			Point: func(offset, i int) (n, k Value) {
				d := 0 // the antidiagonal n + k = d holds the entries d(d+1)/2 .. d(d+1)/2 + d
				for (d+1)*(d+2)/2 <= i {
					d++
				}
				j := i - d*(d+1)/2
				return Value(offset + j), Value(offset + d - j)
			},
			SearchFrom: 7,
			tail:       offsetTail,
			noLoops:    "cannot be used in A(n, k): it binds k, the column",
			noLags:     "cannot be used in A(n, k)",
		},
		noRival: "the best explanation is an array, whose formula reads a row and a column",
	})
	define(TestPeriod, &kindSpec{
		name:  "period",
		word:  word("0111" + gammaWord(14)),
		leads: []string{"a = repeat"},
		parse: func(p *parser) (*Program, error) {
			if err := p.expect("a", "=", "repeat", "("); err != nil {
				return nil, err
			}
			var terms []*big.Int
			for len(terms) == 0 || p.peek().text == "," {
				if len(terms) > 0 {
					p.next()
				}
				v, err := p.signedInt()
				if err != nil {
					return nil, err
				}
				terms = append(terms, v)
			}
			return &Program{Kind: TestPeriod, Parts: &PeriodParts{Terms: terms}}, p.expect(")")
		},
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a = repeat(")
			printList(sb, partsOf[PeriodParts](p).Terms)
			sb.WriteString(")")
		},
		// The code is a literal's: the number of terms plus one in gamma
		// code, then each term.
		bits:   func(p *Program) int { return literalBits(partsOf[PeriodParts](p).Terms) },
		encode: func(sb *strings.Builder, p *Program) { encodeList(sb, partsOf[PeriodParts](p).Terms) },
		bigValues: func(p *Program, count int) []*big.Int {
			terms := partsOf[PeriodParts](p).Terms
			out := make([]*big.Int, count)
			for i := range out {
				if len(terms) > 0 {
					out[i] = terms[i%len(terms)]
				}
			}
			return out
		},
		noRival: "the best explanation repeats a period, which has no formula in n to add a vanishing product to",
	})
}
