package batch

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode"
)

// Record is one data line of the input.
type Record struct {
	ID     string
	Bare   bool // bare terms: the ID is FILE:LINE
	Terms  []*big.Int
	Answer *big.Int // the integer third column of an ID<TAB>terms line, or nil
	Source string   // the file's name ("stdin" for -)
	Key             // the file's index and the line's number: where it is
	Pos    int      // position among all data lines, 0-based
}

// LineKind says what a line holds.
type LineKind int

const (
	Data    LineKind = iota // a sequence (or a bad line)
	Comment                 // blank or starting with #
	Header                  // a column header: first field "id"
)

// Input limits. A line or a term beyond them is a bad line, reported and
// skipped like any other.
const (
	// MaxLineBytes is the longest line read, end of line excluded: 1 MiB,
	// which holds 100,000 terms of nine digits.
	MaxLineBytes = 1 << 20
	// MaxTermDigits is the most digits a term may have. It is far beyond
	// what a program can reproduce (exact values stop at dsl.MaxBigBits,
	// about 4,900 digits) and bounds the time to read a term: converting
	// decimal to binary costs the square of the digits, 20 ms at the limit.
	MaxTermDigits = 100_000
	// MaxTerms is the most terms a line may have. The memory of a
	// prediction grows with its terms (see search.StoreBudget); this
	// bounds what the input itself takes, about 20 MiB at the limit.
	MaxTerms = 100_000
)

// ParseLine parses one line of input. For bare terms the ID is left empty
// (Scanner fills in FILE:LINE). A bad line is Data with an error. Reading
// the terms stops when ctx is done (its error is the line's).
func ParseLine(ctx context.Context, line string) (Record, LineKind, error) {
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
		if !isInteger(first) {
			return parseTabbed(ctx, first, cols)
		}
		// An integer first: bare terms separated by tabs.
	}
	if end := strings.IndexAny(s, " \t,"); startsID(s) {
		if end < 0 {
			return Record{}, Data, fmt.Errorf("no terms after the ID %q", abbreviate(s))
		}
		id := s[:end]
		if !isID(id) {
			return Record{}, Data, fmt.Errorf("bad ID %q", abbreviate(id))
		}
		terms, err := ParseTerms(ctx, s[end:])
		return Record{ID: id, Terms: terms}, Data, err
	}
	terms, err := ParseTerms(ctx, s)
	return Record{Terms: terms}, Data, err
}

func parseTabbed(ctx context.Context, id string, cols []string) (Record, LineKind, error) {
	if id == "" {
		return Record{}, Data, errors.New("empty ID before the tab")
	}
	if !isID(id) {
		return Record{}, Data, fmt.Errorf("bad ID %q", abbreviate(id))
	}
	rec := Record{ID: id}
	if len(cols) < 2 {
		return rec, Data, fmt.Errorf("no terms after the ID %q", id)
	}
	var err error
	if rec.Terms, err = ParseTerms(ctx, cols[1]); err != nil {
		return rec, Data, err
	}
	if len(cols) >= 3 {
		if a := strings.TrimSpace(cols[2]); isInteger(a) && len(a) <= MaxTermDigits+1 {
			rec.Answer, _ = parseInteger(a)
		}
	}
	return rec, Data, nil
}

// isID reports whether s is an ID: a letter or "_", then letters, digits
// and "_.:/+-" (Unicode letters and digits: ^[\pL_][\pL\pN_.:/+\-]*$,
// without compiling a regular expression at start-up).
func isID(s string) bool {
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (unicode.IsNumber(r) || strings.ContainsRune(".:/+-", r)):
		default:
			return false
		}
	}
	return s != ""
}

func startsID(s string) bool {
	c := s[0]
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80
}

// isInteger reports whether s is an optional sign and decimal digits.
func isInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseTerms reads integers of any size (up to MaxTermDigits digits, up
// to MaxTerms of them) separated by commas and/or white space, in one pass over s. One comma
// may open and one may close the list, as in the OEIS's ",0,1,1,"; an
// empty field between two commas is a bad term, never skipped. Reading
// stops when ctx is done.
func ParseTerms(ctx context.Context, s string) ([]*big.Int, error) {
	fields := strings.Split(strings.TrimSpace(s), ",")
	last := len(fields) - 1
	var terms []*big.Int
	for i, f := range fields {
		toks := strings.Fields(f)
		if len(toks) == 0 {
			if i == 0 || i == last {
				continue // the OEIS's opening and closing commas
			}
			return nil, errors.New(`bad term "": an empty field between two commas`)
		}
		for _, tok := range toks {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if len(terms) == MaxTerms {
				return nil, fmt.Errorf("more than %d terms", MaxTerms)
			}
			v, err := parseTerm(tok)
			if err != nil {
				return nil, err
			}
			terms = append(terms, v)
		}
	}
	if len(terms) == 0 {
		return nil, errors.New("no terms")
	}
	return terms, nil
}

// parseTerm reads one term.
func parseTerm(tok string) (*big.Int, error) {
	if !isInteger(tok) {
		return nil, fmt.Errorf("bad term %q: not an integer", abbreviate(tok))
	}
	digits := len(tok)
	if tok[0] == '+' || tok[0] == '-' {
		digits--
	}
	if digits > MaxTermDigits {
		return nil, fmt.Errorf("term of %d digits: at most %d are read", digits, MaxTermDigits)
	}
	return parseInteger(tok)
}

// parseInteger converts a string of digits with an optional sign: in
// int64 when it fits, the common case, and in big.Int otherwise.
func parseInteger(tok string) (*big.Int, error) {
	tok = strings.TrimPrefix(tok, "+")
	if len(tok) <= 18 {
		if v, err := strconv.ParseInt(tok, 10, 64); err == nil {
			return big.NewInt(v), nil
		}
	}
	v, ok := new(big.Int).SetString(tok, 10)
	if !ok {
		return nil, fmt.Errorf("bad term %q: not an integer", abbreviate(tok))
	}
	return v, nil
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
