package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/seqpredict/seqpredict/batch"
	"github.com/seqpredict/seqpredict/explain"
	"github.com/seqpredict/seqpredict/predict"
)

const explainUsage = `seqpredict explain walks through one prediction, for teaching.

It shows how many programs there are of each length and how many reproduce
the terms, the survivors with their weights 2^-bits and shares, the
distribution over the next term, how much the best program compresses the
terms, and a contrived program that fits them too but predicts something
else, with its tiny probability. Every figure is the predictor's own; the
contrived program is built, measured and checked with the language's own
coder and evaluator.

Usage:
  seqpredict explain [flags] TERM...

Examples:
  seqpredict explain 2 4 6 8
  seqpredict explain --brief 2 4 6 8             the answer, the best programs,
                                                 the compression and the rival
                                                 in about 25 lines
  seqpredict explain --json 2 4 6 8              the same data as JSON
  seqpredict explain --plot fib.png 1 1 2 3 5 8  and a picture (.png or .svg)

Exit status: 0 a prediction was made; 1 no pattern; 2 bad usage or input;
130 interrupted (Ctrl-C).

Flags:
`

func runExplain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict explain")
	var f predictFlags
	f.register(fs)
	brief := fs.Bool("brief", false, "print a summary of about 25 lines: the answer, the best programs, the compression and the contrived rival")
	plotFile := fs.String("plot", "", "also draw the distribution and the mass by program length to `FILE` (.png or .svg)")
	help := fs.BoolP("help", "h", false, "show this help")
	termArgs, flagArgs := splitArgs(fs, args)
	if err := fs.Parse(flagArgs); err != nil {
		return usageError(stderr, fmt.Errorf("explain: %v", err))
	}
	if *help {
		fmt.Fprint(stdout, explainUsage+fs.FlagUsages())
		return exitOK
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, fmt.Errorf("explain: %v", err))
	}
	if *brief && f.jsonOut {
		return usageError(stderr, errors.New("explain: --brief and --json exclude each other"))
	}
	format := ""
	if *plotFile != "" {
		format = strings.ToLower(strings.TrimPrefix(filepath.Ext(*plotFile), "."))
		if format != "png" && format != "svg" {
			return usageError(stderr, fmt.Errorf("explain: bad --plot %q: want a file name ending in .png or .svg", *plotFile))
		}
		if err := batch.CheckWritable(*plotFile); err != nil {
			return usageError(stderr, fmt.Errorf("explain: --plot %s: %v", *plotFile, err))
		}
	}
	if len(termArgs) == 0 {
		return usageError(stderr, errors.New("explain: no terms given (try: seqpredict explain 2 4 6 8)"))
	}

	ctx, interrupted, stop := withSignals(context.Background())
	defer stop()
	defer f.limitMemory()()
	status := explainArgs(ctx, &f, termArgs, explainOutput{plot: *plotFile, format: format, brief: *brief}, stdout, stderr)
	if ctx.Err() != nil {
		return interrupted()
	}
	return status
}

// explainOutput says what explain prints: the brief summary instead of the
// walk-through, and the plot file (and its format, png or svg; "" for none).
type explainOutput struct {
	plot, format string
	brief        bool
}

// explainArgs explains the sequence given as arguments; the timeout
// starts before the terms are read. The text (or JSON) is printed even
// when the plot cannot be written.
func explainArgs(ctx context.Context, f *predictFlags, termArgs []string, out explainOutput, stdout, stderr io.Writer) int {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	terms, err := parseTerms(ctx, termArgs)
	if err != nil {
		return usageError(stderr, fmt.Errorf("explain: %v", timeoutError(ctx, err)))
	}
	opts := f.options()
	opts.Top = explain.AllClasses // the walk-through accounts for every class
	res, err := predict.Predict(ctx, terms, opts)
	if err != nil {
		return usageError(stderr, fmt.Errorf("explain: %v", err))
	}
	w, err := explain.Build(res, f.top)
	if err != nil {
		return usageError(stderr, err)
	}
	switch {
	case f.jsonOut:
		writeJSON(stdout, w)
	case out.brief:
		_ = w.WriteBrief(stdout)
	default:
		_ = w.WriteText(stdout)
	}
	if out.format != "" {
		if err := writePlot(out.plot, out.format, w); err != nil {
			return usageError(stderr, fmt.Errorf("explain: writing the plot: %v", err))
		}
	}
	return statusOf(res)
}

// writePlot draws w to the named file in the given format (png or svg).
func writePlot(name, format string, w *explain.Walkthrough) error {
	img, err := w.Plot(format)
	if err != nil {
		return err
	}
	out, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := img.WriteTo(out); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
