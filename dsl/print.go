package dsl

import (
	"strconv"
	"strings"
	"unicode"
)

// Format returns the text form of e with the fewest parentheses that parse
// back to the same tree.
func Format(e Expr) string {
	var sb strings.Builder
	printExpr(&sb, e, PrecCond)
	return sb.String()
}

// printExpr writes e; min is the lowest precedence level its position
// accepts without parentheses.
func printExpr(sb *strings.Builder, e Expr, min int) { printer{}.expr(sb, e, min) }

// printCells is printExpr for the body of a triangle recurrence, whose
// earlier terms are written as cells, T(n-1, k-1) for a(n-1) and so on.
func printCells(sb *strings.Builder, e Expr, min int) { printer{cells: true}.expr(sb, e, min) }

// printPrime is printExpr for the body of a multiplicative function,
// whose index variable is the prime p (Grammar.Prime).
func printPrime(sb *strings.Builder, e Expr, min int) { printer{prime: true}.expr(sb, e, min) }

// printer writes expressions; cells: the earlier terms are a triangle's
// cells (Grammar.Cells); prime: the index variable is written p
// (Grammar.Prime).
type printer struct{ cells, prime bool }

func (pr printer) expr(sb *strings.Builder, e Expr, min int) {
	op := OpOf(e)
	info := Ops[op]
	paren := info.Prec < min
	if paren {
		sb.WriteByte('(')
	}
	switch e := e.(type) {
	case *Const:
		sb.WriteString(strconv.FormatInt(e.Value, 10))
	case *Index:
		if pr.prime {
			sb.WriteString("p")
		} else {
			sb.WriteString("n")
		}
	case *LoopVar:
		sb.WriteString("k")
	case *Prev:
		if pr.cells {
			sb.WriteString(cellText(e.Lag))
		} else {
			sb.WriteString("a(n-" + strconv.Itoa(e.Lag) + ")")
		}
	case *Unary:
		switch info.Prec {
		case PrecUnary: // -x
			sb.WriteString(info.Name)
			pr.expr(sb, e.X, PrecUnary)
		case PrecPostfix:
			// x!! is (x!)!: the postfix operator nests without parentheses.
			pr.expr(sb, e.X, PrecPostfix)
			sb.WriteString(info.Name)
		default: // prime(x), sigma(x), ...
			sb.WriteString(info.Name + "(")
			pr.expr(sb, e.X, PrecCond)
			sb.WriteString(")")
		}
	case *Binary:
		pr.binary(sb, e, info)
	case *Cond:
		sb.WriteString("if ")
		pr.expr(sb, e.Cond, PrecAdd)
		sb.WriteString(" <= 0 then ")
		pr.expr(sb, e.Then, PrecCond)
		sb.WriteString(" else ")
		pr.expr(sb, e.Else, PrecCond)
	case *Loop:
		sb.WriteString(info.Name + "(k=1..n, ")
		pr.expr(sb, e.Body, PrecCond)
		sb.WriteString(")")
	}
	if paren {
		sb.WriteByte(')')
	}
}

// binary writes a function call binomial(x, y) or an infix operator
// with its operands at the levels the parser reads them: a left operand at
// the operator's level (one above for an operator that groups to the
// right), a right operand one above it (at it, for one that groups to the
// right), where a prefix operator needs no parentheses (n*-n, 2^-n).
// Operators written as words (mod) and those of the loosest level (+, -)
// are set off by spaces.
func (pr printer) binary(sb *strings.Builder, e *Binary, info OpInfo) {
	if info.Prec == PrecAtom {
		sb.WriteString(info.Name + "(")
		pr.expr(sb, e.X, PrecCond)
		sb.WriteString(", ")
		pr.expr(sb, e.Y, PrecCond)
		sb.WriteString(")")
		return
	}
	left, right := info.Prec, info.Prec+1
	if info.Right {
		left, right = info.Prec+1, info.Prec
	}
	pr.expr(sb, e.X, left)
	if info.Prec == PrecAdd || unicode.IsLetter(rune(info.Name[0])) {
		sb.WriteString(" " + info.Name + " ")
	} else {
		sb.WriteString(info.Name)
	}
	pr.expr(sb, e.Y, min(right, PrecUnary))
}
