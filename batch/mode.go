package batch

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Mode is how a record becomes a prediction task, and what it is scored
// against.
//
//   - Given N > 0: the first N terms are the input and the following Next
//     terms are expected (predicted jointly).
//   - Holdout K > 0: the last K terms are hidden and expected; Next is K.
//   - Neither: every term is the input and Next terms are predicted; a
//     record's Answer, when it has one and Next is 1, is expected.
//
// A record too short for its mode is skipped, not failed.
type Mode struct {
	Given   int
	Holdout int
	Next    int // default 1
}

// Task is one prediction to make.
type Task struct {
	Record
	Input    []*big.Int // the terms given to the predictor
	Expected []*big.Int // the continuation scored against, or nil
	Next     int        // how many terms to predict
}

// Scored reports whether the task has an expected answer.
func (t *Task) Scored() bool { return len(t.Expected) > 0 }

// Task turns a record into a task, or says why it is skipped.
func (m Mode) Task(rec Record) (Task, string) {
	next := max(m.Next, 1)
	n := len(rec.Terms)
	t := Task{Record: rec, Next: next}
	switch {
	case m.Given > 0:
		if n < m.Given+next {
			return t, fmt.Sprintf("%d terms, --given %d needs %d", n, m.Given, m.Given+next)
		}
		t.Input, t.Expected = rec.Terms[:m.Given], rec.Terms[m.Given:m.Given+next]
	case m.Holdout > 0:
		if n < m.Holdout+1 {
			return t, fmt.Sprintf("%d terms, --holdout %d needs %d", n, m.Holdout, m.Holdout+1)
		}
		t.Next = m.Holdout
		t.Input, t.Expected = rec.Terms[:n-m.Holdout], rec.Terms[n-m.Holdout:]
	default:
		t.Input = rec.Terms
		if rec.Answer != nil && next == 1 {
			t.Expected = []*big.Int{rec.Answer}
		}
	}
	return t, ""
}

// Shard selects the lines of one of N shards: those whose position is I
// modulo N. The zero Shard takes every line.
type Shard struct{ I, N int }

// ParseShard reads "I/N" with 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("bad --shard %q: want I/N with 0 <= I < N, such as 0/4", s)
	}
	return Shard{I: i, N: n}, nil
}

// Takes reports whether the line at position pos belongs to the shard.
func (s Shard) Takes(pos int) bool { return s.N <= 1 || pos%s.N == s.I }

func (s Shard) String() string {
	if s.N <= 1 {
		return "all"
	}
	return fmt.Sprintf("%d/%d", s.I, s.N)
}
