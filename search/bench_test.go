package search

import (
	"context"
	"math/big"
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
func benchmarkSearch(b *testing.B, opts Options) {
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
