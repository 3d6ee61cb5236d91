package search

import (
	"context"
	"math/big"
	"testing"
)

// Long data whose sum and prod cells would need gigabytes (10,000 terms:
// 50 million cells, 400 MB a class) is searched within MaxMemory: the
// search stops where the loops would start and says so.
func TestSearchWithinMemory(t *testing.T) {
	for _, n := range []int{1000, 10_000} {
		terms := make([]*big.Int, n)
		for i := range terms {
			terms[i] = big.NewInt(int64(3*i + 1))
		}
		const budget = 32 << 20
		res, err := Search(context.Background(), terms, Options{MaxMemory: budget, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		if res.Stopped != StopMemory || !res.Cut() {
			t.Errorf("%d terms: stopped %q, want %q", n, res.Stopped, StopMemory)
		}
		for _, l := range res.Levels {
			if l.StoreBytes > budget {
				t.Errorf("%d terms, %d bits: %d bytes held, more than %d", n, l.Bits, l.StoreBytes, budget)
			}
		}
		if res.CompleteBits < 8 {
			t.Errorf("%d terms: complete to %d bits only", n, res.CompleteBits)
		}
	}
}

func TestStoreBudget(t *testing.T) {
	for _, c := range []struct {
		total int64
		jobs  int
		want  int64
	}{
		{768 << 20, 1, 372 << 20},
		{768 << 20, 2, 186 << 20},
		{MinProcessMemory, 1, 12 << 20},
		{ProcessReserve, 4, 1 << 20}, // never less than 1 MiB
	} {
		if got := StoreBudget(c.total, c.jobs); got != c.want {
			t.Errorf("StoreBudget(%d MiB, %d) = %d MiB, want %d", c.total>>20, c.jobs, got>>20, c.want>>20)
		}
	}
}
