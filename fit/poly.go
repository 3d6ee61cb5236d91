package fit

import (
	"math/big"
	"strings"
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
