// Package browser starts headless Chromium through chromedp, for the
// classroom page's browser test and the screenshots of `make gallery`.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// EnvExec names the environment variable that overrides the browser found
// on the PATH.
const EnvExec = "SEQPREDICT_CHROME"

// ErrNoBrowser says how to get a browser when none is found.
var ErrNoBrowser = errors.New("no Chromium found: install Debian's chromium package " +
	"(apt-get update && apt-get install -y chromium, as .ci/run does), or set " +
	EnvExec + " to a Chrome or Chromium binary")

// names are the browsers looked for on the PATH, in order.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Exec returns the browser to run: $SEQPREDICT_CHROME, or the first of
// chromium, chromium-browser, google-chrome on the PATH.
func Exec() (string, error) {
	if p := os.Getenv(EnvExec); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %v; %w", EnvExec, p, err, ErrNoBrowser)
		}
		return path, nil
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// New starts a headless browser with a fresh profile in profileDir (which
// the caller removes) and returns a chromedp context for one tab. cancel
// stops the browser. The flags keep Chromium off the network but for the
// pages it is sent to: this machine has none, and Chromium's own
// connections would fail by the dozen.
func New(ctx context.Context, profileDir string) (context.Context, context.CancelFunc, error) {
	path, err := Exec()
	if err != nil {
		return nil, nil, err
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		// A headless page counts as hidden: without these its timers and
		// frames would be throttled as a background tab's, which a page on
		// a screen is not.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(profileDir),
		chromedp.WindowSize(1440, 900),
	)
	bctx, cancelTab := chromedp.NewContext(actx)
	// Start the browser now, so that a failure to start is reported here.
	if err := chromedp.Do(bctx); err != nil {
		cancelTab()
		cancelAlloc()
		return nil, nil, err
	}
	return bctx, func() { cancelTab(); cancelAlloc() }, nil
}
