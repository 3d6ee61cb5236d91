package search

import (
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// shape is a program's kind, order and offset: everything about it but its
// body. Each shape is searched on its own; a program's length is its
// shape's fixed cost (header and initial terms) plus its body's length.
type shape struct {
	kind    dsl.Kind
	order   int // recurrences only
	offset  int
	noLoops bool // bodies without sum and prod (the filter search)
}

// shapes lists the shapes searched for n given terms, in a fixed order:
// closed forms, then recurrences of order 1, 2, ..., each with offset 0
// then 1, then triangles. A recurrence needs more terms than its order:
// one whose initial terms are all the data explains nothing. Triangles
// are searched from minTriangleTerms terms on.
func shapes(n int) []shape {
	var out []shape
	for _, off := range []int{0, 1} {
		out = append(out, shape{kind: dsl.ClosedForm, offset: off})
	}
	for order := 1; order <= dsl.MaxOrder && order < n; order++ {
		for _, off := range []int{0, 1} {
			out = append(out, shape{kind: dsl.Recurrence, order: order, offset: off})
		}
	}
	if n >= minTriangleTerms {
		for _, off := range []int{0, 1} {
			out = append(out, shape{kind: dsl.Triangle, offset: off})
		}
	}
	return out
}

// minTriangleTerms is the fewest terms for which triangles read by rows
// are searched: three full rows and one more term. With fewer, a triangle
// is little more than a closed form with an odd index and only dilutes the
// mixture of a short puzzle.
const minTriangleTerms = 7

// grammar returns what a body of the shape may read: n and earlier terms,
// or for a triangle the row n and the column k (and no loops, which would
// bind k).
func (s shape) grammar() grammar {
	if s.kind == dsl.Triangle {
		return grammar{inLoop: true}
	}
	return grammar{order: s.order, noLoops: s.noLoops}
}

// fixedBits is the length of everything but the body: the header and, for
// a recurrence, its initial terms, which must be the first given terms for
// the program to reproduce them.
func (s shape) fixedBits(terms []*big.Int) int {
	b := dsl.HeaderBits(s.kind, s.order)
	for _, t := range terms[:s.order] {
		b += dsl.IntBits(t)
	}
	return b
}

// program wraps a body into a complete program of this shape.
func (s shape) program(body dsl.Expr, terms []*big.Int) *dsl.Program {
	p := &dsl.Program{Kind: s.kind, Offset: s.offset, Order: s.order, Body: body}
	if s.kind == dsl.Recurrence {
		p.Init = append([]*big.Int(nil), terms[:s.order]...)
	}
	return p
}

// grammar says which node choices an enumerator may use in a body: which
// leaves, and whether loops are allowed. Loop bodies read n and k but not
// earlier terms, and loops do not nest.
type grammar struct {
	order   int  // a(n-1)..a(n-order) are leaves
	inLoop  bool // k is a leaf; sum and prod are not available
	noLoops bool // sum and prod are not available (n is still the only index)
}

// loops reports whether bodies of g may use sum and prod.
func (g grammar) loops() bool { return !g.inLoop && !g.noLoops }

// leafSpec is a non-constant leaf: n, k, or a(n-lag).
type leafSpec struct {
	op   dsl.Op
	lag  int
	bits int
}

// leaves lists the non-constant leaves of g.
func (g grammar) leaves() []leafSpec {
	out := []leafSpec{{op: dsl.OpIndex, bits: dsl.Ops[dsl.OpIndex].Bits}}
	if g.inLoop {
		return append(out, leafSpec{op: dsl.OpLoopVar, bits: dsl.Ops[dsl.OpLoopVar].Bits})
	}
	for lag := 1; lag <= g.order; lag++ {
		out = append(out, leafSpec{op: dsl.PrevOp(lag), lag: lag, bits: dsl.PrevBits(lag)})
	}
	return out
}

// expr returns the leaf's tree.
func (l leafSpec) expr() dsl.Expr {
	switch l.op {
	case dsl.OpIndex:
		return &dsl.Index{}
	case dsl.OpLoopVar:
		return &dsl.LoopVar{}
	}
	return &dsl.Prev{Lag: l.lag}
}

// Operators every body may use, in enumeration order.
var (
	unaryOps  = dsl.Funcs1
	binaryOps = []dsl.Op{dsl.OpAdd, dsl.OpMul, dsl.OpSub, dsl.OpDiv, dsl.OpMod, dsl.OpPow, dsl.OpBinom, dsl.OpGcd}
	loopOps   = []dsl.Op{dsl.OpSum, dsl.OpProd}
)

// maxLoopBody is the longest loop body the enumerators build, in bits.
// Loop bodies are evaluated at every cell (n, k) with k <= n, so their
// vectors grow with the square of the number of terms; bodies longer than
// this are rare in real sequences (sum(k=1..n, k^2) takes 16 bits) and
// would dominate the time of long searches.
const maxLoopBody = 18

// constRange returns the constants whose leaf takes exactly b bits:
// [lo, hi), empty when none.
func constRange(b int) (lo, hi int64) {
	g := b - dsl.Ops[dsl.OpConst].Bits // gamma length 2m+1 covers [2^m, 2^(m+1))
	if g < 1 || g%2 == 0 || g > 61 {
		return 0, 0
	}
	m := (g - 1) / 2
	return 1 << m, 1 << (m + 1)
}
