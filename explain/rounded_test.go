package explain

import (
	"context"
	"math/big"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// TestRounded explains a Beatty sequence and rounded powers: the fitted
// program is the best one, and the walk-through says why it has no
// contrived rival. The terms are OEIS A022844, floor(n*Pi), and A000149,
// floor(e^n) (CC BY-SA 4.0).
func TestRounded(t *testing.T) {
	for _, c := range []struct {
		terms  []*big.Int
		fitter predict.Fitter
		best   string
		why    string
	}{
		{ints(0, 3, 6, 9, 12, 15, 18, 21, 25, 28, 31, 34, 37, 40, 43), fit.Beatty, "a(n) = floor(n*pi)", "multiples of a real constant"},
		{ints(1, 2, 7, 20, 54, 148, 403, 1096, 2980, 8103, 22026, 59874, 162754, 442413, 1202604), fit.Power, "a(n) = floor(e^n)", "powers of a real constant"},
	} {
		res, err := predict.Predict(context.Background(), c.terms, predict.Options{
			Top:     AllClasses,
			Engine:  search.Reference,
			Search:  search.Options{MaxBits: 16, Margin: 4},
			Fitters: []predict.Fitter{c.fitter},
		})
		if err != nil {
			t.Fatal(err)
		}
		w, err := Build(res, 3)
		if err != nil {
			t.Fatal(err)
		}
		if best := w.Compression.BestProgram; best != c.best {
			t.Fatalf("best program %q, want %q", best, c.best)
		}
		if w.Contrived != nil || !strings.Contains(w.NoContrived, c.why) {
			t.Errorf("%s: contrived %+v, none because %q", c.best, w.Contrived, w.NoContrived)
		}
		if text := w.Text(); !strings.Contains(text, c.best) {
			t.Errorf("the walk-through does not show %s:\n%s", c.best, text)
		}
	}
}
