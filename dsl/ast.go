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
	// only in the body of a recurrence whose order is at least Lag.
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

// Kind says which of the program shapes a Program has.
type Kind uint8

const (
	// ClosedForm programs compute a(n) from n alone: a(n) = E.
	ClosedForm Kind = iota
	// Recurrence programs compute a(n) from n and up to three earlier terms,
	// after Order initial terms: a(n) = E; a(0) = x, a(1) = y.
	Recurrence
	// Literal programs write terms out: a = [t0, t1, ...]. They define a(n)
	// only for the listed indices. They exist so that every continuation of
	// the data keeps a non-zero prior probability.
	Literal
	// Triangle programs define a triangle T(n, k), k = 0..n, read by rows:
	// a = T(0,0), T(1,0), T(1,1), T(2,0), ... Their body reads n (the row)
	// and k (the column) and has no loops; with offset 1 rows start at
	// n = 1 and columns at k = 1.
	Triangle
	// Rational programs are rational generating functions with a product
	// denominator: a(Offset+j) is the coefficient of x^j in
	// N(x)/((1-x^e1)*(1-x^e2)*...), a(n) = [x^n] (1 + x)/((1-x)*(1-x^2)).
	Rational
	// Filter programs list the integers n >= Offset at which Body > 0, in
	// increasing order: a = {n >= 0 : isprime(n*n + 1) > 0} is 1, 2, 4, 6,
	// 10, ... Body reads n (and may use sum and prod) but no earlier terms.
	Filter
	// Digits programs are the decimal digits of a real constant: a(n) is
	// the digit of |Real| at the place 10^-(From+n), floor(|C|*10^(From+n))
	// mod 10; a = digits(log(8)) is 2, 0, 7, 9, 4, ...
	Digits
	// SqrtCF programs list the continued fraction of sqrt(Radicand): its
	// partial quotients, a = cf(sqrt(352)) is 18, 1, 3, 5, 9, 5, 3, 1, 36,
	// 1, ...; or the numerators (cfnum) or denominators (cfden) of its
	// convergents. They have no body and no offset.
	SqrtCF
)

// Program is a complete description of a sequence.
//
// For a Triangle, Offset applies to both the row and the column: the first
// given term is T(Offset, Offset).
//
// Indices start at Offset (0 or 1): the first given term is a(Offset). For a
// recurrence the initial terms are a(Offset), ..., a(Offset+Order-1) and the
// body defines every later term. For a rational generating function,
// a(Offset+j) is the coefficient of x^j whatever the offset.
type Program struct {
	Kind   Kind
	Offset int        // 0 or 1; the index of the first term
	Order  int        // recurrences: how many initial terms (1..MaxOrder)
	Body   Expr       // closed forms and recurrences
	Init   []*big.Int // recurrences: the Order initial terms
	Terms  []*big.Int // literals: the terms written out
	// Rational programs: the denominator exponents e_i of
	// prod (1 - x^e_i), sorted non-decreasing, each 1..MaxGFExp, at most
	// MaxFactors of them; and the numerator coefficients N_0, ..., N_d
	// (at least one; the parser gives N_d != 0 unless d = 0).
	Exps []int
	Num  []*big.Int
	// Digits programs: the constant, and the place 10^-From of the first
	// digit (0 the units, 1 the first digit after the point).
	Real *Real
	From int
	// SqrtCF programs: N of sqrt(N) (2..MaxRadicand, not a square) and
	// which sequence of its continued fraction the program lists.
	Radicand int64
	CFPart   CFPart
}

// MaxOrder is the largest order of a recurrence, and so the largest lag
// a(n-k) a body may use.
const MaxOrder = 8
