package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/seqpredict/seqpredict/batch"
)

const mergeUsage = `seqpredict merge sums up the outputs of batch runs as one run.

Usage:
  seqpredict merge [flags] OUT...       (OUT "-" or none: standard input)

Each OUT is the JSON Lines output of seqpredict batch (--out), typically one
per shard of a run (--shard I/N). merge reads every record and prints the
summary of them all, as batch prints it for one run: counts, accuracy, time
per sequence, log-loss and calibration. The lines a run skipped (too short,
bad) and its wall time are not in its records: each shard's own summary
tells them.

An input position read twice (shards that overlap, or a file named twice)
is an error, as is a record that cannot be read; both say FILE:LINE.

--out FILE also writes the records into one file, each line as it was, in
input order: every record carries its position in the run's input (file
index and line, the same in every shard), and the files are merged by it.
The file is written
only when every record was read, and may not be one of the inputs.

Exit status: 0 merged; 1 interrupted (nothing written); 2 bad usage or input.

Flags:
`

func runMerge(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict merge")
	outPath := fs.StringP("out", "o", "", "also write the merged records to this file")
	summaryPath := fs.String("summary", "", "also write the summary as JSON to this file")
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, err)
	}
	if *help {
		fmt.Fprint(stdout, mergeUsage+fs.FlagUsages())
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sum, err := batch.MergeFile(ctx, fs.Args(), stdin, *outPath)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "seqpredict merge: interrupted, nothing written")
		return exitNoPattern
	}
	if err != nil {
		return usageError(stderr, fmt.Errorf("merge: %w", err))
	}
	rep := sum.Report(0)
	rep.WriteText(stdout)
	if *summaryPath != "" {
		if err := rep.WriteFile(*summaryPath); err != nil {
			return usageError(stderr, fmt.Errorf("merge: writing the summary: %w", err))
		}
	}
	return exitOK
}
