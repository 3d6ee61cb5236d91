package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

const usage = `seqpredict predicts the next terms of an integer sequence.

It enumerates the programs of a small arithmetic language from shortest to
longest, keeps those that reproduce the terms, weighs each by 2^-(its length
in bits) and reads the next term off that mixture.

Usage:
  seqpredict [flags] TERM...        predict one sequence
  seqpredict [flags] < FILE         one sequence per line, one answer each
  seqpredict batch [flags] FILE...  predict, score and summarise whole files
                                    (seqpredict batch --help)
  seqpredict explain [flags] TERM...
                                    a walk-through of one prediction, with
                                    --plot FILE.png (seqpredict explain --help)

Examples:
  seqpredict 2 4 6 8                -> 10, with its probability and program
  seqpredict 1,1,2,3,5,8            terms may be separated by commas
  seqpredict -2 5 -4 3              negative terms need no "--"
  seqpredict --next 3 1 2 4 8       the next three terms, jointly
  seqpredict --json 1 4 9 16 25     machine-readable output

Exit status: 0 a prediction was made; 1 no pattern (no program within the
budget is shorter than the terms written out); 2 bad usage or input.

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
	observe     bool
}

func (f *predictFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.jsonOut, "json", false, "print JSON (one object per sequence)")
	fs.IntVar(&f.top, "top", 3, "how many predictions and explanations to show")
	fs.IntVar(&f.next, "next", 1, "how many next terms to predict, jointly")
	fs.IntVar(&f.maxBits, "max-bits", search.DefaultMaxBits, "longest program to search, in bits")
	fs.IntVar(&f.margin, "margin", search.DefaultMargin, "stop this many bits past the shortest explanation")
	fs.Int64Var(&f.maxPrograms, "max-programs", search.DefaultMaxPrograms, "most candidate programs to evaluate")
	fs.Int64Var(&f.patternProg, "pattern-programs", search.DefaultPatternPrograms, "most candidate programs once a pattern within the margin of the search is known")
	fs.Int64Var(&f.maxMemoryMB, "max-memory", search.DefaultMaxMemory>>20, "most memory for the search store, in MiB")
	fs.IntVar(&f.workers, "workers", 0, "search goroutines (0: one per CPU)")
	fs.DurationVar(&f.timeout, "timeout", 10*time.Second, "stop searching after this long and answer with what was found")
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
	case f.maxMemoryMB < 1 || f.maxMemoryMB > 1<<20:
		return fmt.Errorf("bad --max-memory %d: want 1..1048576 MiB", f.maxMemoryMB)
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
			MaxMemory:       f.maxMemoryMB << 20,
			Workers:         f.workers,
		},
		Fitters:     defaultFitters(),
		LateFitters: lateFitters(),
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
func newFlagSet(name, help string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	fs.SortFlags = false
	_ = help
	return fs
}

func runPredict(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict", usage, stderr)
	var f predictFlags
	f.register(fs)
	help := fs.BoolP("help", "h", false, "show this help")
	showVersion := fs.Bool("version", false, "print the version")
	termArgs, flagArgs := splitArgs(fs, args)
	if err := fs.Parse(flagArgs); err != nil {
		return usageError(stderr, err)
	}
	if *help {
		fmt.Fprint(stdout, usage+fs.FlagUsages())
		return exitOK
	}
	if *showVersion {
		fmt.Fprintln(stdout, "seqpredict", version)
		return exitOK
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(termArgs) == 0 {
		return predictLines(ctx, &f, stdin, stdout, stderr)
	}
	terms, err := parseTerms(termArgs)
	if err != nil {
		return usageError(stderr, err)
	}
	res, err := f.predictOne(ctx, terms)
	if err != nil {
		return usageError(stderr, err)
	}
	if f.jsonOut {
		writeJSON(stdout, res.Report())
	} else {
		writeText(stdout, res)
	}
	return statusOf(res)
}

func statusOf(res *predict.Result) int {
	if res.Found {
		return exitOK
	}
	return exitNoPattern
}

// predictLines answers one sequence per line of stdin. A bad line is
// reported (with its number) and skipped; the status is the worst seen.
func predictLines(ctx context.Context, f *predictFlags, stdin io.Reader, stdout, stderr io.Writer) int {
	sc := bufio.NewScanner(stdin)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	status, lines, seen := exitOK, 0, 0
	for sc.Scan() {
		lines++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		seen++
		terms, err := parseTerms([]string{line})
		if err == nil {
			var res *predict.Result
			if res, err = f.predictOne(ctx, terms); err == nil {
				if f.jsonOut {
					writeJSON(stdout, res.Report())
				} else {
					fmt.Fprintf(stdout, "%s:\n", line)
					writeText(stdout, res)
					fmt.Fprintln(stdout)
				}
				status = max(status, statusOf(res))
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "seqpredict: line %d: %v\n", lines, err)
			if f.jsonOut {
				writeJSON(stdout, map[string]string{"error": fmt.Sprintf("line %d: %v", lines, err)})
			}
			status = exitUsage
		}
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "seqpredict: interrupted")
			return max(status, exitNoPattern)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(stderr, "seqpredict: reading input: %v\n", err)
		return exitUsage
	}
	if seen == 0 {
		return usageError(stderr, errors.New("no terms given (try: seqpredict 2 4 6 8, or --help)"))
	}
	return status
}

func usageError(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "seqpredict: %v\n", err)
	return exitUsage
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
