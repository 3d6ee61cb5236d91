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
)

// Existing is what an earlier run's output holds.
type Existing struct {
	IDs    map[string]bool // the ids of its complete lines
	Empty  bool            // no complete line at all (a TSV header is due)
	Format string          // "json" or "tsv" by its first line; "" when empty
}

// Done reads the complete lines of an earlier run's output, JSON Lines or
// TSV, so that a resumed run can skip their ids. A last line without its
// newline is what a killed run leaves: Done truncates the file before it
// (its sequence is predicted again). A missing file is empty.
func Done(path string) (*Existing, error) {
	ex := &Existing{IDs: map[string]bool{}, Empty: true}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return ex, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var off int64 // the end of the last complete line
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 {
				if err := f.Truncate(off); err != nil {
					return nil, fmt.Errorf("%s: dropping the partial last line: %w", path, err)
				}
			}
			ex.Empty = off == 0
			return ex, nil
		}
		if err != nil {
			return nil, err
		}
		off += int64(len(line))
		if t := bytes.TrimSpace(line); ex.Format == "" && len(t) > 0 {
			ex.Format = "tsv"
			if t[0] == '{' {
				ex.Format = "json"
			}
		}
		id, err := lineID(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if id != "" {
			ex.IDs[id] = true
		}
	}
}

// lineID is the id of a JSON or TSV output line, "" for a TSV header or a
// blank line.
func lineID(line []byte) (string, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return "", nil
	}
	if line[0] == '{' {
		var v struct {
			ID *string `json:"id"`
		}
		if err := json.Unmarshal(line, &v); err != nil || v.ID == nil {
			return "", errors.New("not an output line (JSON without an id)")
		}
		return *v.ID, nil
	}
	id, _, _ := bytes.Cut(line, []byte("\t"))
	if string(id) == "id" {
		return "", nil
	}
	return string(id), nil
}
