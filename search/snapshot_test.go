package search

import (
	"bytes"
	"context"
	"encoding/binary"
	"flag"
	"math/big"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateSnapshot = flag.Bool("update", false, "rewrite search/banks.bin (TestSnapshot)")

// snapshotEngine is an engine over n terms (their values do not matter to
// the term-independent banks) that enumerates everything, with no budget.
func snapshotEngine(n int) *engine {
	terms := make([]*big.Int, n)
	for i := range terms {
		terms[i] = big.NewInt(int64(i))
	}
	opts := Options{MaxPrograms: 1 << 62, PatternPrograms: 1 << 62, MaxMemory: 1 << 40, Workers: 1, noSnapshot: true}.withDefaults()
	e := &engine{ctx: context.Background(), cache: NewCache(1 << 40), t: newTarget(terms), opts: opts,
		res: &Result{}, lvl: &Level{}}
	e.literalBits = 1 << 30
	for _, s := range shapes(n) {
		e.main = append(e.main, e.newMainBank(s))
	}
	return e
}

// buildSnapshotBanks enumerates the term-independent banks of n terms:
// each main bank while it has at most snapMaxClasses classes (and one
// length more, to know where to stop), the loop banks to maxLoopBody.
func buildSnapshotBanks(t testing.TB, n int) *engine {
	e := snapshotEngine(n)
	ctx := context.Background()
	for _, bk := range e.main {
		if bk.shape.g.Lags != 0 {
			continue
		}
		for b := minExprBits; ; b++ {
			e.jobs = e.jobs[:0]
			require.True(t, e.ensureCells(bk) && e.ensureLoops(ctx, bk, b), "n %d %s", n, bk.shape.kind)
			require.True(t, e.storeLevel(ctx, e.plan(bk, b, false)), "n %d %s length %d", n, bk.shape.kind, b)
			if bk.count() > snapMaxClasses {
				break
			}
		}
	}
	for _, lb := range e.loops {
		for lb != nil && lb.levels() <= maxLoopBody {
			e.jobs = e.jobs[:0]
			require.True(t, e.build(ctx, lb, lb.levels()))
		}
	}
	return e
}

// makeSnapshot encodes the banks of every number of terms the snapshot
// covers (readSnapshot reads it).
func makeSnapshot(t testing.TB) []byte {
	out := []byte(snapMagic)
	for n := snapMinTerms; n <= snapMaxTerms; n++ {
		var section []byte
		e := buildSnapshotBanks(t, n)
		var keys []bankKey
		for k := range e.cache.banks {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b bankKey) int { return bytes.Compare([]byte(snapKey(a)), []byte(snapKey(b))) })
		for _, k := range keys {
			section = appendSnapshotBank(section, e.cache.banks[k])
		}
		out = binary.AppendUvarint(out, uint64(len(section)))
		out = append(out, section...)
	}
	return out
}

// appendSnapshotBank encodes a bank's lengths while it has at most
// snapMaxClasses classes (a loop bank's all).
func appendSnapshotBank(out []byte, sb *sharedBank) []byte {
	st := sb.st
	levels := 0
	for levels < sb.levels() && (sb.key.loop || sb.marks[levels].classes <= snapMaxClasses) {
		levels++
	}
	key := snapKey(sb.key)
	out = binary.AppendUvarint(out, uint64(len(key)))
	out = append(out, key...)
	out = binary.AppendUvarint(out, uint64(levels))
	for b := range levels {
		lo, hi := st.ids(b)
		var recs []byte
		for id := lo; id < hi; id++ {
			recs = appendRecipe(recs, st.op[id], st.kids[id], st.konst[id])
		}
		out = binary.AppendUvarint(out, uint64(sb.marks[b].pending))
		out = binary.AppendUvarint(out, uint64(hi-lo))
		out = binary.AppendUvarint(out, uint64(len(recs)))
		out = append(out, recs...)
	}
	return out
}

// TestSnapshot: banks.bin is what the search builds today. When the
// language or the search changes, rewrite it with
//
//	go test ./search -run TestSnapshot -update
func TestSnapshot(t *testing.T) {
	if testing.Short() && !*updateSnapshot {
		t.Skip("builds the banks of every length it covers")
	}
	got := makeSnapshot(t)
	if *updateSnapshot {
		require.NoError(t, os.WriteFile("banks.bin", got, 0o644))
		return
	}
	require.True(t, bytes.Equal(got, []byte(bankSnapshot)),
		"search/banks.bin is out of date (%d bytes, now %d): go test ./search -run TestSnapshot -update", len(bankSnapshot), len(got))
	sections, err := readSections(bankSnapshot)
	require.NoError(t, err)
	require.Len(t, sections, snapMaxTerms+1)
	for n := snapMinTerms; n <= snapMaxTerms; n++ {
		assert.NotEmpty(t, sections[n](), "%d terms", n)
	}
}

// TestSnapshotRestores: a bank restored from the snapshot is the bank
// enumerated, class for class and byte for byte (values, hashes, the hash
// table, the marks the search's decisions read), and searches give the
// same results with and without it.
func TestSnapshotRestores(t *testing.T) {
	for _, n := range []int{snapMinTerms, 5, 8, 11} {
		want := buildSnapshotBanks(t, n)
		got := snapshotEngine(n)
		got.opts.noSnapshot = false
		for _, bk := range got.main {
			if bk.shape.g.Lags != 0 {
				continue
			}
			for b := minExprBits; b < 40; b++ {
				got.jobs = got.jobs[:0]
				require.True(t, got.ensureCells(bk) && got.ensureLoops(context.Background(), bk, b))
				require.True(t, got.storeLevel(context.Background(), got.plan(bk, b, false)))
				if bk.count() > snapMaxClasses {
					break
				}
			}
		}
		for k, w := range want.cache.banks {
			assert.Greater(t, len(snapshotLevels(k)), minExprBits, "n %d: %s is not in the snapshot", n, snapKey(k))
			g := got.cache.banks[k]
			require.NotNil(t, g, "n %d: %s", n, snapKey(k))
			levels := min(w.levels(), g.levels())
			require.Positive(t, levels)
			assert.Equal(t, w.marks[:levels], g.marks[:levels], "n %d: %s", n, snapKey(k))
			ws, gs := w.view(levels), g.view(levels)
			assert.Equal(t, ws.op, gs.op)
			assert.Equal(t, ws.kids, gs.kids)
			assert.Equal(t, ws.konst, gs.konst)
			assert.Equal(t, ws.hash, gs.hash, "n %d: %s", n, snapKey(k))
			assert.Equal(t, ws.chunks, gs.chunks)
			if w.levels() == g.levels() {
				assert.Equal(t, w.st.parts, g.st.parts, "n %d: %s: hash table", n, snapKey(k))
			}
		}
	}
	for _, terms := range cacheSeqs {
		for _, workers := range []int{1, 2} {
			opts := Options{MaxPrograms: 400_000, PatternPrograms: 60_000, Workers: workers}
			with, err := Search(context.Background(), terms, opts)
			require.NoError(t, err)
			opts.noSnapshot = true
			without, err := Search(context.Background(), terms, opts)
			require.NoError(t, err)
			assert.Equal(t, fingerprint(without), fingerprint(with), "%v", terms)
		}
	}
}
