package search

import (
	"context"
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
	// One tally of matched points per worker, not per job: with many
	// terms and many jobs, per-job tallies would not fit in memory.
	workers := e.workersFor(candidates)
	tallies := make(chan []int64, workers)
	for range workers {
		tallies <- make([]int64, len(e.t.terms)+1)
	}
	var cancelled atomic.Bool
	e.parallelN(workers, len(refs), func(i int) {
		if cancelled.Load() || ctx.Err() != nil {
			cancelled.Store(true)
			return
		}
		p := plans[refs[i].plan]
		m := <-tallies
		out[i] = e.checkJob(p.bk, p.b, p.jobs[refs[i].job], m)
		tallies <- m
	})
	close(tallies)
	if cancelled.Load() {
		e.stopped = StopCancelled
		return false
	}
	if e.lvl.Matched == nil {
		e.lvl.Matched = make([]int64, len(e.t.terms)+1)
	}
	for m := range tallies {
		for k, c := range m {
			e.lvl.Matched[k] += c
		}
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
// look up by their first-point value (the right children of operators
// with dsl.OpInfo.Solve, the branches of if) are indexed, before the
// workers start. A term
// that does not fit in int64 cannot be looked up: such jobs scan.
func (e *engine) indexChildren(p plan) {
	if e.t.small[p.bk.first] == dsl.Undef {
		return
	}
	for _, j := range p.jobs {
		switch {
		case j.op == dsl.OpCond:
			p.bk.firstIndex(j.b2)
			p.bk.firstIndex(j.b3)
		case dsl.Ops[j.op].Arity == 2 && dsl.Ops[j.op].Solve != nil:
			p.bk.firstIndex(j.b2)
		}
	}
}

// checkJob evaluates a job's candidates and returns the recipes of those
// that reproduce the terms. matched[m] counts the candidates that
// reproduce exactly their first m points' terms (m >= 1).
func (e *engine) checkJob(bk *bank, b int, j job, matched []int64) []recipe {
	return bk.checkCandidates(b, j, e.t.small[bk.first:bk.first+bk.width-1], matched, nil)
}

// checkCandidates is the skeleton of a checked job: it compares each of
// the job's candidates with the target, the terms at the bank's points,
// point by point, stopping at the first that differs; matched[m] counts
// the candidates that reproduce exactly the first m, and the recipes of
// those that reproduce all are appended to rs. As nearly every candidate
// fails the first point, the candidates of a binary operator are first
// sorted out there: the right children that can give the first term are
// looked up by their value (dsl.OpInfo.Solve, firstIndex) or found by
// streaming through the column of first points (firstPoint).
func (bk *bank) checkCandidates(b int, j job, target []dsl.Value, matched []int64, rs []recipe) []recipe {
	t0 := target[0]
	var pairs [][2]int32
	// found counts a candidate that reproduces the first m points and
	// keeps it when that is all of them; called where it is defined, it
	// is inlined into the loops.
	found := func(m int, op dsl.Op, kids [3]int32, konst int64) {
		matched[m]++
		if m == len(target) {
			rs = append(rs, recipe{op: op, kids: kids, konst: konst})
		}
	}
	switch {
	case j.op == dsl.OpIndex && j.b1 == b: // leaves and constants
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
		for x := j.lo; x < j.hi; x++ {
			if dsl.Apply1(j.op, bk.first0[x]) == t0 {
				found(matchLen1(j.op, bk.values(x), target), j.op, [3]int32{x}, 0)
			}
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
				for _, xy := range bk.condHits(c0, t0, j.b2, j.b3, pairs[:0]) {
					found(matchCond(bk.values(c), bk.values(xy[0]), bk.values(xy[1]), target), dsl.OpCond, [3]int32{c, xy[0], xy[1]}, 0)
				}
				continue
			}
			for x := lo2; x < hi2; x++ {
				x0 := bk.first0[x]
				for y := lo3; y < hi3; y++ {
					if dsl.Select(c0, x0, bk.first0[y]) == t0 {
						found(matchCond(bk.values(c), bk.values(x), bk.values(y), target), dsl.OpCond, [3]int32{c, x, y}, 0)
					}
				}
			}
		}
	case dsl.Ops[j.op].Loop:
		for x := j.lo; x < j.hi; x++ {
			found(matchLoop(j.op, bk.loop.values(x), bk.loop.rows[bk.first:], target), j.op, [3]int32{x}, 0)
		}
	default: // binary
		lo2, hi2 := bk.ids(j.b2)
		var hits []int32
		sym := dsl.Ops[j.op].Commutative && j.b1 == j.b2 // one order of two children
		var index *firstIndex
		if dsl.Ops[j.op].Solve != nil && t0 != dsl.Undef {
			index = bk.firstIndex(j.b2)
		}
		for x := j.lo; x < j.hi; x++ {
			start := lo2
			if sym {
				start = x
			}
			hits = bk.firstHits(j.op, bk.first0[x], t0, index, start, hi2, hits[:0])
			xv := bk.values(x)
			for _, i := range hits {
				y := start + i
				found(matchLen2(j.op, xv, bk.values(y), target), j.op, [3]int32{x, y}, 0)
			}
		}
	}
	return rs
}

// firstHits appends to hits the positions i of the classes y = start+i
// (up to hi) that pass the first point as the right child of op with left
// value x0: op(x0, y's value there) = t0. With an index of their length,
// they are looked up; without one, or when every y would do, the column
// of first points is scanned.
func (bk *bank) firstHits(op dsl.Op, x0, t0 dsl.Value, index *firstIndex, start, hi int32, hits []int32) []int32 {
	if index != nil {
		switch y0, n := dsl.Ops[op].Solve(x0, t0); n {
		case dsl.NoSolution:
			return hits
		case dsl.OneSolution:
			for _, y := range index.lookup(y0) {
				if y >= start {
					hits = append(hits, y-start)
				}
			}
			return hits
		}
	}
	return firstPoint(op, x0, t0, bk.first0[start:hi], hits)
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
// first is known to.
func matchLen1(op dsl.Op, x, target []dsl.Value) int {
	m := 1
	for m < len(target) && dsl.Apply1(op, x[m]) == target[m] {
		m++
	}
	return m
}

// matchLen2 returns how many leading points of op(x, y) give the target;
// the first is known to. The switch on the operator is outside the loops,
// so that each loop body is one inlined scalar operation.
func matchLen2(op dsl.Op, x, y, target []dsl.Value) int {
	m, n := 1, len(target)
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
	case dsl.OpDiv:
		for m < n && dsl.Div(x[m], y[m]) == target[m] {
			m++
		}
	case dsl.OpMod:
		for m < n && dsl.Mod(x[m], y[m]) == target[m] {
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
// give the target; the first is known to.
func matchCond(c, x, y, target []dsl.Value) int {
	m := 1
	for m < len(target) && dsl.Select(c[m], x[m], y[m]) == target[m] {
		m++
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

// firstPoint appends to hits the positions i where op(x0, col[i]) equals
// t0: the candidates that survive the first point. col holds the classes'
// values at the first point, contiguously, so this loop — where checked
// levels spend their time — streams through memory with the scalar
// operation inlined.
func firstPoint(op dsl.Op, x0, t0 dsl.Value, col []dsl.Value, hits []int32) []int32 {
	switch op {
	case dsl.OpAdd:
		for i, y0 := range col {
			if dsl.Add(x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	case dsl.OpSub:
		for i, y0 := range col {
			if dsl.Sub(x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	case dsl.OpMul:
		for i, y0 := range col {
			if dsl.Mul(x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	case dsl.OpDiv:
		for i, y0 := range col {
			if dsl.Div(x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	case dsl.OpMod:
		for i, y0 := range col {
			if dsl.Mod(x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	default:
		for i, y0 := range col {
			if dsl.Apply2(op, x0, y0) == t0 {
				hits = append(hits, int32(i))
			}
		}
	}
	return hits
}
