package predict

import (
	"context"
	"math"
	"math/big"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/search"
)

// fakeEngine finds the given programs, whatever the terms.
func fakeEngine(t *testing.T, progs ...string) Engine {
	return func(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error) {
		res := &search.Result{CompleteBits: 30} // a fake horizon
		for _, s := range progs {
			p, err := dsl.ParseProgram(s)
			if err != nil {
				t.Fatal(err)
			}
			v := p.BigValues(len(terms) + 1)
			res.Found = append(res.Found, search.Found{Program: p, Bits: p.Bits(), Next: v[len(terms)]})
		}
		return res, nil
	}
}

func ints(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

func TestProbabilityMatchesPredictions(t *testing.T) {
	for _, k := range []int{1, 2} {
		res, err := Predict(context.Background(), ints(2, 4, 6, 8), Options{
			Next: k, Top: 1,
			Engine: fakeEngine(t, "a(n) = 2*n + 2", "a(n) = 2*n + 2 + (n/4)*5", "a(n) = 2*n; n >= 1"),
		})
		if err != nil {
			t.Fatal(err)
		}
		// The listed prediction keeps its probability.
		p := res.Predictions[0]
		if got := res.Probability(p.Next); math.Abs(got-p.Probability) > 1e-12 {
			t.Errorf("k=%d: Probability(%v) = %g, want %g", k, p.Next, got, p.Probability)
		}
		// The unlisted class (next 15) is still in the mixture.
		cubic := ints(15, 17)[:k]
		pc := res.Probability(cubic)
		if pc <= 0 || pc >= res.Other {
			t.Errorf("k=%d: Probability(cubic) = %g, want in (0, Other=%g)", k, pc, res.Other)
		}
		// An unpredicted continuation gets its literal weight.
		odd := ints(11, 12)[:k]
		lit := float64(-dsl.LiteralBits(append(ints(2, 4, 6, 8), odd...)))
		// The literal of n+k terms and the mixture's base agree.
		if got, want := res.Log2Probability(odd)-res.Log2Probability(cubic), lit+float64(res.mixtureBits(cubic)); math.Abs(got-want) > 1e-9 {
			t.Errorf("k=%d: log2 P(odd)/P(cubic) = %g, want %g", k, got, want)
		}
		if !math.IsNaN(res.Probability(ints(1, 2, 3))) {
			t.Errorf("k=%d: a continuation of the wrong length should be NaN", k)
		}
	}
}

// mixtureBits is the length of the class continuing with next.
func (r *Result) mixtureBits(next []*big.Int) int {
	for _, m := range r.mixture {
		if compareTuples(m.next, next) == 0 {
			return m.bits
		}
	}
	return -1
}

// The probabilities of every continuation sum to 1: the classes plus the
// literal weight of all the others. Summed over |v| <= 2^16; the literal
// tail beyond holds a few percent of the literal mass, itself a tiny share
// of Z when a short program is found.
func TestProbabilityNormalised(t *testing.T) {
	res, err := Predict(context.Background(), ints(1, 2, 3), Options{
		Engine: fakeEngine(t, "a(n) = n; n >= 1", "a(n) = n + (n/3)*7; n >= 1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for v := int64(-1 << 16); v <= 1<<16; v++ {
		total += res.Probability(ints(v))
	}
	if math.Abs(total+res.Unseen-1) > 1e-3 {
		t.Errorf("sum of probabilities = %g, plus %g beyond the horizon, want 1", total, res.Unseen)
	}
}
