package search

import (
	"context"
	"math/big"
	"testing"
	"time"
)

// benchTerms is a puzzle series no short program explains, so the search
// runs to its bit budget.
var benchTerms = []int64{16, 22, 34, 58, 106}

func benchmarkSearch(b *testing.B, workers, maxBits int) {
	terms := make([]*big.Int, len(benchTerms))
	for i, t := range benchTerms {
		terms[i] = big.NewInt(t)
	}
	opts := Options{MaxBits: maxBits, Margin: 100, Workers: workers, MaxMemory: 4 << 30}
	var cands, distinct int64
	b.ReportAllocs()
	for b.Loop() {
		r, err := Search(context.Background(), terms, opts)
		if err != nil {
			b.Fatal(err)
		}
		cands, distinct = r.Candidates, r.Distinct
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(cands)/sec, "candidates/s")
	b.ReportMetric(float64(distinct)/sec, "distinct/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cands), "ns/candidate")
}

func BenchmarkSearch1Worker(b *testing.B)  { benchmarkSearch(b, 1, 34) }
func BenchmarkSearch2Workers(b *testing.B) { benchmarkSearch(b, 2, 34) }

// BenchmarkCheckOnly measures the check-only levels: a tiny store budget
// (MaxPrograms/8) makes most of the work checking.
func BenchmarkCheckOnly(b *testing.B) {
	terms := make([]*big.Int, len(benchTerms))
	for i, t := range benchTerms {
		terms[i] = big.NewInt(t)
	}
	opts := Options{MaxBits: 60, Margin: 100, MaxPrograms: 20_000_000}
	var cands, checked int64
	var checkTime time.Duration
	for b.Loop() {
		r, err := Search(context.Background(), terms, opts)
		if err != nil {
			b.Fatal(err)
		}
		cands = r.Candidates
		for _, l := range r.Levels {
			if l.CheckOnly {
				checked += l.Candidates
				checkTime += l.Elapsed
			}
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(cands)/sec, "candidates/s")
	b.ReportMetric(float64(checked)/checkTime.Seconds(), "checked/s")
}
