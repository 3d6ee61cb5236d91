package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/seqpredict/seqpredict/predict"
)

// Outcome is a task with its prediction.
type Outcome struct {
	Task
	Result  *predict.Result
	Elapsed time.Duration // wall time of the prediction
	Err     error         // the prediction failed: an error record is written
}

// Verdict classifies a scored outcome.
type Verdict string

const (
	NotScored  Verdict = ""
	Right      Verdict = "right"      // a pattern was found and its top prediction is the expected one
	Wrong      Verdict = "wrong"      // a pattern was found, its top prediction is not
	Unanswered Verdict = "unanswered" // no program is shorter than the terms written out
)

// Answered reports whether a pattern was found (the sequence compresses).
func (o *Outcome) Answered() bool { return o.Result != nil && o.Result.Found }

// TopCorrect reports whether the most probable continuation is the
// expected one, pattern or not.
func (o *Outcome) TopCorrect() bool {
	if !o.Scored() || o.Result == nil || len(o.Result.Predictions) == 0 {
		return false
	}
	return equal(o.Result.Predictions[0].Next, o.Expected)
}

// Verdict is right, wrong or unanswered for a scored outcome.
func (o *Outcome) Verdict() Verdict {
	switch {
	case !o.Scored():
		return NotScored
	case !o.Answered():
		return Unanswered
	case o.TopCorrect():
		return Right
	}
	return Wrong
}

// Log2Prob is the log2 probability the mixture gives to the expected
// continuation (predict.Result.Log2Probability), NaN when not scored.
func (o *Outcome) Log2Prob() float64 {
	if !o.Scored() || o.Result == nil {
		return math.NaN()
	}
	return o.Result.Log2Probability(o.Expected)
}

func equal(a, b []*big.Int) bool {
	return slices.EqualFunc(a, b, func(x, y *big.Int) bool { return x.Cmp(y) == 0 })
}

// LineReport is the JSON line written for an outcome: the id, the input
// key (where its line is), then either the error of a failed prediction
// or the prediction as `seqpredict --json` prints it (terms given, found,
// predictions, programs, other_probability, stats), and when scored the
// expected continuation, whether the top prediction is it (correct), the
// verdict, the probability the mixture gives it and its log-loss in bits.
type LineReport struct {
	ID    string `json:"id"`
	Input Key    `json:"input"`
	Error string `json:"error,omitempty"`
	*predict.Report
	Expected    []string `json:"expected,omitempty"`
	Correct     *bool    `json:"correct,omitempty"`
	Verdict     Verdict  `json:"verdict,omitempty"`
	Probability *float64 `json:"expected_probability,omitempty"`
	LogLoss     *float64 `json:"log_loss_bits,omitempty"`
}

// Report is the JSON form of the outcome.
func (o *Outcome) Report() LineReport {
	r := LineReport{ID: o.ID, Input: o.Key}
	if o.Err != nil {
		r.Error = o.Err.Error()
		return r
	}
	rep := o.Result.Report()
	r.Report = &rep
	if o.Scored() {
		r.Expected = predict.Strings(o.Expected)
		c := o.TopCorrect()
		r.Correct, r.Verdict = &c, o.Verdict()
		if lp := o.Log2Prob(); !math.IsNaN(lp) {
			p, loss := math.Exp2(lp), -lp
			r.Probability, r.LogLoss = &p, &loss
		}
	}
	return r
}

// JSONLine is the outcome as one line of JSON, newline included. An
// outcome that cannot be encoded (a NaN or an infinity would be the only
// cause) becomes an error record, which a resumed run predicts again.
func (o *Outcome) JSONLine() []byte {
	line, err := encodeLine(o.Report())
	if err != nil {
		o.Err = fmt.Errorf("the prediction cannot be written as JSON: %w", err)
		line, _ = encodeLine(o.Report())
	}
	return line
}

func encodeLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// TSVHeader names the columns of TSVLine.
const TSVHeader = "id\tnext\tprobability\tprogram\tbits\tverdict\tfile\tline\n"

// tsvColumns is the number of columns of TSVHeader.
const tsvColumns = 8

// TSVLine is the outcome as one tab-separated line: id, the top predicted
// continuation (comma separated), its probability, the shortest program
// and its length in bits, the verdict (right, wrong, unanswered, or empty
// when not scored) and the input key (file index, line number). A
// sequence without any prediction has empty prediction columns; a failed
// one has the verdict "error" and its message in the program column.
func (o *Outcome) TSVLine() []byte {
	cols := []string{oneField(o.ID), "", "", "", "", string(o.Verdict()), strconv.Itoa(o.File), strconv.Itoa(o.Line)}
	if o.Err != nil {
		cols[3], cols[5] = oneField(o.Err.Error()), tsvError
	}
	if r := o.Result; o.Err == nil && r != nil && len(r.Predictions) > 0 {
		p := r.Predictions[0]
		cols[1] = strings.Join(predict.Strings(p.Next), ",")
		cols[2] = strconv.FormatFloat(p.Probability, 'g', 4, 64)
	}
	if r := o.Result; o.Err == nil && r != nil && len(r.Programs) > 0 {
		e := r.Programs[0]
		cols[3] = oneField(e.Program.String())
		cols[4] = strconv.Itoa(e.Bits)
	}
	return []byte(strings.Join(cols, "\t") + "\n")
}

// tsvError is the verdict column of a TSV error record.
const tsvError = "error"

// oneField keeps a TSV field on its line and in its column.
func oneField(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s)
}
