package batch

import (
	"errors"
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
	Done    map[string]bool // ids to leave out (resume)
	Summary *Summary
	// OnBad is told of each bad line of the shard; returning false ends
	// the feed (--strict).
	OnBad func(*LineError) bool
	// OnSkip is told of each line too short for the mode (may be nil).
	OnSkip func(rec Record, reason string)
	// Err is the error that ended the feed early: a file that could not be
	// read, or a bad line refused by OnBad.
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
			if err == io.EOF {
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
			if f.Done[rec.ID] {
				sum.Resumed++
				continue
			}
			t, reason := f.Mode.Task(rec)
			if reason != "" {
				sum.Skipped++
				if f.OnSkip != nil {
					f.OnSkip(rec, reason)
				}
				continue
			}
			if !yield(t) {
				return
			}
		}
	}
}
