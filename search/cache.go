package search

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/seqpredict/seqpredict/dsl"
)

// A Cache shares, between the searches that use it, the banks that do not
// depend on the terms: the bodies of a kind that reads no earlier term
// (dsl.Grammar.Lags == 0: closed forms, triangles, divisor sums) and the
// loop bodies. Their classes depend only on the kind, the offset and the
// number of terms (which give the points) and on whether some term does not
// fit in int64 (which turns pruning off), so every search with the same of
// these builds the same bank, length by length (see doc.go, "Shared banks").
// A search takes each length from the cache when an earlier search built it,
// and builds it there otherwise; it reads only the lengths it would have
// built itself and counts them in its MaxMemory as if it had, so its result
// does not depend on what the cache holds (TestCacheIdentical).
//
// What the running searches do not count — the lengths that no running
// search has reached, the banks none uses — is bounded by the cache's
// capacity: beyond it, the banks no search uses go first, least recently
// used first, then the in-use banks with the most such bytes, which their
// users then rebuild when they need more of them. A Cache is safe for
// concurrent use.
type Cache struct {
	capacity int64

	mu      sync.Mutex
	banks   map[bankKey]*sharedBank
	tick    int64 // counts the releases, for least recently used
	dropped int64 // the bytes of the banks dropped so far

	// afterLevel, set by tests, runs after each length of each search.
	afterLevel func(c *Cache)
}

// NewCache returns a cache that keeps at most capacity bytes beyond what
// the searches using it count (see CacheBudget).
func NewCache(capacity int64) *Cache {
	return &Cache{capacity: capacity, banks: map[bankKey]*sharedBank{}}
}

// bankKey is what a term-independent bank's classes depend on.
type bankKey struct {
	loop   bool        // the loop-body bank, else a kind's bodies
	kind   dsl.Kind    // the kind (main banks)
	g      dsl.Grammar // what the bodies read
	offset int
	terms  int
	big    bool // some term does not fit in int64: no pruning
	// ownPoints: the shape's own points (shape.points), which the key
	// does not hold: such a bank is in no snapshot, and its search has a
	// cache of its own.
	ownPoints bool
}

// sharedBank is one bank of a cache: its store, which one search at a
// time extends (holding sem), and what each length left behind.
type sharedBank struct {
	key bankKey
	sem chan struct{} // held while the store is read or extended

	// Guarded by sem. st is nil once the bank has left the cache.
	st    *store
	marks []levelMark // marks[b]: the store after length b
	empty levelMark   // the store before any length

	// snap are the lengths the bank snapshot holds of this bank
	// (snapshotLevels), which building a length restores.
	snap []snapLevel

	cellsOnce sync.Once // the loop bank's cells, made once
	cells     loopCells

	imu     sync.Mutex
	indexes []*firstIndex // by length, built by the first search to need one

	held atomic.Int64 // what the bank holds: store, indexes, cells

	// Guarded by Cache.mu.
	views   map[*bank]int64 // each user's bank and the bytes it counts
	lastUse int64
	cached  bool // still in the cache's map
}

// levelMark is what a shared store held after a length, and what that
// length took: what a search that builds the length itself would see, so
// that one that takes it from the cache makes the same decisions.
type levelMark struct {
	classes    int32 // classes in the store after the length
	candidates int64 // the length's candidates
	pending    int   // its survivors before merging
	mergeBytes int64 // what merging them took (bank.mergeBytes)
	bytes      int64 // store.bytes() after the length
	// What store.growBytes reads: the classes' capacity and the open
	// value chunk's length and capacity.
	opCap, chunkLen, chunkCap int
}

// loopCells are the loop bank's points: the cells (n, k), k = 1..n, of
// each index n, and where each index's row starts.
type loopCells struct {
	index, k []dsl.Value
	rows     []int
}

func (c *Cache) acquire(key bankKey, width int, user *bank) *sharedBank {
	c.mu.Lock()
	defer c.mu.Unlock()
	sb := c.banks[key]
	if sb == nil {
		st := newStore(width)
		sb = &sharedBank{key: key, sem: make(chan struct{}, 1), st: st, views: map[*bank]int64{}, cached: true, snap: snapshotLevels(key)}
		sb.empty = markOf(st)
		sb.held.Store(sb.empty.bytes)
		c.banks[key] = sb
	}
	sb.views[user] = sb.empty.bytes // its view of no lengths
	return sb
}

// release ends a search's use of a bank.
func (c *Cache) release(sb *sharedBank, user *bank) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(sb.views, user)
	c.tick++
	sb.lastUse = c.tick
	c.trim()
}

// cover records what a user's bank counts of a shared bank (its view,
// the indexes and cells it took), after the bank grew or the view did.
func (c *Cache) cover(sb *sharedBank, user *bank, counted int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sb.views[user] = counted
	c.trim()
}

// uncovered is what the cache holds beyond what its users count.
func (c *Cache) uncovered() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := int64(0)
	for _, sb := range c.banks {
		n += sb.uncovered()
	}
	return n
}

// held is what the cache's banks hold.
func (c *Cache) held() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := int64(0)
	for _, sb := range c.banks {
		n += sb.held.Load()
	}
	return n
}

// uncovered is what a bank holds beyond what its users count.
func (sb *sharedBank) uncovered() int64 {
	covered := int64(0)
	for _, b := range sb.views {
		covered = max(covered, b)
	}
	return max(0, sb.held.Load()-covered)
}

// trim drops banks until what no search counts fits the capacity: first
// those no search uses, least recently used first, then those in use with
// the most bytes that their users do not count. Called with c.mu held.
func (c *Cache) trim() {
	over := -c.capacity
	var all []*sharedBank
	for _, sb := range c.banks {
		over += sb.uncovered()
		all = append(all, sb)
	}
	if over <= 0 {
		return
	}
	slices.SortFunc(all, func(a, b *sharedBank) int {
		if (len(a.views) == 0) != (len(b.views) == 0) {
			if len(a.views) == 0 {
				return -1
			}
			return 1
		}
		if len(a.views) == 0 {
			return cmp.Compare(a.lastUse, b.lastUse)
		}
		return cmp.Compare(b.uncovered(), a.uncovered())
	})
	for _, sb := range all {
		if over <= 0 {
			break
		}
		if u := sb.uncovered(); u > 0 {
			over -= u
			c.drop(sb)
		}
	}
}

// drop takes a bank out of the cache. Its store goes at once unless a
// search is extending it, in which case that search lets it go when done
// (unlock); users keep the lengths they read, and continue on a new bank
// of the cache when they need more (engine.lockShared).
func (c *Cache) drop(sb *sharedBank) {
	c.dropped += sb.held.Load()
	delete(c.banks, sb.key)
	sb.cached = false
	select {
	case sb.sem <- struct{}{}:
		sb.forget()
		<-sb.sem
	default:
	}
}

// forget lets the store and the indexes go. Called with sem held.
func (sb *sharedBank) forget() {
	sb.st = nil
	sb.imu.Lock()
	sb.indexes = nil
	sb.imu.Unlock()
}

// lock takes the bank for reading or extending its store; it gives up
// when ctx is done first.
func (sb *sharedBank) lock(ctx context.Context) bool {
	select {
	case sb.sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// unlock lets the bank go; a bank that left the cache meanwhile lets its
// store go too.
func (sb *sharedBank) unlock(c *Cache) {
	c.mu.Lock()
	gone := !sb.cached
	c.mu.Unlock()
	if gone {
		sb.forget()
	}
	<-sb.sem
}

// levels is the number of lengths the store holds.
func (sb *sharedBank) levels() int { return len(sb.marks) }

// markAt is the mark of the store with its first levels lengths.
func (sb *sharedBank) markAt(levels int) levelMark {
	if levels == 0 {
		return sb.empty
	}
	return sb.marks[levels-1]
}

// markOf is what a store holds now.
func markOf(s *store) levelMark {
	m := levelMark{classes: int32(s.count()), bytes: s.bytes(), opCap: cap(s.op)}
	if k := len(s.chunks); k > 0 {
		m.chunkLen, m.chunkCap = len(s.chunks[k-1]), cap(s.chunks[k-1])
	}
	return m
}

// closeTo ends the lengths up to levels-1 (those not ended yet hold no
// classes but those of the last), marking each; the last one's mark
// takes what building it took.
func (sb *sharedBank) closeTo(levels int, candidates int64, pending int, mergeBytes int64) {
	for sb.levels() < levels {
		sb.st.closeLevel(sb.levels())
		m := markOf(sb.st)
		sb.held.Add(m.bytes - sb.markAt(sb.levels()).bytes)
		if sb.levels() == levels-1 {
			m.candidates, m.pending, m.mergeBytes = candidates, pending, mergeBytes
		}
		sb.marks = append(sb.marks, m)
	}
}

// view returns the store as it was after its first levels lengths, to be
// read without holding the bank while others extend it: the classes'
// slices and value chunks end where those lengths end (appending to them
// copies), and there is no hash table (a view is never searched). Called
// with sem held.
func (sb *sharedBank) view(levels int) *store {
	s := sb.st
	n := int(s.level[levels])
	m := sb.markAt(levels)
	v := &store{width: s.width, op: s.op[:n:n], kids: s.kids[:n:n], konst: s.konst[:n:n], hash: s.hash[:n:n],
		first0: s.first0[:n:n], level: slices.Clone(s.level[:levels+1]), mark: &m}
	if k := (n + chunkSize - 1) / chunkSize; k > 0 {
		v.chunks = slices.Clone(s.chunks[:k])
		last := (n - (k-1)*chunkSize) * s.width
		v.chunks[k-1] = v.chunks[k-1][:last:last]
	}
	return v
}

// emptyView is the view of no lengths, for a search that has just
// acquired the bank.
func (sb *sharedBank) emptyView(width int) *store {
	v := &store{width: width, level: []int32{0}}
	m := sb.empty
	v.mark = &m
	return v
}

// index returns the first-point index of length b, built from the view's
// classes (those of the bank) by the first user that needs it.
func (sb *sharedBank) index(b int, view *store) *firstIndex {
	sb.imu.Lock()
	defer sb.imu.Unlock()
	if b < len(sb.indexes) && sb.indexes[b] != nil {
		return sb.indexes[b]
	}
	lo, hi := view.ids(b)
	x := newFirstIndex(view, lo, hi)
	for len(sb.indexes) <= b {
		sb.indexes = append(sb.indexes, nil)
	}
	sb.indexes[b] = x
	sb.held.Add(x.bytes())
	return x
}

// loopCells returns the cells of the loop bank of an offset for n terms,
// made by the first user.
func (sb *sharedBank) loopCells(offset, n int) loopCells {
	sb.cellsOnce.Do(func() {
		sb.cells = makeLoopCells(offset, n)
		sb.held.Add(sb.cells.bytes())
	})
	return sb.cells
}

func makeLoopCells(offset, n int) loopCells {
	cells := loopCellCount(offset, n)
	c := loopCells{rows: make([]int, n+2), index: make([]dsl.Value, 0, cells), k: make([]dsl.Value, 0, cells)}
	for i := 0; i <= n; i++ {
		c.rows[i] = len(c.index)
		nv := offset + i
		for kv := 1; kv <= nv; kv++ {
			c.index = append(c.index, dsl.Value(nv))
			c.k = append(c.k, dsl.Value(kv))
		}
	}
	c.rows[n+1] = len(c.index)
	return c
}

func (c loopCells) bytes() int64 {
	return 8 * int64(cap(c.index)+cap(c.k)+cap(c.rows))
}

// loopCellCount is the number of cells (n, k), k = 1..n, for the indices
// offset .. offset+n.
func loopCellCount(offset, n int) int64 {
	return int64(n+1)*int64(offset) + int64(n)*int64(n+1)/2
}
