package search

import (
	"context"
	"math/big"
	"testing"
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
