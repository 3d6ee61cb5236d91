package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/seqpredict/seqpredict/batch"
	"github.com/seqpredict/seqpredict/search"
)

const batchUsage = `seqpredict batch predicts every sequence of one or more files.

Usage:
  seqpredict batch [flags] FILE...      (FILE "-" or none: standard input)

Each line is one sequence, in any of these forms (detected line by line):
  A000045 ,0,1,1,2,3,5,8,13,            the OEIS "stripped" format
  P0001<TAB>2,4,9,11,16<TAB>18          ID<TAB>terms[<TAB>answer]; a first
                                        column "id" is a header, skipped
  1, 1, 2, 3, 5                         bare terms; the ID is FILE:LINE
Lines starting with # are comments. Files compressed with gzip are read as
they are. A bad line is reported with its line number and skipped (--strict:
the run stops, exit status 2).

Scoring, when the answers are known:
  --given N      the first N terms are the input, the following --next K
                 (default 1) are expected, predicted jointly
  --holdout K    the last K terms are hidden and expected
  (neither)      every term is the input; an integer third column of an
                 ID<TAB>terms line is the expected next term (with --next 1)
Lines too short for the mode are skipped (counted, not failed).

Output, one line per sequence in input order, written as each is done:
JSON Lines (id, the fields of seqpredict --json, and when scoring expected,
correct, verdict, expected_probability, log_loss_bits) or, with --format
tsv, a table: id, next terms, probability, program, bits, verdict. The
summary (accuracy, time per sequence, log-loss, calibration) goes to
standard error at the end, also after Ctrl-C.

Long runs: --resume --out FILE skips the ids already in FILE and appends;
--shard I/N takes the data lines whose position is I modulo N (see README).

Exit status: 0 the run completed; 1 interrupted; 2 bad usage or input.

Flags:
`

func runBatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict batch", batchUsage, stderr)
	var f predictFlags
	f.register(fs)
	_ = fs.MarkHidden("json") // the output is JSON Lines already
	fs.Lookup("next").Usage = "how many terms to predict, jointly; with --given, the number of expected terms"
	fs.Lookup("timeout").Usage = "stop searching a sequence after this long and answer with what was found"
	f.workers = 1 // parallel over sequences, not within one search
	fs.Lookup("workers").DefValue = "1"
	fs.Lookup("workers").Usage = "search goroutines per job"
	fs.Lookup("max-memory").Usage += " (per job)"
	given := fs.Int("given", 0, "score: the first N terms are given, the next --next terms expected")
	holdout := fs.Int("holdout", 0, "score: the last K terms of each line are hidden and expected")
	format := fs.String("format", "json", "output format: json (JSON Lines) or tsv")
	outPath := fs.StringP("out", "o", "", "write the output to this file instead of standard output")
	summaryPath := fs.String("summary", "", "also write the summary as JSON to this file")
	plotPath := fs.String("calibration-plot", "", "also draw the reliability diagram (probability against accuracy) to `FILE` (.png or .svg)")
	resume := fs.Bool("resume", false, "with --out: skip the ids already in the file and append")
	strict := fs.Bool("strict", false, "stop at the first bad line (exit status 2)")
	shardFlag := fs.String("shard", "", "I/N: take only the data lines whose position is I modulo N")
	jobs := fs.IntP("jobs", "j", runtime.NumCPU(), "sequences predicted in parallel")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, err)
	}
	if *help {
		fmt.Fprint(stdout, batchUsage+fs.FlagUsages())
		return exitOK
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, err)
	}
	mode := batch.Mode{Given: *given, Holdout: *holdout, Next: f.next}
	var shard batch.Shard
	var err error
	switch {
	case *given < 0 || *given > 1_000_000:
		err = fmt.Errorf("bad --given %d: want a positive number of terms", *given)
	case *holdout < 0 || *holdout > 100:
		err = fmt.Errorf("bad --holdout %d: want 1..100", *holdout)
	case *given > 0 && *holdout > 0:
		err = errors.New("--given and --holdout exclude each other")
	case *holdout > 0 && fs.Changed("next") && f.next != *holdout:
		err = fmt.Errorf("--next %d disagrees with --holdout %d (the hidden terms are the ones predicted)", f.next, *holdout)
	case *format != "json" && *format != "tsv":
		err = fmt.Errorf("bad --format %q: want json or tsv", *format)
	case *resume && *outPath == "":
		err = errors.New("--resume needs --out FILE")
	case *jobs < 1 || *jobs > 1024:
		err = fmt.Errorf("bad --jobs %d: want 1..1024", *jobs)
	case *shardFlag != "":
		shard, err = batch.ParseShard(*shardFlag)
	}
	if err != nil {
		return usageError(stderr, err)
	}
	if *holdout > 0 {
		f.next = *holdout
	}
	var plot *calibrationPlot
	if *plotPath != "" {
		if *plotPath == *outPath || *plotPath == *summaryPath {
			return usageError(stderr, fmt.Errorf("--calibration-plot %s is also the output or the summary file", *plotPath))
		}
		if plot, err = openCalibrationPlot(*plotPath); err != nil {
			return usageError(stderr, err)
		}
	}
	files := fs.Args()
	for _, name := range files {
		if name != "-" {
			if _, err := os.Stat(name); err != nil {
				// The path error's "stat" says nothing to a user.
				return usageError(stderr, fmt.Errorf("batch: cannot read %s: %w", name, errors.Unwrap(err)))
			}
		}
	}

	// The output, and what it already holds when resuming.
	out := stdout
	var done map[string]bool
	header := *format == "tsv"
	if *outPath != "" {
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if *resume {
			ex, err := batch.Done(*outPath)
			if err != nil {
				return usageError(stderr, err)
			}
			if ex.Format != "" && ex.Format != *format {
				return usageError(stderr, fmt.Errorf("%s holds %s output, not %s (--format)", *outPath, ex.Format, *format))
			}
			done, header = ex.IDs, header && ex.Empty
			flags = os.O_WRONLY | os.O_CREATE | os.O_APPEND
		}
		file, err := os.OpenFile(*outPath, flags, 0o644)
		if err != nil {
			return usageError(stderr, err)
		}
		defer file.Close()
		out = file
	}
	if header {
		if _, err := io.WriteString(out, batch.TSVHeader); err != nil {
			return usageError(stderr, err)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop) // a second Ctrl-C kills at once
	start := time.Now()

	var sum batch.Summary
	var logMu sync.Mutex
	var bar *progressbar.ProgressBar
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		if bar != nil {
			_ = bar.Clear()
		}
		fmt.Fprintf(stderr, "seqpredict batch: "+format+"\n", args...)
	}
	feed := &batch.Feed{
		Scanner: batch.NewScanner(files, stdin),
		Mode:    mode, Shard: shard, Done: done, Summary: &sum,
		OnBad: func(le *batch.LineError) bool {
			logf("%v", le)
			return !*strict
		},
	}
	if isTerminal(stderr) {
		bar = newBar(stderr, countTasks(files, mode, shard, done))
	}

	solve := func(ctx context.Context, t batch.Task) (*batch.Outcome, bool) {
		begin := time.Now()
		res, err := f.predictOne(ctx, t.Input)
		if ctx.Err() != nil && (err != nil || res.Search == nil || res.Search.Stopped == search.StopCancelled) {
			return nil, false // interrupted: abandoned, redone by --resume
		}
		return &batch.Outcome{Task: t, Result: res, Elapsed: time.Since(begin), Err: err}, true
	}
	emit := func(o *batch.Outcome) error {
		if o.Err != nil {
			logf("%s: %v", o.ID, o.Err)
			sum.Add(o)
			return nil
		}
		line := o.JSONLine()
		if *format == "tsv" {
			line = o.TSVLine()
		}
		if _, err := out.Write(line); err != nil { // one write per line
			return err
		}
		sum.Add(o)
		if bar != nil {
			_ = bar.Add(1)
		}
		return nil
	}
	runErr := batch.Run(ctx, *jobs, feed.Tasks(), solve, emit)
	if bar != nil {
		_ = bar.Finish()
		_ = bar.Clear()
	}

	status := exitOK
	sum.Interrupted = ctx.Err() != nil
	if sum.Interrupted {
		status = exitNoPattern
	}
	if feed.Err != nil {
		if *strict {
			logf("stopped at a bad line (--strict)")
		} else {
			logf("%v", feed.Err)
		}
		status = exitUsage
	}
	if runErr != nil {
		logf("writing the output: %v", runErr)
		status = exitUsage
	}
	rep := sum.Report(time.Since(start))
	rep.WriteText(stderr)
	if *summaryPath != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*summaryPath, append(data, '\n'), 0o644); err != nil {
			logf("writing the summary: %v", err)
			status = exitUsage
		}
	}
	if plot != nil {
		if err := plot.write(rep); err != nil {
			logf("drawing the calibration plot: %v", err)
			status = exitUsage
		}
	}
	return status
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// countTasks counts the tasks of a run beforehand, for the progress bar's
// ETA: -1 (unknown) when reading standard input.
func countTasks(files []string, mode batch.Mode, shard batch.Shard, done map[string]bool) int64 {
	if len(files) == 0 {
		return -1
	}
	for _, name := range files {
		if name == "-" {
			return -1
		}
	}
	feed := &batch.Feed{Scanner: batch.NewScanner(files, nil), Mode: mode, Shard: shard, Done: done}
	n := int64(0)
	for range feed.Tasks() {
		n++
	}
	return n
}

func newBar(w io.Writer, total int64) *progressbar.ProgressBar {
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("predicting"),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("seq"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
