package batch

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func ints(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

func termsString(xs []*big.Int) string {
	var b strings.Builder
	for i, x := range xs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(x.String())
	}
	return b.String()
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		line   string
		kind   LineKind
		id     string
		terms  string
		answer string
		bad    bool
	}{
		{line: "", kind: Comment},
		{line: "   ", kind: Comment},
		{line: "# A comment, 1, 2, 3", kind: Comment},
		{line: "A000045 ,0,1,1,2,3,5,8,", kind: Data, id: "A000045", terms: "0,1,1,2,3,5,8"},
		{line: "A000004 ,0,0,0,0,\r", kind: Data, id: "A000004", terms: "0,0,0,0"},
		{line: "A000001 ,-3,123456789012345678901234567890,", kind: Data, id: "A000001", terms: "-3,123456789012345678901234567890"},
		{line: "fib 1 1 2 3 5", kind: Data, id: "fib", terms: "1,1,2,3,5"},
		{line: "P0001\t2,4,9,11,16\t18\tiqclid:easy@290ab4d8", kind: Data, id: "P0001", terms: "2,4,9,11,16", answer: "18"},
		{line: "P0002\t30, 28, 25\t?", kind: Data, id: "P0002", terms: "30,28,25"},
		{line: "P0003\t1 2 3", kind: Data, id: "P0003", terms: "1,2,3"},
		{line: "id\tterms\tanswer\tsource", kind: Header},
		{line: "ID\tterms", kind: Header},
		{line: "1, 1, 2, 3, 5", kind: Data, terms: "1,1,2,3,5"},
		{line: "  -2 5 -4 +3 ", kind: Data, terms: "-2,5,-4,3"},
		{line: "1\t2\t3", kind: Data, terms: "1,2,3"},
		{line: "1, 2, x", kind: Data, bad: true},
		{line: "1.5, 2", kind: Data, bad: true},
		{line: "A000045", kind: Data, bad: true},
		{line: "A000045 ,0,1,two,", kind: Data, bad: true},
		{line: "P1\t", kind: Data, bad: true},
		{line: "\t1,2,3", kind: Data, terms: "1,2,3"}, // leading tab trimmed: bare terms
		{line: "P1\tfoo", kind: Data, bad: true},
		{line: "A0(1) 1 2", kind: Data, bad: true},
		// An empty field is a bad term, not skipped; the OEIS's opening
		// and closing commas are not empty fields.
		{line: "1,2,,4", kind: Data, bad: true},
		{line: "A1 ,1,,4,", kind: Data, bad: true},
		{line: "A1 ,,1,4,", kind: Data, bad: true},
		{line: "P1\t1,2,,3", kind: Data, bad: true},
		{line: "1, 2, , 3", kind: Data, bad: true},
		{line: "1, 2, 3,", kind: Data, terms: "1,2,3"},
		{line: ",", kind: Data, bad: true},
		{line: "A1 ,", kind: Data, bad: true},
		// Limits.
		{line: "1 " + strings.Repeat("7", MaxTermDigits), kind: Data, terms: "1," + strings.Repeat("7", MaxTermDigits)},
		{line: "1 " + strings.Repeat("7", MaxTermDigits+1), kind: Data, bad: true},
		{line: "-" + strings.Repeat("7", MaxTermDigits), kind: Data, terms: "-" + strings.Repeat("7", MaxTermDigits)},
		{line: strings.Repeat("1,", MaxTerms), kind: Data, terms: strings.TrimSuffix(strings.Repeat("1,", MaxTerms), ",")},
		{line: strings.Repeat("1,", MaxTerms+1), kind: Data, bad: true},
	}
	for _, tt := range tests {
		rec, kind, err := ParseLine(context.Background(), tt.line)
		if kind != tt.kind {
			t.Errorf("ParseLine(%q) kind = %v, want %v", abbreviate(tt.line), kind, tt.kind)
			continue
		}
		if (err != nil) != tt.bad {
			t.Errorf("ParseLine(%q) err = %v, want bad %v", abbreviate(tt.line), err, tt.bad)
			continue
		}
		if tt.bad || kind != Data {
			continue
		}
		if rec.ID != tt.id || termsString(rec.Terms) != tt.terms {
			t.Errorf("ParseLine(%q) = %q %q, want %q %q", abbreviate(tt.line), rec.ID, abbreviate(termsString(rec.Terms)), tt.id, abbreviate(tt.terms))
		}
		answer := ""
		if rec.Answer != nil {
			answer = rec.Answer.String()
		}
		if answer != tt.answer {
			t.Errorf("ParseLine(%q) answer = %q, want %q", tt.line, answer, tt.answer)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if strings.HasSuffix(name, ".gz") {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		if _, err := io.WriteString(zw, content); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// scanAll returns "ID@pos" for each record and "source:line@pos!" for each
// bad line.
func scanAll(t *testing.T, sc *Scanner) []string {
	t.Helper()
	var out []string
	for {
		rec, err := sc.Next()
		if err == io.EOF {
			return out
		}
		var le *LineError
		if errors.As(err, &le) {
			out = append(out, le.Source+":"+itoa(le.Line)+"@"+itoa(le.Pos)+"!")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec.ID+"@"+itoa(rec.Pos))
	}
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }

func TestScannerFilesGzipStdin(t *testing.T) {
	a := writeFile(t, "a.txt.gz", "# OEIS\nA000001 ,1,2,3,\n\nA000002 ,4,5,\n")
	b := writeFile(t, "b.tsv", "id\tterms\tanswer\nP1\t1,2\t3\nP2\t1,x\n")
	stdin := strings.NewReader("7 8 9\n")
	got := scanAll(t, NewScanner(context.Background(), []string{a, b, "-"}, stdin))
	want := []string{"A000001@0", "A000002@1", "P1@2", b + ":3@3!", "stdin:1@4"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

func TestScannerMissingFile(t *testing.T) {
	sc := NewScanner(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, nil)
	if _, err := sc.Next(); err == nil || err == io.EOF {
		t.Errorf("a missing file: err = %v, want an error", err)
	}
}

func TestModeTask(t *testing.T) {
	rec := Record{ID: "x", Terms: ints(1, 2, 3, 4, 5, 6)}
	tests := []struct {
		mode            Mode
		input, expected string
		next            int
		skipped         bool
		answer          *big.Int
	}{
		{mode: Mode{}, input: "1,2,3,4,5,6", next: 1},
		{mode: Mode{Next: 2}, input: "1,2,3,4,5,6", next: 2},
		{mode: Mode{}, answer: big.NewInt(7), input: "1,2,3,4,5,6", expected: "7", next: 1},
		{mode: Mode{Next: 2}, answer: big.NewInt(7), input: "1,2,3,4,5,6", next: 2}, // one answer cannot score two terms
		{mode: Mode{Given: 4}, input: "1,2,3,4", expected: "5", next: 1},
		{mode: Mode{Given: 4, Next: 2}, input: "1,2,3,4", expected: "5,6", next: 2},
		{mode: Mode{Given: 4, Next: 3}, skipped: true},
		{mode: Mode{Given: 6}, skipped: true},
		{mode: Mode{Given: 3}, answer: big.NewInt(99), input: "1,2,3", expected: "4", next: 1},
		{mode: Mode{Holdout: 2}, input: "1,2,3,4", expected: "5,6", next: 2},
		{mode: Mode{Holdout: 5}, input: "1", expected: "2,3,4,5,6", next: 5},
		{mode: Mode{Holdout: 6}, skipped: true},
	}
	for _, tt := range tests {
		r := rec
		r.Answer = tt.answer
		task, reason := tt.mode.Task(r)
		if (reason != "") != tt.skipped {
			t.Errorf("%+v: skipped %q, want %v", tt.mode, reason, tt.skipped)
			continue
		}
		if tt.skipped {
			continue
		}
		if termsString(task.Input) != tt.input || termsString(task.Expected) != tt.expected || task.Next != tt.next {
			t.Errorf("%+v answer %v: input %s expected %s next %d, want %s %s %d", tt.mode, tt.answer,
				termsString(task.Input), termsString(task.Expected), task.Next, tt.input, tt.expected, tt.next)
		}
	}
}

func TestShard(t *testing.T) {
	for _, bad := range []string{"", "1", "3/3", "-1/2", "a/b", "0/0", "1/2/3"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("ParseShard(%q) accepted", bad)
		}
	}
	s, err := ParseShard("2/5")
	if err != nil || s != (Shard{2, 5}) {
		t.Fatalf("ParseShard(2/5) = %v, %v", s, err)
	}
	if !s.Takes(7) || s.Takes(8) || (Shard{}).Takes(8) == false {
		t.Error("Takes is wrong")
	}
}

// The shards' union is the whole input, without overlap, bad lines and
// lines too short included (each is counted by exactly one shard).
func TestFeedShardsPartition(t *testing.T) {
	var b strings.Builder
	b.WriteString("# header comment\nid\tterms\n")
	for i := range 50 {
		switch {
		case i%11 == 5:
			b.WriteString("1, 2, oops\n")
		case i%7 == 3:
			b.WriteString("S" + itoa(i) + "\t1,2\n") // too short for --given 3
		default:
			b.WriteString("S" + itoa(i) + "\t1,2,3,4,5\n")
		}
		if i%9 == 0 {
			b.WriteString("# comment\n\n")
		}
	}
	path := writeFile(t, "in.tsv", b.String())
	mode := Mode{Given: 3}
	var whole Summary
	all := collect(&Feed{Scanner: NewScanner(context.Background(), []string{path}, nil), Mode: mode, Summary: &whole})
	if len(all) == 0 || whole.Bad == 0 || whole.Skipped == 0 {
		t.Fatalf("the input should have tasks, bad and short lines: %d %+v", len(all), whole)
	}
	for _, n := range []int{1, 2, 3, 7, 64} {
		seen := map[string]int{}
		var sum Summary
		for i := range n {
			for _, id := range collect(&Feed{Scanner: NewScanner(context.Background(), []string{path}, nil), Mode: mode, Shard: Shard{i, n}, Summary: &sum}) {
				seen[id]++
			}
		}
		for _, id := range all {
			if seen[id] != 1 {
				t.Errorf("%d shards: %s seen %d times", n, id, seen[id])
			}
		}
		if len(seen) != len(all) || sum.Bad != whole.Bad || sum.Skipped != whole.Skipped {
			t.Errorf("%d shards: %d ids, bad %d, skipped %d; want %d, %d, %d", n, len(seen), sum.Bad, sum.Skipped, len(all), whole.Bad, whole.Skipped)
		}
	}
}

func collect(f *Feed) []string {
	var ids []string
	for t := range f.Tasks() {
		ids = append(ids, t.ID)
	}
	return ids
}

func TestFeedStrictAndResume(t *testing.T) {
	path := writeFile(t, "in.txt", "A1 1 2 3\nA2 1 2 x\nA3 4 5 6\n")
	var sum Summary
	f := &Feed{Scanner: NewScanner(context.Background(), []string{path}, nil), Summary: &sum, OnBad: func(*LineError) bool { return false }}
	if ids := collect(f); strings.Join(ids, " ") != "A1" || f.Err == nil || sum.Bad != 1 {
		t.Errorf("strict: ids %v err %v bad %d, want A1, an error, 1", ids, f.Err, sum.Bad)
	}
	sum = Summary{}
	f = &Feed{Scanner: NewScanner(context.Background(), []string{path}, nil), Summary: &sum, Done: map[Key]string{{File: 0, Line: 1}: "A1"}}
	if ids := collect(f); strings.Join(ids, " ") != "A3" || f.Err != nil || sum.Resumed != 1 || sum.Bad != 1 {
		t.Errorf("resume: ids %v err %v %+v, want A3", ids, f.Err, sum)
	}
}
