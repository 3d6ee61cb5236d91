package explain

import (
	"context"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// TestSqrtCF explains a continued fraction: the fitted program is the best
// one, and the walk-through says why it has no contrived rival instead of
// calling it the terms written out. The terms are OEIS A040333, the
// continued fraction for sqrt(352) (CC BY-SA 4.0).
func TestSqrtCF(t *testing.T) {
	terms := ints(18, 1, 3, 5, 9, 5, 3, 1, 36, 1, 3, 5, 9, 5, 3)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Top:     AllClasses,
		Engine:  search.Reference,
		Search:  search.Options{MaxBits: 16, Margin: 4},
		Fitters: []predict.Fitter{fit.ContinuedFraction},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(res, 3)
	if err != nil {
		t.Fatal(err)
	}
	if best := w.Compression.BestProgram; best != "a = cf(sqrt(352))" {
		t.Fatalf("best program %q", best)
	}
	if w.Contrived != nil || !strings.Contains(w.NoContrived, "continued fraction") {
		t.Errorf("contrived %+v, none because %q", w.Contrived, w.NoContrived)
	}
	if text := w.Text(); !strings.Contains(text, "a = cf(sqrt(352))") {
		t.Errorf("the walk-through does not show the program:\n%s", text)
	}
}
