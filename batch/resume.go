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

// Done reads the ids of the complete lines of an earlier run's output,
// JSON Lines or TSV, so that a resumed run can skip them. A last line
// without its newline is what a killed run leaves: Done truncates the file
// before it (its sequence is predicted again). A missing file has no ids.
// It also reports whether the file ends up empty (so a TSV header is due).
func Done(path string) (ids map[string]bool, empty bool, err error) {
	ids = map[string]bool{}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return ids, true, nil
	}
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var off int64 // the end of the last complete line
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			if len(line) > 0 {
				if err := f.Truncate(off); err != nil {
					return nil, false, fmt.Errorf("%s: dropping the partial last line: %w", path, err)
				}
			}
			return ids, off == 0, nil
		}
		if err != nil {
			return nil, false, err
		}
		off += int64(len(line))
		id, err := lineID(line)
		if err != nil {
			return nil, false, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if id != "" {
			ids[id] = true
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
