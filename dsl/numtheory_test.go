package dsl_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

// naive number theory, by definition, to check the table-driven functions.
func naiveDivisors(x int64) (count, sum int64) {
	for d := int64(1); d <= x; d++ {
		if x%d == 0 {
			count++
			sum += d
		}
	}
	return count, sum
}

func naiveIsPrime(x int64) bool {
	c, _ := naiveDivisors(x)
	return x >= 2 && c == 2
}

func naiveMu(x int64) int64 {
	m := int64(1)
	for p := int64(2); p <= x; p++ {
		if x%p == 0 && naiveIsPrime(p) {
			if x%(p*p) == 0 {
				return 0
			}
			m = -m
		}
	}
	return m
}

func naivePhi(x int64) int64 {
	c := int64(0)
	for k := int64(1); k <= x; k++ {
		if dsl.Gcd(dsl.Value(k), dsl.Value(x)) == 1 {
			c++
		}
	}
	return c
}

func TestNumberTheoryAgainstDefinitions(t *testing.T) {
	pi, nth := int64(0), []int64{}
	for x := int64(-3); x <= 600; x++ {
		v := dsl.Value(x)
		if naiveIsPrime(x) {
			pi++
			nth = append(nth, x)
		}
		assert.Equal(t, dsl.Value(pi), dsl.PrimePi(v), "pi(%d)", x)
		want := dsl.Value(0)
		if naiveIsPrime(x) {
			want = 1
		}
		assert.Equal(t, want, dsl.IsPrime(v), "isprime(%d)", x)
		if x < 1 {
			for _, f := range []func(dsl.Value) dsl.Value{dsl.Sigma, dsl.Tau, dsl.Phi, dsl.Mu, dsl.Prime} {
				assert.Equal(t, dsl.Undef, f(v), "x = %d is outside the domain", x)
			}
			continue
		}
		count, sum := naiveDivisors(x)
		assert.Equal(t, dsl.Value(count), dsl.Tau(v), "tau(%d)", x)
		assert.Equal(t, dsl.Value(sum), dsl.Sigma(v), "sigma(%d)", x)
		assert.Equal(t, dsl.Value(naivePhi(x)), dsl.Phi(v), "phi(%d)", x)
		assert.Equal(t, dsl.Value(naiveMu(x)), dsl.Mu(v), "mu(%d)", x)
	}
	for i, p := range nth {
		assert.Equal(t, dsl.Value(p), dsl.Prime(dsl.Value(i+1)), "prime(%d)", i+1)
	}
}

func TestNumberTheoryLimits(t *testing.T) {
	const lim = dsl.Value(dsl.NTLimit)
	tests := []struct {
		name      string
		got, want dsl.Value
	}{
		{"last prime of the small table", dsl.Prime(6542), 65521},
		{"first prime past the small table", dsl.Prime(6543), 65537},
		{"pi at the small table's edge", dsl.PrimePi(65536), 6542},
		{"pi past the small table", dsl.PrimePi(65537), 6543},
		{"sigma of a prime past the small table", dsl.Sigma(65537), 65538},
		{"phi past the small table", dsl.Phi(65538), 19800},
		{"pi at the limit", dsl.PrimePi(lim), 82025},
		{"pi above the limit", dsl.PrimePi(lim + 1), dsl.Undef},
		{"last prime", dsl.Prime(82025), 1048573},
		{"prime past the table", dsl.Prime(82026), dsl.Undef},
		{"isprime of the last prime", dsl.IsPrime(1048573), 1},
		{"isprime above the limit", dsl.IsPrime(lim + 1), dsl.Undef},
		{"isprime of a negative", dsl.IsPrime(-7), 0},
		{"pi of a negative", dsl.PrimePi(-100), 0},
		{"sigma at the limit", dsl.Sigma(lim), 2*lim - 1},
		{"tau above the limit", dsl.Tau(lim + 1), dsl.Undef},
		{"phi of 1", dsl.Phi(1), 1},
		{"mu of 1", dsl.Mu(1), 1},
		{"undefined stays undefined", dsl.Sigma(dsl.Undef), dsl.Undef},
		{"digit sum", dsl.DigitSum(-1999), 28},
		{"digit sum of 0", dsl.DigitSum(0), 0},
		{"digit sum of the most negative value", dsl.DigitSum(dsl.Undef + 1), 88},
		{"bit count", dsl.BitCount(-255), 8},
		{"reverse", dsl.Reverse(1200), 21},
		{"reverse keeps the sign", dsl.Reverse(-123), -321},
		{"reverse that fits", dsl.Reverse(1000000000000000009), 9000000000000000001},
		{"reverse that overflows", dsl.Reverse(1999999999999999999), dsl.Undef},
		{"reverse of the largest value", dsl.Reverse(9223372036854775807), 7085774586302733229},
		{"reverse of undefined", dsl.Reverse(dsl.Undef), dsl.Undef},
		{"isqrt of 0", dsl.Isqrt(0), 0},
		{"isqrt below a square", dsl.Isqrt(15), 3},
		{"isqrt of a square", dsl.Isqrt(16), 4},
		{"isqrt of a large square", dsl.Isqrt(3037000499 * 3037000499), 3037000499},
		{"isqrt just below a large square", dsl.Isqrt(3037000499*3037000499 - 1), 3037000498},
		{"isqrt of the largest value", dsl.Isqrt(9223372036854775807), 3037000499},
		{"isqrt of a negative", dsl.Isqrt(-1), dsl.Undef},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.got, tc.name)
	}
}

// The exact evaluator agrees with Eval wherever Eval is defined, and
// computes the digit functions of numbers beyond int64 exactly.
func TestNumberTheoryBig(t *testing.T) {
	for _, op := range dsl.Funcs1 {
		for _, x := range []int64{-5, 0, 1, 2, 97, 360, 1 << 20, 1<<20 + 1, 9223372036854775807} {
			e := &dsl.Unary{Op: op, X: &dsl.Index{}}
			small := dsl.Eval(e, &dsl.Env{N: dsl.Value(x)})
			exact := dsl.EvalBig(e, &dsl.BigEnv{N: big.NewInt(x)})
			if small == dsl.Undef {
				continue
			}
			if assert.NotNil(t, exact, "%v(%d)", op, x) {
				assert.Equal(t, int64(small), exact.Int64(), "%v(%d)", op, x)
			}
		}
	}
	two70 := new(big.Int).Lsh(big.NewInt(1), 70) // 1180591620717411303424
	tests := []struct {
		op   dsl.Op
		want string
	}{
		{dsl.OpDigitSum, "70"},
		{dsl.OpBitCount, "1"},
		{dsl.OpReverse, "4243031147170261950811"},
		{dsl.OpIsqrt, "34359738368"},
		{dsl.OpSigma, ""}, // beyond NTLimit: undefined
		{dsl.OpIsPrime, ""},
	}
	for _, tc := range tests {
		got := dsl.EvalBig(&dsl.Unary{Op: tc.op, X: &dsl.Index{}}, &dsl.BigEnv{N: two70})
		if tc.want == "" {
			assert.Nil(t, got, "%v(2^70)", tc.op)
		} else if assert.NotNil(t, got) {
			assert.Equal(t, tc.want, got.String(), "%v(2^70)", tc.op)
		}
	}
}
