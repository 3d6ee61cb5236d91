package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/merge/summary.* from the current output")

// allRecords is a run's real output (see testdata/merge/README.md): 14
// sequences, right, wrong, unanswered and not scored, ids S1..S14.
const allRecords = "testdata/merge/all.jsonl"

func fileLines(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	return lines[:len(lines)-1] // after the last newline
}

// sameLines fails with the first line where got differs from want.
func sameLines(t *testing.T, want, got string) {
	t.Helper()
	w, g := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := range max(len(w), len(g)) {
		if i >= len(w) || i >= len(g) || w[i] != g[i] {
			t.Fatalf("line %d differs (%d lines, want %d)", i+1, len(g), len(w))
		}
	}
}

// shardFiles deals lines out to n files as --shard I/N does with the input
// lines, and returns their names.
func shardFiles(t *testing.T, dir string, lines []string, n int) []string {
	t.Helper()
	names := make([]string, n)
	parts := make([]strings.Builder, n)
	for i, l := range lines {
		parts[i%n].WriteString(l)
	}
	for i := range n {
		names[i] = filepath.Join(dir, fmt.Sprintf("out.%d.jsonl", i))
		require.NoError(t, os.WriteFile(names[i], []byte(parts[i].String()), 0o644))
	}
	return names
}

// recordFigures is a report without what a run keeps apart from its
// records (skipped, bad lines, errors, resumed, wall time) and without
// the count of merged files.
func recordFigures(r SummaryReport) SummaryReport {
	r.Skipped, r.Bad, r.Errors, r.Resumed, r.Interrupted = 0, 0, 0, 0, false
	r.TotalSeconds, r.PerSecond, r.Files = 0, 0, 0
	return r
}

// Merging the outputs of a run gives back the summary its Summary.Add
// made: the records hold every figure it reads.
func TestMergeEqualsTheRunsSummary(t *testing.T) {
	var run Summary
	var out bytes.Buffer
	for i, c := range []struct{ terms, expected []int64 }{
		{[]int64{2, 4, 6, 8, 10}, []int64{12}},
		{[]int64{2, 4, 6, 8, 10}, []int64{13}},
		{[]int64{3, 6, 9, 12}, []int64{15, 18}},
		{[]int64{5, -17, 123, 4, 999, 3}, []int64{1}},
		{[]int64{1, 2, 3}, nil},
		{[]int64{1, 1, 2, 3, 5, 8}, []int64{13}},
	} {
		o := outcome(t, ints(c.terms...), ints(c.expected...))
		o.ID, o.Key = fmt.Sprintf("T%d", i), Key{Line: i + 1}
		o.Result.Elapsed = time.Duration(i+1) * 1234567 * time.Nanosecond
		out.Write(o.JSONLine())
		run.Add(o)
	}
	merged, err := Merge(context.Background(), nil, &out, nil)
	require.NoError(t, err)
	want := run.Report(3 * time.Second)
	got := merged.Report(0)
	assert.Equal(t, 1, got.Files)
	assert.Equal(t, recordFigures(want), recordFigures(got))
	assert.NotEmpty(t, got.Calibration)
}

// Shards dealt out of one output merge back into it, byte for byte, with
// the summary of the whole.
func TestMergeShardsInInputOrder(t *testing.T) {
	lines := fileLines(t, allRecords)
	whole, err := MergeFile(context.Background(), []string{allRecords}, nil, "")
	require.NoError(t, err)
	for _, n := range []int{1, 3, 4, 14, 20} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dir := t.TempDir()
			names := shardFiles(t, dir, lines, n)
			out := filepath.Join(dir, "all.jsonl")
			sum, err := MergeFile(context.Background(), names, nil, out)
			require.NoError(t, err)
			got, err := os.ReadFile(out)
			require.NoError(t, err)
			sameLines(t, strings.Join(lines, ""), string(got))
			assert.Equal(t, n, sum.Files)
			assert.Equal(t, recordFigures(whole.Report(0)), recordFigures(sum.Report(0)))
		})
	}
}

// The summary of testdata/merge/all.jsonl, as text and JSON, is golden:
// go test ./batch -run TestMergeGolden -update rewrites it.
func TestMergeGolden(t *testing.T) {
	dir := t.TempDir()
	names := shardFiles(t, dir, fileLines(t, allRecords), 3)
	sum, err := Merge(context.Background(), names, nil, nil)
	require.NoError(t, err)
	rep := sum.Report(0)
	var text bytes.Buffer
	rep.WriteText(&text)
	js, err := json.MarshalIndent(rep, "", "  ")
	require.NoError(t, err)
	for path, got := range map[string][]byte{
		"testdata/merge/summary.txt":  text.Bytes(),
		"testdata/merge/summary.json": append(js, '\n'),
	} {
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
			continue
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), path)
	}
	assert.NotContains(t, text.String(), "skipped", "a merge does not know what the runs skipped")
	assert.NotContains(t, text.String(), "in all", "nor their wall time")
}

func TestMergeErrors(t *testing.T) {
	lines := fileLines(t, allRecords)
	good := strings.Join(lines[:3], "")
	for _, c := range []struct {
		name    string
		files   [][2]string // name, content; "" for a missing file
		wantErr string      // D/ is the files' folder
	}{
		{"a bad record", [][2]string{{"a.jsonl", good + "{\"id\":\"S9\",\"terms\":[\"1\"]\n"}},
			"D/a.jsonl:4: not a JSON output record: unexpected EOF"},
		{"a TSV output", [][2]string{{"a.tsv", TSVHeader + "S1\t14\t0.9\tn + n\t11\tright\n"}},
			"D/a.tsv:1: not a JSON output record (merge reads the JSON Lines of batch, not --format tsv)"},
		{"a last line cut short", [][2]string{{"a.jsonl", good + lines[3][:40]}},
			"D/a.jsonl:4: not a JSON output record: unexpected EOF; the last line has no newline: was the run killed? (batch --resume --out FILE completes it)"},
		{"overlapping shards", [][2]string{{"empty.jsonl", "\n"}, {"a.jsonl", good}, {"b.jsonl", lines[1]}},
			"D/b.jsonl:1: S2 (input file 0 line 3) was already read at D/a.jsonl:2 (do the shards overlap?)"},
		{"a file named twice", [][2]string{{"a.jsonl", good}, {"a.jsonl", good}},
			"D/a.jsonl:1: S1 (input file 0 line 2) was already read at D/a.jsonl:1 (do the shards overlap?)"},
		{"a missing file", [][2]string{{"none.jsonl", ""}},
			"cannot read D/none.jsonl: no such file or directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			var names []string
			for _, f := range c.files {
				names = append(names, filepath.Join(dir, f[0]))
				if f[1] != "" {
					require.NoError(t, os.WriteFile(names[len(names)-1], []byte(f[1]), 0o644))
				}
			}
			_, err := Merge(context.Background(), names, nil, nil)
			require.Error(t, err)
			assert.Equal(t, strings.ReplaceAll(c.wantErr, "D/", dir+"/"), err.Error())
		})
	}
}

func TestMergeStdinOnce(t *testing.T) {
	_, err := Merge(context.Background(), []string{"-", "-"}, strings.NewReader(""), nil)
	assert.ErrorContains(t, err, "standard input (-) named twice")
}

func TestMergeCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Merge(ctx, []string{allRecords}, nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

// The output file is written whole or not at all, and never over an input.
func TestMergeFileOutput(t *testing.T) {
	dir := t.TempDir()
	lines := fileLines(t, allRecords)
	names := shardFiles(t, dir, lines, 2)
	out := filepath.Join(dir, "merged.jsonl")
	require.NoError(t, os.WriteFile(out, []byte("keep me\n"), 0o644))

	_, err := MergeFile(context.Background(), names[:1], nil, names[0])
	assert.ErrorContains(t, err, "is one of the inputs")

	bad := filepath.Join(dir, "bad.jsonl")
	require.NoError(t, os.WriteFile(bad, []byte("{}\n"), 0o644))
	_, err = MergeFile(context.Background(), append(names, bad), nil, out)
	var re *RecordError
	require.True(t, errors.As(err, &re), "%v", err)
	assert.Equal(t, RecordError{Source: bad, Line: 1, Err: re.Err}, *re)
	kept, _ := os.ReadFile(out)
	assert.Equal(t, "keep me\n", string(kept), "a failed merge leaves the file as it was")

	_, err = MergeFile(context.Background(), names, nil, out)
	require.NoError(t, err)
	got, _ := os.ReadFile(out)
	sameLines(t, strings.Join(lines, ""), string(got))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 4, "no temporary file left: %v", entries)
}

func TestParseRecord(t *testing.T) {
	good := fileLines(t, allRecords)[0] // S1: scored, right
	edit := func(from, to string) string {
		require.Contains(t, good, from)
		return strings.Replace(good, from, to, 1)
	}
	r, err := ParseRecord([]byte(good))
	require.NoError(t, err)
	assert.Equal(t, "S1", r.ID)
	assert.Equal(t, Right, r.Verdict)
	assert.Equal(t, []string{"14"}, r.Expected)

	for _, c := range []struct{ line, wantErr string }{
		{"", "not a JSON output record (merge reads"},
		{"S1\t14\t0.9", "not a JSON output record (merge reads"},
		{"{", "not a JSON output record: unexpected EOF"},
		{"{} {}", "more than one value on the line"},
		{`{"terms":["1"]}`, "not a JSON output record (no id)"},
		{`{"id":"S1","terms":["1"]}`, "no input position"},
		{`{"id":"S1","input":{"file":0,"line":0},"terms":["1"]}`, "no input position"},
		{`{"id":"S1","input":{"file":0,"line":2},"error":"json: unsupported value: NaN"}`, "S1: the run could not write this prediction"},
		{`{"id":"S1","input":{"file":0,"line":2},"terms":[]}`, "S1: no terms"},
		{`{"id":"S1","input":{"file":0,"line":2}}`, "S1: no terms"},
		{`{"id":"S1","terms":"1,2"}`, "cannot unmarshal string"},
		{edit(`"verdict":"right"`, `"verdict":"wrong"`), `verdict "wrong", but found true and correct true make it "right"`},
		{edit(`"verdict":"right"`, `"verdict":"maybe"`), `verdict "maybe"`},
		{edit(`"correct":true,`, ``), "expected terms without correct"},
		{edit(`"expected":["14"],`, ``), "a verdict, correct or log-loss without the expected terms"},
		{edit(`"elapsed_ms":`, `"elapsed_ms":-`), "negative elapsed_ms"},
		{edit(`"probability":0.`, `"probability":1.`), "prediction probability 1.9"},
		{edit(`"expected_probability":0.`, `"expected_probability":-0.`), "expected_probability -0.9"},
	} {
		_, err := ParseRecord([]byte(c.line))
		if assert.Error(t, err, c.line) {
			assert.Contains(t, err.Error(), c.wantErr)
		}
	}
	// Fields it does not know (a later version's) are left alone.
	_, err = ParseRecord([]byte(edit(`{"id":"S1",`, `{"id":"S1","origin":{"host":"h"},`)))
	assert.NoError(t, err)
}

// FuzzParseRecord: any line either is refused with an error or reads as
// a record that encodes and reads back the same, and that a Summary adds.
func FuzzParseRecord(f *testing.F) {
	for _, l := range fileLines(f, allRecords) {
		f.Add(l)
	}
	for _, s := range []string{"", "{}", `{"id":""}`, `{"id":"x","terms":["1"],"expected":["2"],"correct":false,"verdict":"unanswered"}`, "S1\t2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		r, err := ParseRecord([]byte(line))
		if err != nil {
			if r != nil || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q with record %v", err, r)
			}
			return
		}
		js, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseRecord(js)
		if err != nil {
			t.Fatalf("%s reads back as an error: %v", js, err)
		}
		if !assert.ObjectsAreEqual(r, again) {
			t.Fatalf("%s reads back as %+v, not %+v", js, again, r)
		}
		var s Summary
		s.AddRecord(r)
		rep := s.Report(0)
		if rep.Sequences != 1 || rep.Scored > 1 || rep.Right+rep.Wrong > rep.Scored {
			t.Fatalf("summary of one record: %+v", rep)
		}
	})
}
