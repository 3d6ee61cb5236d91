package serve

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"time"

	"github.com/seqpredict/seqpredict/explain"
	"github.com/seqpredict/seqpredict/predict"
)

// Limits bound what one request may ask for. Zero values mean the
// defaults below.
type Limits struct {
	// MaxQuery is the longest query string accepted, in bytes.
	MaxQuery int
	// MaxTerms is the most terms of one sequence.
	MaxTerms int
	// MaxDigits is the most decimal digits of one term.
	MaxDigits int
	// MaxTop is the most programs and predictions one answer lists.
	MaxTop int
	// Timeout stops a search, which then answers with what it found.
	Timeout time.Duration
	// MaxSearches is the most searches running at once.
	MaxSearches int
	// QueueWait is how long a request waits for a free search before it
	// is answered 503.
	QueueWait time.Duration
}

// Default limits.
const (
	DefaultMaxQuery    = 4096
	DefaultMaxTerms    = 64
	DefaultMaxDigits   = 60
	DefaultMaxTop      = 20
	DefaultTimeout     = 3 * time.Second
	DefaultMaxSearches = 2
	DefaultQueueWait   = 2 * time.Second
)

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxQuery, DefaultMaxQuery)
	def(&l.MaxTerms, DefaultMaxTerms)
	def(&l.MaxDigits, DefaultMaxDigits)
	def(&l.MaxTop, DefaultMaxTop)
	def(&l.MaxSearches, DefaultMaxSearches)
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.QueueWait <= 0 {
		l.QueueWait = DefaultQueueWait
	}
	return l
}

// Options configure the server.
type Options struct {
	// Predict configures every prediction: the search budget and the
	// fitters (the command passes its own, as for `seqpredict --json`).
	// Next and Top are set per request.
	Predict predict.Options
	Limits  Limits
}

// Server answers the page and the API. Create it with New.
type Server struct {
	opts    Options
	lim     Limits
	slots   chan struct{} // one token per search allowed to run
	page    []byte        // the rendered index.html
	mux     *http.ServeMux
	gallery []Example
}

// New returns the server for opts.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, lim: opts.Limits.withDefaults(), mux: http.NewServeMux()}
	s.slots = make(chan struct{}, s.lim.MaxSearches)
	var err error
	if s.gallery, err = Gallery(); err != nil {
		return nil, err
	}
	if s.page, err = s.renderPage(); err != nil {
		return nil, err
	}
	files, err := staticHandler()
	if err != nil {
		return nil, err
	}
	s.mux.HandleFunc("GET /{$}", s.handlePage)
	s.mux.Handle("GET /static/", files)
	s.mux.HandleFunc("GET /api/predict", s.api(s.predictAnswer, "top"))
	s.mux.HandleFunc("GET /api/explain", s.api(s.explainAnswer, "top"))
	s.mux.HandleFunc("GET /api/guess", s.api(s.guessAnswer, "next"))
	return s, nil
}

// ServeHTTP answers one request, with headers that keep the page to its
// own assets.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	s.mux.ServeHTTP(w, r)
}

// errBusy is returned when no search is free within QueueWait.
var errBusy = errors.New("busy: every search slot is taken; try again in a moment")

// search runs one prediction in a free slot under the timeout. It waits at
// most QueueWait for the slot, and gives up as soon as ctx is done (the
// client went away).
func (s *Server) search(ctx context.Context, terms []*big.Int, top int) (*predict.Result, error) {
	wait := time.NewTimer(s.lim.QueueWait)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
	case <-wait.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.slots }()
	ctx, cancel := context.WithTimeout(ctx, s.lim.Timeout)
	defer cancel()
	opts := s.opts.Predict
	opts.Next, opts.Top = 1, top
	return predict.Predict(ctx, terms, opts)
}

// predictAnswer is what `seqpredict --json` prints.
func (s *Server) predictAnswer(ctx context.Context, q *query) (any, error) {
	res, err := s.search(ctx, q.terms, q.top)
	if err != nil {
		return nil, err
	}
	return res.Report(), nil
}

// explainAnswer is what `seqpredict explain --json` prints.
func (s *Server) explainAnswer(ctx context.Context, q *query) (any, error) {
	res, err := s.search(ctx, q.terms, explain.AllClasses)
	if err != nil {
		return nil, err
	}
	return explain.Build(res, q.top)
}

// guessAnswer is the probability of the continuation q.next.
func (s *Server) guessAnswer(ctx context.Context, q *query) (any, error) {
	if q.next == nil {
		return nil, badRequest("no guess given: add next=N")
	}
	res, err := s.search(ctx, q.terms, explain.AllClasses)
	if err != nil {
		return nil, err
	}
	return explain.Judge(res, []*big.Int{q.next})
}

// badRequest is an error in the request, answered 400.
type badRequest string

func (e badRequest) Error() string { return string(e) }

// api wraps an answer into a handler: it reads the query (terms= and the
// allowed parameters), runs the answer
// and writes it as one line of JSON, or the error as {"error": "..."} with
// its status (400 bad input, 503 busy, 500 otherwise).
func (s *Server) api(answer func(context.Context, *query) (any, error), allowed ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		q, err := parseQuery(r.URL.RawQuery, s.lim, allowed...)
		var v any
		if err == nil {
			v, err = answer(r.Context(), q)
		}
		if err != nil && r.Context().Err() != nil {
			return // the client went away: nobody to answer
		}
		status := http.StatusOK
		var bad badRequest
		switch {
		case errors.As(err, &bad):
			status = http.StatusBadRequest
		case errors.Is(err, errBusy):
			status = http.StatusServiceUnavailable
			w.Header().Set("Retry-After", "1")
		case err != nil:
			status = http.StatusInternalServerError
		}
		if err != nil {
			v = map[string]string{"error": err.Error()}
		}
		line, jerr := predict.JSONLine(v)
		if jerr != nil { // only a NaN or an infinity could fail
			status = http.StatusInternalServerError
			line, _ = predict.JSONLine(map[string]string{"error": fmt.Sprintf("encoding the answer: %v", jerr)})
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("Server-Timing", fmt.Sprintf("answer;dur=%.1f", float64(time.Since(start).Microseconds())/1000))
		w.WriteHeader(status)
		_, _ = w.Write(line)
	}
}
