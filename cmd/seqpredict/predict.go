package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/seqpredict/seqpredict/batch"
	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

const usage = `seqpredict predicts the next terms of an integer sequence.

It enumerates the programs of a small arithmetic language from shortest to
longest, keeps those that reproduce the terms, weighs each by 2^-(its length
in bits) and reads the next term off that mixture.

Usage:
  seqpredict [flags] TERM...        predict one sequence
  seqpredict [flags] [-] < FILE     one sequence per line, one answer each
                                    (the line formats of seqpredict batch)
  seqpredict COMMAND [flags] ...    see below and seqpredict help COMMAND

Commands:
%s
Examples:
  seqpredict 2 4 6 8                -> 10, with its probability and program
  seqpredict 1,1,2,3,5,8            terms may be separated by commas
  seqpredict -2 5 -4 3              negative terms need no "--"
  seqpredict --next 3 1 2 4 8       the next three terms, jointly
  seqpredict --json 1 4 9 16 25     machine-readable output

Limits: at most 100,000 terms of at most 100,000 digits, lines of at most
1 MiB; --max-memory bounds the process's peak memory and --timeout the
whole run, reading the terms included.

Exit status: 0 a prediction was made; 1 no pattern (no program within the
budget is shorter than the terms written out); 2 bad usage or input; 130
interrupted (Ctrl-C), after printing what was found.

Flags:
`

// predictFlags are the flags shared by every command that predicts.
type predictFlags struct {
	jsonOut     bool
	top         int
	next        int
	maxBits     int
	margin      int
	maxPrograms int64
	patternProg int64
	maxMemoryMB int64
	workers     int
	timeout     time.Duration
	jobs        int // predictions run at once (batch), sharing maxMemoryMB
	observe     bool
	// cache shares the banks that do not depend on the terms between the
	// predictions of a run (set by shareBanks).
	cache *search.Cache
}

// shareBanks gives the run's predictions one cache of the banks that do
// not depend on the terms, within its share of --max-memory.
func (f *predictFlags) shareBanks() {
	f.cache = search.NewCache(search.CacheBudget(f.maxMemoryMB<<20, f.jobs))
}

// limitMemory tells the garbage collector to keep the process within
// --max-memory (less the program's code, which is not the heap's) and
// returns a function that restores the former limit.
func (f *predictFlags) limitMemory() (restore func()) {
	total := f.maxMemoryMB << 20
	old := debug.SetMemoryLimit(total - codeBytes - total/gcHeadroom)
	return func() { debug.SetMemoryLimit(old) }
}

// codeBytes is about what the program's code and data take in memory
// outside the Go heap. It was 16 MiB; with the kinds, operators and
// fitters merged since, a batch of 24 lines of 20 to 43 random terms
// (TestMemoryBoundShared) at --jobs 2 peaked at a median of 62.1 MiB of
// 64 (125.4 of 128) over 5 runs, and up to 68 on a loaded machine; at
// 20 MiB, 59.0 (121.1). It only paces the garbage collector: no search
// reads it, so no prediction depends on it.
const codeBytes = 20 << 20

// gcHeadroom: the garbage collector aims a sixteenth below the bound as
// well, for what the runtime holds outside the live heap (spans not yet
// returned to the system, stacks) while a search frees and allocates
// hundreds of megabytes at a time. Without it, 1,000 terms of 3n+1 at
// --max-memory 768 peaked at 756 to 795 MiB (three runs); with it, see
// the README's table.
const gcHeadroom = 16

func (f *predictFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.jsonOut, "json", false, "print JSON (one object per sequence)")
	fs.IntVar(&f.top, "top", 3, "how many predictions and explanations to show")
	fs.IntVar(&f.next, "next", 1, "how many next terms to predict, jointly")
	f.registerBudget(fs, 10*time.Second)
}

// registerBudget registers the search budget flags and --timeout, with
// the given default timeout.
func (f *predictFlags) registerBudget(fs *pflag.FlagSet, timeout time.Duration) {
	fs.IntVar(&f.maxBits, "max-bits", search.DefaultMaxBits, "longest program to search, in bits")
	fs.IntVar(&f.margin, "margin", search.DefaultMargin, "stop this many bits past the shortest explanation")
	fs.Int64Var(&f.maxPrograms, "max-programs", search.DefaultMaxPrograms, "most candidate programs to evaluate")
	fs.Int64Var(&f.patternProg, "pattern-programs", search.DefaultPatternPrograms, "most candidate programs once a pattern within the margin of the search is known")
	fs.Int64Var(&f.maxMemoryMB, "max-memory", search.DefaultMaxMemory>>20, "most memory for the whole process, in MiB (see README)")
	fs.IntVar(&f.workers, "workers", 0, "search goroutines (0: one per CPU)")
	fs.DurationVar(&f.timeout, "timeout", timeout, "stop searching after this long and answer with what was found")
	fs.BoolVar(&f.observe, "observations", false, "JSON: add the raw figures of the unseen-mass estimate (for refitting it)")
	_ = fs.MarkHidden("observations")
}

// validate rejects absurd budgets with a message naming the flag.
func (f *predictFlags) validate() error {
	switch {
	case f.top < 1 || f.top > 1000:
		return fmt.Errorf("bad --top %d: want 1..1000", f.top)
	case f.next < 1 || f.next > 100:
		return fmt.Errorf("bad --next %d: want 1..100", f.next)
	case f.maxBits < 1 || f.maxBits > 200:
		return fmt.Errorf("bad --max-bits %d: want 1..200", f.maxBits)
	case f.margin < 1 || f.margin > 200:
		return fmt.Errorf("bad --margin %d: want 1..200", f.margin)
	case f.maxPrograms < 1:
		return fmt.Errorf("bad --max-programs %d: want at least 1", f.maxPrograms)
	case f.patternProg < 1:
		return fmt.Errorf("bad --pattern-programs %d: want at least 1", f.patternProg)
	case f.maxMemoryMB < search.MinProcessMemory>>20 || f.maxMemoryMB > 1<<20:
		return fmt.Errorf("bad --max-memory %d: want %d..1048576 MiB", f.maxMemoryMB, search.MinProcessMemory>>20)
	case f.workers < 0 || f.workers > 1024:
		return fmt.Errorf("bad --workers %d: want 0..1024", f.workers)
	case f.timeout <= 0:
		return fmt.Errorf("bad --timeout %v: want a positive duration such as 10s", f.timeout)
	}
	return nil
}

func (f *predictFlags) options() predict.Options {
	return predict.Options{
		Next: f.next,
		Top:  f.top,
		Search: search.Options{
			MaxBits:         f.maxBits,
			Margin:          f.margin,
			MaxPrograms:     f.maxPrograms,
			PatternPrograms: f.patternProg,
			MaxMemory:       search.StoreBudget(f.maxMemoryMB<<20, f.jobs),
			Workers:         f.workers,
			Cache:           f.cache,
		},
		Fitters:     fit.Early(),
		LateFitters: fit.Late(),
		Observe:     f.observe,
	}
}

// predictOne runs one prediction under the timeout.
func (f *predictFlags) predictOne(ctx context.Context, terms []*big.Int) (*predict.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	return predict.Predict(ctx, terms, f.options())
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	return fs
}

func runPredict(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict")
	var f predictFlags
	f.register(fs)
	help := fs.BoolP("help", "h", false, "show this help")
	showVersion := fs.Bool("version", false, "print the version")
	termArgs, flagArgs := splitArgs(fs, args)
	if err := fs.Parse(flagArgs); err != nil {
		return usageError(stderr, err)
	}
	if *help {
		fmt.Fprintf(stdout, usage, commandList())
		fmt.Fprint(stdout, fs.FlagUsages())
		return exitOK
	}
	if *showVersion {
		fmt.Fprintln(stdout, "seqpredict", version)
		return exitOK
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, err)
	}
	ctx, interrupted, stop := withSignals(context.Background())
	defer stop()
	defer f.limitMemory()()
	switch {
	case len(termArgs) == 0 || len(termArgs) == 1 && termArgs[0] == "-":
		if len(termArgs) == 0 && isTerminal(stdin) {
			fmt.Fprintln(stderr, "seqpredict: reading sequences from standard input, one per line; Ctrl-D ends (seqpredict --help: usage)")
		}
		f.shareBanks()
		status := predictLines(ctx, &f, stdin, stdout, stderr)
		if ctx.Err() != nil {
			return interrupted()
		}
		return status
	case slices.Contains(termArgs, "-"):
		return usageError(stderr, errors.New(`bad term "-": not an integer ("-" alone reads standard input)`))
	}
	defer debug.SetGCPercent(debug.SetGCPercent(oneGCPercent))
	status := f.predictArgs(ctx, termArgs, stdout, stderr)
	if ctx.Err() != nil {
		return interrupted()
	}
	return status
}

// oneGCPercent is the garbage collector's GOGC while one sequence given as
// arguments is predicted. Such a run is short and leaves little garbage,
// and the collector's first cycles (at 4 and 8 MiB of heap, with every
// goroutine slowed by the write barrier meanwhile) took about a tenth of
// its CPU time; at 400 the first comes at 16 MiB. Measured on the public
// puzzles, one process each: median CPU 21.7 ms at 100, 19.3 ms at 400;
// the largest peak 68 MiB at 100, 89 MiB at 400. The memory limit
// (--max-memory) bounds the heap all the same. Runs over many sequences
// keep the default, which they gain nothing from (the OEIS sample: the
// same CPU time, a peak of 647 MiB instead of 271).
const oneGCPercent = 400

// predictArgs predicts the sequence given as arguments: the timeout starts
// before the terms are read.
func (f *predictFlags) predictArgs(ctx context.Context, termArgs []string, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	terms, err := parseTerms(ctx, termArgs)
	if err != nil {
		return usageError(stderr, timeoutError(ctx, err))
	}
	res, err := predict.Predict(ctx, terms, f.options())
	if err != nil {
		return usageError(stderr, err)
	}
	f.write(stdout, res, "")
	return statusOf(res)
}

// timeoutError says that reading the terms took the whole timeout.
func timeoutError(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("reading the terms took the whole --timeout")
	}
	if ctx.Err() != nil {
		return errors.New("interrupted")
	}
	return err
}

// write prints a result, with the sequence's id in front when it has one.
func (f *predictFlags) write(w io.Writer, res *predict.Result, id string) {
	if f.jsonOut {
		rep := res.Report()
		writeJSON(w, struct {
			ID string `json:"id,omitempty"`
			*predict.Report
		}{id, &rep})
		return
	}
	writeText(w, res)
}

func statusOf(res *predict.Result) int {
	if res.Found {
		return exitOK
	}
	return exitNoPattern
}

// predictLines answers one sequence per line of stdin, read as batch
// reads its lines. A bad line is reported (with its number) and skipped;
// the status is the worst seen.
func predictLines(ctx context.Context, f *predictFlags, stdin io.Reader, stdout, stderr io.Writer) int {
	lr := batch.NewLineReader(stdin, "-")
	status, seen := exitOK, 0
	for ctx.Err() == nil {
		line, err := lr.Next()
		if err == io.EOF {
			break
		}
		if errors.As(err, new(*batch.FileError)) {
			return usageError(stderr, err)
		}
		kind, lineStatus := batch.Data, exitOK
		if err == nil {
			kind, lineStatus, err = f.predictLine(ctx, line, stdout)
		}
		if kind != batch.Data {
			continue
		}
		seen++
		if err != nil {
			err = fmt.Errorf("line %d: %w", lr.Line(), causeOf(err))
			fmt.Fprintf(stderr, "seqpredict: %v\n", err)
			if f.jsonOut {
				writeJSON(stdout, map[string]string{"error": err.Error()})
			}
			lineStatus = exitUsage
		}
		status = max(status, lineStatus)
	}
	if seen == 0 && ctx.Err() == nil {
		return usageError(stderr, errors.New("no terms given (try: seqpredict 2 4 6 8, or --help)"))
	}
	return status
}

// causeOf is what is wrong with a line, without the place a LineError
// adds.
func causeOf(err error) error {
	var le *batch.LineError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// predictLine predicts the sequence on one line of standard input, under
// its own timeout, reading the terms included, and returns the status of
// the prediction.
func (f *predictFlags) predictLine(ctx context.Context, line string, stdout io.Writer) (batch.LineKind, int, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	rec, kind, err := batch.ParseLine(ctx, line)
	if kind != batch.Data || err != nil {
		return kind, exitUsage, timeoutError(ctx, err)
	}
	res, err := predict.Predict(ctx, rec.Terms, f.options())
	if err != nil {
		return kind, exitUsage, err
	}
	if !f.jsonOut {
		name := rec.ID
		if name == "" {
			name = strings.TrimSpace(line)
		}
		fmt.Fprintf(stdout, "%s:\n", name)
	}
	f.write(stdout, res, rec.ID)
	if !f.jsonOut {
		fmt.Fprintln(stdout)
	}
	return kind, statusOf(res), nil
}

func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "seqpredict: %v\n", err)
	return exitUsage
}

func writeJSON(w io.Writer, v any) {
	line, err := predict.JSONLine(v)
	if err != nil { // only a NaN or an infinity could fail
		line, _ = predict.JSONLine(map[string]string{"error": err.Error()})
	}
	_, _ = w.Write(line)
}
