package batch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// Key is where a line is in a run's input: the index of its file among the
// run's inputs (0-based, in the order given; standard input read without
// file names is file 0) and its line number (1-based). Every output record
// carries its key, and --resume skips the keys already written.
type Key struct {
	File int `json:"file"`
	Line int `json:"line"`
}

func (k Key) String() string { return fmt.Sprintf("file %d line %d", k.File, k.Line) }

// Less orders keys as the input is read.
func (k Key) Less(o Key) bool { return k.File < o.File || k.File == o.File && k.Line < o.Line }

// textBlock is how much of an input is checked for being text: a NUL byte
// or invalid UTF-8 in the lines that start in its first textBlock bytes
// (after decompression) makes it a binary file, refused as a whole.
const textBlock = 64 << 10

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
			return nil, err
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

// FileError is an input that cannot be read at all: missing, a directory,
// not readable, not text.
type FileError struct {
	Name string // as DisplayName gives it
	Err  error
}

func (e *FileError) Error() string { return fmt.Sprintf("cannot read %s: %v", e.Name, e.Err) }
func (e *FileError) Unwrap() error { return e.Err }

// fileError wraps err for the named input, without the operation and path
// an *fs.PathError repeats ("open x: no such file or directory").
func fileError(name string, err error) error {
	return &FileError{Name: DisplayName(name), Err: unwrapPath(err)}
}

// CheckInput opens a named input, reads its first block and closes it: the
// errors a run would meet on it first (missing, a directory, no
// permission, not gzip after all, binary) come out before the run starts.
func CheckInput(name string) error {
	r, err := Open(name, nil)
	if err != nil {
		return fileError(name, err)
	}
	defer r.Close()
	lr := NewLineReader(r, name)
	for lr.offset < textBlock {
		if _, err := lr.Next(); err == io.EOF {
			return nil
		} else if err != nil && !errors.Is(err, ErrLineTooLong) {
			return err
		}
	}
	return nil
}

// LineReader reads the lines of one input with a bounded buffer. It skips
// a UTF-8 byte-order mark, refuses binary input (see textBlock) and turns
// a line longer than MaxLineBytes into a *LineError, skipping the rest of
// that line, instead of aborting. It reads no further than the line it
// returns, so that a terminal's lines are answered as they are typed.
type LineReader struct {
	br     *bufio.Reader
	name   string
	line   int   // the number of the last line returned
	offset int64 // the bytes read
	buf    []byte
	eof    bool // a terminal's end of input is not repeated: remember it
}

// NewLineReader reads r, named name in messages (as DisplayName has it).
func NewLineReader(r io.Reader, name string) *LineReader {
	return &LineReader{br: bufio.NewReaderSize(r, 1<<16), name: name}
}

// Line is the number of the last line returned, 1-based.
func (lr *LineReader) Line() int { return lr.line }

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// checkText refuses binary input: a NUL byte or invalid UTF-8 in the first
// textBlock bytes; raw is the line read at offset (cut: only its start).
func (lr *LineReader) checkText(raw []byte, offset int64, cut bool) error {
	if offset >= textBlock {
		return nil
	}
	for i := len(raw) - 1; cut && i >= max(0, len(raw)-utf8.UTFMax); i-- {
		if utf8.RuneStart(raw[i]) { // a character cut at the end is no error
			if !utf8.FullRune(raw[i:]) {
				raw = raw[:i]
			}
			break
		}
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return &FileError{Name: DisplayName(lr.name), Err: fmt.Errorf("not a text file (a NUL byte at offset %d)", offset+int64(i))}
	}
	if !utf8.Valid(raw) {
		i := 0
		for i < len(raw) {
			r, size := utf8.DecodeRune(raw[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		return &FileError{Name: DisplayName(lr.name), Err: fmt.Errorf("not a text file (invalid UTF-8 at offset %d)", offset+int64(i))}
	}
	return nil
}

// ErrLineTooLong is the error of a line beyond MaxLineBytes.
var ErrLineTooLong = fmt.Errorf("line longer than %d bytes: skipped", MaxLineBytes)

// Next returns the next line, without its end of line ("\n" or "\r\n").
// It returns io.EOF at the end; a *LineError for a line too long (reading
// can go on); any other error (unreadable, binary) is fatal.
func (lr *LineReader) Next() (string, error) {
	if lr.eof {
		return "", io.EOF
	}
	lr.buf = lr.buf[:0]
	for {
		chunk, err := lr.br.ReadSlice('\n')
		if len(lr.buf)+len(chunk) > MaxLineBytes+2 { // room for "\r\n"
			lr.line++
			lr.buf = append(lr.buf, chunk...)
			if err := lr.checkText(lr.buf, lr.offset, true); err != nil {
				return "", err
			}
			lr.offset += int64(len(lr.buf))
			if err := lr.skipLine(err); err != nil {
				return "", err
			}
			return "", &LineError{Source: DisplayName(lr.name), Line: lr.line, Err: ErrLineTooLong}
		}
		lr.buf = append(lr.buf, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == io.EOF:
			lr.eof = true
			if len(lr.buf) == 0 {
				return "", io.EOF
			}
		case err != nil:
			return "", fileError(lr.name, err)
		}
		return lr.take()
	}
}

// take returns the line read into buf.
func (lr *LineReader) take() (string, error) {
	if err := lr.checkText(lr.buf, lr.offset, false); err != nil {
		return "", err
	}
	lr.offset += int64(len(lr.buf))
	lr.line++
	line := bytes.TrimSuffix(bytes.TrimSuffix(lr.buf, []byte("\n")), []byte("\r"))
	if lr.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if len(line) > MaxLineBytes {
		return "", &LineError{Source: DisplayName(lr.name), Line: lr.line, Err: ErrLineTooLong}
	}
	return string(line), nil
}

// skipLine reads past the end of the current line; err is the last read's.
func (lr *LineReader) skipLine(err error) error {
	for errors.Is(err, bufio.ErrBufferFull) {
		var chunk []byte
		chunk, err = lr.br.ReadSlice('\n')
		lr.offset += int64(len(chunk))
	}
	if err == io.EOF {
		lr.eof = true
		return nil
	}
	if err != nil {
		return fileError(lr.name, err)
	}
	return nil
}

// Scanner reads the data lines of several inputs in turn.
type Scanner struct {
	ctx   context.Context
	names []string
	stdin io.Reader
	i     int // the next input to open
	cur   io.ReadCloser
	lr    *LineReader
	pos   int
}

// NewScanner reads the named inputs in order (none: stdin). Reading terms
// stops when ctx is done.
func NewScanner(ctx context.Context, names []string, stdin io.Reader) *Scanner {
	if len(names) == 0 {
		names = []string{"-"}
	}
	return &Scanner{ctx: ctx, names: names, stdin: stdin}
}

// Next returns the next data line. A bad line is returned as a *LineError
// (reading can go on); io.EOF ends the input; any other error (a file that
// cannot be opened or read, a binary file) is fatal.
func (s *Scanner) Next() (Record, error) {
	for {
		if s.lr == nil {
			if s.i >= len(s.names) {
				return Record{}, io.EOF
			}
			name := s.names[s.i]
			s.i++
			f, err := Open(name, s.stdin)
			if err != nil {
				return Record{}, fileError(name, err)
			}
			s.cur, s.lr = f, NewLineReader(f, name)
		}
		line, err := s.lr.Next()
		if err == io.EOF {
			s.Close()
			continue
		}
		key := Key{File: s.i - 1, Line: s.lr.Line()}
		rec, kind := Record{}, Data
		if err == nil {
			rec, kind, err = ParseLine(s.ctx, line)
		} else if !errors.Is(err, ErrLineTooLong) {
			return Record{}, err
		}
		if cerr := s.ctx.Err(); cerr != nil {
			return Record{}, cerr // interrupted, not a bad line
		}
		if kind != Data {
			continue
		}
		name := DisplayName(s.names[key.File])
		rec.Source, rec.Key, rec.Pos = name, key, s.pos
		s.pos++
		if err != nil {
			var le *LineError
			if errors.As(err, &le) {
				err = le.Err
			}
			return rec, &LineError{Source: name, Line: key.Line, Pos: rec.Pos, Err: err}
		}
		if rec.ID == "" {
			rec.ID, rec.Bare = fmt.Sprintf("%s:%d", name, key.Line), true
		}
		return rec, nil
	}
}

// Close closes the input being read, if any.
func (s *Scanner) Close() {
	if s.cur != nil {
		s.cur.Close()
		s.cur, s.lr = nil, nil
	}
}
