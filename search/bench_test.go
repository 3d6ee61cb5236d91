package search

import (
	"context"
	"flag"
	"fmt"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"
)

// benchTerms is a puzzle series no short program explains (P0010 of the
// public puzzles), so the search runs to its budget.
var benchTerms = []int64{16, 22, 34, 58, 106}

func benchInts() []*big.Int {
	terms := make([]*big.Int, len(benchTerms))
	for i, t := range benchTerms {
		terms[i] = big.NewInt(t)
	}
	return terms
}

// benchmarkSearch runs one search per iteration and reports candidates per
// second overall, and separately for the stored and the checked lengths.
// It measures the enumeration: the lengths the bank snapshot holds are
// enumerated too (BenchmarkSnapshot measures what the snapshot saves).
func benchmarkSearch(b *testing.B, opts Options) {
	opts.noSnapshot = true
	terms := benchInts()
	var cands, distinct, stored, checked int64
	var storedTime, checkedTime time.Duration
	b.ReportAllocs()
	for b.Loop() {
		r, err := Search(context.Background(), terms, opts)
		if err != nil {
			b.Fatal(err)
		}
		cands, distinct = r.Candidates, r.Distinct
		for _, l := range r.Levels {
			if l.CheckOnly {
				checked += l.Candidates
				checkedTime += l.Elapsed
			} else {
				stored += l.Candidates
				storedTime += l.Elapsed
			}
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(cands)/sec, "candidates/s")
	b.ReportMetric(float64(distinct)/sec, "distinct/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cands), "ns/candidate")
	if storedTime > 0 {
		b.ReportMetric(float64(stored)/storedTime.Seconds(), "stored/s")
	}
	if checkedTime > 0 {
		b.ReportMetric(float64(checked)/checkedTime.Seconds(), "checked/s")
	}
}

// The default budget (500,000 candidates), as the command runs it.
func BenchmarkDefault1Worker(b *testing.B)  { benchmarkSearch(b, Options{Workers: 1}) }
func BenchmarkDefault2Workers(b *testing.B) { benchmarkSearch(b, Options{Workers: 2}) }

// Every length stored (to 32 bits): the cost of full evaluation, hashing
// and deduplication.
func BenchmarkStored1Worker(b *testing.B) {
	benchmarkSearch(b, Options{MaxBits: 32, Margin: 100, MaxPrograms: 1 << 40, Workers: 1})
}
func BenchmarkStored2Workers(b *testing.B) {
	benchmarkSearch(b, Options{MaxBits: 32, Margin: 100, MaxPrograms: 1 << 40, Workers: 2})
}

// A larger budget (20 million): mostly checked lengths.
func BenchmarkDeep2Workers(b *testing.B) {
	benchmarkSearch(b, Options{MaxBits: 60, Margin: 100, MaxPrograms: 20_000_000, Workers: 2})
}

// oeis50 reads testdata/oeis50.txt: the first 15 terms of 50 OEIS
// sequences (one in 270 of the development file), as a batch sees them.
func oeis50(b *testing.B) [][]*big.Int {
	data, err := os.ReadFile("testdata/oeis50.txt")
	if err != nil {
		b.Fatal(err)
	}
	var seqs [][]*big.Int
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var terms []*big.Int
		for _, f := range strings.Split(line[strings.IndexByte(line, ',')+1:], ",") {
			if x, ok := new(big.Int).SetString(f, 10); ok {
				terms = append(terms, x)
			}
		}
		seqs = append(seqs, terms)
	}
	return seqs
}

// benchmarkBatch searches the 50 sequences one after another, as batch
// does with --jobs 1, at the default budgets, and reports sequences per
// second. With a cache (fresh each iteration, of the capacity the command
// gives it at the default --max-memory), the banks that do not depend on
// the terms are built once for all 50.
func benchmarkBatch(b *testing.B, shared bool) {
	seqs := oeis50(b)
	opts := Options{Workers: 1, MaxMemory: StoreBudget(DefaultMaxMemory, 1)}
	b.ReportAllocs()
	for b.Loop() {
		if shared {
			opts.Cache = NewCache(CacheBudget(DefaultMaxMemory, 1))
		}
		for _, terms := range seqs {
			if _, err := Search(context.Background(), terms, opts); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(seqs)*b.N)/b.Elapsed().Seconds(), "sequences/s")
}

func BenchmarkBatch50Shared(b *testing.B)  { benchmarkBatch(b, true) }
func BenchmarkBatch50Private(b *testing.B) { benchmarkBatch(b, false) }

// benchmarkFirst runs one search per iteration at the default budgets,
// with a fresh cache each time, as a one-line prediction does, with or
// without the bank snapshot: of 1, 2, 4, 7, 11, 16, 22, 29, which a short
// program explains (n(n+1)/2 + 1), so that the search stops after the
// lengths the snapshot holds, as it does for most puzzles.
func benchmarkFirst(b *testing.B, snapshot bool) {
	terms := ints(1, 2, 4, 7, 11, 16, 22, 29)
	opts := Options{noSnapshot: !snapshot}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Search(context.Background(), terms, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSnapshot(b *testing.B)   { benchmarkFirst(b, true) }
func BenchmarkEnumerated(b *testing.B) { benchmarkFirst(b, false) }

var scaling = flag.Bool("scaling", false, "print the scaling table of search/doc.go (TestScalingTable)")

// TestScalingTable prints the table of the package doc's "Scaling"
// section: one search of benchTerms complete to 46 bits, with budgets
// large enough not to stop it, on two workers, length by length from 30
// bits. It measures, so it asserts nothing and runs only when asked:
//
//	go test ./search -run TestScalingTable -scaling -v
func TestScalingTable(t *testing.T) {
	if !*scaling {
		t.Skip("prints the scaling table; run with -scaling")
	}
	start := time.Now()
	res, err := Search(context.Background(), benchInts(), Options{
		MaxBits: 46, Margin: 100, MaxPrograms: 1 << 40, PatternPrograms: 1 << 40,
		Workers: 2, noSnapshot: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	total := time.Since(start)
	t.Logf("%4s  %-7s %12s %10s %10s %8s", "bits", "mode", "candidates", "distinct", "time", "store")
	for _, l := range res.Levels {
		if l.Bits < 30 {
			continue
		}
		mode, distinct, store := "stored", fmt.Sprintf("%d", l.Distinct), fmt.Sprintf("%d MiB", l.StoreBytes>>20)
		if l.CheckOnly {
			mode, distinct, store = "checked", "-", ""
		}
		t.Logf("%4d  %-7s %12d %10s %10v %8s", l.Bits, mode, l.Candidates, distinct, l.Elapsed.Round(100*time.Microsecond), store)
	}
	t.Logf("complete to %d bits (stopped: %v): %d candidates in %v", res.CompleteBits, res.Stopped, res.Candidates, total.Round(time.Millisecond))
}
