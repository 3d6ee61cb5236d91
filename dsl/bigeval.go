package dsl

import "math/big"

// MaxBigBits bounds the size of exact results: a value that would need more
// bits is undefined in big arithmetic too. It keeps a program such as n^n^n
// from eating the machine while still covering every term the OEIS lists.
const MaxBigBits = 1 << 14

// BigEnv is Env for exact arithmetic. A nil value is undefined.
type BigEnv struct {
	N, K *big.Int
	Prev [MaxOrder]*big.Int
}

// EvalBig evaluates e exactly with math/big. Where Eval gives a number, EvalBig
// gives the same number; where Eval overflows, EvalBig still gives the exact
// value as long as it has at most MaxBigBits bits. It returns nil for
// undefined.
func EvalBig(e Expr, env *BigEnv) *big.Int {
	switch e := e.(type) {
	case *Const:
		return big.NewInt(e.Value)
	case *Index:
		return env.N
	case *LoopVar:
		return env.K
	case *Prev:
		if e.Lag < 1 || e.Lag > MaxOrder {
			return nil
		}
		return env.Prev[e.Lag-1]
	case *Unary:
		x := EvalBig(e.X, env)
		if x == nil {
			return nil
		}
		switch e.Op {
		case OpNeg:
			return new(big.Int).Neg(x)
		case OpFact:
			return bigFact(x)
		}
		return bigNumberTheory(e.Op, x)
	case *Binary:
		x := EvalBig(e.X, env)
		if x == nil {
			return nil
		}
		y := EvalBig(e.Y, env)
		if y == nil {
			return nil
		}
		return checkSize(bigApply2(e.Op, x, y))
	case *Cond:
		c, x, y := EvalBig(e.Cond, env), EvalBig(e.Then, env), EvalBig(e.Else, env)
		if c == nil || x == nil || y == nil {
			return nil
		}
		if c.Sign() <= 0 {
			return x
		}
		return y
	case *Loop:
		return bigLoop(e, env)
	}
	return nil
}

func checkSize(x *big.Int) *big.Int {
	if x == nil || x.BitLen() > MaxBigBits {
		return nil
	}
	return x
}

func bigApply2(op Op, x, y *big.Int) *big.Int {
	z := new(big.Int)
	switch op {
	case OpAdd:
		return z.Add(x, y)
	case OpSub:
		return z.Sub(x, y)
	case OpMul:
		if x.BitLen()+y.BitLen() > MaxBigBits+1 {
			return nil
		}
		return z.Mul(x, y)
	case OpDiv, OpMod:
		if y.Sign() == 0 {
			return nil
		}
		// Floor semantics: the remainder takes the sign of y.
		q, r := new(big.Int).QuoRem(x, y, new(big.Int))
		if r.Sign() != 0 && (r.Sign() < 0) != (y.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
			r.Add(r, y)
		}
		if op == OpDiv {
			return q
		}
		return r
	case OpPow:
		return bigPow(x, y)
	case OpBinom:
		return bigBinom(x, y)
	case OpGcd:
		return z.GCD(nil, nil, new(big.Int).Abs(x), new(big.Int).Abs(y))
	case OpVal, OpIlog, OpXor, OpAnd, OpOr, OpIroot:
		return bigBitwise(op, x, y)
	case OpBase:
		return bigBase(x, y)
	}
	return nil
}

func bigPow(x, y *big.Int) *big.Int {
	if y.Sign() < 0 {
		return nil
	}
	if x.CmpAbs(big.NewInt(1)) <= 0 {
		// 0, 1, -1: the small evaluator knows these for any exponent.
		if !y.IsInt64() {
			// Only whether y is 0 and its parity matter: 2 or 3 stands in.
			y = new(big.Int).Add(new(big.Int).And(y, big.NewInt(1)), big.NewInt(2))
		}
		return big.NewInt(int64(Pow(Value(x.Int64()), Value(y.Int64()))))
	}
	// |x| >= 2, so x^y has at least y+1 bits. Check y alone first: the
	// product below would overflow int64 for a huge y (4^2^62 used to wrap
	// around to a negative bound and run Exp with an exponent of 2^62).
	if !y.IsInt64() || y.Int64() > MaxBigBits || int64(x.BitLen()-1)*y.Int64() > MaxBigBits {
		return nil
	}
	return new(big.Int).Exp(x, y, nil)
}

func bigFact(x *big.Int) *big.Int {
	if x.Sign() < 0 || !x.IsInt64() || x.Int64() > 1500 {
		return nil
	}
	return checkSize(new(big.Int).MulRange(1, x.Int64()))
}

func bigBinom(x, y *big.Int) *big.Int {
	if x.Sign() < 0 {
		return nil
	}
	if y.Sign() < 0 || y.Cmp(x) > 0 {
		return new(big.Int)
	}
	// C(x, y) = C(x, x-y); take the smaller j. For 1 <= j <= x/2,
	// C(x, j) >= 2^j, so a j beyond MaxBigBits is too large anyway. x itself
	// may be far beyond int64 (binomial(2^100, 2) is fine): Eval defines
	// binomial(x, y) for every int64 x whose result fits, and EvalBig must
	// agree with it, so there is no bound on x other than the result's size.
	j := new(big.Int).Sub(x, y)
	if j.Cmp(y) > 0 {
		j.Set(y)
	}
	if !j.IsInt64() || j.Int64() > MaxBigBits {
		return nil
	}
	c := big.NewInt(1)
	num, den := new(big.Int), new(big.Int)
	for i := int64(0); i < j.Int64(); i++ {
		// c*(x-i)/(i+1) is exact: it is C(x, i+1).
		num.Sub(x, den.SetInt64(i))
		c.Mul(c, num)
		c.Quo(c, den.SetInt64(i+1))
		if c.BitLen() > MaxBigBits {
			return nil
		}
	}
	return c
}

func bigLoop(e *Loop, env *BigEnv) *big.Int {
	n := env.N
	if n == nil || !n.IsInt64() || n.Int64() > MaxLoop {
		return nil
	}
	acc := big.NewInt(0)
	if e.Op == OpProd {
		acc.SetInt64(1)
	}
	inner := *env
	for k := int64(1); k <= n.Int64(); k++ {
		inner.K = big.NewInt(k)
		v := EvalBig(e.Body, &inner)
		if v == nil {
			return nil
		}
		if e.Op == OpSum {
			acc.Add(acc, v)
		} else {
			acc.Mul(acc, v)
		}
		if acc.BitLen() > MaxBigBits {
			return nil
		}
	}
	return acc
}
