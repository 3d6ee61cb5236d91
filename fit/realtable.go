package fit

import (
	"math"
	mbits "math/bits"
	"slices"
	"sync"

	"github.com/seqpredict/seqpredict/dsl"
)

// realTableBudget is how many distinct values the table of real
// expressions keeps: about 10 ms of work, once per process. The table
// holds every expression of up to 22 bits (one per value) and part of
// those of 23.
const realTableBudget = 20000

// realTable is the enumeration of real constant expressions (dsl.Real)
// in order of code length, one (the shortest, the first found) per
// float64 value, shared by Constant and Beatty. It depends on nothing
// but the real language, so it is built once, on first use, and only
// read afterwards.
type realTable struct {
	// levels[b] are the expressions of b bits, in enumeration order.
	levels [][]constEntry
	// complete is the longest length all of whose expressions (one per
	// value) are in the table.
	complete int
	// all is every entry in enumeration order, and byMant indexes them
	// by their mantissas (mantKey), for Constant's meet in the middle.
	all    []constEntry
	byMant map[int64][]constEntry
	// mant[b][i] is the mantissa of levels[b][i], allMant[i] that of
	// all[i]: computed once, as the lookups need them on every call.
	mant    [][]float64
	allMant []float64
	// byValue is every entry in increasing order of value, and minBits
	// a sparse table of the range minima of their lengths: minBits[j][i]
	// is the index in byValue of the shortest entry among i..i+2^j-1
	// (the first of the shortest).
	byValue []constEntry
	values  []float64 // byValue's values
	minBits [][]int32
	// absByLevel[b] are the absolute values of the entries of b bits,
	// in increasing order, and growth how many times more entries of at
	// most complete bits there are than of at most complete - 1: the
	// table's density of constants, for Beatty's test of significance.
	absByLevel [][]float64
	growth     float64
}

var (
	realTableOnce sync.Once
	realTab       *realTable
)

// realExprTable returns the table, building it on the first call.
func realExprTable() *realTable {
	realTableOnce.Do(func() { realTab = buildRealTable() })
	return realTab
}

// tableBuilder enumerates the expressions: every leaf of b bits, then
// every function of an expression of fewer, then every operator of two,
// until the budget is spent.
type tableBuilder struct {
	t    *realTable
	seen map[uint64]bool
}

func buildRealTable() *realTable {
	tb := &tableBuilder{t: &realTable{}, seen: map[uint64]bool{}}
	for b := 2; len(tb.seen) < realTableBudget; b++ {
		for len(tb.t.levels) <= b {
			tb.t.levels = append(tb.t.levels, nil) // no expression is shorter than 2 bits
		}
		tb.leaves(b)
		tb.unaries(b)
		tb.binaries(b)
		if len(tb.seen) < realTableBudget {
			tb.t.complete = b
		}
	}
	tb.t.index()
	return tb.t
}

// add records an expression unless its value was seen (or is unusable).
func (tb *tableBuilder) add(level int, r *dsl.Real, v float64) {
	if !usable(v) || len(tb.seen) >= realTableBudget {
		return
	}
	key := valueKey(v)
	if tb.seen[key] {
		return
	}
	tb.seen[key] = true
	tb.t.levels[level] = append(tb.t.levels[level], constEntry{r, v, level})
}

// leaves adds the integers, pi and e of b bits.
func (tb *tableBuilder) leaves(b int) {
	g := b - dsl.RealOps[dsl.RInt].Bits // the gamma code's length
	if g >= 1 && g%2 == 1 && g <= 63 {
		for c := int64(1) << ((g - 1) / 2); c < int64(1)<<((g+1)/2); c++ {
			tb.add(b, &dsl.Real{Op: dsl.RInt, Int: c}, float64(c))
		}
	}
	for op, info := range dsl.RealOps {
		if dsl.RealOp(op) != dsl.RInt && info.Arity == 0 && info.Bits == b {
			r := &dsl.Real{Op: dsl.RealOp(op)}
			tb.add(b, r, r.Float64())
		}
	}
}

func (tb *tableBuilder) unaries(b int) {
	for op, info := range dsl.RealOps {
		c := b - info.Bits
		if info.Arity != 1 || c < 2 {
			continue
		}
		op := dsl.RealOp(op)
		for _, x := range tb.t.levels[c] {
			tb.add(b, &dsl.Real{Op: op, X: x.r}, dsl.Real1Float(op, x.v))
		}
	}
}

func (tb *tableBuilder) binaries(b int) {
	for op, info := range dsl.RealOps {
		if info.Arity != 2 {
			continue
		}
		op, rest := dsl.RealOp(op), b-info.Bits
		for bx := 2; bx <= rest-2; bx++ {
			for _, x := range tb.t.levels[bx] {
				for _, y := range tb.t.levels[rest-bx] {
					if len(tb.seen) >= realTableBudget {
						return
					}
					tb.add(b, &dsl.Real{Op: op, X: x.r, Y: y.r}, dsl.Real2Float(op, x.v, y.v))
				}
			}
		}
	}
}

// index builds all, byMant, the mantissas, byValue and minBits.
func (t *realTable) index() {
	t.byMant = map[int64][]constEntry{}
	t.mant = make([][]float64, len(t.levels))
	for b, lv := range t.levels {
		for _, e := range lv {
			m := mantissa(e.v)
			t.byMant[mantKey(m)] = append(t.byMant[mantKey(m)], e)
			t.all = append(t.all, e)
			t.mant[b] = append(t.mant[b], m)
			t.allMant = append(t.allMant, m)
		}
	}
	t.byValue = slices.Clone(t.all)
	// Stable: among equal values (within valueKey's rounding they may
	// differ) the enumeration order stays.
	slices.SortStableFunc(t.byValue, func(a, b constEntry) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	total := make([]int, len(t.levels))
	t.absByLevel = make([][]float64, len(t.levels))
	for b, lv := range t.levels {
		for _, e := range lv {
			t.absByLevel[b] = append(t.absByLevel[b], math.Abs(e.v))
		}
		slices.Sort(t.absByLevel[b])
		total[b] = len(lv)
		if b > 0 {
			total[b] += total[b-1]
		}
	}
	t.growth = float64(total[t.complete]) / float64(total[t.complete-1])
	n := len(t.byValue)
	t.values = make([]float64, n)
	for i, e := range t.byValue {
		t.values[i] = e.v
	}
	row := make([]int32, n)
	for i := range row {
		row[i] = int32(i)
	}
	t.minBits = [][]int32{row}
	for w := 1; 2*w <= n; w *= 2 {
		prev := t.minBits[len(t.minBits)-1]
		next := make([]int32, n-2*w+1)
		for i := range next {
			next[i] = t.shorter(prev[i], prev[i+w])
		}
		t.minBits = append(t.minBits, next)
	}
}

// shorter returns whichever of the entries i and j (indices in byValue)
// is shorter, i on a tie.
func (t *realTable) shorter(i, j int32) int32 {
	if t.byValue[j].bits < t.byValue[i].bits {
		return j
	}
	return i
}

// shortestIn returns the index in byValue of the shortest entry among
// i..j-1 (i < j).
func (t *realTable) shortestIn(i, j int) int32 {
	k := mbits.Len(uint(j-i)) - 1
	return t.shorter(t.minBits[k][i], t.minBits[k][j-(1<<k)])
}

// valueRange returns the indices i..j-1 of byValue of the entries whose
// values lie in [lo, hi].
func (t *realTable) valueRange(lo, hi float64) (int, int) {
	i := firstAbove(t.values, lo, false)
	if i == len(t.values) || t.values[i] > hi {
		return i, i // most ranges asked for are empty
	}
	return i, i + firstAbove(t.values[i:], hi, true)
}

// firstAbove returns the index of the first value of the increasing vs
// that is at least x, or above x when strict (len(vs) when none is).
func firstAbove(vs []float64, x float64, strict bool) int {
	i, j := 0, len(vs)
	for i < j {
		h := int(uint(i+j) >> 1)
		if vs[h] < x || strict && vs[h] == x {
			i = h + 1
		} else {
			j = h
		}
	}
	return i
}

// shortestValues returns up to k entries with values in [lo, hi], the
// shortest first (ties in order of value): the range minimum, then the
// minima of the ranges left on either side of it, best first.
func (t *realTable) shortestValues(lo, hi float64, k int) []constEntry {
	if math.IsNaN(lo) || math.IsNaN(hi) || lo > hi {
		return nil
	}
	type span struct {
		i, j int
		best int32
	}
	var open []span
	push := func(i, j int) {
		if i < j {
			open = append(open, span{i, j, t.shortestIn(i, j)})
		}
	}
	push(t.valueRange(lo, hi))
	var out []constEntry
	for len(out) < k && len(open) > 0 {
		b := 0
		for s := range open {
			if t.byValue[open[s].best].bits < t.byValue[open[b].best].bits {
				b = s
			}
		}
		s := open[b]
		open = slices.Delete(open, b, b+1)
		out = append(out, t.byValue[s.best])
		push(s.i, int(s.best))
		push(int(s.best)+1, s.j)
	}
	return out
}

// countNear estimates how many expressions of at most b bits have an
// absolute value within a factor sqrt(10) of m > 0 (a decade around it):
// counted in the table up to the length it has complete, and beyond it
// extrapolated by the table's growth per bit.
func (t *realTable) countNear(m float64, b int) float64 {
	lo, hi := m/math.Sqrt(10), m*math.Sqrt(10)
	c := 0
	for l := 0; l <= min(b, t.complete); l++ {
		i, _ := slices.BinarySearch(t.absByLevel[l], lo)
		j, _ := slices.BinarySearch(t.absByLevel[l], hi)
		c += j - i
	}
	return float64(c) * math.Pow(t.growth, float64(max(b-t.complete, 0)))
}
