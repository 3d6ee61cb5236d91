package dsl

import (
	"math/big"
	"sync"
)

// Bounds of the big.Float evaluation of real constants. They keep every
// evaluation cheap whatever the expression: a value (or error bound)
// beyond 2^±MaxRealExp is undefined, exp takes arguments up to
// maxExpArg in size, integer powers are computed by squaring only for
// exponents up to maxIntPow, and no evaluation runs at more than
// MaxRealPrec bits.
const (
	MaxRealExp  = 4096
	MaxRealPrec = 1 << 13
	maxExpArg   = 2840 // e^2840 > 2^4096
	maxIntPow   = 1 << 20
	realGuard   = 64 // bits the functions compute beyond the precision
)

// ival is a real number known to within an absolute error: the true value
// lies in [v - err, v + err]. err is a 64-bit float, 0 when v is exact.
type ival struct {
	v, err *big.Float
}

// realEval evaluates expressions at one precision.
type realEval struct {
	prec uint
}

// EvalReal evaluates r at prec bits (at least 64, at most MaxRealPrec) and
// returns its value and a bound on the absolute error, both nil when r is
// undefined: log or sqrt of a number not safely positive, division by a
// number not safely away from zero, a non-integer power of a number not
// safely positive, or a magnitude beyond 2^±MaxRealExp.
func EvalReal(r *Real, prec uint) (v, err *big.Float) {
	prec = min(max(prec, 64), MaxRealPrec)
	x, ok := (&realEval{prec: prec}).eval(r, 0)
	if !ok {
		return nil, nil
	}
	return x.v, x.err
}

// maxRealDepth bounds the recursion on trees not built by the parser.
const maxRealDepth = 400

func (c *realEval) eval(r *Real, depth int) (ival, bool) {
	if r == nil || r.Op >= NumRealOps || depth > maxRealDepth {
		return ival{}, false
	}
	switch r.Op {
	case RInt:
		if r.Int < 1 {
			return ival{}, false
		}
		v := new(big.Float).SetPrec(c.prec).SetInt64(r.Int)
		return c.rounded(v, errFloat())
	case RPi:
		return c.rounded(piFloat(c.prec), ulpErr(piFloat(c.prec), 2))
	case RE:
		return c.exp(ival{new(big.Float).SetPrec(c.prec).SetInt64(1), errFloat()})
	}
	x, ok := c.eval(r.X, depth+1)
	if !ok {
		return ival{}, false
	}
	switch r.Op {
	case RSqrt:
		return c.sqrt(x)
	case RLog:
		return c.log(x)
	case RExp:
		return c.exp(x)
	}
	y, ok := c.eval(r.Y, depth+1)
	if !ok {
		return ival{}, false
	}
	switch r.Op {
	case RAdd, RSub:
		return c.add(x, y, r.Op == RSub)
	case RMul:
		return c.mul(x, y)
	case RDiv:
		return c.div(x, y)
	}
	return c.pow(x, y)
}

// errFloat returns a zero error bound.
func errFloat() *big.Float { return new(big.Float).SetPrec(64) }

// ulpErr is |v| * 2^(k-prec): k units in the last place of v.
func ulpErr(v *big.Float, k int) *big.Float {
	e := errFloat().Abs(v)
	if e.Sign() == 0 {
		return e
	}
	return e.SetMantExp(e, k-int(v.Prec()))
}

// sumErr adds error terms; the sum is doubled, a safety factor that covers
// the rounding of the 64-bit error arithmetic itself many times over.
func sumErr(terms ...*big.Float) *big.Float {
	s := errFloat()
	for _, t := range terms {
		s.Add(s, t)
	}
	return s.Mul(s, big.NewFloat(2))
}

// rounded adds the rounding error of v (one unit in its last place, when
// the operation that gave v was inexact) to err and checks the bounds.
func (c *realEval) rounded(v, err *big.Float) (ival, bool) {
	if v.Acc() != big.Exact {
		err = sumErr(err, ulpErr(v, 1))
	}
	if v.IsInf() || err.IsInf() || tooBig(v) || tooBig(err) || v.Sign() != 0 && v.MantExp(nil) < -MaxRealExp {
		return ival{}, false
	}
	return ival{v, err}, true
}

func tooBig(x *big.Float) bool { return x.Sign() != 0 && x.MantExp(nil) > MaxRealExp }

// lower is |x.v| - x.err rounded down: positive when x is safely away
// from zero.
func lower(x ival) *big.Float {
	l := new(big.Float).SetPrec(64).SetMode(big.ToNegativeInf).Abs(x.v)
	return l.Sub(l, x.err)
}

func (c *realEval) add(x, y ival, sub bool) (ival, bool) {
	z := new(big.Float).SetPrec(c.prec)
	if sub {
		z.Sub(x.v, y.v)
	} else {
		z.Add(x.v, y.v)
	}
	return c.rounded(z, sumErr(x.err, y.err))
}

func (c *realEval) mul(x, y ival) (ival, bool) {
	z := new(big.Float).SetPrec(c.prec).Mul(x.v, y.v)
	ax, ay := errFloat().Abs(x.v), errFloat().Abs(y.v)
	return c.rounded(z, sumErr(ax.Mul(ax, y.err), ay.Mul(ay, x.err), errFloat().Mul(x.err, y.err)))
}

// div needs |y| > 2*err(y); the error is (err(x) + |x/y|*err(y)) / (|y| - err(y)).
func (c *realEval) div(x, y ival) (ival, bool) {
	lo := lower(y)
	if lo.Sign() <= 0 || lo.Cmp(y.err) <= 0 {
		return ival{}, false
	}
	z := new(big.Float).SetPrec(c.prec).Quo(x.v, y.v)
	e := errFloat().Abs(z)
	e.Mul(e, y.err).Add(e, x.err).Quo(e, lo)
	return c.rounded(z, sumErr(e))
}

// sqrt needs x >= 0 safely (or exactly 0); the error is err(x)/sqrt(x - err(x)).
func (c *realEval) sqrt(x ival) (ival, bool) {
	if x.err.Sign() == 0 && x.v.Sign() == 0 {
		return ival{new(big.Float).SetPrec(c.prec), errFloat()}, true
	}
	lo := lower(x)
	if x.v.Sign() < 0 || lo.Sign() <= 0 {
		return ival{}, false
	}
	z := new(big.Float).SetPrec(c.prec).Sqrt(x.v)
	e := errFloat()
	if x.err.Sign() != 0 {
		e.Quo(x.err, errFloat().Sqrt(lo))
	}
	return c.rounded(z, sumErr(e))
}

// log needs x > err(x); the error is err(x)/(x - err(x)) plus the
// series' own.
func (c *realEval) log(x ival) (ival, bool) {
	lo := lower(x)
	if x.v.Sign() <= 0 || lo.Sign() <= 0 {
		return ival{}, false
	}
	if x.err.Sign() == 0 && x.v.Cmp(big.NewFloat(1)) == 0 {
		return ival{new(big.Float).SetPrec(c.prec), errFloat()}, true // log 1 = 0 exactly
	}
	z, fnErr := bigLog(x.v, c.prec)
	e := errFloat().Quo(x.err, lo)
	z.SetPrec(c.prec) // rounding to prec: one more ulp, added by rounded
	return c.rounded(z, sumErr(e, fnErr))
}

// exp needs |x| <= maxExpArg and err(x) <= 1/4; the error is
// exp(x)*(exp(err) - 1) <= 2*exp(x)*err plus the series' own.
func (c *realEval) exp(x ival) (ival, bool) {
	if cmpAbs(x.v, maxExpArg) > 0 || x.err.Cmp(big.NewFloat(0.25)) > 0 {
		return ival{}, false
	}
	if x.err.Sign() == 0 && x.v.Sign() == 0 {
		return ival{new(big.Float).SetPrec(c.prec).SetInt64(1), errFloat()}, true
	}
	z := bigExp(x.v, c.prec)
	e := errFloat().Abs(z)
	e.Mul(e, x.err).Mul(e, big.NewFloat(2))
	fnErr := ulpErr(z, 8)
	z.SetPrec(c.prec)
	return c.rounded(z, sumErr(e, fnErr))
}

// pow: an exact integer exponent (|y| <= maxIntPow) is done by repeated
// squaring, which any base allows (0 needs y >= 1); any other exponent
// needs a base safely above zero and is exp(y*log(x)).
func (c *realEval) pow(x, y ival) (ival, bool) {
	if y.err.Sign() == 0 && y.v.IsInt() && cmpAbs(y.v, maxIntPow) <= 0 {
		k, _ := y.v.Int64()
		return c.intPow(x, k)
	}
	l, ok := c.log(x)
	if !ok {
		return ival{}, false
	}
	p, ok := c.mul(y, l)
	if !ok {
		return ival{}, false
	}
	return c.exp(p)
}

func (c *realEval) intPow(x ival, k int64) (ival, bool) {
	neg := k < 0
	if neg {
		k = -k
	}
	one := ival{new(big.Float).SetPrec(c.prec).SetInt64(1), errFloat()}
	if k == 0 {
		if x.err.Sign() == 0 && x.v.Sign() == 0 {
			return ival{}, false // 0^0 is left undefined, like 0^-1
		}
		return one, true
	}
	acc, sq, ok := one, x, true
	for ; k > 0 && ok; k >>= 1 {
		if k&1 == 1 {
			if acc, ok = c.mul(acc, sq); !ok {
				break
			}
		}
		if k > 1 {
			sq, ok = c.mul(sq, sq)
		}
	}
	if !ok {
		return ival{}, false
	}
	if neg {
		return c.div(one, acc)
	}
	return acc, true
}

// bigExp returns exp(x) to about prec bits (relative error below
// 2^(8-prec)), for |x| <= maxExpArg. It writes x = k*ln2 + r, |r| <= ln2/2,
// sums the Taylor series of exp(r/2^s) and squares s times.
func bigExp(x *big.Float, prec uint) *big.Float {
	w := prec + realGuard
	ln2 := ln2Float(w + 16)
	q := new(big.Float).SetPrec(w+16).Quo(x, ln2)
	kf, _ := q.Int64()
	if d := new(big.Float).Sub(q, new(big.Float).SetInt64(kf)); d.Cmp(big.NewFloat(0.5)) > 0 {
		kf++
	} else if d.Cmp(big.NewFloat(-0.5)) < 0 {
		kf--
	}
	r := new(big.Float).SetPrec(w+16).Mul(ln2, new(big.Float).SetInt64(kf))
	r.Sub(x, r)
	s := min(30, int(isqrtUint(w)/2))
	r.SetMantExp(r, -s)
	sum := new(big.Float).SetPrec(w).SetInt64(1)
	term := new(big.Float).SetPrec(w).SetInt64(1)
	for i := int64(1); i < 100000; i++ {
		term.Mul(term, r).Quo(term, new(big.Float).SetInt64(i))
		if term.Sign() == 0 || term.MantExp(nil) < -int(w)-2 {
			break
		}
		sum.Add(sum, term)
	}
	for range s {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(kf))
}

// bigLog returns log(x) for x > 0 and a bound on its absolute error. It
// writes x = m*2^e with m in [1/sqrt2, sqrt2) and sums
// log m = 2*atanh((m-1)/(m+1)), whose ratio is at most 0.18.
func bigLog(x *big.Float, prec uint) (*big.Float, *big.Float) {
	w := prec + realGuard
	m := new(big.Float).SetPrec(w)
	e := x.MantExp(m)
	if m.Cmp(big.NewFloat(0.7071067811865476)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	num := new(big.Float).SetPrec(w).Sub(m, big.NewFloat(1))
	den := new(big.Float).SetPrec(w).Add(m, big.NewFloat(1))
	res := atanhSeries(num.Quo(num, den), w)
	res.Mul(res, big.NewFloat(2))
	t := new(big.Float).SetPrec(w).Mul(ln2Float(w), new(big.Float).SetInt64(int64(e)))
	res.Add(res, t)
	// The terms are each good to 2^-w relative; e*ln2 to |e|*2^-w.
	bound := errFloat().SetInt64(int64(iabs(e)) + 1)
	bound.SetMantExp(bound, 8-int(w))
	return res, bound
}

func iabs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// cmpAbs compares |x| with y >= 0.
func cmpAbs(x *big.Float, y float64) int {
	return new(big.Float).Abs(x).Cmp(big.NewFloat(y))
}

// atanhSeries is z + z^3/3 + z^5/5 + ... at w bits, |z| < 1/2.
func atanhSeries(z *big.Float, w uint) *big.Float {
	sum := new(big.Float).SetPrec(w).Set(z)
	z2 := new(big.Float).SetPrec(w).Mul(z, z)
	pow := new(big.Float).SetPrec(w).Set(z)
	term := new(big.Float).SetPrec(w)
	for i := int64(3); ; i += 2 {
		pow.Mul(pow, z2)
		if pow.Sign() == 0 || pow.MantExp(nil) < -int(w)-4 {
			return sum
		}
		sum.Add(sum, term.Quo(pow, new(big.Float).SetInt64(i)))
	}
}

// atanInv is atan(1/k) = 1/k - 1/(3k^3) + 1/(5k^5) - ... at w bits.
func atanInv(k int64, w uint) *big.Float {
	pow := new(big.Float).SetPrec(w).Quo(big.NewFloat(1), new(big.Float).SetInt64(k))
	k2 := new(big.Float).SetPrec(w).SetInt64(k * k)
	sum := new(big.Float).SetPrec(w).Set(pow)
	term := new(big.Float).SetPrec(w)
	for i := int64(3); ; i += 2 {
		pow.Quo(pow, k2)
		if pow.MantExp(nil) < -int(w)-4 {
			return sum
		}
		term.Quo(pow, new(big.Float).SetInt64(i))
		if i%4 == 3 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
}

// constCache keeps the most precise pi and ln 2 computed so far; lower
// precisions are rounded from them.
var constCache struct {
	sync.Mutex
	pi, ln2 *big.Float
}

func cachedConst(slot **big.Float, prec uint, compute func(w uint) *big.Float) *big.Float {
	constCache.Lock()
	defer constCache.Unlock()
	if *slot == nil || (*slot).Prec() < prec+realGuard {
		*slot = compute(prec + realGuard)
	}
	return new(big.Float).SetPrec(prec).Set(*slot)
}

// piFloat is pi rounded to prec bits, by Machin's formula
// pi = 16*atan(1/5) - 4*atan(1/239).
func piFloat(prec uint) *big.Float {
	return cachedConst(&constCache.pi, prec, func(w uint) *big.Float {
		a := atanInv(5, w+8)
		a.Mul(a, big.NewFloat(16))
		b := atanInv(239, w+8)
		b.Mul(b, big.NewFloat(4))
		return a.Sub(a, b).SetPrec(w)
	})
}

// ln2Float is log 2 rounded to prec bits: 2*atanh(1/3).
func ln2Float(prec uint) *big.Float {
	return cachedConst(&constCache.ln2, prec, func(w uint) *big.Float {
		third := new(big.Float).SetPrec(w+8).Quo(big.NewFloat(1), big.NewFloat(3))
		s := atanhSeries(third, w+8)
		return s.Mul(s, big.NewFloat(2)).SetPrec(w)
	})
}

func isqrtUint(x uint) uint {
	r := uint(0)
	for (r+1)*(r+1) <= x {
		r++
	}
	return r
}
