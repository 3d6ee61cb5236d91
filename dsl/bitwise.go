package dsl

import (
	"math"
	"math/big"
	"math/bits"
)

// The functions of two arguments on digits and bits: the p-adic valuation,
// the integer logarithm and the bitwise operations. Each has an int64 form
// (Undef in, Undef out) and an exact form in bigBitwise.

// Val returns the valuation of x at p: the largest e such that p^e
// divides x (OEIS A007814 for p = 2, A007949 for p = 3). Any p >= 2 is
// allowed; x = 0 (divisible by every power) and p < 2 are Undef.
func Val(x, p Value) Value {
	if x == Undef || p == Undef || x == 0 || p < 2 {
		return Undef
	}
	if p == 2 {
		return Value(bits.TrailingZeros64(uint64(x)))
	}
	e := Value(0)
	for x%p == 0 {
		x /= p
		e++
	}
	return e
}

// Ilog returns the integer logarithm of x to base b, floor(log_b x), the
// largest e with b^e <= x (OEIS A000523 for b = 2), for x >= 1 and b >= 2;
// Undef otherwise.
func Ilog(x, b Value) Value {
	if x == Undef || b == Undef || x < 1 || b < 2 {
		return Undef
	}
	if b == 2 {
		return Value(bits.Len64(uint64(x)) - 1)
	}
	// floor(floor(x/b)/b) = floor(x/b^2), so dividing counts the powers.
	e := Value(0)
	for x >= b {
		x /= b
		e++
	}
	return e
}

// Iroot returns the integer part (the floor) of the k-th root of x, k >=
// 1: the largest r with r^k <= x. An odd root of a negative number is
// negative (iroot(-9, 3) = -3, as -3 < -9^(1/3) < -2); an even root of a
// negative number and k < 1 are Undef. iroot(x, 2) is isqrt(x).
func Iroot(x, k Value) Value {
	if x == Undef || k == Undef || k < 1 || (x < 0 && k%2 == 0) {
		return Undef
	}
	if x < 0 {
		// floor(-y^(1/k)) = -ceil(y^(1/k)) for y = -x.
		r := Iroot(-x, k)
		if Pow(r, k) != -x {
			r++
		}
		return -r
	}
	if k == 1 || x < 2 {
		return x
	}
	if k >= 63 { // 2^63 > x
		return 1
	}
	r := Value(math.Pow(float64(x), 1/float64(k)))
	// The float may be off by one or so either way; Pow is Undef when
	// r^k overflows, which means r^k > x.
	for r > 0 && !powAtMost(r, k, x) {
		r--
	}
	for powAtMost(r+1, k, x) {
		r++
	}
	return r
}

// powAtMost reports whether r^k <= x for r >= 0.
func powAtMost(r, k, x Value) bool {
	p := Pow(r, k)
	return p != Undef && p <= x
}

// Xor, And and Or are the bitwise operations on the two's complement forms
// of x and y (infinite, for negative numbers, as in math/big): -1 xor 5 =
// -6. The only int64 result they cannot give is -2^63, whose bit pattern
// is Undef's; it counts as an overflow, as everywhere.

// Xor returns the bitwise exclusive or of x and y.
func Xor(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	return x ^ y
}

// And returns the bitwise and of x and y.
func And(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	return x & y
}

// Or returns the bitwise or of x and y.
func Or(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	return x | y
}

// bigBitwise applies Val, Ilog, Xor, And or Or exactly.
func bigBitwise(op Op, x, y *big.Int) *big.Int {
	switch op {
	case OpXor:
		return new(big.Int).Xor(x, y)
	case OpAnd:
		return new(big.Int).And(x, y)
	case OpOr:
		return new(big.Int).Or(x, y)
	case OpVal:
		return bigVal(x, y)
	case OpIlog:
		return bigIlog(x, y)
	case OpIroot:
		return bigIroot(x, y)
	}
	return nil
}

var bigTwo = big.NewInt(2)

func bigVal(x, p *big.Int) *big.Int {
	if x.Sign() == 0 || p.Cmp(bigTwo) < 0 {
		return nil
	}
	if p.Cmp(bigTwo) == 0 {
		return big.NewInt(int64(new(big.Int).Abs(x).TrailingZeroBits()))
	}
	// At most log_3 |x| < |x|.BitLen() divisions of a shrinking number.
	e := int64(0)
	q, r := new(big.Int).Set(x), new(big.Int)
	for {
		q2, _ := new(big.Int).QuoRem(q, p, r)
		if r.Sign() != 0 {
			return big.NewInt(e)
		}
		q = q2
		e++
	}
}

func bigIlog(x, b *big.Int) *big.Int {
	if x.Sign() < 1 || b.Cmp(bigTwo) < 0 {
		return nil
	}
	if b.Cmp(bigTwo) == 0 {
		return big.NewInt(int64(x.BitLen() - 1))
	}
	e := int64(0)
	for q := new(big.Int).Set(x); q.Cmp(b) >= 0; e++ {
		q.Quo(q, b)
	}
	return big.NewInt(e)
}

func bigIroot(x, k *big.Int) *big.Int {
	if k.Sign() < 1 || (x.Sign() < 0 && k.Bit(0) == 0) {
		return nil
	}
	if x.Sign() < 0 {
		y := new(big.Int).Neg(x)
		r := bigIroot(y, k)
		if new(big.Int).Exp(r, k, nil).Cmp(y) != 0 {
			r.Add(r, big.NewInt(1))
		}
		return r.Neg(r)
	}
	if !k.IsInt64() || k.Int64() >= int64(x.BitLen()) {
		// 2^k > x: the root is 0 or 1.
		return big.NewInt(int64(min(x.Sign(), 1)))
	}
	// Bisection on the root, which has at most BitLen/k + 1 bits.
	kk := uint(k.Int64())
	lo, hi := big.NewInt(0), new(big.Int).Lsh(big.NewInt(1), uint(x.BitLen())/kk+1)
	one := big.NewInt(1)
	for lo.Cmp(hi) < 0 { // the root is in [lo, hi]
		mid := new(big.Int).Add(lo, hi)
		mid.Add(mid, one).Rsh(mid, 1)
		if new(big.Int).Exp(mid, k, nil).Cmp(x) <= 0 {
			lo = mid
		} else {
			hi = mid.Sub(mid, one)
		}
	}
	return lo
}
