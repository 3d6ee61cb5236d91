package batch

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress is a run's progress bar on a terminal, kept apart from
// everything else written there: a message, or a record when the output is
// a terminal too, first clears the bar's line, and the bar is drawn again
// on the line after at its next update (at most refresh later). The bar
// shows at once, as a spinner until the tasks are counted. Without a
// terminal (term nil) there is no bar and writes go straight through.
type progress struct {
	mu   sync.Mutex // orders the bar's writes and the others
	term io.Writer  // where the bar is drawn; nil: no bar

	barMu sync.Mutex // guards bar, which setTotal replaces, and done
	bar   *progressbar.ProgressBar
	done  int64
	stop  chan struct{}
	wg    sync.WaitGroup
}

// refresh is how often the bar is redrawn while nothing happens, so that
// it comes back soon after a record cleared it and its clock moves.
const refresh = 500 * time.Millisecond

// clearLine returns to the start of the line and erases it.
const clearLine = "\r\x1b[K"

func newProgress(term io.Writer) *progress {
	p := &progress{term: term}
	if term == nil {
		return p
	}
	p.bar = p.newBar(-1)
	_ = p.bar.RenderBlank()
	p.stop = make(chan struct{})
	p.wg.Go(func() {
		tick := time.NewTicker(refresh)
		defer tick.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-tick.C:
				p.barMu.Lock()
				_ = p.bar.Add(0)
				p.barMu.Unlock()
			}
		}
	})
	return p
}

// barWriter is the bar's way to the terminal, through progress.mu.
type barWriter struct{ p *progress }

func (w barWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	return w.p.term.Write(b)
}

// newBar makes a bar of total tasks (-1: not known yet, a spinner).
func (p *progress) newBar(total int64) *progressbar.ProgressBar {
	desc := "predicting"
	if total < 0 {
		desc = "predicting (counting the input)"
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(barWriter{p}),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("seq"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// setTotal turns the spinner into a bar of total tasks.
func (p *progress) setTotal(total int64) {
	if p.term == nil || total <= 0 {
		return
	}
	p.barMu.Lock()
	defer p.barMu.Unlock()
	_ = p.bar.Finish() // clears the spinner
	p.bar = p.newBar(total)
	_ = p.bar.Set64(p.done)
}

// add counts a task done.
func (p *progress) add() {
	if p.term == nil {
		return
	}
	p.barMu.Lock()
	defer p.barMu.Unlock()
	p.done++
	_ = p.bar.Add(1)
}

// write writes b to w in one call; clear first erases the bar's line,
// for a w that shows on the bar's terminal.
func (p *progress) write(w io.Writer, clear bool, b []byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if clear && p.term != nil {
		if _, err := io.WriteString(p.term, clearLine); err != nil {
			return err
		}
	}
	_, err := w.Write(b)
	return err
}

// finish removes the bar for good.
func (p *progress) finish() {
	if p.term == nil {
		return
	}
	close(p.stop)
	p.wg.Wait()
	p.barMu.Lock()
	defer p.barMu.Unlock()
	_ = p.bar.Finish()
	_ = p.bar.Exit()
	p.mu.Lock()
	defer p.mu.Unlock()
	_, _ = io.WriteString(p.term, clearLine)
}
