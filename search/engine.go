package search

import (
	"context"
	"math/big"
	"sort"
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
	prev  [dsl.MaxSearchOrder][]dsl.Value
	k     []dsl.Value

	loop *bank // main banks: the loop-body bank of the same offset
	rows []int // loop bank: rows[i] is the first grid cell of point i

	// points is the number of a main bank's points: the terms after the
	// initial ones and the next term. Its values are at those points,
	// or, for a kind whose terms are sums of the body over cells (a
	// divisor sum, dsl.BodySpec.SumCells), at the cells, and sums[j] is the
	// first cell of point j (sums[points] = width).
	points int
	sums   []int

	// definedLo..definedHi are the positions where a value must be defined
	// for the class to be of any use (see doc.go, "Pruning").
	definedLo, definedHi int

	// indexes[b] lists the classes of length b by first-point value, for
	// the checked levels (built on first use).
	indexes []*firstIndex

	// shared is the cache's bank when this bank does not depend on the
	// terms; store is then the search's view of it (sharedBank.view).
	shared *sharedBank
}

// engine holds the banks of one search.
type engine struct {
	ctx     context.Context // read by the exact checks, which can be slow
	cache   *Cache          // the term-independent banks
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
	shared           []*bank     // the banks that are views of the cache's
	jobs             []job       // the jobs of the length at hand, which plans slice
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
	e := &engine{ctx: ctx, cache: opts.Cache, t: newTarget(terms), opts: opts, res: &Result{Stopped: StopMaxBits}}
	if e.cache == nil {
		e.cache = NewCache(0) // this search's own: it keeps nothing after
	}
	defer e.release()
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
	b := &bank{g: s.g, vars: leaves(s.g), shape: s, main: true, fixed: s.fixedBits(e.t.terms), first: s.order, points: width}
	if s.body.SumCells != nil {
		return b // its cells and store wait for its first use (ensureCells)
	}
	if s.g.Lags == 0 { // reads no term: the same bank for all data of this length
		e.share(b, e.sharedKey(s), width)
	} else {
		b.store = newStore(width)
	}
	if !e.t.big {
		b.definedHi = width - 1 // every given term's point; not the next one
	}
	// The points: where the kind evaluates the body for each term after
	// the initial ones (n = offset + i, or a triangle's row and column).
	// Consecutive indices without k (closed forms, recurrences) are a
	// window of the shared 0, 1, 2, ...; other points are the bank's own.
	first := s.offset + s.order
	if !s.g.K && s.points == nil && consecutive(s.body.Point, s.offset, s.order, width) {
		b.index = e.indices(first + width)[first:]
	} else {
		b.index = make([]dsl.Value, width)
		e.fixedBytes += 8 * int64(width)
		if s.g.K {
			b.k = make([]dsl.Value, width)
			e.fixedBytes += 8 * int64(width)
		}
		for j := range width {
			n, k := s.point(j)
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

// ensureCells makes, on its first use, the cells and the store of a
// main bank whose terms are sums of the body over cells
// (dsl.BodySpec.SumCells): its values are at every cell of the given terms
// and of the next one, point after point (about N*ln(N) cells for the
// divisors of 1..N). Its store is the cache's when its bodies read no
// term, as closed forms' are. When the cells and a first class would not
// fit in MaxMemory (a hundred thousand terms), it returns false and the
// search stops there, as it does where sum and prod would start.
func (e *engine) ensureCells(bk *bank) bool {
	s := bk.shape
	if s.body.SumCells == nil || bk.store != nil {
		return true
	}
	var k []dsl.Value
	cells := 0
	for j := range bk.points {
		_, k = s.body.SumCells(s.offset, s.order+j, k[:0])
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
		n, k = s.body.SumCells(s.offset, s.order+j, k)
		for len(index) < len(k) {
			index = append(index, n)
		}
	}
	sums[bk.points] = cells
	if sums[1] != 1 {
		// The first point's value screens the candidates (firstIndex).
		panic("search: the first term of a " + s.kind.String() + " is not one cell")
	}
	e.fixedBytes += 8 * int64(len(index)+len(k)+len(sums))
	bk.sums, bk.index, bk.k = sums, index, k
	if s.g.Lags == 0 {
		e.share(bk, e.sharedKey(s), cells)
	} else {
		bk.store = newStore(cells)
	}
	if !e.t.big {
		bk.definedHi = sums[bk.points-1] // every given term's cells; not the next one's
	}
	return true
}

// sharedKey is the cache's key for the bank of a shape whose bodies read
// no term.
func (e *engine) sharedKey(s shape) bankKey {
	return bankKey{kind: s.kind, g: s.g, offset: s.offset, terms: len(e.t.terms), big: e.t.big, ownPoints: s.points != nil}
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
	cells := loopCellCount(offset, n)
	if e.memory()+3*8*cells > e.opts.MaxMemory {
		return nil
	}
	e.fixedBytes += 2 * 8 * cells
	b := &bank{g: dsl.LoopBody, vars: leaves(dsl.LoopBody)}
	sb := e.share(b, bankKey{loop: true, g: dsl.LoopBody, offset: offset, terms: n, big: e.t.big}, int(cells))
	c := sb.loopCells(offset, n)
	b.index, b.k, b.rows = c.index, c.k, c.rows
	e.cover(b)
	rows := c.rows
	if !e.t.big && n > dsl.MaxSearchOrder {
		// Rows below MaxSearchOrder may be needed only by shapes that skip them.
		b.definedLo, b.definedHi = rows[dsl.MaxSearchOrder], rows[n]
	}
	e.loops[offset] = b
	return b
}

// share makes b a view of the cache's bank of the given key (and width).
func (e *engine) share(b *bank, key bankKey, width int) *sharedBank {
	b.shared = e.cache.acquire(key, width, b)
	b.store = b.shared.emptyView(width)
	e.shared = append(e.shared, b)
	return b.shared
}

// release ends the search's use of the cache.
func (e *engine) release() {
	for _, b := range e.shared {
		e.cache.release(b.shared, b)
	}
}

func (e *engine) run(ctx context.Context) {
	best := -1
	if e.opts.KnownBits > 0 {
		best = e.opts.KnownBits
	}
	for B := 1; B <= e.opts.MaxBits; B++ {
		e.lvl = &Level{Bits: B}
		e.jobs = e.jobs[:0]
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
		if e.cache.afterLevel != nil {
			e.cache.afterLevel(e.cache)
		}
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
		if !e.storeLevel(ctx, p) {
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
	if e.res.Candidates+e.lvl.Candidates+p.candidates > e.budget() {
		e.stopped = StopMaxPrograms
		return false
	}
	return e.storeLevel(ctx, p)
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

// checkRows is the fewest first children a checked job takes.
const checkRows = 256

func (e *engine) plan(bk *bank, b int, checkOnly bool) plan {
	p := plan{bk: bk, b: b, checkOnly: checkOnly}
	start := len(e.jobs)
	add := func(j job, perFirst int64) {
		if j.hi <= j.lo || perFirst == 0 {
			return
		}
		step := int32(max(1, jobSize/perFirst))
		if !checkOnly { // a stored candidate costs its width: keep jobs short
			step = min(step, int32(max(1, jobCells/(perFirst*int64(bk.width)))))
		} else {
			// A checked candidate that fails the first point costs
			// nothing (checkCandidates): a job takes many first children.
			step = max(step, checkRows)
		}
		for lo := j.lo; lo < j.hi; lo += step {
			jj := j
			jj.lo, jj.hi = lo, min(j.hi, lo+step)
			jj.n = int64(jj.hi-jj.lo) * perFirst
			if dsl.Ops[j.op].Commutative && j.b1 == j.b2 {
				// First child x pairs with x .. j.hi-1: the sum of
				// j.hi - x over the job's rows.
				rows, first, last := int64(jj.hi-jj.lo), int64(jj.lo), int64(jj.hi-1)
				jj.n = rows*int64(j.hi) - rows*(first+last)/2
			}
			e.jobs = append(e.jobs, jj)
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
		e.jobs = append(e.jobs, job{op: dsl.OpIndex, b1: b, n: leaves})
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
	p.jobs = e.jobs[start:len(e.jobs):len(e.jobs)]
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

// storeLevel stores length p.b of bank p.bk: its jobs run in parallel,
// each worker reading the store (which nobody writes meanwhile) and
// keeping the recipes of the candidates whose values no shorter class
// has; then the survivors are merged in job order, which removes
// duplicates among them and makes the result independent of the number
// of workers. A shared bank's length is taken from the cache when an
// earlier search built it (storeShared).
func (e *engine) storeLevel(ctx context.Context, p plan) bool {
	bk := p.bk
	if bk.shared != nil {
		return e.storeShared(ctx, p)
	}
	bk.closeLevel(p.b - 1)
	first := int32(bk.count())
	sv, ok := e.runJobs(ctx, bk, p)
	if !ok || !e.fits(bk, sv.n, bk.mergeBytes(sv.n)) {
		sv.recycle()
		return false
	}
	e.merge(bk, sv)
	bk.closeLevel(p.b)
	return e.adopt(bk, p, first)
}

// runJobs runs a plan's jobs on bank bk and returns the recipes and values
// of the candidates new to its store, by job. It returns false when ctx
// ended it.
func (e *engine) runJobs(ctx context.Context, bk *bank, p plan) (survivors, bool) {
	s := survivors{spans: make([]jobSpan, len(p.jobs))}
	var mu sync.Mutex
	var next atomic.Int64
	var cancelled atomic.Bool
	work := func() {
		out := jobOuts.Get().(*jobOut)
		buf := make([]dsl.Value, bk.width)
		for {
			i := int(next.Add(1) - 1)
			if i >= len(p.jobs) || cancelled.Load() {
				break
			}
			if ctx.Err() != nil {
				cancelled.Store(true)
				break
			}
			lo := int32(len(out.recs))
			bk.candidates(p.b, p.jobs[i], buf, out)
			s.spans[i] = jobSpan{out, lo, int32(len(out.recs))}
		}
		mu.Lock()
		s.outs = append(s.outs, out)
		mu.Unlock()
	}
	if workers := min(e.workersFor(p.candidates), len(p.jobs)); workers <= 1 {
		work()
	} else {
		var wg sync.WaitGroup
		for range workers {
			wg.Go(work)
		}
		wg.Wait()
	}
	if cancelled.Load() {
		s.recycle()
		e.stopped = StopCancelled
		return survivors{}, false
	}
	for _, sp := range s.spans {
		s.n += int(sp.hi - sp.lo)
	}
	return s, true
}

// fits reports whether merging pending survivors, which takes mergeBytes,
// fits in MaxMemory and in the store's ids; if not, the search stops
// there (StopMemory).
func (e *engine) fits(bk *bank, pending int, mergeBytes int64) bool {
	if e.memory()+mergeBytes > e.opts.MaxMemory || bk.count()+pending > maxClasses {
		e.stopped = StopMemory
		return false
	}
	return true
}

// adopt ends a stored length of the search: it counts its candidates and
// new classes (those from id first on) and records the new classes of a
// main bank that reproduce the terms.
func (e *engine) adopt(bk *bank, p plan, first int32) bool {
	e.lvl.Candidates += p.candidates
	last := int32(bk.count())
	e.lvl.Distinct += int64(last - first)
	if bk.main {
		t0 := e.t.small[bk.first]
		for id := first; id < last; id++ {
			if bk.first0[id] == t0 {
				e.check(bk, id, p.b)
			}
		}
	}
	if e.interrupted {
		e.stopped = StopCancelled
		return false
	}
	return true
}

// storeShared stores length p.b of a shared bank: it takes the length
// from the cache when it is there, after checking that the search could
// have merged it (fits, with what merging it took), and builds it in the
// shared store otherwise, holding the bank meanwhile; then the search's
// view of the bank grows by the length.
func (e *engine) storeShared(ctx context.Context, p plan) bool {
	bk := p.bk
	sb, ok := e.lockShared(ctx, bk)
	if !ok {
		return false
	}
	first := int32(bk.count())
	if sb.levels() > p.b {
		if m := sb.marks[p.b]; !e.fits(bk, m.pending, m.mergeBytes) {
			sb.unlock(e.cache)
			return false
		}
	} else if !e.buildShared(ctx, sb, bk, p, true) {
		sb.unlock(e.cache)
		return false
	}
	bk.store = sb.view(p.b + 1)
	sb.unlock(e.cache)
	e.cover(bk)
	return e.adopt(bk, p, first)
}

// buildShared builds length p.b of a shared bank in its store, which it
// holds and which has every shorter length; bk is the search's bank, a
// view of it. When check is set, the merge must fit the search's budget
// (fits); a length the search has already counted is rebuilt without.
func (e *engine) buildShared(ctx context.Context, sb *sharedBank, bk *bank, p plan, check bool) bool {
	builder := *bk
	builder.store = sb.st
	sb.closeTo(p.b, 0, 0, 0)
	if p.b < len(sb.snap) && !e.opts.noSnapshot {
		// The snapshot has this length: the same survivors, merged the
		// same way, without enumerating them.
		lv := sb.snap[p.b]
		mergeBytes := builder.mergeBytes(lv.pending)
		if check && !e.fits(bk, lv.pending, mergeBytes) {
			return false
		}
		if e.restore(&builder, lv) {
			sb.closeTo(p.b+1, p.candidates, lv.pending, mergeBytes)
			return true
		}
	}
	sv, ok := e.runJobs(ctx, &builder, p)
	if !ok {
		return false
	}
	mergeBytes := builder.mergeBytes(sv.n)
	if check && !e.fits(bk, sv.n, mergeBytes) {
		sv.recycle()
		return false
	}
	e.merge(&builder, sv)
	sb.closeTo(p.b+1, p.candidates, sv.n, mergeBytes)
	return true
}

// lockShared takes bk's shared bank for reading or extending. When the
// bank has left the cache (Cache.trim), the search continues on the
// cache's bank of the same key, rebuilding the lengths it lacks of the
// search's view. It returns false when ctx ended first.
func (e *engine) lockShared(ctx context.Context, bk *bank) (*sharedBank, bool) {
	for {
		sb := bk.shared
		if !sb.lock(ctx) {
			e.stopped = StopCancelled
			return nil, false
		}
		if sb.st == nil {
			sb.unlock(e.cache)
			e.cache.release(sb, bk)
			bk.shared = e.cache.acquire(sb.key, bk.width, bk)
			continue
		}
		for sb.levels() < bk.levels() {
			builder := *bk
			builder.store = sb.st
			if !e.buildShared(ctx, sb, bk, e.plan(&builder, sb.levels(), false), false) {
				sb.unlock(e.cache)
				return nil, false
			}
		}
		return sb, true
	}
}

// cover tells the cache what the search counts of a shared bank: its
// view, and the indexes and cells it took.
func (e *engine) cover(bk *bank) {
	counted := bk.bytes()
	for _, x := range bk.indexes {
		if x != nil {
			counted += x.bytes()
		}
	}
	if bk.rows != nil {
		counted += loopCells{index: bk.index, k: bk.k, rows: bk.rows}.bytes()
	}
	e.cache.cover(bk.shared, bk, counted)
}

// mergeBytes bounds what pending survivors add to the memory while they
// are merged: their recipes and values, which the jobs keep, the tables
// that deduplicate them per partition, their slots in the store's table,
// and the store's growth to take them (the open chunk copied into a
// larger one, the classes' slices moved). (It counts a second recipe and
// four bytes a survivor more than the merge now takes, as the decisions
// it makes are kept.)
func (bk *bank) mergeBytes(pending int) int64 {
	const recipeBytes = int64(unsafe.Sizeof(recipe{}))
	return int64(pending)*(2*recipeBytes+4+8*int64(bk.width)+8) + bk.growBytes(pending)
}

// jobOut is what a worker of a stored length keeps: the recipes of the
// survivors of the jobs it ran, job after job, and their values, width
// values each.
type jobOut struct {
	recs []recipe
	vals []dsl.Value
}

// jobSpan is where a job's survivors are: out.recs[lo:hi].
type jobSpan struct {
	out    *jobOut
	lo, hi int32
}

// survivors are what the jobs of a stored length kept: where each job's
// are, the workers' outputs that hold them, and their number.
type survivors struct {
	spans []jobSpan
	outs  []*jobOut
	n     int
}

// jobOuts recycles the workers' outputs, between the lengths and the
// searches of a process.
var jobOuts = sync.Pool{New: func() any { return new(jobOut) }}

// recycle returns the workers' outputs, once read.
func (s survivors) recycle() {
	for _, o := range s.outs {
		o.recs, o.vals = o.recs[:0], o.vals[:0]
		jobOuts.Put(o)
	}
}

// merge adds the survivors of a level to the store in job order, dropping
// those whose values an earlier survivor has. Each hash partition is
// deduplicated by its own worker (all at once by one), on the values the
// jobs kept; then the winners are appended in order (so ids do not depend
// on the number of workers) and indexed, again by partition.
func (e *engine) merge(bk *bank, sv survivors) {
	defer sv.recycle()
	w, spans, pending := bk.width, sv.spans, sv.n
	base := make([]int32, len(spans)+1) // survivor g of job j is base[j] + its position
	for j, sp := range spans {
		base[j+1] = base[j] + sp.hi - sp.lo
	}
	valuesOf := func(g int32) []dsl.Value {
		j := sort.Search(len(spans), func(j int) bool { return base[j+1] > g }) // the job of g
		i := int(spans[j].lo + g - base[j])
		return spans[j].out.vals[i*w : (i+1)*w]
	}
	win := make([]bool, pending)
	workers := e.workersFor(int64(pending) * 8)
	parts := numParts
	if workers == 1 {
		parts = 1
	}
	mine := func(h uint64, part int) bool { return parts == 1 || partOf(h) == part }
	e.parallelN(workers, parts, func(part int) {
		n := 0
		for _, sp := range spans {
			for _, r := range sp.out.recs[sp.lo:sp.hi] {
				if mine(r.hash, part) {
					n++
				}
			}
		}
		var seen hashSet // sized for all, so that it never asks for a hash again
		size := 1 << 4
		for size < 2*(n+1) {
			size *= 2
		}
		seen.init(size)
		for j, sp := range spans {
			for i := sp.lo; i < sp.hi; i++ {
				r := sp.out.recs[i]
				if !mine(r.hash, part) {
					continue
				}
				// The jobs kept only values new to the store, which
				// nobody changed since: only duplicates among the
				// survivors are left.
				v := sp.out.vals[int(i)*w : int(i+1)*w]
				if seen.find(r.hash, func(g int32) bool { return equal(valuesOf(g), v) }) >= 0 {
					continue
				}
				g := base[j] + i - sp.lo
				seen.place(r.hash, g)
				win[g] = true
			}
		}
	})
	winners := 0
	for _, ok := range win {
		if ok {
			winners++
		}
	}
	bk.reserve(winners)
	first := int32(bk.count())
	for j, sp := range spans {
		for i := sp.lo; i < sp.hi; i++ {
			if r := sp.out.recs[i]; win[base[j]+i-sp.lo] {
				bk.append(r.op, r.kids, r.konst, sp.out.vals[int(i)*w:int(i+1)*w], r.hash)
			}
		}
	}
	e.indexNew(bk, first, workers)
}

// indexNew enters the classes from first on into the store's hash table:
// partition by partition on workers goroutines, or in one pass for one.
func (e *engine) indexNew(bk *bank, first int32, workers int) {
	last := int32(bk.count())
	if workers == 1 {
		bk.indexAll(first, last)
		return
	}
	e.parallelN(workers, numParts, func(part int) { bk.indexRange(part, first, last) })
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
	e.parallelW(workers, n, func(_, i int) { f(i) })
}

// parallelW runs f(w, i) for i = 0..n-1 on up to workers goroutines
// (inline for one), w being the goroutine's number, 0..workers-1, so
// that each can keep scratch of its own.
func (e *engine) parallelW(workers, n int, f func(w, i int)) {
	if workers <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(w, i)
			}
		}()
	}
	wg.Wait()
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

// candidates is the skeleton of a stored job: it evaluates the job's
// candidates into buf, one after another, and keeps in out the recipes
// and values of those that are defined where they must be and new to the
// store (checked jobs have their own skeleton, checkCandidates).
func (bk *bank) candidates(b int, j job, buf []dsl.Value, out *jobOut) *jobOut {
	// keep is a closure called where it is defined, which the compiler
	// inlines into the loops (a function parameter would cost a call per
	// candidate).
	keepHashed := func(op dsl.Op, kids [3]int32, konst int64, h uint64) {
		if bk.find(buf, h) >= 0 {
			return
		}
		out.recs = append(out.recs, recipe{op: op, kids: kids, konst: konst, hash: h})
		out.vals = append(out.vals, buf...)
	}
	keep := func(op dsl.Op, kids [3]int32, konst int64) {
		for _, v := range buf[bk.definedLo:bk.definedHi] {
			if v == dsl.Undef {
				return
			}
		}
		keepHashed(op, kids, konst, hashValues(buf))
	}
	switch {
	case j.op == dsl.OpIndex && j.b1 == b: // leaves and constants
		bk.leaves(b, buf, keep)
	case j.op.Func1():
		for x := j.lo; x < j.hi; x++ {
			apply1(j.op, buf, bk.values(x))
			keep(j.op, [3]int32{x}, 0)
		}
	case j.op == dsl.OpCond:
		lo2, hi2 := bk.ids(j.b2)
		lo3, hi3 := bk.ids(j.b3)
		for c := j.lo; c < j.hi; c++ {
			cv := bk.values(c)
			for x := lo2; x < hi2; x++ {
				xv := bk.values(x)
				for y := lo3; y < hi3; y++ {
					applyCond(buf, cv, xv, bk.values(y))
					keep(dsl.OpCond, [3]int32{c, x, y}, 0)
				}
			}
		}
	case dsl.Ops[j.op].Loop:
		for x := j.lo; x < j.hi; x++ {
			applyLoop(j.op, buf, bk.loop.values(x), bk.loop.rows, bk.first)
			keep(j.op, [3]int32{x}, 0)
		}
	default: // binary
		lo2, hi2 := bk.ids(j.b2)
		sym := dsl.Ops[j.op].Commutative && j.b1 == j.b2 // one order of two children
		for x := j.lo; x < j.hi; x++ {
			xv := bk.values(x)
			start := lo2
			if sym {
				start = x
			}
			for y := start; y < hi2; y++ {
				// Evaluated, hashed and checked for undefined values in
				// one pass, which an undefined value ends.
				if h, ok := apply2Hash(j.op, buf, xv, bk.values(y), bk.definedLo, bk.definedHi); ok {
					keepHashed(j.op, [3]int32{x, y}, 0, h)
				}
			}
		}
	}
	return out
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
