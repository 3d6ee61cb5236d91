package serve

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/seqpredict/seqpredict/internal/browser"
)

// TestBrowser drives the page in headless Chromium as a teacher would,
// with the keyboard alone: type 2 4 6 8, see 10, switch to reveal mode
// and step through the terms, ask for the probability of a guess; then
// click a tie and digits typed at random in the gallery; and save a
// screenshot (in the test's artifact folder: go test -artifacts
// keeps it). It fails, saying how to install one, when there is no
// browser: .ci/run installs Debian's chromium.
//
// It logs the time from the last keystroke to the frame that shows the
// answer, debounce included (the page measures it with performance.now).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("the browser test is not short (make test runs it)")
	}
	if _, err := browser.Exec(); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(newServer(t, Limits{}))
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bctx, stop, err := browser.New(ctx, t.TempDir())
	if err != nil {
		t.Fatalf("starting the browser: %v", err)
	}
	defer stop()

	// do runs steps, failing the test with what was being done.
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(bctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// answered waits until the page shows the answer for terms.
	answered := func(terms string) {
		t.Helper()
		do("waiting for the answer to "+terms, chromedp.Poll[chromedp.Void](
			fmt.Sprintf(`document.body.dataset.answered === %q && !document.querySelector('.c-pending')`, terms),
			chromedp.WithPollingTimeout(30*time.Second)))
	}

	do("opening the page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(ts.URL), chromedp.WaitVisible(chromedp.CSS("#terms")))
	// The box has the focus on arrival; type into it.
	if got := eval(`document.activeElement.id`); got != "terms" {
		t.Fatalf("the focus is on %q, not on the terms", got)
	}
	do("typing", chromedp.KeyEvent("2 4 6 8"))
	answered("2,4,6,8")
	if got := eval(`document.getElementById('answer-next').textContent`); got != "10" {
		t.Fatalf("the page shows %q for 2 4 6 8, want 10", got)
	}
	if p := eval(`document.getElementById('answer-prob').textContent`); !strings.HasPrefix(p, "with probability 9") {
		t.Errorf("the probability shown is %q", p)
	}
	tm, err := chromedp.Run(bctx, chromedp.Evaluate[pageTiming](`window.seqpredictTiming`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("2 4 6 8: the answer was on the screen %.0f ms after the last keystroke (asked after %.0f ms of debounce, answered in %.0f ms, drawn in %.0f ms, painted %.0f ms later)",
		tm.SinceKeystroke, tm.Asked-tm.LastInput, tm.Received-tm.Asked, tm.Drawn-tm.Received, tm.Painted-tm.Drawn)
	if eval(`location.search`) != "?terms=2%2C4%2C6%2C8" {
		t.Errorf("the address does not carry the terms: %q", eval(`location.search`))
	}
	for _, sel := range []string{"#dist-chart .b-bar", "#programs-table tbody tr", "#compression-chart .cb-bar", "#rival-body code"} {
		if eval(fmt.Sprintf(`String(document.querySelectorAll(%q).length)`, sel)) == "0" {
			t.Errorf("nothing drawn for %s", sel)
		}
	}

	// Reveal mode, by the keyboard: Tab to the toggle, Enter, then the
	// step button.
	do("switching to reveal mode", chromedp.KeyEvent("\t"), chromedp.KeyEvent("\r"))
	answered("2")
	if eval(`document.activeElement.id`) != "reveal-toggle" || eval(`document.getElementById('reveal').hidden ? 'hidden' : 'shown'`) != "shown" {
		t.Fatal("the reveal toggle did not take the keyboard")
	}
	do("focusing the step button", chromedp.Focus(chromedp.CSS("#step")))
	for k, terms := range []string{"2,4", "2,4,6", "2,4,6,8"} {
		do("stepping", chromedp.KeyEvent("\r"))
		answered(terms)
		rows := eval(`String(document.querySelectorAll('#collapse .c-bar').length)`)
		if rows != fmt.Sprint(k+2) {
			t.Errorf("after %d steps the collapse chart has %s rows", k+1, rows)
		}
	}
	if eval(`String(document.getElementById('step').disabled)`) != "true" || eval(`document.getElementById('slider').value`) != "4" {
		t.Error("after the last term the step button is still on, or the slider is not at the end")
	}
	// After 2 4 the page predicted 6, after 2 4 6 it predicted 8: ticks.
	if got := eval(`String(document.querySelectorAll('#collapse .c-came .yes').length)`); got != "2" {
		t.Errorf("%s predictions marked right, want 2 (6 and 8): %s", got, eval(`document.getElementById('collapse').innerText`))
	}
	// The share of the term that really came grows as the terms arrive
	// (the last row has no next term yet).
	shares, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`[...document.querySelectorAll('#collapse .c-bar')].map(b => { const r = b.querySelector('.c-seg.right'); return r ? parseFloat(r.style.width) : 0; })`))
	if err != nil {
		t.Fatal(err)
	}
	if len(shares) != 4 || !slices.IsSorted(shares[:3]) || shares[0] == shares[2] {
		t.Errorf("the share of the term that came, row by row: %v; want it growing", shares)
	}
	do("back one term with the slider", chromedp.Focus(chromedp.CSS("#slider")), chromedp.KeyEvent(kb.ArrowLeft))
	answered("2,4,6")
	if !strings.Contains(eval(`location.search`), "reveal=3") {
		t.Errorf("the address does not carry the reveal step: %q", eval(`location.search`))
	}
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}

	// How likely is my guess: 12 after 2 4 6 is no pattern's answer.
	do("asking for a guess", chromedp.Focus(chromedp.CSS("#guess-input")), chromedp.KeyEvent("12\r"),
		chromedp.Poll[chromedp.Void](`document.getElementById('guess-result').textContent.includes('12')`, chromedp.WithPollingTimeout(30*time.Second)))
	if g := eval(`document.getElementById('guess-result').textContent`); !strings.Contains(g, "The probability that 12 comes next") || !strings.Contains(g, "is") {
		t.Errorf("the guess says %q", g)
	}

	// The gallery, out of reveal mode: a tie said out loud, and an honest
	// no pattern with its reason.
	do("leaving reveal mode", chromedp.Click(chromedp.CSS("#reveal-toggle")))
	answered("2,4,6,8")
	do("the tie", chromedp.Click(chromedp.CSS(`#gallery button[data-terms="1 2 3 5"]`)))
	answered("1,2,3,5")
	if k, b := eval(`document.getElementById('answer-kicker').textContent`), eval(`document.getElementById('banner').textContent`); k != "A tie" || !strings.Contains(b, "equally short programs disagree") {
		t.Errorf("1 2 3 5: %q, %q", k, b)
	}
	do("no pattern", chromedp.Click(chromedp.CSS(`#gallery button[data-terms="4 9 1 7 2 2 6 0 3 8"]`)))
	answered("4,9,1,7,2,2,6,0,3,8")
	if k, b := eval(`document.getElementById('answer-kicker').textContent`), eval(`document.getElementById('banner').textContent`); k != "No pattern" || !strings.Contains(b, "Any next term is only a guess") {
		t.Errorf("digits typed at random: %q, %q", k, b)
	}

	// A prepared link opens on its terms, in reveal mode if it says so.
	do("opening a link", chromedp.Navigate(ts.URL+"/?terms=1,1,2,3,5,8&reveal=2"))
	answered("1,1")
	if v := eval(`document.getElementById('terms').value + ' | ' + document.getElementById('shown').textContent`); v != "1 1 2 3 5 8 | 2 of 6 terms" {
		t.Errorf("the link /?terms=1,1,2,3,5,8&reveal=2 shows %q", v)
	}

	dir := t.ArtifactDir()
	name := filepath.Join(dir, "reveal.png")
	if err := os.WriteFile(name, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", name)
}

// pageTiming is the page's window.seqpredictTiming: when (performance.now,
// in ms) the last key was typed, the answer asked for, received, drawn and
// painted.
type pageTiming struct {
	LastInput, Asked, Received, Drawn, Painted, SinceKeystroke float64
}
