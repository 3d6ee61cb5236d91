package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
)

// Feed turns the records of a Scanner into tasks: those of its shard,
// not already done, long enough for the mode. It counts what it leaves out
// in Summary (Skipped, Bad, Resumed), from the goroutine that iterates.
type Feed struct {
	Scanner *Scanner
	Mode    Mode
	Shard   Shard
	// Done maps the keys of the lines to leave out (resume) to the ids
	// written for them: a line with an ID of its own must still have it.
	Done    map[Key]string
	Summary *Summary
	// OnBad is told of each bad line of the shard; returning false ends
	// the feed (--strict).
	OnBad func(*LineError) bool
	// Err is the error that ended the feed early: a file that could not be
	// read, a bad line refused by OnBad, a line whose id is not the one
	// written for it. An interruption (the Scanner's context) is no error.
	Err error
}

// Tasks yields the tasks in input order.
func (f *Feed) Tasks() iter.Seq[Task] {
	sum := f.Summary
	if sum == nil {
		sum = &Summary{}
	}
	return func(yield func(Task) bool) {
		defer f.Scanner.Close()
		for {
			rec, err := f.Scanner.Next()
			if err == io.EOF || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			var le *LineError
			if errors.As(err, &le) {
				if !f.Shard.Takes(le.Pos) {
					continue
				}
				sum.Bad++
				if f.OnBad != nil && !f.OnBad(le) {
					f.Err = le
					return
				}
				continue
			}
			if err != nil {
				f.Err = err
				return
			}
			if !f.Shard.Takes(rec.Pos) {
				continue
			}
			if id, done := f.Done[rec.Key]; done {
				if !rec.Bare && id != rec.ID {
					f.Err = fmt.Errorf("%s:%d: the output has %q for this line, not %q: it was written from other input", rec.Source, rec.Line, abbreviate(id), rec.ID)
					return
				}
				sum.Resumed++
				continue
			}
			t, reason := f.Mode.Task(rec)
			if reason != "" {
				sum.Skipped++
				continue
			}
			if !yield(t) {
				return
			}
		}
	}
}
