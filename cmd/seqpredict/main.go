// Command seqpredict predicts the next terms of an integer sequence by
// Solomonoff induction over a small arithmetic language. See README.md.
package main

import (
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK        = 0 // a prediction was made
	exitNoPattern = 1 // no program is shorter than the terms written out
	exitUsage     = 2 // bad usage or input
)

// version is the command's version, printed by --version.
const version = "0.1.0"

// run is the whole command; main only wires it to the process.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] { // subcommands
		case "batch":
			return runBatch(args[1:], stdin, stdout, stderr)
		case "merge":
			return runMerge(args[1:], stdin, stdout, stderr)
		case "explain":
			return runExplain(args[1:], stdin, stdout, stderr)
		case "serve":
			return runServe(args[1:], stdin, stdout, stderr)
		}
	}
	return runPredict(args, stdin, stdout, stderr)
}
