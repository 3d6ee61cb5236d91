package explain

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"math/big"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

func ints(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

// walk predicts terms with the plain enumerator under a small budget and
// builds the walk-through.
func walk(t *testing.T, maxBits, top int, xs ...int64) (*Walkthrough, *predict.Result) {
	t.Helper()
	res, err := predict.Predict(context.Background(), ints(xs...), predict.Options{
		Top:    AllClasses,
		Engine: search.Reference,
		Search: search.Options{MaxBits: maxBits, Margin: 10},
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(res, top)
	if err != nil {
		t.Fatal(err)
	}
	return w, res
}

func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func TestBuildNeedsEveryClass(t *testing.T) {
	res, err := predict.Predict(context.Background(), ints(1, 2, 3), predict.Options{
		Top: 1, Engine: search.Reference, Search: search.Options{MaxBits: 18},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Classes > 1 {
		if _, err := Build(res, 1); err == nil {
			t.Error("Build accepted a result listing 1 of its classes")
		}
	}
	if _, err := Build(&predict.Result{}, 3); err == nil {
		t.Error("Build accepted a result that did not come from Predict")
	}
}

func TestWalkthroughFigures(t *testing.T) {
	w, res := walk(t, 18, 3, 2, 4, 6, 8)
	if !w.Found || len(w.Programs) == 0 {
		t.Fatalf("no pattern for 2 4 6 8: %+v", w)
	}
	// The listed programs and predictions are the predictor's own.
	for i, p := range w.Programs {
		e := res.Programs[i]
		if p.Program != e.Program.String() || p.Bits != e.Bits || p.Share != e.Posterior {
			t.Errorf("program %d: %+v, predictor %v %d %v", i, p, e.Program, e.Bits, e.Posterior)
		}
		if p.Weight != math.Exp2(-float64(p.Bits)) {
			t.Errorf("program %d: weight %v for %d bits", i, p.Weight, p.Bits)
		}
		// share = 2^-bits / Z
		if !near(p.Share, math.Exp2(-float64(p.Bits)-w.Log2Z)) {
			t.Errorf("program %d: share %v, 2^-bits/Z = %v", i, p.Share, math.Exp2(-float64(p.Bits)-w.Log2Z))
		}
	}
	if got := w.Programs[0]; got.Program != "a(n) = n + n; n >= 1" || got.Bits != 11 || got.Next[0] != "10" {
		t.Errorf("best program %+v, want a(n) = n + n; n >= 1 (11 bits) predicting 10", got)
	}
	for i, o := range w.Predictions {
		p := res.Predictions[i]
		if o.Probability != p.Probability {
			t.Errorf("prediction %d: %v, predictor %v", i, o.Probability, p.Probability)
		}
		if !near(o.Bits, -math.Log2(p.Probability)) {
			t.Errorf("prediction %d: %v bits for probability %v", i, o.Bits, p.Probability)
		}
	}
	// The posterior mass adds up: by length, plus the literal programs,
	// plus the unseen programs.
	sum := w.LiteralShare + w.Unseen
	for _, ls := range w.ByLength {
		sum += ls.Share
	}
	if math.Abs(sum-1) > 1e-9 {
		t.Errorf("mass by length, literal and unseen add up to %v", sum)
	}
	// Level counts are the search's.
	if len(w.Search.Levels) != len(res.Search.Levels) {
		t.Fatalf("%d levels, search has %d", len(w.Search.Levels), len(res.Search.Levels))
	}
	classes := 0
	for i, l := range w.Search.Levels {
		s := res.Search.Levels[i]
		if l.Bits != s.Bits || l.Candidates != s.Candidates || l.Distinct != s.Distinct || l.Consistent != s.Consistent {
			t.Errorf("level %d: %+v, search %+v", i, l, s)
		}
		classes += l.Classes
	}
	if classes != res.Classes {
		t.Errorf("levels hold %d classes, the mixture %d", classes, res.Classes)
	}
	c := w.Compression
	if c.LiteralBits != dsl.LiteralBits(ints(2, 4, 6, 8)) || c.LiteralBits != 34 || c.BestBits != 11 || c.SavedBits != 23 {
		t.Errorf("compression %+v", c)
	}
}

func TestContrived(t *testing.T) {
	for _, tc := range []struct {
		maxBits int
		terms   []int64
	}{
		{18, []int64{2, 4, 6, 8}},
		{26, []int64{1, 1, 2, 3, 5, 8}}, // a recurrence: the product skips the initial terms
	} {
		w, res := walk(t, tc.maxBits, 3, tc.terms...)
		c := w.Contrived
		if c == nil {
			t.Fatalf("%v: no contrived program: %s", tc.terms, w.NoContrived)
		}
		// It is a real program of the language, as long as claimed, that
		// reproduces the terms and predicts something else.
		p, err := dsl.ParseProgram(c.Program)
		if err != nil {
			t.Fatalf("%v: contrived program %q does not parse: %v", tc.terms, c.Program, err)
		}
		if p.Bits() != c.Bits {
			t.Errorf("%v: %q is %d bits, claimed %d", tc.terms, c.Program, p.Bits(), c.Bits)
		}
		vals := p.BigValues(len(tc.terms) + 1)
		for i, x := range tc.terms {
			if vals[i] == nil || vals[i].Int64() != x {
				t.Errorf("%v: %q gives %v at %d", tc.terms, c.Program, vals[i], i)
			}
		}
		if vals[len(tc.terms)].String() != c.Next[0] || c.Next[0] == w.Predictions[0].Next[0] {
			t.Errorf("%v: next %v (claimed %v, best %v)", tc.terms, vals[len(tc.terms)], c.Next, w.Predictions[0].Next)
		}
		best := w.Compression.BestBits
		if c.ExtraBits != c.Bits-best || c.Relative != math.Exp2(-float64(c.Bits-best)) {
			t.Errorf("%v: extra %d, relative %v", tc.terms, c.ExtraBits, c.Relative)
		}
		if c.InBudget != (c.Bits <= w.Search.CompleteBits) {
			t.Errorf("%v: in budget %v, %d bits, searched %d", tc.terms, c.InBudget, c.Bits, w.Search.CompleteBits)
		}
		if want := math.Exp2(res.Log2Probability(vals[len(tc.terms):])); c.MixtureProbability != want {
			t.Errorf("%v: mixture probability %v, predictor %v", tc.terms, c.MixtureProbability, want)
		}
		if c.MixtureProbability >= w.Predictions[0].Probability || c.Share >= c.MixtureProbability {
			t.Errorf("%v: the contrived continuation is not improbable: %+v", tc.terms, c)
		}
	}
}

func TestNoPattern(t *testing.T) {
	w, _ := walk(t, 12, 3, 5, 1, 4)
	if w.Found {
		t.Skip("5 1 4 compresses within 12 bits")
	}
	text := w.Text()
	if !strings.Contains(text, "no program within the budget") && !strings.Contains(text, "mere guess") {
		t.Errorf("no-pattern text does not say so:\n%s", text)
	}
}

func TestTextWidth(t *testing.T) {
	for _, terms := range [][]int64{{2, 4, 6, 8}, {1, 1, 2, 3, 5, 8}, {1, 10, 2, 20, 3, 30, 4}} {
		w, _ := walk(t, 22, 5, terms...)
		text := w.Text()
		for i, line := range strings.Split(text, "\n") {
			if len(line) > Width {
				t.Errorf("%v: line %d is %d columns: %q", terms, i+1, len(line), line)
			}
		}
		for _, want := range []string{"1. Programs by length", "2. The survivors", "3. The prediction", "4. Compression", "5. Occam's razor"} {
			if !strings.Contains(text, want) {
				t.Errorf("%v: text lacks %q", terms, want)
			}
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	w, _ := walk(t, 18, 3, 2, 4, 6, 8)
	b, err := json.Marshal(w)
	if err != nil {
		t.Fatal(err)
	}
	var back Walkthrough
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Text() != w.Text() {
		t.Error("the JSON form does not carry the same data as the text")
	}
}

func TestPlot(t *testing.T) {
	w, _ := walk(t, 18, 3, 2, 4, 6, 8)
	img, err := w.Plot("png")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := img.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != 1560 || b.Dy() != 660 {
		t.Errorf("PNG is %dx%d, want 1560x660", b.Dx(), b.Dy())
	}

	img, err = w.Plot("svg")
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if _, err := img.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if !strings.HasPrefix(text, "<?xml") && !strings.HasPrefix(text, "<svg") {
		t.Errorf("SVG starts %q", text[:min(40, len(text))])
	}
	dec := xml.NewDecoder(strings.NewReader(text))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
	}
	if _, err := w.Plot("gif"); err == nil {
		t.Error("plotting to gif did not fail")
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		want string
	}{
		{0, "0"}, {1, ">99.999999999%"}, {0.5, "50.0%"}, {0.992, "99.2%"}, {0.004, "0.4%"},
		{0.9999997620471388, "99.99998%"}, {0.9995, "99.95%"},
		{2.379528611928805e-7, "2.4e-7"}, {0.00012, "1.2e-4"},
	} {
		if got := Percent(tc.p); got != tc.want {
			t.Errorf("Percent(%v) = %q, want %q", tc.p, got, tc.want)
		}
	}
}

func TestProgramUnits(t *testing.T) {
	got := programUnits("a(n) = a(n-1) + a(n-2) + (n - 2)*(n - 3); a(0) = 1, a(1) = 1")
	want := []string{"a(n) = a(n-1)", "+ a(n-2)", "+ (n - 2)*(n - 3);", "a(0) = 1,", "a(1) = 1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("programUnits = %q, want %q", got, want)
	}
}

// TestNoContrivedForSetsAndTriangles: a product vanishing at the terms'
// indices would not keep a set's or a triangle's terms, so none is shown
// and the reason says why.
func TestNoContrivedForSetsAndTriangles(t *testing.T) {
	for _, tc := range []struct {
		program, want string
	}{
		{"a = {n >= 1 : mu(n)^2 > 0}", "a set"},
		{"T(n, k) = binomial(n, k)", "a triangle"},
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1", "a triangle recurrence"},
	} {
		p, err := dsl.ParseProgram(tc.program)
		if err != nil {
			t.Fatal(err)
		}
		terms := p.BigValues(10)
		c, why := contrive(&predict.Result{Terms: terms}, &predict.Explanation{Program: p})
		if c != nil || !strings.Contains(why, tc.want) {
			t.Errorf("%s: contrived %+v, reason %q", tc.program, c, why)
		}
	}
}
