package dsl

import (
	"math"
	"slices"
	"testing"
)

// TestSolve: what an operator's Solve lists are exactly the right operands
// y with op(x, y) = t — every y of a range around 0 and every value of a
// grid of large ones, overflow and undefined values included — and a
// solution it lists is one; when it reports false there are more than it
// lists (checked: some y of the range, or one it could not bound).
func TestSolve(t *testing.T) {
	grid := []Value{0, 1, -1, 2, -2, 3, -3, 6, -6, 7, 12, 1 << 31, -(1 << 31), 1<<32 + 1,
		math.MaxInt64, math.MaxInt64 - 1, math.MinInt64 + 1, math.MinInt64 + 2, math.MaxInt64 / 2, math.MinInt64 / 2,
		3037000499, 3037000500, -3037000500, 1 << 62, -(1 << 62), 1 << 40, 59049, -59049, 1162261467, 4, 8, -8, 16, 63, 64,
		40, 10, 1 << 20, 1<<20 + 1, 720720, 1001, 66, 253, 4950, 3628800, Undef}
	var small []Value
	for v := Value(-300); v <= 300; v++ {
		small = append(small, v)
	}
	ys := append(slices.Clone(grid), small...)
	xs := append(slices.Clone(grid), small[240:361]...) // -60..60
	for op := range Op(NumOps) {
		solve := Ops[op].Solve
		if solve == nil {
			continue
		}
		if Ops[op].Arity != 2 {
			t.Fatalf("%s: Solve on an operator of arity %d", op, Ops[op].Arity)
		}
		for _, x := range xs {
			for _, want := range xs {
				if want == Undef {
					continue // Solve is for defined terms
				}
				listed, all := solve(x, want, nil)
				for i, y := range listed {
					if Apply2(op, x, y) != want {
						t.Errorf("%d %s %d = %d, not %d as Solve says", x, op, y, Apply2(op, x, y), want)
					}
					if slices.Contains(listed[:i], y) {
						t.Errorf("Solve(%d %s y = %d) lists %d twice", x, op, want, y)
					}
				}
				if !all {
					continue
				}
				for _, y := range ys {
					if Apply2(op, x, y) == want && !slices.Contains(listed, y) {
						t.Errorf("%d %s %d = %d: Solve lists %v", x, op, y, want, listed)
					}
				}
			}
		}
	}
}
