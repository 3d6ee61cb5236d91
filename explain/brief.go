package explain

import (
	"fmt"
	"io"
	"strings"
)

// TieFactor is how close the two most probable continuations must be for
// the answer to be called a tie: the first at most TieFactor times as
// probable as the second. Shares are powers of two apart unless programs
// are equally long, so in practice a tie is two equally short
// explanations that disagree.
const TieFactor = 1.25

// Tied returns the predictions within TieFactor of the most probable one,
// that one first, when there are at least two of them; nil otherwise.
func (w *Walkthrough) Tied() []Outcome {
	if len(w.Predictions) < 2 || !w.Found {
		return nil
	}
	top := w.Predictions[0].Probability
	n := 1
	for n < len(w.Predictions) && w.Predictions[n].Probability*TieFactor >= top {
		n++
	}
	if n < 2 {
		return nil
	}
	return w.Predictions[:n]
}

// BriefPrograms is the most programs the brief text lists.
const BriefPrograms = 5

// briefTerms is the most terms the brief text's first line writes out.
const briefTerms = 12

// WriteBrief writes the walk-through in about 25 lines: the answer, the
// best programs, the compression and the contrived rival.
func (w *Walkthrough) WriteBrief(out io.Writer) error {
	var sb strings.Builder
	sb.WriteString(wrap(w.briefAnswer(), Width, "", "    "))
	sb.WriteString("\n")
	w.briefPrograms(&sb)
	para(&sb, w.briefCompression())
	w.briefRival(&sb)
	para(&sb, w.briefSearch())
	_, err := io.WriteString(out, sb.String())
	return err
}

// briefAnswer is the first line: the terms, then the answer or why there
// is none.
func (w *Walkthrough) briefAnswer() string {
	terms := joinNext(w.Terms)
	if len(w.Terms) > briefTerms {
		terms = fmt.Sprintf("%s, ..., %s (%d terms)", joinNext(w.Terms[:briefTerms-2]), w.Terms[len(w.Terms)-1], len(w.Terms))
	}
	c := w.Compression
	switch {
	case c.BestBits == 0:
		return fmt.Sprintf("%s -> no pattern: no program within the search budget reproduces these terms; any next term is a guess.", terms)
	case !w.Found:
		return fmt.Sprintf("%s -> no pattern: the shortest program that reproduces them (%d bits) is no shorter than the terms written out (%d bits); any next term is a guess.", terms, c.BestBits, c.LiteralBits)
	}
	if tied := w.Tied(); tied != nil {
		alts := make([]string, len(tied))
		for i, o := range tied {
			alts[i] = fmt.Sprintf("%s (%s)", joinNext(o.Next), Percent(o.Probability))
		}
		return fmt.Sprintf("%s -> a tie: %s; equally short explanations disagree.", terms, strings.Join(alts, " or "))
	}
	o := w.Predictions[0]
	return fmt.Sprintf("%s -> %s, with probability %s", terms, joinNext(o.Next), Percent(o.Probability))
}

func (w *Walkthrough) briefPrograms(sb *strings.Builder) {
	if len(w.Programs) == 0 {
		return
	}
	sb.WriteString("Best programs, shortest first (a program of b bits weighs 2^-b):\n")
	rows := [][]string{{"bits", "share", "next", "program"}}
	for i, p := range w.Programs {
		if i == BriefPrograms {
			break
		}
		prog := p.Program
		if p.Literal {
			prog += "  (written out)"
		}
		rows = append(rows, []string{fmt.Sprint(p.Bits), Percent(p.Share), joinNext(p.Next), prog})
	}
	table(sb, rows, "rrrl")
	sb.WriteString("\n")
}

func (w *Walkthrough) briefCompression() string {
	c := w.Compression
	s := fmt.Sprintf("Compression: the %s written out take %d bits", plural(int64(c.Terms), "term", "terms"), c.LiteralBits)
	switch {
	case c.BestBits == 0:
		return s + "; no program within the budget produces them."
	case c.SavedBits <= 0:
		return s + fmt.Sprintf(", the shortest program %d: it saves nothing.", c.BestBits)
	}
	return s + fmt.Sprintf(", the best program %d: %s saved, so a priori the pattern is %s times as probable as the bare data.",
		c.BestBits, plural(int64(c.SavedBits), "bit", "bits"), approxPow2(c.SavedBits))
}

func (w *Walkthrough) briefRival(sb *strings.Builder) {
	c := w.Contrived
	if c == nil {
		if w.Compression.BestBits > 0 {
			para(sb, "Rival: none to show; "+w.NoContrived+".")
		}
		return
	}
	sb.WriteString(wrap(fmt.Sprintf("Rival: this program fits the terms too but predicts %s:", joinNext(c.Next)), Width, "", ""))
	code(sb, c.Program)
	para(sb, fmt.Sprintf("It is %s longer than the best, so its prior weight is %s of the best one's; the mixture gives %s the probability %s.",
		plural(int64(c.ExtraBits), "bit", "bits"), oneIn(c.ExtraBits), joinNext(c.Next), Percent(c.MixtureProbability)))
}

func (w *Walkthrough) briefSearch() string {
	s := w.Search
	line := fmt.Sprintf("Searched %s programs, every one up to %d bits", Thousands(s.Candidates), s.CompleteBits)
	if s.CutShort {
		return line + "; the search was cut short by its budget, so longer explanations went unseen."
	}
	return line + "."
}
