package main

import (
	"fmt"
	"os"

	"github.com/seqpredict/seqpredict/batch"
)

// calibrationPlot is the file batch --calibration-plot draws the
// reliability diagram to. It is opened (created if need be, not yet
// truncated) before the run, so that a bad path fails before any search.
type calibrationPlot struct {
	file   *os.File
	format string
}

func openCalibrationPlot(name string) (*calibrationPlot, error) {
	format, err := batch.PlotFormat(name)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(name); err == nil && !st.Mode().IsRegular() {
		return nil, fmt.Errorf("bad --calibration-plot %q: not a regular file", name)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("bad --calibration-plot: %w", err)
	}
	return &calibrationPlot{file: f, format: format}, nil
}

// write draws the summary's reliability diagram over whatever the file
// held, and closes it.
func (c *calibrationPlot) write(rep batch.SummaryReport) error {
	defer c.file.Close()
	img, err := rep.PlotCalibration(c.format)
	if err != nil {
		return err
	}
	if err := c.file.Truncate(0); err != nil {
		return err
	}
	if _, err := img.WriteTo(c.file); err != nil {
		return err
	}
	return c.file.Close()
}
