// Package picture makes the canvases the project draws its plots on with
// gonum/plot: a PNG or an SVG of a given size on a white background, with
// an optional caption along the bottom.
package picture

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// New returns a blank white picture of the given size in format "png"
// (at dpi dots per inch) or "svg", and the canvas to draw on.
func New(format string, width, height vg.Length, dpi int) (vg.CanvasWriterTo, draw.Canvas, error) {
	var c vg.CanvasWriterTo
	switch format {
	case "png":
		c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	case "svg":
		c = vgsvg.New(width, height)
	default:
		return nil, draw.Canvas{}, fmt.Errorf("cannot plot to %q: want png or svg", format)
	}
	dc := draw.New(c)
	dc.FillPolygon(color.White, []vg.Point{
		{X: dc.Min.X, Y: dc.Min.Y}, {X: dc.Min.X, Y: dc.Max.Y},
		{X: dc.Max.X, Y: dc.Max.Y}, {X: dc.Max.X, Y: dc.Min.Y},
	})
	return c, dc, nil
}

// Caption writes text (one or more lines) centred in a band of the given
// height along the bottom of dc, in the given font size, and returns the
// canvas above the band.
func Caption(dc draw.Canvas, height, size vg.Length, text string) draw.Canvas {
	style := draw.TextStyle{
		Color:   color.Black,
		Font:    font.From(plot.DefaultFont, size),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
	dc.FillText(style, vg.Point{X: (dc.Min.X + dc.Max.X) / 2, Y: dc.Min.Y + height/2}, text)
	return draw.Crop(dc, 0, 0, height, 0)
}
