package dsl

import (
	"fmt"
	"math/big"
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
	loops int // how many sum/prod bodies enclose the current position
	// inTriangle: parsing the body of T(n, k), where k is the column and
	// sum and prod (which bind k) are not allowed.
	inTriangle bool
	maxLag     int // the largest a(n-i) seen
	depth      int
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
		case strings.ContainsRune("+-*/^!(),=;[]{}:>", rune(c)):
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
	p := &parser{toks: toks, loops: 1}
	e, err := p.expr()
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

func (p *parser) program() (*Program, error) {
	if p.peek().text == "T" {
		return p.triangle()
	}
	if err := p.expect("a"); err != nil {
		return nil, err
	}
	if p.peek().text == "=" {
		p.next()
		if p.peek().text == "{" {
			return p.filter()
		}
		if p.peek().text == "digits" {
			return p.digits()
		}
		if isSqrtCFName(p.peek().text) {
			return p.sqrtCF()
		}
		return p.literal()
	}
	if err := p.expect("(", "n", ")", "="); err != nil {
		return nil, err
	}
	if p.peek().text == "[" {
		return p.rational()
	}
	body, err := p.expr()
	if err != nil {
		return nil, err
	}
	prog := &Program{Kind: ClosedForm, Body: body}
	if p.peek().text != ";" {
		return prog, p.checkClosed()
	}
	p.next()
	if p.peek().text == "n" {
		return prog, p.offset(prog)
	}
	return prog, p.initialTerms(prog)
}

// offset parses the rest of a closed form or triangle: "n >= 0" or
// "n >= 1".
func (p *parser) offset(prog *Program) error {
	if err := p.expect("n", ">="); err != nil {
		return err
	}
	first, err := p.firstIndex("index")
	if err != nil {
		return err
	}
	prog.Offset = first
	return p.checkClosed()
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

// triangle parses "T(n, k) = body" and an optional "; n >= 1".
func (p *parser) triangle() (*Program, error) {
	if err := p.expect("T", "(", "n", ",", "k", ")", "="); err != nil {
		return nil, err
	}
	p.inTriangle, p.loops = true, 1 // k is the column
	body, err := p.expr()
	if err != nil {
		return nil, err
	}
	prog := &Program{Kind: Triangle, Body: body}
	if p.peek().text != ";" {
		return prog, p.checkClosed()
	}
	p.next()
	return prog, p.offset(prog)
}

func (p *parser) checkClosed() error {
	if p.maxLag > 0 && p.inTriangle {
		return p.errorf(p.peek(), "a(n-%d) cannot be used in T(n, k)", p.maxLag)
	}
	if p.maxLag > 0 {
		return p.errorf(p.peek(), "a(n-%d) needs initial terms, e.g. \"; a(0) = 1\"", p.maxLag)
	}
	return nil
}

func (p *parser) initialTerms(prog *Program) error {
	prog.Kind = Recurrence
	for {
		if err := p.expect("a", "("); err != nil {
			return err
		}
		t := p.next()
		idx, err := strconv.Atoi(t.text)
		if !t.num || err != nil {
			return p.errorf(t, "expected an index, found %s", t)
		}
		switch {
		case len(prog.Init) == 0 && idx > 1:
			return p.errorf(t, "the first index must be 0 or 1, found %d", idx)
		case len(prog.Init) == 0:
			prog.Offset = idx
		case idx != prog.Offset+len(prog.Init):
			return p.errorf(t, "expected a(%d), found a(%d)", prog.Offset+len(prog.Init), idx)
		}
		if err := p.expect(")", "="); err != nil {
			return err
		}
		v, err := p.signedInt()
		if err != nil {
			return err
		}
		prog.Init = append(prog.Init, v)
		if len(prog.Init) > MaxOrder {
			return p.errorf(t, "at most %d initial terms", MaxOrder)
		}
		if p.peek().text != "," {
			break
		}
		p.next()
	}
	prog.Order = len(prog.Init)
	if p.maxLag > prog.Order {
		return p.errorf(p.peek(), "a(n-%d) needs %d initial terms, found %d", p.maxLag, p.maxLag, prog.Order)
	}
	return nil
}

// filter parses the rest of "a = {n >= 0 : body > 0}".
func (p *parser) filter() (*Program, error) {
	if err := p.expect("{", "n", ">="); err != nil {
		return nil, err
	}
	offset, err := p.firstIndex("n")
	if err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	// The condition is an add-level expression so that "> 0" ends it.
	body, err := p.add()
	if err != nil {
		return nil, err
	}
	if err := p.expect(">", "0", "}"); err != nil {
		return nil, err
	}
	if p.maxLag > 0 {
		return nil, p.errorf(p.peek(), "a(n-%d) cannot be used in a filter", p.maxLag)
	}
	return &Program{Kind: Filter, Offset: offset, Body: body}, nil
}

func (p *parser) literal() (*Program, error) {
	if err := p.expect("["); err != nil {
		return nil, err
	}
	prog := &Program{Kind: Literal}
	for p.peek().text != "]" {
		if len(prog.Terms) > 0 {
			if err := p.expect(","); err != nil {
				return nil, err
			}
		}
		v, err := p.signedInt()
		if err != nil {
			return nil, err
		}
		prog.Terms = append(prog.Terms, v)
	}
	p.next()
	return prog, nil
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

// expr := "if" add "<=" "0" "then" expr "else" expr | add
func (p *parser) expr() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.peek().text != "if" {
		return p.add()
	}
	p.next()
	c, err := p.add()
	if err != nil {
		return nil, err
	}
	if err := p.expect("<=", "0", "then"); err != nil {
		return nil, err
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	if err := p.expect("else"); err != nil {
		return nil, err
	}
	y, err := p.expr()
	if err != nil {
		return nil, err
	}
	return &Cond{Cond: c, Then: x, Else: y}, nil
}

// add := mul {("+" | "-") mul}
func (p *parser) add() (Expr, error) {
	x, err := p.mul()
	for err == nil && (p.peek().text == "+" || p.peek().text == "-") {
		op := OpAdd
		if p.next().text == "-" {
			op = OpSub
		}
		var y Expr
		if y, err = p.mul(); err == nil {
			x = &Binary{Op: op, X: x, Y: y}
		}
	}
	return x, err
}

// mul := unary {("*" | "/" | "mod") unary}
func (p *parser) mul() (Expr, error) {
	x, err := p.unary()
	for err == nil {
		var op Op
		switch p.peek().text {
		case "*":
			op = OpMul
		case "/":
			op = OpDiv
		case "mod":
			op = OpMod
		default:
			return x, nil
		}
		p.next()
		var y Expr
		if y, err = p.unary(); err == nil {
			x = &Binary{Op: op, X: x, Y: y}
		}
	}
	return x, err
}

// unary := "-" unary | pow
func (p *parser) unary() (Expr, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.peek().text == "-" {
		p.next()
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &Unary{Op: OpNeg, X: x}, nil
	}
	return p.pow()
}

// pow := postfix ["^" unary]
func (p *parser) pow() (Expr, error) {
	x, err := p.postfix()
	if err != nil || p.peek().text != "^" {
		return x, err
	}
	p.next()
	y, err := p.unary()
	if err != nil {
		return nil, err
	}
	return &Binary{Op: OpPow, X: x, Y: y}, nil
}

// postfix := atom {"!"}
func (p *parser) postfix() (Expr, error) {
	x, err := p.atom()
	for err == nil && p.peek().text == "!" {
		p.next()
		x = &Unary{Op: OpFact, X: x}
	}
	return x, err
}

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
	case t.text == "n":
		return &Index{}, nil
	case t.text == "k":
		if p.loops == 0 {
			return nil, p.errorf(t, "k is only defined inside sum(...) or prod(...)")
		}
		return &LoopVar{}, nil
	case t.text == "a":
		return p.prev()
	case t.text == "(":
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		return x, p.expect(")")
	case t.text == "binomial" || t.text == "gcd":
		return p.call2(t.text)
	case t.text == "sum" || t.text == "prod":
		if p.inTriangle {
			return nil, p.errorf(t, "%s cannot be used in T(n, k): it binds k, the column", t.text)
		}
		return p.loop(t.text)
	}
	if op, ok := funcByName[t.text]; ok {
		return p.call1(op)
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

func (p *parser) call2(name string) (Expr, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	if err := p.expect(","); err != nil {
		return nil, err
	}
	y, err := p.expr()
	if err != nil {
		return nil, err
	}
	op := OpGcd
	if name == "binomial" {
		op = OpBinom
	}
	return &Binary{Op: op, X: x, Y: y}, p.expect(")")
}

// funcByName maps the names of the one-argument functions called as f(x)
// to their operators.
var funcByName = func() map[string]Op {
	m := map[string]Op{}
	for _, op := range Funcs1 {
		if Ops[op].Prec == PrecAtom {
			m[Ops[op].Name] = op
		}
	}
	return m
}()

// call1 parses the rest of f(x).
func (p *parser) call1(op Op) (Expr, error) {
	if err := p.expect("("); err != nil {
		return nil, err
	}
	x, err := p.expr()
	if err != nil {
		return nil, err
	}
	return &Unary{Op: op, X: x}, p.expect(")")
}

// loop parses the rest of sum(k=1..n, body) or prod(k=1..n, body).
func (p *parser) loop(name string) (Expr, error) {
	if err := p.expect("(", "k", "=", "1", "..", "n", ","); err != nil {
		return nil, err
	}
	p.loops++
	body, err := p.expr()
	p.loops--
	if err != nil {
		return nil, err
	}
	op := OpSum
	if name == "prod" {
		op = OpProd
	}
	return &Loop{Op: op, Body: body}, p.expect(")")
}
