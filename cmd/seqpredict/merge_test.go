package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runMergeCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"merge"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// runOnly are the figures of a run's summary that are not in its records.
var runOnly = []string{"skipped", "bad_lines", "errors", "resumed", "interrupted", "merged_files", "total_seconds", "sequences_per_second"}

// recordSummary is a summary file without the figures of runOnly, nor
// the times when dropTimes.
func recordSummary(t *testing.T, path string, dropTimes bool) string {
	t.Helper()
	m := readSummary(t, path)
	for _, k := range runOnly {
		delete(m, k)
	}
	if dropTimes {
		delete(m, "median_seconds")
		delete(m, "p95_seconds")
	}
	return fmt.Sprint(m)
}

// The summary merge gives of a shard's output is the one the shard's run
// gave; the shards merged are the single-process run, records and
// summary, but for the times.
func TestMergeShards(t *testing.T) {
	dir := t.TempDir()
	in, _ := manySequences(t, dir, 30)
	single, singleSum := filepath.Join(dir, "single.jsonl"), filepath.Join(dir, "single.json")
	if code, _, errs := runBatchCmd(t, "", "--holdout", "1", "--out", single, "--summary", singleSum, in); code != exitOK {
		t.Fatalf("single run: exit %d: %s", code, errs)
	}
	var outs []string
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("out.%d.jsonl", i))
		sum := filepath.Join(dir, fmt.Sprintf("summary.%d.json", i))
		code, _, errs := runBatchCmd(t, "", "--holdout", "1", "--shard", fmt.Sprintf("%d/3", i), "--out", out, "--summary", sum, in)
		if code != exitOK {
			t.Fatalf("shard %d: exit %d: %s", i, code, errs)
		}
		outs = append(outs, out)
		merged := filepath.Join(dir, fmt.Sprintf("merged.%d.json", i))
		if code, _, errs := runMergeCmd("--summary", merged, out); code != exitOK {
			t.Fatalf("merge of shard %d: exit %d: %s", i, code, errs)
		}
		if got, want := recordSummary(t, merged, false), recordSummary(t, sum, false); got != want {
			t.Errorf("shard %d: merge says\n%s\nthe run said\n%s", i, got, want)
		}
	}

	all, allSum := filepath.Join(dir, "all.jsonl"), filepath.Join(dir, "all.json")
	code, stdout, errs := runMergeCmd("--out", all, "--summary", allSum, outs[2], outs[0], outs[1])
	if code != exitOK || errs != "" {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	for _, want := range []string{"merged 3 files: sequences 30:", "scored 30: right ", "calibration"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("merge's summary lacks %q:\n%s", want, stdout)
		}
	}
	got, _ := os.ReadFile(all)
	want, _ := os.ReadFile(single)
	gotLines, wantLines := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	if len(gotLines) != len(wantLines) {
		t.Fatalf("merged %d lines, the single run %d", len(gotLines), len(wantLines))
	}
	for i := range wantLines {
		if wantLines[i] == "" {
			continue
		}
		if g, w := dropElapsed(t, gotLines[i]), dropElapsed(t, wantLines[i]); g != w {
			t.Fatalf("line %d: merged\n%s\nthe single run\n%s", i+1, g, w)
		}
	}
	if g, w := recordSummary(t, allSum, true), recordSummary(t, singleSum, true); g != w {
		t.Errorf("merged summary\n%s\nthe single run's\n%s", g, w)
	}
}

func TestMergeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	good := batchFile(t, dir, "good.jsonl", `{"id":"S1","input":{"file":0,"line":1},"terms":["1"],"found":false,"predictions":[],"stats":{"elapsed_ms":1}}`+"\n")
	bad := batchFile(t, dir, "bad.jsonl", "{\"id\":\"S1\",\"input\":{\"file\":0,\"line\":1},\"terms\":[\"1\"]}\nnot json\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--bogus", good}, "seqpredict: unknown flag: --bogus"},
		{[]string{filepath.Join(dir, "none.jsonl")}, "seqpredict: merge: cannot read " + filepath.Join(dir, "none.jsonl") + ": no such file or directory"},
		{[]string{bad}, "seqpredict: merge: " + bad + ":2: not a JSON output record (merge reads the JSON Lines of batch, not --format tsv)"},
		{[]string{good, good}, "seqpredict: merge: " + good + ":1: S1 (input file 0 line 1) was already read at " + good + ":1 (do the shards overlap?)"},
		{[]string{"--out", good, good}, "seqpredict: merge: the output " + good + " is one of the inputs"},
	} {
		code, stdout, errs := runMergeCmd(c.args...)
		if code != exitUsage || stdout != "" || errs != c.want+"\n" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", c.args, code, stdout, errs, c.want)
		}
	}
	code, stdout, _ := runMergeCmd("--help")
	if code != exitOK || !strings.Contains(stdout, "Usage:\n  seqpredict merge") || !strings.Contains(stdout, "--summary") {
		t.Errorf("--help: exit %d\n%s", code, stdout)
	}
}
