package fit

import (
	"context"
	"math"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Bounds of the Floor family.
const (
	// MaxFloorDegree is the highest degree of p in floor(p(n)/D).
	MaxFloorDegree = 4
	// MaxFloorDen is the largest denominator D tried. The floor
	// formulas of the OEIS names have D = 2..12 mostly and rarely more
	// than 32, while a larger D fits more sequences by coincidence.
	MaxFloorDen = 32
	// maxFloorFits caps the programs proposed for one sequence.
	maxFloorFits = 8
	// floorMaxTerm bounds |a(n)|: the search runs in float64 and int64.
	floorMaxTerm = 1 << 40
	// floorMaxCoef bounds |p_j|, so that sum p_j*n^j fits an int64.
	floorMaxCoef = 1 << 36
)

// floorTerms is how many terms a degree-k floor fit needs. An inequality
// says less than an equation: a(n) <= q(n) < a(n) + 1 leaves q(n) a whole
// unit of room. So the fit needs about twice as many terms as it has
// unknowns (k+1 coefficients and D), or it fits noise.
func floorTerms(k int) int { return 2*k + 4 }

// Floor fits quasi-polynomials a(n) = floor(p(n)/D) with p an integer
// polynomial of degree 1..MaxFloorDegree and 2 <= D <= MaxFloorDen:
// floor(n^2/3), floor(n*(n-1)*(n-2)/28), round(n^2/8) = floor((n^2+4)/8).
// The dsl divides by floor, so the program is the quotient itself.
//
// The coefficients are found from the top down, q = p/D: the k-th divided
// difference of q at k+1 points is its leading coefficient c_k, and since
// q(n) - a(n) lies in [0, 1), the divided difference of the terms bounds
// c_k to an interval of width about 2^k/(number of terms)^k. For each D the
// multiples of 1/D in it are the candidates for c_k; each is subtracted
// and the next coefficient bounded the same way, down to c_0, whose range
// follows from every term at once. The smallest degree, then the smallest
// D, that fits is proposed, every fitting p with it (up to maxFloorFits).
// Exact polynomials (every remainder 0) are left to Polynomial.
func Floor(ctx context.Context, terms []*big.Int) []*dsl.Program {
	if len(terms) < floorTerms(1) {
		return nil
	}
	t := terms[:min(len(terms), MaxSolveTerms)]
	a := make([]int64, len(t))
	for i, x := range t {
		if !x.IsInt64() || x.Int64() > floorMaxTerm || x.Int64() < -floorMaxTerm {
			return nil
		}
		a[i] = x.Int64()
	}
	b := newBuilder()
	if polynomialAfterFirst(a) {
		// The first term is an exception to a polynomial (coordination
		// sequences start with 1): a remainder could absorb it, but that
		// is no quasi-polynomial.
		return nil
	}
	for k := 1; k <= MaxFloorDegree && len(terms) >= floorTerms(k); k++ {
		for den := int64(2); den <= MaxFloorDen; den++ {
			if ctx.Err() != nil {
				return nil
			}
			fs := &floorSearch{a: a, den: den, coef: make([]int64, k+1)}
			fs.level(k)
			if len(fs.fits) == 0 {
				continue
			}
			var out []*dsl.Program
			for _, p := range fs.fits {
				if prog := floorProgram(b, p, den); prog != nil {
					out = append(out, prog)
				}
			}
			return out
		}
	}
	return nil
}

// floorSearch enumerates the integer polynomials p of one degree with
// D*a(n) <= p(n) <= D*a(n) + D - 1 at every n.
type floorSearch struct {
	a    []int64
	den  int64
	coef []int64 // p_j, set from the top degree down
	fits [][]int64
}

// level chooses p_j given p_{j+1}, ... (in coef), then recurses.
func (fs *floorSearch) level(j int) {
	if len(fs.fits) >= maxFloorFits {
		return
	}
	if j == 0 {
		fs.constant()
		return
	}
	// The residual y(n) = a(n) - sum_{i>j} (p_i/D)*n^i equals
	// q_j(n) - f(n), q_j of degree j with leading coefficient p_j/D and
	// f(n) in [0, 1); take the j-th divided difference at j+1 points
	// spread over the terms.
	m := len(fs.a)
	xs := make([]float64, j+1)
	for i := range xs {
		xs[i] = math.Round(float64(i*(m-1)) / float64(j))
	}
	dd, pos, neg, ymax := 0.0, 0.0, 0.0, 0.0
	for i, x := range xs {
		w := 1.0
		for l, y := range xs {
			if l != i {
				w /= x - y
			}
		}
		y := float64(fs.a[int(x)])
		for deg := j + 1; deg < len(fs.coef); deg++ {
			y -= float64(fs.coef[deg]) / float64(fs.den) * math.Pow(x, float64(deg))
		}
		dd += w * y
		ymax = max(ymax, math.Abs(y))
		if w > 0 {
			pos += w
		} else {
			neg += w
		}
	}
	// c_j = dd + sum w_i*f(x_i), within [dd + neg, dd + pos]; with slack
	// for the float rounding of the terms' size, the constant step
	// checks exactly.
	d := float64(fs.den)
	slack := 1e-6 + 1e-12*d*ymax*(pos-neg)
	lo := math.Ceil(d*(dd+neg) - slack)
	hi := math.Floor(d*(dd+pos) + slack)
	if lo < -floorMaxCoef || hi > floorMaxCoef {
		return
	}
	for c := lo; c <= hi; c++ {
		if j == len(fs.coef)-1 && c == 0 {
			continue // the top coefficient makes the degree
		}
		fs.coef[j] = int64(c)
		fs.level(j - 1)
	}
}

// constant finds the range of p_0 that the other coefficients leave,
// D*a(n) - p'(n) <= p_0 <= D*a(n) + D - 1 - p'(n) at every n, and records
// each p it allows, unless every remainder is 0.
func (fs *floorSearch) constant() {
	lo, hi := int64(math.MinInt64), int64(math.MaxInt64)
	for n, v := range fs.a {
		rest := fs.den * v
		pw := int64(1)
		for j := 1; j < len(fs.coef); j++ {
			pw *= int64(n)
			rest -= fs.coef[j] * pw
		}
		lo, hi = max(lo, rest), min(hi, rest+fs.den-1)
		if lo > hi {
			return
		}
	}
	for c := lo; c <= hi && len(fs.fits) < maxFloorFits; c++ {
		fs.coef[0] = c
		if fs.exact() {
			continue
		}
		fs.fits = append(fs.fits, append([]int64(nil), fs.coef...))
	}
}

// exact reports whether D divides p(n) at every term: then p/D is a
// polynomial, and Polynomial's to propose.
func (fs *floorSearch) exact() bool {
	for n := range fs.a {
		v, pw := int64(0), int64(1)
		for _, c := range fs.coef {
			v += c * pw
			pw *= int64(n)
		}
		if v%fs.den != 0 {
			return false
		}
	}
	return true
}

// floorProgram writes a(n) = p(n)/D with offset 0 or 1, whichever is
// shorter; p is in the 0-based position.
func floorProgram(b *builder, coef []int64, den int64) *dsl.Program {
	p := make(poly, len(coef))
	for i, c := range coef {
		p[i] = big.NewInt(c)
	}
	p = trim(p)
	body := func(p poly) dsl.Expr {
		if len(p) == 0 {
			return nil
		}
		return quotient(b.best(form{0: p}), constI(den))
	}
	best, offset := body(p), 0
	if e := body(p.shift(-1)); e != nil && bits(e) < bits(best) {
		best, offset = e, 1
	}
	if best == nil {
		return nil
	}
	return &dsl.Program{Kind: dsl.ClosedForm, Offset: offset, Body: best}
}

// polynomialAfterFirst reports whether the terms after the first are an
// exact polynomial of degree at most MaxFloorDegree.
func polynomialAfterFirst(a []int64) bool {
	d := make([]*big.Int, 0, len(a))
	for _, v := range a[1:] {
		d = append(d, big.NewInt(v))
	}
	for range MaxFloorDegree + 1 {
		if len(d) < 2 {
			return false
		}
		for i := range len(d) - 1 {
			d[i].Sub(d[i+1], d[i])
		}
		d = d[:len(d)-1]
	}
	for _, v := range d {
		if v.Sign() != 0 {
			return false
		}
	}
	return true
}
