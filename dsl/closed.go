package dsl

import "strings"

// ClosedForm programs compute a(n) from n alone: a(n) = E, or
// a(n) = E; n >= 1 to start at n = 1. The header is "1" and the offset
// bit; the body may use sum and prod but no earlier terms.
const ClosedForm Kind = 0

func init() {
	define(ClosedForm, &kindSpec{
		name:      "closed form",
		word:      word("1"),
		offsetBit: true,
		leads:     []string{"a(n) ="},
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a(n) = ")
			printExpr(sb, p.Body, PrecCond)
			printOffset(sb, p)
		},
		body: &BodySpec{
			Loops:      true,
			Point:      indexPoint,
			SearchFrom: 1,
			tail:       offsetTail,
			noLags:     `needs initial terms, e.g. "; a(0) = 1"`,
		},
		rival:   indexRival,
		noRival: "the best explanation is the terms written out",
	})
}
