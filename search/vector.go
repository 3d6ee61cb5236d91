package search

import "github.com/seqpredict/seqpredict/dsl"

// Vector forms of the operators: one call evaluates a candidate at every
// point at once. The switch on the operator sits outside the loops so that
// each loop body is a single inlined scalar operation.

func apply1(op dsl.Op, dst, x []dsl.Value) {
	switch op {
	case dsl.OpNeg:
		for i := range dst {
			dst[i] = dsl.Neg(x[i])
		}
	case dsl.OpFact:
		for i := range dst {
			dst[i] = dsl.Fact(x[i])
		}
	default:
		for i := range dst {
			dst[i] = dsl.Apply1(op, x[i])
		}
	}
}

func apply2(op dsl.Op, dst, x, y []dsl.Value) {
	y = y[:len(dst)]
	x = x[:len(dst)]
	switch op {
	case dsl.OpAdd:
		for i := range dst {
			dst[i] = dsl.Add(x[i], y[i])
		}
	case dsl.OpSub:
		for i := range dst {
			dst[i] = dsl.Sub(x[i], y[i])
		}
	case dsl.OpMul:
		for i := range dst {
			dst[i] = dsl.Mul(x[i], y[i])
		}
	case dsl.OpDiv:
		for i := range dst {
			dst[i] = dsl.Div(x[i], y[i])
		}
	case dsl.OpMod:
		for i := range dst {
			dst[i] = dsl.Mod(x[i], y[i])
		}
	case dsl.OpPow:
		for i := range dst {
			dst[i] = dsl.Pow(x[i], y[i])
		}
	case dsl.OpBinom:
		for i := range dst {
			dst[i] = dsl.Binom(x[i], y[i])
		}
	case dsl.OpGcd:
		for i := range dst {
			dst[i] = dsl.Gcd(x[i], y[i])
		}
	case dsl.OpXor:
		for i := range dst {
			dst[i] = dsl.Xor(x[i], y[i])
		}
	default:
		for i := range dst {
			dst[i] = dsl.Apply2(op, x[i], y[i])
		}
	}
}

// apply2Hash is apply2 that also returns the hash of dst (hashValues) and
// whether dst is defined at every position from lo to hi-1. It stops at
// the first undefined value there, leaving dst unfinished.
func apply2Hash(op dsl.Op, dst, x, y []dsl.Value, lo, hi int) (uint64, bool) {
	y = y[:len(dst)]
	x = x[:len(dst)]
	h := hashSeed
	switch op {
	case dsl.OpAdd:
		for i := range dst {
			v := dsl.Add(x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	case dsl.OpSub:
		for i := range dst {
			v := dsl.Sub(x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	case dsl.OpMul:
		for i := range dst {
			v := dsl.Mul(x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	case dsl.OpDiv:
		for i := range dst {
			v := dsl.Div(x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	case dsl.OpMod:
		for i := range dst {
			v := dsl.Mod(x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	default:
		for i := range dst {
			v := dsl.Apply2(op, x[i], y[i])
			if v == dsl.Undef && i >= lo && i < hi {
				return 0, false
			}
			dst[i], h = v, hashStep(h, v)
		}
	}
	return hashEnd(h), true
}

func applyCond(dst, c, x, y []dsl.Value) {
	for i := range dst {
		dst[i] = dsl.Select(c[i], x[i], y[i])
	}
}

// applyLoop reduces a loop body's values over the grid: dst[j] is the sum
// (or product) of body over rows[first+j] .. rows[first+j+1]-1, that is
// over k = 1..n at the j-th point.
func applyLoop(op dsl.Op, dst, body []dsl.Value, rows []int, first int) {
	for j := range dst {
		dst[j] = loopAt(op, body[rows[first+j]:rows[first+j+1]])
	}
}

// loopAt is the sum (or product) of a loop body's values at the cells of
// one point.
func loopAt(op dsl.Op, cells []dsl.Value) dsl.Value {
	acc := dsl.Value(0)
	if op == dsl.OpProd {
		acc = 1
	}
	for _, v := range cells {
		if op == dsl.OpSum {
			acc = dsl.Add(acc, v)
		} else {
			acc = dsl.Mul(acc, v)
		}
	}
	return acc
}
