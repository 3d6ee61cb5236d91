package fit

import (
	"math"
	"math/big"
	"strings"

	"github.com/seqpredict/seqpredict/dsl"
)

// form is a linear combination of 1, a(n-1), ..., a(n-MaxOrder) whose
// coefficients are integer polynomials in n: form[0] is the polynomial
// part and form[l] multiplies a(n-l).
type form [dsl.MaxOrder + 1]poly

func (f form) isZero() bool {
	for _, p := range f {
		if len(p) > 0 {
			return false
		}
	}
	return true
}

// onlyPoly reports whether f has no a(n-l) part.
func (f form) onlyPoly() bool {
	for _, p := range f[1:] {
		if len(p) > 0 {
			return false
		}
	}
	return true
}

func (f form) maxDeg() int {
	d := -1
	for _, p := range f {
		d = max(d, p.deg())
	}
	return d
}

func (f form) neg() form {
	var out form
	for l, p := range f {
		out[l] = p.neg()
	}
	return out
}

// content is the gcd of all coefficients (positive), 0 for the zero form.
func (f form) content() *big.Int {
	g := new(big.Int)
	for _, p := range f {
		for _, c := range p {
			g.GCD(nil, nil, g, new(big.Int).Abs(c))
		}
	}
	return g
}

func (f form) quo(g *big.Int) form {
	var out form
	for l, p := range f {
		q := make(poly, len(p))
		for i, c := range p {
			q[i] = new(big.Int).Quo(c, g)
		}
		out[l] = q
	}
	return out
}

// vanishesAt reports whether every coefficient polynomial is 0 at n = r.
func (f form) vanishesAt(r int64) bool {
	for _, p := range f {
		if len(p) > 0 && p.eval(r).Sign() != 0 {
			return false
		}
	}
	return true
}

func (f form) divRoot(r int64) form {
	var out form
	for l, p := range f {
		out[l] = p.divRoot(r)
	}
	return out
}

// rootCandidates lists the integers r, |r| <= rootRange, at which f might
// vanish: the divisors of the lowest non-zero coefficient of one of its
// polynomials (an integer root of an integer polynomial divides it).
func (f form) rootCandidates() []int64 {
	var p poly
	for _, q := range f {
		if q.deg() >= 1 && (p == nil || q.deg() < p.deg()) {
			p = q
		}
	}
	if p == nil {
		return nil
	}
	var out []int64
	low := 0
	for p[low].Sign() == 0 {
		low++
	}
	if low > 0 {
		out = append(out, 0)
	}
	if low == p.deg() {
		return out // p = c*n^low: only 0
	}
	c := new(big.Int).Abs(p[low])
	for r := int64(1); r <= rootRange; r++ {
		if new(big.Int).Rem(c, big.NewInt(r)).Sign() == 0 {
			out = append(out, r, -r)
		}
	}
	return out
}

// split returns f0 and f1 with f = f0 + n*f1, f0 free of n.
func (f form) split() (f0, f1 form) {
	for l, p := range f {
		if len(p) > 0 {
			f0[l] = trim(poly{p[0]})
			f1[l] = trim(p[1:])
		}
	}
	return f0, f1
}

func (f form) shift(s int64) form {
	var out form
	for l, p := range f {
		out[l] = p.shift(s)
	}
	return out
}

func (f form) key() string {
	var sb strings.Builder
	for _, p := range f {
		sb.WriteString(p.String())
		sb.WriteByte(';')
	}
	return sb.String()
}

// Expression constructors.

func bin(op dsl.Op, x, y dsl.Expr) dsl.Expr {
	if x == nil || y == nil {
		return nil
	}
	return &dsl.Binary{Op: op, X: x, Y: y}
}

func negE(x dsl.Expr) dsl.Expr {
	if x == nil {
		return nil
	}
	return &dsl.Unary{Op: dsl.OpNeg, X: x}
}

var maxConst = big.NewInt(math.MaxInt64)

// constE returns the constant c > 0, nil when it is not a dsl constant.
func constE(c *big.Int) dsl.Expr {
	if c.Sign() <= 0 || c.Cmp(maxConst) > 0 {
		return nil
	}
	return &dsl.Const{Value: c.Int64()}
}

func constI(c int64) dsl.Expr { return &dsl.Const{Value: c} }

func bits(e dsl.Expr) int {
	if e == nil {
		return math.MaxInt32
	}
	return dsl.ExprBits(e)
}

// shorter returns the shorter of a and b (a on ties), ignoring nils.
func shorter(a, b dsl.Expr) dsl.Expr {
	if b == nil || (a != nil && bits(a) <= bits(b)) {
		return a
	}
	return b
}

// times returns x*y, constants first.
func times(x, y dsl.Expr) dsl.Expr {
	if _, ok := y.(*dsl.Const); ok {
		x, y = y, x
	}
	return bin(dsl.OpMul, x, y)
}

// scaleAbs returns c*x for c > 0 in its shortest form: x, x + x or c*x;
// nil when x is nil.
func scaleAbs(c *big.Int, x dsl.Expr) dsl.Expr {
	if x == nil {
		return nil
	}
	switch {
	case c.IsInt64() && c.Int64() == 1:
		return x
	case c.IsInt64() && c.Int64() == 2:
		return shorter(bin(dsl.OpMul, constI(2), x), bin(dsl.OpAdd, x, x))
	}
	return bin(dsl.OpMul, constE(c), x)
}

// scale returns c*x for any c != 0.
func scale(c *big.Int, x dsl.Expr) dsl.Expr {
	if c.Sign() < 0 {
		return negE(scaleAbs(new(big.Int).Neg(c), x))
	}
	return scaleAbs(c, x)
}

// nPlus returns n + s.
func nPlus(s int64) dsl.Expr {
	switch {
	case s > 0:
		return bin(dsl.OpAdd, &dsl.Index{}, constI(s))
	case s < 0:
		return bin(dsl.OpSub, &dsl.Index{}, constI(-s))
	}
	return &dsl.Index{}
}

// power returns x^k in its shortest form (x*x*...*x or x^k).
func power(x dsl.Expr, k int) dsl.Expr {
	if k == 1 {
		return x
	}
	var best dsl.Expr = bin(dsl.OpPow, x, constI(int64(k)))
	if k <= 4 {
		prod := x
		for i := 1; i < k; i++ {
			prod = bin(dsl.OpMul, prod, x)
		}
		best = shorter(best, prod)
	}
	return best
}

// item is one summand: pos computes its value, neg its negation; either may
// be nil when it cannot be written.
type item struct{ pos, neg dsl.Expr }

// coefItem is the summand c*x, or the constant c when x is nil.
func coefItem(c *big.Int, x dsl.Expr) item {
	abs := new(big.Int).Abs(c)
	e := constE(abs)
	if x != nil {
		e = scaleAbs(abs, x)
	}
	if c.Sign() > 0 {
		return item{pos: e}
	}
	return item{neg: e}
}

// sum adds the items up in their shortest signed form: one item that can
// be written positively goes first, the others are added or subtracted,
// whichever is shorter; or, if shorter, the negation of the negated sum.
func sum(its []item) dsl.Expr {
	best := signedSum(its)
	swapped := make([]item, len(its))
	for i, it := range its {
		swapped[i] = item{pos: it.neg, neg: it.pos}
	}
	return shorter(best, negE(signedSum(swapped)))
}

func signedSum(its []item) dsl.Expr {
	if len(its) == 0 {
		return nil
	}
	cost := func(it item) int {
		return min(bits(it.pos)+dsl.Ops[dsl.OpAdd].Bits, bits(it.neg)+dsl.Ops[dsl.OpSub].Bits)
	}
	rest := 0
	for _, it := range its {
		c := cost(it)
		if c >= math.MaxInt32 {
			return nil
		}
		rest += c
	}
	first, firstCost := -1, 0
	for i, it := range its {
		if it.pos == nil {
			continue
		}
		c := bits(it.pos) - cost(it)
		if first < 0 || c < firstCost {
			first, firstCost = i, c
		}
	}
	if first < 0 {
		return nil
	}
	e := its[first].pos
	for i, it := range its {
		if i == first {
			continue
		}
		if bits(it.pos)+dsl.Ops[dsl.OpAdd].Bits <= bits(it.neg)+dsl.Ops[dsl.OpSub].Bits {
			e = bin(dsl.OpAdd, e, it.pos)
		} else {
			e = bin(dsl.OpSub, e, it.neg)
		}
	}
	return e
}

// rootRange bounds the integer roots tried when factoring.
const rootRange = 24

// builder finds short expressions for forms, memoized.
type builder struct {
	memo map[string]dsl.Expr
}

func newBuilder() *builder { return &builder{memo: map[string]dsl.Expr{}} }

// best returns the shortest expression the builder knows for f, nil for the
// zero form or when a constant is out of range.
func (b *builder) best(f form) dsl.Expr {
	if f.isZero() {
		return nil
	}
	key := f.key()
	if e, ok := b.memo[key]; ok {
		return e
	}
	b.memo[key] = nil // a form never needs itself
	var best dsl.Expr
	consider := func(e dsl.Expr) { best = shorter(best, e) }

	// The plain sum of its parts.
	consider(sum(b.items(f)))

	// Common factor.
	if g := f.content(); g.Cmp(big.NewInt(1)) > 0 {
		consider(scaleAbs(g, b.best(f.quo(g))))
	}

	// A common factor of some of the parts: g*A + B.
	for _, g := range partialFactors(f) {
		a, rest := f.splitBy(g)
		consider(sum([]item{
			{pos: scaleAbs(g, b.best(a)), neg: scaleAbs(g, b.best(a.neg()))},
			{pos: b.best(rest), neg: b.best(rest.neg())},
		}))
	}

	if f.maxDeg() >= 1 {
		// Horner: f0 + n*f1.
		f0, f1 := f.split()
		nf1 := item{pos: b.timesN(f1), neg: b.timesN(f1.neg())}
		if f0.isZero() {
			consider(nf1.pos)
		} else {
			its := append(b.items(f0), nf1)
			if f.onlyPoly() {
				its = []item{nf1, its[0]} // n*(...) + c reads best
			}
			consider(sum(its))
		}
		// Integer roots: (n - r)*q, (r - n)*(-q), (n - r)^m*q.
		for _, r := range f.rootCandidates() {
			if !f.vanishesAt(r) {
				continue
			}
			q := f.divRoot(r)
			if r != 0 {
				consider(b.product(nPlus(-r), q))
				if r > 0 {
					consider(b.product(bin(dsl.OpSub, constI(r), &dsl.Index{}), q.neg()))
				}
			}
			m := 1
			for q.maxDeg() >= 1 && q.vanishesAt(r) {
				q = q.divRoot(r)
				m++
			}
			if m >= 2 {
				consider(b.product(power(nPlus(-r), m), q))
			}
		}
	}
	b.memo[key] = best
	return best
}

// parts lists f's summands for partial factoring: each a(n-l) part whole,
// and each power of n of the polynomial part.
type part struct{ lag, pow int } // pow -1: the whole a(n-l) part

func (f form) parts() []part {
	var ps []part
	for l := 1; l < len(f); l++ {
		if len(f[l]) > 0 {
			ps = append(ps, part{l, -1})
		}
	}
	for j, c := range f[0] {
		if c.Sign() != 0 {
			ps = append(ps, part{0, j})
		}
	}
	return ps
}

func (f form) partContent(p part) *big.Int {
	if p.pow >= 0 {
		return new(big.Int).Abs(f[0][p.pow])
	}
	return form{0: f[p.lag]}.content()
}

// partialFactors returns the factors g > 1 shared by at least two but not
// all of f's parts.
func partialFactors(f form) []*big.Int {
	ps := f.parts()
	if len(ps) < 3 {
		return nil
	}
	cs := make([]*big.Int, len(ps))
	for i, p := range ps {
		cs[i] = f.partContent(p)
	}
	var out []*big.Int
	seen := map[string]bool{}
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			g := new(big.Int).GCD(nil, nil, cs[i], cs[j])
			if g.Cmp(big.NewInt(1)) <= 0 || seen[g.String()] {
				continue
			}
			seen[g.String()] = true
			all := true
			for _, c := range cs {
				all = all && new(big.Int).Rem(c, g).Sign() == 0
			}
			if !all {
				out = append(out, g)
			}
		}
	}
	return out
}

// splitBy returns A and B with f = g*A + B, A made of the parts divisible by g.
func (f form) splitBy(g *big.Int) (a, rest form) {
	for _, p := range f.parts() {
		div := new(big.Int).Rem(f.partContent(p), g).Sign() == 0
		if p.pow < 0 {
			if div {
				a[p.lag] = form{0: f[p.lag]}.quo(g)[0]
			} else {
				rest[p.lag] = f[p.lag]
			}
			continue
		}
		dst := &rest[0]
		c := f[0][p.pow]
		if div {
			dst = &a[0]
			c = new(big.Int).Quo(c, g)
		}
		for len(*dst) <= p.pow {
			*dst = append(*dst, new(big.Int))
		}
		(*dst)[p.pow] = c
	}
	return a, rest
}

// product returns x*q.
func (b *builder) product(x dsl.Expr, q form) dsl.Expr {
	if q.onlyPoly() && q.maxDeg() == 0 {
		return scale(q[0][0], x)
	}
	return times(x, b.best(q))
}

// timesN returns n*f.
func (b *builder) timesN(f form) dsl.Expr {
	return b.product(&dsl.Index{}, f)
}

// items splits f into summands: one per a(n-l), and the polynomial part as
// one summand, or as one per power of n when f is a plain polynomial.
func (b *builder) items(f form) []item {
	var its []item
	for l := 1; l < len(f); l++ {
		p := f[l]
		x := &dsl.Prev{Lag: l}
		switch {
		case len(p) == 0:
		case p.deg() == 0:
			its = append(its, coefItem(p[0], x))
		default:
			its = append(its, item{
				pos: times(b.best(form{0: p}), x),
				neg: times(b.best(form{0: p.neg()}), x),
			})
		}
	}
	p := f[0]
	if len(p) == 0 {
		return its
	}
	if f.onlyPoly() {
		for j := len(p) - 1; j >= 0; j-- {
			if p[j].Sign() == 0 {
				continue
			}
			var x dsl.Expr
			if j > 0 {
				x = power(&dsl.Index{}, j)
			}
			its = append(its, coefItem(p[j], x))
		}
		return its
	}
	return append(its, item{pos: b.best(form{0: p}), neg: b.best(form{0: p.neg()})})
}

// quotient returns num/den, or num when den is nil.
func quotient(num, den dsl.Expr) dsl.Expr {
	if den == nil {
		return num
	}
	return bin(dsl.OpDiv, num, den)
}

// denom returns the expression of an integer denominator d > 0, nil for 1.
func denom(d *big.Int) (dsl.Expr, bool) {
	if d.Cmp(big.NewInt(1)) == 0 {
		return nil, true
	}
	e := constE(d)
	return e, e != nil
}

// ratPolyExpr returns the shortest expression the builder knows for the
// rational polynomial p(n), valid for n >= offset: (integer poly)/D, or a
// multiple of binomial(n+s, k) plus the rest.
func (b *builder) ratPolyExpr(p ratPoly, offset int, binomials bool) dsl.Expr {
	p = p.trim()
	if len(p) == 0 {
		return nil
	}
	num, d := p.integral()
	den, ok := denom(d)
	if !ok {
		return nil
	}
	k := len(p) - 1
	if k > maxSearchDegree {
		return quotient(plainPoly(num), den)
	}
	best := quotient(b.best(form{0: num}), den)
	if !binomials || k < 2 {
		return best
	}
	// p = c*binomial(n+s, k) + rest, c = lead*k!.
	c := new(big.Rat).Mul(p[k], new(big.Rat).SetInt(new(big.Int).MulRange(1, int64(k))))
	if !c.IsInt() {
		return best
	}
	ci := c.Num()
	for s := int64(-offset); s <= int64(k); s++ {
		bp := binomialPoly(k, s)
		rest := make(ratPoly, k)
		for i := range rest {
			rest[i] = new(big.Rat).Sub(p[i], new(big.Rat).Mul(c, bp[i]))
		}
		rest = rest.trim()
		bx := bin(dsl.OpBinom, nPlus(s), constI(int64(k)))
		lead := coefItem(ci, bx)
		if len(rest) == 0 {
			best = shorter(best, sum([]item{lead}))
			continue
		}
		if !rest.isIntegral() {
			continue // binomials are there to absorb the denominator
		}
		negRest := make(ratPoly, len(rest))
		for i, r := range rest {
			negRest[i] = new(big.Rat).Neg(r)
		}
		best = shorter(best, sum([]item{lead, {pos: b.ratPolyExpr(rest, offset, false), neg: b.ratPolyExpr(negRest, offset, false)}}))
	}
	return best
}

// maxSearchDegree is the highest degree whose expressions the builder
// searches: its search grows exponentially with the degree, and above it
// only the plain forms are written.
const maxSearchDegree = 4

// plainPoly writes the integer polynomial p expanded or in Horner form,
// whichever is shorter.
func plainPoly(p poly) dsl.Expr {
	var its []item
	for j := len(p) - 1; j >= 0; j-- {
		if p[j].Sign() == 0 {
			continue
		}
		var x dsl.Expr
		if j > 0 {
			x = power(&dsl.Index{}, j)
		}
		its = append(its, coefItem(p[j], x))
	}
	return shorter(sum(its), horner(p))
}

// horner writes p as n*(...) + c, nested; p is non-zero.
func horner(p poly) dsl.Expr {
	if len(p) == 1 {
		return sum([]item{coefItem(p[0], nil)})
	}
	inner := trim(p[1:])
	n := times(&dsl.Index{}, horner(inner))
	if len(inner) == 1 {
		n = scale(inner[0], &dsl.Index{})
	}
	if p[0].Sign() == 0 {
		return n
	}
	return sum([]item{{pos: n}, coefItem(p[0], nil)})
}
