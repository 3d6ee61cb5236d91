package dsl

import (
	"math/big"
	"sync"
)

// Bounds of the big.Float evaluation of real constants. They keep every
// evaluation cheap whatever the expression: a value (or error bound)
// beyond 2^±MaxRealExp is undefined, exp takes arguments up to
// maxExpArg in size, sin, cos and tan up to MaxTrigArg (reducing x
// modulo pi/2 needs pi to log2|x| more bits, and the digits of sin(x) for
// a huge x are rarely wanted), integer powers are computed by squaring
// only for exponents up to maxIntPow, and no evaluation runs at more than
// MaxRealPrec bits.
const (
	MaxRealExp  = 4096
	MaxRealPrec = 1 << 13
	MaxTrigArg  = 1 << 20
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
// safely positive, tan where cos is not safely away from zero, sin, cos
// or tan of an argument beyond MaxTrigArg, or a magnitude beyond
// 2^±MaxRealExp.
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
		pi := piFloat(c.prec)
		return c.rounded(pi, ulpErr(pi, 2))
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
	case RSin, RCos, RTan:
		return c.trig(r.Op, x)
	case RAtan:
		return c.atan(x)
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

// trigErr is the bound on the error of bigSinCos and bigAtan themselves
// at prec bits: they work at w = prec + realGuard bits and are good to
// 2^(12-w) (see there); 2^(16-w) leaves a margin.
func trigErr(prec uint) *big.Float {
	return errFloat().SetMantExp(big.NewFloat(1), 16-int(prec+realGuard))
}

// trig evaluates sin, cos and tan, for |x| <= MaxTrigArg. sin and cos
// change by at most |dx|, so the error of x passes through, plus the
// functions' own. tan is sin/cos: the division's bound grows near the
// poles and leaves tan undefined where cos is within its error of zero.
func (c *realEval) trig(op RealOp, x ival) (ival, bool) {
	if cmpAbs(x.v, MaxTrigArg) > 0 {
		return ival{}, false
	}
	if x.err.Sign() == 0 && x.v.Sign() == 0 { // sin 0 = tan 0 = 0, cos 0 = 1 exactly
		v := new(big.Float).SetPrec(c.prec)
		if op == RCos {
			v.SetInt64(1)
		}
		return ival{v, errFloat()}, true
	}
	sv, cv := bigSinCos(x.v, c.prec)
	e := sumErr(x.err, trigErr(c.prec))
	sin, ok := c.rounded(sv.SetPrec(c.prec), e)
	if !ok && op != RCos {
		return ival{}, false
	}
	cos, okc := c.rounded(cv.SetPrec(c.prec), e)
	switch op {
	case RSin:
		return sin, true
	case RCos:
		return cos, okc
	}
	if !okc {
		return ival{}, false
	}
	return c.div(sin, cos)
}

// atan is defined everywhere. Its slope 1/(1 + x^2) is at most 1, and
// at most 1/(1 + lo^2) where |x| >= lo > 0, so the error of x passes
// through divided by 1 + lo^2 (atan of a huge x with a huge absolute
// error, such as atan(exp(2000)), is still pi/2 to many places), plus
// the function's own.
func (c *realEval) atan(x ival) (ival, bool) {
	if x.err.Sign() == 0 && x.v.Sign() == 0 {
		return ival{new(big.Float).SetPrec(c.prec), errFloat()}, true // atan 0 = 0 exactly
	}
	e := errFloat().Set(x.err)
	if lo := lower(x); lo.Sign() > 0 {
		d := errFloat().SetMode(big.ToNegativeInf).Mul(lo, lo)
		e.Quo(e, d.Add(d, big.NewFloat(1)))
	}
	z := bigAtan(x.v, c.prec)
	return c.rounded(z.SetPrec(c.prec), sumErr(e, trigErr(c.prec)))
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
	s := halvings(w)
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

// bigSinCos returns sin x and cos x, |x| <= MaxTrigArg, each to within
// 2^(12-w) absolutely, w = prec + realGuard: x = k*pi/2 + r with
// |r| <= pi/4 (reduceHalfPi, r good to 2^-w), then sin r and cos r
// (sinCosSmall, good to 2^(8-w)) put in x's quadrant.
func bigSinCos(x *big.Float, prec uint) (sin, cos *big.Float) {
	w := prec + realGuard
	r, k := reduceHalfPi(x, w)
	s, c := sinCosSmall(r, w)
	switch k & 3 { // sin(k*pi/2 + r), cos(k*pi/2 + r)
	case 1:
		s, c = c, s.Neg(s)
	case 2:
		s.Neg(s)
		c.Neg(c)
	case 3:
		s, c = c.Neg(c), s
	}
	return s, c
}

// reduceHalfPi writes x = k*pi/2 + r with k the integer nearest x/(pi/2),
// so |r| <= pi/4 (plus a rounding), and returns r to within 2^-w. It
// computes at w+48 bits: pi/2 is good to 2^(1-(w+48)) and |k| <= 2^21
// for |x| <= MaxTrigArg, so k*pi/2 and the two roundings cost at most
// 2^(24-(w+48)) < 2^-w.
func reduceHalfPi(x *big.Float, w uint) (*big.Float, int64) {
	wr := w + 48
	halfPi := piFloat(wr)
	halfPi.SetMantExp(halfPi, -1)
	q := new(big.Float).SetPrec(64).Quo(x, halfPi)
	if q.Sign() >= 0 {
		q.Add(q, big.NewFloat(0.5))
	} else {
		q.Sub(q, big.NewFloat(0.5))
	}
	k, _ := q.Int64() // truncated toward zero: x/(pi/2) rounded to nearest
	if k == 0 {
		return new(big.Float).SetPrec(wr).Set(x), 0
	}
	r := new(big.Float).SetPrec(wr).Mul(halfPi, new(big.Float).SetInt64(k))
	return r.Sub(x, r), k
}

// sinCosSmall returns sin r and cos r for |r| <= 1, to within 2^(8-w).
// It sums the Taylor series of the versine v = 1 - cos y of y = r/2^s,
// an alternating series cut where its terms fall below 2^-(w+4) of y^2,
// then doubles the angle s times with 1 - cos 2y = 2v(2 - v). Unlike
// cos 2y = 2cos^2 y - 1, that never subtracts nearly equal numbers: each
// doubling multiplies v by at most 4 and its error by at most 4, so the
// relative error of v grows only by the roundings, a few 2^-w per step.
// Then cos r = 1 - v and |sin r| = sqrt(v*(2 - v)), v <= 1 - cos 1 < 1/2.
func sinCosSmall(r *big.Float, w uint) (sin, cos *big.Float) {
	s := halvings(w)
	y2 := new(big.Float).SetPrec(w).SetMantExp(r, -s)
	y2.Mul(y2, y2)
	term := new(big.Float).SetPrec(w).Quo(y2, big.NewFloat(2)) // y^2/2!
	v := new(big.Float).SetPrec(w).Set(term)
	stop := y2.MantExp(nil) - int(w) - 4
	for i := int64(3); i < 100000; i += 2 { // the term y^(i+1)/(i+1)!
		term.Mul(term, y2).Quo(term, new(big.Float).SetInt64(i*(i+1)))
		if term.Sign() == 0 || term.MantExp(nil) < stop {
			break
		}
		if i%4 == 3 {
			v.Sub(v, term)
		} else {
			v.Add(v, term)
		}
	}
	two := big.NewFloat(2)
	t := new(big.Float).SetPrec(w)
	for range s {
		t.Sub(two, v)
		v.Mul(v, t)
		v.SetMantExp(v, 1)
	}
	cos = new(big.Float).SetPrec(w).Sub(big.NewFloat(1), v)
	t.Sub(two, v)
	t.Mul(t, v)
	sin = new(big.Float).SetPrec(w).Sqrt(t)
	if r.Sign() < 0 {
		sin.Neg(sin)
	}
	return sin, cos
}

// bigAtan returns atan(x) to within 2^(12-w), w = prec + realGuard. For
// |x| > 1 it uses atan|x| = pi/2 - atan(1/|x|). It halves the angle s
// times with atan t = 2*atan(t/(1 + sqrt(1 + t^2))), which never
// increases the relative error of t (the map's logarithmic derivative is
// at most 1 for 0 <= t <= 1), and sums the alternating series
// t - t^3/3 + t^5/5 - ... of the small t that is left.
func bigAtan(x *big.Float, prec uint) *big.Float {
	w := prec + realGuard
	one := big.NewFloat(1)
	t := new(big.Float).SetPrec(w).Abs(x)
	inv := t.Cmp(one) > 0
	if inv {
		t.Quo(one, t)
	}
	s := halvings(w)
	u := new(big.Float).SetPrec(w)
	root := new(big.Float).SetPrec(w)
	for range s {
		u.Mul(t, t).Add(u, one)
		root.Sqrt(u).Add(root, one)
		t.Quo(t, root)
	}
	res := atanSeries(t, w)
	res.SetMantExp(res, s)
	if inv {
		halfPi := piFloat(w)
		res.Sub(halfPi.SetMantExp(halfPi, -1), res)
	}
	if x.Sign() < 0 {
		res.Neg(res)
	}
	return res
}

// atanSeries is z - z^3/3 + z^5/5 - ... at w bits, 0 <= z < 1/2, cut
// where the powers fall below 2^-(w+4) of z (the series alternates, so
// the first term left out bounds the rest).
func atanSeries(z *big.Float, w uint) *big.Float {
	sum := new(big.Float).SetPrec(w).Set(z)
	z2 := new(big.Float).SetPrec(w).Mul(z, z)
	pow := new(big.Float).SetPrec(w).Set(z)
	term := new(big.Float).SetPrec(w)
	stop := z.MantExp(nil) - int(w) - 4
	for i := int64(3); i < 100000; i += 2 {
		pow.Mul(pow, z2)
		if pow.Sign() == 0 || pow.MantExp(nil) < stop {
			break
		}
		term.Quo(pow, new(big.Float).SetInt64(i))
		if i%4 == 3 {
			sum.Sub(sum, term)
		} else {
			sum.Add(sum, term)
		}
	}
	return sum
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

// halvings is how many times a series argument is halved (or its angle
// bisected) before summing at w bits: about sqrt(w)/2, which balances the
// halvings against the terms the series then needs.
func halvings(w uint) int { return min(30, int(Isqrt(Value(w)))/2) }

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
		a := atanSeries(new(big.Float).SetPrec(w+8).Quo(big.NewFloat(1), big.NewFloat(5)), w+8)
		a.Mul(a, big.NewFloat(16))
		b := atanSeries(new(big.Float).SetPrec(w+8).Quo(big.NewFloat(1), big.NewFloat(239)), w+8)
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
