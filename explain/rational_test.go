package explain

import (
	"context"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// TestContrivedRational checks the contrived rival of a generating
// function N/D: N/D + x^n/D, n the number of terms, which agrees on every
// given term and changes the next.
func TestContrivedRational(t *testing.T) {
	terms := ints(1, 2, 4, 7, 12, 18, 27, 38, 53, 71, 94, 121, 155, 194, 241)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Top:     AllClasses,
		Engine:  search.Reference,
		Search:  search.Options{MaxBits: 16, Margin: 4},
		Fitters: []predict.Fitter{fit.ProductGF},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(res, 3)
	if err != nil {
		t.Fatal(err)
	}
	best := w.Compression.BestProgram
	if !strings.Contains(best, "[x^n]") {
		t.Fatalf("best program %q is not the generating function", best)
	}
	c := w.Contrived
	if c == nil {
		t.Fatalf("no contrived program: %s", w.NoContrived)
	}
	p, err := dsl.ParseProgram(c.Program)
	if err != nil {
		t.Fatalf("contrived program %q does not parse: %v", c.Program, err)
	}
	if p.Kind != dsl.Rational || p.Bits() != c.Bits {
		t.Errorf("%q: kind %v, %d bits, claimed %d", c.Program, p.Kind, p.Bits(), c.Bits)
	}
	vals := p.BigValues(len(terms) + 1)
	for i, x := range terms {
		if vals[i].Cmp(x) != 0 {
			t.Errorf("%q gives %v at %d, want %v", c.Program, vals[i], i, x)
		}
	}
	if c.Next[0] != "296" || vals[len(terms)].String() != "296" {
		t.Errorf("contrived next %v (%v), want 296", c.Next, vals[len(terms)])
	}
	if c.Added != "[x^n] x^15/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))" || len(c.Zeros) != len(terms) {
		t.Errorf("added %q, zeros %v", c.Added, c.Zeros)
	}
	if text := w.Text(); !strings.Contains(text, "Add [x^n] x^15/") {
		t.Errorf("the walk-through does not show the addition:\n%s", text)
	}
}
