package dsl

import (
	"math"
	"testing"
)

// TestSolve: when an operator's Solve says it found none or one right
// operand y with op(x, y) = t, that is so, overflow and undefined values
// included, on values around 0, the int64 limits, powers and products
// that overflow.
func TestSolve(t *testing.T) {
	vals := []Value{0, 1, -1, 2, -2, 3, -3, 6, -6, 7, 12, 1 << 31, -(1 << 31), 1<<32 + 1,
		math.MaxInt64, math.MaxInt64 - 1, math.MinInt64 + 1, math.MinInt64 + 2, math.MaxInt64 / 2, math.MinInt64 / 2,
		3037000499, 3037000500, -3037000500, 1 << 62, -(1 << 62), 1 << 40, 59049, -59049, 1162261467, 4, 8, -8, 16, 63, 64, 40, 10, Undef}
	for op := range Op(NumOps) {
		solve := Ops[op].Solve
		if solve == nil {
			continue
		}
		if Ops[op].Arity != 2 {
			t.Fatalf("%s: Solve on an operator of arity %d", op, Ops[op].Arity)
		}
		for _, x := range vals {
			for _, want := range vals {
				if want == Undef {
					continue // Solve is for defined terms
				}
				y, n := solve(x, want)
				if n == OneSolution && Apply2(op, x, y) != want {
					t.Errorf("%d %s %d = %d, not %d as Solve says", x, op, y, Apply2(op, x, y), want)
				}
				for _, z := range vals {
					got := Apply2(op, x, z) == want
					said := n == OneSolution && z == y
					if n != TrySolutions && got != said {
						t.Errorf("%d %s %d = %d: Solve(%d, %d) says %v (%d, %d)", x, op, z, Apply2(op, x, z), x, want, said, y, n)
					}
				}
			}
		}
	}
}
