package fit

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// branchShape is one side of an alternating recurrence: a(n) = the fixed
// columns (coefficient 1) + sum x_c*col_c, over a common denominator.
type branchShape struct {
	fixed, cols []col
	usesN       bool // the side depends on n, not only on earlier terms
}

func (s branchShape) order() int {
	o := 0
	for _, c := range append(append([]col(nil), s.fixed...), s.cols...) {
		if !c.one {
			o = max(o, c.lag)
		}
	}
	return o
}

var (
	constC  = col{one: true}
	linearC = col{one: true, pow: 1}
)

func prevC(l int) col  { return col{lag: l} }
func nPrevC(l int) col { return col{lag: l, pow: 1} }

// branchShapes lists the shapes of one side, by number of unknowns.
var branchShapes = func() [][]branchShape {
	one := []branchShape{{cols: []col{constC}}}                       // c
	two := []branchShape{{cols: []col{linearC, constC}, usesN: true}} // c*n + d
	for l := 1; l <= maxOrder; l++ {
		a, na := prevC(l), nPrevC(l)
		one = append(one,
			branchShape{cols: []col{a}},                       // c*a(n-l)
			branchShape{fixed: []col{a}, cols: []col{constC}}, // a(n-l) + c
		)
		two = append(two, branchShape{cols: []col{a, constC}}) // c*a(n-l) + d
		if l > 1 {
			continue
		}
		one = append(one,
			branchShape{cols: []col{na}, usesN: true},                               // c*n*a(n-1)
			branchShape{fixed: []col{a}, cols: []col{linearC}, usesN: true},         // a(n-1) + c*n
			branchShape{fixed: []col{na}, cols: []col{constC}, usesN: true},         // n*a(n-1) + c
			branchShape{fixed: []col{a}, cols: []col{na}, usesN: true},              // (1 + c*n)*a(n-1)
			branchShape{fixed: []col{na}, cols: []col{a}, usesN: true},              // (n + c)*a(n-1)
			branchShape{fixed: []col{linearC}, cols: []col{a}, usesN: true},         // c*a(n-1) + n
			branchShape{fixed: []col{a, linearC}, cols: []col{constC}, usesN: true}, // a(n-1) + n + c
		)
		two = append(two,
			branchShape{cols: []col{a, na}, usesN: true},                            // (c + d*n)*a(n-1)
			branchShape{fixed: []col{a}, cols: []col{linearC, constC}, usesN: true}, // a(n-1) + c*n + d
		)
	}
	return [][]branchShape{one, two}
}()

// Alternating fits recurrences that switch between two rules by the
// residue of n modulo 2 or 3, as puzzles like "+3, *2, +3, *2" do:
//
//	a(n) = if n mod 2 <= 0 then E else O
//	a(n) = if (n+s) mod 3 <= 0 then E else O
//
// where each side is one of a few simple shapes (c, c*a(n-l), a(n-l) + c,
// (c + d*n)*a(n-1), c*n + d, ...) with rational constants; modulo 3 the
// sides do not read n. Each side is solved on its own terms, with the
// fewest unknowns that fit, and must have more equations than unknowns.
//
// A rule writes out its order's initial terms and is checked on the
// others; it must be checked on at least one and a half times as many
// terms as it writes out. The fitter tries some 700 rules (two moduli,
// eight orders, two offsets or three shifts, a dozen shapes a side), and
// a rule of order 7 or 8 on 15 small terms, checked on the 7 or 8 left,
// fits by chance. The ratio was chosen on development data only (the
// calibration fit's sequences, lines 1 mod 28, 5 mod 70 and 19 mod 70 of
// the development file, 4,747 sequences, 15 terms given): of the 178
// answers an alternating rule won, 102 were right and 76 wrong; of those
// the rule no longer makes, 51 were right and 57 wrong, while their
// probabilities averaged about 0.7. Requiring two or three spare
// equations a side instead did no better and lost the short puzzles
// ("+3, *2" on 7 terms).
// It proposes the shortest program for each prediction it finds.
func Alternating(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < 5 || ctx.Err() != nil {
		return nil
	}
	d := newData(terms)
	b := newBuilder()
	type fitted struct {
		p    *dsl.Program
		next string
	}
	var fits []fitted
	consider := func(p *dsl.Program) {
		if next, ok := dsl.Reproduce(p, terms, 1); ok && next[0] != nil {
			fits = append(fits, fitted{p, next[0].String()})
		}
	}
	// A sequence that follows one simple rule throughout is left to the
	// other fitters: alternating between two of its rules adds nothing.
	for ord := 1; ord <= maxOrder && ord < len(terms); ord++ {
		var idx []int
		for i := ord; i < len(d.t); i++ {
			idx = append(idx, i)
		}
		minOrder := ord
		if ord == 1 {
			minOrder = 0 // constants and c*n + d too
		}
		if len(fitSide(d, idx, d.n-ord, minOrder, ord, 0, true)) > 0 {
			return nil
		}
	}
	for _, m := range []int{2, 3} {
		// Orders rise until a rule would be checked on fewer than 1.5
		// times the terms it writes out (see above).
		for ord := 1; ord <= maxOrder && 2*(len(terms)-ord) >= 3*ord; ord++ {
			for offset := 0; offset <= 1; offset++ {
				for shift := 0; shift < m; shift++ {
					if ctx.Err() != nil {
						return nil
					}
					// Modulo 2 the offset does the shifting; modulo 3 the
					// sides ignore n, so one offset per residue will do.
					if (m == 2 && shift > 0) || (m == 3 && offset == 1 && shift != 0) || (m == 3 && offset == 0 && shift == 1) {
						continue
					}
					if p := alternating(b, d, terms, m, ord, offset, shift); p != nil {
						consider(p)
					}
				}
			}
		}
	}
	// The shortest program for each prediction.
	var out []*dsl.Program
	for _, f := range dsl.Shortest(fits, func(f fitted) string { return f.next }, func(f fitted) int { return f.p.Bits() }) {
		out = append(out, f.p)
	}
	return out
}

// alternating fits a(n) = if (n+shift) mod m <= 0 then E else O of the
// given order and offset, or returns nil.
func alternating(b *builder, d *data, terms []*big.Int, m, order, offset, shift int) *dsl.Program {
	var sides [2][]sideFit
	for side := 0; side <= 1; side++ {
		in := func(i int) bool { return ((i+offset+shift)%m == 0) == (side == 0) }
		var idx []int
		for i := order; i < len(d.t); i++ {
			if in(i) {
				idx = append(idx, i)
			}
		}
		// MinSpare counts all the terms.
		total := 0
		for i := order; i < d.n; i++ {
			if in(i) {
				total++
			}
		}
		sides[side] = fitSide(d, idx, total, 0, order, offset, m == 2)
		if len(sides[side]) == 0 {
			return nil
		}
	}
	var cond dsl.Expr = &dsl.Index{}
	if shift > 0 {
		cond = nPlus(int64(shift))
	}
	cond = bin(dsl.OpMod, cond, constI(int64(m)))
	var body dsl.Expr
	for _, e := range sides[0] {
		for _, o := range sides[1] {
			if e.den.Cmp(o.den) == 0 && e.num.key() == o.num.key() {
				continue // one rule: a Linear or PRecursive fit
			}
			body = shorter(body, sideExpr(b, cond, e, o))
		}
	}
	if body == nil {
		return nil
	}
	return dsl.NewProgram(dsl.Recurrence, offset, order, body, terms)
}

// sideFit is one side's rule, num/den.
type sideFit struct {
	num form
	den *big.Int
}

// zeroE is the shortest zero there is.
func zeroE() dsl.Expr { return bin(dsl.OpSub, &dsl.Index{}, &dsl.Index{}) }

func (b *builder) ratio(f form, den *big.Int) dsl.Expr {
	if f.isZero() {
		return zeroE()
	}
	d, ok := denom(den)
	if !ok {
		return nil
	}
	return quotient(b.best(f), d)
}

// sideExpr writes "if cond <= 0 then e else o", or, when the two sides
// share summands, "common + (if cond <= 0 then e' else o')".
func sideExpr(b *builder, cond dsl.Expr, e, o sideFit) dsl.Expr {
	cnd := func(x, y dsl.Expr) dsl.Expr {
		if x == nil || y == nil {
			return nil
		}
		return &dsl.Cond{Cond: cond, Then: x, Else: y}
	}
	best := cnd(b.ratio(e.num, e.den), b.ratio(o.num, o.den))
	if e.den.Cmp(o.den) != 0 {
		return best
	}
	var common, re, ro form
	for l := range e.num {
		n := max(len(e.num[l]), len(o.num[l]))
		for j := range n {
			x, y := coef(e.num[l], j), coef(o.num[l], j)
			if x.Cmp(y) == 0 {
				common[l] = setCoef(common[l], j, x)
			} else {
				re[l] = setCoef(re[l], j, x)
				ro[l] = setCoef(ro[l], j, y)
			}
		}
	}
	for l := range common {
		common[l], re[l], ro[l] = trim(common[l]), trim(re[l]), trim(ro[l])
	}
	if common.isZero() {
		return best
	}
	zeroOr := func(f form) dsl.Expr {
		if f.isZero() {
			return zeroE()
		}
		return b.best(f)
	}
	num := sum([]item{
		{pos: b.best(common), neg: b.best(common.neg())},
		{pos: cnd(zeroOr(re), zeroOr(ro)), neg: cnd(zeroOr(re.neg()), zeroOr(ro.neg()))},
	})
	d, ok := denom(e.den)
	if !ok || num == nil {
		return best
	}
	return shorter(best, quotient(num, d))
}

func coef(p poly, j int) *big.Int {
	if j < len(p) {
		return p[j]
	}
	return new(big.Int)
}

func setCoef(p poly, j int, v *big.Int) poly {
	for len(p) <= j {
		p = append(p, new(big.Int))
	}
	p[j] = v
	return p
}

// fitSide returns the rules among the shapes with the fewest unknowns
// that fit the equations at idx (total of them in all the terms), in terms
// of n = i + offset; shapes read lags from minOrder up to order (the
// largest lag they read), and n only when useN.
func fitSide(d *data, idx []int, total, minOrder, order, offset int, useN bool) []sideFit {
	for _, group := range branchShapes {
		unknowns := len(group[0].cols)
		if unknowns+MinSpare > total || unknowns > len(idx) {
			return nil
		}
		var out []sideFit
		for _, s := range group {
			if s.order() > order || s.order() < minOrder || (s.usesN && !useN) {
				continue
			}
			x, den, ok := d.solveAt(s.cols, idx, s.fixed, false)
			if !ok {
				continue
			}
			var num form
			for _, c := range s.fixed {
				num.add(c, den)
			}
			for j, c := range s.cols {
				num.add(c, x[j])
			}
			for l := range num {
				num[l] = trim(num[l])
			}
			out = append(out, sideFit{num.shift(int64(-offset)), den})
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

// add adds v times the column c (in the 0-based position) to f.
func (f *form) add(c col, v *big.Int) {
	l := c.lag
	if c.one {
		l = 0
	}
	f[l] = setCoef(f[l], c.pow, new(big.Int).Add(coef(f[l], c.pow), v))
}
