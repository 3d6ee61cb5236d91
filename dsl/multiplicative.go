package dsl

import (
	"math/big"
	"strings"
)

// Multiplicative programs are the multiplicative functions given by
// their values at the prime powers: a(1) = 1 and
//
//	a(n) = prod(p^k||n, body); n >= 1
//
// is the product of the body, a formula in the prime p and the exponent
// k, over the prime powers p^k exactly dividing n (p^k divides n,
// p^(k+1) does not). a(n) = prod(p^k||n, p^(k-1)*(p + 1)) is Dedekind's
// psi, n*prod(p|n, 1 + 1/p) = 1, 3, 4, 6, 6, 12, ... (OEIS A001615);
// prod(p^k||n, 2) is 2^omega(n), prod(p^k||n, p - 1) the product of p - 1
// over the prime factors of n, prod(p^k||n, k + 1) the number of
// divisors. The body reads p (written in the place of n, which it may not
// read) and k, and has no loops and no earlier terms. The terms start at
// n = 1 (a(1) is the empty product, 1), so the header has no offset bit:
// "0111" and the gamma code of 16 (13 bits), a word no recurrence order
// uses. n is factored with the least-prime-factor tables of the
// number-theoretic functions: a term is undefined beyond NTLimit, and
// where the body is undefined at one of the prime powers of n.
//
// The search does not enumerate these programs over the terms (a term
// is a product over several cells, not the body at one point); the
// fitter fit.Multiplicative searches the body at the prime powers
// (search.Multiplicative), the points BodySpec.Point lists for this
// kind: the i-th prime power 2, 3, 4, 5, 7, 8, 9, 11, ... as (p, k).
const Multiplicative Kind = 12

func init() {
	define(Multiplicative, &kindSpec{
		name:  "multiplicative function",
		word:  word("0111" + gammaWord(16)),
		leads: []string{"a(n) = prod(p^"},
		parse: parseMultiplicative,
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a(n) = prod(p^k||n, ")
			printPrime(sb, p.Body, PrecCond)
			sb.WriteString("); n >= 1")
		},
		values:    multValues,
		bigValues: multBigValues,
		body: &BodySpec{
			K:       true,
			Prime:   true,
			Point:   func(_, i int) (Value, Value) { return PrimePowerAt(i) },
			Offset:  1,
			noLoops: "cannot be used in a multiplicative function: it reads the prime p and the exponent k",
			noLags:  "cannot be used in a multiplicative function",
		},
		noRival: "the best explanation is a multiplicative function, whose body is read at the prime powers, not at the indices: a product vanishing at the indices would change the terms",
	})
}

// parseMultiplicative parses "a(n) = prod(p^k||n, body)" and the optional
// tail "; n >= 1".
func parseMultiplicative(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "=", "prod", "(", "p", "^", "k", "|", "|", "n", ","); err != nil {
		return nil, err
	}
	body, err := p.body(Multiplicative, Multiplicative.spec().body.Grammar(0), PrecCond)
	if err != nil {
		return nil, err
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if err := p.fromOne("a multiplicative function"); err != nil {
		return nil, err
	}
	prog := &Program{Kind: Multiplicative, Offset: 1, Body: body}
	return prog, p.checkLags(prog)
}

// multValues computes the terms in int64: at each n, the product of the
// body over n's prime powers, Undef when a factor is or the product
// overflows.
func multValues(p *Program, count int) []Value {
	out := make([]Value, count)
	var env Env
	for lag := range env.Prev {
		env.Prev[lag] = Undef // the body reads no earlier term
	}
	for i := range out {
		v := Value(1)
		if !Factor(Value(p.Offset+i), func(q, e Value) {
			env.N, env.K = q, e
			v = Mul(v, Eval(p.Body, &env))
		}) {
			v = Undef
		}
		out[i] = v
	}
	return out
}

// multBigValues computes the terms exactly (nil where undefined).
func multBigValues(p *Program, count int) []*big.Int {
	out := make([]*big.Int, count)
	for i := range out {
		v := big.NewInt(1)
		if !Factor(Value(p.Offset+i), func(q, e Value) {
			if v == nil {
				return
			}
			f := EvalBig(p.Body, &BigEnv{N: big.NewInt(int64(q)), K: big.NewInt(int64(e))})
			if f == nil {
				v = nil
				return
			}
			v.Mul(v, f)
		}) {
			v = nil
		}
		out[i] = v
	}
	return out
}

// Factor calls f(p, e) for each prime power p^e exactly dividing
// 1 <= x <= NTLimit, smallest p first (not at all for x = 1), and reports
// false, calling nothing, for x outside that range.
func Factor(x Value, f func(p, e Value)) bool {
	if !ntDomain(x) {
		return false
	}
	tables().factor(int64(x), func(p, e int64) { f(Value(p), Value(e)) })
	return true
}

// PrimePower returns p and k when 2 <= x <= NTLimit is the prime power
// p^k (k >= 1), and false otherwise.
func PrimePower(x Value) (p, k Value, ok bool) {
	if x < 2 || x > NTLimit {
		return 0, 0, false
	}
	q := Value(lpf(int64(x)))
	for x%q == 0 {
		x /= q
		k++
	}
	return q, k, x == 1
}

// PrimePowerAt returns the i-th prime power (i from 0) as p and k: (2,
// 1), (3, 1), (2, 2), (5, 1), (7, 1), (2, 3), ... (Undef, Undef) beyond
// NTLimit. It counts from 2, so it takes time in proportion to the
// prime power found.
func PrimePowerAt(i int) (p, k Value) {
	for x := Value(2); x <= NTLimit; x++ {
		if q, e, ok := PrimePower(x); ok {
			if i == 0 {
				return q, e
			}
			i--
		}
	}
	return Undef, Undef
}
