package batch

import (
	"bufio"
	"bytes"
	"container/heap"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxRecord bounds the length of one output line, as Scanner bounds an
// input line.
const maxRecord = 1 << 26

// RecordError is a record that cannot be read: where it is and why.
type RecordError struct {
	Source string
	Line   int
	Err    error
}

func (e *RecordError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err) }
func (e *RecordError) Unwrap() error { return e.Err }

// recordJSON is a record as decoded: the top-level id, present or not, and
// the error field of a record whose prediction could not be encoded
// (Outcome.JSONLine).
type recordJSON struct {
	LineReport
	ID    *string `json:"id"`
	Input *Key    `json:"input"`
	Error string  `json:"error"`
}

// ParseRecord reads one line of a run's JSON Lines output back into the
// record written for it (Outcome.Report). Fields it does not know are
// ignored; the record must be one a run writes: an id, the terms given,
// a verdict that agrees with the expected terms, found and correct, times
// and probabilities in range.
func ParseRecord(line []byte) (*LineReport, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		return nil, errors.New("not a JSON output record (merge reads the JSON Lines of batch, not --format tsv)")
	}
	var v recordJSON
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not a JSON output record: %v", err)
	}
	if dec.More() {
		return nil, errors.New("not a JSON output record: more than one value on the line")
	}
	if v.ID == nil {
		return nil, errors.New("not a JSON output record (no id)")
	}
	if v.Input == nil || v.Input.Line < 1 || v.Input.File < 0 {
		return nil, errors.New("not a JSON output record (no input position: written by an older seqpredict?)")
	}
	r := &v.LineReport
	r.ID, r.Input = *v.ID, *v.Input
	if len(r.Expected) == 0 {
		r.Expected = nil // as a run writes it: left out
	}
	if v.Error != "" {
		return nil, fmt.Errorf("%s: the run could not write this prediction: %s", r.ID, v.Error)
	}
	if err := checkRecord(r); err != nil {
		return nil, fmt.Errorf("%s: %w", r.ID, err)
	}
	return r, nil
}

// checkRecord says what makes r unlike any record a run writes.
func checkRecord(r *LineReport) error {
	if r.Report == nil || len(r.Terms) == 0 {
		return errors.New("no terms")
	}
	if r.Stats.ElapsedMS < 0 {
		return fmt.Errorf("negative elapsed_ms %g", r.Stats.ElapsedMS)
	}
	for _, p := range r.Predictions {
		if !isProbability(p.Probability) {
			return fmt.Errorf("prediction probability %g out of [0, 1]", p.Probability)
		}
	}
	if r.Probability != nil && !isProbability(*r.Probability) {
		return fmt.Errorf("expected_probability %g out of [0, 1]", *r.Probability)
	}
	scored := len(r.Expected) > 0
	if !scored {
		if r.Verdict != NotScored || r.Correct != nil || r.LogLoss != nil {
			return errors.New("a verdict, correct or log-loss without the expected terms")
		}
		return nil
	}
	if r.Correct == nil {
		return errors.New("expected terms without correct")
	}
	want := Unanswered
	switch {
	case r.Found && *r.Correct:
		want = Right
	case r.Found:
		want = Wrong
	}
	if r.Verdict != want {
		return fmt.Errorf("verdict %q, but found %v and correct %v make it %q", r.Verdict, r.Found, *r.Correct, want)
	}
	return nil
}

// isProbability allows for the rounding of a sum of probabilities.
func isProbability(p float64) bool { return p >= 0 && p <= 1+1e-9 }

// Merge reads the JSON Lines outputs of a run's shards (names; none or
// "-" is stdin, gzip is read as it is) and sums them up as one run: every
// record is decoded (ParseRecord) and fed to one Summary by AddRecord, the
// function a run's own Summary.Add uses, so merging one output gives that
// run's figures. An id read twice (shards that overlap, or a file named
// twice) is an error, as is a record that cannot be read: a *RecordError.
//
// When out is not nil, the records are written to it, each line as it was
// read, in input order: every record carries its input key (the index of
// its input file and its line, Key), the same in every shard of a run
// over the same files, so the files, each in input order already, are
// merged by key. The summary adds the records up in that same order, so
// its sums agree with a single run's to the last bit. A key read twice
// (shards that overlap, or an output named twice) is an error.
func Merge(ctx context.Context, names []string, stdin io.Reader, out io.Writer) (*Summary, error) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	h, err := openSources(names, stdin)
	defer func() { h.close() }() // those not read to the end
	if err != nil {
		return nil, err
	}
	sum := &Summary{Files: len(names)}
	seen := map[Key]place{}
	for len(h) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s := h[0]
		if p, dup := seen[s.rec.Input]; dup {
			return nil, s.errorf("%s (input %s) was already read at %s:%d (do the shards overlap?)", s.rec.ID, s.rec.Input, DisplayName(names[p.file]), p.line)
		}
		seen[s.rec.Input] = place{s.index, s.line}
		sum.AddRecord(s.rec)
		if out != nil {
			if _, err := out.Write(s.raw); err != nil {
				return nil, err
			}
		}
		ok, err := s.next()
		if err != nil {
			return nil, err
		}
		if ok {
			heap.Fix(&h, 0)
		} else {
			heap.Pop(&h).(*source).r.Close()
		}
	}
	return sum, nil
}

// openSources opens the inputs and reads the first record of each: the
// heap of those that have one.
func openSources(names []string, stdin io.Reader) (sourceHeap, error) {
	h := make(sourceHeap, 0, len(names))
	stdinUsed := false
	for i, name := range names {
		if name == "-" {
			if stdinUsed {
				return h, errors.New("standard input (-) named twice")
			}
			stdinUsed = true
		}
		s, err := openSource(name, stdin, i)
		if err != nil {
			return h, err
		}
		ok, err := s.next()
		if !ok {
			s.r.Close()
		}
		if err != nil {
			return h, err
		}
		if ok {
			h = append(h, s)
		}
	}
	heap.Init(&h)
	return h, nil
}

// MergeFile is Merge writing the records to the file at path ("" for no
// file). The file is written whole or not at all: into a temporary file
// beside it, renamed to path once every record was read. It may not be
// one of the inputs.
func MergeFile(ctx context.Context, names []string, stdin io.Reader, path string) (*Summary, error) {
	if path == "" {
		return Merge(ctx, names, stdin, nil)
	}
	if err := notAnInput(path, names); err != nil {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	defer tmp.Close()
	w := bufio.NewWriterSize(tmp, 1<<16)
	sum, err := Merge(ctx, names, stdin, w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Close()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return nil, err
	}
	return sum, nil
}

// notAnInput refuses to write over one of the inputs.
func notAnInput(path string, names []string) error {
	out, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, name := range names {
		if in, err := os.Stat(name); err == nil && os.SameFile(in, out) {
			return fmt.Errorf("the output %s is one of the inputs", path)
		}
	}
	return nil
}

// place is where a record was read: the index of its file, its line.
type place struct{ file, line int }

// source is one output being read: its current record, the next to merge.
type source struct {
	name  string // for messages
	index int    // among the inputs
	r     io.ReadCloser
	br    *bufio.Reader
	line  int
	raw   []byte      // the current line as read, newline included
	rec   *LineReport // the current record
}

func openSource(name string, stdin io.Reader, index int) (*source, error) {
	r, err := Open(name, stdin)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // "open NAME" says less than what follows
		}
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	return &source{name: DisplayName(name), index: index, r: r, br: bufio.NewReaderSize(r, 1<<16)}, nil
}

// next reads the next record; ok is false at the end of the file. Blank
// lines are skipped.
func (s *source) next() (ok bool, err error) {
	for {
		complete, err := s.readLine()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		if len(bytes.TrimSpace(s.raw)) == 0 {
			continue
		}
		if s.rec, err = ParseRecord(s.raw); err != nil {
			if !complete {
				err = fmt.Errorf("%w; the last line has no newline: was the run killed? (batch --resume --out FILE completes it)", err)
			}
			return false, &RecordError{Source: s.name, Line: s.line, Err: err}
		}
		if !complete {
			s.raw = append(s.raw, '\n')
		}
		return true, nil
	}
}

// readLine reads the next line into s.raw; complete is false for a last
// line without its newline.
func (s *source) readLine() (complete bool, err error) {
	s.raw = s.raw[:0]
	s.line++
	for {
		chunk, err := s.br.ReadSlice('\n')
		if len(s.raw)+len(chunk) > maxRecord {
			return false, s.errorf("a line longer than %d bytes", maxRecord)
		}
		s.raw = append(s.raw, chunk...)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF && len(s.raw) > 0:
			return false, nil
		case err == io.EOF:
			return false, io.EOF
		}
		return false, fmt.Errorf("%s: %w", s.name, err)
	}
}

func (s *source) errorf(format string, args ...any) error {
	return &RecordError{Source: s.name, Line: s.line, Err: fmt.Errorf(format, args...)}
}

// sourceHeap orders the sources by their current record (container/heap).
type sourceHeap []*source

func (h sourceHeap) Len() int { return len(h) }
func (h sourceHeap) Less(i, j int) bool {
	a, b := h[i].rec.Input, h[j].rec.Input
	if a != b {
		return a.Less(b)
	}
	return h[i].index < h[j].index
}
func (h sourceHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *sourceHeap) Push(x any)   { *h = append(*h, x.(*source)) }

// close closes the inputs still being read.
func (h sourceHeap) close() {
	for _, s := range h {
		s.r.Close()
	}
}

func (h *sourceHeap) Pop() any {
	old := *h
	s := old[len(old)-1]
	*h = old[:len(old)-1]
	return s
}
