// Command seqpredict predicts the next terms of an integer sequence by
// Solomonoff induction over a small arithmetic language. See README.md.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK        = 0   // a prediction was made
	exitNoPattern = 1   // no program is shorter than the terms written out
	exitUsage     = 2   // bad usage or input
	exitInterrupt = 130 // Ctrl-C (128 + SIGINT); SIGTERM gives 143
)

// version is the command's version, printed by --version.
const version = "0.1.0"

// command is a subcommand: its name, what it does in a few words (for the
// help), and its run function, which gets the arguments after the name.
type command struct {
	name, summary string
	run           func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands are the subcommands; without one, seqpredict predicts. A new
// subcommand is one more entry.
var commands []command

func init() { // an initialisation cycle otherwise: help reads the table
	commands = []command{
		{"batch", "predict, score and summarise whole files", runBatch},
		{"merge", "sum up the outputs of a batch run's shards", runMerge},
		{"explain", "a walk-through of one prediction, with plots", runExplain},
		{"serve", "the classroom page: predicts as you type", runServe},
		{"help", "this help, or a command's: seqpredict help batch", runHelp},
	}
}

// run is the whole command; main only wires it to the process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c := lookup(args[0]); c != nil {
			return c.run(args[1:], stdin, stdout, stderr)
		}
		if commandLike(args[0]) {
			return usageError(stderr, unknownCommand(args[0]))
		}
	}
	return runPredict(args, stdin, stdout, stderr)
}

func lookup(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

// commandLike reports whether a first argument can only be meant as a
// command: a word (^[A-Za-z][A-Za-z0-9_-]*$), which is neither a term nor
// a flag.
func commandLike(s string) bool {
	for i, c := range []byte(s) {
		switch {
		case 'a' <= c|0x20 && c|0x20 <= 'z':
		case i > 0 && ('0' <= c && c <= '9' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// unknownCommand names the closest command when one is near.
func unknownCommand(name string) error {
	best, dist := "", 3 // suggest within two edits
	for _, c := range commands {
		if d := editDistance(name, c.name); d < dist {
			best, dist = c.name, d
		}
	}
	if best != "" {
		return fmt.Errorf("unknown command %q (did you mean %s?)", name, best)
	}
	return fmt.Errorf("unknown command %q (try: seqpredict help)", name)
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// runHelp prints the usage of seqpredict, or of the named command.
func runHelp(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	switch {
	case len(args) == 0:
		return runPredict([]string{"--help"}, stdin, stdout, stderr)
	case len(args) > 1:
		return usageError(stderr, fmt.Errorf("help: one command at most, not %q", args))
	case args[0] == "help":
		return runHelp(nil, stdin, stdout, stderr)
	}
	if c := lookup(args[0]); c != nil {
		return c.run([]string{"--help"}, stdin, stdout, stderr)
	}
	return usageError(stderr, fmt.Errorf("help: %w", unknownCommand(args[0])))
}

// commandList is the table of commands as the help shows it.
func commandList() string {
	var b strings.Builder
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-10s %s\n", c.name, c.summary)
	}
	return b.String()
}

// withSignals returns a context cancelled by the first SIGINT or SIGTERM,
// and the exit status that signal calls for (128 + its number; 0 before
// any). A second signal acts as usual: it ends the process at once.
func withSignals(parent context.Context) (ctx context.Context, status func() int, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var got atomic.Int32
	done := make(chan struct{})
	go func() {
		select {
		case s := <-ch:
			got.Store(int32(s.(syscall.Signal)))
			signal.Stop(ch)
			cancel()
		case <-done:
		}
	}()
	status = func() int {
		if n := got.Load(); n != 0 {
			return 128 + int(n)
		}
		return exitInterrupt // cancelled otherwise: only a test does that
	}
	var once atomic.Bool
	stop = func() {
		if once.CompareAndSwap(false, true) {
			close(done)
			signal.Stop(ch)
			cancel()
		}
	}
	return ctx, status, stop
}
