package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/seqpredict/seqpredict/batch"
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
they are. A bad line (an empty field between commas included) is reported as
FILE:LINE and skipped (--strict: the run stops, exit status 2).

Scoring, when the answers are known:
  --given N      the first N terms are the input, the following --next K
                 (default 1) are expected, predicted jointly
  --holdout K    the last K terms are hidden and expected
  (neither)      every term is the input; an integer third column of an
                 ID<TAB>terms line is the expected next term (with --next 1)
Lines too short for the mode are skipped (counted, not failed).

Output, one line per sequence in input order, written as each is done:
JSON Lines (id, input: {file, line}, the fields of seqpredict --json, and
when scoring expected, correct, verdict, expected_probability,
log_loss_bits; a failed prediction: id, input, error) or, with --format
tsv, a table: id, next terms, probability, program, bits, verdict, file,
line. The summary (accuracy, time per sequence, log-loss, calibration)
goes to standard error at the end, also after Ctrl-C. A progress bar shows
on a terminal (--quiet: none).

Long runs: --resume --out FILE keeps the records in FILE, checked first,
and predicts the other lines (keyed by file and line, not by id), giving
the output an uninterrupted run gives; --shard I/N takes the data lines
whose position is I modulo N (see README).

Limits: a line of at most 1 MiB and 100,000 terms of at most 100,000
digits; more is a bad line. Binary files are refused. --max-memory bounds
the whole process, shared by the --jobs; --timeout is per sequence.

Exit status: 0 the run completed; 2 bad usage or input; 130 interrupted
(Ctrl-C; 143 for SIGTERM), after writing the records finished.

Flags:
`

func runBatch(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs, f, b := batchFlags(stderr)
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, fmt.Errorf("batch: %w", err))
	}
	if b.help {
		fmt.Fprint(stdout, batchUsage+fs.FlagUsages())
		return exitOK
	}
	opts, err := b.options(fs, f)
	if err != nil {
		return usageError(stderr, fmt.Errorf("batch: %w", err))
	}
	ctx, interrupted, stop := withSignals(context.Background())
	defer stop()
	defer f.limitMemory()()
	_, err = batch.Execute(ctx, opts, batch.Streams{
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Bar:            !b.quiet && isTerminal(stderr),
		StdoutTerminal: opts.Out == "" && isTerminal(stdout),
	})
	switch {
	case errors.Is(err, batch.ErrInterrupted):
		return interrupted()
	case err != nil:
		return usageError(stderr, fmt.Errorf("batch: %w", err))
	}
	return exitOK
}

// batchOnly are the flags of batch beyond the predictor's.
type batchOnly struct {
	given, holdout, jobs        int
	format, out, summary, shard string
	calibrationPlot             string
	resume, strict, quiet, help bool
}

// batchFlags registers the flags of batch.
func batchFlags(stderr io.Writer) (*pflag.FlagSet, *predictFlags, *batchOnly) {
	fs := newFlagSet("seqpredict batch")
	f, b := &predictFlags{}, &batchOnly{}
	f.register(fs)
	_ = fs.MarkHidden("json") // the output is JSON Lines already
	fs.Lookup("next").Usage = "how many terms to predict, jointly; with --given, the number of expected terms"
	fs.Lookup("timeout").Usage = "stop searching a sequence after this long and answer with what was found"
	f.workers = 1 // parallel over sequences, not within one search
	fs.Lookup("workers").DefValue = "1"
	fs.Lookup("workers").Usage = "search goroutines per job"
	fs.Lookup("max-memory").Usage += " (the whole process, shared by the jobs)"
	fs.IntVar(&b.given, "given", 0, "score: the first N terms are given, the next --next terms expected")
	fs.IntVar(&b.holdout, "holdout", 0, "score: the last K terms of each line are hidden and expected")
	fs.StringVar(&b.format, "format", "json", "output format: json (JSON Lines) or tsv")
	fs.StringVarP(&b.out, "out", "o", "", "write the output to this file instead of standard output")
	fs.StringVar(&b.summary, "summary", "", "also write the summary as JSON to this file")
	fs.StringVar(&b.calibrationPlot, "calibration-plot", "", "also draw the reliability diagram (probability against accuracy) to `FILE` (.png or .svg)")
	fs.BoolVar(&b.resume, "resume", false, "with --out: keep the records in the file, predict the other lines")
	fs.BoolVar(&b.strict, "strict", false, "stop at the first bad line (exit status 2)")
	fs.StringVar(&b.shard, "shard", "", "I/N: take only the data lines whose position is I modulo N")
	fs.IntVarP(&b.jobs, "jobs", "j", runtime.NumCPU(), "sequences predicted in parallel")
	fs.BoolVarP(&b.quiet, "quiet", "q", false, "no progress bar")
	fs.BoolVarP(&b.help, "help", "h", false, "show this help")
	return fs, f, b
}

// options checks the flags and turns them into the run's options.
func (b *batchOnly) options(fs *pflag.FlagSet, f *predictFlags) (batch.Options, error) {
	if err := f.validate(); err != nil {
		return batch.Options{}, err
	}
	var shard batch.Shard
	var err error
	switch {
	case b.given < 0 || b.given > 1_000_000:
		err = fmt.Errorf("bad --given %d: want a positive number of terms", b.given)
	case b.holdout < 0 || b.holdout > 100:
		err = fmt.Errorf("bad --holdout %d: want 1..100", b.holdout)
	case b.given > 0 && b.holdout > 0:
		err = errors.New("--given and --holdout exclude each other")
	case b.holdout > 0 && fs.Changed("next") && f.next != b.holdout:
		err = fmt.Errorf("--next %d disagrees with --holdout %d (the hidden terms are the ones predicted)", f.next, b.holdout)
	case b.format != "json" && b.format != "tsv":
		err = fmt.Errorf("bad --format %q: want json or tsv", b.format)
	case b.resume && b.out == "":
		err = errors.New("--resume needs --out FILE")
	case b.jobs < 1 || b.jobs > 1024:
		err = fmt.Errorf("bad --jobs %d: want 1..1024", b.jobs)
	case b.shard != "":
		shard, err = batch.ParseShard(b.shard)
	}
	if err != nil {
		return batch.Options{}, err
	}
	if b.holdout > 0 {
		f.next = b.holdout
	}
	f.jobs = b.jobs
	f.shareBanks()
	return batch.Options{
		Files: fs.Args(), Mode: batch.Mode{Given: b.given, Holdout: b.holdout, Next: f.next}, Shard: shard,
		Format: b.format, Out: b.out, Summary: b.summary, CalibrationPlot: b.calibrationPlot,
		Resume: b.resume, Strict: b.strict, Jobs: b.jobs,
		Predict: f.predictOne,
	}, nil
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
