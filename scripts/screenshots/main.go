// Command screenshots takes the screenshots of the classroom page in docs/
// (docs/serve-*.png): it starts the real server, `seqpredict serve`, on a
// free local port, opens the page in headless Chromium at a desktop and a
// phone width, waits for the answers, and saves what the browser shows.
// scripts/gallery.sh runs it (make gallery):
//
//	go run ./scripts/screenshots -bin ./seqpredict -out docs
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/seqpredict/seqpredict/internal/browser"
)

// shot is one screenshot: the page at a query, in a viewport of a width
// and height (CSS pixels) and a device scale; the whole page, or on a
// phone what its screen shows (the whole page would be a long strip).
type shot struct {
	file          string
	query         string
	width, height int64
	scale         float64
	phone         bool
}

var shots = []shot{
	{"serve-desktop.png", "?terms=1,1,2,3,5,8", 1440, 900, 1, false},
	{"serve-reveal.png", "?terms=2,4,6,8,10&reveal=3", 1440, 900, 1, false},
	{"serve-phone.png", "?terms=1,1,2,3,5,8", 390, 844, 2, true},
}

func main() {
	bin := flag.String("bin", "", "the seqpredict binary to serve the page with")
	out := flag.String("out", "docs", "the folder to write the screenshots to")
	flag.Parse()
	if err := run(*bin, *out); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(bin, out string) error {
	if bin == "" {
		return errors.New("no -bin given: the seqpredict binary to serve the page with")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	base, stop, err := startServer(ctx, bin)
	if err != nil {
		return err
	}
	defer stop()
	profile, err := os.MkdirTemp("", "seqpredict-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	bctx, closeBrowser, err := browser.New(ctx, profile)
	if err != nil {
		return err
	}
	defer closeBrowser()
	for _, s := range shots {
		png, err := take(bctx, base, s)
		if err != nil {
			return fmt.Errorf("%s: %v", s.file, err)
		}
		name := filepath.Join(out, s.file)
		if err := os.WriteFile(name, png, 0o644); err != nil {
			return err
		}
		fmt.Println("screenshots:", name)
	}
	return nil
}

// startServer runs `bin serve` on a free port and returns the page's
// address, read from the line the command prints.
func startServer(ctx context.Context, bin string) (string, func(), error) {
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", "127.0.0.1:0")
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	i := strings.Index(line, "http://")
	if err != nil || i < 0 {
		stop()
		return "", nil, fmt.Errorf("seqpredict serve did not print its address: %q %v", line, err)
	}
	return strings.Fields(line[i:])[0], stop, nil
}

// take loads the page for s, waits until every answer (and in reveal
// mode every row) is drawn, and captures the whole page.
func take(ctx context.Context, base string, s shot) ([]byte, error) {
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(s.scale)}
	if s.phone {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(s.width, s.height, opts...),
		chromedp.Navigate(base+s.query),
		chromedp.Poll[chromedp.Void](`document.body.dataset.answered !== undefined && !document.querySelector('.c-pending') && document.fonts.status === 'loaded'`,
			chromedp.WithPollingTimeout(60*time.Second)),
		chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`),
	)
	if err != nil {
		return nil, err
	}
	if s.phone {
		return chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	return chromedp.Run(ctx, chromedp.FullScreenshot(100))
}
