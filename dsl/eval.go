package dsl

import "math/big"

// Env holds what an expression can read: the index n, the loop variable k
// and the earlier terms a(n-1), a(n-2), a(n-3).
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

// Values returns the first count terms of the program, a(Offset) onwards,
// in 64-bit arithmetic; terms that have no int64 value are Undef.
func (p *Program) Values(count int) []Value {
	out := make([]Value, count)
	switch p.Kind {
	case Literal:
		for i := range out {
			out[i] = Undef
			if i < len(p.Terms) {
				out[i] = FromBig(p.Terms[i])
			}
		}
	case ClosedForm:
		env := Env{K: Undef}
		for i := range out {
			env.N = Value(p.Offset + i)
			out[i] = Eval(p.Body, &env)
		}
	case Filter, Rational, Digits, SqrtCF:
		// Their terms are computed exactly (a filter's body may overflow
		// int64 at an n that is itself small, convergents grow
		// exponentially); any that fits is the same.
		for i, v := range p.BigValues(count) {
			out[i] = FromBig(v)
		}
	case Triangle:
		for i := range out {
			row, col := TriangleCell(i)
			out[i] = Eval(p.Body, &Env{N: Value(p.Offset + row), K: Value(p.Offset + col)})
		}
	case Recurrence:
		env := Env{K: Undef}
		for i := range out {
			if i < p.Order {
				out[i] = Undef
				if i < len(p.Init) {
					out[i] = FromBig(p.Init[i])
				}
				continue
			}
			env.N = Value(p.Offset + i)
			for lag := 1; lag <= MaxOrder; lag++ {
				env.Prev[lag-1] = Undef
				if lag <= p.Order {
					env.Prev[lag-1] = out[i-lag]
				}
			}
			out[i] = Eval(p.Body, &env)
		}
	}
	return out
}

// MaxFilterGap bounds how far past a filter's previous member the next one
// is looked for: a term not found within MaxFilterGap integers is Undef.
const MaxFilterGap = 100000

// filterNext returns the first k' >= k with in(k') true, Undef when the
// body is undefined first (Undef is contagious) or none is found within
// MaxFilterGap. in reports membership and whether the body was defined.
func filterNext(k Value, in func(Value) (member, defined bool)) Value {
	for end := k + MaxFilterGap; k < end; k++ {
		member, defined := in(k)
		if !defined {
			return Undef
		}
		if member {
			return k
		}
	}
	return Undef
}

// TriangleCell returns the row and column, counted from 0, of the i-th
// entry (from 0) of a triangle read by rows: 0 -> (0,0), 1 -> (1,0),
// 2 -> (1,1), 3 -> (2,0), ...
func TriangleCell(i int) (row, col int) {
	for row*(row+1)/2+row < i {
		row++
	}
	return row, i - row*(row+1)/2
}

// FromBig converts x to a Value, Undef when it does not fit.
func FromBig(x *big.Int) Value {
	if x == nil || !x.IsInt64() || x.Int64() == int64(Undef) {
		return Undef
	}
	return Value(x.Int64())
}
