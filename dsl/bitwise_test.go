package dsl_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// Independent definitions in math/big, by brute force, of the functions of
// bitwise.go: nil for undefined.

// naiveVal is the largest e such that p^e divides x, found by trying the
// powers p^0, p^1, ... in turn.
func naiveVal(x, p *big.Int) *big.Int {
	if x.Sign() == 0 || p.Cmp(big.NewInt(2)) < 0 {
		return nil
	}
	e := int64(0)
	for {
		pe := new(big.Int).Exp(p, big.NewInt(e+1), nil)
		if new(big.Int).Rem(x, pe).Sign() != 0 {
			return big.NewInt(e)
		}
		e++
	}
}

// naiveIlog is the largest e with b^e <= x, by trying the powers in turn.
func naiveIlog(x, b *big.Int) *big.Int {
	if x.Sign() < 1 || b.Cmp(big.NewInt(2)) < 0 {
		return nil
	}
	e := int64(0)
	for new(big.Int).Exp(b, big.NewInt(e+1), nil).Cmp(x) <= 0 {
		e++
	}
	return big.NewInt(e)
}

// naiveBitwise applies a bitwise operation one bit at a time to the
// two's complement forms of x and y in K bits, K wide enough for both
// (a negative number is 2^K plus itself), and reads the result back the
// same way.
func naiveBitwise(op dsl.Op, x, y *big.Int) *big.Int {
	k := max(x.BitLen(), y.BitLen()) + 2
	m := new(big.Int).Lsh(big.NewInt(1), uint(k))
	ux, uy := new(big.Int).Mod(x, m), new(big.Int).Mod(y, m)
	r := new(big.Int)
	for i := range k {
		a, b := ux.Bit(i), uy.Bit(i)
		var c uint
		switch op {
		case dsl.OpXor:
			c = a ^ b
		case dsl.OpAnd:
			c = a & b
		case dsl.OpOr:
			c = a | b
		}
		r.SetBit(r, i, c)
	}
	if r.Bit(k-1) == 1 {
		r.Sub(r, m)
	}
	return r
}

// naiveIroot is the largest r with r^k <= x (an odd root of a negative
// x included), nil for k < 1 or an even root of a negative number: from
// r = -|x| - 1, which is small enough, add the largest powers of two that
// keep r^k <= x. A k with 2^k > |x| + 1 leaves 1, 0, -1 or -2.
func naiveIroot(x, k *big.Int) *big.Int {
	if k.Sign() < 1 || (x.Sign() < 0 && k.Bit(0) == 0) {
		return nil
	}
	if k.Cmp(big.NewInt(int64(x.BitLen()+1))) > 0 {
		switch {
		case x.Sign() > 0:
			return big.NewInt(1)
		case x.Sign() == 0:
			return big.NewInt(0)
		case x.Cmp(big.NewInt(-1)) == 0:
			return big.NewInt(-1)
		}
		return big.NewInt(-2)
	}
	r := big.NewInt(0)
	if x.Sign() < 0 {
		r.Sub(x, big.NewInt(1))
	}
	for step := new(big.Int).Lsh(big.NewInt(1), uint(x.BitLen()+2)); step.Sign() > 0; {
		next := new(big.Int).Add(r, step)
		if new(big.Int).Exp(next, k, nil).Cmp(x) <= 0 {
			r = next
		} else {
			step.Rsh(step, 1)
		}
	}
	return r
}

func naiveBinary(op dsl.Op, x, y *big.Int) *big.Int {
	switch op {
	case dsl.OpIroot:
		return naiveIroot(x, y)
	case dsl.OpVal:
		return naiveVal(x, y)
	case dsl.OpIlog:
		return naiveIlog(x, y)
	}
	return naiveBitwise(op, x, y)
}

var bitwiseOps = []dsl.Op{dsl.OpVal, dsl.OpIlog, dsl.OpXor, dsl.OpAnd, dsl.OpOr, dsl.OpIroot}

// TestBitwiseAgainstBig checks Eval and EvalBig of val, ilog, xor, and,
// or against the brute-force definitions, on small numbers of both signs,
// on int64's edges and on numbers far beyond int64: EvalBig gives the
// exact value, Eval the same or Undef when it does not fit.
func TestBitwiseAgainstBig(t *testing.T) {
	var xs []*big.Int
	for x := int64(-40); x <= 300; x++ {
		xs = append(xs, big.NewInt(x))
	}
	huge := big.NewInt(-3138428376721)
	pow3 := new(big.Int).Exp(big.NewInt(3), big.NewInt(100), nil)
	for _, s := range []string{"9223372036854775807", "-9223372036854775807", "4611686018427387904", "1000000000000000000000000000000", "-1180591620717411303424"} {
		v, _ := new(big.Int).SetString(s, 10)
		xs = append(xs, v)
	}
	xs = append(xs, huge, pow3, new(big.Int).Mul(pow3, big.NewInt(-12)))
	ys := []*big.Int{big.NewInt(-3), big.NewInt(0), big.NewInt(1), big.NewInt(2), big.NewInt(3), big.NewInt(10), big.NewInt(12), big.NewInt(-1 << 62), pow3}
	for _, op := range bitwiseOps {
		for _, x := range xs {
			for _, y := range append(ys, x) {
				e := &dsl.Binary{Op: op, X: &dsl.Index{}, Y: &dsl.LoopVar{}}
				want := naiveBinary(op, x, y)
				got := dsl.EvalBig(e, &dsl.BigEnv{N: x, K: y})
				if want == nil {
					assert.Nil(t, got, "%v(%v, %v)", op, x, y)
				} else if assert.NotNil(t, got, "%v(%v, %v)", op, x, y) {
					assert.Equal(t, want.String(), got.String(), "%v(%v, %v)", op, x, y)
				}
				if !x.IsInt64() || !y.IsInt64() || dsl.Value(x.Int64()) == dsl.Undef || dsl.Value(y.Int64()) == dsl.Undef {
					continue
				}
				small := dsl.Eval(e, &dsl.Env{N: dsl.Value(x.Int64()), K: dsl.Value(y.Int64())})
				var exact dsl.Value = dsl.Undef
				if want != nil {
					exact = dsl.FromBig(want)
				}
				assert.Equal(t, exact, small, "Eval of %v(%v, %v)", op, x, y)
			}
		}
	}
}

// naiveFactors returns the prime factors of x >= 1 with multiplicity, by
// trial division by every number.
func naiveFactors(x int64) []int64 {
	var out []int64
	for d := int64(2); x > 1; {
		if x%d == 0 {
			out = append(out, d)
			x /= d
		} else {
			d++
		}
	}
	return out
}

// TestPrimeFunctionsAgainstDefinitions checks nextprime, prevprime, gpf,
// lpf, omega and bigomega against trial division on -5..2000 and at the
// edges of NTLimit.
func TestPrimeFunctionsAgainstDefinitions(t *testing.T) {
	xs := []int64{dsl.NTLimit - 2, dsl.NTLimit - 1, dsl.NTLimit, 1048571, 1048573, 1048575, 1040399, 1046527}
	for x := int64(-5); x <= 2000; x++ {
		xs = append(xs, x)
	}
	for _, x := range xs {
		v := dsl.Value(x)
		next, prev := dsl.Undef, dsl.Undef
		for y := max(x+1, 2); y <= dsl.NTLimit; y++ {
			if naiveIsPrime(y) {
				next = dsl.Value(y)
				break
			}
		}
		for y := x - 1; y >= 2 && x <= dsl.NTLimit; y-- {
			if naiveIsPrime(y) {
				prev = dsl.Value(y)
				break
			}
		}
		assert.Equal(t, next, dsl.NextPrime(v), "nextprime(%d)", x)
		assert.Equal(t, prev, dsl.PrevPrime(v), "prevprime(%d)", x)
		gpf, lpf, omega, bigomega := dsl.Undef, dsl.Undef, dsl.Undef, dsl.Undef
		if x >= 1 && x <= dsl.NTLimit {
			f := naiveFactors(x)
			gpf, lpf, omega, bigomega = 1, 1, 0, dsl.Value(len(f))
			for i, p := range f {
				if i == 0 || p != f[i-1] {
					omega++
				}
			}
			if len(f) > 0 {
				lpf, gpf = dsl.Value(f[0]), dsl.Value(f[len(f)-1])
			}
		}
		assert.Equal(t, gpf, dsl.Gpf(v), "gpf(%d)", x)
		assert.Equal(t, lpf, dsl.Lpf(v), "lpf(%d)", x)
		assert.Equal(t, omega, dsl.Omega(v), "omega(%d)", x)
		assert.Equal(t, bigomega, dsl.BigOmega(v), "bigomega(%d)", x)
	}
	for _, f := range []func(dsl.Value) dsl.Value{dsl.NextPrime, dsl.PrevPrime, dsl.Gpf, dsl.Lpf, dsl.Omega, dsl.BigOmega} {
		assert.Equal(t, dsl.Undef, f(dsl.Undef), "undefined stays undefined")
	}
	// Beyond int64, only nextprime of a negative number is defined.
	below := new(big.Int).Lsh(big.NewInt(-1), 70)
	for _, op := range []dsl.Op{dsl.OpNextPrime, dsl.OpPrevPrime, dsl.OpGpf, dsl.OpLpf, dsl.OpOmega, dsl.OpBigOmega} {
		e := &dsl.Unary{Op: op, X: &dsl.Index{}}
		got := dsl.EvalBig(e, &dsl.BigEnv{N: below})
		if op == dsl.OpNextPrime {
			assert.Equal(t, "2", got.String())
		} else {
			assert.Nil(t, got, "%v(-2^70)", op)
		}
		assert.Nil(t, dsl.EvalBig(e, &dsl.BigEnv{N: new(big.Int).Neg(below)}), "%v(2^70)", op)
	}
}

// TestIsSquareAgainstBig checks issquare against a search for the root in
// math/big, on small numbers of both signs, around the squares of large
// roots and beyond int64.
func TestIsSquareAgainstBig(t *testing.T) {
	var xs []*big.Int
	for x := int64(-5); x <= 2000; x++ {
		xs = append(xs, big.NewInt(x))
	}
	for _, r := range []int64{3037000499, 1 << 31, 999999999} {
		sq := new(big.Int).Mul(big.NewInt(r), big.NewInt(r))
		for d := int64(-1); d <= 1; d++ {
			xs = append(xs, new(big.Int).Add(sq, big.NewInt(d)))
		}
	}
	huge := new(big.Int).Lsh(big.NewInt(3), 200) // 3*2^200 is no square, its square is
	xs = append(xs, huge, new(big.Int).Mul(huge, huge), new(big.Int).Neg(huge))
	e := &dsl.Unary{Op: dsl.OpIsSquare, X: &dsl.Index{}}
	for _, x := range xs {
		want := int64(0)
		if x.Sign() >= 0 {
			// The root by bisection: the least r with r*r >= x.
			lo, hi := big.NewInt(0), new(big.Int).Add(x, big.NewInt(1))
			for lo.Cmp(hi) < 0 {
				mid := new(big.Int).Rsh(new(big.Int).Add(lo, hi), 1)
				if new(big.Int).Mul(mid, mid).Cmp(x) < 0 {
					lo.Add(mid, big.NewInt(1))
				} else {
					hi = mid
				}
			}
			if new(big.Int).Mul(lo, lo).Cmp(x) == 0 {
				want = 1
			}
		}
		got := dsl.EvalBig(e, &dsl.BigEnv{N: x})
		if assert.NotNil(t, got, "issquare(%v)", x) {
			assert.Equal(t, want, got.Int64(), "issquare(%v)", x)
		}
		if x.IsInt64() && dsl.Value(x.Int64()) != dsl.Undef {
			assert.Equal(t, dsl.Value(want), dsl.IsSquare(dsl.Value(x.Int64())), "IsSquare(%v)", x)
		}
	}
}
