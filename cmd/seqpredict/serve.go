package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/seqpredict/seqpredict/serve"
)

const serveUsage = `seqpredict serve runs the classroom page: type a sequence, watch the
shortest program win.

It serves one page (every asset is inside the binary, so it works offline)
that predicts as you type: the next term and its probability, the programs
that fit with their bits and shares, the distribution over the next term,
the compression, a contrived rival, and a reveal mode that shows the terms
one at a time. The same answers come as JSON from /api/predict (what
--json prints), /api/explain (what explain --json prints) and /api/guess.
It listens on localhost unless --addr says otherwise, and prints the
address to open. Every request is bounded (the flags below); Ctrl-C stops.

Usage:
  seqpredict serve [flags]

Examples:
  seqpredict serve                        then open http://127.0.0.1:8080/
  seqpredict serve --addr 127.0.0.1:9000  another port
  seqpredict serve --addr :8080           every network interface (a classroom)

Flags:
`

// serveFlags are the flags of seqpredict serve.
type serveFlags struct {
	predict predictFlags // the search budget and --timeout
	addr    string
	limits  serve.Limits
}

func (f *serveFlags) register(fs *pflag.FlagSet) {
	f.predict.top, f.predict.next = 1, 1 // set per request
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "the address to listen on, `host:port` (port 0: any free port)")
	f.predict.registerBudget(fs, serve.DefaultTimeout)
	fs.IntVar(&f.limits.MaxTerms, "max-terms", serve.DefaultMaxTerms, "most terms of one request")
	fs.IntVar(&f.limits.MaxDigits, "max-digits", serve.DefaultMaxDigits, "most decimal digits of one term")
	fs.IntVar(&f.limits.MaxSearches, "max-searches", serve.DefaultMaxSearches, "most searches running at once (more requests wait, then get 503)")
}

func (f *serveFlags) validate() error {
	if err := f.predict.validate(); err != nil {
		return err
	}
	switch {
	case f.limits.MaxTerms < 1 || f.limits.MaxTerms > 10000:
		return fmt.Errorf("bad --max-terms %d: want 1..10000", f.limits.MaxTerms)
	case f.limits.MaxDigits < 1 || f.limits.MaxDigits > 100000:
		return fmt.Errorf("bad --max-digits %d: want 1..100000", f.limits.MaxDigits)
	case f.limits.MaxSearches < 1 || f.limits.MaxSearches > 1024:
		return fmt.Errorf("bad --max-searches %d: want 1..1024", f.limits.MaxSearches)
	}
	return nil
}

// server is the server the flags describe, predicting as the command does.
func (f *serveFlags) server() (*serve.Server, error) {
	lim := f.limits
	lim.Timeout = f.predict.timeout
	return serve.New(serve.Options{Predict: f.predict.options(), Limits: lim})
}

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("seqpredict serve")
	var f serveFlags
	f.register(fs)
	help := fs.BoolP("help", "h", false, "show this help")
	if err := fs.Parse(args); err != nil {
		return usageError(stderr, fmt.Errorf("serve: %v", err))
	}
	if *help {
		fmt.Fprint(stdout, serveUsage+fs.FlagUsages())
		return exitOK
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fmt.Errorf("serve: unexpected argument %q (the terms are typed on the page)", fs.Arg(0)))
	}
	if err := f.validate(); err != nil {
		return usageError(stderr, fmt.Errorf("serve: %v", err))
	}
	srv, err := f.server()
	if err != nil {
		return usageError(stderr, fmt.Errorf("serve: %v", err))
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		if cause := errors.Unwrap(err); cause != nil { // the *net.OpError repeats the address
			err = cause
		}
		return usageError(stderr, fmt.Errorf("serve: cannot listen on %s: %v", f.addr, err))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "seqpredict: open %s in a browser (Ctrl-C stops)\n", pageURL(ln.Addr()))
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "seqpredict: serve: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// pageURL is the address to open for a listener: on every interface, the
// local one.
func pageURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
