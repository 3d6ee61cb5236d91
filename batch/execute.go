package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// Options are a whole run, as the command's flags give them.
type Options struct {
	Files   []string // the inputs in order; none, or "-": standard input
	Mode    Mode
	Shard   Shard
	Format  string // "json" (JSON Lines, the default) or "tsv"
	Out     string // the output file; "": standard output
	Summary string // also write the summary as JSON to this file
	// CalibrationPlot also draws the reliability diagram to this file
	// (.png or .svg; PlotCalibration).
	CalibrationPlot string
	Resume          bool // with Out: keep its records, predict the other lines
	Strict          bool // stop at the first bad line
	Jobs            int  // sequences predicted in parallel
	// Predict predicts one sequence (under its own time limit). A result
	// whose search was cut short by ctx is abandoned, not written.
	Predict func(ctx context.Context, terms []*big.Int) (*predict.Result, error)
}

// Streams are the run's standard streams and what is known of them.
type Streams struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Bar draws a progress bar on Stderr, which is a terminal.
	// StdoutTerminal says that Stdout is a terminal too: the bar's line is
	// cleared before each record written there.
	Bar, StdoutTerminal bool
}

// ErrInterrupted is Execute's error when ctx ended the run: the records
// finished in input order were written, and the summary covers them.
var ErrInterrupted = errors.New("interrupted")

// msgPrefix starts every message of a run.
const msgPrefix = "seqpredict: batch: "

// Execute runs a batch: it checks the inputs and the outputs before
// anything is written, predicts every task of the input in parallel,
// writes one record per task in input order, and ends with the summary
// (text on Stderr, JSON to Options.Summary), also when interrupted.
// Errors found before the run are returned at once, with no summary;
// errors during it (an unreadable input, a bad line with Strict, a failed
// write) end the run and are returned with the summary.
func Execute(ctx context.Context, o Options, s Streams) (*SummaryReport, error) {
	if o.Format == "" {
		o.Format = "json"
	}
	if err := checkInputs(o.Files); err != nil {
		return nil, err
	}
	if err := checkPaths(o, s.Stdin); err != nil {
		return nil, err
	}
	out, err := openSink(o, s)
	if err != nil {
		return nil, err
	}
	var bar io.Writer
	if s.Bar {
		bar = s.Stderr
	}
	r := &run{o: o, s: s, out: out, done: out.done, progress: newProgress(bar), start: time.Now()}
	out.progress = r.progress
	runErr := r.predictAll(ctx)
	r.progress.finish()
	if err := out.close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("writing the output: %w", err)
	}
	r.sum.Interrupted = ctx.Err() != nil
	rep := r.sum.Report(time.Since(r.start))
	if err := r.writeSummary(rep); err != nil && runErr == nil {
		runErr = err
	}
	if runErr == nil && r.sum.Interrupted {
		runErr = ErrInterrupted
	}
	return &rep, runErr
}

// run is the state of one Execute.
type run struct {
	o        Options
	s        Streams
	out      *sink
	done     map[Key]string
	progress *progress
	sum      Summary
	start    time.Time
}

// predictAll feeds the tasks to the workers and writes their outcomes.
func (r *run) predictAll(ctx context.Context) error {
	feed := &Feed{
		Scanner: NewScanner(ctx, r.o.Files, r.s.Stdin),
		Mode:    r.o.Mode, Shard: r.o.Shard, Done: r.done, Summary: &r.sum,
		OnBad: func(le *LineError) bool {
			r.logf("%v", le)
			return !r.o.Strict
		},
	}
	if r.s.Bar {
		countCtx, cancel := context.WithCancel(ctx)
		var counting sync.WaitGroup
		counting.Go(func() { r.count(countCtx) })
		defer counting.Wait()
		defer cancel() // first: a count still going is not needed now
	}
	err := Run(ctx, r.o.Jobs, feed.Tasks(), r.solve, r.emit)
	switch {
	case err != nil:
		return fmt.Errorf("writing the output: %w", err)
	case errors.As(feed.Err, new(*LineError)): // reported already
		return errors.New("stopped at a bad line (--strict)")
	}
	return feed.Err
}

// count counts the tasks of the run for the progress bar, in the
// background: the bar shows a spinner until then. Standard input cannot
// be read twice; it stays a spinner.
func (r *run) count(ctx context.Context) {
	files := r.o.Files
	if len(files) == 0 || slices.Contains(files, "-") {
		return
	}
	feed := &Feed{Scanner: NewScanner(ctx, files, nil), Mode: r.o.Mode, Shard: r.o.Shard, Done: r.done}
	n := int64(0)
	for range feed.Tasks() {
		n++
	}
	if ctx.Err() == nil && feed.Err == nil {
		r.progress.setTotal(n)
	}
}

// solve predicts one task; a prediction cut short by an interruption is
// abandoned (a resumed run does it again).
func (r *run) solve(ctx context.Context, t Task) (*Outcome, bool) {
	begin := time.Now()
	res, err := r.o.Predict(ctx, t.Input)
	if ctx.Err() != nil && (err != nil || res.Search == nil || res.Search.Stopped == search.StopCancelled) {
		return nil, false
	}
	return &Outcome{Task: t, Result: res, Elapsed: time.Since(begin), Err: err}, true
}

// emit writes one outcome's record and counts it.
func (r *run) emit(o *Outcome) error {
	line := o.JSONLine() // may turn o into an error record
	if r.o.Format == "tsv" {
		line = o.TSVLine()
	}
	if o.Err != nil {
		r.logf("%s:%d: %s: %v", o.Source, o.Line, o.ID, o.Err)
	}
	if err := r.out.write(o.Key, line); err != nil {
		return err
	}
	r.sum.Add(o)
	r.progress.add()
	return nil
}

// logf writes a message line on Stderr, clear of the progress bar.
func (r *run) logf(format string, args ...any) {
	_ = r.progress.write(r.s.Stderr, true, fmt.Appendf(nil, msgPrefix+format+"\n", args...))
}

// writeSummary prints the summary, writes it as JSON and draws its
// reliability diagram when asked.
func (r *run) writeSummary(rep SummaryReport) error {
	rep.WriteText(r.s.Stderr)
	if r.o.Summary != "" {
		data, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(r.o.Summary, append(data, '\n'), 0o644); err != nil {
			return fmt.Errorf("writing the summary: %w", err)
		}
	}
	if r.o.CalibrationPlot != "" {
		if err := writePlot(r.o.CalibrationPlot, rep); err != nil {
			return fmt.Errorf("drawing the calibration plot: %w", err)
		}
	}
	return nil
}

// writePlot draws rep's reliability diagram to the file at path, whole or
// not at all: into a temporary file beside it, then renamed.
func writePlot(path string, rep SummaryReport) error {
	format, err := PlotFormat(path)
	if err != nil {
		return err
	}
	img, err := rep.PlotCalibration(format)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return unwrapPath(err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	defer tmp.Close()
	if _, err := img.WriteTo(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
