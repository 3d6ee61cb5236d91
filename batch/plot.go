package batch

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/seqpredict/seqpredict/internal/picture"
)

// PlotFormat returns the picture format a file name asks for by its
// extension, png or svg, or an error naming the file.
func PlotFormat(name string) (string, error) {
	format := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	if format != "png" && format != "svg" {
		return "", fmt.Errorf("bad --calibration-plot %q: want a file name ending in .png or .svg", name)
	}
	return format, nil
}

// The reliability diagram's size and colors.
const (
	plotWidth  = 8 * vg.Inch
	plotHeight = 9 * vg.Inch
	plotDPI    = 120
)

var (
	colorBar      = color.RGBA{R: 0xcf, G: 0xe0, B: 0xf3, A: 0xff}
	colorPoint    = color.RGBA{R: 0x1f, G: 0x62, B: 0xb4, A: 0xff}
	colorDiagonal = color.RGBA{R: 0x90, G: 0x90, B: 0x90, A: 0xff}
)

// PlotCalibration draws the reliability diagram of the run: for each tenth
// of probability (Tenths), the observed accuracy of the top predictions
// against their mean probability, with a 95% (Wilson) interval, the count
// of answers above each point and the diagonal a calibrated predictor
// follows; below it, how many answers fell in each tenth. format is "png"
// or "svg".
func (r SummaryReport) PlotCalibration(format string) (io.WriterTo, error) {
	c, dc, err := picture.New(format, plotWidth, plotHeight, plotDPI)
	if err != nil {
		return nil, fmt.Errorf("batch: %v", err)
	}
	bins := Tenths(r.Calibration)
	panels := picture.Caption(dc, 0.7*vg.Inch, vg.Points(12), r.plotCaption(bins))
	// The diagram on top, the counts below, on the same x axis.
	split := panels.Min.Y + (panels.Max.Y-panels.Min.Y)*0.28
	top := draw.Crop(panels, 0, 0, split-panels.Min.Y, 0)
	bottom := draw.Crop(panels, 0, 0, 0, split-panels.Max.Y)
	plots := []*plot.Plot{reliabilityPlot(bins), countPlot(bins)}
	canvases := []draw.Canvas{
		draw.Crop(top, 0.1*vg.Inch, -0.3*vg.Inch, 0.1*vg.Inch, -0.2*vg.Inch),
		draw.Crop(bottom, 0.1*vg.Inch, -0.3*vg.Inch, 0, -0.1*vg.Inch),
	}
	// One x axis for both: their data areas start and end at the same x.
	var left, right vg.Length
	for i, p := range plots {
		d := p.DataCanvas(canvases[i])
		left = max(left, d.Min.X-canvases[i].Min.X)
		right = max(right, canvases[i].Max.X-d.Max.X)
	}
	for i, p := range plots {
		d := p.DataCanvas(canvases[i])
		c := canvases[i]
		p.Draw(draw.Crop(c, left-(d.Min.X-c.Min.X), -(right - (c.Max.X - d.Max.X)), 0, 0))
	}
	return c, nil
}

// plotCaption sums the diagram up: how many answers, how many right, and
// the expected calibration error.
func (r SummaryReport) plotCaption(bins []CalibrationEntry) string {
	n, right := 0, 0.0
	for _, b := range bins {
		n += b.Count
		right += b.Observed * float64(b.Count)
	}
	if n == 0 {
		return "No scored predictions."
	}
	return fmt.Sprintf("%d top predictions scored, %.1f%% of them right; expected calibration error %.3f.\nPoints: accuracy against mean probability per tenth, with a 95%% interval and the count above.",
		n, 100*right/float64(n), calibrationError(bins))
}

func newCalibrationPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(15)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(12)
		a.Tick.Label.Font.Size = vg.Points(11)
	}
	p.X.Min, p.X.Max = 0, 1
	p.X.Tick.Marker = percentTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color = color.Gray{Y: 0xe8}
	grid.Horizontal.Color = color.Gray{Y: 0xe8}
	p.Add(grid)
	return p
}

// reliabilityPlot: a bar per tenth up to its observed accuracy, the point
// (mean predicted probability, observed accuracy) with its 95% interval
// and count, and the diagonal.
func reliabilityPlot(bins []CalibrationEntry) *plot.Plot {
	p := newCalibrationPlot("Reliability of the top prediction (dashed: calibrated)",
		"probability given to the top prediction", "how often it was right")
	p.Y.Min, p.Y.Max = 0, 1.08
	p.Y.Tick.Marker = percentTicks{}
	spans := &spanBars{}
	var pts plotter.XYs
	var errs plotter.YErrors
	var labels plotter.XYLabels
	for _, b := range bins {
		spans.add(b.Low, b.High, b.Observed)
		lo, hi := wilson(b.Observed, b.Count)
		pts = append(pts, plotter.XY{X: b.Predicted, Y: b.Observed})
		errs = append(errs, struct{ Low, High float64 }{b.Observed - lo, hi - b.Observed})
		labels.XYs = append(labels.XYs, plotter.XY{X: b.Predicted, Y: min(1.03, hi+0.02)})
		labels.Labels = append(labels.Labels, fmt.Sprint(b.Count))
	}
	p.Add(spans)
	diagonal, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	diagonal.Color = colorDiagonal
	diagonal.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	diagonal.Width = vg.Points(1.5)
	p.Add(diagonal)
	if len(pts) > 0 {
		scatter, _ := plotter.NewScatter(pts)
		scatter.GlyphStyle = draw.GlyphStyle{Color: colorPoint, Radius: vg.Points(4), Shape: draw.CircleGlyph{}}
		bars, _ := plotter.NewYErrorBars(struct {
			plotter.XYer
			plotter.YErrorer
		}{pts, errs})
		bars.LineStyle.Color = colorPoint
		bars.LineStyle.Width = vg.Points(1.5)
		lab, _ := plotter.NewLabels(labels)
		for i := range lab.TextStyle {
			lab.TextStyle[i].XAlign = draw.XCenter
			lab.TextStyle[i].Font.Size = vg.Points(10)
		}
		p.Add(bars, scatter, lab)
	}
	return p
}

// countPlot: how many answers fell in each tenth.
func countPlot(bins []CalibrationEntry) *plot.Plot {
	p := newCalibrationPlot("", "probability given to the top prediction", "answers")
	spans := &spanBars{}
	most := 1
	for _, b := range bins {
		spans.add(b.Low, b.High, float64(b.Count))
		most = max(most, b.Count)
	}
	p.Add(spans)
	p.Y.Min, p.Y.Max = 0, 1.1*float64(most)
	p.Y.Tick.Marker = countTicks{}
	return p
}

// countTicks are gonum's default ticks labelled as whole numbers.
type countTicks struct{}

func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ticks {
		if ticks[i].Label != "" {
			ticks[i].Label = fmt.Sprintf("%.0f", ticks[i].Value)
		}
	}
	return ticks
}

// wilson is the 95% Wilson score interval of a proportion p of n.
func wilson(p float64, n int) (lo, hi float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.96
	nf := float64(n)
	d := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / d
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / d
	return max(0, mid-half), min(1, mid+half)
}

// spanBars draws a bar over [low, high) of the x axis for each bin, from 0
// up to its value.
type spanBars struct{ lows, highs, vals []float64 }

func (s *spanBars) add(low, high, v float64) {
	s.lows, s.highs, s.vals = append(s.lows, low), append(s.highs, high), append(s.vals, v)
}

// Plot implements plot.Plotter.
func (s *spanBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, v := range s.vals {
		x0, x1 := trX(s.lows[i])+vg.Points(1), trX(s.highs[i])-vg.Points(1)
		y0, y1 := trY(0), trY(v)
		c.FillPolygon(colorBar, []vg.Point{{X: x0, Y: y0}, {X: x0, Y: y1}, {X: x1, Y: y1}, {X: x1, Y: y0}})
	}
}

// DataRange implements plot.DataRanger.
func (s *spanBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 1
	for _, v := range s.vals {
		ymax = max(ymax, v)
	}
	return xmin, xmax, 0, ymax
}

// percentTicks marks 0 to 100% in tenths, labelling every other one.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	for i := 0; i <= 10; i++ {
		v := float64(i) / 10
		if v < lo-1e-9 || v > hi+1e-9 {
			continue
		}
		t := plot.Tick{Value: v}
		if i%2 == 0 {
			t.Label = fmt.Sprintf("%d%%", 10*i)
		}
		ticks = append(ticks, t)
	}
	return ticks
}
