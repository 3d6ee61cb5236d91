package search

import "github.com/seqpredict/seqpredict/dsl"

// firstIndex groups the classes of one length by their value at the first
// point, for the checked levels. The values there are few (mostly small
// numbers at n = 0 or 1), so a checked level decides which candidates
// pass the first point once per distinct value (a key) instead of once
// per class, and looks up the right children that make an operator give
// the first term (dsl.OpInfo.Solve) instead of scanning them. The classes
// with value keys[k] are ids[start[k]:start[k+1]], in increasing id
// order: what a scan would meet in that order, so the candidates found
// are the same and come in the same order. It also
// keeps each class's value at the second point, where most candidates
// that pass the first fail, contiguously.
type firstIndex struct {
	lo     int32       // the first class of the length
	keyOf  []int32     // keyOf[i]: the key of class lo+i
	second []dsl.Value // second[i]: class lo+i's value at the second point
	keys   []dsl.Value
	start  []int32
	ids    []int32
	slots  []int32 // open addressing on the value: key + 1, 0 empty
}

// newFirstIndex indexes the classes lo .. hi-1 of a store.
func newFirstIndex(s *store, lo, hi int32) *firstIndex {
	n := int(hi - lo)
	size := 16
	for size < 2*n {
		size *= 2
	}
	x := &firstIndex{lo: lo, keyOf: make([]int32, n), second: make([]dsl.Value, n), slots: make([]int32, size)}
	var count []int32
	for i, v := range s.first0[lo:hi] {
		k := x.find(v)
		if k < 0 {
			k = int32(len(x.keys))
			x.keys = append(x.keys, v)
			count = append(count, 0)
			x.slots[x.slot(v)] = k + 1
		}
		x.keyOf[i] = k
		count[k]++
		x.second[i] = s.values(lo + int32(i))[1]
	}
	x.start = make([]int32, len(x.keys)+1)
	for k, c := range count {
		x.start[k+1] = x.start[k] + c
	}
	x.ids = make([]int32, n)
	next := count[:0] // reused: the next free position of each key
	next = append(next, x.start[:len(x.keys)]...)
	for i, k := range x.keyOf {
		x.ids[next[k]] = lo + int32(i)
		next[k]++
	}
	return x
}

// bytes is what the index holds.
func (x *firstIndex) bytes() int64 {
	return 4*int64(len(x.slots)+len(x.start)+len(x.ids)+len(x.keyOf)) + 8*int64(len(x.keys)+len(x.second))
}

// slot returns the slot of value v: its own, or the empty one where it
// would go.
func (x *firstIndex) slot(v dsl.Value) int {
	mask := uint64(len(x.slots) - 1)
	i := (uint64(v) * 0x9e3779b97f4a7c15) >> 32 & mask
	for {
		s := x.slots[i]
		if s == 0 || x.keys[s-1] == v {
			return int(i)
		}
		i = (i + 1) & mask
	}
}

// find returns the key of value v, or -1.
func (x *firstIndex) find(v dsl.Value) int32 {
	return x.slots[x.slot(v)] - 1
}

// lookup returns the ids of the classes whose first-point value is v, in
// increasing order.
func (x *firstIndex) lookup(v dsl.Value) []int32 {
	k := x.find(v)
	if k < 0 {
		return nil
	}
	return x.ids[x.start[k]:x.start[k+1]]
}

// members returns the ids of key k's classes, in increasing order.
func (x *firstIndex) members(k int32) []int32 {
	return x.ids[x.start[k]:x.start[k+1]]
}

// firstIndex returns the index of the classes of length b, building it on
// first use. Checked levels build what they need before their workers
// start (indexChildren), which then only read it.
func (bk *bank) firstIndex(b int) *firstIndex {
	for len(bk.indexes) <= b {
		bk.indexes = append(bk.indexes, nil)
	}
	if bk.indexes[b] == nil {
		if bk.shared != nil {
			bk.indexes[b] = bk.shared.index(b, bk.store)
		} else {
			lo, hi := bk.ids(b)
			bk.indexes[b] = newFirstIndex(bk.store, lo, hi)
		}
	}
	return bk.indexes[b]
}
