package dsl

import "math/big"

// Expr is an expression of the language. The set of implementations is
// closed: only the node types declared below satisfy it.
type Expr interface {
	exprNode()
}

// Expression nodes. Every node records the operator it applies (see the
// operator table in op.go), so the printer, the coder and the enumerator find
// its precedence, arity and code length in one place.
type (
	// Const is a positive integer constant (1, 2, 3, ...). Zero and negative
	// numbers are written with subtraction or unary minus, which keeps the
	// constant code a plain Elias gamma code.
	Const struct {
		Value int64
	}

	// Index is the index variable n.
	Index struct{}

	// LoopVar is the variable k bound by the innermost enclosing sum or prod.
	LoopVar struct{}

	// Prev is a(n-Lag), an earlier term of the sequence itself; it may appear
	// only in the body of a recurrence whose order is at least Lag, or in
	// the body of a triangle recurrence, where it is the cell
	// TriangleCells[Lag-1] (a(n-1) is T(n-1, k-1), and so on).
	Prev struct {
		Lag int
	}

	// Unary applies a one-argument operator (OpNeg or OpFact) to X.
	Unary struct {
		Op Op
		X  Expr
	}

	// Binary applies a two-argument operator (+ - * / mod ^ binomial gcd).
	Binary struct {
		Op   Op
		X, Y Expr
	}

	// Cond is "if Cond <= 0 then Then else Else". It is strict: when either
	// branch is undefined, so is the whole, even if that branch is not
	// taken. This keeps "undefined" contagious, which lets the search drop
	// every subexpression that is undefined at a given index.
	Cond struct {
		Cond, Then, Else Expr
	}

	// Loop is sum(k=1..n, Body) or prod(k=1..n, Body): Body is evaluated for
	// k = 1, 2, ..., n and the results are added (OpSum) or multiplied
	// (OpProd). For n < 1 the sum is 0 and the product is 1.
	Loop struct {
		Op   Op
		Body Expr
	}
)

func (*Const) exprNode()   {}
func (*Index) exprNode()   {}
func (*LoopVar) exprNode() {}
func (*Prev) exprNode()    {}
func (*Unary) exprNode()   {}
func (*Binary) exprNode()  {}
func (*Cond) exprNode()    {}
func (*Loop) exprNode()    {}

// Program is a complete description of a sequence: its kind (a row of
// the kind table, kind.go) and the parts that kind reads. The kinds with an
// integer body (closed forms, recurrences, triangles, filters) keep it in
// Body, with the first index in Offset and, for a body that reads earlier
// terms, its Order initial terms in Init; the other kinds keep their own
// node in Parts (a generating function's exponents and numerator, a
// constant's digits, ...), declared in the kind's file; a triangle
// recurrence with boundary rules has both, its body and its rules.
//
// Indices start at Offset (0 or 1): the first given term is a(Offset). For a
// recurrence the initial terms are a(Offset), ..., a(Offset+Order-1) and the
// body defines every later term.
type Program struct {
	Kind   Kind
	Offset int        // 0 or 1; the index of the first term
	Order  int        // how many initial terms (recurrences: 1..MaxOrder)
	Body   Expr       // the integer body of the kinds that have one
	Init   []*big.Int // the Order initial terms
	Parts  Parts      // the kind's own node, for the kinds without a body
}

// Parts is the node of a kind that is not an integer body (see Program).
// The set of implementations is closed: each is declared in its kind's
// file of this package.
type Parts interface {
	partsNode()
}

// MaxOrder is the largest order of a recurrence, and so the largest lag
// a(n-k) a body may use.
const MaxOrder = 10

// MaxSearchOrder is the largest order of the recurrences the search
// enumerates. Orders MaxSearchOrder+1 .. MaxOrder are reached by the
// fitters only (fit.Linear's constant-coefficient recurrences): their
// bodies, a sum of nine or ten terms, are far beyond the search's bits,
// and each order would add shapes (and time) for nothing.
const MaxSearchOrder = 8
