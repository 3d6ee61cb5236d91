package serve

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/seqpredict/seqpredict/explain"
	"github.com/seqpredict/seqpredict/fit"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// testPredict is the predictor of these tests: the search with two of the
// command's fitters, enough for the sequences here.
func testPredict() predict.Options {
	return predict.Options{Fitters: []predict.Fitter{fit.Polynomial, fit.Linear}, Search: search.Options{Workers: 1}}
}

func newServer(t testing.TB, lim Limits) *Server {
	t.Helper()
	s, err := New(Options{Predict: testPredict(), Limits: lim})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get answers one request and returns its status, headers and body.
func get(t testing.TB, h http.Handler, target string) (int, http.Header, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return rec.Code, rec.Header(), rec.Body.String()
}

// getJSON answers one request that must succeed and decodes its body.
func getJSON(t *testing.T, h http.Handler, target string, v any) {
	t.Helper()
	code, hdr, body := get(t, h, target)
	if code != http.StatusOK {
		t.Fatalf("%s: status %d: %s", target, code, body)
	}
	if ct := hdr.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s: Content-Type %q", target, ct)
	}
	if strings.Count(body, "\n") != 1 || !strings.HasSuffix(body, "\n") {
		t.Errorf("%s: the answer is not one line: %q", target, body)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("%s: %v: %s", target, err, body)
	}
}

func TestPage(t *testing.T) {
	s := newServer(t, Limits{})
	code, hdr, body := get(t, s, "/?terms=1,1,2,3,5,8")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/html") {
		t.Fatalf("page: status %d, %q", code, hdr.Get("Content-Type"))
	}
	for _, want := range []string{`<input id="terms"`, `src="/static/app.js"`, `href="/static/style.css"`,
		`data-tie-factor="1.25"`, `data-max-terms="64"`, `id="reveal-toggle"`, `id="step"`, `id="slider"`, `id="guess-form"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	gallery, err := Gallery()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range gallery {
		if !strings.Contains(body, `data-terms="`+ex.Terms+`"`) {
			t.Errorf("the page lacks the example %q", ex.Title)
		}
	}
	if !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Errorf("no content security policy: %q", hdr.Get("Content-Security-Policy"))
	}
	// Nothing comes from elsewhere: the page works offline.
	if refersElsewhere(body) {
		t.Error("the page loads something from another site")
	}
	for path, ctype := range map[string]string{"/static/app.js": "text/javascript", "/static/style.css": "text/css"} {
		code, hdr, body := get(t, s, path)
		if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), ctype) || len(body) < 1000 {
			t.Errorf("%s: status %d, %q, %d bytes", path, code, hdr.Get("Content-Type"), len(body))
		}
		if refersElsewhere(body) {
			t.Errorf("%s loads something from another site", path)
		}
	}
	for _, path := range []string{"/static/", "/static/nothing.js", "/nothing", "/api/nothing"} {
		if code, _, _ := get(t, s, path); code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, code)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/api/predict?terms=1,2", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d, want 405", rec.Code)
	}
}

// refersElsewhere reports whether a page or asset loads anything that is
// not its own (an SVG's namespace is a name, not a load).
func refersElsewhere(text string) bool {
	for _, s := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "url(http", "url(//", "@import", "fetch('http", "fetch(\"http"} {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

func TestGalleryExamplesParse(t *testing.T) {
	gallery, err := Gallery()
	if err != nil {
		t.Fatal(err)
	}
	if len(gallery) < 6 {
		t.Fatalf("%d examples", len(gallery))
	}
	lim := Limits{}.withDefaults()
	names := map[string]bool{}
	for _, ex := range gallery {
		if _, err := parseTerms(ex.Terms, lim); err != nil {
			t.Errorf("%s: %v", ex.Name, err)
		}
		if names[ex.Name] {
			t.Errorf("%s twice", ex.Name)
		}
		names[ex.Name] = true
	}
}

// TestPredictAPI checks that /api/predict answers what predict.Report
// gives for the same terms and options (cmd/seqpredict checks it against
// the command's --json byte for byte).
func TestPredictAPI(t *testing.T) {
	s := newServer(t, Limits{})
	for _, target := range []string{"/api/predict?terms=2,4,6,8", "/api/predict?terms=2+4+6+8", "/api/predict?terms=2%2C%204%2C6%208&top=3"} {
		var rep predict.Report
		getJSON(t, s, target, &rep)
		if !rep.Found || len(rep.Predictions) == 0 || rep.Predictions[0].Next[0] != "10" {
			t.Fatalf("%s: %+v", target, rep)
		}
		opts := testPredict()
		opts.Top = defaultTop
		res, err := predict.Predict(context.Background(), []*big.Int{big.NewInt(2), big.NewInt(4), big.NewInt(6), big.NewInt(8)}, opts)
		if err != nil {
			t.Fatal(err)
		}
		want := res.Report()
		want.Stats.ElapsedMS, rep.Stats.ElapsedMS = 0, 0
		a, _ := json.Marshal(rep)
		b, _ := json.Marshal(want)
		if string(a) != string(b) {
			t.Errorf("%s:\n got %s\nwant %s", target, a, b)
		}
	}
	var rep predict.Report
	getJSON(t, s, "/api/predict?terms=-2,5,-4,3&top=1", &rep)
	if len(rep.Programs) > 1 || rep.Terms[0] != "-2" {
		t.Errorf("negative terms, top=1: %+v", rep)
	}
	getJSON(t, s, "/api/predict?terms=4,9,1,7,2,2,6,0,3,8", &rep)
	if rep.Found {
		t.Errorf("digits typed at random: found %+v", rep.Programs)
	}
}

func TestExplainAPI(t *testing.T) {
	s := newServer(t, Limits{})
	var w explain.Walkthrough
	getJSON(t, s, "/api/explain?terms=2,4,6,8&top=5", &w)
	if !w.Found || w.Predictions[0].Next[0] != "10" || len(w.Programs) > 5 || w.Contrived == nil || w.Compression.SavedBits <= 0 {
		t.Errorf("explain 2 4 6 8: %+v", w)
	}
	getJSON(t, s, "/api/explain?terms=1,2,3,5", &w)
	if tied := w.Tied(); len(tied) < 2 {
		t.Errorf("1 2 3 5: no tie in %+v", w.Predictions)
	}
}

func TestGuessAPI(t *testing.T) {
	s := newServer(t, Limits{})
	var w explain.Walkthrough
	getJSON(t, s, "/api/explain?terms=2,4,6,8", &w)
	var g explain.Guess
	getJSON(t, s, "/api/guess?terms=2,4,6,8&next=10", &g)
	// The two probabilities are computed along different roads (2^log2 p
	// and a weight over the normaliser): equal but for rounding.
	if math.Abs(g.Probability-w.Predictions[0].Probability) > 1e-12 || g.Literal || g.Program != w.Programs[0].Program {
		t.Errorf("guess 10: %+v, the answer %+v", g, w.Predictions[0])
	}
	getJSON(t, s, "/api/guess?terms=2,4,6,8&next=-12345678901234567890", &g)
	if !g.Literal || g.Probability <= 0 || g.Probability >= 1e-6 || !strings.HasSuffix(g.Program, "-12345678901234567890]") {
		t.Errorf("guess -12345678901234567890: %+v", g)
	}
	if code, _, body := get(t, s, "/api/guess?terms=2,4,6,8"); code != http.StatusBadRequest || !strings.Contains(body, "no guess given") {
		t.Errorf("no next: %d %s", code, body)
	}
}

// TestBadQueries: every bad query is a 400 with a one-line message.
func TestBadQueries(t *testing.T) {
	s := newServer(t, Limits{})
	for _, tc := range []struct{ target, want string }{
		{"/api/predict", "no terms given"},
		{"/api/predict?terms=", "no terms given"},
		{"/api/predict?terms=,,%20", "no terms given"},
		{"/api/predict?terms=1,x,3", `bad term "x"`},
		{"/api/predict?terms=1.5", `bad term "1.5"`},
		{"/api/predict?terms=--5", `bad term "--5"`},
		{"/api/predict?terms=5-", `bad term "5-"`},
		{"/api/predict?terms=1e9", `bad term "1e9"`},
		{"/api/predict?terms=%EF%BC%91", "not an integer"}, // a full-width digit
		{"/api/predict?terms=" + strings.Repeat("1,", 65), "too many terms: 65, at most 64"},
		{"/api/predict?terms=1," + strings.Repeat("9", 61), "term 2 has 61 digits, at most 60"},
		{"/api/predict?terms=1,2&top=0", "bad top"},
		{"/api/predict?terms=1,2&top=21", "bad top"},
		{"/api/predict?terms=1,2&top=x", "bad top"},
		{"/api/predict?terms=1,2&next=3", `unknown parameter "next"`},
		{"/api/guess?terms=1,2&top=3", `unknown parameter "top"`},
		{"/api/guess?terms=1,2&next=x", "bad next"},
		{"/api/guess?terms=1,2&next=3,4", "bad next: too many terms"},
		{"/api/predict?term=1,2", `unknown parameter "term"`},
		{"/api/predict?terms=1&terms=2", "given 2 times"},
		{"/api/predict?terms=%zz", "bad query string"},
		{"/api/predict?terms=1;2", "bad query string"},
		{"/api/predict?terms=1%0A%0Dx", `bad term "x"`},
		{"/api/predict?terms=" + strings.Repeat("1+", 2100), "query too long"},
	} {
		code, hdr, body := get(t, s, tc.target)
		short := tc.target[:min(len(tc.target), 60)]
		if code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %s", short, code, body)
			continue
		}
		var e struct{ Error string }
		if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s: %q, want %q (%v)", short, body, tc.want, err)
		}
		if strings.Count(body, "\n") != 1 || len(e.Error) > 300 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
			t.Errorf("%s: not a one-line message: %q", short, body)
		}
	}
}

// TestLimits checks each limit option: changing it changes what is
// accepted.
func TestLimits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		lim     Limits
		ok, bad string
	}{
		{"MaxTerms", Limits{MaxTerms: 3}, "terms=1,2,3", "terms=1,2,3,4"},
		{"MaxDigits", Limits{MaxDigits: 3}, "terms=100,200,-300", "terms=100,200,3000"},
		{"MaxDigits of a guess", Limits{MaxDigits: 3}, "terms=1,2,3&next=999", "terms=1,2,3&next=1000"},
		{"MaxTop", Limits{MaxTop: 2}, "terms=1,2,3&top=2", "terms=1,2,3&top=3"},
		{"MaxQuery", Limits{MaxQuery: 20}, "terms=1,2,3,4,5,6,7", "terms=1,2,3,4,5,6,7,8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.lim)
			path := "/api/predict?"
			if strings.Contains(tc.ok, "next=") {
				path = "/api/guess?"
			}
			if code, _, body := get(t, s, path+tc.ok); code != http.StatusOK {
				t.Errorf("%s: status %d: %s", tc.ok, code, body)
			}
			if code, _, body := get(t, s, path+tc.bad); code != http.StatusBadRequest {
				t.Errorf("%s: status %d, want 400: %s", tc.bad, code, body)
			}
		})
	}
}

// TestTimeout: a search that runs out of time answers with what it found,
// and says it was cut short.
func TestTimeout(t *testing.T) {
	s := newServer(t, Limits{Timeout: time.Nanosecond})
	var rep predict.Report
	getJSON(t, s, "/api/predict?terms=4,9,1,7,2,2,6,0,3,8", &rep)
	if rep.Stats.Stopped != string(search.StopCancelled) || !rep.Stats.CutShort {
		t.Errorf("a timeout of 1ns: stopped %q, cut short %v", rep.Stats.Stopped, rep.Stats.CutShort)
	}
}

// TestBudget: the program budget of Options.Predict bounds every search.
func TestBudget(t *testing.T) {
	opts := testPredict()
	opts.Search.MaxPrograms, opts.Search.PatternPrograms = 5000, 5000
	s, err := New(Options{Predict: opts})
	if err != nil {
		t.Fatal(err)
	}
	var rep predict.Report
	getJSON(t, s, "/api/predict?terms=4,9,1,7,2,2,6,0,3,8", &rep)
	if rep.Stats.Candidates > 5000 || rep.Stats.Stopped != string(search.StopMaxPrograms) {
		t.Errorf("a budget of 5000 programs: %d candidates, stopped %q", rep.Stats.Candidates, rep.Stats.Stopped)
	}
}

// TestBusy: with every search slot taken, a request waits QueueWait and
// is answered 503, and gets its answer once a slot is free.
func TestBusy(t *testing.T) {
	s := newServer(t, Limits{MaxSearches: 2, QueueWait: 20 * time.Millisecond})
	s.slots <- struct{}{}
	s.slots <- struct{}{}
	code, hdr, body := get(t, s, "/api/predict?terms=1,2,3")
	if code != http.StatusServiceUnavailable || hdr.Get("Retry-After") == "" || !strings.Contains(body, "busy") {
		t.Errorf("all slots taken: status %d, Retry-After %q: %s", code, hdr.Get("Retry-After"), body)
	}
	<-s.slots
	if code, _, body := get(t, s, "/api/predict?terms=1,2,3"); code != http.StatusOK {
		t.Errorf("a slot free: status %d: %s", code, body)
	}
	if len(s.slots) != 1 {
		t.Errorf("%d slots taken after the request, want 1", len(s.slots))
	}
}

// TestClientGone: when the client goes away, its search is cancelled
// through the request's context and its slot is freed, long before the
// search's own budget or timeout would end it.
func TestClientGone(t *testing.T) {
	opts := testPredict()
	opts.Search.MaxPrograms, opts.Search.PatternPrograms = 1<<40, 1<<40
	s, err := New(Options{Predict: opts, Limits: Limits{Timeout: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+"/api/predict?terms="+url.QueryEscape("4 9 1 7 2 2 6 0 3 8 5 1"), nil)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		done <- err
	}()
	waitFor(t, "the search to start", func() bool { return len(s.slots) == 1 })
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the request was answered before it was cancelled")
	}
	waitFor(t, "the search to stop", func() bool { return len(s.slots) == 0 })
}

// waitFor polls cond for up to 30 seconds (a bound far above what it
// needs, and far below the hour the searches here would take).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestServeShutsDown(t *testing.T) {
	s := newServer(t, Limits{})
	ts := httptest.NewUnstartedServer(nil)
	ln := ts.Listener
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/api/predict?terms=1,2,3")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// BenchmarkAPI answers 2 4 6 8 through the handler, as the page asks
// for it (/api/explain, top=8) and as --json gives it (/api/predict).
func BenchmarkAPI(b *testing.B) {
	s := newServer(b, Limits{})
	for _, target := range []string{"/api/predict?terms=2,4,6,8", "/api/explain?terms=2,4,6,8&top=8"} {
		b.Run(strings.TrimPrefix(target[:strings.Index(target, "?")], "/api/"), func(b *testing.B) {
			for b.Loop() {
				if code, _, body := get(b, s, target); code != http.StatusOK {
					b.Fatalf("status %d: %s", code, body)
				}
			}
		})
	}
}
