package batch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// checkInputs opens every named input and checks its first block (see
// CheckInput), so that a run fails on a missing, unreadable or binary file
// before it predicts anything.
func checkInputs(files []string) error {
	for _, name := range files {
		if name == "-" {
			continue
		}
		if err := CheckInput(name); err != nil {
			return err
		}
	}
	return nil
}

// checkPaths refuses outputs that would destroy an input or each other,
// compared by identity (the same file under another name or through a
// link is the same file), and a summary path that cannot be written. It
// opens nothing for writing except the summary, which it creates only to
// see that it can, and removes again.
func checkPaths(o Options, stdin io.Reader) error {
	inputs, err := inputInfos(o.Files, stdin)
	if err != nil {
		return err
	}
	outs := []struct{ flag, path string }{{"--out", o.Out}, {"--summary", o.Summary}, {"--calibration-plot", o.CalibrationPlot}}
	for _, out := range outs {
		info, err := os.Stat(out.path)
		if out.path == "" || err != nil {
			continue
		}
		if info.IsDir() {
			return fmt.Errorf("%s %s: is a directory", out.flag, out.path)
		}
		for _, in := range inputs {
			if os.SameFile(info, in.info) {
				return fmt.Errorf("%s %s is the input %s: refusing to overwrite it", out.flag, out.path, DisplayName(in.name))
			}
		}
	}
	for i, a := range outs {
		for _, b := range outs[i+1:] {
			if a.path != "" && a.path == b.path || sameFile(a.path, b.path) {
				return fmt.Errorf("%s and %s are the same file %s", a.flag, b.flag, a.path)
			}
		}
	}
	if o.CalibrationPlot != "" {
		if _, err := PlotFormat(o.CalibrationPlot); err != nil {
			return err
		}
	}
	for _, out := range outs[1:] { // the output is opened next
		if out.path == "" {
			continue
		}
		if err := CheckWritable(out.path); err != nil {
			return fmt.Errorf("%s %s: %w", out.flag, out.path, err)
		}
	}
	return nil
}

type inputInfo struct {
	name string
	info fs.FileInfo
}

// inputInfos returns the file information of the inputs that are files,
// standard input included when it is one.
func inputInfos(files []string, stdin io.Reader) ([]inputInfo, error) {
	var out []inputInfo
	readsStdin := len(files) == 0
	for _, name := range files {
		if name == "-" {
			readsStdin = true
			continue
		}
		info, err := os.Stat(name)
		if err != nil {
			return nil, fileError(name, err)
		}
		out = append(out, inputInfo{name, info})
	}
	if f, ok := stdin.(*os.File); ok && readsStdin {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			out = append(out, inputInfo{"-", info})
		}
	}
	return out, nil
}

func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}

// CheckWritable opens path for writing without truncating it, to fail
// before a run rather than after it; a file it had to create is removed.
func CheckWritable(path string) error {
	_, statErr := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		return unwrapPath(err)
	}
	f.Close()
	if errors.Is(statErr, fs.ErrNotExist) {
		os.Remove(path)
	}
	return nil
}

// unwrapPath drops the operation and path of an *fs.PathError, which the
// message around it names already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
