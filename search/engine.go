package search

import (
	"context"
	"math/big"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/seqpredict/seqpredict/dsl"
)

// bank enumerates the bodies of one shape (or, for the loop bank, the
// bodies of sum and prod) bottom-up, one length at a time, keeping one
// class per distinct vector of values at its points.
type bank struct {
	*store
	g     dsl.Grammar
	vars  []leafSpec // g's non-constant leaves
	shape shape
	main  bool // a program body, not a loop body
	fixed int  // main banks: the shape's header and initial-term bits
	first int  // main banks: the index of the first point (the order)

	// Leaf vectors: the index n, k and a(n-1) .. a(n-order) at each point
	// (main banks), n and k at each grid cell (the loop bank).
	index []dsl.Value
	prev  [dsl.MaxOrder][]dsl.Value
	k     []dsl.Value

	loop *bank // main banks: the loop-body bank of the same offset
	rows []int // loop bank: rows[i] is the first grid cell of point i

	// points is the number of a main bank's points: the terms after the
	// initial ones and the next term. Its values are at those points,
	// or, for a kind whose terms are sums of the body over cells (a
	// divisor sum, dsl.BodySpec.Cells), at the cells, and sums[j] is the
	// first cell of point j (sums[points] = width).
	points int
	sums   []int

	// definedLo..definedHi are the positions where a value must be defined
	// for the class to be of any use (see doc.go, "Pruning").
	definedLo, definedHi int
}

// engine holds the banks of one search.
type engine struct {
	ctx     context.Context // read by the exact checks, which can be slow
	t       target
	opts    Options
	main    []*bank
	loops   [2]*bank // by offset, built on first use
	res     *Result
	lvl     *Level
	stopped Stopped

	interrupted      bool    // an exact check was skipped: ctx is done
	checkOnly        bool    // levels are checked, no longer stored
	literalBits      int     // the terms written out (dsl.LiteralBits)
	patternBits      int     // the shortest known program shorter than literalBits (0: none)
	storeFull        Stopped // the budget that ended storing
	storedCandidates int64
	index            []dsl.Value // 0, 1, 2, ...: the banks' n, shared
	fixedBytes       int64       // leaf vectors, beside the stores

	poolMu sync.Mutex
	pool   [][]recipe // recycled recipe buffers
}

// Search runs the fast program search: a bottom-up enumeration with
// observational equivalence (see doc.go). Its result agrees with
// Reference's on the distribution of next terms; it keeps only the shortest
// program of each behaviour.
func Search(ctx context.Context, terms []*big.Int, opts Options) (*Result, error) {
	if len(terms) == 0 {
		return nil, ErrNoTerms
	}
	return run(ctx, terms, opts.withDefaults(), shapes(len(terms)))
}

// run searches the bodies of the given shapes.
func run(ctx context.Context, terms []*big.Int, opts Options, shapes []shape) (*Result, error) {
	opts.MaxMemory -= TermBytes * int64(len(terms)) // see StoreBudget
	e := &engine{ctx: ctx, t: newTarget(terms), opts: opts, res: &Result{Stopped: StopMaxBits}}
	e.literalBits = dsl.LiteralBits(terms)
	if e.opts.KnownBits > 0 && e.opts.KnownBits < e.literalBits {
		e.patternBits = e.opts.KnownBits
	}
	for _, s := range shapes {
		e.main = append(e.main, e.newMainBank(s))
	}
	e.run(ctx)
	return e.res, nil
}

func (e *engine) newMainBank(s shape) *bank {
	n := len(e.t.terms)
	width := n + 1 - s.order
	if s.body.Cells != nil {
		// Its store and cells wait for its first use (ensureCells).
		return &bank{g: s.g, vars: leaves(s.g), shape: s, main: true,
			fixed: s.fixedBits(e.t.terms), first: s.order, points: width}
	}
	b := &bank{store: newStore(width), g: s.g, vars: leaves(s.g), shape: s, main: true,
		fixed: s.fixedBits(e.t.terms), first: s.order, points: width}
	if !e.t.big {
		b.definedHi = width - 1 // every given term's point; not the next one
	}
	// The points: where the kind evaluates the body for each term after
	// the initial ones (n = offset + i, or a triangle's row and column).
	// Consecutive indices without k (closed forms, recurrences) are a
	// window of the shared 0, 1, 2, ...; other points are the bank's own.
	first := s.offset + s.order
	if !s.g.K && consecutive(s.body.Point, s.offset, s.order, width) {
		b.index = e.indices(first + width)[first:]
	} else {
		b.index = make([]dsl.Value, width)
		e.fixedBytes += 8 * int64(width)
		if s.g.K {
			b.k = make([]dsl.Value, width)
			e.fixedBytes += 8 * int64(width)
		}
		for j := range width {
			n, k := s.body.Point(s.offset, s.order+j)
			b.index[j] = n
			if s.g.K {
				b.k[j] = k
			}
		}
	}
	for lag := 1; lag <= s.order; lag++ {
		// a(n-lag) at each point: a window of the terms, shared.
		b.prev[lag-1] = e.t.small[s.order-lag : s.order-lag+width : s.order-lag+width]
	}
	return b
}

// ensureCells builds, on its first use, the store and the cells of a
// main bank whose terms are sums of the body over cells
// (dsl.BodySpec.Cells): its values are at every cell of the given terms
// and of the next one, point after point (about N*ln(N) cells for the
// divisors of 1..N). When the cells and a first class would not fit in
// MaxMemory (a hundred thousand terms), it returns false and the search
// stops there, as it does where sum and prod would start.
func (e *engine) ensureCells(bk *bank) bool {
	s := bk.shape
	if s.body.Cells == nil || bk.store != nil {
		return true
	}
	var k []dsl.Value
	cells := 0
	for j := range bk.points {
		_, k = s.body.Cells(s.offset, s.order+j, k[:0])
		cells += len(k)
	}
	if e.memory()+3*8*int64(cells) > e.opts.MaxMemory {
		e.stopped = StopMemory
		return false
	}
	sums := make([]int, bk.points+1)
	index, k := make([]dsl.Value, 0, cells), make([]dsl.Value, 0, cells)
	for j := range bk.points {
		sums[j] = len(k)
		var n dsl.Value
		n, k = s.body.Cells(s.offset, s.order+j, k)
		for len(index) < len(k) {
			index = append(index, n)
		}
	}
	sums[bk.points] = len(k)
	if sums[1] != 1 {
		// The first point's value screens the candidates (firstPoint).
		panic("search: the first term of a " + s.kind.String() + " is not one cell")
	}
	e.fixedBytes += 8 * int64(len(index)+len(k)+len(sums))
	bk.store, bk.sums, bk.index, bk.k = newStore(len(k)), sums, index, k
	if !e.t.big {
		bk.definedHi = sums[bk.points-1] // every given term's cells; not the next one's
	}
	return true
}

// consecutive reports whether a kind's points for terms order ..
// order+width-1 are the indices offset+order, offset+order+1, ...
func consecutive(point func(offset, i int) (n, k dsl.Value), offset, order, width int) bool {
	for j := range width {
		if n, _ := point(offset, order+j); n != dsl.Value(offset+order+j) {
			return false
		}
	}
	return true
}

// indices returns the values 0, 1, ..., n-1, shared by the banks (which
// only read them).
func (e *engine) indices(n int) []dsl.Value {
	if len(e.index) < n {
		e.fixedBytes += 8 * int64(n-len(e.index))
		e.index = make([]dsl.Value, n)
		for i := range e.index {
			e.index[i] = dsl.Value(i)
		}
	}
	return e.index[:n:n]
}

// loopBank returns the loop-body bank for an offset: its points are the
// cells (n, k), k = 1..n, for every index n of the data and the next term.
// Their number grows with the square of the number of terms; when the
// bank's leaves and a first class would not fit in MaxMemory, it returns
// nil.
func (e *engine) loopBank(offset int) *bank {
	if e.loops[offset] != nil {
		return e.loops[offset]
	}
	n := len(e.t.terms)
	cells := int64(n+1)*int64(offset) + int64(n)*int64(n+1)/2
	if e.memory()+3*8*cells > e.opts.MaxMemory {
		return nil
	}
	e.fixedBytes += 2 * 8 * cells
	rows := make([]int, n+2)
	index, k := make([]dsl.Value, 0, cells), make([]dsl.Value, 0, cells)
	for i := 0; i <= n; i++ {
		rows[i] = len(index)
		nv := offset + i
		for kv := 1; kv <= nv; kv++ {
			index = append(index, dsl.Value(nv))
			k = append(k, dsl.Value(kv))
		}
	}
	rows[n+1] = len(index)
	b := &bank{store: newStore(len(index)), g: dsl.LoopBody, vars: leaves(dsl.LoopBody), index: index, k: k, rows: rows}
	if !e.t.big && n > dsl.MaxOrder {
		// Rows below MaxOrder may be needed only by shapes that skip them.
		b.definedLo, b.definedHi = rows[dsl.MaxOrder], rows[n]
	}
	e.loops[offset] = b
	return b
}

func (e *engine) run(ctx context.Context) {
	best := -1
	if e.opts.KnownBits > 0 {
		best = e.opts.KnownBits
	}
	for B := 1; B <= e.opts.MaxBits; B++ {
		e.lvl = &Level{Bits: B}
		start := time.Now()
		if !e.level(ctx, B) {
			break
		}
		e.lvl.Elapsed = time.Since(start)
		e.lvl.StoreBytes = e.memory()
		e.res.Levels = append(e.res.Levels, *e.lvl)
		e.res.Candidates += e.lvl.Candidates
		e.res.Distinct += e.lvl.Distinct
		e.res.CompleteBits = B
		if len(e.res.Found) > 0 && (best < 0 || B < best) {
			best = B
		}
		if best >= 0 && B >= best+e.opts.Margin {
			e.res.Stopped = StopMargin
			return
		}
		if e.memory() > e.opts.MaxMemory {
			e.res.Stopped = StopMemory
			return
		}
	}
	if e.stopped != "" {
		e.res.Stopped = e.stopped
	}
}

// level builds every bank's classes of total program length B. It returns
// false when a budget stops the search before the level is complete.
//
// Levels are stored (their classes kept for building longer programs)
// while the store fits the budgets; after that the search goes on in
// check-only mode (see doc.go), which stays complete up to checkReach bits
// past the deepest stored level.
func (e *engine) level(ctx context.Context, B int) bool {
	if !e.checkOnly {
		ok, full := e.storedLevel(ctx, B)
		if !full {
			return ok
		}
		e.checkOnly = true
	}
	return e.checkLevel(ctx, B)
}

// checkReach is how far past its deepest stored level a bank can check
// programs completely: the cheapest operator (3 bits) with a 3-bit leaf
// as one child leaves the other child 6 bits shorter than the whole.
const checkReach = 6

// storeShare: levels are stored while the candidates of the stored levels
// stay within the program budget/storeShare. Stored candidates cost ten to twenty
// times more than checked ones, so this keeps the store's share of the time
// bounded and leaves the rest of the budget for cheap checking.
const storeShare = 16

// storedLevel builds length B in stored mode. full reports that it should
// not be stored (a budget would be exceeded), in which case nothing was done
// to the main banks.
func (e *engine) storedLevel(ctx context.Context, B int) (ok, full bool) {
	var plans []plan
	var total, survivors int64
	for _, bk := range e.main {
		b := B - bk.fixed
		if b < minExprBits {
			continue
		}
		if !e.ensureCells(bk) || !e.ensureLoops(ctx, bk, b) {
			return false, false
		}
		p := e.plan(bk, b, false)
		total += p.candidates
		survivors += bk.mergeBytes(int(float64(p.candidates) * e.survivalRate()))
		plans = append(plans, p)
	}
	if e.storedCandidates+total > e.budget()/storeShare {
		e.storeFull = StopMaxPrograms
		return false, true
	}
	if e.memory()+survivors > e.opts.MaxMemory {
		e.storeFull = StopMemory
		return false, true
	}
	for _, p := range plans {
		p.bk.closeLevel(p.b - 1)
		if !e.execute(ctx, p) {
			if e.stopped == StopMemory {
				// More survivors than estimated: check this length
				// instead (banks already done are checked again, which
				// only repeats their finds).
				e.stopped, e.storeFull = "", StopMemory
				return false, true
			}
			return false, false
		}
	}
	e.storedCandidates += total
	return true, false
}

// budget is the program budget in force for the current length B:
// MaxPrograms while no pattern is known, and the smaller PatternPrograms
// once a pattern is known whose length is within Margin of B, so that the
// search is only looking for competing explanations of about its length.
// A pattern beyond that (a fitter's long program, which may barely beat the
// terms written out) leaves FarPrograms (default MaxPrograms/farPatternShare):
// a shorter explanation is still worth a good part of the search.
func (e *engine) budget() int64 {
	pattern := min(e.opts.MaxPrograms, e.opts.PatternPrograms)
	switch {
	case e.patternBits == 0:
		return e.opts.MaxPrograms
	case e.patternBits <= e.lvl.Bits+e.opts.Margin:
		return pattern
	}
	return max(pattern, min(e.opts.MaxPrograms, e.opts.FarPrograms))
}

// farPatternShare divides the program budget while the only known pattern
// is more than Margin bits beyond the search (the default FarPrograms). Measured on the OEIS sample
// of make eval: the full budget there gains one sequence over the pattern
// budget at 40% more time; a quarter gains the same at 17%.
const farPatternShare = 4

// survivalRate estimates the share of candidates that become classes, from
// the last two stored levels (the share alternates between odd and even
// lengths; 1 before there are any, to be safe).
func (e *engine) survivalRate() float64 {
	rate := 0.0
	for i := max(0, len(e.res.Levels)-2); i < len(e.res.Levels); i++ {
		if l := e.res.Levels[i]; l.Candidates > 0 && !l.CheckOnly {
			rate = max(rate, float64(l.Distinct)/float64(l.Candidates))
		}
	}
	if rate == 0 {
		return 1
	}
	return rate
}

// ensureLoops builds the loop-body bank of bk's offset up to what length b
// of bk needs.
func (e *engine) ensureLoops(ctx context.Context, bk *bank, b int) bool {
	need := min(b-dsl.Ops[dsl.OpSum].Bits, maxLoopBody)
	if need < minExprBits || !bk.g.Loops { // triangles have no loops
		return true
	}
	if bk.loop == nil {
		if bk.loop = e.loopBank(bk.shape.offset); bk.loop == nil {
			e.stopped = StopMemory // no room for sum and prod: cut short here
			return false
		}
	}
	for bk.loop.levels() <= need {
		if !e.build(ctx, bk.loop, bk.loop.levels()) {
			return false
		}
	}
	return true
}

// checkLevel checks every program of total length B against the terms
// without storing anything.
func (e *engine) checkLevel(ctx context.Context, B int) bool {
	e.lvl.CheckOnly = true
	var plans []plan
	var total int64
	for _, bk := range e.main {
		b := B - bk.fixed
		if b < minExprBits {
			continue
		}
		if !e.ensureCells(bk) {
			return false
		}
		if b-checkReach >= minExprBits && bk.levels() <= b-checkReach {
			// Children this long were never stored: the level would be
			// incomplete.
			e.stopped = e.storeFull
			return false
		}
		if !e.ensureLoops(ctx, bk, b) {
			return false
		}
		p := e.plan(bk, b, true)
		total += p.candidates
		plans = append(plans, p)
	}
	if e.res.Candidates+e.lvl.Candidates+total > e.budget() {
		e.stopped = StopMaxPrograms
		return false
	}
	return e.executeCheck(ctx, plans)
}

// build stores length b of a bank (the loop bank).
func (e *engine) build(ctx context.Context, bk *bank, b int) bool {
	p := e.plan(bk, b, false)
	bk.closeLevel(b - 1)
	if e.res.Candidates+e.lvl.Candidates+p.candidates > e.budget() {
		e.stopped = StopMaxPrograms
		return false
	}
	return e.execute(ctx, p)
}

// memory is what the search holds: the stores and the leaf vectors.
func (e *engine) memory() int64 {
	m := e.fixedBytes
	for _, bk := range e.main {
		if bk.store != nil { // a bank of cells waiting for its first use
			m += bk.bytes()
		}
	}
	for _, bk := range e.loops {
		if bk != nil {
			m += bk.bytes()
		}
	}
	return m
}

// job is a slice of one level's work: one operator and one split of the
// length among the children, for a range of first-child ids.
type job struct {
	op         dsl.Op
	b1, b2, b3 int   // children lengths (b3: the else branch of if)
	lo, hi     int32 // range of first-child ids
	n          int64 // candidates in this job
}

// plan is the list of jobs that builds length b of a bank.
type plan struct {
	bk         *bank
	b          int
	checkOnly  bool
	jobs       []job
	candidates int64
}

// jobSize is how many candidates a job aims at: large enough to amortise
// scheduling, small enough to balance the workers.
const jobSize = 1 << 14

// jobCells bounds the values a stored job computes (candidates times
// points), so that a search of many terms still notices a cancellation
// within milliseconds: a job is the unit between two looks at the context.
// Up to 32 points it is jobSize that binds, as before.
const jobCells = jobSize * 32

func (e *engine) plan(bk *bank, b int, checkOnly bool) plan {
	p := plan{bk: bk, b: b, checkOnly: checkOnly}
	add := func(j job, perFirst int64) {
		if j.hi <= j.lo || perFirst == 0 {
			return
		}
		step := int32(max(1, jobSize/perFirst))
		if !checkOnly { // a stored candidate costs its width: keep jobs short
			step = min(step, int32(max(1, jobCells/(perFirst*int64(bk.width)))))
		}
		for lo := j.lo; lo < j.hi; lo += step {
			jj := j
			jj.lo, jj.hi = lo, min(j.hi, lo+step)
			jj.n = int64(jj.hi-jj.lo) * perFirst
			if dsl.Ops[j.op].Commutative && j.b1 == j.b2 {
				jj.n = 0
				for x := jj.lo; x < jj.hi; x++ {
					jj.n += int64(j.hi - x)
				}
			}
			p.jobs = append(p.jobs, jj)
			p.candidates += jj.n
		}
	}
	size := func(b int) int64 { lo, hi := bk.ids(b); return int64(hi - lo) }
	// Leaves and constants: one job, marked by op = OpIndex.
	leaves := int64(0)
	for _, l := range bk.vars {
		if l.bits == b {
			leaves++
		}
	}
	clo, chi := constRange(b)
	leaves += chi - clo
	if leaves > 0 {
		p.jobs = append(p.jobs, job{op: dsl.OpIndex, b1: b, n: leaves})
		p.candidates += leaves
	}
	for _, op := range dsl.Funcs1 {
		b1 := b - dsl.Ops[op].Bits
		lo, hi := bk.ids(b1)
		add(job{op: op, b1: b1, lo: lo, hi: hi}, 1)
	}
	for _, op := range dsl.Funcs2 {
		rest := b - dsl.Ops[op].Bits
		for b1 := minExprBits; b1 <= rest-minExprBits; b1++ {
			b2 := rest - b1
			if dsl.Ops[op].Commutative && b1 > b2 {
				continue
			}
			lo, hi := bk.ids(b1)
			add(job{op: op, b1: b1, b2: b2, lo: lo, hi: hi}, size(b2))
		}
	}
	rest := b - dsl.Ops[dsl.OpCond].Bits
	for b1 := minExprBits; b1 <= rest-2*minExprBits; b1++ {
		for b2 := minExprBits; b1+b2 <= rest-minExprBits; b2++ {
			b3 := rest - b1 - b2
			lo, hi := bk.ids(b1)
			add(job{op: dsl.OpCond, b1: b1, b2: b2, b3: b3, lo: lo, hi: hi}, size(b2)*size(b3))
		}
	}
	if bk.loop != nil {
		for _, op := range dsl.Loops {
			b1 := b - dsl.Ops[op].Bits
			if b1 > maxLoopBody {
				continue
			}
			lo, hi := bk.loop.ids(b1)
			add(job{op: op, b1: b1, lo: lo, hi: hi}, 1)
		}
	}
	return p
}

// recipe is how to rebuild a candidate: its operator, children and
// constant, and the hash of its values.
type recipe struct {
	op    dsl.Op
	kids  [3]int32
	konst int64
	hash  uint64
}

// execute runs a plan. First the jobs run in parallel: each worker reads
// the store (which nobody writes meanwhile) and keeps the recipes of the
// candidates whose values no shorter class has. Then the survivors are
// re-evaluated and added in job order, which removes duplicates among them
// and makes the result independent of the number of workers.
func (e *engine) execute(ctx context.Context, p plan) bool {
	bk, w := p.bk, p.bk.width
	out := make([][]recipe, len(p.jobs))
	var next atomic.Int64
	var cancelled atomic.Bool
	var wg sync.WaitGroup
	workers := min(e.workersFor(p.candidates), max(1, len(p.jobs)))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]dsl.Value, w)
			for {
				i := int(next.Add(1) - 1)
				if i >= len(p.jobs) || cancelled.Load() {
					return
				}
				if ctx.Err() != nil {
					cancelled.Store(true)
					return
				}
				out[i] = e.runJob(bk, p.b, p.jobs[i], buf, e.recipes())
			}
		}()
	}
	wg.Wait()
	if cancelled.Load() {
		e.stopped = StopCancelled
		return false
	}
	var pending int
	for _, rs := range out {
		pending += len(rs)
	}
	if e.memory()+bk.mergeBytes(pending) > e.opts.MaxMemory || bk.count()+pending > maxClasses {
		e.stopped = StopMemory
		return false
	}
	e.merge(bk, p.b, out, pending)
	bk.closeLevel(p.b)
	if e.interrupted {
		e.stopped = StopCancelled
		return false
	}
	e.lvl.Candidates += p.candidates
	return true
}

// mergeBytes bounds what pending survivors add to the memory while they
// are merged: their recipes (the jobs' and the merged list), their values
// deduplicated per partition, their slots in the store's table, and the
// store's growth to take them (the open chunk copied into a larger one,
// the classes' slices moved).
func (bk *bank) mergeBytes(pending int) int64 {
	const recipeBytes = int64(unsafe.Sizeof(recipe{}))
	return int64(pending)*(2*recipeBytes+4+8*int64(bk.width)+8) + bk.growBytes(pending)
}

// merge adds the survivors of a level to the store in job order, dropping
// those whose values are already there. Each hash partition is
// deduplicated by its own worker; then the winners are appended in order
// (so ids do not depend on the number of workers) and indexed, again one
// partition per worker.
func (e *engine) merge(bk *bank, b int, out [][]recipe, pending int) {
	w := bk.width
	recs := make([]recipe, 0, pending)
	for _, rs := range out {
		recs = append(recs, rs...)
		e.recycle(rs)
	}
	slot := make([]int32, len(recs)) // winners: index into their partition's values, else -1
	vals := make([][]dsl.Value, numParts)
	e.parallelN(e.workersFor(int64(len(recs))*8), numParts, func(part int) {
		var seen hashSet
		seen.init(1 << 8)
		n := 0
		for _, r := range recs {
			if partOf(r.hash) == part {
				n++
			}
		}
		mine := make([]dsl.Value, 0, n*w)
		buf := make([]dsl.Value, w)
		for i, r := range recs {
			if partOf(r.hash) != part {
				continue
			}
			slot[i] = -1
			bk.eval(r, buf)
			if bk.find(buf, r.hash) >= 0 {
				continue
			}
			n := int32(len(mine) / w)
			same := func(j int32) bool { return equal(mine[int(j)*w:int(j+1)*w], buf) }
			if seen.find(r.hash, same) >= 0 {
				continue
			}
			mine = append(mine, buf...)
			seen.insert(r.hash, n, func(j int32) uint64 { return hashValues(mine[int(j)*w : int(j+1)*w]) })
			slot[i] = n
		}
		vals[part] = mine
	})
	winners := 0
	for _, s := range slot {
		if s >= 0 {
			winners++
		}
	}
	bk.reserve(winners)
	first := int32(bk.count())
	for i, r := range recs {
		if s := slot[i]; s >= 0 {
			v := vals[partOf(r.hash)][int(s)*w : int(s+1)*w]
			id := bk.append(r.op, r.kids, r.konst, v, r.hash)
			e.lvl.Distinct++
			if bk.main {
				e.check(bk, id, b)
			}
		}
	}
	last := int32(bk.count())
	e.parallelN(e.workersFor(int64(last-first)*8), numParts, func(part int) { bk.indexRange(part, first, last) })
}

// minParallel is the work (in stored candidates or their equivalent) below
// which a step runs on one goroutine: starting workers for less costs more
// than it saves, and most lengths of a short search are that small.
const minParallel = 1 << 15

// workersFor returns how many workers a step of the given work deserves.
func (e *engine) workersFor(work int64) int {
	if work < minParallel {
		return 1
	}
	return e.opts.Workers
}

// parallelN runs f(0..n-1) on up to workers goroutines (inline for one).
func (e *engine) parallelN(workers, n int, f func(int)) {
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}

// recipes returns an empty recipe buffer, reusing a recycled one.
func (e *engine) recipes() []recipe {
	e.poolMu.Lock()
	defer e.poolMu.Unlock()
	if n := len(e.pool); n > 0 {
		rs := e.pool[n-1]
		e.pool = e.pool[:n-1]
		return rs[:0]
	}
	return make([]recipe, 0, 1024)
}

func (e *engine) recycle(rs []recipe) {
	e.poolMu.Lock()
	e.pool = append(e.pool, rs)
	e.poolMu.Unlock()
}

// eval computes a recipe's values into buf.
func (bk *bank) eval(r recipe, buf []dsl.Value) {
	k := r.kids
	switch r.op {
	case dsl.OpConst:
		for i := range buf {
			buf[i] = dsl.Value(r.konst)
		}
	case dsl.OpIndex, dsl.OpLoopVar, dsl.OpPrev1, dsl.OpPrev2, dsl.OpPrev3, dsl.OpPrevK:
		copy(buf, bk.leafValues(r.op, int(r.konst)))
	case dsl.OpCond:
		applyCond(buf, bk.values(k[0]), bk.values(k[1]), bk.values(k[2]))
	case dsl.OpSum, dsl.OpProd:
		applyLoop(r.op, buf, bk.loop.values(k[0]), bk.loop.rows, bk.first)
	default:
		if r.op.Func1() {
			apply1(r.op, buf, bk.values(k[0]))
		} else {
			apply2(r.op, buf, bk.values(k[0]), bk.values(k[1]))
		}
	}
}

// runJob evaluates a job's candidates into buf and appends to rs the
// recipes of those whose values are new to the store.
func (e *engine) runJob(bk *bank, b int, j job, buf []dsl.Value, rs []recipe) []recipe {
	return bk.candidates(b, j, buf, nil, nil, rs)
}

// candidates is the skeleton of every job: it evaluates the job's
// candidates into buf, one after another, and appends to rs the recipes
// of those worth keeping. On a stored level (target nil) those are the
// candidates new to the store. On a check-only level they are those that
// reproduce the target, the terms at the bank's points, and matched[m]
// counts the candidates that reproduce exactly the first m; as nearly
// every candidate fails the first point, each one's value there is first
// compared with the first term, in scalar form or streaming through the
// column of first points (firstPoint), and only those that match are
// evaluated in full.
func (bk *bank) candidates(b int, j job, buf, target []dsl.Value, matched []int64, rs []recipe) []recipe {
	check := target != nil
	var t0 dsl.Value
	if check {
		t0 = target[0]
	}
	// The two ways of keeping a candidate are two closures called where
	// they are defined, which the compiler inlines into the loops (one
	// closure for both, or a function parameter, would cost a call per
	// candidate).
	keep := func(op dsl.Op, kids [3]int32, konst int64) {
		// Keep it if it is defined where it must be and new to the store.
		for _, v := range buf[bk.definedLo:bk.definedHi] {
			if v == dsl.Undef {
				return
			}
		}
		h := hashValues(buf)
		if bk.find(buf, h) >= 0 {
			return
		}
		rs = append(rs, recipe{op: op, kids: kids, konst: konst, hash: h})
	}
	full := func(op dsl.Op, kids [3]int32, konst int64) {
		// Keep it if it reproduces the terms.
		m := 0
		if bk.sums == nil {
			for m < len(target) && buf[m] == target[m] {
				m++
			}
		} else {
			m = bk.matchSums(buf, target)
		}
		matched[m]++
		if m == len(target) {
			rs = append(rs, recipe{op: op, kids: kids, konst: konst})
		}
	}
	switch {
	case j.op == dsl.OpIndex && j.b1 == b: // leaves and constants
		if check {
			bk.leaves(b, buf, full)
		} else {
			bk.leaves(b, buf, keep)
		}
	case j.op.Func1():
		for x := j.lo; x < j.hi; x++ {
			xv := bk.values(x)
			if !check {
				apply1(j.op, buf, xv)
				keep(j.op, [3]int32{x}, 0)
			} else if dsl.Apply1(j.op, xv[0]) == t0 {
				apply1(j.op, buf, xv)
				full(j.op, [3]int32{x}, 0)
			}
		}
	case j.op == dsl.OpCond:
		lo2, hi2 := bk.ids(j.b2)
		lo3, hi3 := bk.ids(j.b3)
		for c := j.lo; c < j.hi; c++ {
			cv := bk.values(c)
			for x := lo2; x < hi2; x++ {
				xv := bk.values(x)
				for y := lo3; y < hi3; y++ {
					yv := bk.values(y)
					if !check {
						applyCond(buf, cv, xv, yv)
						keep(dsl.OpCond, [3]int32{c, x, y}, 0)
					} else if dsl.Select(cv[0], xv[0], yv[0]) == t0 {
						applyCond(buf, cv, xv, yv)
						full(dsl.OpCond, [3]int32{c, x, y}, 0)
					}
				}
			}
		}
	case dsl.Ops[j.op].Loop:
		for x := j.lo; x < j.hi; x++ {
			applyLoop(j.op, buf, bk.loop.values(x), bk.loop.rows, bk.first)
			if check {
				full(j.op, [3]int32{x}, 0)
			} else {
				keep(j.op, [3]int32{x}, 0)
			}
		}
	default: // binary
		lo2, hi2 := bk.ids(j.b2)
		var hits []int32
		sym := dsl.Ops[j.op].Commutative && j.b1 == j.b2 // one order of two children
		for x := j.lo; x < j.hi; x++ {
			xv := bk.values(x)
			start := lo2
			if sym {
				start = x
			}
			if !check {
				for y := start; y < hi2; y++ {
					apply2(j.op, buf, xv, bk.values(y))
					keep(j.op, [3]int32{x, y}, 0)
				}
				continue
			}
			hits = firstPoint(j.op, xv[0], t0, bk.first0[start:hi2], hits[:0])
			for _, i := range hits {
				y := start + i
				apply2(j.op, buf, xv, bk.values(y))
				full(j.op, [3]int32{x, y}, 0)
			}
		}
	}
	return rs
}

// leaves evaluates into buf, in turn, every leaf of length b — n, k,
// a(n-i) and the constants — and calls emit for each (the recipe's
// constant field holds the lag of a(n-i) or the constant's value).
func (bk *bank) leaves(b int, buf []dsl.Value, emit func(op dsl.Op, kids [3]int32, konst int64)) {
	for _, l := range bk.vars {
		if l.bits == b {
			copy(buf, bk.leafValues(l.op, l.lag))
			emit(l.op, [3]int32{}, int64(l.lag))
		}
	}
	lo, hi := constRange(b)
	for c := lo; c < hi; c++ {
		for i := range buf {
			buf[i] = dsl.Value(c)
		}
		emit(dsl.OpConst, [3]int32{}, c)
	}
}

// leafValues returns the vector of a non-constant leaf (lag: of a(n-lag)).
func (bk *bank) leafValues(op dsl.Op, lag int) []dsl.Value {
	switch op {
	case dsl.OpIndex:
		return bk.index
	case dsl.OpLoopVar:
		return bk.k
	}
	return bk.prev[lag-1]
}

// check records a new main-bank class if it reproduces the terms.
func (e *engine) check(bk *bank, id int32, b int) {
	if bk.consistent(e.t.small, bk.values(id)) {
		e.record(bk, bk.values(id), b, func() dsl.Expr { return bk.tree(id) })
	}
}

// consistent reports whether values v reproduce the given terms at the
// bank's points (all but the last, which is the next term's).
func (bk *bank) consistent(small, v []dsl.Value) bool {
	target := small[bk.first : bk.first+bk.points-1]
	if bk.sums != nil {
		return bk.matchSums(v, target) == len(target)
	}
	return equal(v[:len(v)-1], target)
}

// matchSums returns how many of the terms in target, from the first, the
// sums of values v over the bank's cells reproduce.
func (bk *bank) matchSums(v, target []dsl.Value) int {
	for m, want := range target {
		if cellSum(v[bk.sums[m]:bk.sums[m+1]]) != want {
			return m
		}
	}
	return len(target)
}

// cellSum is the sum of the values of one point's cells, Undef when one
// is Undef or the sum overflows.
func cellSum(v []dsl.Value) dsl.Value {
	acc := dsl.Value(0)
	for _, x := range v {
		acc = dsl.Add(acc, x)
	}
	return acc
}

// next returns the value at the next term's point of a main-bank class
// whose values are v.
func (bk *bank) next(v []dsl.Value) dsl.Value {
	if bk.sums != nil {
		return cellSum(v[bk.sums[bk.points-1]:])
	}
	return v[len(v)-1]
}

// record adds a consistent program to the result (v are its values at
// the bank's points, the next term's last, or at its cells), after
// checking it in exact arithmetic when some value could not be checked in
// int64.
func (e *engine) record(bk *bank, v []dsl.Value, b int, tree func() dsl.Expr) {
	nv := bk.next(v)
	if (e.t.big || nv == dsl.Undef) && e.ctx.Err() != nil {
		e.interrupted = true // an exact check is due: the level is incomplete
		return
	}
	p := bk.shape.program(tree(), e.t.terms)
	next, ok := e.t.verify(p, nv)
	if !ok {
		return
	}
	e.lvl.Consistent++
	e.res.Found = append(e.res.Found, Found{Program: p, Bits: b + bk.fixed, Next: next})
	if l := b + bk.fixed; l < e.literalBits && (e.patternBits == 0 || l < e.patternBits) {
		e.patternBits = l
	}
}

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
		out[i] = e.checkJob(p.bk, p.b, p.jobs[refs[i].job], make([]dsl.Value, p.bk.width), m)
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

// checkJob evaluates a job's candidates and returns the recipes of those
// that reproduce the terms. matched[m] counts the candidates that
// reproduce exactly their first m points' terms (m >= 1).
func (e *engine) checkJob(bk *bank, b int, j job, buf []dsl.Value, matched []int64) []recipe {
	return bk.candidates(b, j, buf, e.t.small[bk.first:bk.first+bk.points-1], matched, nil)
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

// tree builds the readable expression of a class.
func (bk *bank) tree(id int32) dsl.Expr {
	return bk.treeOf(recipe{op: bk.op[id], kids: bk.kids[id], konst: bk.konst[id]})
}

// treeOf builds the readable expression of a recipe whose children are
// stored classes.
func (bk *bank) treeOf(r recipe) dsl.Expr {
	op, k := r.op, r.kids
	switch op {
	case dsl.OpConst:
		return &dsl.Const{Value: r.konst}
	case dsl.OpIndex:
		return &dsl.Index{}
	case dsl.OpLoopVar:
		return &dsl.LoopVar{}
	case dsl.OpPrev1, dsl.OpPrev2, dsl.OpPrev3, dsl.OpPrevK:
		return &dsl.Prev{Lag: int(r.konst)}
	case dsl.OpCond:
		return &dsl.Cond{Cond: bk.tree(k[0]), Then: bk.tree(k[1]), Else: bk.tree(k[2])}
	case dsl.OpSum, dsl.OpProd:
		return &dsl.Loop{Op: op, Body: bk.loop.tree(k[0])}
	}
	if op.Func1() {
		return &dsl.Unary{Op: op, X: bk.tree(k[0])}
	}
	return &dsl.Binary{Op: op, X: bk.tree(k[0]), Y: bk.tree(k[1])}
}
