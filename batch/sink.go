package batch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// sink is where a run's records go: standard output, the output file
// (appended to when resuming), or, when resuming an output that holds
// error records, a new file that merges the old records with the new ones
// in input order and is renamed over the output at the end.
type sink struct {
	w        io.Writer
	file     *os.File // the file written; nil for standard output
	clear    bool     // w shows on the progress bar's terminal
	progress *progress
	done     map[Key]string // resuming: the records kept
	merge    *merger        // resuming over error records
}

// openSink opens the output of a run, after reading and checking it when
// resuming. Nothing is written to a file that fails the check.
func openSink(o Options, s Streams) (*sink, error) {
	if o.Out == "" {
		return newSink(s.Stdout, nil, s.StdoutTerminal, o.Format == "tsv")
	}
	if !o.Resume {
		f, err := os.OpenFile(o.Out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return nil, fmt.Errorf("--out %s: %w", o.Out, unwrapPath(err))
		}
		return newSink(f, f, false, o.Format == "tsv")
	}
	ex, err := ReadOutput(o.Out)
	if err != nil {
		return nil, err
	}
	if ex.Format != "" && ex.Format != o.Format {
		return nil, fmt.Errorf("%s holds %s output, not %s (--format)", o.Out, ex.Format, o.Format)
	}
	if ex.Errors > 0 {
		return openMerge(o.Out, ex)
	}
	if err := DropPartial(o.Out, ex); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(o.Out, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", o.Out, unwrapPath(err))
	}
	out, err := newSink(f, f, false, o.Format == "tsv" && ex.Empty)
	if out != nil {
		out.done = ex.Done
	}
	return out, err
}

func newSink(w io.Writer, f *os.File, clear, header bool) (*sink, error) {
	if header {
		if _, err := io.WriteString(w, TSVHeader); err != nil {
			if f != nil {
				f.Close()
			}
			return nil, fmt.Errorf("writing the output: %w", err)
		}
	}
	return &sink{w: w, file: f, clear: clear, progress: newProgress(nil)}, nil
}

// write writes the record of the line at key, in one write.
func (s *sink) write(key Key, line []byte) error {
	if s.merge != nil {
		if err := s.merge.copyBefore(key, s.w); err != nil {
			return err
		}
	}
	return s.progress.write(s.w, s.clear, line)
}

// close finishes the output: a merge copies the old records not yet
// copied and replaces the output.
func (s *sink) close() error {
	if s.file == nil {
		return nil
	}
	if s.merge != nil {
		return s.merge.finish(s.file)
	}
	return s.file.Close()
}

// merger rewrites an output that holds error records: its records are
// copied in order, each new record goes in before the first old one that
// comes after it in the input, and the error records, which the run
// predicts again, are dropped once the run has passed them.
type merger struct {
	path string
	old  *os.File
	r    *bufio.Reader
	next []byte // the next old line, not yet copied; nil at the end
	key  Key    // its key
	fail bool   // it is an error record
	tsv  bool
}

// openMerge opens a merge of the output at path, checked as ex.
func openMerge(path string, ex *Existing) (*sink, error) {
	old, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := old.Stat()
	if err != nil {
		old.Close()
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".resume-*")
	if err != nil {
		old.Close()
		return nil, fmt.Errorf("--out %s: rewriting it: %w", path, unwrapPath(err))
	}
	_ = tmp.Chmod(info.Mode().Perm())
	m := &merger{path: path, old: old, r: bufio.NewReader(io.LimitReader(old, ex.Size)), tsv: ex.Format == "tsv"}
	if m.tsv { // the header first
		if err := m.copyLine(tmp); err != nil {
			m.abandon(tmp)
			return nil, err
		}
	}
	if err := m.advance(); err != nil {
		m.abandon(tmp)
		return nil, err
	}
	return &sink{w: tmp, file: tmp, progress: newProgress(nil), done: ex.Done, merge: m}, nil
}

// advance reads the next old line.
func (m *merger) advance() error {
	line, err := m.r.ReadBytes('\n')
	if err == io.EOF {
		m.next = nil
		return nil
	}
	if err != nil {
		return err
	}
	rec, err := parseJSONRecord(line)
	if m.tsv {
		rec, err = parseTSVRecord(line)
	}
	if err != nil {
		return fmt.Errorf("%s changed while resuming: %w", m.path, err)
	}
	m.next, m.key, m.fail = line, rec.key, rec.failed
	return nil
}

// copyLine copies the next old line as it is (the TSV header).
func (m *merger) copyLine(w io.Writer) error {
	line, err := m.r.ReadBytes('\n')
	if err != nil {
		return err
	}
	_, err = w.Write(line)
	return err
}

// copyBefore copies the old records that come before key in the input,
// dropping the error records among them.
func (m *merger) copyBefore(key Key, w io.Writer) error {
	for m.next != nil && (m.key.Less(key) || m.key == key) {
		if !m.fail {
			if _, err := w.Write(m.next); err != nil {
				return err
			}
		}
		if err := m.advance(); err != nil {
			return err
		}
	}
	return nil
}

// finish copies the rest of the old records (error records included: the
// run did not get to them) and renames the new file over the old.
func (m *merger) finish(tmp *os.File) error {
	defer m.old.Close()
	for m.next != nil {
		if _, err := tmp.Write(m.next); err != nil {
			m.abandon(tmp)
			return err
		}
		if err := m.advance(); err != nil {
			m.abandon(tmp)
			return err
		}
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), m.path)
}

// abandon removes the new file, leaving the output as it was.
func (m *merger) abandon(tmp *os.File) {
	tmp.Close()
	os.Remove(tmp.Name())
	m.old.Close()
}
