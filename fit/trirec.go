package fit

import (
	"context"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/search"
)

// TriangleRecurrence fits triangle recurrences (dsl.TriangleRec): the
// terms read as a triangle by rows, each entry a linear combination of
// the cells above and before it (dsl.TriangleCells) with coefficients
// that are integer constants or affine in the row and the column, plus
// such a term:
//
//	T(n, k) = 8*T(n-1, k-1) + T(n-1, k); T(0, 0) = 1               (1 + 8x)^n
//	T(n, k) = (n - k + 1)*T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1   Eulerian numbers
//	T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1
//
// First as a whole triangle with its first entry, the cells outside it
// reading 0: every later entry is an equation. The shapes (which cells,
// a constant term or not, constant or affine coefficients) are tried
// with the fewest unknowns first, and a shape that contains one already
// fitted is skipped; a fit needs triSpare more equations than unknowns,
// and at least triRatio equations per unknown, and integer coefficients. Then, if nothing fitted, with constant
// coefficients inside the triangle alone (triRuleSpare more equations
// than unknowns) and boundary rules for the edges the recurrence does
// not give: each rule is the shortest closed form of its column's
// values (search.ClosedForms, within boundaryBudget candidates), so an
// edge of 1s, n + 1 or 2^n. Each program is written for the offset, 0
// or 1, that makes it shorter (rules: both offsets).
func TriangleRecurrence(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < minTriRecTerms || ctx.Err() != nil {
		return nil
	}
	d := newTriData(terms[:min(len(terms), MaxSolveTerms)])
	if out := d.fitWhole(); len(out) > 0 {
		return out
	}
	return d.fitRules(ctx)
}

// Bounds of TriangleRecurrence, chosen on triangles of exploration
// shards (see the package documentation).
const (
	// minTriRecTerms: four rows.
	minTriRecTerms = 10
	// triSpare and triRuleSpare are the equations a fit needs beyond its
	// unknowns, as a whole triangle and inside one with rules; a whole
	// triangle also needs triRatio equations per unknown, which keeps
	// the affine shapes (6 and 9 unknowns) to 13 and 19 terms: at 12
	// terms they fitted wrongly as often as rightly.
	triSpare     = 4
	triRatio     = 2
	triRuleSpare = 3
	// maxTriCells is the most cells a shape reads.
	maxTriCells = 3
	// boundaryBudget is the search budget for the closed form of an
	// edge, and maxBoundaryForms how many of its shortest (each with a
	// different next value) are tried.
	boundaryBudget   = 20000
	maxBoundaryForms = 2
)

// triData holds the terms as a triangle: each term's row and column
// (from 0) and the values of its cells, 0 outside the triangle.
type triData struct {
	t        []*big.Int
	row, col []int
	cells    [][len(dsl.TriangleCells)]*big.Int
}

func newTriData(t []*big.Int) *triData {
	d := &triData{t: t, row: make([]int, len(t)), col: make([]int, len(t)),
		cells: make([][len(dsl.TriangleCells)]*big.Int, len(t))}
	zero := new(big.Int)
	for i := range t {
		r, c := dsl.TriangleCell(i)
		d.row[i], d.col[i] = r, c
		for j, cell := range dsl.TriangleCells {
			d.cells[i][j] = zero
			rr, cc := r-cell.DN, c-cell.DK
			if rr >= 0 && cc >= 0 && cc <= rr {
				d.cells[i][j] = t[rr*(rr+1)/2+cc]
			}
		}
	}
	return d
}

// triShape is a family of recurrences: the cells read (indices into
// dsl.TriangleCells), whether a constant term is added, and whether the
// coefficients (and that term) are affine in the row and the column,
// c0 + c1*row + c2*col, or constants.
type triShape struct {
	cells    []int
	constant bool
	affine   bool
}

func (s triShape) terms() int { return len(s.cells) + btoi(s.constant) }

func (s triShape) unknowns() int {
	if s.affine {
		return 3 * s.terms()
	}
	return s.terms()
}

// contains reports whether every recurrence of t is one of s.
func (s triShape) contains(t triShape) bool {
	for _, c := range t.cells {
		if !slices.Contains(s.cells, c) {
			return false
		}
	}
	return (s.constant || !t.constant) && (s.affine || !t.affine)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// triShapes lists the shapes with constant coefficients on up to
// maxTriCells cells (of the first maxCell), with and without a constant
// term, and, when affine, those with affine coefficients on one or two
// of the three commonest cells, fewest unknowns first.
func triShapes(maxCell int, affine bool) []triShape {
	var out []triShape
	for mask := 1; mask < 1<<maxCell; mask++ {
		var cells []int
		for c := range maxCell {
			if mask&(1<<c) != 0 {
				cells = append(cells, c)
			}
		}
		if len(cells) > maxTriCells {
			continue
		}
		for _, constant := range []bool{false, true} {
			out = append(out, triShape{cells: cells, constant: constant})
			if affine && len(cells) <= 2 && cells[len(cells)-1] < 3 {
				out = append(out, triShape{cells: cells, constant: constant, affine: true})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b triShape) int { return a.unknowns() - b.unknowns() })
	return out
}

// wholeShapes and ruleShapes are the shapes tried as a whole triangle
// (every cell, affine coefficients too) and inside one with rules (the
// two cells above, T(n-1, k-1) and T(n-1, k), with constants).
var (
	wholeShapes = triShapes(len(dsl.TriangleCells), true)
	ruleShapes  = triShapes(2, false)
)

// value is the coefficient of unknown u of shape s in the equation of
// term i: a cell's value (or 1 for the constant term) times 1, the row
// or the column.
func (d *triData) value(s triShape, u, i int) *big.Int {
	per := 1
	if s.affine {
		per = 3
	}
	term, deg := u/per, u%per
	v := big.NewInt(1)
	if term < len(s.cells) {
		v = d.cells[i][s.cells[term]]
	}
	switch deg {
	case 1:
		return new(big.Int).Mul(v, big.NewInt(int64(d.row[i])))
	case 2:
		return new(big.Int).Mul(v, big.NewInt(int64(d.col[i])))
	}
	return v
}

// solve fits shape s to the equations at the positions idx: the integer
// unknowns, or false when the equations are inconsistent, do not
// determine them, give a fraction or leave a term out (a zero
// coefficient: the fit is a smaller shape's).
func (d *triData) solve(s triShape, idx []int) ([]*big.Int, bool) {
	nc := s.unknowns()
	if len(idx) < nc {
		return nil, false
	}
	rows := make([][]uint64, len(idx))
	for r, i := range idx {
		rows[r] = make([]uint64, nc+1)
		for u := range nc {
			rows[r][u] = toMod(d.value(s, u, i))
		}
		rows[r][nc] = toMod(d.t[i])
	}
	pivots, consistent := modEliminate(rows, nc, true)
	if !consistent || len(pivots) != nc {
		return nil, false
	}
	a := make([][]*big.Int, nc)
	b := make([]*big.Int, nc)
	for k, r := range pivots {
		a[k] = make([]*big.Int, nc)
		for u := range nc {
			a[k][u] = d.value(s, u, idx[r])
		}
		b[k] = d.t[idx[r]]
	}
	x, den, ok := solveExact(a, b, nc)
	if !ok {
		return nil, false
	}
	for _, v := range x {
		if new(big.Int).Rem(v, den).Sign() != 0 {
			return nil, false
		}
		v.Quo(v, den)
	}
	// A term whose coefficient is zero is a smaller shape's.
	per := s.unknowns() / s.terms()
	for term := range s.terms() {
		if !slices.ContainsFunc(x[per*term:per*(term+1)], func(v *big.Int) bool { return v.Sign() != 0 }) {
			return nil, false
		}
	}
	// Every equation, exactly.
	for _, i := range idx {
		s2 := new(big.Int)
		for u := range nc {
			s2.Add(s2, new(big.Int).Mul(x[u], d.value(s, u, i)))
		}
		if s2.Cmp(d.t[i]) != 0 {
			return nil, false
		}
	}
	return x, true
}

// fitWhole fits the whole triangle: every term after the first is an
// equation.
func (d *triData) fitWhole() []*dsl.Program {
	idx := make([]int, 0, len(d.t))
	for i := 1; i < len(d.t); i++ {
		idx = append(idx, i)
	}
	var fitted []triShape
	var out []*dsl.Program
	for _, s := range wholeShapes {
		if len(idx) < max(s.unknowns()+triSpare, triRatio*s.unknowns()) {
			break
		}
		if slices.ContainsFunc(fitted, s.contains) {
			continue
		}
		x, ok := d.solve(s, idx)
		if !ok {
			continue
		}
		fitted = append(fitted, s)
		var best *dsl.Program
		for offset := 0; offset <= 1; offset++ {
			if body := triBody(s, x, offset); body != nil {
				p := dsl.NewTriangleRec(offset, body, d.t[0])
				if best == nil || p.Bits() < best.Bits() {
					best = p
				}
			}
		}
		if best != nil {
			out = append(out, best)
		}
	}
	return out
}

// fitRules fits the inside of the triangle with constant coefficients and
// the edges the recurrence does not give with rules.
func (d *triData) fitRules(ctx context.Context) []*dsl.Program {
	var inside, left, right []int
	for i := 1; i < len(d.t); i++ {
		switch {
		case d.col[i] == 0:
			left = append(left, i)
		case d.col[i] == d.row[i]:
			right = append(right, i)
		default:
			inside = append(inside, i)
		}
	}
	var fitted []triShape
	var out []*dsl.Program
	for _, s := range ruleShapes {
		if len(inside) < s.unknowns()+triRuleSpare {
			break
		}
		if slices.ContainsFunc(fitted, s.contains) || ctx.Err() != nil {
			continue
		}
		x, ok := d.solve(s, inside)
		if !ok {
			continue
		}
		fitted = append(fitted, s)
		needLeft, needRight := !d.holds(s, x, left), !d.holds(s, x, right)
		if !needLeft && !needRight {
			continue // the whole triangle, which fitWhole did not take
		}
		for offset := 0; offset <= 1; offset++ {
			out = append(out, d.withRules(ctx, s, x, offset, needLeft, needRight)...)
		}
	}
	return out
}

// holds reports whether the recurrence x of shape s gives the terms at
// the positions idx.
func (d *triData) holds(s triShape, x []*big.Int, idx []int) bool {
	for _, i := range idx {
		v := new(big.Int)
		for u := range s.unknowns() {
			v.Add(v, new(big.Int).Mul(x[u], d.value(s, u, i)))
		}
		if v.Cmp(d.t[i]) != 0 {
			return false
		}
	}
	return true
}

// withRules returns the programs of recurrence x with rules for the
// edges needed: each rule one of the shortest closed forms of its
// column, the first entry included.
func (d *triData) withRules(ctx context.Context, s triShape, x []*big.Int, offset int, needLeft, needRight bool) []*dsl.Program {
	body := triBody(s, x, offset)
	if body == nil {
		return nil
	}
	var lefts, rights []dsl.Expr = []dsl.Expr{nil}, []dsl.Expr{nil}
	if needLeft {
		if lefts = d.edge(ctx, offset, func(r int) int { return 0 }); lefts == nil {
			return nil
		}
	}
	if needRight {
		if rights = d.edge(ctx, offset, func(r int) int { return r }); rights == nil {
			return nil
		}
	}
	var out []*dsl.Program
	for _, l := range lefts {
		for _, r := range rights {
			out = append(out, dsl.NewTriangleRules(offset, body, l, r))
		}
	}
	return out
}

// edge returns the bodies of the shortest closed forms of an edge of the
// triangle, the entries T(r, col(r)) of the rows r = 0, 1, ... that have
// them, from n = offset: those shorter than the entries written out (in
// the universal integer code), so that the rule explains its edge.
func (d *triData) edge(ctx context.Context, offset int, col func(r int) int) []dsl.Expr {
	var vals []*big.Int
	for i := range d.t {
		if d.col[i] == col(d.row[i]) {
			vals = append(vals, d.t[i])
		}
	}
	written := 0
	for _, v := range vals {
		written += dsl.IntBits(v)
	}
	var out []dsl.Expr
	for _, f := range search.ClosedForms(ctx, vals, offset, boundaryBudget) {
		if len(out) == maxBoundaryForms || dsl.ExprBits(f.Program.Body) >= written {
			break
		}
		out = append(out, f.Program.Body)
	}
	return out
}

// triBody writes the recurrence x of shape s as a body for the given
// offset: each cell times its coefficient, and the constant term, added
// up in the shortest signed form; nil when a constant does not fit.
func triBody(s triShape, x []*big.Int, offset int) dsl.Expr {
	var its []item
	for term := range s.terms() {
		var cell dsl.Expr
		if term < len(s.cells) {
			cell = &dsl.Prev{Lag: s.cells[term] + 1}
		}
		if !s.affine {
			if x[term].Sign() != 0 {
				its = append(its, coefItem(x[term], cell))
			}
			continue
		}
		// c0 + c1*row + c2*col with row = n - offset, col = k - offset.
		c0, c1, c2 := x[3*term], x[3*term+1], x[3*term+2]
		c0 = new(big.Int).Sub(c0, new(big.Int).Mul(big.NewInt(int64(offset)), new(big.Int).Add(c1, c2)))
		if cell == nil {
			for _, m := range []struct {
				c *big.Int
				x dsl.Expr
			}{{c1, &dsl.Index{}}, {c2, &dsl.LoopVar{}}, {c0, nil}} {
				if m.c.Sign() != 0 {
					its = append(its, coefItem(m.c, m.x))
				}
			}
			continue
		}
		if it, ok := affineItem(c0, c1, c2, cell); ok {
			its = append(its, it)
		} else if c0.Sign() != 0 || c1.Sign() != 0 || c2.Sign() != 0 {
			return nil
		}
	}
	if len(its) == 0 {
		return nil
	}
	return sum(its)
}

// affineItem is the summand (c0 + c1*n + c2*k)*cell, false when the
// coefficient is zero or cannot be written.
func affineItem(c0, c1, c2 *big.Int, cell dsl.Expr) (item, bool) {
	if c1.Sign() == 0 && c2.Sign() == 0 {
		if c0.Sign() == 0 {
			return item{}, false
		}
		it := coefItem(c0, cell)
		return it, it.pos != nil || it.neg != nil
	}
	coef := func(sign int64) dsl.Expr {
		var its []item
		for _, m := range []struct {
			c *big.Int
			x dsl.Expr
		}{{c1, &dsl.Index{}}, {c2, &dsl.LoopVar{}}, {c0, nil}} {
			if m.c.Sign() != 0 {
				its = append(its, coefItem(new(big.Int).Mul(m.c, big.NewInt(sign)), m.x))
			}
		}
		return sum(its)
	}
	it := item{pos: bin(dsl.OpMul, coef(1), cell), neg: bin(dsl.OpMul, coef(-1), cell)}
	return it, it.pos != nil || it.neg != nil
}
