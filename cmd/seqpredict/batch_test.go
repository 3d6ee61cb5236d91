package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// batchLine is what the tests read back from a JSON output line.
type batchLine struct {
	ID          string `json:"id"`
	Terms       []string
	Found       bool
	Predictions []struct {
		Next        []string
		Probability float64
	}
	Expected []string
	Correct  *bool
	Verdict  string
	LogLoss  *float64 `json:"log_loss_bits"`
}

// runBatchCmd runs `seqpredict batch` with a small budget.
func runBatchCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"batch", "--max-bits", "20"}, args...)
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func parseBatchLines(t *testing.T, s string) []batchLine {
	t.Helper()
	var lines []batchLine
	for i, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if l == "" {
			continue
		}
		var b batchLine
		if err := json.Unmarshal([]byte(l), &b); err != nil {
			t.Fatalf("output line %d is not JSON: %v\n%s", i+1, err, l)
		}
		lines = append(lines, b)
	}
	return lines
}

func ids(lines []batchLine) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.ID)
	}
	return out
}

func batchFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	data := []byte(content)
	if strings.HasSuffix(name, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		data = buf.Bytes()
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// sequences are quick to predict with --max-bits 20.
var batchSequences = []string{
	"2,4,6,8,10,12,14", "1,4,9,16,25,36,49", "3,5,7,9,11,13,15", "5,-17,123,4,999,3,7",
	"1,2,3,4,5,6,7", "0,0,0,0,0,0,0", "7,7,7,7,7,7,7", "1,3,5,7,9,11,13", "10,20,30,40,50,60,70",
	"1,2,4,8,16,32,64", "0,1,4,9,16,25,36", "-1,-2,-3,-4,-5,-6,-7",
}

func TestBatchFormats(t *testing.T) {
	dir := t.TempDir()
	oeis := batchFile(t, dir, "stripped.gz", "# OEIS-style\nA000005 ,2,4,6,8,10,\nA000290 ,0,1,4,9,16,25,\n")
	tsv := batchFile(t, dir, "puzzles.tsv", "id\tterms\tanswer\tsource\nP0001\t2,4,6,8\t10\tsomewhere\nP0002\t3,5,7,9\t12\tsomewhere\nP0003\t1,2,3\t\tno answer\n")
	bare := batchFile(t, dir, "bare.txt", "# bare terms\n1, 2, 3, 4\n\n5 10 15 20\n")
	code, out, errs := runBatchCmd(t, "", "--jobs", "3", oeis, tsv, bare)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := parseBatchLines(t, out)
	want := []string{"A000005", "A000290", "P0001", "P0002", "P0003", bare + ":2", bare + ":4"}
	if !slices.Equal(ids(lines), want) {
		t.Fatalf("ids %v, want %v", ids(lines), want)
	}
	next := map[string]string{"A000005": "12", "A000290": "36", "P0001": "10", "P0002": "11", "P0003": "4", bare + ":2": "5", bare + ":4": "25"}
	for _, l := range lines {
		if len(l.Predictions) == 0 || l.Predictions[0].Next[0] != next[l.ID] {
			t.Errorf("%s: predictions %+v, want %s first", l.ID, l.Predictions, next[l.ID])
		}
	}
	// The answer column is scored; the others are not.
	if p := lines[2]; !slices.Equal(p.Expected, []string{"10"}) || p.Correct == nil || !*p.Correct || p.Verdict != "right" || p.LogLoss == nil {
		t.Errorf("P0001 should be right against its answer: %+v", p)
	}
	if p := lines[3]; p.Verdict != "wrong" || *p.Correct {
		t.Errorf("P0002 (answer 12, predicted 11) should be wrong: %+v", p)
	}
	for _, l := range []batchLine{lines[0], lines[4], lines[6]} {
		if l.Expected != nil || l.Correct != nil || l.Verdict != "" {
			t.Errorf("%s is not scored: %+v", l.ID, l)
		}
	}
	for _, s := range []string{"sequences 7", "scored 2: right 1, wrong 1"} {
		if !strings.Contains(errs, s) {
			t.Errorf("summary lacks %q:\n%s", s, errs)
		}
	}
}

func TestBatchStdin(t *testing.T) {
	for _, args := range [][]string{nil, {"-"}} {
		code, out, errs := runBatchCmd(t, "2 4 6 8\nA1 ,1,3,5,7,\n", args...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if got := ids(parseBatchLines(t, out)); !slices.Equal(got, []string{"stdin:1", "A1"}) {
			t.Errorf("args %v: ids %v", args, got)
		}
	}
}

func TestBatchBadLines(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "in.txt", "A1 2,4,6,8\n1, 2, x\nA3 1 3 5 7\nP4\tfoo\nA5 3,6,9,12\n")
	code, out, errs := runBatchCmd(t, "", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := ids(parseBatchLines(t, out)); !slices.Equal(got, []string{"A1", "A3", "A5"}) {
		t.Errorf("ids %v", got)
	}
	for _, s := range []string{in + `:2: bad term "x"`, in + `:4: bad term "foo"`, "bad lines 2"} {
		if !strings.Contains(errs, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errs)
		}
	}

	code, out, errs = runBatchCmd(t, "", "--strict", "--jobs", "1", in)
	if code != exitUsage {
		t.Errorf("--strict: exit %d, want %d", code, exitUsage)
	}
	if got := ids(parseBatchLines(t, out)); !slices.Equal(got, []string{"A1"}) {
		t.Errorf("--strict: ids %v, want the lines before the bad one", got)
	}
	if !strings.Contains(errs, in+":2:") || strings.Contains(errs, in+":4:") || !strings.Contains(errs, "sequences 1") {
		t.Errorf("--strict: stderr\n%s", errs)
	}
}

func readSummary(t *testing.T, path string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBatchScoringModes(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "in.txt", "A1 2,4,6,8,10,12\nA2 1,4,9,16,25,36\nA3 1,2,3\nA4 5,-17,123,4,999,3\nA5 1,2,3,4,5,99\n")
	sumPath := filepath.Join(dir, "summary.json")

	code, out, errs := runBatchCmd(t, "", "--given", "4", "--next", "2", "--summary", sumPath, in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := parseBatchLines(t, out)
	if !slices.Equal(ids(lines), []string{"A1", "A2", "A4", "A5"}) {
		t.Fatalf("--given: ids %v (A3 is too short)", ids(lines))
	}
	a1 := lines[0]
	if !slices.Equal(a1.Terms, []string{"2", "4", "6", "8"}) || !slices.Equal(a1.Expected, []string{"10", "12"}) ||
		!slices.Equal(a1.Predictions[0].Next, []string{"10", "12"}) || a1.Verdict != "right" {
		t.Errorf("--given 4 --next 2: %+v", a1)
	}
	if v := lines[3].Verdict; v != "wrong" { // 1,2,3,4 then 5,99: predicted 5,6
		t.Errorf("A5: verdict %q, want wrong", v)
	}
	s := readSummary(t, sumPath)
	if s["sequences"] != 4.0 || s["skipped"] != 1.0 || s["scored"] != 4.0 || s["right"] != 2.0 || s["wrong"] != 1.0 || s["unanswered"] != 1.0 {
		t.Errorf("--given summary %v", s)
	}

	code, out, errs = runBatchCmd(t, "", "--holdout", "2", "--summary", sumPath, "--format", "tsv", in)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []string{
		"id\tnext\tprobability\tprogram\tbits\tverdict\tfile\tline",
		"A1\t10,12\t", "A2\t25,36\t", "A3\t", "A4\t", "A5\t5,6\t",
	}
	if len(rows) != len(want) {
		t.Fatalf("--holdout tsv:\n%s", out)
	}
	for i, w := range want {
		if !strings.HasPrefix(rows[i], w) {
			t.Errorf("--holdout row %d = %q, want prefix %q", i, rows[i], w)
		}
	}
	if !strings.HasSuffix(rows[1], "\tright\t0\t1") || !strings.HasSuffix(rows[5], "\twrong\t0\t5") || !strings.HasSuffix(rows[4], "\tunanswered\t0\t4") {
		t.Errorf("--holdout verdicts:\n%s", out)
	}
	s = readSummary(t, sumPath)
	if s["sequences"] != 5.0 || s["skipped"] != 0.0 || s["right"] != 3.0 {
		t.Errorf("--holdout summary %v", s)
	}

	// --holdout 3 leaves A3 (three terms) nothing to predict from.
	code, _, errs = runBatchCmd(t, "", "--holdout", "3", "--summary", sumPath, in)
	if s = readSummary(t, sumPath); code != exitOK || s["skipped"] != 1.0 {
		t.Errorf("--holdout 3: exit %d, summary %v\n%s", code, s, errs)
	}
}

func TestBatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "in.txt", "1 2 3\n")
	for _, args := range [][]string{
		{"--given", "3", "--holdout", "1", in},
		{"--holdout", "2", "--next", "3", in},
		{"--resume", in},
		{"--shard", "2/2", in},
		{"--shard", "x", in},
		{"--format", "csv", in},
		{"--jobs", "0", in},
		{"--max-bits", "0", in},
		{filepath.Join(dir, "missing.txt")},
		{"--no-such-flag", in},
	} {
		if code, _, errs := runBatchCmd(t, "", args...); code != exitUsage || !strings.HasPrefix(errs, "seqpredict: ") {
			t.Errorf("%v: exit %d, stderr %q; want a usage error", args, code, errs)
		}
	}
	missing := filepath.Join(dir, "missing.txt")
	_, _, errs := runBatchCmd(t, "", missing)
	if want := "seqpredict: batch: cannot read " + missing + ": no such file or directory"; !strings.HasPrefix(errs, want) {
		t.Errorf("missing file: stderr %q, want %q", errs, want)
	}
	code, out, _ := runBatchCmd(t, "", "--help")
	if code != exitOK || !strings.Contains(out, "--shard") || !strings.Contains(out, "--given") {
		t.Errorf("--help: %d %s", code, out)
	}
}

// manySequences writes n lines cycling through batchSequences, with ids.
func manySequences(t *testing.T, dir string, n int) (string, []string) {
	var b strings.Builder
	var want []string
	for i := range n {
		id := fmt.Sprintf("S%03d", i)
		fmt.Fprintf(&b, "%s\t%s\n", id, batchSequences[i%len(batchSequences)])
		want = append(want, id)
		if i%10 == 0 {
			b.WriteString("# a comment\n")
		}
	}
	return batchFile(t, dir, "many.tsv", b.String()), want
}

// predictionsOf drops what changes from run to run (the timings).
func predictionsOf(lines []batchLine) []string {
	var out []string
	for _, l := range lines {
		s := l.ID
		for _, p := range l.Predictions {
			s += fmt.Sprintf(" %v:%.6f", p.Next, p.Probability)
		}
		out = append(out, s)
	}
	return out
}

func TestBatchOrderWithJobs(t *testing.T) {
	dir := t.TempDir()
	in, want := manySequences(t, dir, 40)
	var first []string
	for _, jobs := range []string{"1", "4", "16"} {
		code, out, errs := runBatchCmd(t, "", "--jobs", jobs, "--holdout", "1", in)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		lines := parseBatchLines(t, out)
		if !slices.Equal(ids(lines), want) {
			t.Fatalf("--jobs %s: ids out of order: %v", jobs, ids(lines))
		}
		got := predictionsOf(lines)
		if first == nil {
			first = got
		} else if !slices.Equal(got, first) {
			t.Errorf("--jobs %s predicts differently from --jobs 1", jobs)
		}
	}
}

func TestBatchResume(t *testing.T) {
	for _, format := range []string{"json", "tsv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			in, want := manySequences(t, dir, 30)
			full := filepath.Join(dir, "full.out")
			if code, _, errs := runBatchCmd(t, "", "--format", format, "--out", full, in); code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			whole, _ := os.ReadFile(full)

			// An interrupted run: 12 complete lines (plus the TSV header)
			// and half of the next.
			rows := strings.SplitAfter(string(whole), "\n")
			keep := 12
			if format == "tsv" {
				keep++
			}
			partial := strings.Join(rows[:keep], "") + rows[keep][:len(rows[keep])/2]
			out := filepath.Join(dir, "resumed.out")
			os.WriteFile(out, []byte(partial), 0o644)

			sumPath := filepath.Join(dir, "summary.json")
			code, stdout, errs := runBatchCmd(t, "", "--format", format, "--out", out, "--resume", "--summary", sumPath, in)
			if code != exitOK || stdout != "" {
				t.Fatalf("exit %d, stdout %q: %s", code, stdout, errs)
			}
			if s := readSummary(t, sumPath); s["resumed"] != 12.0 || s["sequences"] != 18.0 {
				t.Errorf("resumed summary %v", s)
			}
			resumed, _ := os.ReadFile(out)
			if format == "json" {
				a, b := parseBatchLines(t, string(whole)), parseBatchLines(t, string(resumed))
				if !slices.Equal(ids(b), want) {
					t.Errorf("ids after resume: %v", ids(b))
				}
				if !slices.Equal(predictionsOf(a), predictionsOf(b)) {
					t.Error("the resumed run predicts differently")
				}
			} else if string(resumed) != string(whole) {
				t.Errorf("tsv after resume:\n%s\nwant\n%s", resumed, whole)
			}

			// Resuming in the other format is refused.
			other := map[string]string{"json": "tsv", "tsv": "json"}[format]
			if code, _, errs := runBatchCmd(t, "", "--format", other, "--out", out, "--resume", in); code != exitUsage || !strings.Contains(errs, "holds "+format+" output") {
				t.Errorf("resuming %s output as %s: exit %d, %s", format, other, code, errs)
			}

			// Resuming a complete run does nothing.
			code, _, errs = runBatchCmd(t, "", "--format", format, "--out", out, "--resume", "--summary", sumPath, in)
			again, _ := os.ReadFile(out)
			if s := readSummary(t, sumPath); code != exitOK || s["sequences"] != 0.0 || string(again) != string(resumed) {
				t.Errorf("resuming a complete run: exit %d, %v\n%s", code, s, errs)
			}
		})
	}
}

func TestBatchShards(t *testing.T) {
	dir := t.TempDir()
	in, want := manySequences(t, dir, 25)
	// A bad line and a short one, each to be reported by one shard only.
	data, _ := os.ReadFile(in)
	data = append(data, "BAD\t1,2,zz\nSHORT\t1\n"...)
	os.WriteFile(in, data, 0o644)
	var all []string
	bad := 0
	for i := range 4 {
		out := filepath.Join(dir, fmt.Sprintf("out.%d.jsonl", i))
		code, _, errs := runBatchCmd(t, "", "--shard", fmt.Sprintf("%d/4", i), "--holdout", "1", "--out", out, in)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, errs)
		}
		bad += strings.Count(errs, "bad term")
		got, _ := os.ReadFile(out)
		for j, id := range ids(parseBatchLines(t, string(got))) {
			var n int
			fmt.Sscanf(id, "S%d", &n)
			if n%4 != i {
				t.Errorf("shard %d line %d: %s", i, j, id)
			}
			all = append(all, id)
		}
	}
	slices.Sort(all)
	if !slices.Equal(all, want) {
		t.Errorf("the union of the shards:\n%v\nwant\n%v", all, want)
	}
	if bad != 1 {
		t.Errorf("the bad line was reported %d times", bad)
	}
}
