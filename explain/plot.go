package explain

import (
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/seqpredict/seqpredict/internal/picture"
)

// The picture's size: two panels side by side, wide enough for a slide.
const (
	plotWidth  = 13 * vg.Inch
	plotHeight = 5.5 * vg.Inch
	plotDPI    = 120
)

var (
	colorBest  = color.RGBA{R: 0x1f, G: 0x62, B: 0xb4, A: 0xff} // the most probable
	colorRest  = color.RGBA{R: 0x8d, G: 0xb6, B: 0xe2, A: 0xff} // other predictions
	colorOther = color.RGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff} // everything else
	// colorUnseen marks the estimated mass of programs longer than the search saw.
	colorUnseen = color.RGBA{R: 0xe0, G: 0xa0, B: 0x40, A: 0xff}
)

// Plot draws the walk-through as one picture of two panels: on the left
// the distribution over the next term (the listed predictions and
// "anything else"), on the right the posterior mass by program length on a
// log scale (with the literal programs as one more bar). format is "png"
// or "svg".
func (w *Walkthrough) Plot(format string) (io.WriterTo, error) {
	c, dc, err := picture.New(format, plotWidth, plotHeight, plotDPI)
	if err != nil {
		return nil, fmt.Errorf("explain: %v", err)
	}
	// A caption along the bottom, the two panels side by side above it.
	panels := picture.Caption(dc, 0.55*vg.Inch, vg.Points(14), w.caption())
	tiles := draw.Tiles{
		Rows: 1, Cols: 2,
		PadX: 0.6 * vg.Inch, PadTop: 0.2 * vg.Inch,
		PadLeft: 0.15 * vg.Inch, PadRight: 0.3 * vg.Inch,
	}
	for i, p := range []*plot.Plot{w.distributionPlot(), w.lengthPlot()} {
		p.Draw(tiles.At(panels, i, 0))
	}
	return c, nil
}

// caption sums the picture up in one line: the best program and how much
// it compresses the terms.
func (w *Walkthrough) caption() string {
	c := w.Compression
	if c.BestBits == 0 {
		return fmt.Sprintf("No program within the budget reproduces the terms; written out they take %d bits.", c.LiteralBits)
	}
	verdict := plural(int64(c.SavedBits), "bit", "bits") + " saved"
	if c.SavedBits <= 0 {
		verdict = "no shorter than the terms: no pattern found"
	}
	return fmt.Sprintf("Best program: %s  (%d bits; the terms written out take %d: %s)",
		shorten(c.BestProgram, 70), c.BestBits, c.LiteralBits, verdict)
}

// newPlot returns a plot styled for a slide.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(17)
	p.Title.Padding = vg.Points(10)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(14)
		a.Tick.Label.Font.Size = vg.Points(12)
	}
	p.X.Label.Padding = vg.Points(6)
	p.Y.Label.Padding = vg.Points(6)
	return p
}

// distributionPlot is the bar chart of the next term's distribution.
func (w *Walkthrough) distributionPlot() *plot.Plot {
	what := "term"
	if w.Next > 1 {
		what = fmt.Sprintf("%d terms", w.Next)
	}
	p := newPlot(fmt.Sprintf("What comes after %s?", shortTerms(w.Terms)),
		"next "+what, "probability")
	b := &bars{base: 0}
	var names []string
	for i, o := range w.Predictions {
		names = append(names, shorten(joinNext(o.Next), 16))
		col := colorRest
		if i == 0 {
			col = colorBest
		}
		b.add(o.Probability, col, Percent(o.Probability))
	}
	if w.Other > 0 || len(names) == 0 {
		names = append(names, "anything else")
		b.add(w.Other, colorOther, Percent(w.Other))
	}
	p.Add(horizontalGrid(), b)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Min, p.Y.Max = 0, 1.12
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{
		{Value: 0, Label: "0"}, {Value: 0.25, Label: "25%"}, {Value: 0.5, Label: "50%"},
		{Value: 0.75, Label: "75%"}, {Value: 1, Label: "100%"},
	})
	return p
}

// lengthPlot is the bar chart of the posterior mass by program length.
func (w *Walkthrough) lengthPlot() *plot.Plot {
	p := newPlot("Which explanations carry the weight?",
		"length of a class's shortest program (bits)", "share of the mixture (log scale)")
	b := &bars{}
	var names []string
	for i, ls := range w.ByLength {
		names = append(names, fmt.Sprint(ls.Bits))
		col := colorRest
		if i == 0 {
			col = colorBest
		}
		b.add(ls.Share, col, Percent(ls.Share))
	}
	if w.Unseen > 0 {
		names = append(names, fmt.Sprintf("> %d, unseen", w.Search.CompleteBits))
		b.add(w.Unseen, colorUnseen, Percent(w.Unseen))
	}
	if w.LiteralShare > 0 || len(names) == 0 {
		names = append(names, "written out")
		b.add(w.LiteralShare, colorOther, Percent(w.LiteralShare))
	}
	if len(names) > 12 { // too many to label each bar legibly
		b.labels = nil
	}
	// The axis shows log10 of the share, labelled as powers of ten (gonum's
	// own log scale misplaces the axis label).
	lo := 0.0
	for i, v := range b.vals {
		if v > 0 {
			b.vals[i] = math.Log10(v)
			lo = min(lo, b.vals[i])
		} else {
			b.vals[i] = math.Inf(-1)
		}
	}
	lo = math.Floor(lo) - 1
	b.base = lo
	p.Add(horizontalGrid(), b)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Min, p.Y.Max = lo, 0.12*(-lo)
	p.Y.Tick.Marker = logTicks{}
	return p
}

// shortTerms lists the terms for a title, as many whole ones as fit in
// about 36 characters, and "..." when there are more.
func shortTerms(terms []string) string {
	const most = 36
	out := ""
	for i, t := range terms {
		next := out + ", " + t
		if i == 0 {
			next = t
		}
		if len(next) > most && i > 0 {
			return out + ", ..."
		}
		out = next
	}
	return shorten(out, most+4)
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n-3] + "..."
}

func horizontalGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Width = 0
	g.Horizontal.Color = color.Gray{Y: 0xdd}
	return g
}

// logTicks marks the integers from 0 down, as powers of ten: the values
// are log10 of shares. At most seven are labelled.
type logTicks struct{}

func (logTicks) Ticks(lo, hi float64) []plot.Tick {
	top := min(0, int(math.Floor(hi)))
	bottom := int(math.Ceil(lo))
	step := max(1, (top-bottom+6)/7)
	var ticks []plot.Tick
	for e := top; e >= bottom; e-- {
		t := plot.Tick{Value: float64(e)}
		if (top-e)%step == 0 {
			t.Label = powerOfTen(e)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

func powerOfTen(e int) string {
	switch e {
	case 0:
		return "1"
	case -1:
		return "0.1"
	case -2:
		return "0.01"
	}
	return fmt.Sprintf("1e%d", e)
}

// bars is a bar chart with a color and a label per bar, drawn from base
// (which may be the bottom of a log axis) up to each value. Bar i stands at
// x = i.
type bars struct {
	vals   []float64
	colors []color.Color
	labels []string
	base   float64
}

func (b *bars) add(v float64, c color.Color, label string) {
	b.vals = append(b.vals, v)
	b.colors = append(b.colors, c)
	b.labels = append(b.labels, label)
}

// Plot implements plot.Plotter.
func (b *bars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	style := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, vg.Points(12)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YBottom,
		Handler: p.TextHandler,
	}
	for i, v := range b.vals {
		x0, x1 := trX(float64(i)-0.35), trX(float64(i)+0.35)
		top := max(v, b.base) // -Inf (a zero share on a log axis) draws nothing
		y0, y1 := trY(b.base), trY(top)
		c.FillPolygon(b.colors[i], []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
		if i < len(b.labels) && b.labels[i] != "" {
			c.FillText(style, vg.Point{X: (x0 + x1) / 2, Y: y1 + vg.Points(3)}, b.labels[i])
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *bars) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = b.base, b.base
	for _, v := range b.vals {
		ymax = max(ymax, v)
	}
	return -0.5, float64(len(b.vals)) - 0.5, ymin, ymax
}
