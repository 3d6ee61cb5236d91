package search

import (
	"context"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cacheSeqs are sequences of several lengths (so several banks of each
// kind), some explained at once, some by nothing within the budget, one
// with a term beyond int64 (a bank without pruning) and one of seven
// terms (triangles).
var cacheSeqs = [][]*big.Int{
	ints(16, 22, 34, 58, 106), ints(2, 4, 6, 8, 10), ints(1, 1, 2, 3, 5, 8, 13),
	ints(1, 4, 9, 16, 25, 36, 49, 64), ints(3, 1, 4, 1, 5, 9, 2, 6), ints(7, 1, 8, 2, 8, 1, 8),
	ints(1, 2, 6, 24, 120), ints(0, 1, 3, 6, 10, 15, 21, 28), ints(1, 1, 1, 1, 2, 1, 1, 3, 3, 1),
	ints(5, 3, 9, 1, 7), ints(1, 3, 7, 15, 31),
	append(ints(1, 2, 3), new(big.Int).Lsh(big.NewInt(1), 70)),
	// sigma_2, a divisor sum (sum(k|n, k*k), 24 bits), whose bank of
	// cells the 8-term sequences above share.
	ints(1, 5, 10, 21, 26, 50, 50, 85),
}

// fingerprint is everything a search reports but its times.
func fingerprint(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "complete %d stopped %s candidates %d distinct %d\n", r.CompleteBits, r.Stopped, r.Candidates, r.Distinct)
	for _, l := range r.Levels {
		fmt.Fprintf(&b, "%d: %d %d %d %v %d %v\n", l.Bits, l.Candidates, l.Distinct, l.Consistent, l.CheckOnly, l.StoreBytes, l.Matched)
	}
	for _, f := range r.Found {
		fmt.Fprintf(&b, "%d %s -> %s\n", f.Bits, f.Program, f.Next)
	}
	return b.String()
}

// TestCacheIdentical: searches that share a cache give what each gives
// alone, program for program and level for level (memory counted
// included), whatever the order of the searches, how many run at once,
// and how small the cache is (a small one drops banks, in use or not,
// which their users then rebuild).
func TestCacheIdentical(t *testing.T) {
	opts := Options{MaxPrograms: 400_000, PatternPrograms: 60_000, Workers: 1}
	want := make([]string, len(cacheSeqs))
	for i, terms := range cacheSeqs {
		r, err := Search(context.Background(), terms, opts)
		require.NoError(t, err)
		want[i] = fingerprint(r)
	}
	for _, c := range []struct {
		capacity int64
		jobs     int
		workers  int
	}{{1 << 30, 1, 1}, {1 << 30, 3, 1}, {1 << 20, 2, 2}, {0, 3, 1}, {64 << 10, 1, 3}} {
		for seed := range uint64(2) {
			cache := NewCache(c.capacity)
			order := rand.New(rand.NewPCG(seed, uint64(c.jobs))).Perm(len(cacheSeqs))
			order = append(order, order...) // every search twice
			got := make([]string, len(order))
			var wg sync.WaitGroup
			next := make(chan int, len(order))
			for i := range order {
				next <- i
			}
			close(next)
			for range c.jobs {
				wg.Go(func() {
					for i := range next {
						o := opts
						o.Cache, o.Workers = cache, c.workers
						r, err := Search(context.Background(), cacheSeqs[order[i]], o)
						if err == nil {
							got[i] = fingerprint(r)
						}
					}
				})
			}
			wg.Wait()
			for i, k := range order {
				assert.Equal(t, want[k], got[i], "%v, capacity %d, %d at once, order %v", cacheSeqs[k], c.capacity, c.jobs, order)
			}
			assert.LessOrEqual(t, cache.uncovered(), c.capacity, "capacity %d", c.capacity)
		}
	}
}

// TestCacheBounded: what the cache keeps beyond its users' counts stays
// within its capacity, banks no search uses go first (least recently
// used first), and a cache of capacity 0 keeps nothing once its searches
// are done.
func TestCacheBounded(t *testing.T) {
	opts := Options{MaxPrograms: 200_000, PatternPrograms: 200_000, Workers: 1}
	cache := NewCache(0)
	opts.Cache = cache
	for _, terms := range cacheSeqs[:4] {
		_, err := Search(context.Background(), terms, opts)
		require.NoError(t, err)
		assert.Zero(t, cache.held(), "after %v", terms)
	}
	// Room for the banks of the last length only: those of the earlier
	// lengths go, least recently used first.
	one := NewCache(0)
	opts.Cache = one
	_, err := Search(context.Background(), cacheSeqs[3], opts)
	require.NoError(t, err)
	require.Positive(t, one.dropped)
	cache = NewCache(one.dropped)
	opts.Cache = cache
	for _, terms := range cacheSeqs[:4] {
		_, err := Search(context.Background(), terms, opts)
		require.NoError(t, err)
		assert.LessOrEqual(t, cache.held(), cache.capacity, "after %v", terms)
	}
	assert.Equal(t, one.dropped, cache.held())
	for key := range cache.banks {
		assert.Equal(t, len(cacheSeqs[3]), key.terms, "the banks of the last length stay")
	}
}

// TestCacheRebuild: a search whose banks leave the cache while it uses
// them (every bank is dropped after each of its lengths here) continues
// on new ones, rebuilding the lengths it had, with the same result.
func TestCacheRebuild(t *testing.T) {
	opts := Options{MaxPrograms: 400_000, PatternPrograms: 60_000, Workers: 2}
	for _, terms := range cacheSeqs {
		r, err := Search(context.Background(), terms, opts)
		require.NoError(t, err)
		cache := NewCache(1 << 30)
		drops := 0
		cache.afterLevel = func(c *Cache) {
			c.mu.Lock()
			defer c.mu.Unlock()
			for _, sb := range c.banks {
				c.drop(sb)
				drops++
			}
		}
		o := opts
		o.Cache = cache
		again, err := Search(context.Background(), terms, o)
		require.NoError(t, err)
		assert.Equal(t, fingerprint(r), fingerprint(again), "%v", terms)
		assert.Positive(t, drops)
	}
}
