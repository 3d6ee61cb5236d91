package fit

import (
	"math/big"
	"strings"

	"github.com/seqpredict/seqpredict/dsl"
)

// poly is a polynomial with integer coefficients, lowest degree first and
// no trailing zeros; the zero polynomial is empty.
type poly []*big.Int

func trim(p poly) poly {
	for len(p) > 0 && p[len(p)-1].Sign() == 0 {
		p = p[:len(p)-1]
	}
	if len(p) == 0 {
		return nil
	}
	return p
}

// deg is the degree of p, -1 for the zero polynomial.
func (p poly) deg() int { return len(p) - 1 }

func (p poly) neg() poly {
	out := make(poly, len(p))
	for i, c := range p {
		out[i] = new(big.Int).Neg(c)
	}
	return out
}

// eval returns p(x).
func (p poly) eval(x int64) *big.Int {
	v := new(big.Int)
	bx := big.NewInt(x)
	for i := len(p) - 1; i >= 0; i-- {
		v.Mul(v, bx)
		v.Add(v, p[i])
	}
	return v
}

// divRoot returns p/(x - r); p(r) must be 0.
func (p poly) divRoot(r int64) poly {
	if len(p) == 0 {
		return nil
	}
	out := make(poly, len(p)-1)
	br := big.NewInt(r)
	carry := new(big.Int)
	for i := len(p) - 1; i >= 1; i-- {
		carry = new(big.Int).Add(p[i], new(big.Int).Mul(carry, br))
		out[i-1] = carry
	}
	return trim(out)
}

// shift returns p(x + s).
func (p poly) shift(s int64) poly {
	out := make(poly, len(p))
	for i := range out {
		out[i] = new(big.Int)
	}
	bs := big.NewInt(s)
	// Horner: out = out*(x+s) + p[i].
	for i := len(p) - 1; i >= 0; i-- {
		// multiply out by (x + s)
		for j := len(out) - 1; j >= 0; j-- {
			t := new(big.Int).Mul(out[j], bs)
			if j > 0 {
				t.Add(t, out[j-1])
			}
			out[j] = t
		}
		out[0].Add(out[0], p[i])
	}
	return trim(out)
}

func (p poly) String() string {
	var sb strings.Builder
	for i, c := range p {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(c.String())
	}
	return sb.String()
}

// ratPoly is a polynomial with rational coefficients, lowest degree first.
type ratPoly []*big.Rat

// integral returns D*p as an integer polynomial with D the least common
// denominator of the coefficients.
func (p ratPoly) integral() (poly, *big.Int) {
	d := big.NewInt(1)
	for _, c := range p {
		d = lcm(d, c.Denom())
	}
	out := make(poly, len(p))
	for i, c := range p {
		v := new(big.Int).Mul(c.Num(), d)
		out[i] = v.Quo(v, c.Denom())
	}
	return trim(out), d
}

func (p ratPoly) shift(s int64) ratPoly {
	num, d := p.integral()
	return fromInts(num.shift(s), d)
}

// fromInts returns p/d.
func fromInts(p poly, d *big.Int) ratPoly {
	out := make(ratPoly, len(p))
	for i, c := range p {
		out[i] = new(big.Rat).SetFrac(c, d)
	}
	return out
}

func (p ratPoly) isIntegral() bool {
	for _, c := range p {
		if !c.IsInt() {
			return false
		}
	}
	return true
}

func (p ratPoly) trim() ratPoly {
	for len(p) > 0 && p[len(p)-1].Sign() == 0 {
		p = p[:len(p)-1]
	}
	return p
}

func lcm(a, b *big.Int) *big.Int {
	if b.Cmp(big.NewInt(1)) == 0 {
		return a
	}
	g := new(big.Int).GCD(nil, nil, a, b)
	out := new(big.Int).Quo(a, g)
	return out.Mul(out, b)
}

// binomialPoly returns the coefficients of binomial(x + s, k) as a
// polynomial in x: (x+s)(x+s-1)...(x+s-k+1)/k!.
func binomialPoly(k int, s int64) ratPoly {
	p := poly{big.NewInt(1)}
	for i := 0; i < k; i++ {
		// multiply by (x + s - i)
		next := make(poly, len(p)+1)
		for j := range next {
			next[j] = new(big.Int)
		}
		c := big.NewInt(s - int64(i))
		for j, a := range p {
			next[j].Add(next[j], new(big.Int).Mul(a, c))
			next[j+1].Add(next[j+1], a)
		}
		p = next
	}
	return fromInts(p, new(big.Int).MulRange(1, int64(k)))
}

// linearPower writes p as c*(u*n + v)^k/d, k >= 2, u > 0 and gcd(u, v) = 1
// (as in (6*n + 4)^10 = 1024*(3*n + 2)^10), or returns nil when p is no
// such power. The root -v/u is read off the two top coefficients:
// p = L*n^k + M*n^(k-1) + ... has v/u = M/(k*L).
func linearPower(p ratPoly) dsl.Expr {
	p = p.trim()
	k := len(p) - 1
	if k < 2 {
		return nil
	}
	r := new(big.Rat).Quo(p[k-1], new(big.Rat).Mul(p[k], big.NewRat(int64(k), 1)))
	u, v := r.Denom(), r.Num()
	// c = L/u^k.
	uk := new(big.Int).Exp(u, big.NewInt(int64(k)), nil)
	c := new(big.Rat).Quo(p[k], new(big.Rat).SetInt(uk))
	// Check p = c*(u*n + v)^k coefficient by coefficient.
	base := poly{v, u}
	pw := poly{big.NewInt(1)}
	for range k {
		pw = pw.mul(base)
	}
	for i, x := range pw {
		if new(big.Rat).Mul(c, new(big.Rat).SetInt(x)).Cmp(p[i]) != 0 {
			return nil
		}
	}
	// A k-th power in c goes into the base: (6*n + 4)^10, not
	// 1024*(3*n + 2)^10.
	num := new(big.Int).Abs(c.Num())
	if s, ok := kthRoot(num, k); ok {
		u, v, num = new(big.Int).Mul(u, s), new(big.Int).Mul(v, s), big.NewInt(1)
	}
	var lin dsl.Expr = &dsl.Index{}
	if u.Cmp(big.NewInt(1)) != 0 {
		lin = scaleAbs(u, lin)
	}
	if v.Sign() != 0 {
		lin = sum([]item{{pos: lin}, coefItem(v, nil)})
	}
	e := scaleAbs(num, power(lin, k))
	if c.Sign() < 0 {
		e = negE(e)
	}
	den, ok := denom(c.Denom())
	if !ok {
		return nil
	}
	return quotient(e, den)
}

// mul returns p*q.
func (p poly) mul(q poly) poly {
	if len(p) == 0 || len(q) == 0 {
		return nil
	}
	out := make(poly, len(p)+len(q)-1)
	for i := range out {
		out[i] = new(big.Int)
	}
	for i, x := range p {
		for j, y := range q {
			out[i+j].Add(out[i+j], new(big.Int).Mul(x, y))
		}
	}
	return out
}

// kthRoot returns the integer s >= 1 with s^k = x, if there is one.
func kthRoot(x *big.Int, k int) (*big.Int, bool) {
	if x.Sign() <= 0 {
		return nil, false
	}
	// Bisection on s in [1, 2^(bitlen/k + 1)].
	lo, hi := big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), uint(x.BitLen()/k+1))
	bk := big.NewInt(int64(k))
	for lo.Cmp(hi) <= 0 {
		mid := new(big.Int).Add(lo, hi)
		mid.Rsh(mid, 1)
		switch new(big.Int).Exp(mid, bk, nil).Cmp(x) {
		case 0:
			return mid, true
		case -1:
			lo = mid.Add(mid, big.NewInt(1))
		default:
			hi = mid.Sub(mid, big.NewInt(1))
		}
	}
	return nil, false
}
