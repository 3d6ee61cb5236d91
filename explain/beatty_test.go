package explain

import (
	"context"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// TestBeatty explains a Beatty sequence: the fitted program is the best
// one, and the walk-through says why it has no contrived rival. The terms
// are OEIS A022844, floor(n*Pi) (CC BY-SA 4.0).
func TestBeatty(t *testing.T) {
	terms := ints(0, 3, 6, 9, 12, 15, 18, 21, 25, 28, 31, 34, 37, 40, 43)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Top:     AllClasses,
		Engine:  search.Reference,
		Search:  search.Options{MaxBits: 16, Margin: 4},
		Fitters: []predict.Fitter{fit.Beatty},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(res, 3)
	if err != nil {
		t.Fatal(err)
	}
	if best := w.Compression.BestProgram; best != "a(n) = floor(n*pi)" {
		t.Fatalf("best program %q", best)
	}
	if w.Contrived != nil || !strings.Contains(w.NoContrived, "real constant") {
		t.Errorf("contrived %+v, none because %q", w.Contrived, w.NoContrived)
	}
	if text := w.Text(); !strings.Contains(text, "a(n) = floor(n*pi)") || !strings.Contains(text, "floor(n*pi)") {
		t.Errorf("the walk-through does not show the program:\n%s", text)
	}
}

// TestPower explains the rounded powers of e, OEIS A000149 (CC BY-SA
// 4.0): the fitted program is the best one, without a contrived rival.
func TestPower(t *testing.T) {
	terms := ints(1, 2, 7, 20, 54, 148, 403, 1096, 2980, 8103, 22026, 59874, 162754, 442413, 1202604)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Top:     AllClasses,
		Engine:  search.Reference,
		Search:  search.Options{MaxBits: 16, Margin: 4},
		Fitters: []predict.Fitter{fit.Power},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(res, 3)
	if err != nil {
		t.Fatal(err)
	}
	if best := w.Compression.BestProgram; best != "a(n) = floor(e^n)" {
		t.Fatalf("best program %q", best)
	}
	if w.Contrived != nil || !strings.Contains(w.NoContrived, "powers of a real constant") {
		t.Errorf("contrived %+v, none because %q", w.Contrived, w.NoContrived)
	}
}
