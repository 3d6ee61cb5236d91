package batch

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"math"
	"testing"
)

// TestTenths: the finer bins near 1 merge into the last tenth, counts and
// means weighted by count, and the calibration error is the count-weighted
// mean gap.
func TestTenths(t *testing.T) {
	bins := []CalibrationEntry{
		{Low: 0, High: 0.1, Count: 10, Predicted: 0.05, Observed: 0.1},
		{Low: 0.3, High: 0.4, Count: 4, Predicted: 0.35, Observed: 0.25},
		{Low: 0.9, High: 0.99, Count: 10, Predicted: 0.95, Observed: 0.9},
		{Low: 0.99, High: 0.999, Count: 20, Predicted: 0.995, Observed: 1},
		{Low: 0.999, High: 1, Count: 10, Predicted: 0.9995, Observed: 0.8},
	}
	got := Tenths(bins)
	if len(got) != 3 {
		t.Fatalf("tenths %+v", got)
	}
	last := got[2]
	wantP := (10*0.95 + 20*0.995 + 10*0.9995) / 40
	if last.Low != 0.9 || last.High != 1 || last.Count != 40 || math.Abs(last.Predicted-wantP) > 1e-12 ||
		math.Abs(last.Observed-(9+20+8)/40.0) > 1e-12 {
		t.Errorf("last tenth %+v", last)
	}
	if got[1].Low != 0.3 || got[1].Count != 4 {
		t.Errorf("second tenth %+v", got[1])
	}
	wantECE := (10*0.05 + 4*0.1 + 40*math.Abs(37/40.0-wantP)) / 54
	if e := calibrationError(got); math.Abs(e-wantECE) > 1e-12 {
		t.Errorf("calibration error %g, want %g", e, wantECE)
	}
	if e := calibrationError(nil); e != 0 {
		t.Errorf("calibration error of nothing %g", e)
	}
}

// TestPlotCalibration draws the diagram of a summary, and of an empty
// one, in both formats.
func TestPlotCalibration(t *testing.T) {
	full := SummaryReport{Calibration: []CalibrationEntry{
		{Low: 0, High: 0.1, Count: 500, Predicted: 0.01, Observed: 0.02},
		{Low: 0.5, High: 0.6, Count: 3, Predicted: 0.55, Observed: 1},
		{Low: 0.999, High: 1, Count: 9000, Predicted: 0.9999, Observed: 0.998},
	}}
	for _, r := range []SummaryReport{full, {}} {
		img, err := r.PlotCalibration("png")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := img.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := png.Decode(&buf); err != nil {
			t.Errorf("not a PNG: %v", err)
		}
		img, err = r.PlotCalibration("svg")
		if err != nil {
			t.Fatal(err)
		}
		buf.Reset()
		if _, err := img.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(buf.Bytes(), new(struct{})); err != nil {
			t.Errorf("not XML: %v", err)
		}
	}
	if _, err := full.PlotCalibration("pdf"); err == nil {
		t.Error("a pdf plot did not fail")
	}
}

func TestPlotFormat(t *testing.T) {
	for name, want := range map[string]string{"a.png": "png", "dir/B.SVG": "svg", "x.pdf": "", "png": "", "": ""} {
		got, err := PlotFormat(name)
		if got != want || (err == nil) != (want != "") {
			t.Errorf("PlotFormat(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}
