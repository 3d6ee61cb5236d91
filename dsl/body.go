package dsl

import (
	"math/big"
	"slices"
	"strconv"
	"strings"
)

// Grammar says what an integer body may read and use: n always; k when K
// (a triangle's column); the earlier terms a(n-1) .. a(n-Lags); and the
// loops sum and prod when Loops (their own bodies read k, the loop
// variable). When Cells, the earlier terms are the entries of a triangle
// around the one the body computes, written T(n-1, k-1), T(n-1, k), ...
// (see TriangleRec) rather than a(n-1), a(n-2), ... When Prime, the index
// variable is the prime p of a multiplicative function's body, written p
// and not n (see Multiplicative). The parser, the search and the tests
// read it.
type Grammar struct {
	Lags  int
	K     bool
	Loops bool
	Cells bool
	Prime bool
}

// LoopBody is what the search lets the body of sum and prod read: n and
// k, no earlier terms and no nested loops.
var LoopBody = Grammar{K: true}

// Leaves returns the variable leaves g allows, in table order: n, then k
// or a(n-1) .. a(n-Lags).
func (g Grammar) Leaves() []Expr {
	out := []Expr{&Index{}}
	if g.K {
		out = append(out, &LoopVar{})
	}
	for lag := 1; lag <= g.Lags; lag++ {
		out = append(out, &Prev{Lag: lag})
	}
	return out
}

// BodySpec is the part of the kind table about a kind with an integer
// body: what the body may read, and where it is evaluated.
type BodySpec struct {
	// MinOrder and MaxOrder bound a program's order: its body reads
	// a(n-1) .. a(n-Order) and its first Order terms are initial terms
	// (0 and 0 for a body that reads no earlier term).
	MinOrder, MaxOrder int
	// K: the body reads k besides n (a triangle's column).
	K bool
	// Loops: the body may use sum and prod.
	Loops bool
	// Point returns the index n, and k (Undef for a kind without K), at
	// which the body computes the i-th term (i >= Order, counted from 0)
	// of a program with the given offset. It is nil for a kind that
	// evaluates its body elsewhere (a filter tests every n) or at
	// several cells per term (SumCells).
	Point func(offset, i int) (n, k Value)
	// SumCells, for a kind whose terms are sums of the body (a divisor sum,
	// which reads K), appends to ks the values of k at which the body is
	// evaluated for the i-th term, and returns n and ks: the term is the
	// sum of the body at the cells (n, k) for those k (an empty sum is 0).
	// The first term of a program must have exactly one cell: the search
	// screens candidates on their value there. Point is then nil.
	SumCells func(offset, i int, ks []Value) (n Value, out []Value)
	// Offset is the offset of every program of a kind whose header has
	// no offset bit (a divisor sum starts at n = 1).
	Offset int
	// SearchFrom is how many given terms the fast search needs before it
	// enumerates the bodies of this kind (0: it never does). A program
	// of order r also needs more than r terms.
	SearchFrom int
	// Cells is how many earlier terms the body reads whatever the
	// program's order: a(n-1) .. a(n-Cells) are then the entries of a
	// triangle around the one computed (TriangleRec), written as cells,
	// T(n-1, k-1), ..., and not a(n-1), ... (0 for the other kinds).
	Cells int
	// Prime: the body reads the prime p in place of n, and k is the
	// exponent of a prime power p^k (Multiplicative, whose terms are
	// products of the body over the prime powers exactly dividing n:
	// Point then gives the i-th prime power, p and k, the points at which
	// a fitter searches the body, and the kind computes its own terms).
	Prime bool

	// tail parses what follows the body when the text form is "lead body
	// tail"; it reports false, consuming nothing, when the text is not
	// this kind's but another's with the same lead. last says there is no
	// other kind left to try, so the tail must parse or say why not.
	tail func(p *parser, prog *Program, last bool) (bool, error)
	// noLoops and noLags end the parser's messages for a body that uses
	// sum or prod ("sum cannot be used in T(n, k): ...") or an earlier
	// term ("a(n-1) cannot be used in a filter") it may not; a kind whose
	// orders go up to MaxOrder says how many initial terms are missing.
	noLoops, noLags string
}

// Grammar returns what the body of a program of the given order reads.
func (b BodySpec) Grammar(order int) Grammar {
	return Grammar{Lags: max(order, b.Cells), K: b.K, Loops: b.Loops, Cells: b.Cells > 0, Prime: b.Prime}
}

// NewProgram returns the program of kind k with the given offset, order
// and body whose initial terms are the first order terms (copied): how
// the search and the fitters turn a body into a program.
func NewProgram(k Kind, offset, order int, body Expr, terms []*big.Int) *Program {
	p := &Program{Kind: k, Offset: offset, Order: order, Body: body}
	if order > 0 {
		p.Init = make([]*big.Int, order)
		for i := range p.Init {
			p.Init[i] = new(big.Int).Set(terms[i])
		}
	}
	return p
}

// FixedBits is the length of the code of a program of kind k and the
// given order apart from its body: the header, the offset bit and the
// first order terms as its initial terms.
func FixedBits(k Kind, order int, terms []*big.Int) int {
	b := HeaderBits(k, order)
	for _, t := range terms[:order] {
		b += IntBits(t)
	}
	return b
}

// bodyBits is the code of a body program after its header: the body,
// then each initial term in the universal integer code.
func bodyBits(p *Program) int {
	b := ExprBits(p.Body)
	for _, t := range p.Init {
		b += IntBits(t)
	}
	return b
}

func encodeBody(sb *strings.Builder, p *Program) {
	encodeExpr(sb, p.Body)
	for _, t := range p.Init {
		sb.WriteString(intWord(t))
	}
}

// bodyValues evaluates a body program in int64: its initial terms, then
// the body at each later term's point (or the sum of the body over its
// cells), reading the terms before it.
func bodyValues(p *Program, count int) []Value {
	b := p.Kind.spec().body
	out := make([]Value, count)
	var env Env
	var ks []Value
	for i := range out {
		if i < p.Order {
			out[i] = Undef
			if i < len(p.Init) {
				out[i] = FromBig(p.Init[i])
			}
			continue
		}
		for lag := 1; lag <= MaxOrder; lag++ {
			env.Prev[lag-1] = Undef
			if lag <= p.Order {
				env.Prev[lag-1] = out[i-lag]
			}
		}
		if b.SumCells == nil {
			env.N, env.K = b.Point(p.Offset, i)
			out[i] = Eval(p.Body, &env)
			continue
		}
		env.N, ks = b.SumCells(p.Offset, i, ks[:0])
		acc := Value(0)
		for _, k := range ks {
			env.K = k
			if acc = Add(acc, Eval(p.Body, &env)); acc == Undef {
				break
			}
		}
		out[i] = acc
	}
	return out
}

// bodyBigValues is bodyValues in exact arithmetic.
func bodyBigValues(p *Program, count int) []*big.Int {
	b := p.Kind.spec().body
	out := make([]*big.Int, count)
	var ks []Value
	for i := range out {
		if i < p.Order {
			if i < len(p.Init) {
				out[i] = p.Init[i]
			}
			continue
		}
		var env BigEnv
		for lag := 1; lag <= p.Order && lag <= MaxOrder; lag++ {
			env.Prev[lag-1] = out[i-lag]
		}
		if b.SumCells == nil {
			n, k := b.Point(p.Offset, i)
			env.N = big.NewInt(int64(n))
			if k != Undef {
				env.K = big.NewInt(int64(k))
			}
			out[i] = EvalBig(p.Body, &env)
			continue
		}
		var n Value
		n, ks = b.SumCells(p.Offset, i, ks[:0])
		env.N = big.NewInt(int64(n))
		out[i] = bigCellSum(p.Body, &env, ks)
	}
	return out
}

// bigCellSum is the sum of body at the cells (env.N, k), k in ks, exactly:
// nil when the body is undefined at one of them or the sum exceeds
// MaxBigBits.
func bigCellSum(body Expr, env *BigEnv, ks []Value) *big.Int {
	acc := new(big.Int)
	for _, k := range ks {
		env.K = big.NewInt(int64(k))
		v := EvalBig(body, env)
		if v == nil {
			return nil
		}
		acc.Add(acc, v)
	}
	return checkSize(acc)
}

// indexPoint is the point of the kinds whose body computes a(n) at
// n = offset + i.
func indexPoint(offset, i int) (n, k Value) { return Value(offset + i), Undef }

// indexRival is the contrived rival of a program whose body gives a(n) at
// n = Offset + i: the body plus a product that vanishes at every index
// where the body gives a term, from Offset+Order on (the first Order
// terms are initial terms).
func indexRival(p *Program, n int) (Rival, bool) {
	if p.Body == nil {
		return Rival{}, false
	}
	var prod Expr
	var zeros []int
	for i := p.Order; i < n; i++ {
		m := p.Offset + i
		var f Expr = &Index{}
		if m > 0 {
			f = &Binary{Op: OpSub, X: &Index{}, Y: &Const{Value: int64(m)}}
		}
		if prod == nil {
			prod = f
		} else {
			prod = &Binary{Op: OpMul, X: prod, Y: f}
		}
		zeros = append(zeros, m)
	}
	if prod == nil {
		prod = &Const{Value: 1}
	}
	q := &Program{Kind: p.Kind, Offset: p.Offset, Order: p.Order,
		Body: &Binary{Op: OpAdd, X: p.Body, Y: prod}, Init: slices.Clone(p.Init)}
	return Rival{Program: q, Added: Format(prod), Zeros: zeros}, true
}

// bodyProgram parses "lead body tail" for the kinds that share the lead
// (in table order): the body with what any of them allows, then the
// first tail that fits, then the body against the grammar of the kind
// that tail chose.
func (p *parser) bodyProgram(group []Kind) (*Program, error) {
	if err := p.expect(group[0].spec().lead[0]...); err != nil {
		return nil, err
	}
	var g Grammar
	for _, k := range group {
		b := k.spec().body
		g.Lags = max(g.Lags, b.MaxOrder, b.Cells)
		g.K = g.K || b.K
		g.Loops = g.Loops || b.Loops
		g.Cells = g.Cells || b.Cells > 0
	}
	body, err := p.body(group[0], g, PrecCond)
	if err != nil {
		return nil, err
	}
	for i, k := range group {
		prog := &Program{Kind: k, Body: body}
		ok, err := k.spec().body.tail(p, prog, i == len(group)-1)
		if err != nil {
			return nil, err
		}
		if ok {
			return prog, p.checkLags(prog)
		}
	}
	panic("dsl: the last tail did not decide")
}

// body parses a body of kind k that may use what g allows, at the
// precedence level min (PrecAdd for a body that a comparison ends).
func (p *parser) body(k Kind, g Grammar, min int) (Expr, error) {
	p.kind, p.grammar, p.maxLag = k, g, 0
	return p.exprAt(min)
}

// checkLags checks the earlier terms the body read against the program's
// order, once its tail has said what the order is.
func (p *parser) checkLags(prog *Program) error {
	b := prog.Kind.spec().body
	if p.maxLag <= max(prog.Order, b.Cells) {
		return nil
	}
	if b.MaxOrder == 0 {
		return p.errorf(p.peek(), "a(n-%d) %s", p.maxLag, b.noLags)
	}
	return p.errorf(p.peek(), "a(n-%d) needs %d initial terms, found %d", p.maxLag, p.maxLag, prog.Order)
}

// offsetTail parses the tail "; n >= 0" or "; n >= 1" of a closed form or
// a triangle, or nothing. Unless last, a ";" followed by anything but n
// is another kind's tail.
func offsetTail(p *parser, prog *Program, last bool) (bool, error) {
	if p.peek().text != ";" {
		return true, nil
	}
	if !last && p.toks[p.i+1].text != "n" {
		return false, nil
	}
	p.next()
	return true, p.offset(prog)
}

// printOffset writes the tail "; n >= 1" of a program with offset 1.
func printOffset(sb *strings.Builder, p *Program) {
	if p.Offset != 0 {
		sb.WriteString("; n >= " + strconv.Itoa(p.Offset))
	}
}
