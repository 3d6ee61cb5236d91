package dsl

import (
	"strconv"
	"strings"
)

// Format returns the text form of e with the fewest parentheses that parse
// back to the same tree.
func Format(e Expr) string {
	var sb strings.Builder
	printExpr(&sb, e, PrecCond)
	return sb.String()
}

// String returns the program's text form, e.g. "a(n) = 2*n + 2",
// "a(n) = n^2; n >= 1", "a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1",
// "T(n, k) = binomial(n, k)" (a triangle read by rows),
// "a(n) = [x^n] (1 + x)/((1-x)*(1-x^2))", "a = {n >= 0 : isprime(n) > 0}"
// (the n at which the body is positive), "a = cf(sqrt(352))" (the
// continued fraction of a square root) or "a = [2, 3, 5, 7]".
func (p *Program) String() string {
	var sb strings.Builder
	switch p.Kind {
	case Digits:
		printDigits(&sb, p)
	case SqrtCF:
		printSqrtCF(&sb, p)
		return sb.String()
	case Filter:
		sb.WriteString("a = {n >= " + strconv.Itoa(p.Offset) + " : ")
		printExpr(&sb, p.Body, PrecAdd)
		sb.WriteString(" > 0}")
		return sb.String()
	case Literal:
		sb.WriteString("a = [")
		for i, t := range p.Terms {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString(t.String())
		}
		sb.WriteString("]")
		return sb.String()
	case ClosedForm, Triangle, Rational:
		switch p.Kind {
		case Triangle:
			sb.WriteString("T(n, k) = ")
			printExpr(&sb, p.Body, PrecCond)
		case Rational:
			sb.WriteString("a(n) = ")
			printRational(&sb, p)
		default:
			sb.WriteString("a(n) = ")
			printExpr(&sb, p.Body, PrecCond)
		}
		if p.Offset != 0 {
			sb.WriteString("; n >= " + strconv.Itoa(p.Offset))
		}
	case Recurrence:
		sb.WriteString("a(n) = ")
		printExpr(&sb, p.Body, PrecCond)
		sb.WriteString("; ")
		for i, t := range p.Init {
			if i > 0 {
				sb.WriteString(", ")
			}
			sb.WriteString("a(" + strconv.Itoa(p.Offset+i) + ") = " + t.String())
		}
	}
	return sb.String()
}

// printExpr writes e; min is the lowest precedence level its position
// accepts without parentheses.
func printExpr(sb *strings.Builder, e Expr, min int) {
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
		sb.WriteString("n")
	case *LoopVar:
		sb.WriteString("k")
	case *Prev:
		sb.WriteString("a(n-" + strconv.Itoa(e.Lag) + ")")
	case *Unary:
		switch e.Op {
		case OpNeg:
			sb.WriteString("-")
			printExpr(sb, e.X, PrecUnary)
		case OpFact:
			// x!! is (x!)!: the postfix operator nests without parentheses.
			printExpr(sb, e.X, PrecPostfix)
			sb.WriteString("!")
		default: // prime(x), sigma(x), ...
			sb.WriteString(info.Name + "(")
			printExpr(sb, e.X, PrecCond)
			sb.WriteString(")")
		}
	case *Binary:
		printBinary(sb, e, info)
	case *Cond:
		sb.WriteString("if ")
		printExpr(sb, e.Cond, PrecAdd)
		sb.WriteString(" <= 0 then ")
		printExpr(sb, e.Then, PrecCond)
		sb.WriteString(" else ")
		printExpr(sb, e.Else, PrecCond)
	case *Loop:
		sb.WriteString(info.Name + "(k=1..n, ")
		printExpr(sb, e.Body, PrecCond)
		sb.WriteString(")")
	}
	if paren {
		sb.WriteByte(')')
	}
}

func printBinary(sb *strings.Builder, e *Binary, info OpInfo) {
	switch info.Prec {
	case PrecAtom: // binomial(x, y), gcd(x, y)
		sb.WriteString(info.Name + "(")
		printExpr(sb, e.X, PrecCond)
		sb.WriteString(", ")
		printExpr(sb, e.Y, PrecCond)
		sb.WriteString(")")
	case PrecPow: // right associative; the exponent may be a unary minus
		printExpr(sb, e.X, PrecPostfix)
		sb.WriteString("^")
		printExpr(sb, e.Y, PrecUnary)
	default: // left associative
		printExpr(sb, e.X, info.Prec)
		switch e.Op {
		case OpMul:
			sb.WriteString("*")
		case OpDiv:
			sb.WriteString("/")
		default:
			sb.WriteString(" " + info.Name + " ")
		}
		printExpr(sb, e.Y, info.Prec+1)
	}
}
