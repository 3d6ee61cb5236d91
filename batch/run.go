package batch

import (
	"context"
	"iter"
	"sync"
)

// Solver predicts one task. It returns ok false to abandon the task, when
// the run was interrupted before its prediction was complete.
type Solver func(ctx context.Context, t Task) (o *Outcome, ok bool)

// Run solves tasks with jobs goroutines and hands the outcomes to emit, in
// the order of tasks, from the calling goroutine. The tasks iterator runs
// in a goroutine of its own, which has ended when Run returns. At most a
// few tasks per job are in flight or waiting for an earlier one, so memory
// stays bounded however long the input.
//
// When ctx is cancelled, Run takes no more tasks. The outcomes complete in
// order are still emitted; the first abandoned one ends the emission (what
// finished after it is dropped, to keep the output in order: a resumed run
// redoes it). If emit fails, Run stops and returns its error.
func Run(ctx context.Context, jobs int, tasks iter.Seq[Task], solve Solver, emit func(*Outcome) error) error {
	jobs = max(jobs, 1)
	window := 4*jobs + 16
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type item struct {
		seq int
		t   Task
	}
	type done struct {
		seq int
		o   *Outcome
		ok  bool
	}
	in := make(chan item)
	out := make(chan done, window)
	slots := make(chan struct{}, window) // taken at dispatch, freed at emission

	var producer sync.WaitGroup
	producer.Go(func() {
		defer close(in)
		seq := 0
		for t := range tasks {
			if ctx.Err() != nil {
				return
			}
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case in <- item{seq, t}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	})
	var workers sync.WaitGroup
	for range jobs {
		workers.Go(func() {
			for it := range in {
				o, ok := solve(ctx, it.t)
				out <- done{it.seq, o, ok}
			}
		})
	}
	go func() {
		workers.Wait()
		close(out)
	}()

	var err error
	pending := map[int]done{}
	next, stopped := 0, false
	for d := range out {
		if stopped {
			continue
		}
		pending[d.seq] = d
		for !stopped {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if !p.ok {
				stopped = true
			} else if err = emit(p.o); err != nil {
				stopped = true
			}
			if stopped {
				cancel()
				break
			}
			<-slots
		}
	}
	producer.Wait()
	return err
}
