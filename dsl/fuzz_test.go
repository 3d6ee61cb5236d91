package dsl_test

import (
	"math/big"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
)

// parseSeeds are programs and expressions that exercise every corner of
// the grammar; both fuzz targets start from them.
var parseSeeds = []string{
	"a(n) = 2*n + 2",
	"a(n) = n^2; n >= 1",
	"a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1",
	"a(n) = a(n-3)*n - a(n-1); a(1) = 1, a(2) = -2, a(3) = 3",
	"a(n) = a(n-1) - 2*a(n-10) + n; a(0) = 1, a(1) = 0, a(2) = 0, a(3) = 2, a(4) = 0, a(5) = 0, a(6) = 0, a(7) = 3, a(8) = 0, a(9) = 1",
	"a = [2, 3, 5, 7]",
	"a = []",
	"T(n, k) = binomial(n, k)",
	"a = {n >= 0 : isprime(n*n + 1) > 0}",
	"a = {n >= 1 : (if n mod 3 <= 0 then 1 else 0 - 1) > 0}",
	"T(n, k) = n - k; n >= 1",
	"a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))",
	"a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3)); n >= 1",
	"a(n) = [x^n] -x^2/(1-x^4)^3",
	"a(n) = [x^n] (-5 + 7*x^12)/1",
	"a(n) = [x^n] 0",
	"a = cf(sqrt(352))",
	"a = cfnum(sqrt(332))",
	"a = cfden(sqrt(2147483647))",
	"a = signature(4, 2, 2)",
	"a = signature(1)",
	"a = signature(22, 1)",
	"a(n) = [x^n] E(x^2)^5/(E(x)^2*E(x^4)^2)",
	"a(n) = [x^n] 1/(E(x)^64*E(x^64))",
	"a(n) = 2^-n",
	"a(n) = (-2)^n",
	"a(n) = -2^n!",
	"a(n) = (n + 1)!!",
	"a(n) = n mod 3 / 2",
	"a(n) = if n - 2 <= 0 then if n <= 0 then 1 else 2 else n*a(n-1); a(0) = 1",
	"a(n) = sum(k=1..n, prod(k=1..n, k))",
	"a(n) = binomial(2*n, n) - gcd(n, 6)",
	"a(n) = 4^2^62",
	"a(n) = binomial(2^62, 2)",
	"a(n) = 9223372036854775807 + 1",
	"sum(k=1..n, k) + a(n-1)",
	"((((n))))",
	"n ! ! - - 1",
	"a(n) = 2 × n",
	"a = digits(log(8))",
	"a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1",
	"a(n) = prod(p^k || n, if k - 1 <= 0 then phi(p) else 0 - p^64)",
	"a = digits(49^(1/5))",
	"a = digits(sqrt(2*pi*e)/21)",
	"a = digits(1/471, from 1)",
	"a = digits(log(3)/log(23), from -2)",
	"a = digits(exp(exp(exp(2))))",
	"a = digits(2^3^4^5 - e^pi)",
	"a = digits(log(1-1))",
	"a = digits(sin(1)+cos(pi/7)*tan(1)/atan(sqrt(48)))",
	"a = digits(tan(pi/2))",
	"a = digits(sin(1000000))",
	"a(n) = floor(n*pi)",
	"a(n) = floor(n*(1+sqrt(5))/2); n >= 1",
	"a(n) = ceiling(n*sqrt(2)) - 1",
	"a(n) = round(n*e^pi/(pi-2)) + 9223372036854775807",
	"a(n) = floor(n*1/3)",
	"a(n) = floor(n*exp(2000)*exp(2000))",
	"a(n) = round(n*tan(pi/2))",
	"a(n) = floor(e^n)",
	"a(n) = ceiling(pi^n) - 1; n >= 1",
	"a(n) = round((3/2)^n) + 9223372036854775807",
	"a(n) = floor(sqrt(2)^n)",
	"a(n) = floor((2^(1/3))^n)",
	"a(n) = floor(exp(4000)^n)",
	"a(n) = round((1-3)^n)",
	"T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1",
	"T(n, k) = (n - k + 1)*T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1",
	"T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1",
	"T(n, k) = T(n, k-1) + T(n-1, k+1) - T(n-2, k-1)*T(n-2, k); T(n, n) = 2^n; n >= 1",
	"T(n, k) = T(n-1, k) - 9223372036854775807*T(n-1, k-1); T(n, 1) = -n",
	"a(n) = val(n!, 2) + ilog(n + 1, 3) + iroot(n - 9, 3) - iroot(n^5, n)",
	"a(n) = val(0, 1) + ilog(-1, 1) + val(9223372036854775807, 9223372036854775807)",
	"a(n) = xor(n, n/2) - and(n, 2*n) + or(-n, 5)",
	"a(n) = base(n^2, 5) - base(-n, n) + base(2^n, 2) + base(n!, 11)",
	"a(n) = xor(-9223372036854775807, 1)",
	"a(n) = gpf(n) + lpf(n)*omega(n) - bigomega(n)",
	"a(n) = nextprime(n) - prevprime(n + 3) + nextprime(1048573)",
	"a = {n >= 1 : isprime(n)*issquare(8*n - 31) > 0}",
	"a = {n >= 1 : isprime(n)*and(104, 2^(n mod 7)) > 0}",
	"a(n) = sum(k|n, k^2); n >= 1",
	"a(n) = sum(k | n, binomial(n + k, n))",
	"a(n) = sum(k|n, if n/k mod 2 <= 0 then 0 else k)",
	"a(n) = sum(k|n, 2^(n*k)); n >= 1",
	"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1",
	"a(n) = [x^n] A where -1 + A - x*A - x*A^2 = 0, A(0) = 1; n >= 1",
	"a(n) = [x^n] A where 27*x - 108*x*A - A^2 + 144*x*A^2 + A^3 - 64*x*A^3 = 0, A(0) = 1",
	"a(n) = [x^n] A where x - A + 2*A^2 = 0, A(0) = 0",
	"a(n) = [x^n] A where 2 - 3*A + x*A + A^2 = 0, A(0) = 2",
	"a(n) = [x^n] A where -6 + 5*A + x^12*A^3 - A^4 = 0, A(0) = 2",
	"a(n) = [x^n] A where 1 - 3*A + x*A^2 + 2*A^4 = 0, A(0) = 1",
	"a(n) = [x^n] A where 9223372036854775808*x - A + A^2 = 0, A(0) = 1",
}

// FuzzParse checks that the parser never panics and that whatever it
// accepts prints to a form that parses back to the same tree, and prints
// the same again.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, err := dsl.ParseProgram(s); err == nil {
			printed := p.String()
			q, err := dsl.ParseProgram(printed)
			if err != nil {
				t.Fatalf("%q parses, but its printed form %q does not: %v", s, printed, err)
			}
			if dumpProgram(p) != dumpProgram(q) {
				t.Fatalf("%q: printed as %q, which parses to %s instead of %s", s, printed, dumpProgram(q), dumpProgram(p))
			}
			if q.String() != printed {
				t.Fatalf("printing is not stable: %q then %q", printed, q.String())
			}
			if len(p.Encode()) != p.Bits() {
				t.Fatalf("%q: Encode has %d bits, Bits says %d", printed, len(p.Encode()), p.Bits())
			}
		}
		if e, err := dsl.ParseExpr(s); err == nil {
			printed := dsl.Format(e)
			back, err := dsl.ParseExpr(printed)
			if err != nil {
				t.Fatalf("%q parses, but its printed form %q does not: %v", s, printed, err)
			}
			if dump(e) != dump(back) {
				t.Fatalf("%q: printed as %q, which parses to %s instead of %s", s, printed, dump(back), dump(e))
			}
		}
	})
}

// FuzzEval builds an expression from the fuzz input (parsed as text when
// that works, otherwise decoded from the bytes as a prefix-order tree) and
// checks that evaluating it never panics and that Eval, where defined,
// equals EvalBig. A program without a body (a literal, a generating
// function, a continued fraction) has its Values checked against its
// BigValues instead, n%64 of them, and so does a triangle recurrence
// (where its int64 terms are defined: an overflow on the way makes them
// Undef).
func FuzzEval(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add([]byte(s), int64(5), int64(3), int64(1), int64(2), int64(-3))
	}
	f.Add([]byte{byte(dsl.OpBinom), byte(dsl.OpPrev1), byte(dsl.OpConst), 2}, int64(0), int64(0), int64(1<<40), int64(0), int64(0))
	f.Add([]byte{byte(dsl.OpPow), byte(dsl.OpConst), 4, byte(dsl.OpPow), byte(dsl.OpConst), 2, byte(dsl.OpConst), 62}, int64(0), int64(0), int64(0), int64(0), int64(0))
	f.Add([]byte{byte(dsl.OpCond), byte(dsl.OpIndex), byte(dsl.OpFact), byte(dsl.OpPrev2), byte(dsl.OpSum), byte(dsl.OpLoopVar)}, int64(-1), int64(2), int64(0), int64(21), int64(0))
	f.Fuzz(func(t *testing.T, data []byte, n, k, p1, p2, p3 int64) {
		var e dsl.Expr
		if prog, err := dsl.ParseProgram(string(data)); err == nil && prog.Body == nil {
			checkValuesAgree(t, prog, int(uint64(n)%64))
		}
		if prog, err := dsl.ParseProgram(string(data)); err == nil && (prog.Kind == dsl.TriangleRec || prog.Kind == dsl.DivisorSum || prog.Kind == dsl.Multiplicative) {
			checkDefinedAgree(t, prog, int(uint64(n)%64))
		}
		if prog, err := dsl.ParseProgram(string(data)); err == nil && prog.Body != nil {
			e = prog.Body
		} else if x, err := dsl.ParseExpr(string(data)); err == nil {
			e = x
		} else {
			d := decoder{data: data}
			e = d.expr(0)
		}
		n = clampLoops(e, n%64-8)
		env := &dsl.Env{N: dsl.Value(n), K: dsl.Value(k)}
		benv := &dsl.BigEnv{N: big.NewInt(n), K: big.NewInt(k)}
		for i := range dsl.MaxOrder { // a(n-1) .. a(n-10) cycle through p1, p2, p3
			v := []int64{p1, p2, p3}[i%3]
			env.Prev[i] = dsl.Value(v)
			if env.Prev[i].Defined() {
				benv.Prev[i] = big.NewInt(v)
			}
		}
		if !env.K.Defined() {
			benv.K = nil
		}
		checkAgree(t, e, env, benv)
	})
}

// checkValuesAgree checks that a program's int64 terms are its exact
// terms where those fit, and Undef elsewhere.
func checkValuesAgree(t *testing.T, p *dsl.Program, count int) {
	t.Helper()
	small, exact := p.Values(count), p.BigValues(count)
	for i := range count {
		if want := dsl.FromBig(exact[i]); small[i] != want {
			t.Fatalf("%v: term %d is %v in int64, %v exactly", p, i, small[i], exact[i])
		}
	}
}

// decoder turns bytes into an expression tree in prefix order: each byte
// picks a node choice (modulo the table), constants take the next byte(s).
type decoder struct {
	data []byte
	i    int
}

func (d *decoder) byte() byte {
	if d.i >= len(d.data) {
		return 0
	}
	b := d.data[d.i]
	d.i++
	return b
}

func (d *decoder) expr(depth int) dsl.Expr {
	op := dsl.Op(int(d.byte()) % dsl.NumOps)
	if depth > 12 {
		op = dsl.OpIndex
	}
	switch info := dsl.Ops[op]; {
	case op == dsl.OpConst:
		c := int64(d.byte())
		if c >= 200 { // a large constant: the next 1..8 bytes
			m := int(c%8) + 1
			c = 0
			for range m {
				c = c<<8 | int64(d.byte())
			}
			c &= 1<<62 - 1
		}
		return &dsl.Const{Value: max(c, 1)}
	case op == dsl.OpPrevK:
		return &dsl.Prev{Lag: 4 + int(d.byte())%(dsl.MaxOrder-3)}
	case info.Arity == 0: // n, k, a(n-1) .. a(n-3)
		return leafExpr(op)
	case info.Arity == 3:
		return &dsl.Cond{Cond: d.expr(depth + 1), Then: d.expr(depth + 1), Else: d.expr(depth + 1)}
	case info.Loop:
		return &dsl.Loop{Op: op, Body: d.expr(depth + 1)}
	case info.Arity == 1: // -x, x!, prime(x), sigma(x), ...
		return &dsl.Unary{Op: op, X: d.expr(depth + 1)}
	}
	return &dsl.Binary{Op: op, X: d.expr(depth + 1), Y: d.expr(depth + 1)}
}
