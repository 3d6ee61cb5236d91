package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// quick predicts with a small budget.
func quick(ctx context.Context, terms []*big.Int) (*predict.Result, error) {
	return predict.Predict(ctx, terms, predict.Options{Search: search.Options{MaxBits: 18, Workers: 1}})
}

// execute runs Execute with quick and returns standard output and error.
func execute(t *testing.T, o Options, stdin string) (string, string, error) {
	t.Helper()
	if o.Predict == nil {
		o.Predict = quick
	}
	o.Jobs = max(o.Jobs, 2)
	var out, errb bytes.Buffer
	_, err := Execute(context.Background(), o, Streams{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), err
}

var elapsed = regexp.MustCompile(`"elapsed_ms":[-+.e0-9]+`)

// stable drops what changes from run to run: the timings.
func stable(s string) string { return elapsed.ReplaceAllString(s, `"elapsed_ms":0`) }

// sequences writes a file of n lines; ids repeat every period lines.
func sequences(t *testing.T, name string, n, period int) string {
	var b strings.Builder
	seqs := []string{"2,4,6,8,10", "1,4,9,16,25", "3,5,7,9,11", "5,-17,123,4,999", "1,2,4,8,16", "7,7,7,7,7"}
	for i := range n {
		fmt.Fprintf(&b, "A%06d ,%s,\n", i%period, seqs[i%len(seqs)])
		if i%4 == 0 {
			b.WriteString("# a comment\n")
		}
	}
	return writeFile(t, name, b.String())
}

// interrupt keeps the first k records of an output (and the TSV header),
// and half of the next line, as a killed run leaves it.
func interrupt(t *testing.T, path string, k int) {
	t.Helper()
	data, _ := os.ReadFile(path)
	rows := strings.SplitAfter(string(data), "\n")
	if strings.HasPrefix(rows[0], "id\t") {
		k++
	}
	os.WriteFile(path, []byte(strings.Join(rows[:k], "")+rows[k][:len(rows[k])/2]), 0o644)
}

// Resuming keys on the line's place, not its id: a file given twice, ids
// repeated within a file, and file names that a record cannot spell lose
// nothing, and the resumed output is the uninterrupted one.
func TestResumeByPosition(t *testing.T) {
	dir := t.TempDir()
	names := []string{"plain.txt", "tab\tname.txt", "new\nline.txt", "bad\xffutf8.txt"}
	if testing.Short() {
		names = names[1:2]
	}
	for _, name := range names {
		for _, format := range []string{"json", "tsv"} {
			t.Run(format+" "+name, func(t *testing.T) {
				in := sequences(t, name, 24, 5) // A000000..A000004, five times over
				full := filepath.Join(dir, "full."+format)
				o := Options{Files: []string{in, in}, Format: format, Out: full}
				if _, _, err := execute(t, o, ""); err != nil {
					t.Fatal(err)
				}
				want, _ := os.ReadFile(full)
				for _, k := range []int{0, 1, 17, 30, 47} {
					out := filepath.Join(dir, "resumed."+format)
					os.WriteFile(out, want, 0o644)
					interrupt(t, out, k)
					o.Out, o.Resume = out, true
					_, errs, err := execute(t, o, "")
					if err != nil {
						t.Fatalf("k %d: %v", k, err)
					}
					if !strings.Contains(errs, fmt.Sprintf("already done %d", k)) && k > 0 {
						t.Errorf("k %d: %s", k, errs)
					}
					got, _ := os.ReadFile(out)
					if stable(string(got)) != stable(string(want)) {
						t.Fatalf("k %d: resumed output differs:\n%s\nwant\n%s", k, got, want)
					}
				}
			})
		}
	}
}

// An error record is not done: a resumed run predicts its line again and
// puts the record in its place.
func TestResumeRetriesErrors(t *testing.T) {
	for _, format := range []string{"json", "tsv"} {
		t.Run(format, func(t *testing.T) {
			dir := t.TempDir()
			in := sequences(t, "in.txt", 20, 20)
			full := filepath.Join(dir, "full")
			o := Options{Files: []string{in}, Format: format, Out: full}
			if _, _, err := execute(t, o, ""); err != nil {
				t.Fatal(err)
			}
			want, _ := os.ReadFile(full)
			// An earlier run whose predictions 3 and 9 failed, interrupted
			// after 12 records.
			failOn := map[string]bool{"5,-17,123,4,999": true}
			failing := func(ctx context.Context, terms []*big.Int) (*predict.Result, error) {
				if failOn[termsString(terms)] {
					return nil, errors.New("out of luck")
				}
				return quick(ctx, terms)
			}
			out := filepath.Join(dir, "out")
			o.Out, o.Predict = out, failing
			if _, errs, err := execute(t, o, ""); err != nil || !strings.Contains(errs, "out of luck") || !strings.Contains(errs, "errors 3") {
				t.Fatalf("%v\n%s", err, errs)
			}
			interrupt(t, out, 12)
			before, _ := os.ReadFile(out)
			if n := strings.Count(string(before), "out of luck"); n != 2 {
				t.Fatalf("%d error records in\n%s", n, before)
			}
			o.Resume, o.Predict = true, nil
			_, errs, err := execute(t, o, "")
			if err != nil || !strings.Contains(errs, "already done 10") {
				t.Fatalf("%v\n%s", err, errs)
			}
			got, _ := os.ReadFile(out)
			if stable(string(got)) != stable(string(want)) {
				t.Errorf("resumed output:\n%s\nwant\n%s", got, want)
			}
			if leftovers, _ := filepath.Glob(filepath.Join(dir, ".out.resume-*")); len(leftovers) > 0 {
				t.Errorf("temporary files left: %v", leftovers)
			}
		})
	}
}

// A record whose line now holds another id means that the output is not
// this input's: the run stops.
func TestResumeOtherInput(t *testing.T) {
	dir := t.TempDir()
	a := sequences(t, "a.txt", 6, 6)
	out := filepath.Join(dir, "out")
	if _, _, err := execute(t, Options{Files: []string{a}, Out: out}, ""); err != nil {
		t.Fatal(err)
	}
	b := writeFile(t, "b.txt", "B1 1 2 3\nB2 2 3 4\n")
	_, _, err := execute(t, Options{Files: []string{b}, Out: out, Resume: true}, "")
	if err == nil || !strings.Contains(err.Error(), "written from other input") {
		t.Errorf("err %v", err)
	}
}

// Outputs that would destroy an input are refused before anything is
// written, whatever their name.
func TestOutputIsInput(t *testing.T) {
	dir := t.TempDir()
	in := sequences(t, "in.txt", 3, 3)
	orig, _ := os.ReadFile(in)
	link := filepath.Join(dir, "link")
	os.Link(in, link)
	sym := filepath.Join(dir, "sym")
	os.Symlink(in, sym)
	for _, o := range []Options{
		{Files: []string{in}, Out: in},
		{Files: []string{in}, Out: link},
		{Files: []string{in}, Out: sym, Resume: true},
		{Files: []string{"-", in}, Summary: sym},
		{Files: []string{in}, Out: filepath.Join(dir, "o"), Summary: filepath.Join(dir, "o")},
	} {
		_, _, err := execute(t, o, "")
		if err == nil {
			t.Errorf("%+v: accepted", o)
		}
		if after, _ := os.ReadFile(in); !bytes.Equal(after, orig) {
			t.Fatalf("%+v: the input changed", o)
		}
	}
	stdin, _ := os.Open(in)
	defer stdin.Close()
	_, err := Execute(context.Background(), Options{Out: link, Predict: quick, Jobs: 1}, Streams{Stdin: stdin, Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}})
	if err == nil || !strings.Contains(err.Error(), "is the input stdin") {
		t.Errorf("--out on standard input's file: %v", err)
	}
}

// screen is a terminal as far as lines go: "\r" returns to the start of
// the line, ESC[K erases it, "\n" starts the next one.
type screen struct {
	mu    sync.Mutex
	lines []string
	cur   []byte
}

var eraseLine = []byte("\x1b[K")

func (s *screen) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < len(b); i++ {
		switch {
		case bytes.HasPrefix(b[i:], eraseLine):
			s.cur = s.cur[:0]
			i += len(eraseLine) - 1
		case b[i] == '\r':
			s.cur = s.cur[:0] // overwritten from the start: drop what was there
		case b[i] == '\n':
			s.lines = append(s.lines, string(s.cur))
			s.cur = s.cur[:0]
		default:
			s.cur = append(s.cur, b[i])
		}
	}
	return len(b), nil
}

// On a terminal, the progress bar never shares a line with a record or a
// message, though it is drawn between them.
func TestProgressApart(t *testing.T) {
	var b strings.Builder
	n := 24
	if testing.Short() {
		n = 9
	}
	for i := range n {
		if i%10 == 7 {
			b.WriteString("1, x\n") // a message, too
		}
		fmt.Fprintf(&b, "A%d %d %d %d %d\n", i, i, 2*i, 3*i, 4*i)
	}
	in := writeFile(t, "in.txt", b.String())
	// Without clearing (stdout not known to be a terminal), lines would be
	// glued: the check can fail.
	cases := []bool{true, false}
	if testing.Short() {
		cases = cases[:1]
	}
	for _, terminal := range cases {
		scr := &screen{}
		slow := func(ctx context.Context, terms []*big.Int) (*predict.Result, error) {
			res, err := quick(ctx, terms)
			for range 3 { // let the bar be drawn
				time.Sleep(refresh / 2)
			}
			return res, err
		}
		_, err := Execute(context.Background(), Options{Files: []string{in}, Predict: slow, Jobs: 8},
			Streams{Stdout: scr, Stderr: scr, Bar: true, StdoutTerminal: terminal})
		if err != nil {
			t.Fatal(err)
		}
		glued := 0
		for _, line := range scr.lines {
			var v map[string]any
			switch i := strings.Index(line, `{"id":`); {
			case i > 0, i == 0 && json.Unmarshal([]byte(line), &v) != nil:
				glued++
			}
			if strings.Index(line, "seqpredict: batch: ") > 0 {
				glued++
			}
		}
		if terminal && glued > 0 || !terminal && glued == 0 {
			t.Errorf("stdout a terminal %v: %d lines glued to the bar:\n%s", terminal, glued, strings.Join(scr.lines, "\n"))
		}
		if !strings.Contains(strings.Join(scr.lines, "\n"), "seqpredict: batch: ") {
			t.Error("no message")
		}
	}
}
