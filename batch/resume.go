package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seqpredict/seqpredict/predict"
)

// Existing is what an earlier run's output holds.
type Existing struct {
	// Done maps the key of every record but the error records to its id.
	Done map[Key]string
	// Errors counts the error records: their lines are to be predicted
	// again.
	Errors int
	Empty  bool   // no complete line at all (a TSV header is due)
	Format string // "json" or "tsv" by its first line; "" when empty
	// Size is the length of the complete lines; a partial last line
	// follows when the file is longer.
	Size int64
}

// maxRecordBytes bounds a line of an output being read back: a record
// holds one input line (at most MaxLineBytes) and its predictions, far
// less than this.
const maxRecordBytes = 64 << 20

// ReadOutput reads an earlier run's output, JSON Lines or TSV, and checks
// that every complete line is a record as this package writes them (see
// the package documentation, "Resuming"). It changes nothing: see
// DropPartial. A missing file is empty.
func ReadOutput(path string) (*Existing, error) {
	ex := &Existing{Done: map[Key]string{}, Empty: true}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ex, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	err = eachLine(f, func(n int, line []byte, complete bool) error {
		if !complete {
			return ex.checkPartial(line)
		}
		if err := ex.add(line); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		ex.Size += int64(len(line))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s is not seqpredict batch output, left as it is: %w", path, err)
	}
	return ex, nil
}

// eachLine calls f with each line of r, its newline included, and its
// 1-based number; complete is false for a last line without a newline.
func eachLine(r io.Reader, f func(n int, line []byte, complete bool) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if len(buf)+len(chunk) > maxRecordBytes {
				return fmt.Errorf("line %d: longer than %d MiB", n, maxRecordBytes>>20)
			}
			buf = append(buf, chunk...)
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err == io.EOF {
			if len(buf) > 0 {
				return f(n, buf, false)
			}
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(n, buf, true); err != nil {
			return err
		}
	}
}

// add checks one complete line and records it.
func (ex *Existing) add(line []byte) error {
	first := ex.Empty
	ex.Empty = false
	if first {
		ex.Format = "json"
		if !bytes.HasPrefix(line, []byte("{")) {
			ex.Format = "tsv"
			if string(line) != TSVHeader {
				return errors.New("neither a JSON record nor the TSV header")
			}
			return nil
		}
	}
	var rec parsedRecord
	var err error
	if ex.Format == "json" {
		rec, err = parseJSONRecord(line)
	} else {
		rec, err = parseTSVRecord(line)
	}
	if err != nil {
		return err
	}
	if rec.failed {
		ex.Errors++
		return nil
	}
	if _, dup := ex.Done[rec.key]; dup {
		return fmt.Errorf("a second record for %v", rec.key)
	}
	ex.Done[rec.key] = rec.id
	return nil
}

// checkPartial accepts a last line without its newline only when it is
// the beginning of a record: what a killed run leaves, and nothing else.
func (ex *Existing) checkPartial(line []byte) error {
	start := `{"id":`
	switch {
	case ex.Format == "tsv":
		if !utf8.Valid(line) || bytes.IndexByte(line, 0) >= 0 || bytes.Count(line, []byte("\t")) >= tsvColumns {
			return errors.New("the last line is not the beginning of a record")
		}
		return nil
	case ex.Empty && !bytes.HasPrefix(line, []byte("{")):
		start = TSVHeader
	}
	if !bytes.HasPrefix(line, []byte(start)) && !strings.HasPrefix(start, string(line)) {
		return errors.New("the last line (without a newline) is not the beginning of a record")
	}
	return nil
}

// parsedRecord is what resuming needs of a record.
type parsedRecord struct {
	id     string
	key    Key
	failed bool // an error record
}

// jsonRecord is the part of a LineReport that a record must have.
type jsonRecord struct {
	ID          *string                     `json:"id"`
	Input       *Key                        `json:"input"`
	Error       *string                     `json:"error"`
	Terms       []string                    `json:"terms"`
	Found       *bool                       `json:"found"`
	Predictions *[]predict.PredictionReport `json:"predictions"`
	Stats       *predict.StatsReport        `json:"stats"`
}

// parseJSONRecord checks a JSON Lines record: an object with an id, an
// input key, and either an error or a prediction.
func parseJSONRecord(line []byte) (parsedRecord, error) {
	var r jsonRecord
	if err := json.Unmarshal(line, &r); err != nil {
		return parsedRecord{}, fmt.Errorf("not a JSON record: %v", err)
	}
	switch {
	case r.ID == nil:
		return parsedRecord{}, errors.New("a JSON record without an id")
	case r.Input == nil:
		return parsedRecord{}, errors.New(`a record without its input key ("input": written by an older seqpredict?)`)
	case r.Input.File < 0 || r.Input.Line < 1:
		return parsedRecord{}, fmt.Errorf("a record with a bad input key %+v", *r.Input)
	case r.Error == nil && (len(r.Terms) == 0 || r.Found == nil || r.Predictions == nil || r.Stats == nil):
		return parsedRecord{}, errors.New("a JSON record with neither a prediction nor an error")
	}
	return parsedRecord{id: *r.ID, key: *r.Input, failed: r.Error != nil}, nil
}

// parseTSVRecord checks a TSV record: tsvColumns columns, an id, numbers
// where numbers go, a known verdict and an input key.
func parseTSVRecord(line []byte) (parsedRecord, error) {
	if !utf8.Valid(line) || bytes.IndexByte(line, 0) >= 0 {
		return parsedRecord{}, errors.New("not text")
	}
	cols := strings.Split(strings.TrimSuffix(string(line), "\n"), "\t")
	if len(cols) != tsvColumns {
		return parsedRecord{}, fmt.Errorf("%d columns, not %d", len(cols), tsvColumns)
	}
	id, prob, bits, verdict := cols[0], cols[2], cols[4], cols[5]
	file, err1 := strconv.Atoi(cols[6])
	ln, err2 := strconv.Atoi(cols[7])
	switch {
	case id == "":
		return parsedRecord{}, errors.New("a record without an id")
	case err1 != nil || err2 != nil || file < 0 || ln < 1:
		return parsedRecord{}, errors.New("a record without its input key (file and line columns)")
	case prob != "" && !isFloat(prob), bits != "" && !isInteger(bits):
		return parsedRecord{}, errors.New("a record with a bad probability or length")
	}
	switch Verdict(verdict) {
	case NotScored, Right, Wrong, Unanswered, tsvError:
	default:
		return parsedRecord{}, fmt.Errorf("a record with an unknown verdict %q", abbreviate(verdict))
	}
	return parsedRecord{id: id, key: Key{File: file, Line: ln}, failed: verdict == tsvError}, nil
}

func isFloat(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// DropPartial truncates an output checked by ReadOutput to its complete
// lines, dropping the partial line a killed run left.
func DropPartial(path string, ex *Existing) error {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && info.Size() == ex.Size {
		return nil
	}
	if err != nil {
		return err
	}
	if err := os.Truncate(path, ex.Size); err != nil {
		return fmt.Errorf("%s: dropping the partial last line: %w", path, err)
	}
	return nil
}
