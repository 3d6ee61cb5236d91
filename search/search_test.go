package search

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

func ints(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

// shortestByNext is the part of a result the mixture reads: for each next
// term, the length of the shortest program that predicts it.
func shortestByNext(r *Result) map[string]int {
	out := map[string]int{}
	for _, f := range r.Found {
		k := f.Next.String()
		if b, ok := out[k]; !ok || f.Bits < b {
			out[k] = f.Bits
		}
	}
	return out
}

// TestSearchAgreesWithReference is the equivalence test of the fast engine:
// on many sequences and bit budgets, the shortest program length for every
// predicted next term is the same as the plain enumerator's.
func TestSearchAgreesWithReference(t *testing.T) {
	seqs := [][]int64{
		{2, 4, 6, 8}, {1, 1, 2, 3, 5, 8}, {1, 4, 9, 16, 25}, {1, 2, 4, 8, 16},
		{3, 1, 4, 1, 5}, {0, 1, 0, 1, 0}, {5}, {7, 7}, {1, 2, 3}, {-2, 5, -4, 3, -6},
		{0, 1, 3, 6, 10, 15}, {1, 2, 6, 24, 120}, {10, 9, 8, 7}, {1, 3, 1, 3, 1},
		{0, 0, 0, 0, 0, 0}, {100, 50, 25}, {1, -1, 1, -1}, {2, 3, 5, 7, 11},
		// Triangles read by rows: Pascal's, and T(n, k) = n*k from n = 1.
		{1, 1, 1, 1, 2, 1, 1, 3, 3, 1}, {1, 2, 4, 3, 6, 9, 4, 8},
		// Divisor sums, from 8 terms: sigma_2 and the number of odd
		// divisors.
		{1, 5, 10, 21, 26, 50, 50, 85}, {1, 1, 2, 1, 2, 2, 2, 1, 3},
	}
	budgets := []int{16, 20, 24}
	if testing.Short() {
		budgets = []int{16, 20}
	}
	for _, seq := range seqs {
		for _, bits := range budgets {
			t.Run(fmt.Sprint(seq, bits), func(t *testing.T) {
				opts := Options{MaxBits: bits, Margin: 100, Workers: 2}
				ref, err := Reference(context.Background(), ints(seq...), opts)
				require.NoError(t, err)
				fast, err := Search(context.Background(), ints(seq...), opts)
				require.NoError(t, err)
				assert.Equal(t, shortestByNext(ref), shortestByNext(fast))
				assert.Equal(t, ref.CompleteBits, fast.CompleteBits)
				assert.LessOrEqual(t, fast.Candidates, ref.Candidates)
			})
		}
	}
}

// TestSearchDeterministic: the same budget gives the same answer on 1 or N
// workers, program for program.
func TestSearchDeterministic(t *testing.T) {
	terms := ints(1, 1, 2, 3, 5, 8, 13)
	var want []string
	for _, workers := range []int{1, 2, 3, 8} {
		r, err := Search(context.Background(), terms, Options{MaxBits: 30, Margin: 100, Workers: workers})
		require.NoError(t, err)
		var got []string
		for _, f := range r.Found {
			got = append(got, fmt.Sprintf("%d %s -> %s", f.Bits, f.Program, f.Next))
		}
		require.NotEmpty(t, got)
		if want == nil {
			want = got
			continue
		}
		assert.Equal(t, want, got, "workers=%d", workers)
	}
}

// TestCheckOnlyDeterministic: the same for lengths that are only checked,
// whose jobs from every bank share one pool of workers.
func TestCheckOnlyDeterministic(t *testing.T) {
	terms := ints(1, 1, 2, 3, 5, 8, 13)
	var want []string
	for _, workers := range []int{1, 2, 3, 8} {
		r, err := Search(context.Background(), terms, Options{MaxBits: 32, Margin: 100, MaxPrograms: 3_000_000, PatternPrograms: 3_000_000, Workers: workers})
		require.NoError(t, err)
		deepest := 0 // the longest stored length
		for _, l := range r.Levels {
			if !l.CheckOnly {
				deepest = l.Bits
			}
		}
		require.Less(t, deepest, 32, "no length was checked only")
		var got []string
		checked := 0
		for _, f := range r.Found {
			got = append(got, fmt.Sprintf("%d %s -> %s", f.Bits, f.Program, f.Next))
			if f.Bits > deepest { // found in a checked length
				checked++
			}
		}
		require.NotZero(t, checked, "nothing found in the checked lengths")
		if want == nil {
			want = got
			continue
		}
		assert.Equal(t, want, got, "workers=%d", workers)
	}
}

func TestSearchBudgets(t *testing.T) {
	terms := ints(16, 22, 34, 58, 106)
	ctx := context.Background()
	t.Run("MaxBits", func(t *testing.T) {
		r, err := Search(ctx, terms, Options{MaxBits: 20, Margin: 100})
		require.NoError(t, err)
		assert.Equal(t, 20, r.CompleteBits)
		assert.Equal(t, StopMaxBits, r.Stopped)
		assert.False(t, r.Cut())
		for _, f := range r.Found {
			assert.LessOrEqual(t, f.Bits, 20)
		}
	})
	t.Run("MaxPrograms", func(t *testing.T) {
		r, err := Search(ctx, terms, Options{MaxBits: 60, Margin: 100, MaxPrograms: 50_000})
		require.NoError(t, err)
		assert.Equal(t, StopMaxPrograms, r.Stopped)
		assert.True(t, r.Cut())
		assert.LessOrEqual(t, r.Candidates, int64(50_000))
		assert.Less(t, r.CompleteBits, 60)
	})
	t.Run("PatternPrograms", func(t *testing.T) {
		// 2*n; n >= 1 is found at 14 bits; after that the smaller
		// budget applies.
		r, err := Search(ctx, ints(2, 4, 6, 8, 10, 12), Options{MaxBits: 60, Margin: 100, MaxPrograms: 1_000_000, PatternPrograms: 20_000})
		require.NoError(t, err)
		assert.Equal(t, StopMaxPrograms, r.Stopped)
		assert.LessOrEqual(t, r.Candidates, int64(20_000))
		nothing, err := Search(ctx, terms, Options{MaxBits: 60, Margin: 100, MaxPrograms: 1_000_000, PatternPrograms: 20_000})
		require.NoError(t, err)
		assert.Greater(t, nothing.Candidates, int64(20_000), "without a pattern MaxPrograms applies")
	})
	t.Run("PatternOutOfReach", func(t *testing.T) {
		// A known program just shorter than the terms written out, far
		// beyond what the budget reaches, leaves a quarter of the full
		// budget; one within Margin of the lengths searched brings the
		// smaller pattern budget.
		opts := Options{MaxBits: 60, Margin: 6, MaxPrograms: 1_000_000, PatternPrograms: 20_000}
		opts.KnownBits = dsl.LiteralBits(terms) - 1
		far, err := Search(ctx, terms, opts)
		require.NoError(t, err)
		assert.Greater(t, far.Candidates, int64(20_000))
		assert.LessOrEqual(t, far.Candidates, int64(1_000_000/farPatternShare))
		opts.KnownBits = 26
		near, err := Search(ctx, terms, opts)
		require.NoError(t, err)
		assert.LessOrEqual(t, near.Candidates, int64(20_000))
	})
	t.Run("MaxMemory", func(t *testing.T) {
		r, err := Search(ctx, terms, Options{MaxBits: 60, Margin: 100, MaxMemory: 1 << 20})
		require.NoError(t, err)
		assert.Equal(t, StopMemory, r.Stopped)
		assert.Less(t, r.CompleteBits, 60)
	})
	t.Run("Margin", func(t *testing.T) {
		r, err := Search(ctx, ints(2, 4, 6, 8), Options{MaxBits: 60, Margin: 3})
		require.NoError(t, err)
		assert.Equal(t, StopMargin, r.Stopped)
		assert.Equal(t, r.Found[0].Bits+3, r.CompleteBits)
	})
	t.Run("KnownBits", func(t *testing.T) {
		r, err := Search(ctx, terms, Options{MaxBits: 60, Margin: 2, KnownBits: 18})
		require.NoError(t, err)
		assert.Equal(t, StopMargin, r.Stopped)
		assert.Equal(t, 20, r.CompleteBits)
	})
	t.Run("Cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		r, err := Search(cctx, terms, Options{MaxBits: 60})
		require.NoError(t, err)
		assert.Equal(t, StopCancelled, r.Stopped)
		assert.True(t, r.Cut())
	})
	t.Run("NoTerms", func(t *testing.T) {
		_, err := Search(ctx, nil, Options{})
		assert.ErrorIs(t, err, ErrNoTerms)
	})
}

// TestSearchBigTerms: terms beyond int64 are checked in exact arithmetic,
// never dropped.
func TestSearchBigTerms(t *testing.T) {
	var terms []*big.Int
	for i := 62; i < 68; i++ {
		terms = append(terms, new(big.Int).Lsh(big.NewInt(1), uint(i)))
	}
	r, err := Search(context.Background(), terms, Options{MaxBits: 40, Margin: 1, MaxPrograms: 5_000_000})
	require.NoError(t, err)
	require.NotEmpty(t, r.Found)
	want := new(big.Int).Lsh(big.NewInt(1), 68)
	assert.Equal(t, want.String(), r.Found[0].Next.String(), r.Found[0].Program.String())
	for _, f := range r.Found {
		vals := f.Program.BigValues(len(terms))
		for i := range terms {
			require.Equal(t, terms[i].String(), vals[i].String(), f.Program.String())
		}
	}
}

// TestCheckOnlyAgreesWithReference: once the store is full the engine only
// checks candidates; the levels it completes that way must still agree with
// the plain enumerator.
func TestCheckOnlyAgreesWithReference(t *testing.T) {
	for _, seq := range [][]int64{{2, 4, 6, 8}, {1, 1, 2, 3, 5, 8}, {3, 1, 4, 1, 5}, {1, 3, 1, 3, 1}, {1, 5, 10, 21, 26, 50, 50, 85}} {
		t.Run(fmt.Sprint(seq), func(t *testing.T) {
			// A tiny program budget: the store stops early (MaxPrograms/8)
			// and the check-only levels go on from there.
			fast, err := Search(context.Background(), ints(seq...), Options{MaxBits: 26, Margin: 100, MaxPrograms: 40_000})
			require.NoError(t, err)
			checked := 0
			for _, l := range fast.Levels {
				if l.CheckOnly {
					checked++
				}
			}
			require.Positive(t, checked, "no level was checked without storing")
			ref, err := Reference(context.Background(), ints(seq...), Options{MaxBits: fast.CompleteBits, Margin: 100})
			require.NoError(t, err)
			assert.Equal(t, shortestByNext(ref), shortestByNext(fast))
		})
	}
}

// TestSearchDivisorSum: the search enumerates divisor sums, a kind whose
// terms are sums of the body over cells, and checks them exactly when the
// terms go beyond int64 (sum(k|n, k^k) reaches 16^16 = 2^64 at n = 16).
func TestSearchDivisorSum(t *testing.T) {
	for _, c := range []struct {
		src  string
		bits int
	}{
		{"a(n) = sum(k|n, k*k); n >= 1", 24},
		{"a(n) = sum(k|n, k^k); n >= 1", 26},
	} {
		t.Run(c.src, func(t *testing.T) {
			p, err := dsl.ParseProgram(c.src)
			require.NoError(t, err)
			all := p.BigValues(17)
			terms := all[:16]
			r, err := Search(context.Background(), terms, Options{MaxBits: c.bits, Margin: 100, Workers: 2})
			require.NoError(t, err)
			var found *Found
			for i, f := range r.Found {
				if f.Program.Kind == dsl.DivisorSum && found == nil {
					found = &r.Found[i]
				}
			}
			require.NotNil(t, found, "no divisor sum among %d programs", len(r.Found))
			assert.Equal(t, c.src, found.Program.String())
			assert.Equal(t, c.bits, found.Bits)
			assert.Equal(t, all[16].String(), found.Next.String())
		})
	}
}

// TestApply2Hash: the one-pass evaluation of a binary operator gives
// apply2's values, hashValues' hash and whether the values are defined
// where they must be.
func TestApply2Hash(t *testing.T) {
	vals := []dsl.Value{0, 1, -1, 2, 7, -12, 1 << 40, -(1 << 62), dsl.Undef}
	x, y := make([]dsl.Value, 5), make([]dsl.Value, 5)
	want, got := make([]dsl.Value, 5), make([]dsl.Value, 5)
	for _, op := range dsl.Funcs2 {
		for i := range 200 {
			for k := range x {
				x[k], y[k] = vals[(i+3*k)%len(vals)], vals[(7*i+k)%len(vals)]
			}
			apply2(op, want, x, y)
			defined := true
			for _, v := range want[1:4] {
				defined = defined && v != dsl.Undef
			}
			h, ok := apply2Hash(op, got, x, y, 1, 4)
			require.Equal(t, defined, ok, "%s %v %v", op, x, y)
			if ok {
				assert.Equal(t, want, got, "%s %v %v", op, x, y)
				assert.Equal(t, hashValues(want), h, "%s %v %v", op, x, y)
			}
		}
	}
}
