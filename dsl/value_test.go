package dsl_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

const (
	maxI = dsl.Value(math.MaxInt64)
	minI = dsl.Value(math.MinInt64 + 1) // the smallest defined Value
	U    = dsl.Undef
)

// TestArithmetic is the table of checked int64 operations: overflow is
// Undef, / and mod floor, and the documented edge cases hold.
func TestArithmetic(t *testing.T) {
	cases := []struct {
		op   dsl.Op
		x, y dsl.Value
		want dsl.Value
	}{
		// Addition and subtraction: overflow, and the one value that is
		// Undef itself.
		{dsl.OpAdd, 2, 3, 5},
		{dsl.OpAdd, maxI, 1, U},
		{dsl.OpAdd, maxI, -1, maxI - 1},
		{dsl.OpAdd, minI, -1, U}, // would be math.MinInt64, which is Undef
		{dsl.OpAdd, minI, 1, minI + 1},
		{dsl.OpAdd, -maxI, -maxI, U},
		{dsl.OpAdd, U, 0, U},
		{dsl.OpAdd, 0, U, U},
		{dsl.OpSub, 2, 5, -3},
		{dsl.OpSub, minI, 1, U},
		{dsl.OpSub, maxI, -1, U},
		{dsl.OpSub, -1, maxI, U}, // would be math.MinInt64
		{dsl.OpSub, -1, maxI - 1, minI},
		{dsl.OpSub, 0, maxI, -maxI},
		{dsl.OpSub, -2, maxI, U},
		{dsl.OpSub, U, 0, U},
		// Multiplication.
		{dsl.OpMul, 6, -7, -42},
		{dsl.OpMul, 1 << 31, 1 << 31, 1 << 62},
		{dsl.OpMul, 1 << 32, 1 << 31, U},
		{dsl.OpMul, -(1 << 32), 1 << 31, U}, // -2^63 is Undef
		{dsl.OpMul, maxI, -1, -maxI},
		{dsl.OpMul, maxI, 2, U},
		{dsl.OpMul, 3037000500, 3037000500, U},
		{dsl.OpMul, 3037000499, -3037000499, -9223372030926249001},
		{dsl.OpMul, 0, U, U},
		{dsl.OpMul, U, 0, U},
		// Floor division and the matching remainder (sign of the divisor).
		{dsl.OpDiv, 7, 2, 3},
		{dsl.OpDiv, -7, 2, -4},
		{dsl.OpDiv, 7, -2, -4},
		{dsl.OpDiv, -7, -2, 3},
		{dsl.OpDiv, -8, 2, -4},
		{dsl.OpDiv, 0, -3, 0},
		{dsl.OpDiv, 7, 0, U},
		{dsl.OpDiv, minI, -1, maxI},
		{dsl.OpDiv, minI, 1, minI},
		{dsl.OpDiv, maxI, -1, -maxI},
		{dsl.OpMod, 7, 2, 1},
		{dsl.OpMod, -7, 2, 1},
		{dsl.OpMod, 7, -2, -1},
		{dsl.OpMod, -7, -2, -1},
		{dsl.OpMod, -8, 2, 0},
		{dsl.OpMod, 7, 0, U},
		{dsl.OpMod, minI, -1, 0},
		{dsl.OpMod, minI, maxI, 0},
		{dsl.OpMod, minI + 1, maxI, 1},
		{dsl.OpMod, -1, maxI, maxI - 1},
		// Powers.
		{dsl.OpPow, 0, 0, 1},
		{dsl.OpPow, 0, 5, 0},
		{dsl.OpPow, 5, 0, 1},
		{dsl.OpPow, 2, -1, U},
		{dsl.OpPow, 1, -1, U},
		{dsl.OpPow, 0, -1, U},
		{dsl.OpPow, 1, maxI, 1},
		{dsl.OpPow, -1, maxI, -1},
		{dsl.OpPow, -1, maxI - 1, 1},
		{dsl.OpPow, 2, 62, 1 << 62},
		{dsl.OpPow, 2, 63, U},
		{dsl.OpPow, -2, 63, U}, // -2^63 is Undef
		{dsl.OpPow, -2, 62, 1 << 62},
		{dsl.OpPow, -2, 61, -(1 << 61)},
		{dsl.OpPow, 2, 64, U},
		{dsl.OpPow, 2, maxI, U},
		{dsl.OpPow, 3, 39, 4052555153018976267},
		{dsl.OpPow, 3, 40, U},
		{dsl.OpPow, -3, 39, -4052555153018976267},
		{dsl.OpPow, 10, 18, 1_000_000_000_000_000_000},
		{dsl.OpPow, 10, 19, U},
		{dsl.OpPow, 3037000499, 2, 9223372030926249001},
		{dsl.OpPow, 3037000500, 2, U},
		{dsl.OpPow, U, 0, U},
		{dsl.OpPow, 0, U, U},
		// Binomial coefficients.
		{dsl.OpBinom, 5, 2, 10},
		{dsl.OpBinom, 5, 0, 1},
		{dsl.OpBinom, 5, 5, 1},
		{dsl.OpBinom, 5, 6, 0},
		{dsl.OpBinom, 5, -1, 0},
		{dsl.OpBinom, 0, 0, 1},
		{dsl.OpBinom, -1, 0, U},
		{dsl.OpBinom, -5, 2, U},
		{dsl.OpBinom, 62, 31, 465428353255261088},
		{dsl.OpBinom, 66, 33, 7219428434016265740},
		{dsl.OpBinom, 67, 33, U},
		{dsl.OpBinom, 68, 34, U},
		{dsl.OpBinom, maxI, 1, maxI},
		{dsl.OpBinom, maxI, maxI - 1, maxI},
		{dsl.OpBinom, maxI, 2, U},
		{dsl.OpBinom, 1 << 32, 2, 9223372034707292160},
		{dsl.OpBinom, maxI, maxI / 2, U},
		// Greatest common divisors.
		{dsl.OpGcd, 12, 18, 6},
		{dsl.OpGcd, -12, 18, 6},
		{dsl.OpGcd, -12, -18, 6},
		{dsl.OpGcd, 0, -5, 5},
		{dsl.OpGcd, 0, 0, 0},
		{dsl.OpGcd, minI, minI, maxI},
		{dsl.OpGcd, maxI, 1 << 62, 1},
		{dsl.OpGcd, U, 1, U},
	}
	for _, c := range cases {
		got := dsl.Apply2(c.op, c.x, c.y)
		assert.Equal(t, c.want, got, "%d %v %d", c.x, c.op, c.y)
		// The exact evaluator agrees wherever the checked one is defined.
		if got.Defined() {
			e := &dsl.Binary{Op: c.op, X: constExpr(c.x), Y: constExpr(c.y)}
			assert.Equal(t, big.NewInt(int64(got)).String(), bigString(dsl.EvalBig(e, &dsl.BigEnv{})), "EvalBig of %d %v %d", c.x, c.op, c.y)
		}
	}

	unary := []struct {
		op   dsl.Op
		x    dsl.Value
		want dsl.Value
	}{
		{dsl.OpNeg, 5, -5},
		{dsl.OpNeg, maxI, minI},
		{dsl.OpNeg, minI, maxI},
		{dsl.OpNeg, 0, 0},
		{dsl.OpNeg, U, U},
		{dsl.OpFact, 0, 1},
		{dsl.OpFact, 1, 1},
		{dsl.OpFact, 5, 120},
		{dsl.OpFact, 20, 2432902008176640000},
		{dsl.OpFact, 21, U},
		{dsl.OpFact, -1, U},
		{dsl.OpFact, maxI, U},
		{dsl.OpFact, U, U},
		{dsl.OpAdd, 1, U}, // not a unary operator
	}
	for _, c := range unary {
		assert.Equal(t, c.want, dsl.Apply1(c.op, c.x), "%v %d", c.op, c.x)
	}
	assert.Equal(t, U, dsl.Apply2(dsl.OpNeg, 1, 1), "not a binary operator")

	for _, c := range []struct{ c, x, y, want dsl.Value }{
		{0, 1, 2, 1}, {-5, 1, 2, 1}, {1, 1, 2, 2}, {U, 1, 2, U}, {1, 1, U, U},
		{0, 1, U, U}, {1, U, 2, U}, // strict: Undef in the branch not taken counts too
	} {
		assert.Equal(t, c.want, dsl.Select(c.c, c.x, c.y), "select(%d, %d, %d)", c.c, c.x, c.y)
	}
	assert.Equal(t, "undefined", U.String())
	assert.Equal(t, "-12", dsl.Value(-12).String())
	assert.Equal(t, U, dsl.FromBig(big.NewInt(math.MinInt64)))
	assert.Equal(t, U, dsl.FromBig(new(big.Int).Lsh(big.NewInt(1), 63)))
	assert.Equal(t, U, dsl.FromBig(nil))
	assert.Equal(t, minI, dsl.FromBig(big.NewInt(int64(minI))))
}

// constExpr builds an expression with the value v (constants are positive).
func constExpr(v dsl.Value) dsl.Expr {
	switch {
	case v > 0:
		return &dsl.Const{Value: int64(v)}
	case v == 0:
		return &dsl.Binary{Op: dsl.OpSub, X: &dsl.Const{Value: 1}, Y: &dsl.Const{Value: 1}}
	}
	return &dsl.Unary{Op: dsl.OpNeg, X: &dsl.Const{Value: -int64(v)}}
}

func bigString(x *big.Int) string {
	if x == nil {
		return "undefined"
	}
	return x.String()
}

// TestEval evaluates expressions in both evaluators.
func TestEval(t *testing.T) {
	cases := []struct {
		src  string
		n, k int64
		prev [3]int64
		want string // "undefined" for Undef; Eval must agree when it fits
		// overflow: an intermediate result does not fit in int64, so Eval
		// is Undef even though the exact value does.
		overflow bool
	}{
		{src: "2*n + 2", n: 4, want: "10"},
		{src: "-7/2", want: "-4"},
		{src: "-7 mod 2", want: "1"},
		{src: "7 mod -2", want: "-1"},
		{src: "n/(n-n)", n: 3, want: "undefined"},
		{src: "2^-1", want: "undefined"},
		{src: "(-2)^3", want: "-8"},
		{src: "-2^2", want: "-4"},
		{src: "2^3^2", want: "512"},
		{src: "(n-4)!", n: 3, want: "undefined"},
		{src: "n!", n: 25, want: "15511210043330985984000000"},
		{src: "2^n", n: 100, want: "1267650600228229401496703205376"},
		{src: "2^n - 2^n + 1", n: 100, want: "1", overflow: true},
		{src: "binomial(n, 2)", n: 100000, want: "4999950000"},
		{src: "binomial(2^70, 2)", want: "696898287454081973172400900209902591410176"},
		{src: "binomial(n, 3)", n: -1, want: "undefined"},
		{src: "binomial(n, n+1)", n: 7, want: "0"},
		{src: "binomial(2^40, 2^40 - 1)", want: "1099511627776"},
		{src: "gcd(n, -18)", n: 12, want: "6"},
		{src: "sum(k=1..n, k)", n: 100, want: "5050"},
		{src: "sum(k=1..n, k)", n: -3, want: "0"},
		{src: "prod(k=1..n, k)", n: 0, want: "1"},
		{src: "prod(k=1..n, 2)", n: 70, want: "1180591620717411303424"},
		{src: "sum(k=1..n, k)", n: dsl.MaxLoop + 1, want: "undefined"},
		{src: "sum(k=1..n, 1/(k-k))", n: 3, want: "undefined"},
		{src: "if n - 3 <= 0 then 1 else 2", n: 3, want: "1"},
		{src: "if n - 3 <= 0 then 1 else 2", n: 4, want: "2"},
		// Strict: an undefined branch makes the whole undefined, taken or not.
		{src: "if n <= 0 then 1 else 1/(n-n)", n: 0, want: "undefined"},
		{src: "if n <= 0 then 1/(n-n) else 5", n: 1, want: "undefined"},
		{src: "if n <= 0 then 1 else 2^n", n: 0, want: "1"},
		{src: "if n <= 0 then 2^n else 1", n: 0, want: "1"},
		{src: "if n <= 0 then 2^n else 1", n: 70, want: "1", overflow: true},
		{src: "if 1/(n-n) <= 0 then 1 else 2", n: 1, want: "undefined"},
		{src: "a(n-1) + a(n-2)*a(n-3)", prev: [3]int64{1, 2, 3}, want: "7"},
		{src: "k*n", n: 3, k: 5, want: "15"},
		{src: "4^2^62", want: "undefined"},    // once hung EvalBig: the exponent bound overflowed
		{src: "(-4)^2^62", want: "undefined"}, // likewise
		{src: "3^(2^14)", want: "undefined"},  // beyond MaxBigBits
		{src: "2^(2^14 - 1)", want: new(big.Int).Lsh(big.NewInt(1), 1<<14-1).String()},
		{src: "1^2^100", want: "1", overflow: true},
		{src: "(-1)^(2^100 + 1)", want: "-1", overflow: true},
		{src: "(1-1)^(2^100)", want: "0", overflow: true},
		{src: "1500!/1499!", want: "1500", overflow: true},
		{src: "1501!", want: "undefined"},
		{src: "binomial(40000, 20000)", want: "undefined"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			e, err := dsl.ParseExpr(c.src)
			require.NoError(t, err)
			env := &dsl.Env{N: dsl.Value(c.n), K: dsl.Value(c.k)}
			benv := &dsl.BigEnv{N: big.NewInt(c.n), K: big.NewInt(c.k)}
			for i, v := range c.prev {
				env.Prev[i] = dsl.Value(v)
				benv.Prev[i] = big.NewInt(v)
			}
			done := make(chan *big.Int)
			go func() { done <- dsl.EvalBig(e, benv) }()
			select {
			case got := <-done:
				assert.Equal(t, c.want, bigString(got), "EvalBig")
			case <-time.After(10 * time.Second):
				t.Fatal("EvalBig does not return")
			}
			want, ok := new(big.Int).SetString(c.want, 10)
			small := dsl.Eval(e, env)
			if ok && !c.overflow && want.IsInt64() && want.Int64() != math.MinInt64 {
				assert.Equal(t, dsl.Value(want.Int64()), small, "Eval")
			} else {
				assert.Equal(t, U, small, "Eval")
			}
		})
	}
}

// TestEvalAgreesWithBig is the property that makes the checked evaluator
// safe: whenever Eval gives a number, EvalBig gives the same number.
func TestEvalAgreesWithBig(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	defined := 0
	for range 20000 {
		e := randExpr(r, 5)
		env, benv := randEnvs(r)
		if n := clampLoops(e, int64(env.N)); n != int64(env.N) {
			env.N, benv.N = dsl.Value(n), big.NewInt(n)
		}
		if checkAgree(t, e, env, benv) {
			defined++
		}
	}
	t.Logf("%d of 20000 random expressions were defined", defined)
	assert.Greater(t, defined, 2000, "too few defined values to mean anything")
}

// randEnvs draws matching environments for both evaluators.
func randEnvs(r *rand.Rand) (*dsl.Env, *dsl.BigEnv) {
	draw := func() int64 {
		switch r.IntN(4) {
		case 0:
			return r.Int64N(21) - 10
		case 1:
			return r.Int64() >> uint(r.IntN(64))
		default:
			return r.Int64N(30)
		}
	}
	env, benv := &dsl.Env{}, &dsl.BigEnv{}
	n, k := r.Int64N(25)-3, r.Int64N(12)
	env.N, env.K = dsl.Value(n), dsl.Value(k)
	benv.N, benv.K = big.NewInt(n), big.NewInt(k)
	for i := range env.Prev {
		v := draw()
		env.Prev[i], benv.Prev[i] = dsl.Value(v), big.NewInt(v)
	}
	return env, benv
}

// checkAgree evaluates e both ways and reports whether Eval was defined.
func checkAgree(t testing.TB, e dsl.Expr, env *dsl.Env, benv *dsl.BigEnv) bool {
	t.Helper()
	small := dsl.Eval(e, env)
	exact := dsl.EvalBig(e, benv)
	if !small.Defined() {
		return false
	}
	if exact == nil || !exact.IsInt64() || exact.Int64() != int64(small) {
		t.Fatalf("%s = %s by Eval but %s by EvalBig (n=%d k=%d prev=%v)",
			dsl.Format(e), small, bigString(exact), env.N, env.K, env.Prev)
	}
	return true
}

// TestValues checks the program evaluators on whole programs.
func TestValues(t *testing.T) {
	cases := []struct {
		src  string
		want string
	}{
		{"a(n) = 2*n + 2", "2 4 6 8 10 12"},
		{"a(n) = n^2; n >= 1", "1 4 9 16 25 36"},
		{"a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1", "0 1 1 2 3 5"},
		{"a(n) = a(n-1)*n; a(1) = 1", "1 2 6 24 120 720"},
		{"a(n) = a(n-3) + 1; a(0) = 0, a(1) = 10, a(2) = 20", "0 10 20 1 11 21"},
		{"a(n) = a(n-1)^2; a(0) = 2", "2 4 16 256 65536 4294967296"},
		{"a(n) = a(n-1)^2; a(0) = 3", "3 9 81 6561 43046721 1853020188851841"},
		{"a(n) = 1/(n-2)", "-1 -1 undefined 1 0 0"},
		{"a(n) = a(n-1) + 1/(n-2); a(0) = 7", "7 6 undefined undefined undefined undefined"},
		{"a = [2, 3, 5]", "2 3 5 undefined undefined undefined"},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		small := p.Values(6)
		exact := p.BigValues(6)
		var got []string
		for i := range 6 {
			got = append(got, bigString(exact[i]))
			if small[i].Defined() {
				assert.Equal(t, small[i].String(), bigString(exact[i]), "%s term %d", c.src, i)
			}
		}
		assert.Equal(t, c.want, join(got), c.src)
	}
	// Beyond int64 the small evaluator says Undef and the exact one goes on.
	p, err := dsl.ParseProgram("a(n) = a(n-1)^2; a(0) = 2")
	require.NoError(t, err)
	assert.Equal(t, U, p.Values(8)[7])
	assert.Equal(t, "340282366920938463463374607431768211456", p.BigValues(8)[7].String())
	// A literal term beyond int64 is Undef in Values, exact in BigValues.
	p, err = dsl.ParseProgram("a = [1, 36893488147419103232]")
	require.NoError(t, err)
	assert.Equal(t, []dsl.Value{1, U}, p.Values(2))
	assert.Equal(t, "36893488147419103232", p.BigValues(2)[1].String())
}

func join(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += " "
		}
		s += x
	}
	return s
}

// TestMulPowExact checks Mul and Pow against math/big around their fast
// paths and overflow checks: factors near 2^31 and 2^32, powers of two and
// their neighbours, and every exponent up to 70.
func TestMulPowExact(t *testing.T) {
	exact := func(v *big.Int) dsl.Value {
		if !v.IsInt64() || v.Int64() == math.MinInt64 {
			return dsl.Undef
		}
		return dsl.Value(v.Int64())
	}
	var xs []int64
	for _, c := range []int64{0, 1, 2, 3, 7, 10, 1 << 15, 1 << 21, 1 << 31, 1 << 32, 3037000499, 3037000500, 1 << 62, math.MaxInt64} {
		for d := int64(-2); d <= 2 && (d <= 0 || c <= math.MaxInt64-d); d++ {
			xs = append(xs, c+d, -(c + d))
		}
	}
	for _, x := range xs {
		for _, y := range xs {
			want := exact(new(big.Int).Mul(big.NewInt(x), big.NewInt(y)))
			assert.Equal(t, want, dsl.Mul(dsl.Value(x), dsl.Value(y)), "%d * %d", x, y)
		}
		for y := int64(0); y <= 70; y++ {
			if x == 0 && y == 0 {
				continue
			}
			want := exact(new(big.Int).Exp(big.NewInt(x), big.NewInt(y), nil))
			assert.Equal(t, want, dsl.Pow(dsl.Value(x), dsl.Value(y)), "%d ^ %d", x, y)
		}
	}
}
