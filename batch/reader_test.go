package batch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readLines returns the lines of a LineReader, a LineError as "!N".
func readLines(t *testing.T, in string) ([]string, error) {
	t.Helper()
	lr := NewLineReader(strings.NewReader(in), "in")
	var out []string
	for {
		line, err := lr.Next()
		var le *LineError
		switch {
		case err == io.EOF:
			return out, nil
		case errors.As(err, &le):
			out = append(out, "!"+itoa(le.Line))
		case err != nil:
			return out, err
		default:
			out = append(out, line)
		}
	}
}

func TestLineReader(t *testing.T) {
	long := strings.Repeat("7", MaxLineBytes+1)
	atLimit := strings.Repeat("7", MaxLineBytes)
	cut := strings.Repeat("a", textBlock-1) + "é" // the block ends within é
	tests := []struct {
		name, in string
		want     []string
		fatal    string
	}{
		{name: "lines", in: "a\nb\r\n\nc", want: []string{"a", "b", "", "c"}},
		{name: "a byte-order mark", in: "\ufeffA000001 ,1,2,\nx", want: []string{"A000001 ,1,2,", "x"}},
		{name: "a mark only at the start", in: "a\n\ufeffb", want: []string{"a", "\ufeffb"}},
		{name: "a line too long is skipped", in: "a\n" + long + "\nb\n", want: []string{"a", "!2", "b"}},
		{name: "a line too long at the end", in: "a\n" + long, want: []string{"a", "!2"}},
		{name: "a line at the limit", in: atLimit + "\r\nb", want: []string{atLimit, "b"}},
		{name: "a NUL byte", in: "1 2 3\n4\x005\n", fatal: "not a text file (a NUL byte at offset 7)"},
		{name: "invalid UTF-8", in: "1 2 3\n\xff\xfe\n", fatal: "not a text file (invalid UTF-8 at offset 6)"},
		{name: "UTF-16", in: "\xff\xfe1\x00", fatal: "not a text file"},
		{name: "a long line", in: cut + "\n", want: []string{cut}},
		{name: "a line too long, of characters", in: strings.Repeat("é", MaxLineBytes) + "\nb", want: []string{"!1", "b"}},
		{name: "binary after the first block", in: strings.Repeat("1\n", textBlock) + "\x00\n", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readLines(t, tt.in)
			if tt.fatal != "" {
				if err == nil || !strings.Contains(err.Error(), tt.fatal) || !strings.HasPrefix(err.Error(), "cannot read in: ") {
					t.Errorf("err = %v, want %q", err, tt.fatal)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.want != nil && strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", abbreviate(strings.Join(got, "|")), abbreviate(strings.Join(tt.want, "|")))
			}
		})
	}
}

// The inputs a run cannot read at all give one uniform error, before any
// line is read.
func TestCheckInput(t *testing.T) {
	dir := t.TempDir()
	bin := writeFile(t, "bin.gz", "1 2 3\n\x00\x01\x02")
	good := writeFile(t, "good.txt", "1 2 3\n")
	noperm := writeFile(t, "noperm.txt", "1 2 3\n")
	os.Chmod(noperm, 0)
	cases := map[string]string{
		good:                                  "",
		filepath.Join(dir, "missing"):         "cannot read " + filepath.Join(dir, "missing") + ": no such file or directory",
		dir:                                   "cannot read " + dir + ": is a directory",
		bin:                                   "cannot read " + bin + ": not a text file (a NUL byte at offset 6)",
		writeFile(t, "fake.gz", "\x1f\x8bxx"): "cannot read ",
	}
	if os.Geteuid() != 0 { // root reads anything
		cases[noperm] = "cannot read " + noperm + ": permission denied"
	}
	for name, want := range cases {
		err := CheckInput(name)
		if want == "" {
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.As(err, new(*FileError)) {
			t.Errorf("%s: err %v, want %q", name, err, want)
		}
	}
}

// Keys are the file's index and the line's number: a file given twice has
// two sets of keys, the same ids.
func TestScannerKeys(t *testing.T) {
	a := writeFile(t, "a.txt", "# c\nA1 1 2 3\n\nA1 4 5 6\n")
	sc := NewScanner(context.Background(), []string{a, a}, nil)
	var got []string
	for {
		rec, err := sc.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec.ID+"@"+itoa(rec.File)+":"+itoa(rec.Line))
	}
	if want := "A1@0:2 A1@0:4 A1@1:2 A1@1:4"; strings.Join(got, " ") != want {
		t.Errorf("got %v, want %s", got, want)
	}
}

// A cancelled context stops reading the terms: it is no bad line.
func TestParseTermsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ParseTerms(ctx, "1 2 3"); !errors.Is(err, context.Canceled) {
		t.Errorf("err %v", err)
	}
	sc := NewScanner(ctx, []string{writeFile(t, "a.txt", "1 2 3\n")}, nil)
	if _, err := sc.Next(); !errors.Is(err, context.Canceled) {
		t.Errorf("Scanner: err %v", err)
	}
}

// The longest line of the longest terms is read exactly.
func TestParseLongestTerms(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 1 MiB line")
	}
	var b bytes.Buffer
	for b.Len()+MaxTermDigits+1 <= MaxLineBytes {
		b.WriteString(strings.Repeat("9", MaxTermDigits) + " ")
	}
	terms, err := ParseTerms(context.Background(), b.String())
	if err != nil || len(terms) != MaxLineBytes/(MaxTermDigits+1) {
		t.Fatalf("%d terms, %v", len(terms), err)
	}
	if s := terms[3].String(); s != strings.Repeat("9", MaxTermDigits) {
		t.Errorf("term 3 has %d digits", len(s))
	}
}
