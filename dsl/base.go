package dsl

import (
	"math/big"
	"math/bits"
)

// MaxBase is the largest base of base(x, b): a digit of a larger base
// could need two decimal digits, and the numeral would not be one.
const MaxBase = 10

// maxBaseDigits bounds the numerals base(x, b) makes in exact arithmetic:
// a numeral of more decimal digits is at least 10^4933 > 2^MaxBigBits, so
// it is undefined like every larger result, and is dropped before it is
// read.
const maxBaseDigits = 4933

// Base returns the digits of |x| in base b, 2 <= b <= 10, read as a
// decimal numeral, with the sign of x: base(6, 2) = 110, base(-8, 3) =
// -22, base(x, 10) = x. It is Undef for any other b and when the numeral
// does not fit in an int64 (base 2 from x = 2^19 on).
func Base(x, b Value) Value {
	if x == Undef || b < 2 || b > MaxBase {
		return Undef
	}
	if b == 10 {
		return x
	}
	var d [64]uint8 // the digits, least significant first
	n := 0
	for u := uint64(abs(x)); u > 0; u /= uint64(b) {
		d[n] = uint8(u % uint64(b))
		n++
	}
	r := uint64(0)
	for i := n - 1; i >= 0; i-- {
		hi, lo := bits.Mul64(r, 10)
		if hi != 0 || lo > 1<<63-1-uint64(d[i]) {
			return Undef
		}
		r = lo + uint64(d[i])
	}
	if x < 0 {
		return -Value(r)
	}
	return Value(r)
}

// bigBase is Base in exact arithmetic, nil for undefined: a base outside
// 2..10 or a numeral of more than maxBaseDigits digits. Its cost is that
// of writing x in base b and reading the numeral back.
func bigBase(x, b *big.Int) *big.Int {
	if !b.IsInt64() || b.Int64() < 2 || b.Int64() > MaxBase {
		return nil
	}
	s := new(big.Int).Abs(x).Text(int(b.Int64()))
	if len(s) > maxBaseDigits {
		return nil
	}
	r, _ := new(big.Int).SetString(s, 10)
	if x.Sign() < 0 {
		r.Neg(r)
	}
	return r
}

// solveBase: base(x, y) = t only for y in 2..10; each is tried.
func solveBase(x, t Value, ys []Value) ([]Value, bool) {
	if x == Undef {
		return ys, true
	}
	for y := Value(2); y <= MaxBase; y++ {
		if Base(x, y) == t {
			ys = append(ys, y)
		}
	}
	return ys, true
}
