package predict

import (
	"bytes"
	"encoding/json"
	"math/big"
	"time"
)

// Report is the stable JSON form of a Result, as printed by
// `seqpredict --json`: found, predictions (most probable first), programs
// (shortest first) and stats. Terms are decimal strings, so any size is
// exact.
type Report struct {
	Terms []string `json:"terms"`
	Found bool     `json:"found"`
	// Ambiguous: the two most probable continuations are within a factor
	// of AmbiguityFactor (1.25) of each other, a tie.
	Ambiguous   bool                `json:"ambiguous"`
	Predictions []PredictionReport  `json:"predictions"`
	Programs    []ExplanationReport `json:"programs"`
	Other       float64             `json:"other_probability"`
	Unseen      float64             `json:"unseen_probability"`
	Stats       StatsReport         `json:"stats"`
	// Observations are there when Options.Observe was set.
	Observations *Observations `json:"observations,omitempty"`
}

// PredictionReport is one entry of Report.Predictions.
type PredictionReport struct {
	Next        []string `json:"next"`
	Probability float64  `json:"probability"`
}

// ExplanationReport is one entry of Report.Programs.
type ExplanationReport struct {
	Program   string   `json:"program"`
	Bits      int      `json:"bits"`
	Posterior float64  `json:"posterior"`
	Next      []string `json:"next"`
	Literal   bool     `json:"literal,omitempty"`
}

// StatsReport says what was searched.
type StatsReport struct {
	LiteralBits  int     `json:"literal_bits"`
	HorizonBits  int     `json:"horizon_bits"`
	BestBits     int     `json:"best_bits,omitempty"`
	CompleteBits int     `json:"complete_bits"`
	Candidates   int64   `json:"candidates"`
	Distinct     int64   `json:"distinct"`
	Classes      int     `json:"classes"`
	Stopped      string  `json:"stopped"`
	CutShort     bool    `json:"cut_short"`
	ElapsedMS    float64 `json:"elapsed_ms"`
}

// Report returns the JSON form of r.
func (r *Result) Report() Report {
	rep := Report{
		Terms:       Strings(r.Terms),
		Found:       r.Found,
		Ambiguous:   r.Ambiguous,
		Predictions: []PredictionReport{},
		Programs:    []ExplanationReport{},
		Other:       r.Other,
		Unseen:      r.Unseen,
		Stats: StatsReport{
			LiteralBits: r.LiteralBits,
			HorizonBits: r.HorizonBits,
			BestBits:    r.BestBits,
			Classes:     r.Classes,
			ElapsedMS:   float64(r.Elapsed) / float64(time.Millisecond),
		},
	}
	if r.observe {
		rep.Observations = r.Observations()
	}
	if s := r.Search; s != nil {
		rep.Stats.CompleteBits = s.CompleteBits
		rep.Stats.Candidates = s.Candidates
		rep.Stats.Distinct = s.Distinct
		rep.Stats.Stopped = string(s.Stopped)
		rep.Stats.CutShort = s.Cut()
	}
	for _, p := range r.Predictions {
		rep.Predictions = append(rep.Predictions, PredictionReport{Next: Strings(p.Next), Probability: p.Probability})
	}
	for _, e := range r.Programs {
		rep.Programs = append(rep.Programs, ExplanationReport{
			Program: e.Program.String(), Bits: e.Bits, Posterior: e.Posterior, Next: Strings(e.Next), Literal: e.Literal,
		})
	}
	return rep
}

// Strings formats integers as decimal strings.
func Strings(xs []*big.Int) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.String()
	}
	return out
}

// JSONLine encodes v as one line of JSON, newline included, the way
// `seqpredict --json` prints a Report and the server's API answers: HTML
// characters are not escaped, so a program's "<=" stays readable.
func JSONLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
