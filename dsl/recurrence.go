package dsl

import (
	"strconv"
	"strings"
)

// Recurrence programs compute a(n) from n and the Order earlier terms
// a(n-1) .. a(n-Order), 1 <= Order <= MaxOrder, after Order initial terms
// that are part of the program: a(n) = E; a(0) = x, a(1) = y. The header
// is "01", then "0" for order 1, "10" for order 2, or "11" and the gamma
// code of order-2 (order 3 takes 5 bits, 4 and 5 take 7, 6 to 8 take 9),
// and the offset bit; after the body, each initial term in the universal
// integer code. The gamma codes of 7 and 8 were taken (by the filters and
// the continued fractions) before orders 9 and 10 were added: those take
// the gamma code of order+8, 17 and 18 (13 bits).
const Recurrence Kind = 1

// recurrenceWords are the header words by order.
var recurrenceWords = func() [MaxOrder + 1]string {
	var w [MaxOrder + 1]string
	w[1], w[2] = "010", "0110"
	for o := 3; o <= MaxOrder; o++ {
		g := o - 2
		if o > 8 {
			g = o + 8
		}
		w[o] = "0111" + gammaWord(uint64(g))
	}
	return w
}()

func init() {
	define(Recurrence, &kindSpec{
		name:      "recurrence",
		word:      func(order int) string { return recurrenceWords[order] },
		offsetBit: true,
		leads:     []string{"a(n) ="},
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a(n) = ")
			printExpr(sb, p.Body, PrecCond)
			sb.WriteString("; ")
			for i, t := range p.Init {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString("a(" + strconv.Itoa(p.Offset+i) + ") = " + t.String())
			}
		},
		body: &BodySpec{
			MinOrder:   1,
			MaxOrder:   MaxOrder,
			Loops:      true,
			Point:      indexPoint,
			SearchFrom: 1,
			tail:       initialTerms,
		},
		rival:   indexRival,
		noRival: "the best explanation is the terms written out",
	})
}

// initialTerms parses the tail of a recurrence, "; a(0) = x, a(1) = y",
// whose length is the program's order.
func initialTerms(p *parser, prog *Program, last bool) (bool, error) {
	if !last && p.peek().text != ";" {
		return false, nil
	}
	if err := p.expect(";"); err != nil {
		return true, err
	}
	for {
		if err := p.expect("a", "("); err != nil {
			return true, err
		}
		t := p.next()
		idx, err := strconv.Atoi(t.text)
		if !t.num || err != nil {
			return true, p.errorf(t, "expected an index, found %s", t)
		}
		switch {
		case len(prog.Init) == 0 && idx > 1:
			return true, p.errorf(t, "the first index must be 0 or 1, found %d", idx)
		case len(prog.Init) == 0:
			prog.Offset = idx
		case idx != prog.Offset+len(prog.Init):
			return true, p.errorf(t, "expected a(%d), found a(%d)", prog.Offset+len(prog.Init), idx)
		}
		if err := p.expect(")", "="); err != nil {
			return true, err
		}
		v, err := p.signedInt()
		if err != nil {
			return true, err
		}
		prog.Init = append(prog.Init, v)
		if len(prog.Init) > MaxOrder {
			return true, p.errorf(t, "at most %d initial terms", MaxOrder)
		}
		if p.peek().text != "," {
			break
		}
		p.next()
	}
	prog.Order = len(prog.Init)
	return true, nil
}
