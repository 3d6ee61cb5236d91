//go:build scratch

package fit

import (
	"context"
	"github.com/seqpredict/seqpredict/dsl"
	"bufio"
	"compress/gzip"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

)

func loadOEIS(ids string) map[string][]*big.Int {
	f, _ := os.Open("/work/shared/data/oeis/stripped.gz")
	gz, _ := gzip.NewReader(f)
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	out := map[string][]*big.Int{}
	for sc.Scan() {
		line := sc.Text()
		id, rest, _ := strings.Cut(line, " ")
		if !strings.Contains(","+ids+",", ","+id+",") {
			continue
		}
		var terms []*big.Int
		for _, s := range strings.Split(strings.Trim(rest, ","), ",") {
			if v, ok := new(big.Int).SetString(s, 10); ok {
				terms = append(terms, v)
			}
		}
		out[id] = terms
	}
	return out
}

func TestScratchGuess(t *testing.T) {
	seqs := loadOEIS(os.Getenv("IDS"))
	for id, terms := range seqs {
		d := newData(terms)
		found := false
		for u := 2; u <= 16 && !found; u++ {
			for order := 1; order <= 4; order++ {
				for deg := 0; deg <= 4; deg++ {
					for p0 := -1; p0 <= deg; p0++ {
						s := pShape{order, deg, deg, p0}
						cols := s.cols()
						if len(cols)-1 != u {
							continue
						}
						if d.n-order-u < 4 {
							continue
						}
						x, _, ok := d.solve(cols, order, true)
						if ok {
							t.Logf("%s n=%d shape %+v unknowns %d: %v", id, len(terms), s, u, x)
							found = true
						}
					}
				}
			}
		}
		if !found {
			t.Logf("%s n=%d none", id, len(terms))
		}
	}
}

func TestScratchPoly(t *testing.T) {
	seqs := loadOEIS(os.Getenv("IDS"))
	for id, terms := range seqs {
		tt := terms[:min(len(terms), 40)]
		rows := [][]*big.Int{tt}
		for k := 0; k <= 20 && len(rows[k]) > 3; k++ {
			prev := rows[k]
			next := make([]*big.Int, len(prev)-1)
			zero := true
			for i := range next {
				next[i] = new(big.Int).Sub(prev[i+1], prev[i])
				zero = zero && next[i].Sign() == 0
			}
			rows = append(rows, next)
			if zero {
				t.Logf("%s n=%d poly degree %d", id, len(terms), k)
				break
			}
		}
	}
}

func TestScratchCFinite(t *testing.T) {
	seqs := loadOEIS(os.Getenv("IDS"))
	for id, terms := range seqs {
		terms = terms[:min(len(terms), 40)]
		d := newData(terms)
		for k := 1; k <= 16; k++ {
			if d.n-2*k < 4 {
				break
			}
			var cols []col
			for l := 1; l <= k; l++ {
				cols = append(cols, col{lag: l})
			}
			x, den, ok := d.solve(cols, k, false)
			if ok {
				t.Logf("%s n=%d cfinite order %d %v/%v", id, len(terms), k, x, den)
				break
			}
		}
	}
}

func TestScratchFloor(t *testing.T) {
	seqs := loadOEIS(os.Getenv("IDS"))
	for id, terms := range seqs {
		terms = terms[:15]
		for _, p := range Floor(context.Background(), terms) {
			t.Logf("%s %v (%d bits) literal %d", id, p, p.Bits(), dsl.LiteralBits(terms))
		}
	}
}

func TestScratchTime(t *testing.T) {
	seqs := loadOEIS(os.Getenv("IDS"))
	for id, terms := range seqs {
		terms = terms[:15]
		for _, f := range Fitters() {
			t0 := time.Now()
			ps := f(context.Background(), terms)
			t.Logf("%s %v %d", id, time.Since(t0), len(ps))
		}
	}
}
