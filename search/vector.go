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
		acc := dsl.Value(0)
		if op == dsl.OpProd {
			acc = 1
		}
		for _, v := range body[rows[first+j]:rows[first+j+1]] {
			if op == dsl.OpSum {
				acc = dsl.Add(acc, v)
			} else {
				acc = dsl.Mul(acc, v)
			}
		}
		dst[j] = acc
	}
}
