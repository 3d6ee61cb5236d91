package explain

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// Width is the number of columns the text is laid out for.
const Width = 80

// WriteText writes the walk-through for people, readable at 80 columns.
func (w *Walkthrough) WriteText(out io.Writer) error {
	var sb strings.Builder
	w.text(&sb)
	_, err := io.WriteString(out, sb.String())
	return err
}

// Text returns the walk-through as WriteText writes it.
func (w *Walkthrough) Text() string {
	var sb strings.Builder
	w.text(&sb)
	return sb.String()
}

func (w *Walkthrough) text(sb *strings.Builder) {
	terms := joinNext(w.Terms)
	title := "Explaining " + terms
	sb.WriteString(wrap(title, Width, "", "  "))
	sb.WriteString(strings.Repeat("=", min(len(title), Width)) + "\n\n")
	para(sb, "The language. "+w.Language)
	w.textSearch(sb)
	w.textPrograms(sb)
	w.textPredictions(sb)
	w.textCompression(sb)
	w.textContrived(sb)
}

func para(sb *strings.Builder, text string) {
	sb.WriteString(wrap(text, Width, "", ""))
	sb.WriteString("\n")
}

// code writes a program on its own, indented, wrapped if it must be.
func code(sb *strings.Builder, prog string) {
	sb.WriteString(wrapUnits(programUnits(prog), Width, "    ", "        "))
}

// programUnits splits a program's text into the pieces a line may break
// between: never inside parentheses, never around "=", and an operator
// stays with the operand after it, so lines break before operators.
func programUnits(prog string) []string {
	var units []string
	cur, depth, glue := "", 0, false
	for _, f := range strings.Fields(prog) {
		if cur != "" && (depth > 0 || glue || f == "=") {
			cur += " " + f
		} else {
			if cur != "" {
				units = append(units, cur)
			}
			cur = f
		}
		depth += strings.Count(f, "(") - strings.Count(f, ")")
		switch f {
		case "=", "+", "-", "*", "/", "mod", "^", "if", "then", "else", "<=":
			glue = true
		default:
			glue = false
		}
	}
	if cur != "" {
		units = append(units, cur)
	}
	return units
}

func heading(sb *strings.Builder, s string) {
	sb.WriteString(s + "\n" + strings.Repeat("-", len(s)) + "\n")
}

func (w *Walkthrough) textSearch(sb *strings.Builder) {
	s := w.Search
	heading(sb, "1. Programs by length")
	para(sb, fmt.Sprintf("The search goes through the programs length by length, shortest first, "+
		"and runs them: \"programs\" counts those it evaluated, \"distinct\" those that "+
		"behave differently from every shorter one, \"fit\" those whose first %d values "+
		"are %s and which define the next; "+
		"\"classes\" the new predictions (a class of programs that agree on what comes "+
		"next counts at the length of its shortest program), and \"share\" their "+
		"posterior mass.", len(w.Terms), joinNext(w.Terms)))
	first := 0
	for first < len(s.Levels) && s.Levels[first].Candidates == 0 {
		first++
	}
	if first == len(s.Levels) {
		para(sb, "No program was enumerated.")
	} else {
		rows := [][]string{{"bits", "programs", "distinct", "fit", "classes", "share"}}
		for _, l := range s.Levels[first:] {
			row := []string{fmt.Sprint(l.Bits), Thousands(l.Candidates), Thousands(l.Distinct), Thousands(l.Consistent), "", ""}
			if l.Classes > 0 {
				row[4], row[5] = fmt.Sprint(l.Classes), Percent(l.Share)
			}
			rows = append(rows, row)
		}
		table(sb, rows, "rrrrrr")
		sb.WriteString("\n")
		if first > 0 {
			para(sb, fmt.Sprintf("There is no program shorter than %d bits.", s.Levels[first].Bits))
		}
	}
	summary := fmt.Sprintf("In all %s programs up to %d bits (%s distinct).",
		Thousands(s.Candidates), s.CompleteBits, Thousands(s.Distinct))
	switch {
	case s.CutShort:
		why := map[string]string{"cancelled": "by the --timeout or an interrupt",
			"max-programs": "by --max-programs", "max-memory": "by --max-memory"}[s.Stopped]
		summary += fmt.Sprintf(" The search was cut short %s before it reached what was asked: "+
			"it is exact for programs up to %d bits only.", why, s.CompleteBits)
	case s.Stopped == "margin":
		summary += " It stopped there because every longer program weighs far less than the " +
			"best one found (the --margin)."
	case s.Stopped == "max-bits":
		summary += " It stopped at the length limit (--max-bits)."
	}
	beyond := 0
	for _, ls := range w.ByLength {
		if ls.Bits > s.CompleteBits {
			beyond += ls.Classes
		}
	}
	if beyond > 0 {
		verb := "were"
		if beyond == 1 {
			verb = "was"
		}
		summary += fmt.Sprintf(" %s longer than that %s proposed by the fitters or the filter search "+
			"(and checked like any other program).", plural(int64(beyond), "class", "classes"), verb)
	}
	para(sb, summary)
}

func (w *Walkthrough) textPrograms(sb *strings.Builder) {
	heading(sb, "2. The survivors")
	if len(w.Programs) == 0 {
		para(sb, "No program reproduces the terms within the budget. Every continuation then "+
			"keeps only the weight of the literal program that writes the terms out "+
			"followed by it.")
		return
	}
	b0 := w.Programs[0].Bits
	para(sb, fmt.Sprintf("A class of b bits weighs 2^-b. Dividing by the total weight of "+
		"everything mixed, Z = %s x %.10g (the classes, the terms written out followed "+
		"by any other continuation, and an estimate of the programs too long for the "+
		"search to see), gives each class its share: share = 2^-b / Z.",
		Pow2(b0), math.Exp2(w.Log2Z+float64(b0))))
	rows := [][]string{{"bits", "weight", "share", "next", "program"}}
	for _, p := range w.Programs {
		prog := p.Program
		if p.Literal {
			prog += "  (written out)"
		}
		rows = append(rows, []string{fmt.Sprint(p.Bits), Pow2(p.Bits), Percent(p.Share), joinNext(p.Next), prog})
	}
	table(sb, rows, "rlrrl")
	if w.MorePrograms > 0 {
		sb.WriteString(fmt.Sprintf("  ... and %s more, together %s\n",
			plural(int64(w.MorePrograms), "class", "classes"), Percent(w.MoreShare)))
	}
	sb.WriteString("\n")
}

func (w *Walkthrough) textPredictions(sb *strings.Builder) {
	heading(sb, "3. The prediction")
	what := "next term"
	if w.Next > 1 {
		what = fmt.Sprintf("continuation (the next %d terms)", w.Next)
	}
	para(sb, fmt.Sprintf("The probability of each %s is the total share of the classes that "+
		"predict it. \"Bits\" is -log2 of the probability: what saying it costs under the "+
		"mixture; \"written out\" is what it costs in the integer code without the pattern.", what))
	rows := [][]string{{"next", "probability", "bits", "written out"}}
	for _, o := range w.Predictions {
		rows = append(rows, []string{joinNext(o.Next), Percent(o.Probability), Bits(o.Bits), fmt.Sprint(o.LiteralBits)})
	}
	// Every continuation keeps some mass; an Other of 0 is below what
	// 1 - (the listed probabilities) can resolve in floating point.
	other := []string{"anything else", "<1e-15", "", ""}
	if w.Other > 0 {
		other[1], other[2] = Percent(w.Other), Bits(-log2(w.Other))
	}
	rows = append(rows, other)
	table(sb, rows, "lrrr")
	sb.WriteString("\n")
}

func (w *Walkthrough) textCompression(sb *strings.Builder) {
	heading(sb, "4. Compression")
	c := w.Compression
	numbers := fmt.Sprintf("These %d numbers take", c.Terms)
	if c.Terms == 1 {
		numbers = "This one number takes"
	}
	switch {
	case c.BestBits == 0:
		para(sb, fmt.Sprintf("%s %d bits written out, and no program within the budget "+
			"produces them: no pattern was found, and any prediction is a mere guess.", numbers, c.LiteralBits))
		return
	case c.SavedBits <= 0:
		sb.WriteString(wrap(fmt.Sprintf("%s %d bits written out; the shortest program that "+
			"produces them takes %d:", numbers, c.LiteralBits, c.BestBits), Width, "", ""))
		code(sb, c.BestProgram)
		para(sb, "It is no shorter than the data itself: the terms do not compress within the "+
			"budget, no pattern was found, and the prediction is a mere guess.")
		return
	}
	them := "them all"
	if c.Terms == 1 {
		them = "it"
	}
	sb.WriteString(wrap(fmt.Sprintf("%s %d bits written out; this %d-bit program produces %s:",
		numbers, c.LiteralBits, c.BestBits, them), Width, "", ""))
	code(sb, c.BestProgram)
	s := fmt.Sprintf("It is %s shorter, so a priori the pattern is 2^%d (%s) times as "+
		"probable as the bare data written out.", plural(int64(c.SavedBits), "bit", "bits"), c.SavedBits, approxPow2(c.SavedBits))
	if len(w.Predictions) > 0 {
		o := w.Predictions[0]
		s += fmt.Sprintf(" Given the pattern, saying that %s comes next costs %s bits; written out "+
			"it would take %d.", joinNext(o.Next), Bits(o.Bits), o.LiteralBits)
	}
	para(sb, s)
}

func (w *Walkthrough) textContrived(sb *strings.Builder) {
	heading(sb, "5. Occam's razor: a contrived explanation")
	c := w.Contrived
	if c == nil {
		para(sb, "None to show: "+w.NoContrived+".")
		return
	}
	zeros := make([]string, len(c.Zeros))
	for i, z := range c.Zeros {
		zeros[i] = fmt.Sprint(z)
	}
	where := "which is 0 at n = " + strings.Join(zeros, ", ")
	if len(zeros) == 0 {
		where = "which the formula never uses on the given terms"
	}
	sb.WriteString(wrap(fmt.Sprintf("Add %s to the best program's formula, %s:", c.Added, where), Width, "", ""))
	code(sb, c.Program)
	s := fmt.Sprintf("The evaluator confirms that it gives %s too, but it predicts %s. "+
		"It takes %d bits, %d more than the best program, so its prior weight %s is 2^-%d "+
		"(%s) of the best one's.",
		joinNext(w.Terms), joinNext(c.Next), c.Bits, c.ExtraBits, Pow2(c.Bits), c.ExtraBits, oneIn(c.ExtraBits))
	if c.InBudget {
		s += fmt.Sprintf(" It is within the search budget (%d bits): the search enumerated it.", w.Search.CompleteBits)
	} else {
		s += fmt.Sprintf(" It is beyond the search budget (%d bits): the search never enumerated it.", w.Search.CompleteBits)
	}
	s += fmt.Sprintf(" Counted in the mixture, its share would be %s / Z = %s.", Pow2(c.Bits), Percent(c.Share))
	para(sb, s)
	s = fmt.Sprintf("The mixture gives %s the probability %s, through ", joinNext(c.Next), Percent(c.MixtureProbability))
	switch {
	case c.MixtureLiteral && c.MixtureBits < c.Bits:
		s += fmt.Sprintf("the terms written out followed by %s (%d bits), which is shorter than "+
			"the contrived formula:", joinNext(c.Next), c.MixtureBits)
	case c.MixtureLiteral && !c.InBudget:
		s += fmt.Sprintf("the terms written out followed by %s (%d bits; the contrived formula is "+
			"shorter, but beyond the search budget):", joinNext(c.Next), c.MixtureBits)
	case c.MixtureLiteral:
		s += fmt.Sprintf("the terms written out followed by %s (%d bits):", joinNext(c.Next), c.MixtureBits)
	case c.MixtureBits < c.Bits:
		s += fmt.Sprintf("a shorter program that also predicts it (%d bits):", c.MixtureBits)
	default:
		s += fmt.Sprintf("the shortest program of its class (%d bits):", c.MixtureBits)
	}
	sb.WriteString(wrap(s, Width, "", ""))
	code(sb, c.MixtureProgram)
	if len(w.Predictions) > 0 {
		o := w.Predictions[0]
		sb.WriteString("\n")
		para(sb, fmt.Sprintf("Both explain the data; the shorter one wins: %s gets %s.",
			joinNext(o.Next), Percent(o.Probability)))
	}
}

// table writes rows in columns, aligned "l"eft or "r"ight. The last column,
// when left-aligned, is wrapped to what remains of the line.
func table(sb *strings.Builder, rows [][]string, align string) {
	const gap = "  "
	cols := len(align)
	width := make([]int, cols)
	for _, r := range rows {
		for i := 0; i < cols-1; i++ {
			width[i] = max(width[i], len(r[i]))
		}
	}
	lead := 2
	for i := 0; i < cols-1; i++ {
		lead += width[i] + len(gap)
	}
	for _, r := range rows {
		var line strings.Builder
		line.WriteString("  ")
		for i := 0; i < cols-1; i++ {
			if align[i] == 'r' {
				line.WriteString(strings.Repeat(" ", width[i]-len(r[i])) + r[i])
			} else {
				line.WriteString(r[i] + strings.Repeat(" ", width[i]-len(r[i])))
			}
			line.WriteString(gap)
		}
		last := r[cols-1]
		switch {
		case align[cols-1] == 'r':
			sb.WriteString(strings.TrimRight(line.String()+last, " ") + "\n")
		case lead+len(last) <= Width:
			sb.WriteString(strings.TrimRight(line.String()+last, " ") + "\n")
		case Width-lead >= 30:
			sb.WriteString(wrapUnits(programUnits(last), Width, line.String(), strings.Repeat(" ", lead+2)))
		default: // too little room left: the last column on lines of its own
			sb.WriteString(strings.TrimRight(line.String(), " ") + "\n")
			sb.WriteString(wrapUnits(programUnits(last), Width, "      ", "        "))
		}
	}
}
