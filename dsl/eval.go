package dsl

import "math/big"

// Env holds what an expression can read: the index n, the loop variable k
// and the earlier terms a(n-1) .. a(n-MaxOrder).
type Env struct {
	N    Value
	K    Value
	Prev [MaxOrder]Value
}

// Eval evaluates e in 64-bit checked arithmetic. It never panics on any
// tree the parser or the enumerator builds; every failure is Undef.
func Eval(e Expr, env *Env) Value {
	switch e := e.(type) {
	case *Const:
		return Value(e.Value)
	case *Index:
		return env.N
	case *LoopVar:
		return env.K
	case *Prev:
		if e.Lag < 1 || e.Lag > MaxOrder {
			return Undef
		}
		return env.Prev[e.Lag-1]
	case *Unary:
		return Apply1(e.Op, Eval(e.X, env))
	case *Binary:
		x := Eval(e.X, env)
		if x == Undef {
			return Undef
		}
		return Apply2(e.Op, x, Eval(e.Y, env))
	case *Cond:
		// Both branches are evaluated: Undef is contagious even through
		// the branch not taken (see the package documentation).
		return Select(Eval(e.Cond, env), Eval(e.Then, env), Eval(e.Else, env))
	case *Loop:
		return evalLoop(e, env)
	}
	return Undef
}

func evalLoop(e *Loop, env *Env) Value {
	n := env.N
	if n == Undef || n > MaxLoop {
		return Undef
	}
	acc := Value(0)
	if e.Op == OpProd {
		acc = 1
	}
	inner := *env
	for k := Value(1); k <= n; k++ {
		inner.K = k
		v := Eval(e.Body, &inner)
		if e.Op == OpSum {
			acc = Add(acc, v)
		} else {
			acc = Mul(acc, v)
		}
		if acc == Undef {
			return Undef
		}
	}
	return acc
}

// FromBig converts x to a Value, Undef when it does not fit.
func FromBig(x *big.Int) Value {
	if x == nil || !x.IsInt64() || x.Int64() == int64(Undef) {
		return Undef
	}
	return Value(x.Int64())
}
