package search

import (
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// shape is a program's kind, order and offset: everything about it but its
// body. Each shape is searched on its own; a program's length is its
// shape's fixed cost (header and initial terms) plus its body's length.
type shape struct {
	kind   dsl.Kind
	body   dsl.BodySpec // the kind's row: where its body is evaluated
	order  int
	offset int
	g      dsl.Grammar // what its bodies may read
	// points, when not nil, are the (n, k) at which the body gives the
	// terms after the initial ones, and the next one, in place of the
	// kind's (body.Point): a fitter's choice of cells
	// (Multiplicative). The bank key does not hold them, so such a
	// search runs with a cache of its own (Options.Cache nil).
	points [][2]dsl.Value
}

// point returns the j-th point after the initial terms.
func (s shape) point(j int) (n, k dsl.Value) {
	if s.points != nil {
		return s.points[j][0], s.points[j][1]
	}
	return s.body.Point(s.offset, s.order+j)
}

// shapes lists the shapes searched for n given terms, in a fixed order: the
// kinds with a body that the search enumerates, in table order (closed
// forms, recurrences, triangles, divisor sums), each order from the lowest,
// each offset from 0. A kind is searched from its SearchFrom terms on, and a
// program of order r needs more terms than r: one whose initial terms are
// all the data explains nothing.
func shapes(n int) []shape {
	var out []shape
	for _, k := range dsl.Kinds() {
		b, ok := k.Body()
		if !ok || b.SearchFrom == 0 || n < b.SearchFrom {
			continue
		}
		for order := b.MinOrder; order <= min(b.MaxOrder, dsl.MaxSearchOrder) && order < n; order++ {
			for _, off := range k.Offsets() {
				out = append(out, shape{kind: k, body: b, order: order, offset: off, g: b.Grammar(order)})
			}
		}
	}
	return out
}

// fixedBits is the length of everything but the body: the header and, for
// a recurrence, its initial terms, which must be the first given terms for
// the program to reproduce them.
func (s shape) fixedBits(terms []*big.Int) int {
	return dsl.FixedBits(s.kind, s.order, terms)
}

// program wraps a body into a complete program of this shape.
func (s shape) program(body dsl.Expr, terms []*big.Int) *dsl.Program {
	return dsl.NewProgram(s.kind, s.offset, s.order, body, terms)
}

// leafSpec is a non-constant leaf: n, k, or a(n-lag).
type leafSpec struct {
	op   dsl.Op
	lag  int
	bits int
	expr dsl.Expr
}

// leaves lists the non-constant leaves of g, in the order of dsl.Grammar.
func leaves(g dsl.Grammar) []leafSpec {
	var out []leafSpec
	for _, e := range g.Leaves() {
		l := leafSpec{op: dsl.OpOf(e), bits: dsl.ExprBits(e), expr: e}
		if p, ok := e.(*dsl.Prev); ok {
			l.lag = p.Lag
		}
		out = append(out, l)
	}
	return out
}

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
