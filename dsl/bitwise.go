package dsl

import (
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
