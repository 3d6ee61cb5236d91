// Command calibfit refits the constants of the unseen-mass estimate
// (predict.UnseenModel) offline, from the JSON Lines of
//
//	seqpredict batch --given 15 --observations --shard I/N --out FILE stripped.gz
//
// without searching again: each line carries the raw figures the
// estimate reads (predict.Observations) and the expected continuation.
// It scans a grid of Log2Odds, Decay and Beyond, then of NoPatternLog2Odds
// (the sequences no program compresses read only the latter), keeps the
// values
// with the largest likelihood of the top prediction being right or wrong
// (the probability given to it), and prints the calibration table (tenths) of the best and
// of the model in use. Fit on development shards only: the shard used to
// check calibration must not choose the constants.
//
//	go run ./scripts/calibfit fit1.jsonl fit2.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"

	"github.com/seqpredict/seqpredict/predict"
)

// line is what calibfit reads of a batch output line.
type line struct {
	ID           string                `json:"id"`
	Found        bool                  `json:"found"`
	Expected     []string              `json:"expected"`
	Observations *predict.Observations `json:"observations"`
}

func main() {
	answered := flag.Bool("answered", false, "fit and report on answered sequences only (a pattern was found)")
	ridge := flag.Float64("ridge", 0.001, "the likelihood (bits per sequence) below the best within which the fit closest to the diagonal is kept")
	dump := flag.String("dump", "", "write one line per sequence under the best fit to this file: id, probability of the top prediction, right (0/1), bits saved, best bits minus horizon, terms")
	flag.Parse()
	var seqs []line
	for _, name := range flag.Args() {
		ls, err := read(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "calibfit:", err)
			os.Exit(2)
		}
		seqs = append(seqs, ls...)
	}
	if *answered {
		seqs = slices.DeleteFunc(seqs, func(l line) bool { return !l.Found })
	}
	if len(seqs) == 0 {
		fmt.Fprintln(os.Stderr, "calibfit: no scored lines with observations (run batch with --given and --observations)")
		os.Exit(2)
	}
	// The sequences no program compresses read only NoPatternLog2Odds,
	// the others only Log2Odds, Decay and Beyond: two separate fits.
	// The likelihood is flat along a ridge of (Log2Odds, Beyond); among
	// the grid points within ridge bits per sequence of the best, keep
	// the one whose calibration bins (of 30 sequences or more) are
	// closest to the diagonal.
	type fit struct {
		m   predict.UnseenModel
		res result
	}
	var fits []fit
	bestLL := math.Inf(-1)
	for beyond := 0.0; beyond <= 1; beyond += 0.125 {
		for lo := -6.0; lo <= 4; lo += 0.25 {
			for decay := 0.0; decay <= 0.1; decay += 0.0025 {
				m := predict.DefaultUnseen
				m.Log2Odds, m.Decay, m.Beyond = lo, decay, beyond
				r := score(seqs, m)
				fits = append(fits, fit{m, r})
				bestLL = max(bestLL, r.logLikelihood)
			}
		}
	}
	best, bestGap := predict.DefaultUnseen, math.Inf(1)
	for _, f := range fits {
		if f.res.logLikelihood >= bestLL-*ridge*float64(f.res.n) {
			if _, gap := f.res.gaps(); gap < bestGap {
				best, bestGap = f.m, gap
			}
		}
	}
	bestLL = math.Inf(-1)
	bestLL = math.Inf(-1)
	for lo := -6.0; lo <= 6; lo += 0.125 {
		m := best
		m.NoPatternLog2Odds = lo
		if ll := score(seqs, m).logLikelihood; ll > bestLL {
			best.NoPatternLog2Odds, bestLL = lo, ll
		}
	}
	fmt.Printf("%d sequences\n\nin use: %+v\n", len(seqs), predict.DefaultUnseen)
	score(seqs, predict.DefaultUnseen).print(os.Stdout)
	fmt.Printf("\nbest fit: %+v\n", best)
	score(seqs, best).print(os.Stdout)
	if *dump != "" {
		if err := writeDump(*dump, seqs, best); err != nil {
			fmt.Fprintln(os.Stderr, "calibfit:", err)
			os.Exit(2)
		}
	}
}

// writeDump writes the per-sequence figures under model m, to see where
// the model misses.
func writeDump(name string, seqs []line, m predict.UnseenModel) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id\tp\tright\tsaved\tbeyond\tterms")
	for _, s := range seqs {
		top, p, _, err := s.Observations.Refit(m, s.Expected)
		if err != nil || top == nil {
			continue
		}
		o := s.Observations
		best := o.LiteralBits
		for _, c := range o.Classes {
			if !c.Literal {
				best = min(best, c.Bits)
			}
		}
		right := 0
		if slices.Equal(top, s.Expected) {
			right = 1
		}
		fmt.Fprintf(w, "%s\t%.6g\t%d\t%d\t%d\t%d\n", s.ID, p, right, o.LiteralBits-best, best-o.CompleteBits, o.Terms)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func read(name string) ([]line, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []line
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<28)
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			continue // an error line or a summary
		}
		if l.Observations != nil && l.Expected != nil {
			out = append(out, l)
		}
	}
	return out, sc.Err()
}

// result is the calibration of one model over the sequences.
type result struct {
	bins [10]struct {
		n, right int
		sumP     float64
	}
	n, right      int
	logLikelihood float64 // log2 of the probability of the outcomes right/wrong
	logLoss       float64 // sum of -log2 P(expected)
}

func score(seqs []line, m predict.UnseenModel) result {
	var r result
	for _, s := range seqs {
		top, p, lp, err := s.Observations.Refit(m, s.Expected)
		if err != nil || top == nil {
			continue
		}
		ok := slices.Equal(top, s.Expected)
		b := &r.bins[min(9, int(10*p))]
		b.n++
		b.sumP += p
		r.n++
		r.logLoss -= lp
		if ok {
			b.right++
			r.right++
			r.logLikelihood += math.Log2(max(p, 1e-300))
		} else {
			r.logLikelihood += math.Log2(max(1-p, 1e-300))
		}
	}
	return r
}

// gaps returns the expected calibration error and the largest gap
// between predicted and observed in the bins of 30 or more.
func (r result) gaps() (ece, worst float64) {
	for _, b := range r.bins {
		if b.n == 0 {
			continue
		}
		gap := math.Abs(float64(b.right)/float64(b.n) - b.sumP/float64(b.n))
		ece += float64(b.n) * gap
		if b.n >= 30 {
			worst = max(worst, gap)
		}
	}
	return ece / float64(max(1, r.n)), worst
}

func (r result) print(w io.Writer) {
	fmt.Fprintln(w, "  bin        count  predicted  observed")
	for i, b := range r.bins {
		if b.n > 0 {
			fmt.Fprintf(w, "  %3d-%3d%%  %6d  %8.3f  %8.3f\n", 10*i, 10*i+10, b.n, b.sumP/float64(b.n), float64(b.right)/float64(b.n))
		}
	}
	ece, worst := r.gaps()
	fmt.Fprintf(w, "  %d scored, %.1f%% right; ECE %.4f, worst gap (bins of 30+) %.3f; log-likelihood %.4f bits per sequence; log-loss of the expected term %.2f bits\n",
		r.n, 100*float64(r.right)/float64(r.n), ece, worst, r.logLikelihood/float64(r.n), r.logLoss/float64(r.n))
}
