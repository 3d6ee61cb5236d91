package predict_test

import (
	"context"
	"encoding/json"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// randomTerms returns n random terms of the given number of decimal
// digits, from a fixed seed.
func randomTerms(n, digits int, seed uint64) []*big.Int {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]*big.Int, n)
	for i := range out {
		var sb strings.Builder
		sb.WriteByte(byte('1' + r.IntN(9)))
		for range digits - 1 {
			sb.WriteByte(byte('0' + r.IntN(10)))
		}
		out[i], _ = new(big.Int).SetString(sb.String(), 10)
		if r.IntN(2) == 0 {
			out[i].Neg(out[i])
		}
	}
	return out
}

// claimEngine reports the given search result whatever the terms: what a
// search over such terms could report, without the time it takes.
func claimEngine(sr search.Result) predict.Engine {
	return func(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error) {
		r := sr
		return &r, nil
	}
}

// fadingEngine reports checked levels whose candidates match fewer and
// fewer of the terms (a hundredfold fewer per term) and no consistent
// program: extrapolated to hundreds of terms, that rate underflows.
func fadingEngine(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error) {
	matched := make([]int64, len(terms)+1)
	for j, n := 1, int64(1e12); j < len(matched) && n > 0; j, n = j+1, n/100 {
		matched[j] = n
	}
	lvl := search.Level{Bits: 40, Candidates: 1e13, CheckOnly: true, Matched: matched}
	return &search.Result{Levels: []search.Level{lvl}, CompleteBits: 40, Candidates: lvl.Candidates}, nil
}

// TestProbabilitiesFinite: on any input, every probability is a number in
// [0, 1] and the JSON report can be written (NaN cannot). Long random
// inputs used to give 0/0: the literal programs of 200 random 30-digit
// terms weigh 2^-22000, far below the smallest float64.
func TestProbabilitiesFinite(t *testing.T) {
	inputs := map[string][]*big.Int{
		"200 random 30-digit terms": randomTerms(200, 30, 1),
		"300 random 3-digit terms":  randomTerms(300, 3, 2),
		"one term":                  terms("7"),
		"one 3000-digit term":       randomTerms(1, 3000, 3),
		"300 zeros":                 terms(strings.Repeat("0 ", 300)),
	}
	short, err := dsl.ParseProgram("a(n) = n + 3")
	if err != nil {
		t.Fatal(err)
	}
	long := dsl.NewLiteral(randomTerms(300, 40, 4))
	levels := []search.Level{
		{Bits: 5, Candidates: 2}, {Bits: 30, Candidates: 1 << 40, CheckOnly: true, Matched: []int64{0, 1 << 30, 0, 7}},
	}
	engines := map[string]predict.Engine{
		"nothing searched":    claimEngine(search.Result{}),
		"nothing found":       claimEngine(search.Result{Levels: levels, CompleteBits: 30, Candidates: 1<<40 + 2}),
		"a short program":     claimEngine(search.Result{Levels: levels, CompleteBits: 30, Candidates: 1<<40 + 2, Found: []search.Found{{Program: short, Bits: 12, Next: big.NewInt(9)}}}),
		"a huge program":      claimEngine(search.Result{Levels: levels, CompleteBits: 30, Candidates: 10, Found: []search.Found{{Program: long, Bits: long.Bits(), Next: big.NewInt(-5)}}}),
		"matches fading":      fadingEngine,
		"the reference":       search.Reference,
		"the engine, briefly": search.Search,
	}
	for in, ts := range inputs {
		for en, engine := range engines {
			for _, next := range []int{1, 3} {
				opts := predict.Options{Engine: engine, Next: next, Top: 4, Search: search.Options{MaxBits: 12, MaxPrograms: 2000, Workers: 1}}
				res, err := predict.Predict(context.Background(), ts, opts)
				if err != nil {
					t.Fatalf("%s, %s: %v", in, en, err)
				}
				name := in + ", " + en
				unit := func(what string, p float64) {
					if !(p >= 0 && p <= 1) {
						t.Errorf("%s, next %d: %s = %v, want a probability", name, next, what, p)
					}
				}
				unit("Unseen", res.Unseen)
				unit("Other", res.Other)
				for _, p := range res.Predictions {
					unit("a prediction's probability", p.Probability)
				}
				for _, e := range res.Programs {
					unit("a posterior", e.Posterior)
				}
				if z := res.Log2Z(); math.IsNaN(z) || math.IsInf(z, 0) {
					t.Errorf("%s: Log2Z = %v", name, z)
				}
				guess := make([]*big.Int, next)
				for i := range guess {
					guess[i] = big.NewInt(int64(i) - 1)
				}
				if lp := res.Log2Probability(guess); math.IsNaN(lp) || math.IsInf(lp, 0) || lp > 1e-9 {
					t.Errorf("%s: Log2Probability = %v", name, lp)
				}
				if _, err := json.Marshal(res.Report()); err != nil {
					t.Errorf("%s: the report does not marshal: %v", name, err)
				}
			}
		}
	}
}
