package dsl

import (
	"math"
	"math/bits"
)

// The inverses of the binary operators in their right operand
// (OpInfo.Solve): for x and a defined t, the y with op(x, y) = t, or false
// when they may be too many to list. Each lists exactly the solutions;
// those found by arithmetic are checked with the operator itself.

// solveAdd: x + y = t for the one y = t - x, when that is a value.
func solveAdd(x, t Value, ys []Value) ([]Value, bool) { return only(ys, Sub(t, x)), true }

// solveSub: x - y = t for the one y = x - t, when that is a value.
func solveSub(x, t Value, ys []Value) ([]Value, bool) { return only(ys, Sub(x, t)), true }

// only appends y unless it is undefined.
func only(ys []Value, y Value) []Value {
	if y == Undef {
		return ys
	}
	return append(ys, y)
}

// solveMul: x * y = t for every y when x = t = 0, for none when x = 0 or
// x does not divide t, and for y = t/x otherwise.
func solveMul(x, t Value, ys []Value) ([]Value, bool) {
	switch {
	case x == Undef:
		return ys, true
	case x == 0:
		return ys, t != 0
	case t%x != 0:
		return ys, true
	}
	return append(ys, t/x), true
}

// solvePow: x^y = t for at most one y when |x| >= 2, as the powers of x
// grow in size; 0^0 = 1, and 0, 1 and -1 give 0 or ±1 for many y.
func solvePow(x, t Value, ys []Value) ([]Value, bool) {
	switch {
	case x == Undef:
		return ys, true
	case x == 0: // 0^0 = 1, 0^y = 0 for every y > 0
		if t == 1 {
			return append(ys, 0), true
		}
		return ys, t != 0
	case x == 1 || x == -1: // ±1 for every y
		return ys, t != 1 && t != -1
	}
	p := Value(1)
	for y := Value(0); ; y++ {
		switch {
		case p == t:
			return append(ys, y), true
		case abs(p) > abs(t):
			return ys, true
		}
		if p = Mul(p, x); p == Undef {
			return ys, true
		}
	}
}

// divSolveMax is the most solutions of floor(x/y) = t that solveDiv
// lists; an interval of y longer than that is left to be tried.
const divSolveMax = 64

// solveDiv: floor(x/y) = t. With y = s*z, s = ±1 and z >= 1, that is
// floor(a/z) = t for a = s*x, which holds for z in an interval (see
// floorDivRange).
func solveDiv(x, t Value, ys []Value) ([]Value, bool) {
	if x == Undef {
		return ys, true
	}
	for _, s := range []Value{1, -1} {
		lo, hi, ok := floorDivRange(s*x, t)
		if !ok {
			return ys, false
		}
		for z := lo; z <= hi; z++ {
			if Div(x, s*z) == t {
				ys = append(ys, s*z)
			}
		}
	}
	return ys, true
}

// floorDivRange returns the z >= 1 with floor(a/z) = t, t*z <= a <
// (t+1)*z: lo..hi (empty when lo > hi), or ok false when they are
// unbounded or more than divSolveMax.
func floorDivRange(a, t Value) (lo, hi Value, ok bool) {
	switch {
	case t >= 0 && a < 0, t <= -1 && a >= 0:
		return 1, 0, true // a and t*z differ in sign
	case t == 0, t == -1: // every z > a, or every z >= -a
		return 0, 0, false
	case t > 0: // a/(t+1) < z <= a/t
		lo = 1
		if t < math.MaxInt64 {
			lo = a/(t+1) + 1
		}
		hi = a / t
	default: // t <= -2, a < 0: |a|/|t| <= z < |a|/|t+1|
		p, q, r := -a, -t, -(t + 1)
		lo = p / q
		if p%q != 0 {
			lo++
		}
		hi = p / r
		if p%r == 0 {
			hi--
		}
	}
	return lo, hi, hi-lo < divSolveMax
}

// modSolveMax bounds |x - t| for solveMod, which lists its divisors.
const modSolveMax = 1 << 16

// solveMod: x mod y = t, with the sign of y, |t| < |y|, holds for the
// divisors y of x - t beyond t (y > t when t >= 0, y < t when t <= 0).
func solveMod(x, t Value, ys []Value) ([]Value, bool) {
	if x == Undef {
		return ys, true
	}
	d := Sub(x, t)
	if d == 0 || d == Undef || abs(d) > modSolveMax {
		return ys, false // every y beyond t, or too many divisors to list
	}
	d = abs(d)
	add := func(q Value) {
		for _, y := range []Value{q, -q} {
			if Mod(x, y) == t {
				ys = append(ys, y)
			}
		}
	}
	for m := Value(1); m*m <= d; m++ {
		if d%m == 0 {
			add(m)
			if m*m != d {
				add(d / m)
			}
		}
	}
	return ys, true
}

// solveBinom: binomial(x, y) = t. It is 0 for every y < 0 or y > x, and
// rises from 1 at y = 0 to the middle and falls back symmetrically, so a
// positive t is reached at most at y and x - y, found by walking up from
// y = 0 (at most 63 steps before it overflows).
func solveBinom(x, t Value, ys []Value) ([]Value, bool) {
	switch {
	case x == Undef || x < 0 || t < 0:
		return ys, true
	case t == 0:
		return ys, false
	}
	c := uint64(1) // binomial(x, y)
	for y := Value(0); y <= x-y; y++ {
		if c == uint64(t) {
			ys = append(ys, y)
			if x-y != y {
				ys = append(ys, x-y)
			}
			return ys, true
		}
		if c > uint64(t) {
			break
		}
		// c * (x-y) / (y+1) is exact: c*(x-y) is a multiple of (y+1).
		hi, lo := bits.Mul64(c, uint64(x-y))
		if hi >= uint64(y+1) {
			break
		}
		c, _ = bits.Div64(hi, lo, uint64(y+1))
	}
	return ys, true
}

// solveGcd: gcd(0, y) = |y|; for x != 0, gcd(x, y) = t needs t to divide
// x, and then every multiple of t coprime to x/t is a solution.
func solveGcd(x, t Value, ys []Value) ([]Value, bool) {
	switch {
	case x == Undef || t < 0:
		return ys, true
	case x == 0 && t == 0:
		return append(ys, 0), true
	case x == 0:
		return append(ys, t, -t), true
	case t == 0 || x%t != 0:
		return ys, true
	}
	return ys, false
}

// solveXor: xor(x, y) = t for the one y = x xor t, when that is a value.
func solveXor(x, t Value, ys []Value) ([]Value, bool) {
	if x == Undef {
		return ys, true
	}
	return only(ys, x^t), true
}
