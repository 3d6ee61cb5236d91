package fit

import (
	"cmp"
	"context"
	"math/big"
	"slices"
	"strings"

	"github.com/seqpredict/seqpredict/dsl"
)

// MinSpare is how many more equations than unknowns a fit needs: a shape
// with as many unknowns as the data has equations fits anything.
const MinSpare = 1

// maxOrder is the largest order the fitters other than Linear propose,
// the search's (dsl.MaxSearchOrder). Linear goes up to dsl.MaxOrder: the
// orders 9 and 10 were measured for constant coefficients only (see
// linShapes).
const maxOrder = dsl.MaxSearchOrder

// MinSpareHigh is MinSpare for Linear's recurrences of order above
// maxOrder, whose 9 to 14 unknowns a few checks confirm weakly: from 25
// terms it admits order 9 with a polynomial term up to degree 2 and
// order 10 with a constant at most. Chosen on the exploration shards
// 3/140 and 5/140 (25 given, next 10): the fits with fewer spare
// equations there were 4 wrong answers and 1 right (see doc.go).
const MinSpareHigh = 4

// MaxSolveTerms caps the terms used for solving and screening; the
// predictor checks every proposal against all the terms.
const MaxSolveTerms = 40

// MaxPolyDegree is the highest degree of the fitted closed-form
// polynomials. A high degree is charged its many constants, so only short
// forms such as (6*n + 4)^10 win with it.
const MaxPolyDegree = 10

// col is one unknown's column in a system of equations indexed by i, the
// 0-based position of a term: i^pow*a(i-lag), or i^pow alone when one.
type col struct {
	lag int
	one bool
	pow int
}

// data holds the terms the fitters solve from, exactly and modulo prime.
type data struct {
	n   int        // number of given terms
	t   []*big.Int // the first MaxSolveTerms of them
	mod []uint64
}

func newData(terms []*big.Int) *data {
	t := terms[:min(len(terms), MaxSolveTerms)]
	d := &data{n: len(terms), t: t, mod: make([]uint64, len(t))}
	for i, x := range t {
		d.mod[i] = toMod(x)
	}
	return d
}

func (d *data) value(c col, i int) *big.Int {
	v := big.NewInt(1)
	if c.pow > 0 {
		v.Exp(big.NewInt(int64(i)), big.NewInt(int64(c.pow)), nil)
	}
	if !c.one {
		v.Mul(v, d.t[i-c.lag])
	}
	return v
}

func (d *data) valueMod(c col, i int) uint64 {
	v := uint64(1)
	for range c.pow {
		v = mulMod(v, uint64(i))
	}
	if !c.one {
		v = mulMod(v, d.mod[i-c.lag])
	}
	return v
}

// solve fits sum_c x_c*col_c(i) = a(i) (or = 0 when homogeneous) for every
// i from `from` on within the solving terms. It returns the integer
// solution over a common denominator (den = 1 for a homogeneous system,
// whose solution is a primitive integer vector), or ok false when the
// system is inconsistent or does not determine a unique solution (up to
// scale, for a homogeneous one).
func (d *data) solve(cols []col, from int, homogeneous bool) (x []*big.Int, den *big.Int, ok bool) {
	idx := make([]int, 0, len(d.t))
	for i := from; i < len(d.t); i++ {
		idx = append(idx, i)
	}
	return d.solveAt(cols, idx, nil, homogeneous)
}

// solveAt is solve over the equations at the positions idx, with the
// right-hand side a(i) - sum of the fixed columns (coefficient 1).
func (d *data) solveAt(cols []col, idx []int, fixed []col, homogeneous bool) (x []*big.Int, den *big.Int, ok bool) {
	nc := len(cols)
	width := nc
	if !homogeneous {
		width++
	}
	rows := make([][]uint64, 0, len(idx))
	for _, i := range idx {
		row := make([]uint64, width)
		for j, c := range cols {
			row[j] = d.valueMod(c, i)
		}
		if !homogeneous {
			row[nc] = d.mod[i]
			for _, c := range fixed {
				row[nc] = subMod(row[nc], d.valueMod(c, i))
			}
		}
		rows = append(rows, row)
	}
	rhs := func(i int) *big.Int {
		v := new(big.Int).Set(d.t[i])
		for _, c := range fixed {
			v.Sub(v, d.value(c, i))
		}
		return v
	}
	pivots, consistent := modEliminate(rows, nc, !homogeneous)
	want := nc
	if homogeneous {
		want = nc - 1
	}
	if !consistent || len(pivots) != want {
		return nil, nil, false
	}
	// Check a candidate solution against every equation exactly.
	check := func(x []*big.Int, den *big.Int) bool {
		s, t := new(big.Int), new(big.Int)
		for _, i := range idx {
			s.SetInt64(0)
			for j, c := range cols {
				if x[j].Sign() != 0 {
					s.Add(s, t.Mul(x[j], d.value(c, i)))
				}
			}
			if !homogeneous {
				s.Sub(s, t.Mul(den, rhs(i)))
			}
			if s.Sign() != 0 {
				return false
			}
		}
		return true
	}
	// Usually the solution has small numerators and denominators: read it
	// off the solution modulo prime, and check it.
	pivRows := make([][]uint64, len(pivots))
	for k, r := range pivots {
		pivRows[k] = rows[r]
	}
	if x, den, ok := reconstruct(pivRows, nc, homogeneous); ok && check(x, den) {
		return x, den, true
	}
	// Otherwise solve exactly.
	a := make([][]*big.Int, len(pivots))
	var b []*big.Int
	for k, r := range pivots {
		i := idx[r]
		a[k] = make([]*big.Int, nc)
		for j, c := range cols {
			a[k][j] = d.value(c, i)
		}
		if !homogeneous {
			b = append(b, rhs(i))
		}
	}
	x, den, ok = solveExact(a, b, nc)
	if !ok || !check(x, den) {
		return nil, nil, false
	}
	return x, den, true
}

// recurrence builds the program a(n) = num/q of the given order, with the
// coefficient polynomials in the 0-based position i; q is nil or constant
// when the denominator does not depend on n. It writes the body for
// offsets 0 and 1 and keeps the shorter; nil if it cannot be written.
func recurrence(b *builder, num form, q poly, order int, terms []*big.Int) *dsl.Program {
	if len(terms) < order {
		return nil
	}
	body := func(num form, q poly) dsl.Expr {
		var den dsl.Expr
		switch {
		case q.deg() <= 0:
			if len(q) > 0 {
				var ok bool
				if den, ok = denom(q[0]); !ok {
					return nil
				}
			}
		default:
			if den = b.best(form{0: q}); den == nil {
				return nil
			}
		}
		n := b.best(num)
		if n == nil {
			return nil
		}
		return quotient(n, den)
	}
	// With a denominator in n, num/q = (-num)/(-q) may be shorter.
	signed := func(num form, q poly) dsl.Expr {
		e := body(num, q)
		if q.deg() >= 1 {
			e = shorter(e, body(num.neg(), q.neg()))
		}
		return e
	}
	best, offset := signed(num, q), 0
	if num.maxDeg() >= 1 || q.deg() >= 1 {
		// Offset 1: n = i + 1, so each polynomial p(i) becomes p(n - 1).
		if e := signed(num.shift(-1), q.shift(-1)); e != nil && bits(e) < bits(best) {
			best, offset = e, 1
		}
	}
	if best == nil {
		return nil
	}
	return dsl.NewProgram(dsl.Recurrence, offset, order, best, terms)
}

// emitter writes fitted recurrences as programs, skipping a fit when a
// program already written predicts the same next terms and is no longer
// than any program the fit could give: the predictor keeps only the
// shortest program of each prediction.
type emitter struct {
	b     *builder
	terms []*big.Int
	best  map[string]int // next term -> bits of the shortest program
}

func newEmitter(terms []*big.Int) *emitter {
	return &emitter{b: newBuilder(), terms: terms, best: map[string]int{}}
}

func (em *emitter) emit(out []*dsl.Program, num form, q poly, order int) []*dsl.Program {
	key := nextKey(em.terms, num, q)
	if bits, ok := em.best[key]; ok && key != "" {
		// A lower bound: the header, the initial terms, a 3-bit leaf for
		// each non-zero coefficient and a 3-bit operator joining them.
		lb := dsl.FixedBits(dsl.Recurrence, order, em.terms)
		k := 0
		for _, p := range num {
			for _, c := range p {
				if c.Sign() != 0 {
					k++
				}
			}
		}
		lb += 6*k - 3
		if q.deg() >= 1 || (len(q) > 0 && q[0].Cmp(big.NewInt(1)) != 0) {
			lb += dsl.Ops[dsl.OpDiv].Bits + 3
		}
		if lb >= bits {
			return out
		}
	}
	p := recurrence(em.b, num, q, order, em.terms)
	if p == nil {
		return out
	}
	if bits, ok := em.best[key]; !ok || p.Bits() < bits {
		em.best[key] = p.Bits()
	}
	return append(out, p)
}

// continuation is how many terms after the data identify a prediction
// when fits are compared (the predictor may predict several jointly).
const continuation = 10

// nextKey returns the next terms num/q (floor division) would give after
// the data, as a string, or "" when they are undefined.
func nextKey(terms []*big.Int, num form, q poly) string {
	seq := slices.Clone(terms)
	var sb strings.Builder
	for range continuation {
		n := len(seq)
		v := num[0].eval(int64(n))
		for l := 1; l < len(num); l++ {
			if len(num[l]) > 0 {
				if l > n {
					return ""
				}
				v.Add(v, new(big.Int).Mul(num[l].eval(int64(n)), seq[n-l]))
			}
		}
		den := big.NewInt(1)
		if len(q) > 0 {
			den = q.eval(int64(n))
		}
		if den.Sign() == 0 || v.BitLen() > dsl.MaxBigBits {
			return ""
		}
		// Floor division, as the dsl divides.
		quo, rem := new(big.Int).QuoRem(v, den, new(big.Int))
		if rem.Sign() != 0 && (rem.Sign() < 0) != (den.Sign() < 0) {
			quo.Sub(quo, big.NewInt(1))
		}
		seq = append(seq, quo)
		sb.WriteString(quo.String())
		sb.WriteByte(',')
	}
	return sb.String()
}

// Polynomial fits closed forms a(n) = p(n) with p of degree at most
// MaxPolyDegree and rational coefficients, taking values on the terms.
func Polynomial(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < 2 || ctx.Err() != nil {
		return nil
	}
	t := terms[:min(len(terms), MaxSolveTerms)]
	// Forward differences: row k holds the k-th differences.
	rows := [][]*big.Int{t}
	deg := -1
	for k := 0; k <= MaxPolyDegree; k++ {
		// degree k needs k+1 unknowns and MinSpare checks.
		if len(terms)-(k+1) < MinSpare {
			break
		}
		prev := rows[k]
		next := make([]*big.Int, len(prev)-1)
		zero := true
		for i := range next {
			next[i] = new(big.Int).Sub(prev[i+1], prev[i])
			zero = zero && next[i].Sign() == 0
		}
		rows = append(rows, next)
		if zero {
			deg = k
			break
		}
	}
	if deg < 0 {
		return nil
	}
	// Newton's form: p(i) = sum_k D^k a(0) * binomial(i, k).
	p := make(ratPoly, deg+1)
	for i := range p {
		p[i] = new(big.Rat)
	}
	for k := 0; k <= deg; k++ {
		c := new(big.Rat).SetInt(rows[k][0])
		for j, bc := range binomialPoly(k, 0) {
			p[j].Add(p[j], new(big.Rat).Mul(c, bc))
		}
	}
	b := newBuilder()
	best, offset := shorter(b.ratPolyExpr(p, 0, true), linearPower(p)), 0
	if deg >= 1 {
		q := p.shift(-1)
		if e := shorter(b.ratPolyExpr(q, 1, true), linearPower(q)); e != nil && bits(e) < bits(best) {
			best, offset = e, 1
		}
	}
	if best == nil {
		return nil
	}
	return []*dsl.Program{{Kind: dsl.ClosedForm, Offset: offset, Body: best}}
}

// linShape is a constant-coefficient recurrence shape: the lags it reads
// and the degree of its polynomial term (-1 for none).
type linShape struct {
	lags []int
	deg  int
}

func (s linShape) order() int    { return slices.Max(s.lags) }
func (s linShape) unknowns() int { return len(s.lags) + s.deg + 1 }

// contains reports whether every program of shape t is one of shape s.
func (s linShape) contains(t linShape) bool {
	if t.deg > s.deg {
		return false
	}
	for _, l := range t.lags {
		if !slices.Contains(s.lags, l) {
			return false
		}
	}
	return true
}

// linShapes lists the shapes, fewest unknowns first, then lowest order.
var linShapes = func() []linShape {
	var out []linShape
	// Any subset of the lags 1..3; past that, only a(n-k) alone (periodic
	// patterns, k <= maxOrder) and all of a(n-1)..a(n-k) (rational
	// generating functions, k <= dsl.MaxOrder): every subset of ten lags
	// would be 1023 shapes, mostly coincidences. a(n-9) and a(n-10) alone,
	// cheap in unknowns, would bring those orders within reach of 15 terms
	// (periods of 9 and 10 checked on 6 and 5 terms); from 25 terms, the
	// shapes through all lags fit them too.
	var lagSets [][]int
	for mask := 1; mask < 1<<3; mask++ {
		var lags []int
		for l := 1; l <= 3; l++ {
			if mask&(1<<(l-1)) != 0 {
				lags = append(lags, l)
			}
		}
		lagSets = append(lagSets, lags)
	}
	for k := 4; k <= dsl.MaxOrder; k++ {
		all := make([]int, k)
		for i := range all {
			all[i] = i + 1
		}
		if k <= maxOrder {
			lagSets = append(lagSets, []int{k})
		}
		lagSets = append(lagSets, all)
	}
	// a(n-k) and a(n-2k): continued fraction convergents of quadratic
	// irrationals with period k, and sequences interleaving k second-order
	// recurrences.
	for k := 2; 2*k <= maxOrder; k++ {
		lagSets = append(lagSets, []int{k, 2 * k})
	}
	for _, lags := range lagSets {
		for deg := -1; deg <= 3; deg++ {
			out = append(out, linShape{lags, deg})
		}
	}
	slices.SortStableFunc(out, func(a, b linShape) int {
		if c := cmp.Compare(a.unknowns(), b.unknowns()); c != 0 {
			return c
		}
		if c := cmp.Compare(a.order(), b.order()); c != 0 {
			return c
		}
		return cmp.Compare(a.deg, b.deg)
	})
	return out
}()

// Linear fits recurrences a(n) = c1*a(n-1) + ... + ck*a(n-k) + P(n)
// with constant rational coefficients (see linShapes for the lags) and a
// polynomial P of degree at most 3 or none. The initial terms are the first
// given terms.
func Linear(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < 3 {
		return nil
	}
	d := newData(terms)
	em := newEmitter(terms)
	var fitted []linShape
	var out []*dsl.Program
	for _, s := range linShapes {
		order := s.order()
		spare := MinSpare
		if order > maxOrder {
			spare = MinSpareHigh
		}
		if d.n-order-s.unknowns() < spare {
			continue
		}
		if slices.ContainsFunc(fitted, s.contains) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		var cols []col
		for _, l := range s.lags {
			cols = append(cols, col{lag: l})
		}
		for j := 0; j <= s.deg; j++ {
			cols = append(cols, col{one: true, pow: j})
		}
		x, den, ok := d.solve(cols, order, false)
		if !ok {
			continue
		}
		fitted = append(fitted, s)
		var num form
		for k, l := range s.lags {
			num[l] = trim(poly{x[k]})
		}
		num[0] = trim(slices.Clone(x[len(s.lags):]))
		out = em.emit(out, num, poly{den}, order)
	}
	return out
}

// pShape is a P-recursive shape: q(n)*a(n) = p1(n)*a(n-1) + ... +
// pr(n)*a(n-r) + p0(n), with deg q = qdeg, deg pl <= pdeg and deg p0 =
// p0deg (-1 for none).
type pShape struct{ order, qdeg, pdeg, p0deg int }

func (s pShape) cols() []col {
	var cs []col
	for j := 0; j <= s.qdeg; j++ {
		cs = append(cs, col{lag: 0, pow: j})
	}
	for l := 1; l <= s.order; l++ {
		for j := 0; j <= s.pdeg; j++ {
			cs = append(cs, col{lag: l, pow: j})
		}
	}
	for j := 0; j <= s.p0deg; j++ {
		cs = append(cs, col{one: true, pow: j})
	}
	return cs
}

// unknowns is len(s.cols()), without making them.
func (s pShape) unknowns() int { return s.qdeg + 1 + s.order*(s.pdeg+1) + s.p0deg + 1 }

func (s pShape) contains(t pShape) bool {
	return t.order <= s.order && t.qdeg <= s.qdeg && t.pdeg <= s.pdeg && t.p0deg <= s.p0deg
}

// pShapes: orders 1..4 with coefficients of degree at most 3, and order 1
// with coefficients of degree 4 (cubes of Catalan numbers have degree 3);
// the inhomogeneous part has degree at most 1. The shapes that need more
// terms than given are skipped, so 15 terms reach order 3 with degree 2;
// higher orders and degrees found nothing more on the OEIS sample.
var pShapes = func() []pShape {
	var out []pShape
	for order := 1; order <= 4; order++ {
		maxDeg := 3
		if order == 1 {
			maxDeg = 4
		}
		for pdeg := 1; pdeg <= maxDeg; pdeg++ {
			for qdeg := 0; qdeg <= pdeg; qdeg++ {
				for p0 := -1; p0 <= 1; p0++ {
					out = append(out, pShape{order, qdeg, pdeg, p0})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b pShape) int { return cmp.Compare(a.unknowns(), b.unknowns()) })
	return out
}()

// PRecursive fits recurrences whose coefficients are polynomials in n (see
// pShapes), q(n)*a(n) = p1(n)*a(n-1) + ... + pr(n)*a(n-r) + p0(n),
// written a(n) = (p1(n)*a(n-1) + ... + p0(n))/q(n). Fits with constant
// coefficients are left to Linear.
func PRecursive(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < 4 {
		return nil
	}
	d := newData(terms)
	em := newEmitter(terms)
	var fitted []pShape
	var out []*dsl.Program
	for _, s := range pShapes {
		cols := s.cols()
		unknowns := len(cols) - 1
		if d.n-s.order-unknowns < MinSpare || slices.ContainsFunc(fitted, s.contains) {
			continue
		}
		if ctx.Err() != nil {
			break
		}
		x, _, ok := d.solve(cols, s.order, true)
		if !ok {
			continue
		}
		fitted = append(fitted, s)
		// q(i)*a(i) + sum pl'(i)*a(i-l) + p0'(i) = 0.
		var num form
		var q poly
		for j, c := range cols {
			switch {
			case !c.one && c.lag == 0:
				q = append(q, x[j])
			case c.one:
				num[0] = append(num[0], new(big.Int).Neg(x[j]))
			default:
				num[c.lag] = append(num[c.lag], new(big.Int).Neg(x[j]))
			}
		}
		q = trim(q)
		for l := range num {
			num[l] = trim(num[l])
		}
		if len(q) == 0 {
			continue
		}
		if q[len(q)-1].Sign() < 0 {
			q, num = q.neg(), num.neg()
		}
		constant := q.deg() == 0
		for _, p := range num[1:] {
			constant = constant && p.deg() <= 0
		}
		if constant {
			continue // a Linear fit
		}
		// Where q vanishes the recurrence cannot give a(n): there the term
		// must be an initial term, so the recurrence starts after the last
		// such place (T(n) = (n-2)*(n-3)*... recurrences of counting
		// sequences hold from n = 4 on), if its order allows.
		order := s.order
		for i := s.order; i <= d.n; i++ {
			if q.eval(int64(i)).Sign() == 0 {
				order = i + 1
			}
		}
		if order > maxOrder || order > d.n {
			continue
		}
		out = em.emit(out, num, q, order)
	}
	return out
}
