package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/explain"
	"github.com/seqpredict/seqpredict/predict"
)

// runExplainCmd runs the command with buffers.
func runExplainCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestExplainAgreesWithPredict checks that every figure of the walk-through
// is the one `seqpredict --json` reports for the same terms.
func TestExplainAgreesWithPredict(t *testing.T) {
	code, text, stderr := runExplainCmd("explain", "2", "4", "6", "8")
	if code != exitOK {
		t.Fatalf("explain: exit %d: %s", code, stderr)
	}
	code, js, stderr := runExplainCmd("explain", "--json", "2", "4", "6", "8")
	if code != exitOK {
		t.Fatalf("explain --json: exit %d: %s", code, stderr)
	}
	code, pjs, stderr := runExplainCmd("--json", "2", "4", "6", "8")
	if code != exitOK {
		t.Fatalf("--json: exit %d: %s", code, stderr)
	}
	var rep predict.Report
	if err := json.Unmarshal([]byte(pjs), &rep); err != nil {
		t.Fatal(err)
	}
	var w explain.Walkthrough
	if err := json.Unmarshal([]byte(js), &w); err != nil {
		t.Fatal(err)
	}

	// The JSON walk-through and the prediction agree number for number.
	if len(w.Predictions) != len(rep.Predictions) || len(w.Programs) != len(rep.Programs) {
		t.Fatalf("explain lists %d predictions and %d programs, --json %d and %d",
			len(w.Predictions), len(w.Programs), len(rep.Predictions), len(rep.Programs))
	}
	for i, p := range rep.Predictions {
		o := w.Predictions[i]
		if fmt.Sprint(o.Next) != fmt.Sprint(p.Next) || o.Probability != p.Probability {
			t.Errorf("prediction %d: explain %v %v, --json %v %v", i, o.Next, o.Probability, p.Next, p.Probability)
		}
	}
	for i, e := range rep.Programs {
		p := w.Programs[i]
		if p.Program != e.Program || p.Bits != e.Bits || p.Share != e.Posterior || fmt.Sprint(p.Next) != fmt.Sprint(e.Next) {
			t.Errorf("program %d: explain %+v, --json %+v", i, p, e)
		}
	}
	if w.Other != rep.Other {
		t.Errorf("other probability: explain %v, --json %v", w.Other, rep.Other)
	}
	s := rep.Stats
	if w.Compression.LiteralBits != s.LiteralBits || w.Compression.BestBits != s.BestBits ||
		w.Search.CompleteBits != s.CompleteBits || w.Search.Candidates != s.Candidates ||
		w.Search.Distinct != s.Distinct || w.Search.Classes != s.Classes || w.Search.Stopped != s.Stopped {
		t.Errorf("stats: explain %+v %+v, --json %+v", w.Search, w.Compression, s)
	}
	var levels int64
	for _, l := range w.Search.Levels {
		levels += l.Candidates
	}
	if levels != s.Candidates {
		t.Errorf("the levels count %d programs, --json %d", levels, s.Candidates)
	}

	// The text shows the same figures.
	if len(rep.Programs) == 0 || rep.Predictions[0].Next[0] != "10" {
		t.Fatalf("unexpected prediction for 2 4 6 8: %+v", rep)
	}
	wants := []string{
		fmt.Sprintf("These 4 numbers take %d bits written out; this %d-bit program produces them all:",
			s.LiteralBits, s.BestBits),
		fmt.Sprintf("In all %s programs up to %d bits", explain.Thousands(s.Candidates), s.CompleteBits),
		fmt.Sprintf("anything else  %s", explain.Percent(rep.Other)),
	}
	for _, e := range rep.Programs {
		wants = append(wants, fmt.Sprintf("%d  2^-%d  %s  %s  %s",
			e.Bits, e.Bits, explain.Percent(e.Posterior), strings.Join(e.Next, ", "), e.Program))
	}
	for i, p := range rep.Predictions {
		wants = append(wants, fmt.Sprintf("%s  %s  %s", strings.Join(p.Next, ", "),
			explain.Percent(p.Probability), explain.Bits(w.Predictions[i].Bits)))
	}
	squeezed := squeezeSpaces(text)
	for _, want := range wants {
		if !strings.Contains(squeezed, squeezeSpaces(want)) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	if c := w.Contrived; c == nil || !strings.Contains(squeezed, squeezeSpaces(c.Program)) ||
		!strings.Contains(squeezed, fmt.Sprintf("It takes %d bits, %d more than the best program", c.Bits, c.ExtraBits)) {
		t.Errorf("the contrived program is missing or disagrees: %+v\n%s", c, text)
	}
	for i, line := range strings.Split(text, "\n") {
		if len(line) > explain.Width {
			t.Errorf("line %d is %d columns: %q", i+1, len(line), line)
		}
	}
}

// squeezeSpaces collapses runs of spaces and line breaks, so that table
// columns and wrapped lines compare as words.
func squeezeSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestExplainPlot(t *testing.T) {
	dir := t.TempDir()
	pngFile := filepath.Join(dir, "dist.png")
	code, text, stderr := runExplainCmd("explain", "--max-bits", "26", "--plot", pngFile, "1", "1", "2", "3", "5", "8")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(text, "this 25-bit program produces them all") { // Fibonacci
		t.Errorf("Fibonacci not explained:\n%s", text)
	}
	if b := pngBounds(t, pngFile); b.Dx() < 800 || b.Dy() < 400 || b.Dx() < b.Dy() {
		t.Errorf("the PNG is %dx%d, want a wide picture of at least 800x400", b.Dx(), b.Dy())
	}

	svgFile := filepath.Join(dir, "dist.SVG")
	code, _, stderr = runExplainCmd("explain", "--max-bits", "26", "--plot", svgFile, "1", "1", "2", "3", "5", "8")
	if code != exitOK {
		t.Fatalf("svg: exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(svgFile)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, svg)
}

func TestExplainUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"explain", "--plot", filepath.Join(dir, "dist.gif"), "2", "4", "6"},
		{"explain", "--plot", filepath.Join(dir, "dist"), "2", "4", "6"},
		{"explain"},
		{"explain", "2", "x", "6"},
		{"explain", "--max-bits", "0", "2", "4", "6"},
		{"explain", "--bogus", "2", "4", "6"},
		{"explain", "--brief", "--json", "2", "4", "6"},
	} {
		code, stdout, stderr := runExplainCmd(args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
		if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "seqpredict: explain: ") {
			t.Errorf("%q: want one error line on stderr, got stdout %q, stderr %q", args, stdout, stderr)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed run left %d files", len(entries))
	}
	code, stdout, _ := runExplainCmd("explain", "--help")
	if code != exitOK || !strings.Contains(stdout, "--plot") {
		t.Errorf("explain --help: exit %d:\n%s", code, stdout)
	}
}

// TestExplainBrief checks that --brief gives the answer, the programs, the
// compression and the rival in at most 25 lines.
func TestExplainBrief(t *testing.T) {
	code, stdout, stderr := runExplainCmd("explain", "--brief", "2", "4", "6", "8")
	if code != exitOK {
		t.Fatalf("explain --brief: exit %d: %s", code, stderr)
	}
	if n := strings.Count(stdout, "\n"); n > 25 {
		t.Errorf("%d lines, want at most 25:\n%s", n, stdout)
	}
	for _, want := range []string{"2, 4, 6, 8 -> 10, with probability", "Best programs", "Compression:", "Rival:"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("explain --brief lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runExplainCmd("explain", "--brief", "4", "9", "1", "7", "2", "2", "6", "0", "3", "8")
	if code != exitNoPattern || !strings.Contains(stdout, "no pattern") {
		t.Errorf("explain --brief of digits typed at random: exit %d:\n%s", code, stdout)
	}
}
