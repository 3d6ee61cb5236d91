package search

import (
	"math/bits"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// store is the flat, allocation-free home of one bank's distinct
// expressions ("classes"). Class i is described by parallel slices — its
// root operator, up to three children (class ids; for a loop, the id of its
// body in the loop bank), its constant, its hash — and its width values
// occupy one slot of a value chunk (chunks of 2^14 classes, contiguous
// within). Classes are appended one length at a time, so the classes of
// each length have consecutive ids (level), which is how a class's length
// is known. Readable trees are built only for programs that get reported.
type store struct {
	width int
	op    []dsl.Op
	kids  [][3]int32
	konst []int64 // the constant of an OpConst leaf, the lag of a(n-k)
	hash  []uint64
	// first0 is every class's value at the first point, contiguous, for
	// the checked levels' first-point filter.
	first0 []dsl.Value
	// chunks hold the values, chunkSize classes each, so that growing the
	// store never copies values that are already there.
	chunks [][]dsl.Value
	coming int // classes announced by reserve and not yet appended
	// level[b] is the first id of the classes of length b; the classes of
	// length b are level[b] .. level[b+1]-1.
	level []int32
	// parts are the hash table, split by the hash's top bits into
	// independent partitions so that new classes can be inserted by
	// several workers at once.
	parts [numParts]hashSet
	// mark is set on a view of a shared bank's store (sharedBank.view):
	// what the store held when it had the view's lengths, which bytes
	// and growBytes report instead of the view's own slices.
	mark *levelMark
}

// numParts is the number of hash-table partitions (a power of two).
const numParts = 8

// partOf returns the partition of a hash.
func partOf(h uint64) int { return int(h >> 61) }

func newStore(width int) *store {
	s := &store{width: width, level: []int32{0}}
	for i := range s.parts {
		s.parts[i].init(1 << 7)
	}
	return s
}

// count is the number of classes stored.
func (s *store) count() int { return len(s.op) }

// levels is the number of completed lengths (0..levels-1).
func (s *store) levels() int { return len(s.level) - 1 }

// ids returns the id range of the classes of length b.
func (s *store) ids(b int) (lo, hi int32) {
	if b < 0 || b >= s.levels() {
		return 0, 0
	}
	return s.level[b], s.level[b+1]
}

func (s *store) values(id int32) []dsl.Value {
	c := s.chunks[id>>chunkShift]
	o := int(id&chunkMask) * s.width
	return c[o : o+s.width : o+s.width]
}

// Value chunks hold 2^chunkShift classes each.
const (
	chunkShift = 14
	chunkSize  = 1 << chunkShift
	chunkMask  = chunkSize - 1
)

// bytesPerClass is what one class costs in the store, table included.
func (s *store) bytesPerClass() int64 {
	return int64(s.width)*8 + 1 + 12 + 8 + 8 + 8 + 8 // vals, op, kids, konst, hash, first0, table slots
}

// bytes is what the store holds as allocated: its value chunks, the
// slices of its classes and its hash table.
func (s *store) bytes() int64 {
	if s.mark != nil {
		return s.mark.bytes
	}
	b := int64(cap(s.op)) + int64(cap(s.kids))*12 + int64(cap(s.konst)+cap(s.hash)+cap(s.first0))*8
	for _, c := range s.chunks {
		b += int64(cap(c)) * 8
	}
	for i := range s.parts {
		b += int64(len(s.parts[i].slots)) * 4
	}
	return b
}

// find returns the id of the class with values v (hash h), or -1.
func (s *store) find(v []dsl.Value, h uint64) int32 {
	// The slot's tag already matched 32 bits of the hash: compare the
	// values directly, one memory access instead of two.
	return s.parts[partOf(h)].find(h, func(id int32) bool { return equal(s.values(id), v) })
}

func (s *store) hashOf(id int32) uint64 { return s.hash[id] }

// append appends a class without indexing it (see indexRange).
func (s *store) append(op dsl.Op, kids [3]int32, konst int64, v []dsl.Value, h uint64) int32 {
	id := int32(len(s.op))
	s.op = append(s.op, op)
	s.kids = append(s.kids, kids)
	s.konst = append(s.konst, konst)
	s.hash = append(s.hash, h)
	s.first0 = append(s.first0, v[0])
	if int(id)&chunkMask == 0 {
		// Size a new chunk for what reserve announced: most banks of a
		// short search hold a few hundred classes, and clearing full
		// chunks would dominate; large levels get a full chunk at once.
		// A chunk of wide vectors is sized for what is announced only.
		least := max(1, min(64, (1<<16)/s.width))
		s.chunks = append(s.chunks, make([]dsl.Value, 0, min(chunkSize, max(least, s.coming))*s.width))
	}
	s.coming--
	c := &s.chunks[len(s.chunks)-1]
	*c = append(*c, v...)
	return id
}

// indexRange inserts into partition p the classes lo..hi-1 whose hash falls in
// it. Different partitions may be indexed concurrently.
func (s *store) indexRange(p int, lo, hi int32) {
	t := &s.parts[p]
	for id := lo; id < hi; id++ {
		if h := s.hash[id]; partOf(h) == p {
			t.insert(h, id, s.hashOf)
		}
	}
}

// indexAll inserts the classes lo..hi-1 into their partitions, in one
// pass (indexRange for one worker).
func (s *store) indexAll(lo, hi int32) {
	for id := lo; id < hi; id++ {
		h := s.hash[id]
		s.parts[partOf(h)].insert(h, id, s.hashOf)
	}
}

// reserve makes room for n more classes, so that adding them copies
// nothing.
func (s *store) reserve(n int) {
	s.coming = n
	if k := len(s.chunks); k > 0 {
		// Grow the open chunk once to what it will hold, instead of
		// doubling it step by step.
		c := s.chunks[k-1]
		if size := chunkGrowth(s.width, len(c), cap(c), n); size > 0 {
			s.chunks[k-1] = append(make([]dsl.Value, 0, size), c...)
		}
	}
	s.op = grow(s.op, n)
	s.kids = grow(s.kids, n)
	s.konst = grow(s.konst, n)
	s.hash = grow(s.hash, n)
	s.first0 = grow(s.first0, n)
	for i := range s.parts {
		// The hash spreads classes evenly; a partition that gets more
		// than its share grows on insert.
		s.parts[i].reserve(n/numParts+1, s.hashOf)
	}
}

// growBytes is what reserve(n) allocates while the store's present
// allocation is still held: the open chunk grown into a larger one, and
// the slices of the classes when they move (at least doubling).
func (s *store) growBytes(n int) int64 {
	if m := s.mark; m != nil {
		return growBytes(s.width, int(m.classes), m.opCap, m.chunkLen, m.chunkCap, n)
	}
	chunkLen, chunkCap := 0, 0
	if k := len(s.chunks); k > 0 {
		chunkLen, chunkCap = len(s.chunks[k-1]), cap(s.chunks[k-1])
	}
	return growBytes(s.width, len(s.op), cap(s.op), chunkLen, chunkCap, n)
}

// growBytes is store.growBytes for a store of the given width, classes
// and capacity, whose open chunk has the given length and capacity (0
// and 0: none).
func growBytes(width, classes, opCap, chunkLen, chunkCap, n int) int64 {
	var b int64
	if chunkCap > 0 {
		b += int64(chunkGrowth(width, chunkLen, chunkCap, n)) * 8
	}
	if opCap-classes < n {
		b += int64(max(n, opCap)+classes) * (1 + 12 + 8 + 8 + 8)
	}
	return b
}

// chunkGrowth is the capacity, in values, that the open chunk (of the
// given length and capacity) moves to when n more classes of the given
// width are announced, or 0 when they fit. It grows fourfold, up to a full
// chunk: a bank grows a little at every length, and growing the chunk to
// just what each length needed copied it at every length. Each move takes
// fresh memory that the system provides page by page, and leaves the old
// chunk behind; moving less often, to more room than is needed yet, touched
// fewer pages in all (a one-line prediction of 8,6,7,5,6,4,5,3: 2,269 page
// faults with fourfold growth, 2,453 with twofold; a batch of 50 OEIS
// sequences, BenchmarkBatch50Shared, as fast).
func chunkGrowth(width, chunkLen, chunkCap, n int) int {
	need := min(chunkSize, chunkLen/width+n) * width
	if chunkCap >= need {
		return 0
	}
	return min(chunkSize*width, max(need, 4*chunkCap))
}

// grow makes room for n more elements, at least doubling the capacity when
// it has to move, so that a store of N classes is copied O(1) times per
// class overall.
func grow[T any](xs []T, n int) []T {
	if cap(xs)-len(xs) >= n {
		return xs
	}
	return slices.Grow(xs, max(n, cap(xs)))
}

// closeLevel ends length b: the classes added since the last call are the
// classes of length b.
func (s *store) closeLevel(b int) {
	for s.levels() < b+1 {
		s.level = append(s.level, int32(len(s.op)))
	}
}

func equal(a, b []dsl.Value) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// hashValues mixes a value vector into 64 bits: hashStep over the values
// from hashSeed, then hashEnd.
func hashValues(v []dsl.Value) uint64 {
	h := hashSeed
	for _, x := range v {
		h = hashStep(h, x)
	}
	return hashEnd(h)
}

const hashSeed = uint64(0x9e3779b97f4a7c15)

func hashStep(h uint64, x dsl.Value) uint64 {
	hi, lo := bits.Mul64(h^uint64(x), 0xbf58476d1ce4e5b9)
	return hi ^ lo
}

func hashEnd(h uint64) uint64 { return h ^ (h >> 31) }

// hashSet is an open-addressing table of class ids keyed by their hash.
// Each 32-bit slot keeps the id plus one (0 is empty) in its low 24 bits and
// 8 bits of the hash as a tag, so that most mismatches are rejected without
// touching the values, and the table stays small enough to be mostly in
// cache. A bank therefore holds at most maxClasses classes.
type hashSet struct {
	slots []uint32
	n     int
}

const (
	idBits     = 24
	idMask     = 1<<idBits - 1
	maxClasses = idMask - 1
)

func tagOf(h uint64) uint32 { return uint32(h>>32) &^ idMask }

func (t *hashSet) init(size int) {
	t.slots = make([]uint32, size)
	t.n = 0
}

func (t *hashSet) find(h uint64, same func(int32) bool) int32 {
	mask := uint64(len(t.slots) - 1)
	tag := tagOf(h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s&^idMask == tag && same(int32(s&idMask)-1) {
			return int32(s&idMask) - 1
		}
	}
}

// reserve makes room for extra more ids without further resizing.
func (t *hashSet) reserve(extra int, hashOf func(int32) uint64) {
	size := len(t.slots)
	for 2*(t.n+extra) > size {
		size *= 2
	}
	if size == len(t.slots) {
		return
	}
	old := t.slots
	t.init(size)
	for _, s := range old {
		if s != 0 {
			id := int32(s&idMask) - 1
			t.place(hashOf(id), id)
		}
	}
}

func (t *hashSet) insert(h uint64, id int32, hashOf func(int32) uint64) {
	t.reserve(1, hashOf)
	t.place(h, id)
}

func (t *hashSet) place(h uint64, id int32) {
	mask := uint64(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = tagOf(h) | uint32(id+1)
	t.n++
}
