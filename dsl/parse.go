package dsl

import (
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseError reports where the text stopped making sense and why.
type ParseError struct {
	Pos int // byte offset into the input, counted from 1
	Msg string
}

func (e *ParseError) Error() string { return fmt.Sprintf("column %d: %s", e.Pos, e.Msg) }

// maxParseDepth bounds nesting so that hostile input cannot exhaust the stack.
const maxParseDepth = 200

type token struct {
	pos  int    // byte offset, from 0
	text string // "" at the end of input
	num  bool   // an unsigned decimal integer
}

func (t token) String() string {
	if t.text == "" {
		return "end of input"
	}
	return strconv.Quote(t.text)
}

type parser struct {
	toks  []token
	i     int
	depth int
	// While a body is parsed: its kind (for messages), what it may read,
	// how many sum/prod bodies enclose the current position, and the
	// largest a(n-i) seen.
	kind    Kind
	grammar Grammar
	loops   int
	maxLag  int
}

func tokenize(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, token{pos: i, text: s[i:j], num: true})
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			toks = append(toks, token{pos: i, text: s[i:j]})
			i = j
		case strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], ">=") || strings.HasPrefix(s[i:], ".."):
			toks = append(toks, token{pos: i, text: s[i : i+2]})
			i += 2
		case strings.ContainsRune("+-*/^!(),=;[]{}:>|", rune(c)):
			toks = append(toks, token{pos: i, text: s[i : i+1]})
			i++
		default:
			// Decode the whole character: "2×n" should name '×', not the
			// first byte of its UTF-8 encoding.
			r, _ := utf8.DecodeRuneInString(s[i:])
			return nil, &ParseError{Pos: i + 1, Msg: fmt.Sprintf("unexpected character %q", r)}
		}
	}
	return append(toks, token{pos: len(s)}), nil
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.text != "" {
		p.i++
	}
	return t
}

func (p *parser) errorf(t token, format string, args ...any) error {
	return &ParseError{Pos: t.pos + 1, Msg: fmt.Sprintf(format, args...)}
}

// expect consumes the given tokens in order, failing at the first that
// is not there.
func (p *parser) expect(texts ...string) error {
	for _, text := range texts {
		if t := p.next(); t.text != text {
			return p.errorf(t, "expected %q, found %s", text, t)
		}
	}
	return nil
}

// ParseExpr parses an expression such as "2*n + 1". It accepts a(n-i) and k
// anywhere; ParseProgram checks that they are used where they mean something.
func ParseExpr(s string) (Expr, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, grammar: Grammar{Lags: MaxOrder, K: true, Loops: true}}
	e, err := p.exprAt(PrecCond)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.text != "" {
		return nil, p.errorf(t, "unexpected %s after the expression", t)
	}
	return e, nil
}

// ParseProgram parses a program in the text form that Program.String
// prints.
func ParseProgram(s string) (*Program, error) {
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	prog, err := p.program()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.text != "" {
		return nil, p.errorf(t, "unexpected %s after the program", t)
	}
	return prog, nil
}

// program parses a program of the kind its lead names (see dispatch).
func (p *parser) program() (*Program, error) {
	group, err := p.dispatch()
	if err != nil {
		return nil, err
	}
	if s := group[0].spec(); s.parse != nil {
		return s.parse(p)
	}
	return p.bodyProgram(group)
}

// dispatch returns the kinds whose lead the text starts with, those of
// the longest lead in table order. When no lead matches, it names the
// token expected where the text goes wrong, of the lead that goes
// furthest (the first in table order among equals).
func (p *parser) dispatch() ([]Kind, error) {
	var group []Kind
	best, deep, want := -1, -1, ""
	for _, k := range Kinds() {
		for _, lead := range k.spec().lead {
			m := 0
			for m < len(lead) && p.toks[p.i+m].text == lead[m] {
				m++
			}
			switch {
			case m == len(lead) && m > best:
				group, best = []Kind{k}, m
			case m == len(lead) && m == best && !slices.Contains(group, k):
				group = append(group, k)
			case m < len(lead) && m > deep:
				deep, want = m, lead[m]
			}
		}
	}
	if group == nil {
		t := p.toks[p.i+deep]
		return nil, p.errorf(t, "expected %q, found %s", want, t)
	}
	return group, nil
}

// offset parses the rest of the tail "; n >= 0" or "; n >= 1" after the
// ";".
func (p *parser) offset(prog *Program) error {
	if err := p.expect("n", ">="); err != nil {
		return err
	}
	first, err := p.firstIndex("index")
	if err != nil {
		return err
	}
	prog.Offset = first
	return nil
}

// firstIndex parses the 0 or 1 that ends "n >= ", the offset of a program;
// what names it in the error message.
func (p *parser) firstIndex(what string) (int, error) {
	t := p.next()
	if t.text != "0" && t.text != "1" {
		return 0, p.errorf(t, "expected the first %s, 0 or 1, found %s", what, t)
	}
	return int(t.text[0] - '0'), nil
}

func (p *parser) signedInt() (*big.Int, error) {
	neg := false
	if p.peek().text == "-" {
		p.next()
		neg = true
	}
	t := p.next()
	if !t.num {
		return nil, p.errorf(t, "expected an integer, found %s", t)
	}
	v, _ := new(big.Int).SetString(t.text, 10)
	if neg {
		v.Neg(v)
	}
	return v, nil
}

func (p *parser) enter() error {
	if p.depth++; p.depth > maxParseDepth {
		return p.errorf(p.peek(), "expression nested too deeply")
	}
	return nil
}

// Operators by their place in the text, from the operator table: infix
// (binary operators of level PrecAdd to PrecPow), prefix (PrecUnary),
// postfix (PrecPostfix), and function calls (PrecAtom) by name.
var infixOps, prefixOps, postfixOps, callOps = func() (in, pre, post, call map[string]Op) {
	in, pre, post, call = map[string]Op{}, map[string]Op{}, map[string]Op{}, map[string]Op{}
	for op, info := range Ops {
		switch {
		case info.Arity == 0:
		case info.Prec == PrecUnary:
			pre[info.Name] = Op(op)
		case info.Prec == PrecPostfix:
			post[info.Name] = Op(op)
		case info.Prec == PrecAtom:
			call[info.Name] = Op(op)
		case info.Arity == 2:
			in[info.Name] = Op(op)
		}
	}
	return in, pre, post, call
}()

// exprAt parses an expression whose operators outside parentheses bind at
// least as tightly as the level min, by precedence climbing over the
// operator table:
//
//	expr    := "if" expr@PrecAdd "<=" "0" "then" expr "else" expr    (min <= PrecCond)
//	         | operand { INFIX expr@next | POSTFIX }                  (their level >= min)
//	operand := PREFIX expr@PrecUnary | atom
//
// where next is the infix operator's own level for one that groups to
// the right, the level above for the others. A prefix operator may start
// any operand (2^-n, n*-n), and binds more loosely than ^ and ! (-2^n is
// -(2^n)).
func (p *parser) exprAt(min int) (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.peek().text == "if" && min <= PrecCond {
		return p.cond()
	}
	var x Expr
	var err error
	if op, ok := prefixOps[p.peek().text]; ok {
		p.next()
		if x, err = p.exprAt(Ops[op].Prec); err != nil {
			return nil, err
		}
		x = &Unary{Op: op, X: x}
	} else if x, err = p.atom(); err != nil {
		return nil, err
	}
	for {
		text := p.peek().text
		if op, ok := postfixOps[text]; ok && Ops[op].Prec >= min {
			p.next()
			x = &Unary{Op: op, X: x}
			continue
		}
		op, ok := infixOps[text]
		if !ok || Ops[op].Prec < min {
			return x, nil
		}
		p.next()
		next := Ops[op].Prec + 1
		if Ops[op].Right {
			next = Ops[op].Prec
		}
		y, err := p.exprAt(next)
		if err != nil {
			return nil, err
		}
		x = &Binary{Op: op, X: x, Y: y}
	}
}

// cond parses "if c <= 0 then x else y".
func (p *parser) cond() (Expr, error) {
	p.next()
	c, err := p.exprAt(PrecAdd)
	if err != nil {
		return nil, err
	}
	if err := p.expect("<=", "0", "then"); err != nil {
		return nil, err
	}
	x, err := p.exprAt(PrecCond)
	if err != nil {
		return nil, err
	}
	if err := p.expect("else"); err != nil {
		return nil, err
	}
	y, err := p.exprAt(PrecCond)
	if err != nil {
		return nil, err
	}
	return &Cond{Cond: c, Then: x, Else: y}, nil
}

// atom := CONST | "n" | "k" | "a(n-" LAG ")" | CELL | "(" expr ")" | CALL
//
// where a cell, T(n-1, k-1) and the others of TriangleRec, is read in
// place of a(n-LAG) in a body whose grammar has Cells.
func (p *parser) atom() (Expr, error) {
	t := p.next()
	switch {
	case t.num:
		v, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil || v == int64(Undef) {
			return nil, p.errorf(t, "constant %s is too large", t.text)
		}
		if v < 1 {
			return nil, p.errorf(t, "constants are positive integers (write 0 as n-n)")
		}
		return &Const{Value: v}, nil
	case t.text == "n" && p.grammar.Prime:
		return nil, p.errorf(t, "n cannot be used in a multiplicative function's body: it reads the prime p and the exponent k")
	case t.text == "n", t.text == "p" && p.grammar.Prime:
		return &Index{}, nil
	case t.text == "k":
		if p.loops == 0 && !p.grammar.K {
			return nil, p.errorf(t, "k is only defined inside sum(...) or prod(...)")
		}
		return &LoopVar{}, nil
	case t.text == "a" && p.grammar.Cells:
		e, err := p.prev()
		if err != nil {
			return nil, err
		}
		return nil, p.errorf(t, "a(n-%d) cannot be used in T(n, k): a triangle recurrence reads %s", e.(*Prev).Lag, cellList())
	case t.text == "a":
		return p.prev()
	case t.text == "T" && p.grammar.Cells:
		return p.cell()
	case t.text == "(":
		x, err := p.exprAt(PrecCond)
		if err != nil {
			return nil, err
		}
		return x, p.expect(")")
	}
	if op, ok := callOps[t.text]; ok {
		if Ops[op].Loop {
			return p.loop(t, op)
		}
		return p.call(op)
	}
	return nil, p.errorf(t, "expected a number, n, k, a(n-i), a function or \"(\", found %s", t)
}

// prev parses the rest of a(n-i).
func (p *parser) prev() (Expr, error) {
	if err := p.expect("(", "n", "-"); err != nil {
		return nil, err
	}
	t := p.next()
	lag, err := strconv.Atoi(t.text)
	if !t.num || err != nil || lag < 1 || lag > MaxOrder {
		return nil, p.errorf(t, "expected a(n-1) .. a(n-%d), found a(n-%s", MaxOrder, t.text)
	}
	p.maxLag = max(p.maxLag, lag)
	return &Prev{Lag: lag}, p.expect(")")
}

// call parses the rest of f(x) or f(x, y).
func (p *parser) call(op Op) (Expr, error) {
	var args [2]Expr
	for i := range Ops[op].Arity {
		sep := "("
		if i > 0 {
			sep = ","
		}
		if err := p.expect(sep); err != nil {
			return nil, err
		}
		x, err := p.exprAt(PrecCond)
		if err != nil {
			return nil, err
		}
		args[i] = x
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if Ops[op].Arity == 1 {
		return &Unary{Op: op, X: args[0]}, nil
	}
	return &Binary{Op: op, X: args[0], Y: args[1]}, nil
}

// loop parses the rest of sum(k=1..n, body) or prod(k=1..n, body).
func (p *parser) loop(t token, op Op) (Expr, error) {
	if !p.grammar.Loops {
		return nil, p.errorf(t, "%s %s", t.text, p.kind.spec().body.noLoops)
	}
	if err := p.expect("(", "k", "=", "1", "..", "n", ","); err != nil {
		return nil, err
	}
	p.loops++
	body, err := p.exprAt(PrecCond)
	p.loops--
	if err != nil {
		return nil, err
	}
	return &Loop{Op: op, Body: body}, p.expect(")")
}
