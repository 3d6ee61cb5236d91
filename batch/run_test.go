package batch

import (
	"context"
	"errors"
	"iter"
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

func numbered(n int) iter.Seq[Task] {
	return func(yield func(Task) bool) {
		for i := range n {
			if !yield(Task{Record: Record{ID: itoa(i), Pos: i}}) {
				return
			}
		}
	}
}

// Outcomes come out in input order whatever order the jobs finish in.
func TestRunOrder(t *testing.T) {
	for _, jobs := range []int{1, 3, 8} {
		var got []string
		solve := func(ctx context.Context, t Task) (*Outcome, bool) {
			time.Sleep(time.Duration(rand.IntN(300)) * time.Microsecond)
			return &Outcome{Task: t}, true
		}
		err := Run(context.Background(), jobs, numbered(200), solve, func(o *Outcome) error {
			got = append(got, o.ID)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 200 {
			t.Fatalf("jobs %d: %d outcomes, want 200", jobs, len(got))
		}
		for i, id := range got {
			if id != itoa(i) {
				t.Fatalf("jobs %d: outcome %d is %s", jobs, i, id)
			}
		}
	}
}

// After a cancellation the emitted outcomes are a prefix of the input: the
// ones that finished, up to the first abandoned one.
func TestRunCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []string
	var started atomic.Int64
	solve := func(ctx context.Context, t Task) (*Outcome, bool) {
		started.Add(1)
		if t.Pos%5 == 4 { // a slow one: only an interruption ends it
			<-ctx.Done()
			return nil, false
		}
		return &Outcome{Task: t}, true
	}
	err := Run(ctx, 4, numbered(1000), solve, func(o *Outcome) error {
		got = append(got, o.ID)
		if len(got) == 4 {
			cancel()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "0 1 2 3" {
		t.Errorf("emitted %v, want 0 1 2 3", got)
	}
	if n := started.Load(); n > 100 {
		t.Errorf("%d tasks started: the run should stop taking tasks", n)
	}
}

func TestRunEmitError(t *testing.T) {
	boom := errors.New("disk full")
	n := 0
	err := Run(context.Background(), 2, numbered(100), func(ctx context.Context, t Task) (*Outcome, bool) {
		return &Outcome{Task: t}, true
	}, func(o *Outcome) error {
		if n++; n == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || n != 10 {
		t.Errorf("err %v after %d emits, want disk full after 10", err, n)
	}
}

// outcome predicts terms for real, with a small budget.
func outcome(t *testing.T, terms, expected []*big.Int) *Outcome {
	t.Helper()
	next := max(len(expected), 1)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Next: next, Search: search.Options{MaxBits: 22, Workers: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	res.Elapsed = time.Millisecond // the time the summary reads, from the record
	return &Outcome{Task: Task{Record: Record{ID: "x", Key: Key{Line: 1}}, Input: terms, Expected: expected, Next: next}, Result: res, Elapsed: time.Millisecond}
}

func TestOutcomeAndSummary(t *testing.T) {
	right := outcome(t, ints(2, 4, 6, 8, 10), ints(12))
	wrong := outcome(t, ints(2, 4, 6, 8, 10), ints(13))
	right2 := outcome(t, ints(3, 6, 9, 12), ints(15, 18))
	none := outcome(t, ints(5, -17, 123, 4, 999, 3), ints(1))
	free := outcome(t, ints(1, 2, 3), nil)
	for _, c := range []struct {
		o *Outcome
		v Verdict
	}{{right, Right}, {wrong, Wrong}, {right2, Right}, {none, Unanswered}, {free, NotScored}} {
		if got := c.o.Verdict(); got != c.v {
			t.Errorf("%v -> %v: verdict %q, want %q", c.o.Input, c.o.Expected, got, c.v)
		}
	}
	// The log-loss of the right answer is its listed probability; the
	// wrong one still has a probability, from the literal programs.
	if lp, p := right.Log2Prob(), right.Result.Predictions[0].Probability; math.Abs(math.Exp2(lp)-p) > 1e-12 {
		t.Errorf("P(right) = %g, want %g", math.Exp2(lp), p)
	}
	if lp := wrong.Log2Prob(); math.IsNaN(lp) || math.IsInf(lp, 0) || lp >= -10 {
		t.Errorf("log2 P(wrong) = %g, want finite and small", lp)
	}
	if !math.IsNaN(free.Log2Prob()) {
		t.Error("an unscored outcome has no log-loss")
	}

	var s Summary
	for _, o := range []*Outcome{right, wrong, right2, none, free} {
		s.Add(o)
	}
	s.Add(&Outcome{Err: errors.New("boom")})
	s.Skipped = 2
	r := s.Report(time.Second)
	if r.Sequences != 5 || r.Answered != 4 || r.Unanswered != 1 || r.Scored != 4 || r.Right != 2 || r.Wrong != 1 ||
		r.Errors != 1 || r.Skipped != 2 || r.Accuracy != 0.5 || math.Abs(r.Precision-2.0/3) > 1e-12 {
		t.Errorf("report %+v", r)
	}
	wantLoss := -(right.Log2Prob() + wrong.Log2Prob() + right2.Log2Prob() + none.Log2Prob()) / 4
	if math.Abs(r.MeanLogLossBits-wantLoss) > 1e-9 {
		t.Errorf("mean log-loss %g, want %g", r.MeanLogLossBits, wantLoss)
	}
	n := 0
	for _, c := range r.Calibration {
		n += c.Count
		if c.Predicted < c.Low || c.Predicted > c.High || c.Observed < 0 || c.Observed > 1 {
			t.Errorf("calibration bin %+v", c)
		}
	}
	withPrediction := 0 // the scored outcomes with a top prediction
	for _, o := range []*Outcome{right, wrong, right2, none} {
		if len(o.Result.Predictions) > 0 {
			withPrediction++
		}
	}
	if n != withPrediction {
		t.Errorf("calibration counts %d sequences: %+v", n, r.Calibration)
	}
	if r.MedianSeconds != 0.001 || r.PerSecond != 5 {
		t.Errorf("median %g, per second %g", r.MedianSeconds, r.PerSecond)
	}
	var text strings.Builder
	r.WriteText(&text)
	for _, want := range []string{"sequences 5", "right 2, wrong 1, unanswered 1", "accuracy 50.0%", "calibration"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("summary text lacks %q:\n%s", want, text.String())
		}
	}
}

func TestQuantile(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	sort.Float64s(xs)
	if q := quantile(xs, 0.5); q != 5.5 {
		t.Errorf("median %g", q)
	}
	if q := quantile(xs, 0.95); math.Abs(q-9.55) > 1e-12 {
		t.Errorf("p95 %g", q)
	}
	if q := quantile([]float64{3}, 0.95); q != 3 {
		t.Errorf("p95 of one %g", q)
	}
}

func TestTSVAndJSONLines(t *testing.T) {
	o := outcome(t, ints(2, 4, 6, 8, 10), ints(12))
	o.ID = "P7"
	tsv := string(o.TSVLine())
	cols := strings.Split(strings.TrimSuffix(tsv, "\n"), "\t")
	if len(cols) != 8 || cols[0] != "P7" || cols[1] != "12" || cols[5] != "right" || cols[6] != "0" || cols[7] != "1" {
		t.Errorf("tsv line %q", tsv)
	}
	js := string(o.JSONLine())
	for _, want := range []string{`{"id":"P7",`, `"predictions":[{"next":["12"]`, `"programs":[`, `"expected":["12"]`, `"correct":true`, `"verdict":"right"`, `"log_loss_bits":`} {
		if !strings.Contains(js, want) {
			t.Errorf("json line lacks %s: %s", want, js)
		}
	}
	if strings.Count(js, "\n") != 1 || !strings.HasSuffix(js, "\n") {
		t.Errorf("json line is not one line: %q", js)
	}
	if rec, err := parseJSONRecord([]byte(js)); err != nil || rec.id != "P7" || rec.failed {
		t.Errorf("parseJSONRecord of a JSON line: %+v %v", rec, err)
	}
	if rec, err := parseTSVRecord([]byte(tsv)); err != nil || rec.id != "P7" || rec.failed {
		t.Errorf("parseTSVRecord of a TSV line: %+v %v", rec, err)
	}
}
