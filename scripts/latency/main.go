// Command latency times `seqpredict TERMS` on every public puzzle series,
// one process per series as a user at a terminal runs it, and prints the
// median, 95th percentile and maximum wall time per series and the
// largest peak resident memory of a run (make latency runs it):
//
//	go run ./scripts/latency [-base OLD] [-passes N] [-data DIR] NEW [FLAGS...]
//
// With -base, it times the other binary too, series by series in
// alternating order, and prints the ratio of the medians: a comparison
// made in one run, on the same machine state, as times drift between
// runs. A run's time is from starting the process to its exit, read here
// and nowhere else (a shell's timing of a /usr/bin/time wrapper adds the
// wrapper's own start to every series); its peak memory is the kernel's
// account of the child (getrusage's ru_maxrss).
package main

import (
	"bufio"
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("latency", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "another seqpredict binary to time alongside")
	passes := fs.Int("passes", 0, "passes over the series (default 1, or 3 with -base)")
	data := fs.String("data", "../shared/data", "the benchmark data directory")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() < 1 {
		fmt.Fprintln(stderr, "latency: usage: latency [-base OLD] [-passes N] [-data DIR] NEW [FLAGS...]")
		return 2
	}
	bin, flags := fs.Arg(0), fs.Args()[1:]
	if *passes <= 0 {
		*passes = 1
		if *base != "" {
			*passes = 3
		}
	}
	series, err := readSeries(filepath.Join(*data, "puzzles", "public.tsv"))
	if err != nil {
		fmt.Fprintln(stderr, "latency:", err)
		return 2
	}
	var now, old runs
	for pass := range *passes {
		for i, terms := range series {
			cmdArgs := append(slices.Clone(flags), terms)
			if *base == "" {
				now.add(bin, cmdArgs)
				continue
			}
			if (pass*len(series)+i)%2 == 0 {
				old.add(*base, cmdArgs)
				now.add(bin, cmdArgs)
			} else {
				now.add(bin, cmdArgs)
				old.add(*base, cmdArgs)
			}
		}
	}
	if now.err != nil || old.err != nil {
		fmt.Fprintln(stderr, "latency:", cmp.Or(now.err, old.err))
		return 2
	}
	if *base == "" {
		fmt.Fprintln(stdout, now.summary(""))
		return 0
	}
	fmt.Fprintln(stdout, now.summary("this build: "))
	fmt.Fprintln(stdout, old.summary("BASE:       "))
	fmt.Fprintf(stdout, "median ratio (this build / BASE): %.3f\n", now.median()/old.median())
	return 0
}

// readSeries reads the terms column of the puzzles file.
func readSeries(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 2 || fields[0] == "id" {
			continue
		}
		out = append(out, fields[1])
	}
	return out, sc.Err()
}

// runs are the wall times (ms) and the largest peak memory (KiB) of one
// binary's runs.
type runs struct {
	ms   []float64
	peak int64
	err  error
}

// add runs bin with args, its output discarded (a run that finds no
// pattern exits 1, which is no error here).
func (r *runs) add(bin string, args []string) {
	if r.err != nil {
		return
	}
	cmd := exec.Command(bin, args...)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		r.err = err
		return
	}
	_ = cmd.Wait()
	r.ms = append(r.ms, float64(time.Since(start).Microseconds())/1000)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peak = max(r.peak, ru.Maxrss)
	}
}

func (r *runs) median() float64 {
	t := slices.Sorted(slices.Values(r.ms))
	if n := len(t); n%2 == 1 {
		return t[n/2]
	}
	return (t[len(t)/2-1] + t[len(t)/2]) / 2
}

func (r *runs) summary(name string) string {
	t := slices.Sorted(slices.Values(r.ms))
	p95 := min(len(t), (len(t)*95+99)/100)
	return fmt.Sprintf("%sseries %d: median %.1f ms, p95 %.1f ms, max %.1f ms; peak memory %.1f MiB",
		name, len(t), r.median(), t[p95-1], t[len(t)-1], float64(r.peak)/1024)
}
