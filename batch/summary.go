package batch

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"time"
)

// CalibrationEdges are the bounds of the calibration bins, on the
// probability of the top prediction; finer near 1, where the mixture puts
// most of its answers. The last bin includes 1.
var CalibrationEdges = []float64{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99, 0.999, 1}

// Summary accumulates the figures of a run. Only outcomes that were
// written are added, so the summary of a run and its output agree.
type Summary struct {
	Sequences   int // predictions written
	Answered    int // a pattern was found
	Unanswered  int // no pattern was found
	Scored      int // had an expected continuation
	Right       int // scored, answered, top prediction is the expected one
	Wrong       int // scored, answered, top prediction is not
	Skipped     int // too short for the scoring mode
	Bad         int // lines that could not be read
	Errors      int // predictions that failed
	Resumed     int // ids already in the output, not redone
	Interrupted bool
	// Files is the number of output files a merge read (Merge); then the
	// figures a run does not write into its records (Skipped, Bad, Errors,
	// Resumed and its wall time) are unknown, and left out of the text.
	Files int

	times     []float64 // seconds per sequence
	logLoss   float64
	lossCount int
	bins      []calibrationBin
}

type calibrationBin struct {
	n, right int
	sumP     float64
}

// Add counts an outcome. Its figures are read from the record written
// for it (Outcome.Report), so a run's summary can be recomputed from its
// output alone (AddRecord, Merge).
func (s *Summary) Add(o *Outcome) {
	if o.Err != nil {
		s.Errors++
		return
	}
	r := o.Report()
	s.AddRecord(&r)
}

// AddRecord counts an output record: written by this run (Add) or read
// back from a run's output (ParseRecord).
func (s *Summary) AddRecord(r *LineReport) {
	s.Sequences++
	if r.Found {
		s.Answered++
	} else {
		s.Unanswered++
	}
	s.times = append(s.times, r.Stats.ElapsedMS/1000)
	if len(r.Expected) == 0 {
		return
	}
	s.Scored++
	switch r.Verdict {
	case Right:
		s.Right++
	case Wrong:
		s.Wrong++
	}
	if r.LogLoss != nil {
		s.logLoss += *r.LogLoss
		s.lossCount++
	}
	if len(r.Predictions) > 0 {
		if s.bins == nil {
			s.bins = make([]calibrationBin, len(CalibrationEdges)-1)
		}
		p := r.Predictions[0].Probability
		i := 0
		for i < len(s.bins)-1 && p >= CalibrationEdges[i+1] {
			i++
		}
		s.bins[i].n++
		s.bins[i].sumP += p
		if r.Correct != nil && *r.Correct {
			s.bins[i].right++
		}
	}
}

// SummaryReport is the JSON form of a Summary (--summary FILE).
type SummaryReport struct {
	Sequences   int     `json:"sequences"`
	Answered    int     `json:"answered"`
	Unanswered  int     `json:"unanswered"`
	Scored      int     `json:"scored"`
	Right       int     `json:"right"`
	Wrong       int     `json:"wrong"`
	Skipped     int     `json:"skipped"`
	Bad         int     `json:"bad_lines"`
	Errors      int     `json:"errors"`
	Resumed     int     `json:"resumed"`
	Interrupted bool    `json:"interrupted,omitempty"`
	Files       int     `json:"merged_files,omitempty"` // a merge: see Summary.Files
	Accuracy    float64 `json:"accuracy"`               // right / scored
	Precision   float64 `json:"precision"`              // right / (right + wrong)
	// Seconds per sequence (the prediction's wall time).
	MedianSeconds float64 `json:"median_seconds"`
	P95Seconds    float64 `json:"p95_seconds"`
	TotalSeconds  float64 `json:"total_seconds"` // the run's wall time
	PerSecond     float64 `json:"sequences_per_second"`
	// Mean over scored sequences of -log2 P(expected continuation).
	MeanLogLossBits float64            `json:"mean_log_loss_bits"`
	Calibration     []CalibrationEntry `json:"calibration"`
	// CalibrationError is the expected calibration error over tenths of
	// probability (Tenths): the mean over the bins of |observed -
	// predicted|, weighted by the bins' counts.
	CalibrationError float64 `json:"calibration_error"`
}

// CalibrationEntry is one bin of the calibration table: the scored
// sequences whose top prediction had a probability in [Low, High), their
// mean predicted probability and how often the top prediction was right.
type CalibrationEntry struct {
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	Count     int     `json:"count"`
	Predicted float64 `json:"mean_predicted"`
	Observed  float64 `json:"observed"`
}

// Report computes the figures; wall is the run's elapsed time.
func (s *Summary) Report(wall time.Duration) SummaryReport {
	r := SummaryReport{
		Sequences: s.Sequences, Answered: s.Answered, Unanswered: s.Unanswered,
		Scored: s.Scored, Right: s.Right, Wrong: s.Wrong, Skipped: s.Skipped,
		Bad: s.Bad, Errors: s.Errors, Resumed: s.Resumed, Interrupted: s.Interrupted, Files: s.Files,
		Accuracy: ratio(s.Right, s.Scored), Precision: ratio(s.Right, s.Right+s.Wrong),
		TotalSeconds: wall.Seconds(), Calibration: []CalibrationEntry{},
	}
	if wall > 0 {
		r.PerSecond = float64(s.Sequences) / wall.Seconds()
	}
	if len(s.times) > 0 {
		t := slices.Clone(s.times)
		slices.Sort(t)
		r.MedianSeconds, r.P95Seconds = quantile(t, 0.5), quantile(t, 0.95)
	}
	if s.lossCount > 0 {
		r.MeanLogLossBits = s.logLoss / float64(s.lossCount)
	}
	for i, b := range s.bins {
		if b.n == 0 {
			continue
		}
		r.Calibration = append(r.Calibration, CalibrationEntry{
			Low: CalibrationEdges[i], High: CalibrationEdges[i+1], Count: b.n,
			Predicted: b.sumP / float64(b.n), Observed: ratio(b.right, b.n),
		})
	}
	r.CalibrationError = calibrationError(Tenths(r.Calibration))
	return r
}

// Tenths merges calibration bins into tenths of probability, [0, 0.1) to
// [0.9, 1]: the finer bins near 1 of CalibrationEdges are parts of the
// last tenth. Empty tenths are left out.
func Tenths(bins []CalibrationEntry) []CalibrationEntry {
	var out []CalibrationEntry
	for _, b := range bins {
		i := min(9, int(math.Floor(10*b.Low+1e-9)))
		lo, hi := float64(i)/10, float64(i+1)/10
		if len(out) == 0 || out[len(out)-1].Low != lo {
			out = append(out, CalibrationEntry{Low: lo, High: hi})
		}
		t := &out[len(out)-1]
		n := float64(t.Count + b.Count)
		t.Predicted = (t.Predicted*float64(t.Count) + b.Predicted*float64(b.Count)) / n
		t.Observed = (t.Observed*float64(t.Count) + b.Observed*float64(b.Count)) / n
		t.Count += b.Count
	}
	return out
}

// calibrationError is the count-weighted mean of |observed - predicted|.
func calibrationError(bins []CalibrationEntry) float64 {
	var sum float64
	var n int
	for _, b := range bins {
		sum += float64(b.Count) * math.Abs(b.Observed-b.Predicted)
		n += b.Count
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// quantile of sorted values, by linear interpolation.
func quantile(sorted []float64, q float64) float64 {
	x := q * float64(len(sorted)-1)
	i := int(x)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (x-float64(i))*(sorted[i+1]-sorted[i])
}

// WriteFile writes the report as indented JSON (--summary FILE).
func (r SummaryReport) WriteFile(path string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// WriteText prints the report for people.
func (r SummaryReport) WriteText(w io.Writer) {
	if r.Interrupted {
		fmt.Fprintln(w, "interrupted: the summary covers the sequences written")
	}
	if r.Files > 0 {
		files := "files"
		if r.Files == 1 {
			files = "file"
		}
		fmt.Fprintf(w, "merged %d %s: ", r.Files, files)
	}
	fmt.Fprintf(w, "sequences %d: answered %d, unanswered %d", r.Sequences, r.Answered, r.Unanswered)
	if r.Files == 0 {
		fmt.Fprintf(w, "; skipped %d (too short)", r.Skipped)
	}
	if r.Bad > 0 {
		fmt.Fprintf(w, ", bad lines %d", r.Bad)
	}
	if r.Errors > 0 {
		fmt.Fprintf(w, ", errors %d", r.Errors)
	}
	if r.Resumed > 0 {
		fmt.Fprintf(w, ", already done %d", r.Resumed)
	}
	fmt.Fprintln(w)
	if r.Scored > 0 {
		fmt.Fprintf(w, "scored %d: right %d, wrong %d, unanswered %d; accuracy %.1f%% (precision %.1f%%)\n",
			r.Scored, r.Right, r.Wrong, r.Scored-r.Right-r.Wrong, 100*r.Accuracy, 100*r.Precision)
		fmt.Fprintf(w, "mean log-loss %.2f bits per sequence\n", r.MeanLogLossBits)
	}
	fmt.Fprintf(w, "time per sequence: median %s, p95 %s", seconds(r.MedianSeconds), seconds(r.P95Seconds))
	if r.Files == 0 {
		fmt.Fprintf(w, "; %s in all, %.2f sequences/s", seconds(r.TotalSeconds), r.PerSecond)
	}
	fmt.Fprintln(w)
	if len(r.Calibration) > 0 {
		fmt.Fprintln(w, "calibration (probability of the top prediction):")
		fmt.Fprintln(w, "  bin            count  predicted  observed")
		for _, c := range r.Calibration {
			bin := percent(c.Low) + "-" + percent(c.High)
			fmt.Fprintf(w, "  %-12s %7d  %8.2f%%  %7.1f%%\n", bin, c.Count, 100*c.Predicted, 100*c.Observed)
		}
		fmt.Fprintf(w, "expected calibration error %.3f (over tenths of probability)\n", r.CalibrationError)
	}
}

func percent(p float64) string { return strconv.FormatFloat(100*p, 'f', -1, 64) + "%" }

func seconds(s float64) string {
	return time.Duration(s * float64(time.Second)).Round(roundTo(s)).String()
}

func roundTo(s float64) time.Duration {
	switch {
	case s >= 10:
		return 100 * time.Millisecond
	case s >= 0.01:
		return time.Millisecond
	}
	return time.Microsecond
}
