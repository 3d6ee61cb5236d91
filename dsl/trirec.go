package dsl

import (
	"math/big"
	"strconv"
	"strings"
)

// TriangleRec programs define a triangle read by rows, like Triangle
// programs, by a recurrence: the body computes each entry T(n, k) from n
// (the row), k (the column) and entries computed before it, the cells of
// TriangleCells, written T(n-1, k-1), T(n-1, k), T(n, k-1), T(n-1, k+1),
// T(n-2, k-1) and T(n-2, k). A cell outside the triangle (a column before
// the first or after the row's last, a row before the first) reads 0.
// The first entry comes from the tail, which is either that entry
// (order 1),
//
//	T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1      Pascal's triangle
//	T(n, k) = T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1    Stirling numbers of the second kind
//
// or boundary rules (order 0): closed forms in n for the first column,
// T(n, 0) (T(n, 1) from n = 1), and for the last, T(n, n), one or both;
// where a rule is given it gives that column (the first entry follows the
// left rule, or the right one when there is no left rule), and the body
// gives every other entry:
//
//	T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1
//	T(n, k) = 2*T(n-1, k) - T(n-1, k-1); T(n, 0) = n + 1
//	T(n, k) = T(n-1, k) + T(n-1, k-1); T(n, n) = 1; n >= 1
//
// With offset 1 rows start at n = 1 and columns at k = 1; the tail says
// which (T(1, 1), T(n, 1), or "; n >= 1" after a lone right rule). The
// body reads n, k and the cells, and no loops (which would bind k); the
// rules read n and may use loops.
//
// The body's code is a body's: the cells take the code words of the
// earlier terms a(n-1) .. a(n-6) they stand for (3, 4, 5, 7, 9 and 9
// bits). The header is "0111", the gamma code of 10, and one bit for the
// tail: "0" for the first entry, which follows the body in the universal
// integer code, "1" for rules, which follow the body as one bit for each
// rule (left, right; "00" is unused) and each rule's body. Then the
// offset bit, as for every body kind.
const TriangleRec Kind = 8

// Cell is an entry of a triangle before the one computed, T(n-DN, k-DK).
type Cell struct{ DN, DK int }

// TriangleCells are the cells a triangle recurrence reads, in the order
// of the earlier terms a(n-1), a(n-2), ... that stand for them in its
// body: a(n-1) is T(n-1, k-1), a(n-2) is T(n-1, k), and so on. The
// commonest come first, as the shorter code words do.
var TriangleCells = [...]Cell{{1, 1}, {1, 0}, {0, 1}, {1, -1}, {2, 1}, {2, 0}}

// TriRecParts are the boundary rules of a triangle recurrence of order
// 0: the bodies of T(n, first column) and T(n, n), nil when not given.
type TriRecParts struct {
	Left, Right Expr
}

func (*TriRecParts) partsNode() {}

// NewTriangleRec returns the triangle recurrence with the given body whose
// first entry, T(offset, offset), is top.
func NewTriangleRec(offset int, body Expr, top *big.Int) *Program {
	return &Program{Kind: TriangleRec, Offset: offset, Order: 1, Body: body, Init: []*big.Int{new(big.Int).Set(top)}}
}

// NewTriangleRules returns the triangle recurrence with the given body
// and boundary rules (at least one of left and right).
func NewTriangleRules(offset int, body, left, right Expr) *Program {
	return &Program{Kind: TriangleRec, Offset: offset, Body: body, Parts: &TriRecParts{Left: left, Right: right}}
}

// triRecWord is the kind's header word before the bit for its tail.
var triRecWord = "0111" + gammaWord(10)

func init() {
	define(TriangleRec, &kindSpec{
		name: "triangle recurrence",
		word: func(order int) string {
			if order == 1 {
				return triRecWord + "0"
			}
			return triRecWord + "1"
		},
		offsetBit: true,
		leads:     []string{"T(n, k) ="},
		print:     printTriRec,
		bits:      triRecBits,
		encode:    encodeTriRec,
		values:    triRecValues,
		bigValues: triRecBigValues,
		body: &BodySpec{
			MinOrder: 0,
			MaxOrder: 1,
			K:        true,
			Cells:    len(TriangleCells),
			Point: func(offset, i int) (n, k Value) {
				row, col := TriangleCell(i)
				return Value(offset + row), Value(offset + col)
			},
			tail:    triRecTail,
			noLoops: "cannot be used in a triangle recurrence: it binds k, the column",
		},
		noRival: "the best explanation is a triangle recurrence, whose entries are computed from the entries above them: a product vanishing at the given terms would change every entry after them",
	})
}

// cellText writes the cell that a(n-lag) stands for in a triangle
// recurrence, a(n-lag) itself when there is none (a body the parser
// would not give).
func cellText(lag int) string {
	if lag < 1 || lag > len(TriangleCells) {
		return "a(n-" + strconv.Itoa(lag) + ")"
	}
	c := TriangleCells[lag-1]
	return "T(" + shifted("n", c.DN) + ", " + shifted("k", c.DK) + ")"
}

// shifted writes v-d: "n-1", "k", "k+1".
func shifted(v string, d int) string {
	switch {
	case d > 0:
		return v + "-" + strconv.Itoa(d)
	case d < 0:
		return v + "+" + strconv.Itoa(-d)
	}
	return v
}

// cellList names the cells, for messages.
func cellList() string {
	var sb strings.Builder
	for lag := 1; lag <= len(TriangleCells); lag++ {
		switch {
		case lag == len(TriangleCells):
			sb.WriteString(" and ")
		case lag > 1:
			sb.WriteString(", ")
		}
		sb.WriteString(cellText(lag))
	}
	return sb.String()
}

// cell parses the rest of a cell, "(n-1, k-1)" after "T", as the earlier
// term that stands for it.
func (p *parser) cell() (Expr, error) {
	start := p.toks[p.i-1]
	shift := func(v string) (int, error) {
		if err := p.expect(v); err != nil {
			return 0, err
		}
		sign := 0
		switch p.peek().text {
		case "-":
			sign = 1
		case "+":
			sign = -1
		default:
			return 0, nil
		}
		p.next()
		t := p.next()
		d, err := strconv.Atoi(t.text)
		if !t.num || err != nil || d > 9 {
			return 0, p.errorf(t, "expected a shift of %s from 1 to 9, found %s", v, t)
		}
		return sign * d, nil
	}
	if err := p.expect("("); err != nil {
		return nil, err
	}
	dn, err := shift("n")
	if err != nil {
		return nil, err
	}
	if err := p.expect(","); err != nil {
		return nil, err
	}
	dk, err := shift("k")
	if err != nil {
		return nil, err
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	for i, c := range TriangleCells {
		if c == (Cell{dn, dk}) {
			p.maxLag = max(p.maxLag, i+1)
			return &Prev{Lag: i + 1}, nil
		}
	}
	return nil, p.errorf(start, "T(%s, %s) is not an entry a triangle recurrence reads: it reads %s",
		shifted("n", dn), shifted("k", dk), cellList())
}

// triRecTail parses the tail of a triangle recurrence: its first entry,
// "; T(0, 0) = 1" (or T(1, 1)), or its boundary rules, "; T(n, 0) = L,
// T(n, n) = R" (T(n, 1) from n = 1), either or both, with "; n >= 1"
// after a lone right rule from n = 1.
func triRecTail(p *parser, prog *Program, last bool) (bool, error) {
	if p.peek().text != ";" || p.toks[p.i+1].text != "T" {
		if !last {
			return false, nil
		}
		return true, p.errorf(p.peek(), `a triangle recurrence needs its first entry or its boundary rules, e.g. "; T(0, 0) = 1" or "; T(n, 0) = 1, T(n, n) = 1"`)
	}
	if err := p.expect(";", "T", "("); err != nil {
		return true, err
	}
	if p.peek().num {
		return true, p.firstEntry(prog)
	}
	if err := p.expect("n", ","); err != nil {
		return true, err
	}
	g := &TriRecParts{}
	prog.Parts = g
	var err error
	if p.peek().text != "n" {
		if prog.Offset, err = p.firstIndex("column"); err != nil {
			return true, err
		}
		if g.Left, err = p.rule(); err != nil {
			return true, err
		}
		if p.peek().text != "," {
			return true, nil
		}
		if err := p.expect(",", "T", "(", "n", ","); err != nil {
			return true, err
		}
	}
	if err := p.expect("n"); err != nil {
		return true, err
	}
	if g.Right, err = p.rule(); err != nil {
		return true, err
	}
	if g.Left == nil && p.peek().text == ";" {
		p.next()
		return true, p.offset(prog)
	}
	return true, nil
}

// firstEntry parses the rest of "T(0, 0) = v" after "T(".
func (p *parser) firstEntry(prog *Program) error {
	row, err := p.firstIndex("row")
	if err != nil {
		return err
	}
	if err := p.expect(","); err != nil {
		return err
	}
	if t := p.peek(); t.text != strconv.Itoa(row) {
		return p.errorf(t, "expected the first entry, T(%d, %d), found column %s", row, row, t)
	}
	p.next()
	if err := p.expect(")", "="); err != nil {
		return err
	}
	v, err := p.signedInt()
	if err != nil {
		return err
	}
	prog.Offset, prog.Order, prog.Init = row, 1, []*big.Int{v}
	return nil
}

// rule parses the rest of a boundary rule, ") = body", whose body reads
// n alone (and may use loops). It keeps the parser's record of the
// earlier terms the recurrence's body read.
func (p *parser) rule() (Expr, error) {
	if err := p.expect(")", "="); err != nil {
		return nil, err
	}
	kind, grammar, maxLag := p.kind, p.grammar, p.maxLag
	defer func() { p.kind, p.grammar, p.maxLag = kind, grammar, maxLag }()
	at := p.peek()
	body, err := p.body(TriangleRec, Grammar{Loops: true}, PrecCond)
	if err == nil && p.maxLag > 0 {
		err = p.errorf(at, "a(n-%d) cannot be used in a boundary rule, a closed form in n", p.maxLag)
	}
	return body, err
}

// printTriRec writes "T(n, k) = body; tail".
func printTriRec(sb *strings.Builder, p *Program) {
	sb.WriteString("T(n, k) = ")
	printCells(sb, p.Body, PrecCond)
	sb.WriteString("; ")
	first := strconv.Itoa(p.Offset)
	if p.Order == 1 {
		sb.WriteString("T(" + first + ", " + first + ") = ")
		if len(p.Init) > 0 {
			sb.WriteString(p.Init[0].String())
		}
		return
	}
	g := partsOf[TriRecParts](p)
	if g.Left != nil {
		sb.WriteString("T(n, " + first + ") = ")
		printExpr(sb, g.Left, PrecCond)
		if g.Right != nil {
			sb.WriteString(", ")
		}
	}
	if g.Right != nil {
		sb.WriteString("T(n, n) = ")
		printExpr(sb, g.Right, PrecCond)
		if g.Left == nil {
			printOffset(sb, p)
		}
	}
}

// triRecBits is the code after the header and the offset bit: the body,
// then the first entry or a bit for each rule and the rules' bodies.
func triRecBits(p *Program) int {
	b := bodyBits(p)
	if p.Order == 1 {
		return b
	}
	g := partsOf[TriRecParts](p)
	b += 2
	for _, r := range []Expr{g.Left, g.Right} {
		if r != nil {
			b += ExprBits(r)
		}
	}
	return b
}

func encodeTriRec(sb *strings.Builder, p *Program) {
	encodeBody(sb, p)
	if p.Order == 1 {
		return
	}
	g := partsOf[TriRecParts](p)
	for _, r := range []Expr{g.Left, g.Right} {
		sb.WriteByte("01"[btoi(r != nil)])
	}
	for _, r := range []Expr{g.Left, g.Right} {
		if r != nil {
			encodeExpr(sb, r)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// triRecEntry says how a triangle recurrence gives the i-th entry: from
// its first entry (first), a rule's body (rule, not nil), or its body.
func triRecEntry(p *Program, row, col int) (first bool, rule Expr) {
	g := partsOf[TriRecParts](p)
	switch {
	case p.Order == 1 && row == 0:
		return true, nil
	case p.Order == 0 && col == 0 && g.Left != nil:
		return false, g.Left
	case p.Order == 0 && col == row && g.Right != nil:
		return false, g.Right
	}
	return false, nil
}

// cellIndex returns the position in the reading order of the cell c of
// the entry at row, col (counted from 0), or -1 when the cell lies
// outside the triangle.
func cellIndex(c Cell, row, col int) int {
	r, k := row-c.DN, col-c.DK
	if r < 0 || k < 0 || k > r || (c.DN == 0 && k >= col) {
		return -1
	}
	return r*(r+1)/2 + k
}

// triRecBigValues computes the entries in reading order, exactly; an
// entry the body, a rule or a cell leaves undefined is nil.
func triRecBigValues(p *Program, count int) []*big.Int {
	out := make([]*big.Int, count)
	for i := range out {
		row, col := TriangleCell(i)
		n := big.NewInt(int64(p.Offset + row))
		first, rule := triRecEntry(p, row, col)
		switch {
		case first:
			if len(p.Init) > 0 {
				out[i] = p.Init[0]
			}
		case rule != nil:
			out[i] = EvalBig(rule, &BigEnv{N: n})
		default:
			env := BigEnv{N: n, K: big.NewInt(int64(p.Offset + col))}
			for lag, c := range TriangleCells {
				env.Prev[lag] = new(big.Int)
				if j := cellIndex(c, row, col); j >= 0 {
					env.Prev[lag] = out[j]
				}
			}
			out[i] = EvalBig(p.Body, &env)
		}
	}
	return out
}

// triRecValues is triRecBigValues in int64: any overflow is Undef.
func triRecValues(p *Program, count int) []Value {
	out := make([]Value, count)
	for i := range out {
		row, col := TriangleCell(i)
		n := Value(p.Offset + row)
		first, rule := triRecEntry(p, row, col)
		switch {
		case first:
			out[i] = Undef
			if len(p.Init) > 0 {
				out[i] = FromBig(p.Init[0])
			}
		case rule != nil:
			out[i] = Eval(rule, &Env{N: n, K: Undef})
		default:
			env := Env{N: n, K: Value(p.Offset + col)}
			for lag, c := range TriangleCells {
				if j := cellIndex(c, row, col); j >= 0 {
					env.Prev[lag] = out[j]
				}
			}
			for lag := len(TriangleCells); lag < MaxOrder; lag++ {
				env.Prev[lag] = Undef
			}
			out[i] = Eval(p.Body, &env)
		}
	}
	return out
}
