package search

import (
	"context"
	"errors"
	"math/big"
	"runtime"
	"time"

	"github.com/seqpredict/seqpredict/dsl"
)

// Options are the search's budgets. Zero values mean the defaults below.
type Options struct {
	// MaxBits is the longest program (in bits, header and initial terms
	// included) the search may reach.
	MaxBits int
	// Margin stops the search once it has completed every length up to the
	// shortest consistent program plus Margin bits: longer explanations
	// weigh less than 2^-Margin of the best one each.
	Margin int
	// KnownBits, when positive, is the length of a consistent program
	// already known (found by a fitter, say): the margin counts from it as
	// if the search had found it.
	KnownBits int
	// MaxPrograms bounds the number of candidate programs evaluated. The
	// search stops before a length whose candidates would exceed it, so the
	// result is deterministic.
	MaxPrograms int64
	// PatternPrograms is the smaller program budget that applies once a
	// pattern is known: a consistent program shorter than the terms written
	// out (found by the search, or KnownBits), no more than Margin bits
	// longer than the length being searched. The search then only looks
	// for competing explanations, and most inputs stop early.
	PatternPrograms int64
	// FarPrograms is the program budget while the only known pattern lies
	// more than Margin bits beyond the length being searched, such as a
	// fitter's long program (default MaxPrograms/4, at least
	// PatternPrograms): a shorter explanation is still worth a good part
	// of the search. Package predict raises it to MaxPrograms when the
	// pattern's evidence is weak, to search further where it pays.
	FarPrograms int64
	// MaxMemory bounds the bytes the fast engine allocates: its stores,
	// leaf vectors and merges, and TermBytes per term for the input held
	// around it (see StoreBudget). Work that would not fit is not done.
	MaxMemory int64
	// Workers is the number of goroutines of the fast engine (default: the
	// number of CPUs). The result does not depend on it.
	Workers int
	// Cache, when set, shares the banks that do not depend on the terms
	// with the other searches that use it (see Cache): a batch's
	// searches build them once. The result does not depend on it.
	Cache *Cache

	// noSnapshot makes the search enumerate the lengths that the bank
	// snapshot holds (see snapshot.go), for the tests that compare the two.
	noSnapshot bool
}

// Defaults. They are tuned so that the public puzzle series are answered in
// milliseconds each and the whole default run stays well under 1 GiB.
const (
	DefaultMaxBits         = 60
	DefaultMargin          = 6
	DefaultMaxPrograms     = 10_000_000
	DefaultPatternPrograms = 250_000
	DefaultMaxMemory       = 768 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxBits == 0 {
		o.MaxBits = DefaultMaxBits
	}
	if o.Margin == 0 {
		o.Margin = DefaultMargin
	}
	if o.MaxPrograms == 0 {
		o.MaxPrograms = DefaultMaxPrograms
	}
	if o.PatternPrograms == 0 {
		o.PatternPrograms = DefaultPatternPrograms
	}
	if o.MaxMemory == 0 {
		o.MaxMemory = DefaultMaxMemory
	}
	if o.FarPrograms == 0 {
		o.FarPrograms = o.MaxPrograms / farPatternShare
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// Found is a program that reproduces every given term.
type Found struct {
	Program *dsl.Program
	Bits    int
	// Next is the program's value at the first index after the data.
	Next *big.Int
}

// Level reports one completed program length.
type Level struct {
	Bits       int   // program length in bits
	Candidates int64 // programs of this length that were evaluated
	Distinct   int64 // of those, how many behaved differently from all shorter ones
	Consistent int64 // how many reproduced the given terms (and define the next one)
	// CheckOnly levels were checked against the terms without being stored
	// (Distinct is then 0: the engine did not look for duplicates).
	CheckOnly bool
	// Elapsed is the wall time the length took.
	Elapsed time.Duration
	// StoreBytes is the size of the fast engine's store after the length.
	StoreBytes int64
	// Matched[m], m >= 1, counts the candidates of a checked level that
	// reproduce exactly the first m terms they are compared with (m = 0 is
	// not counted: most candidates fail the first term). Package predict
	// reports it with the raw figures of its unseen-mass estimate
	// (predict.Observations).
	Matched []int64
}

// Stopped says why a search ended.
type Stopped string

const (
	StopMaxBits     Stopped = "max-bits"
	StopMargin      Stopped = "margin"
	StopMaxPrograms Stopped = "max-programs"
	StopMemory      Stopped = "max-memory"
	StopCancelled   Stopped = "cancelled"
)

// Result is what a search found and how far it got.
type Result struct {
	// Found holds the consistent programs, shortest first. The fast engine
	// keeps one program per behaviour (the shortest), the reference every
	// program.
	Found []Found
	// Levels has one entry per completed program length, 1 bit upwards.
	Levels []Level
	// CompleteBits is the largest length up to which every program was
	// considered: the result is exact for the budget CompleteBits.
	CompleteBits int
	Candidates   int64
	Distinct     int64
	Stopped      Stopped
}

// ErrNoTerms is returned for an empty sequence.
var ErrNoTerms = errors.New("search: no terms given")

// Cut reports whether the search ended on a budget other than its bit
// limit or margin, that is before it reached what was asked.
func (r *Result) Cut() bool {
	return r.Stopped == StopCancelled || r.Stopped == StopMemory || r.Stopped == StopMaxPrograms
}

// target holds the given terms as the engines compare them.
type target struct {
	terms []*big.Int
	small []dsl.Value // int64 terms; Undef where a term does not fit
	big   bool        // some term does not fit in int64
}

func newTarget(terms []*big.Int) target {
	t := target{terms: terms, small: make([]dsl.Value, len(terms))}
	for i, x := range terms {
		t.small[i] = dsl.FromBig(x)
		if t.small[i] == dsl.Undef {
			t.big = true
		}
	}
	return t
}

// matches reports whether int64 values v (at least len(terms) of them) can
// reproduce the terms: equal where the term fits in int64, and Undef
// (overflowed, to be checked exactly) where it does not.
func (t *target) matches(v []dsl.Value) bool {
	for i, want := range t.small {
		if v[i] != want {
			return false
		}
	}
	return true
}

// verify returns the next term of a candidate whose int64 values match
// the terms (next is its int64 value after them): that value when every
// term and it fit in int64, else the exact next term after dsl.Reproduce
// checked the terms exactly. ok is false when the candidate does not
// reproduce the terms or leaves the next term undefined.
func (t *target) verify(p *dsl.Program, next dsl.Value) (*big.Int, bool) {
	if !t.big && next != dsl.Undef {
		return big.NewInt(int64(next)), true
	}
	exact, ok := dsl.Reproduce(p, t.terms, 1)
	if !ok || exact[0] == nil {
		return nil, false
	}
	return exact[0], true
}

func checkContext(ctx context.Context) bool {
	select {
	case <-ctx.Done():
		return true
	default:
		return false
	}
}
