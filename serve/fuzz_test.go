package serve

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzQuery: no query string makes the parser panic, break a limit, or
// answer with more than one line; run it with
//
//	go test -run '^$' -fuzz FuzzQuery ./serve/
func FuzzQuery(f *testing.F) {
	for _, seed := range []string{
		"terms=2,4,6,8", "terms=2+4+6+8&top=5", "terms=1,1,2,3,5,8&next=13", "terms=-2,%2B5,-4",
		"terms=", "", "terms=%zz", "terms=1;2", "terms=1&terms=2", "top=3", "terms=1,x", "terms=--5",
		"terms=" + strings.Repeat("9", 70), "terms=1%0A2", "next=99999999999999999999&terms=1", "terms=%EF%BC%91",
	} {
		f.Add(seed)
	}
	lim := Limits{MaxQuery: 512, MaxTerms: 8, MaxDigits: 12, MaxTop: 5}.withDefaults()
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := parseQuery(raw, lim, "top", "next")
		if err != nil {
			var bad badRequest
			if !errors.As(err, &bad) {
				t.Fatalf("%q: an error that is not a bad request: %v", raw, err)
			}
			if msg := err.Error(); msg == "" || strings.ContainsAny(msg, "\n\r") || len(msg) > 300 {
				t.Fatalf("%q: not a one-line message: %q", raw, msg)
			}
			return
		}
		if len(q.terms) == 0 || len(q.terms) > lim.MaxTerms {
			t.Fatalf("%q: %d terms", raw, len(q.terms))
		}
		for _, x := range append(q.terms, q.next) {
			if x != nil && len(strings.TrimPrefix(x.String(), "-")) > lim.MaxDigits {
				t.Fatalf("%q: a term of %d digits", raw, len(x.String()))
			}
		}
		if q.top < 1 || q.top > lim.MaxTop {
			t.Fatalf("%q: top %d", raw, q.top)
		}
	})
}

// TestHandlerNoPanic sends the fuzz seeds, and queries no parser would
// accept, through the whole handler: every answer is a status with one
// line of JSON, never a panic.
func TestHandlerNoPanic(t *testing.T) {
	s := newServer(t, Limits{MaxTerms: 6, Timeout: 0})
	for _, raw := range []string{
		"terms=%00", "terms=%ff%fe", "terms=1,2&top=-1", "terms=1,2&top=99999999999999999999",
		"%", "=", "&&&", "terms", "terms=+", "terms=-", "terms=%2B%2B1", "terms=0x10", "terms=1_000",
		"terms=" + strings.Repeat("%", 100),
	} {
		for _, path := range []string{"/api/predict?", "/api/explain?", "/api/guess?"} {
			code, _, body := get(t, s, path+raw)
			if code != http.StatusBadRequest || strings.Count(body, "\n") != 1 {
				t.Errorf("%s%s: status %d: %q", path, raw, code, body)
			}
		}
	}
}
