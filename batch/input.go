// Package batch is the machinery of `seqpredict batch`: reading files of
// sequences in several formats, turning each into a prediction task (with
// the expected answer when scoring), running the tasks in parallel with
// the output kept in input order, writing JSON Lines or TSV, summarising
// with accuracy, log-loss and calibration, resuming an interrupted run,
// sharding a run over machines and merging the shards' outputs (Merge).
// The command (cmd/seqpredict/batch.go) only parses flags and wires these
// together.
//
// # Input
//
// Each line is read on its own, its format detected:
//
//	# a comment                            ignored, as are blank lines
//	A000045 ,0,1,1,2,3,5,8,13,             OEIS "stripped": an ID, then terms
//	P0001<TAB>2,4,9,11,16<TAB>18<TAB>...   ID<TAB>terms[<TAB>answer[<TAB>...]]
//	id<TAB>terms<TAB>answer                a header (first column "id"): ignored
//	1, 1, 2, 3, 5                          bare terms; the ID is FILE:LINE
//
// Terms are integers of any size separated by commas and/or spaces. An ID
// starts with a letter or "_"; a line whose first field is an integer is
// bare terms, tabs included. In the ID<TAB>terms form, a third column that
// is an integer is the answer: the expected next term when no other scoring
// mode is chosen. Other columns are ignored.
//
// # Positions
//
// Every data line, good or bad (not comments, blank lines or headers), has
// a position: 0, 1, 2, ... across all the input files in order. Sharding
// (see Shard) is by position, so the shards of a run partition its lines
// whatever they hold.
package batch

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"regexp"
	"strings"
)

// Record is one data line of the input.
type Record struct {
	ID     string
	Terms  []*big.Int
	Answer *big.Int // the integer third column of an ID<TAB>terms line, or nil
	Source string   // the file's name ("stdin" for -)
	Line   int      // 1-based line number in that file
	Pos    int      // position among all data lines, 0-based
}

// LineKind says what a line holds.
type LineKind int

const (
	Data    LineKind = iota // a sequence (or a bad line)
	Comment                 // blank or starting with #
	Header                  // a column header: first field "id"
)

// ParseLine parses one line of input. For bare terms the ID is left empty
// (Scanner fills in FILE:LINE). A bad line is Data with an error.
func ParseLine(line string) (Record, LineKind, error) {
	s := strings.TrimSpace(line)
	if s == "" || strings.HasPrefix(s, "#") {
		return Record{}, Comment, nil
	}
	if strings.Contains(s, "\t") {
		cols := strings.Split(s, "\t")
		first := strings.TrimSpace(cols[0])
		if strings.EqualFold(first, "id") {
			return Record{}, Header, nil
		}
		if !integerRE.MatchString(first) {
			return parseTabbed(first, cols)
		}
		// An integer first: bare terms separated by tabs.
	}
	if end := strings.IndexAny(s, " \t,"); startsID(s) {
		if end < 0 {
			return Record{}, Data, fmt.Errorf("no terms after the ID %q", s)
		}
		id := s[:end]
		if !idRE.MatchString(id) {
			return Record{}, Data, fmt.Errorf("bad ID %q", id)
		}
		terms, err := ParseTerms(s[end:])
		return Record{ID: id, Terms: terms}, Data, err
	}
	terms, err := ParseTerms(s)
	return Record{Terms: terms}, Data, err
}

func parseTabbed(id string, cols []string) (Record, LineKind, error) {
	if id == "" {
		return Record{}, Data, errors.New("empty ID before the tab")
	}
	if !idRE.MatchString(id) {
		return Record{}, Data, fmt.Errorf("bad ID %q", id)
	}
	rec := Record{ID: id}
	if len(cols) < 2 {
		return rec, Data, fmt.Errorf("no terms after the ID %q", id)
	}
	var err error
	if rec.Terms, err = ParseTerms(cols[1]); err != nil {
		return rec, Data, err
	}
	if len(cols) >= 3 {
		if a := strings.TrimSpace(cols[2]); integerRE.MatchString(a) {
			rec.Answer, _ = new(big.Int).SetString(strings.TrimPrefix(a, "+"), 10)
		}
	}
	return rec, Data, nil
}

var (
	integerRE = regexp.MustCompile(`^[+-]?[0-9]+$`)
	idRE      = regexp.MustCompile(`^[\pL_][\pL\pN_.:/+\-]*$`)
)

func startsID(s string) bool {
	c := s[0]
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80
}

// ParseTerms reads integers of any size separated by commas, spaces or
// tabs; empty fields (as in the OEIS's ",0,1,1,") are ignored.
func ParseTerms(s string) ([]*big.Int, error) {
	var terms []*big.Int
	for _, tok := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' }) {
		if !integerRE.MatchString(tok) {
			return nil, fmt.Errorf("bad term %q: not an integer", abbreviate(tok))
		}
		v, _ := new(big.Int).SetString(strings.TrimPrefix(tok, "+"), 10)
		terms = append(terms, v)
	}
	if len(terms) == 0 {
		return nil, errors.New("no terms")
	}
	return terms, nil
}

func abbreviate(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

// LineError is a bad data line: where it is and what is wrong. It keeps its
// position, so that only the shard owning the line reports it.
type LineError struct {
	Source string
	Line   int
	Pos    int
	Err    error
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Open opens an input: "-" is stdin; anything compressed with gzip (by its
// magic number, whatever its name) is decompressed.
func Open(name string, stdin io.Reader) (io.ReadCloser, error) {
	var f io.ReadCloser
	if name == "-" {
		f = io.NopCloser(stdin)
	} else {
		file, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		f = file
	}
	br := bufio.NewReaderSize(f, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return readCloser{zr, func() error { zr.Close(); return f.Close() }}, nil
	}
	return readCloser{br, f.Close}, nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r readCloser) Close() error { return r.close() }

// DisplayName is how an input is named in IDs and messages.
func DisplayName(name string) string {
	if name == "-" {
		return "stdin"
	}
	return name
}

// Scanner reads the data lines of several inputs in turn.
type Scanner struct {
	names []string
	stdin io.Reader
	i     int // the next input to open
	cur   io.ReadCloser
	sc    *bufio.Scanner
	name  string
	line  int
	pos   int
}

// NewScanner reads the named inputs in order (none: stdin).
func NewScanner(names []string, stdin io.Reader) *Scanner {
	if len(names) == 0 {
		names = []string{"-"}
	}
	return &Scanner{names: names, stdin: stdin}
}

// Next returns the next data line. A bad line is returned as a *LineError
// (reading can go on); io.EOF ends the input; any other error (a file that
// cannot be opened or read) is fatal.
func (s *Scanner) Next() (Record, error) {
	for {
		if s.sc == nil {
			if s.i >= len(s.names) {
				return Record{}, io.EOF
			}
			f, err := Open(s.names[s.i], s.stdin)
			s.i++
			if err != nil {
				return Record{}, err
			}
			s.cur, s.name, s.line = f, DisplayName(s.names[s.i-1]), 0
			s.sc = bufio.NewScanner(f)
			s.sc.Buffer(make([]byte, 1<<16), 1<<26)
		}
		if !s.sc.Scan() {
			err := s.sc.Err()
			s.cur.Close()
			s.sc = nil
			if err != nil {
				return Record{}, fmt.Errorf("%s: %w", s.name, err)
			}
			continue
		}
		s.line++
		rec, kind, err := ParseLine(s.sc.Text())
		if kind != Data {
			continue
		}
		rec.Source, rec.Line, rec.Pos = s.name, s.line, s.pos
		s.pos++
		if err != nil {
			return rec, &LineError{Source: s.name, Line: s.line, Pos: rec.Pos, Err: err}
		}
		if rec.ID == "" {
			rec.ID = fmt.Sprintf("%s:%d", s.name, s.line)
		}
		return rec, nil
	}
}

// Close closes the input being read, if any.
func (s *Scanner) Close() {
	if s.cur != nil && s.sc != nil {
		s.cur.Close()
		s.sc = nil
	}
}
