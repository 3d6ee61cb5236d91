package main

import (
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/seqpredict/seqpredict/explain"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// writeText prints a result for people: the prediction first, then its
// probability, the explanations and a one-line summary of the search.
func writeText(w io.Writer, res *predict.Result) {
	n := len(res.Terms)
	if !res.Found {
		fmt.Fprintf(w, "no pattern found: no program within the budget is shorter than the %d bits it takes to write the %d terms out.\n",
			res.LiteralBits, n)
		if len(res.Predictions) > 0 {
			names, probs := tie(res)
			fmt.Fprintf(w, "(a mere guess, not a finding: %s with probability %s)\n", names, probs)
		}
	} else {
		names, probs := tie(res)
		fmt.Fprintln(w, names)
		fmt.Fprintf(w, "probability %s", probs)
		if rest := res.Predictions[min(res.Tied, len(res.Predictions)):]; len(rest) > 0 {
			var alts []string
			for _, q := range rest {
				alts = append(alts, fmt.Sprintf("%s: %s", joinTerms(q.Next), percent(q.Probability)))
			}
			fmt.Fprintf(w, " (then %s)", strings.Join(alts, ", "))
		}
		fmt.Fprintln(w)
	}
	if len(res.Programs) > 0 {
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "bits\tshare\tnext\t\tprogram")
		for _, e := range res.Programs {
			fmt.Fprintf(tw, "%d\t%s\t%s\t\t%s\n", e.Bits, percent(e.Posterior), joinTerms(e.Next), e.Program)
		}
		tw.Flush()
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, summary(res))
}

// tie names the most probable continuation and its probability, or, when
// the answer is a tie (predict.Result.Ambiguous), every continuation within
// the tie's factor of it, said out loud: "63 or 66: a tie" and "19.3%
// each".
func tie(res *predict.Result) (names, probs string) {
	shown := res.Predictions[:min(res.Tied, len(res.Predictions))]
	if !res.Ambiguous {
		p := res.Predictions[0]
		return joinTerms(p.Next), percent(p.Probability)
	}
	var ns, ps []string
	for _, p := range shown {
		ns = append(ns, joinTerms(p.Next))
		ps = append(ps, percent(p.Probability))
	}
	if more := res.Tied - len(shown); more > 0 {
		ns = append(ns, fmt.Sprintf("%d more (--top %d shows them)", more, res.Tied))
	}
	names = strings.Join(ns[:len(ns)-1], ", ") + " or " + ns[len(ns)-1] +
		fmt.Sprintf(": a tie (their probabilities are within a factor of %g)", predict.AmbiguityFactor)
	probs = strings.Join(ps, ", ")
	if !slices.ContainsFunc(ps, func(p string) bool { return p != ps[0] }) {
		probs = ps[0] + " each"
	}
	return names, probs
}

// summary is the one-line account of the search.
func summary(res *predict.Result) string {
	var sb strings.Builder
	if s := res.Search; s != nil {
		fmt.Fprintf(&sb, "searched %s programs (%s distinct) up to %d bits in %s",
			explain.Thousands(s.Candidates), explain.Thousands(s.Distinct), s.CompleteBits, res.Elapsed.Round(100_000))
		if s.Cut() {
			fmt.Fprintf(&sb, ", %s", stopReason(s.Stopped))
		}
		sb.WriteString("; ")
	}
	fmt.Fprintf(&sb, "the terms written out take %d bits", res.LiteralBits)
	if res.BestBits > 0 {
		fmt.Fprintf(&sb, ", the best program %d", res.BestBits)
	}
	if res.Unseen >= 0.0005 {
		fmt.Fprintf(&sb, "; %s is left to programs longer than %d bits, which the search did not see", percent(res.Unseen), res.HorizonBits)
	}
	return sb.String()
}

// stopReason says in words which budget ended a search early.
func stopReason(s search.Stopped) string {
	switch s {
	case search.StopMaxPrograms:
		return "where the program budget ran out (--max-programs, --pattern-programs)"
	case search.StopMemory:
		return "where the memory budget ran out (--max-memory)"
	case search.StopCancelled:
		return "cut short by the timeout or an interrupt"
	}
	return string(s)
}

func joinTerms(xs []*big.Int) string { return strings.Join(predict.Strings(xs), ", ") }

// percent formats a probability. No continuation is ever certain (the
// literal programs leave some mass to every other one), so a probability
// that rounds to 1, or is 1 in floating point, prints as ">99.9%", never
// "100.0%".
func percent(p float64) string {
	switch {
	case p >= 0.9995:
		return ">99.9%"
	case p < 0.0005 && p > 0:
		return fmt.Sprintf("%.1e", p)
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}
