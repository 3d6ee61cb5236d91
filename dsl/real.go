package dsl

import (
	"math"
	"strconv"
	"strings"
)

// RealOp identifies a node of a real constant expression, the body of a
// Digits program. The real language is separate from the integer one: its
// values are real numbers, "/" is exact division, and it has no n.
type RealOp uint8

// The real node choices, in table order.
const (
	RInt  RealOp = iota // a positive integer (followed by its gamma code)
	RDiv                // x / y
	RMul                // x * y
	RPow                // x ^ y
	RSqrt               // sqrt(x)
	RLog                // log(x), the natural logarithm
	RPi                 // pi
	RAdd                // x + y
	RSub                // x - y
	RE                  // e
	RExp                // exp(x)
	RSin                // sin(x)
	RCos                // cos(x)
	RTan                // tan(x)
	RAtan               // atan(x), the arctangent, in (-pi/2, pi/2)
	NumRealOps
)

// RealInfo describes one real node choice. As in OpInfo, an operator of
// level PrecAdd, PrecMul or PrecPow is infix and a choice of level
// PrecAtom is a constant or a function call.
type RealInfo struct {
	Name  string // symbol or function name
	Arity int
	Prec  int  // PrecAdd, PrecMul, PrecPow or PrecAtom
	Bits  int  // length of the code word
	Right bool // an infix operator that groups to the right
}

// RealOps is the table of the real language. Its Kraft sum is exactly 1
// (2/4 + 7/16 + 2/64 + 4/128): a complete code. Integers and division,
// what most "decimal expansion" constants are made of (log(c)/log(b),
// x/21), take 2 bits; *, ^, sqrt, log, pi, +, - take 4; e and exp take 6;
// sin, cos, tan and atan take 7. The trigonometric functions got their
// room from e and exp, one bit each: together the four name about as many
// OEIS constants as e and exp do, and an expression that uses e once pays
// one bit, while without them a trigonometric constant could not be
// written at all. Because five of the words are binary operators the
// expressions' total weight is 21/32 < 1 (TestRealKraft).
var RealOps = [NumRealOps]RealInfo{
	RInt:  {Name: "int", Arity: 0, Prec: PrecAtom, Bits: 2},
	RDiv:  {Name: "/", Arity: 2, Prec: PrecMul, Bits: 2},
	RMul:  {Name: "*", Arity: 2, Prec: PrecMul, Bits: 4},
	RPow:  {Name: "^", Arity: 2, Prec: PrecPow, Bits: 4, Right: true},
	RSqrt: {Name: "sqrt", Arity: 1, Prec: PrecAtom, Bits: 4},
	RLog:  {Name: "log", Arity: 1, Prec: PrecAtom, Bits: 4},
	RPi:   {Name: "pi", Arity: 0, Prec: PrecAtom, Bits: 4},
	RAdd:  {Name: "+", Arity: 2, Prec: PrecAdd, Bits: 4},
	RSub:  {Name: "-", Arity: 2, Prec: PrecAdd, Bits: 4},
	RE:    {Name: "e", Arity: 0, Prec: PrecAtom, Bits: 6},
	RExp:  {Name: "exp", Arity: 1, Prec: PrecAtom, Bits: 6},
	RSin:  {Name: "sin", Arity: 1, Prec: PrecAtom, Bits: 7},
	RCos:  {Name: "cos", Arity: 1, Prec: PrecAtom, Bits: 7},
	RTan:  {Name: "tan", Arity: 1, Prec: PrecAtom, Bits: 7},
	RAtan: {Name: "atan", Arity: 1, Prec: PrecAtom, Bits: 7},
}

// Real is a node of a real constant expression. Int is the value of an
// RInt leaf (>= 1); X and Y are the operands (X alone for the functions).
type Real struct {
	Op   RealOp
	Int  int64
	X, Y *Real
}

// realWords are the canonical prefix code words of RealOps, built like
// opWords.
var realWords = func() [NumRealOps]string {
	var lengths [NumRealOps]int
	for op, info := range RealOps {
		lengths[op] = info.Bits
	}
	var words [NumRealOps]string
	copy(words[:], canonicalWords(lengths[:]))
	return words
}()

// RealWord returns the code word of a real node choice.
func RealWord(op RealOp) string { return realWords[op] }

// RealBits is the length of a real expression's code: its nodes' words in
// prefix order and the gamma code of each integer. A nil expression (not
// a valid program part) takes 0 bits, so that Bits and Encode still agree.
func RealBits(r *Real) int {
	if r == nil || r.Op >= NumRealOps {
		return 0
	}
	b := RealOps[r.Op].Bits
	switch RealOps[r.Op].Arity {
	case 0:
		if r.Op == RInt {
			b += GammaBits(uint64(max(r.Int, 1)))
		}
	case 1:
		b += RealBits(r.X)
	case 2:
		b += RealBits(r.X) + RealBits(r.Y)
	}
	return b
}

func encodeReal(sb *strings.Builder, r *Real) {
	if r == nil || r.Op >= NumRealOps {
		return
	}
	sb.WriteString(realWords[r.Op])
	switch RealOps[r.Op].Arity {
	case 0:
		if r.Op == RInt {
			sb.WriteString(gammaWord(uint64(max(r.Int, 1))))
		}
	case 1:
		encodeReal(sb, r.X)
	case 2:
		encodeReal(sb, r.X)
		encodeReal(sb, r.Y)
	}
}

// FormatReal returns the text form of r with the fewest parentheses that
// parse back to the same tree.
func FormatReal(r *Real) string {
	var sb strings.Builder
	printReal(&sb, r, PrecAdd)
	return sb.String()
}

func printReal(sb *strings.Builder, r *Real, min int) {
	if r == nil || r.Op >= NumRealOps {
		sb.WriteString("?")
		return
	}
	info := RealOps[r.Op]
	paren := info.Prec < min
	if paren {
		sb.WriteByte('(')
	}
	switch {
	case r.Op == RInt:
		sb.WriteString(strconv.FormatInt(r.Int, 10))
	case info.Arity == 0: // pi, e
		sb.WriteString(info.Name)
	case info.Arity == 1:
		sb.WriteString(info.Name + "(")
		printReal(sb, r.X, PrecAdd)
		sb.WriteString(")")
	case info.Right: // 2^3^4 is 2^(3^4)
		printReal(sb, r.X, info.Prec+1)
		sb.WriteString(info.Name)
		printReal(sb, r.Y, info.Prec)
	default: // left associative + - * /
		printReal(sb, r.X, info.Prec)
		sb.WriteString(info.Name)
		printReal(sb, r.Y, info.Prec+1)
	}
	if paren {
		sb.WriteByte(')')
	}
}

// realByName maps the names of the real language's named atoms and
// functions (every choice but integers and operators) to their node
// choices, and realInfix the infix operators, from the table.
var realByName, realInfix = func() (atoms, infix map[string]RealOp) {
	atoms, infix = map[string]RealOp{}, map[string]RealOp{}
	for op, info := range RealOps {
		switch {
		case info.Arity == 2:
			infix[info.Name] = RealOp(op)
		case RealOp(op) != RInt:
			atoms[info.Name] = RealOp(op)
		}
	}
	return atoms, infix
}()

// ParseReal parses a real constant expression such as "sqrt(2*pi*e)/21".
func ParseReal(s string) (*Real, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	r, err := p.realAt(PrecAdd)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.text != "" {
		return nil, p.errorf(t, "unexpected %s after the expression", t)
	}
	return r, nil
}

// realAt parses a real expression whose operators outside parentheses
// bind at least as tightly as the level min, by precedence climbing over
// the real table:
//
//	real := ratom { INFIX real@next }    (the operator's level >= min)
//
// where next is the operator's own level for ^, which groups to the
// right, and the level above for + - * /.
func (p *parser) realAt(min int) (*Real, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	x, err := p.realAtom()
	for err == nil {
		op, ok := realInfix[p.peek().text]
		if !ok || RealOps[op].Prec < min {
			break
		}
		p.next()
		next := RealOps[op].Prec + 1
		if RealOps[op].Right {
			next = RealOps[op].Prec
		}
		var y *Real
		if y, err = p.realAt(next); err == nil {
			x = &Real{Op: op, X: x, Y: y}
		}
	}
	return x, err
}

// realAtom := INT | "pi" | "e" | FUNC "(" real ")" | "(" real ")"
// FUNC     := "sqrt" | "log" | "exp" | "sin" | "cos" | "tan" | "atan"
func (p *parser) realAtom() (*Real, error) {
	t := p.next()
	switch {
	case t.num:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return nil, p.errorf(t, "constant %s is too large", t.text)
		}
		if v < 1 {
			return nil, p.errorf(t, "constants are positive integers")
		}
		return &Real{Op: RInt, Int: v}, nil
	case t.text == "(":
		x, err := p.realAt(PrecAdd)
		if err != nil {
			return nil, err
		}
		return x, p.expect(")")
	}
	op, ok := realByName[t.text]
	if !ok {
		return nil, p.errorf(t, "expected a number, pi, e, a function (sqrt, log, exp, sin, cos, tan, atan) or \"(\", found %s", t)
	}
	if RealOps[op].Arity == 0 {
		return &Real{Op: op}, nil
	}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	x, err := p.realAt(PrecAdd)
	if err != nil {
		return nil, err
	}
	return &Real{Op: op, X: x}, p.expect(")")
}

// Float64 evaluates r in float64 arithmetic: NaN where it is undefined
// (log of a non-positive number, division by zero, a non-integer power of
// a negative number) and possibly ±Inf on overflow. It is a cheap filter
// for the fitter; the digits themselves come from the big.Float
// evaluation, which bounds its error.
func (r *Real) Float64() float64 {
	if r == nil || r.Op >= NumRealOps {
		return math.NaN()
	}
	switch r.Op {
	case RInt:
		return float64(r.Int)
	case RPi:
		return math.Pi
	case RE:
		return math.E
	}
	if RealOps[r.Op].Arity == 1 {
		return Real1Float(r.Op, r.X.Float64())
	}
	return Real2Float(r.Op, r.X.Float64(), r.Y.Float64())
}

// Real1Float applies a function (sqrt, log, exp, sin, cos, tan, atan) in
// float64, NaN where undefined. sin, cos and tan, like their big.Float
// evaluation, take arguments up to MaxTrigArg in size.
func Real1Float(op RealOp, x float64) float64 {
	switch op {
	case RSqrt:
		if x < 0 {
			return math.NaN()
		}
		return math.Sqrt(x)
	case RLog:
		if x <= 0 {
			return math.NaN()
		}
		return math.Log(x)
	case RExp:
		return math.Exp(x)
	case RAtan:
		return math.Atan(x)
	}
	if math.Abs(x) > MaxTrigArg {
		return math.NaN()
	}
	switch op {
	case RSin:
		return math.Sin(x)
	case RCos:
		return math.Cos(x)
	case RTan:
		return math.Tan(x)
	}
	return math.NaN()
}

// Real2Float applies + - * / ^ in float64, NaN where undefined.
func Real2Float(op RealOp, x, y float64) float64 {
	switch op {
	case RAdd:
		return x + y
	case RSub:
		return x - y
	case RMul:
		return x * y
	case RDiv:
		if y == 0 {
			return math.NaN()
		}
		return x / y
	case RPow:
		if x < 0 && y != math.Trunc(y) || x == 0 && y <= 0 {
			return math.NaN()
		}
		return math.Pow(x, y)
	}
	return math.NaN()
}
