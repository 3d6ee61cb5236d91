package main

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCalibrationPlot: batch --calibration-plot draws the reliability
// diagram as a PNG or an SVG, beside the summary's table.
func TestCalibrationPlot(t *testing.T) {
	dir := t.TempDir()
	input := batchFile(t, dir, "seqs.txt", strings.Join(batchSequences, "\n")+"\n")
	pngFile := filepath.Join(dir, "reliability.png")
	code, _, stderr := runBatchCmd(t, "", "--holdout", "1", "--calibration-plot", pngFile, input)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "expected calibration error") {
		t.Errorf("the summary has no calibration error:\n%s", stderr)
	}
	if b := pngBounds(t, pngFile); b.Dx() < 600 || b.Dy() < 600 {
		t.Errorf("the PNG is %dx%d, want at least 600x600", b.Dx(), b.Dy())
	}

	// An SVG, over an existing file longer than the picture: replaced whole.
	svgFile := filepath.Join(dir, "reliability.svg")
	if err := os.WriteFile(svgFile, bytes.Repeat([]byte("old content "), 1e5), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runBatchCmd(t, "", "--holdout", "1", "--calibration-plot", svgFile, input)
	if code != exitOK {
		t.Fatalf("svg: exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(svgFile)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(svg, []byte("old content")) {
		t.Error("the SVG kept the file's old content")
	}
	checkSVG(t, svg)
}

// pngBounds returns the size of the PNG file name, failing the test if it
// is not one.
func pngBounds(t *testing.T, name string) image.Rectangle {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s is not a PNG: %v", name, err)
	}
	return img.Bounds()
}

// checkSVG fails the test unless data is an SVG document: XML from its
// first byte.
func checkSVG(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("<?xml")) && !bytes.HasPrefix(data, []byte("<svg")) {
		t.Errorf("the SVG starts %q", data[:min(40, len(data))])
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("the SVG is not XML: %v", err)
		}
	}
}

// TestCalibrationPlotBadPath: a path the plot cannot be written to fails
// at once, with exit status 2 and a one-line message, before any search:
// nothing is predicted and an existing output file is left alone.
func TestCalibrationPlotBadPath(t *testing.T) {
	dir := t.TempDir()
	input := batchFile(t, dir, "seqs.txt", strings.Join(batchSequences, "\n")+"\n")
	out := batchFile(t, dir, "out.jsonl", "precious\n")
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "no such dir", "r.png"), "no such file or directory"},
		{filepath.Join(dir, "r.pdf"), "want a file name ending in .png or .svg"},
		{filepath.Join(dir, "r"), "want a file name ending in .png or .svg"},
		{dir + "/.svg", "is a directory"},
		{out, "want a file name ending in .png or .svg"},
	} {
		if c.path == dir+"/.svg" {
			if err := os.Mkdir(c.path, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		code, stdout, stderr := runBatchCmd(t, "", "--holdout", "1", "--calibration-plot", c.path, input)
		if code != exitUsage || stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2, nothing out and one line with %q", c.path, code, stdout, stderr, c.want)
		}
	}
	code, _, stderr := runBatchCmd(t, "", "--holdout", "1", "--out", out, "--calibration-plot", out, input)
	if code != exitUsage || !strings.Contains(stderr, "--out and --calibration-plot are the same file") {
		t.Errorf("plot over --out: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(out); string(b) != "precious\n" {
		t.Errorf("the output file was touched: %q", b)
	}
}
