package dsl

import (
	"math"
	"math/bits"
	"strconv"
)

// Value is the result of evaluating an expression in 64-bit arithmetic: an
// int64, or Undef. Undef stands for every result that has no correct int64
// value: overflow, division or modulo by zero, a negative exponent, the
// factorial of a negative number, a loop that would run too long. It
// propagates like go/constant's unknown value: any operation with an Undef
// argument is Undef, so a candidate program never panics and never yields a
// wrong number.
type Value int64

// Undef is the undefined value. It reuses math.MinInt64, which therefore is
// not a value of its own: results equal to it count as overflow.
const Undef Value = math.MinInt64

// MaxLoop bounds the number of iterations of sum and prod; a loop asked to
// run longer is Undef.
const MaxLoop = 100000

// Defined reports whether v is a number.
func (v Value) Defined() bool { return v != Undef }

func (v Value) String() string {
	if v == Undef {
		return "undefined"
	}
	return strconv.FormatInt(int64(v), 10)
}

// Add returns x + y, or Undef on overflow.
func Add(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	s := x + y
	// Overflow happened when both operands have the sign the sum lacks.
	if (x^s)&(y^s) < 0 || s == Undef {
		return Undef
	}
	return s
}

// Sub returns x - y, or Undef on overflow.
func Sub(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	d := x - y
	if (x^y)&(x^d) < 0 || d == Undef {
		return Undef
	}
	return d
}

// Mul returns x * y, or Undef on overflow.
func Mul(x, y Value) Value {
	// Fast path: factors in [-2^31, 2^31) (never Undef) cannot overflow.
	if uint64(x)+1<<31 < 1<<32 && uint64(y)+1<<31 < 1<<32 {
		return x * y
	}
	if x == Undef || y == Undef {
		return Undef
	}
	if x == 0 || y == 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(abs(x)), uint64(abs(y)))
	if hi != 0 || lo > math.MaxInt64 {
		return Undef
	}
	p := Value(lo)
	if (x < 0) != (y < 0) {
		p = -p
	}
	return p
}

// Div returns floor(x / y), or Undef when y is 0.
func Div(x, y Value) Value {
	if x == Undef || y == Undef || y == 0 {
		return Undef
	}
	q := x / y
	if (x%y != 0) && ((x < 0) != (y < 0)) {
		q--
	}
	return q
}

// Mod returns x - y*floor(x/y), which has the sign of y, or Undef when y is 0.
func Mod(x, y Value) Value {
	if x == Undef || y == Undef || y == 0 {
		return Undef
	}
	r := x % y
	if r != 0 && ((r < 0) != (y < 0)) {
		r += y
	}
	return r
}

// Pow returns x^y for y >= 0 (with 0^0 = 1), or Undef for a negative
// exponent or on overflow.
func Pow(x, y Value) Value {
	if x == Undef || y == Undef || y < 0 {
		return Undef
	}
	switch x {
	case 0:
		if y == 0 {
			return 1
		}
		return 0
	case 1:
		return 1
	case -1:
		if y%2 == 0 {
			return 1
		}
		return -1
	}
	// |x| >= 2 has floor(log2 |x|) = L >= 1 and |x|^y >= 2^(L*y): with
	// L*y >= 63 the power overflows, and the loop need not find out.
	if y >= 63 || (bits.Len64(uint64(abs(x)))-1)*int(y) >= 63 {
		return Undef
	}
	r := Value(1)
	for b := x; ; {
		if y&1 != 0 {
			if r = Mul(r, b); r == Undef {
				return Undef
			}
		}
		if y >>= 1; y == 0 {
			return r
		}
		if b = Mul(b, b); b == Undef {
			return Undef
		}
	}
}

// Neg returns -x.
func Neg(x Value) Value {
	if x == Undef {
		return Undef
	}
	return -x
}

// Fact returns x!, or Undef for x < 0 or x > 20 (21! overflows int64).
func Fact(x Value) Value {
	if x == Undef || x < 0 || x > 20 {
		return Undef
	}
	r := Value(1)
	for i := Value(2); i <= x; i++ {
		r *= i
	}
	return r
}

// Binom returns the binomial coefficient C(x, y): 0 when y < 0 or y > x,
// Undef when x < 0 or on overflow.
func Binom(x, y Value) Value {
	if x == Undef || y == Undef || x < 0 {
		return Undef
	}
	if y < 0 || y > x {
		return 0
	}
	if y > x-y {
		y = x - y
	}
	c := uint64(1)
	for i := Value(0); i < y; i++ {
		// c * (x-i) / (i+1) is exact: c*(x-i) is a multiple of (i+1).
		hi, lo := bits.Mul64(c, uint64(x-i))
		if hi >= uint64(i+1) {
			return Undef
		}
		c, _ = bits.Div64(hi, lo, uint64(i+1))
		if c > math.MaxInt64 {
			return Undef
		}
	}
	return Value(c)
}

// Gcd returns the non-negative greatest common divisor; gcd(0, 0) = 0.
func Gcd(x, y Value) Value {
	if x == Undef || y == Undef {
		return Undef
	}
	a, b := abs(x), abs(y)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// Apply1 applies a unary operator.
func Apply1(op Op, x Value) Value {
	switch op {
	case OpNeg:
		return Neg(x)
	case OpFact:
		return Fact(x)
	case OpPrime:
		return Prime(x)
	case OpPi:
		return PrimePi(x)
	case OpIsPrime:
		return IsPrime(x)
	case OpSigma:
		return Sigma(x)
	case OpTau:
		return Tau(x)
	case OpPhi:
		return Phi(x)
	case OpMu:
		return Mu(x)
	case OpDigitSum:
		return DigitSum(x)
	case OpBitCount:
		return BitCount(x)
	case OpReverse:
		return Reverse(x)
	case OpIsqrt:
		return Isqrt(x)
	case OpNextPrime:
		return NextPrime(x)
	case OpPrevPrime:
		return PrevPrime(x)
	case OpGpf:
		return Gpf(x)
	case OpLpf:
		return Lpf(x)
	case OpOmega:
		return Omega(x)
	case OpBigOmega:
		return BigOmega(x)
	case OpIsSquare:
		return IsSquare(x)
	}
	return Undef
}

// Apply2 applies a binary operator.
func Apply2(op Op, x, y Value) Value {
	switch op {
	case OpAdd:
		return Add(x, y)
	case OpSub:
		return Sub(x, y)
	case OpMul:
		return Mul(x, y)
	case OpDiv:
		return Div(x, y)
	case OpMod:
		return Mod(x, y)
	case OpPow:
		return Pow(x, y)
	case OpBinom:
		return Binom(x, y)
	case OpGcd:
		return Gcd(x, y)
	case OpVal:
		return Val(x, y)
	case OpIlog:
		return Ilog(x, y)
	case OpXor:
		return Xor(x, y)
	case OpAnd:
		return And(x, y)
	case OpOr:
		return Or(x, y)
	case OpIroot:
		return Iroot(x, y)
	case OpBase:
		return Base(x, y)
	}
	return Undef
}

// Select returns x when c <= 0 and y otherwise: the value of
// "if c <= 0 then x else y". It is strict: Undef in any argument, even the
// branch not taken, makes the result Undef, so that a value undefined
// anywhere stays undefined in every program built on it.
func Select(c, x, y Value) Value {
	if c == Undef || x == Undef || y == Undef {
		return Undef
	}
	if c <= 0 {
		return x
	}
	return y
}

func abs(x Value) Value {
	if x < 0 {
		return -x
	}
	return x
}
