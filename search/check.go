package search

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/seqpredict/seqpredict/dsl"
)

// executeCheck runs the check-only plans of one length: the workers
// evaluate candidates (the first point alone first, since most fail there)
// and keep the recipes of those that reproduce the terms; these are
// recorded in plan and job order, so the result does not depend on the
// number of workers. The jobs of every bank share one pool of workers: a
// bank's plan is often too small to be worth starting workers for, the
// whole length rarely.
func (e *engine) executeCheck(ctx context.Context, plans []plan) bool {
	type ref struct{ plan, job int }
	var refs []ref
	var candidates int64
	for i, p := range plans {
		for j := range p.jobs {
			refs = append(refs, ref{i, j})
		}
		candidates += p.candidates
		e.indexChildren(p)
		if p.bk.shared != nil {
			e.cover(p.bk)
		}
	}
	out := make([][]recipe, len(refs))
	// One scratch (and tally of matched points) per worker, not per job:
	// with many terms and many jobs, per-job tallies would not fit in
	// memory.
	workers := e.workersFor(candidates)
	scratches := make([]*checkScratch, min(workers, len(refs)))
	for w := range scratches {
		scratches[w] = newCheckScratch(len(e.t.terms) + 1)
	}
	var cancelled atomic.Bool
	done := ctx.Done()
	e.parallelW(len(scratches), len(refs), func(w, i int) {
		if cancelled.Load() {
			return
		}
		select {
		case <-done:
			cancelled.Store(true)
			return
		default:
		}
		p := plans[refs[i].plan]
		out[i] = p.bk.checkCandidates(p.b, p.jobs[refs[i].job], e.t.small[p.bk.first:p.bk.first+p.bk.points-1], scratches[w])
	})
	if cancelled.Load() {
		e.stopped = StopCancelled
		return false
	}
	if e.lvl.Matched == nil {
		e.lvl.Matched = make([]int64, len(e.t.terms)+1)
	}
	for _, sc := range scratches {
		for k, c := range sc.matched {
			e.lvl.Matched[k] += c
		}
		checkScratches.Put(sc)
	}
	for i, rs := range out {
		if len(rs) == 0 {
			continue // most jobs find nothing
		}
		p := plans[refs[i].plan]
		buf := make([]dsl.Value, p.bk.width)
		for _, r := range rs {
			p.bk.eval(r, buf)
			e.record(p.bk, buf, p.b, func() dsl.Expr { return p.bk.treeOf(r) })
		}
	}
	if e.interrupted {
		e.stopped = StopCancelled
		return false
	}
	e.lvl.Candidates += candidates
	return true
}

// indexChildren makes sure that the lengths whose classes a plan's jobs
// group by their first-point value (firstIndex) are indexed, before the
// workers start.
func (e *engine) indexChildren(p plan) {
	for _, j := range p.jobs {
		switch {
		case j.op == dsl.OpIndex && j.b1 == p.b, dsl.Ops[j.op].Loop:
		case j.op == dsl.OpCond:
			p.bk.firstIndex(j.b2)
			p.bk.firstIndex(j.b3)
		case j.op.Func1():
			p.bk.firstIndex(j.b1)
		default:
			p.bk.firstIndex(j.b1)
			p.bk.firstIndex(j.b2)
		}
	}
}

// checkScratch is what a worker of a checked level reuses from job to job:
// its tally of matched points and buffers, and a memo of which keys of a
// job's children pass the first point.
type checkScratch struct {
	matched []int64 // matched[m]: candidates reproducing exactly m terms
	hits    []int32
	pairs   [][2]int32
	// For the operator and children's lengths at hand (memo, gen):
	// stamp[k] == gen when the left child's key k is decided; then ok[k]
	// says whether a unary operator passes with it, and
	// pass[from[k]:from[k]+count[k]] are the keys of the right child's
	// length that a binary one passes with. Consecutive jobs of the same
	// operator and lengths share it.
	memo        memoKey
	gen         uint32
	stamp       []uint32
	ok          []bool
	from, count []int32
	pass        []int32
	marked      []bool // the right keys passing, while scanning for them
	second      []int32
	xs          []int32
	ys          []dsl.Value
}

// checkScratches recycles the workers' scratches, between the lengths
// and the searches of a process.
var checkScratches = sync.Pool{New: func() any { return new(checkScratch) }}

// newCheckScratch returns a scratch with a zero tally of the given length.
func newCheckScratch(points int) *checkScratch {
	sc := checkScratches.Get().(*checkScratch)
	sc.matched = slices.Grow(sc.matched[:0], points)[:points]
	clear(sc.matched)
	sc.memo = memoKey{}
	return sc
}

// memoKey is what decides which keys pass: the bank, the operator and the
// children's lengths.
type memoKey struct {
	bk     *bank
	op     dsl.Op
	b1, b2 int
}

// newJob starts a job whose left child's length has keys keys, keeping
// what the last job decided when it had the same operator and lengths.
func (sc *checkScratch) newJob(bk *bank, j job, keys int) {
	if m := (memoKey{bk, j.op, j.b1, j.b2}); m != sc.memo {
		sc.memo = m
	} else {
		return
	}
	sc.gen++
	if len(sc.stamp) < keys || sc.gen == 0 {
		sc.stamp = make([]uint32, keys)
		sc.ok = make([]bool, keys)
		sc.from = make([]int32, keys)
		sc.count = make([]int32, keys)
		sc.gen = 1
	}
	sc.pass = sc.pass[:0]
}

// checkCandidates is the skeleton of a checked job: it compares each of
// the job's candidates with the target, the terms at the bank's points,
// point by point, stopping at the first that differs; sc.matched[m]
// counts the candidates that reproduce exactly the first m, and the
// recipes of those that reproduce all are returned. As nearly every
// candidate fails the first point, which candidates pass there is decided
// once per first-point value of the children (firstIndex), the right
// children that pass are looked up rather than scanned, and the second
// point is compared on the index's column before any candidate's whole
// vector is read. In a bank whose terms are sums over cells (bk.sums),
// the first point is the first cell and is decided the same way; a
// candidate that passes it is evaluated cell by cell, term by term, as
// far as its sums give the terms (matchSums1, matchSums2).
func (bk *bank) checkCandidates(b int, j job, target []dsl.Value, sc *checkScratch) []recipe {
	var rs []recipe
	t0 := target[0]
	// found counts a candidate that reproduces the first m points and
	// keeps it when that is all of them; called where it is defined, it
	// is inlined into the loops.
	found := func(m int, op dsl.Op, kids [3]int32, konst int64) {
		sc.matched[m]++
		if m == len(target) {
			rs = append(rs, recipe{op: op, kids: kids, konst: konst})
		}
	}
	switch {
	case j.op == dsl.OpIndex && j.b1 == b: // leaves and constants
		if bk.sums != nil {
			buf := make([]dsl.Value, bk.width) // few leaves: one buffer a job
			bk.leaves(b, buf, func(op dsl.Op, kids [3]int32, konst int64) {
				found(bk.matchSums(buf, target), op, kids, konst)
			})
			break
		}
		for _, l := range bk.vars {
			if l.bits == b {
				found(matchLen(bk.leafValues(l.op, l.lag), target), l.op, [3]int32{}, int64(l.lag))
			}
		}
		lo, hi := constRange(b)
		for c := lo; c < hi; c++ {
			m := 0
			for m < len(target) && target[m] == dsl.Value(c) {
				m++
			}
			found(m, dsl.OpConst, [3]int32{}, c)
		}
	case j.op.Func1():
		ix := bk.firstIndex(j.b1)
		sc.newJob(bk, j, len(ix.keys))
		for x := j.lo; x < j.hi; x++ {
			i := x - ix.lo
			if k := ix.keyOf[i]; !sc.passes1(j.op, k, ix.keys[k], t0) {
				continue
			}
			m := 1
			if bk.sums != nil {
				m = bk.matchSums1(j.op, bk.values(x), target)
			} else if len(target) > 1 && dsl.Apply1(j.op, ix.second[i]) == target[1] {
				m = matchLen1(j.op, bk.values(x), target)
			}
			found(m, j.op, [3]int32{x}, 0)
		}
	case j.op == dsl.OpCond:
		lo2, hi2 := bk.ids(j.b2)
		lo3, hi3 := bk.ids(j.b3)
		for c := j.lo; c < j.hi; c++ {
			c0 := bk.first0[c]
			if t0 != dsl.Undef {
				// The first point takes the then branch (c0 <= 0) or the
				// else branch, which must give t0; the other must be
				// defined, as must c0 (Select is strict).
				sc.pairs = bk.condHits(c0, t0, j.b2, j.b3, sc.pairs[:0])
				for _, xy := range sc.pairs {
					found(bk.matchCond(bk.values(c), bk.values(xy[0]), bk.values(xy[1]), target), dsl.OpCond, [3]int32{c, xy[0], xy[1]}, 0)
				}
				continue
			}
			for x := lo2; x < hi2; x++ {
				x0 := bk.first0[x]
				for y := lo3; y < hi3; y++ {
					if dsl.Select(c0, x0, bk.first0[y]) == t0 {
						found(bk.matchCond(bk.values(c), bk.values(x), bk.values(y), target), dsl.OpCond, [3]int32{c, x, y}, 0)
					}
				}
			}
		}
	case dsl.Ops[j.op].Loop:
		for x := j.lo; x < j.hi; x++ {
			found(matchLoop(j.op, bk.loop.values(x), bk.loop.rows[bk.first:], target), j.op, [3]int32{x}, 0)
		}
	default: // binary
		ix, iy := bk.firstIndex(j.b1), bk.firstIndex(j.b2)
		lo2, hi2 := bk.ids(j.b2)
		sym := dsl.Ops[j.op].Commutative && j.b1 == j.b2 // one order of two children
		sc.newJob(bk, j, len(ix.keys))
		for _, x := range sc.leftPassing(j, ix, iy, t0) {
			i := x - ix.lo
			keys := sc.passes2(j.op, ix.keyOf[i], ix.keys[ix.keyOf[i]], t0, iy)
			start := lo2
			if sym {
				start = x
			}
			hits := sc.collect(iy, keys, start, hi2)
			if bk.sums != nil {
				xv := bk.values(x)
				for _, y := range hits {
					found(bk.matchSums2(j.op, xv, bk.values(y), target), j.op, [3]int32{x, y}, 0)
				}
				continue
			}
			if len(target) == 1 {
				for _, y := range hits {
					found(1, j.op, [3]int32{x, y}, 0)
				}
				continue
			}
			// Those that fail the second point, on the index's column.
			sc.second = secondPoint(j.op, ix.second[i], target[1], iy, hits, sc.second[:0])
			sc.matched[1] += int64(len(hits) - len(sc.second))
			if len(sc.second) > 0 {
				xv := bk.values(x)
				for _, y := range sc.second {
					found(matchLen2(j.op, xv, bk.values(y), target), j.op, [3]int32{x, y}, 0)
				}
			}
		}
	}
	return rs
}

// leftPassing returns, in increasing order, the left children x of a
// binary job with which some right child passes the first point. When the
// job has more left children than their length has keys, it goes through
// the keys (most of which pass with nothing), else through the children.
func (sc *checkScratch) leftPassing(j job, ix, iy *firstIndex, t0 dsl.Value) []int32 {
	sc.xs = sc.xs[:0]
	if int(j.hi-j.lo) <= len(ix.keys) {
		for x := j.lo; x < j.hi; x++ {
			if k := ix.keyOf[x-ix.lo]; len(sc.passes2(j.op, k, ix.keys[k], t0, iy)) > 0 {
				sc.xs = append(sc.xs, x)
			}
		}
		return sc.xs
	}
	for k, x0 := range ix.keys {
		if len(sc.passes2(j.op, int32(k), x0, t0, iy)) > 0 {
			m := ix.members(int32(k))
			sc.xs = append(sc.xs, m[firstAtLeast(m, j.lo):firstAtLeast(m, j.hi)]...)
		}
	}
	slices.Sort(sc.xs)
	return sc.xs
}

// passes1 reports whether a unary operator gives t0 on the first-point
// value v of key k, deciding it once per job.
func (sc *checkScratch) passes1(op dsl.Op, k int32, v, t0 dsl.Value) bool {
	if sc.stamp[k] != sc.gen {
		sc.stamp[k] = sc.gen
		sc.ok[k] = dsl.Apply1(op, v) == t0
	}
	return sc.ok[k]
}

// passes2 returns the keys of the right child's index iy with which a
// binary operator gives t0 on the first-point value x0 of the left
// child's key k, deciding them once per job: those of the values that
// solve for the right operand when the operator table says how
// (dsl.OpInfo.Solve), they are few and the keys many, else every key that
// gives t0.
func (sc *checkScratch) passes2(op dsl.Op, k int32, x0, t0 dsl.Value, iy *firstIndex) []int32 {
	if sc.stamp[k] != sc.gen {
		sc.stamp[k] = sc.gen
		from := len(sc.pass)
		listed := false
		if solve := dsl.Ops[op].Solve; solve != nil && t0 != dsl.Undef && len(iy.keys) >= minSolveKeys {
			sc.ys, listed = solve(x0, t0, sc.ys[:0])
		}
		if listed {
			for _, y := range sc.ys {
				if ky := iy.find(y); ky >= 0 {
					sc.pass = append(sc.pass, ky)
				}
			}
		} else {
			sc.pass = passingKeys(op, x0, t0, iy.keys, sc.pass)
		}
		sc.from[k], sc.count[k] = int32(from), int32(len(sc.pass)-from)
	}
	return sc.pass[sc.from[k] : sc.from[k]+sc.count[k]]
}

// minSolveKeys is the fewest keys of the right child's length for which
// passes2 solves for them: trying fewer costs less than listing the
// divisors of a number, say.
const minSolveKeys = 64

// passingKeys appends to out the positions k of the values keys[k] = y
// with op(x0, y) = t0. The switch on the operator is outside the loops, so
// that each loop body is one inlined scalar operation.
func passingKeys(op dsl.Op, x0, t0 dsl.Value, keys []dsl.Value, out []int32) []int32 {
	switch op {
	case dsl.OpAdd:
		for k, y := range keys {
			if dsl.Add(x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	case dsl.OpSub:
		for k, y := range keys {
			if dsl.Sub(x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	case dsl.OpMul:
		for k, y := range keys {
			if dsl.Mul(x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	case dsl.OpDiv:
		for k, y := range keys {
			if dsl.Div(x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	case dsl.OpMod:
		for k, y := range keys {
			if dsl.Mod(x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	default:
		for k, y := range keys {
			if dsl.Apply2(op, x0, y) == t0 {
				out = append(out, int32(k))
			}
		}
	}
	return out
}

// collect returns, in increasing order, the ids from start to hi of the
// classes of iy's keys: one key's list directly, a few keys' merged, and
// for many keys a scan of the length's classes.
func (sc *checkScratch) collect(iy *firstIndex, keys []int32, start, hi int32) []int32 {
	if len(keys) == 1 {
		ids := iy.members(keys[0])
		return ids[firstAtLeast(ids, start):]
	}
	total := 0
	for _, k := range keys {
		total += len(iy.members(k))
	}
	sc.hits = sc.hits[:0]
	if total*8 < len(iy.keyOf) {
		for _, k := range keys {
			ids := iy.members(k)
			sc.hits = append(sc.hits, ids[firstAtLeast(ids, start):]...)
		}
		slices.Sort(sc.hits)
		return sc.hits
	}
	if len(sc.marked) < len(iy.keys) {
		sc.marked = make([]bool, len(iy.keys))
	}
	for _, k := range keys {
		sc.marked[k] = true
	}
	for y := start; y < hi; y++ {
		if sc.marked[iy.keyOf[y-iy.lo]] {
			sc.hits = append(sc.hits, y)
		}
	}
	for _, k := range keys {
		sc.marked[k] = false
	}
	return sc.hits
}

// secondPoint appends to out the ids y of hits (classes of iy's length)
// for which op(x1, y's value at the second point) is t1. The switch on the
// operator is outside the loops, so that each loop body is one inlined
// scalar operation.
func secondPoint(op dsl.Op, x1, t1 dsl.Value, iy *firstIndex, hits, out []int32) []int32 {
	col := iy.second
	switch op {
	case dsl.OpAdd:
		for _, y := range hits {
			if dsl.Add(x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	case dsl.OpSub:
		for _, y := range hits {
			if dsl.Sub(x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	case dsl.OpMul:
		for _, y := range hits {
			if dsl.Mul(x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	case dsl.OpDiv:
		for _, y := range hits {
			if dsl.Div(x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	case dsl.OpMod:
		for _, y := range hits {
			if dsl.Mod(x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	default:
		for _, y := range hits {
			if dsl.Apply2(op, x1, col[y-iy.lo]) == t1 {
				out = append(out, y)
			}
		}
	}
	return out
}

// firstAtLeast is the position of the first id at least start in ids
// (increasing).
func firstAtLeast(ids []int32, start int32) int {
	i, _ := slices.BinarySearch(ids, start)
	return i
}

// condHits appends to pairs, in order, the then and else branches x and y
// (of lengths b2 and b3) for which "if c <= 0 then x else y" gives t0 at
// the first point, where c's value is c0 and t0 is defined: the x whose
// value is t0 (looked up) with every defined y when c0 <= 0, every
// defined x with the y whose value is t0 otherwise, and none when c0 is
// undefined.
func (bk *bank) condHits(c0, t0 dsl.Value, b2, b3 int, pairs [][2]int32) [][2]int32 {
	switch {
	case c0 == dsl.Undef:
	case c0 <= 0:
		lo3, hi3 := bk.ids(b3)
		for _, x := range bk.firstIndex(b2).lookup(t0) {
			for y := lo3; y < hi3; y++ {
				if bk.first0[y] != dsl.Undef {
					pairs = append(pairs, [2]int32{x, y})
				}
			}
		}
	default:
		lo2, hi2 := bk.ids(b2)
		ys := bk.firstIndex(b3).lookup(t0)
		for x := lo2; x < hi2 && len(ys) > 0; x++ {
			if bk.first0[x] != dsl.Undef {
				for _, y := range ys {
					pairs = append(pairs, [2]int32{x, y})
				}
			}
		}
	}
	return pairs
}

// matchLen returns how many leading values of v equal the target's.
func matchLen(v, target []dsl.Value) int {
	m := 0
	for m < len(target) && v[m] == target[m] {
		m++
	}
	return m
}

// matchLen1 returns how many leading points of op(x) give the target; the
// first two are known to.
func matchLen1(op dsl.Op, x, target []dsl.Value) int {
	m := 2
	for m < len(target) && dsl.Apply1(op, x[m]) == target[m] {
		m++
	}
	return m
}

// matchLen2 returns how many leading points of op(x, y) give the target;
// the first two are known to. The switch on the operator is outside the
// loops, so that each loop body is one inlined scalar operation.
func matchLen2(op dsl.Op, x, y, target []dsl.Value) int {
	m, n := 2, len(target)
	x, y = x[:n], y[:n]
	switch op {
	case dsl.OpAdd:
		for m < n && dsl.Add(x[m], y[m]) == target[m] {
			m++
		}
	case dsl.OpSub:
		for m < n && dsl.Sub(x[m], y[m]) == target[m] {
			m++
		}
	case dsl.OpMul:
		for m < n && dsl.Mul(x[m], y[m]) == target[m] {
			m++
		}
	default:
		for m < n && dsl.Apply2(op, x[m], y[m]) == target[m] {
			m++
		}
	}
	return m
}

// matchCond returns how many leading points of "if c <= 0 then x else y"
// give the target; the first is known to (in a bank of cells, its sums
// over the cells do).
func (bk *bank) matchCond(c, x, y, target []dsl.Value) int {
	if bk.sums != nil {
		m := 1
		for ; m < len(target); m++ {
			acc := dsl.Value(0)
			for i := bk.sums[m]; i < bk.sums[m+1]; i++ {
				acc = dsl.Add(acc, dsl.Select(c[i], x[i], y[i]))
			}
			if acc != target[m] {
				break
			}
		}
		return m
	}
	m := 1
	for m < len(target) && dsl.Select(c[m], x[m], y[m]) == target[m] {
		m++
	}
	return m
}

// matchSums1 returns how many leading terms of the target the sums of
// op(x) over a bank's cells reproduce (the first is known to), evaluating
// the cells only as far as they match: most candidates fail at the
// second term, the sum of 2 cells.
func (bk *bank) matchSums1(op dsl.Op, x, target []dsl.Value) int {
	m := 1
	for ; m < len(target); m++ {
		acc := dsl.Value(0)
		for i := bk.sums[m]; i < bk.sums[m+1]; i++ {
			acc = dsl.Add(acc, dsl.Apply1(op, x[i]))
		}
		if acc != target[m] {
			break
		}
	}
	return m
}

// matchSums2 is matchSums1 for a binary operator, op(x, y).
func (bk *bank) matchSums2(op dsl.Op, x, y, target []dsl.Value) int {
	m := 1
	for ; m < len(target); m++ {
		acc := dsl.Value(0)
		for i := bk.sums[m]; i < bk.sums[m+1]; i++ {
			acc = dsl.Add(acc, dsl.Apply2(op, x[i], y[i]))
		}
		if acc != target[m] {
			break
		}
	}
	return m
}

// matchLoop returns how many leading points of a loop over body give the
// target: the sum (or product) over rows[j] .. rows[j+1]-1 at point j,
// computed only as far as it matches.
func matchLoop(op dsl.Op, body []dsl.Value, rows []int, target []dsl.Value) int {
	m := 0
	for ; m < len(target); m++ {
		if loopAt(op, body[rows[m]:rows[m+1]]) != target[m] {
			break
		}
	}
	return m
}
