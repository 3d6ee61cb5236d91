package dsl

// Op identifies a node choice of the language: a leaf (n, k, a constant, an
// earlier term) or an operator. The table below is the one place that says,
// for each choice, how it is written, how tightly it binds and to which
// side, how many arguments it takes and how many bits its code word has.
// The parser, the printer, the coder, the evaluators and the enumerators
// all read it.
type Op uint8

// The node choices, in table order.
const (
	OpIndex     Op = iota // n
	OpConst               // a positive constant (followed by its gamma code)
	OpPrev1               // a(n-1)
	OpPrev2               // a(n-2)
	OpPrev3               // a(n-3)
	OpLoopVar             // k
	OpAdd                 // x + y
	OpMul                 // x * y
	OpSub                 // x - y
	OpDiv                 // x / y, floor division
	OpMod                 // x mod y, floor modulo
	OpPow                 // x ^ y
	OpNeg                 // -x
	OpFact                // x!
	OpBinom               // binomial(x, y)
	OpGcd                 // gcd(x, y)
	OpCond                // if c <= 0 then x else y
	OpSum                 // sum(k=1..n, x)
	OpProd                // prod(k=1..n, x)
	OpPrevK               // a(n-k) for k >= 4 (followed by the gamma code of k-3)
	OpPrime               // prime(x), the x-th prime
	OpPi                  // pi(x), the number of primes <= x
	OpIsPrime             // isprime(x), 1 or 0
	OpSigma               // sigma(x), the sum of the divisors of x
	OpTau                 // tau(x), the number of divisors of x
	OpPhi                 // phi(x), Euler's totient
	OpMu                  // mu(x), the Moebius function
	OpDigitSum            // digsum(x), the sum of the decimal digits of |x|
	OpBitCount            // bitcount(x), the number of ones in binary |x|
	OpReverse             // rev(x), the decimal digits of x reversed
	OpIsqrt               // isqrt(x), the integer part of the square root
	OpNextPrime           // nextprime(x), the least prime > x
	OpPrevPrime           // prevprime(x), the greatest prime < x
	OpGpf                 // gpf(x), the greatest prime factor
	OpLpf                 // lpf(x), the least prime factor
	OpOmega               // omega(x), the number of distinct prime factors
	OpBigOmega            // bigomega(x), the number of prime factors with multiplicity
	OpIsSquare            // issquare(x), 1 or 0
	OpVal                 // val(x, p), the largest e such that p^e divides x
	OpIlog                // ilog(x, b), floor(log_b x)
	OpXor                 // xor(x, y), bitwise exclusive or
	OpAnd                 // and(x, y), bitwise and
	OpOr                  // or(x, y), bitwise or
	OpIroot               // iroot(x, k), the integer part of the k-th root
	OpBase                // base(x, b), the base-b digits of x read in decimal
	numOps
)

// Precedence levels, loosest first. A child is printed in parentheses when
// its level is lower than the level its position requires.
const (
	PrecCond    = iota // if ... then ... else ...
	PrecAdd            // + -
	PrecMul            // * / mod
	PrecUnary          // -x
	PrecPow            // x ^ y (right associative; y may be a unary minus)
	PrecPostfix        // x!
	PrecAtom           // n, k, constants, a(n-i), f(...), (...)
)

// OpInfo describes one node choice. Its precedence level also says how it
// is written: an operator of level PrecAdd, PrecMul or PrecPow is infix,
// PrecUnary prefix, PrecPostfix postfix, and a choice of level PrecAtom
// with arguments is a function call f(x) or f(x, y) (a loop,
// f(k=1..n, x)).
type OpInfo struct {
	Name  string // the symbol or function name in the text form
	Arity int    // number of child expressions
	Prec  int    // precedence level of the node
	Bits  int    // length of the node's code word
	// Right: an infix operator that groups to the right (2^3^4 is
	// 2^(3^4)); the others group to the left.
	Right bool
	// Commutative: op(x, y) = op(y, x) for all values, so an enumerator
	// need only try one order of two children.
	Commutative bool
	// Loop: the choice binds k to 1..n in its child (sum and prod).
	Loop bool
	// Solve, when set, inverts a binary operator in its right operand:
	// for x and a defined t it appends to ys every y with op(x, y) = t,
	// each once, and reports true, or reports false when there may be
	// too many to list (x * y = 0 for x = 0: every y), so that an
	// enumerator can look up the right children that reproduce a term
	// instead of trying each (see package search). What it lists must be
	// exactly the solutions, overflow and undefined values included
	// (TestSolve).
	Solve func(x, t Value, ys []Value) ([]Value, bool)
}

// Ops is the operator table, indexed by Op.
//
// The code words form a prefix-free code: the Kraft sum over the table,
// sum of 2^-Bits, is exactly 1 (TestKraftOps checks it is at most 1). Short
// words go to what sequences are most often made of: n, constants, a(n-1),
// addition and multiplication take 3 bits each.
//
// The functions of primes, factors, digits and bits from nextprime on
// took their room from the factorial, whose word went from 6 to 7 bits:
// in the best programs of the 1,238 right answers on exploration shards
// 3, 5 and 7 of 140 of the OEIS file (15 terms given, before the change),
// ! occurred in 3, against 6 to 51 for each of isprime, prime, phi, pi,
// mu and tau. The 1/128 it freed holds four words of 10 bits (val,
// issquare, omega, bigomega: the new functions named most often in the
// OEIS's sequence names, 420 to 520 names each, against about 1,400 each
// for sigma, tau and phi at 10 bits), seven of 11 bits (gpf, lpf,
// nextprime, prevprime, ilog, xor, and: 130 to 350 names each) and two of
// 12 (or, and iroot, which the primes of the form A*k^3 + C need).
//
// base(x, b) took its room from or, whose 12-bit word split into two of
// 13 bits (or and base): in the best programs of the 4,284 right answers
// on exploration shard 1 of 14 of the OEIS file (15 terms given, before
// the change), or occurred in 5, iroot in 8 (the other two-argument
// functions: xor 8, ilog 5, val 13, and 28), while over a hundred of the
// OEIS's names read "Squares written in base 5", "Powers of 3 written in
// base 8", "n! in base 4" and the like.
var Ops = [numOps]OpInfo{
	OpIndex:   {Name: "n", Arity: 0, Prec: PrecAtom, Bits: 3},
	OpConst:   {Name: "const", Arity: 0, Prec: PrecAtom, Bits: 3},
	OpPrev1:   {Name: "a(n-1)", Arity: 0, Prec: PrecAtom, Bits: 3},
	OpPrev2:   {Name: "a(n-2)", Arity: 0, Prec: PrecAtom, Bits: 4},
	OpPrev3:   {Name: "a(n-3)", Arity: 0, Prec: PrecAtom, Bits: 5},
	OpLoopVar: {Name: "k", Arity: 0, Prec: PrecAtom, Bits: 5},
	OpAdd:     {Name: "+", Arity: 2, Prec: PrecAdd, Bits: 3, Commutative: true, Solve: solveAdd},
	OpMul:     {Name: "*", Arity: 2, Prec: PrecMul, Bits: 3, Commutative: true, Solve: solveMul},
	OpSub:     {Name: "-", Arity: 2, Prec: PrecAdd, Bits: 4, Solve: solveSub},
	OpDiv:     {Name: "/", Arity: 2, Prec: PrecMul, Bits: 5, Solve: solveDiv},
	OpMod:     {Name: "mod", Arity: 2, Prec: PrecMul, Bits: 5, Solve: solveMod},
	OpPow:     {Name: "^", Arity: 2, Prec: PrecPow, Bits: 5, Right: true, Solve: solvePow},
	OpNeg:     {Name: "-", Arity: 1, Prec: PrecUnary, Bits: 7},
	OpFact:    {Name: "!", Arity: 1, Prec: PrecPostfix, Bits: 7},
	OpBinom:   {Name: "binomial", Arity: 2, Prec: PrecAtom, Bits: 7, Solve: solveBinom},
	OpGcd:     {Name: "gcd", Arity: 2, Prec: PrecAtom, Bits: 8, Commutative: true, Solve: solveGcd},
	OpCond:    {Name: "if", Arity: 3, Prec: PrecCond, Bits: 6},
	OpSum:     {Name: "sum", Arity: 1, Prec: PrecAtom, Bits: 6, Loop: true},
	OpProd:    {Name: "prod", Arity: 1, Prec: PrecAtom, Bits: 8, Loop: true},
	OpPrevK:   {Name: "a(n-k)", Arity: 0, Prec: PrecAtom, Bits: 6},
	// Number theory and digits (see numtheory.go): function calls f(x).
	OpPrime:    {Name: "prime", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpPi:       {Name: "pi", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpIsPrime:  {Name: "isprime", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpSigma:    {Name: "sigma", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpTau:      {Name: "tau", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpPhi:      {Name: "phi", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpMu:       {Name: "mu", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpDigitSum: {Name: "digsum", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpBitCount: {Name: "bitcount", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpReverse:  {Name: "rev", Arity: 1, Prec: PrecAtom, Bits: 12},
	OpIsqrt:    {Name: "isqrt", Arity: 1, Prec: PrecAtom, Bits: 12},
	// Primes and factors, digits and bits (numtheory.go, bitwise.go).
	OpNextPrime: {Name: "nextprime", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpPrevPrime: {Name: "prevprime", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpGpf:       {Name: "gpf", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpLpf:       {Name: "lpf", Arity: 1, Prec: PrecAtom, Bits: 11},
	OpOmega:     {Name: "omega", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpBigOmega:  {Name: "bigomega", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpIsSquare:  {Name: "issquare", Arity: 1, Prec: PrecAtom, Bits: 10},
	OpVal:       {Name: "val", Arity: 2, Prec: PrecAtom, Bits: 10},
	OpIlog:      {Name: "ilog", Arity: 2, Prec: PrecAtom, Bits: 11},
	OpXor:       {Name: "xor", Arity: 2, Prec: PrecAtom, Bits: 11, Commutative: true, Solve: solveXor},
	OpAnd:       {Name: "and", Arity: 2, Prec: PrecAtom, Bits: 11, Commutative: true},
	OpOr:        {Name: "or", Arity: 2, Prec: PrecAtom, Bits: 13, Commutative: true},
	OpIroot:     {Name: "iroot", Arity: 2, Prec: PrecAtom, Bits: 12},
	OpBase:      {Name: "base", Arity: 2, Prec: PrecAtom, Bits: 13, Solve: solveBase},
}

// NumOps is the number of node choices in the table.
const NumOps = int(numOps)

// String returns the operator's name in the text form.
func (op Op) String() string {
	if int(op) < NumOps {
		return Ops[op].Name
	}
	return "?"
}

// PrevOp returns the leaf choice for a(n-lag), lag in 1..MaxOrder: one of
// its own for lags 1 to 3, OpPrevK (whose code word is followed by the
// gamma code of lag-3) for the rest.
func PrevOp(lag int) Op {
	if lag > 3 {
		return OpPrevK
	}
	return OpPrev1 + Op(lag-1)
}

// PrevBits is the length of the leaf a(n-lag).
func PrevBits(lag int) int {
	if lag > 3 {
		return Ops[OpPrevK].Bits + GammaBits(uint64(lag-3))
	}
	return Ops[PrevOp(lag)].Bits
}

// Func1 reports whether op is a function of one argument: unary minus,
// the factorial, or one of the named functions prime(x) ... isqrt(x). (The
// loops sum and prod also have one child, but bind k.)
func (op Op) Func1() bool { return Ops[op].Arity == 1 && !Ops[op].Loop }

// The node choices with children, by shape, in table order: the functions
// of one argument, those of two (the infix operators, binomial and gcd),
// and the loops. The enumerators build their candidates from these.
var (
	Funcs1 = opsWhere(func(op Op) bool { return op.Func1() })
	Funcs2 = opsWhere(func(op Op) bool { return Ops[op].Arity == 2 })
	Loops  = opsWhere(func(op Op) bool { return Ops[op].Loop })
)

func opsWhere(keep func(Op) bool) []Op {
	var out []Op
	for op := range Op(numOps) {
		if keep(op) {
			out = append(out, op)
		}
	}
	return out
}

// Lag returns i for the leaf choices a(n-i), i = 1..3, and 0 for every
// other choice (OpPrevK's lag is in its node, not its choice).
func (op Op) Lag() int {
	if op >= OpPrev1 && op <= OpPrev3 {
		return int(op-OpPrev1) + 1
	}
	return 0
}

// OpOf returns the table entry of an expression's root node.
func OpOf(e Expr) Op {
	switch e := e.(type) {
	case *Const:
		return OpConst
	case *Index:
		return OpIndex
	case *LoopVar:
		return OpLoopVar
	case *Prev:
		return PrevOp(e.Lag)
	case *Unary:
		return e.Op
	case *Binary:
		return e.Op
	case *Cond:
		return OpCond
	case *Loop:
		return e.Op
	}
	panic("dsl: unknown expression node")
}
