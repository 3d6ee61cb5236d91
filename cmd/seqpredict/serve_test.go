package main

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"
)

// serverLike builds the server as `seqpredict serve ARGS` would.
func serverLike(t *testing.T, args ...string) http.Handler {
	t.Helper()
	fs := newFlagSet("seqpredict serve")
	var f serveFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if err := f.validate(); err != nil {
		t.Fatal(err)
	}
	s, err := f.server()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// dropElapsed removes the one figure that differs from run to run.
func dropElapsed(t *testing.T, js string) string {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatalf("%v: %s", err, js)
	}
	if stats, ok := v["stats"].(map[string]any); ok {
		delete(stats, "elapsed_ms")
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestServeAnswersAsTheCommand: the API answers what --json and
// explain --json print for the same terms and budget.
func TestServeAnswersAsTheCommand(t *testing.T) {
	h := serverLike(t, "--workers", "1", "--timeout", "1h")
	for _, tc := range []struct {
		args   []string
		target string
	}{
		{[]string{"--json", "--workers", "1", "--timeout", "1h", "2", "4", "6", "8"}, "/api/predict?terms=2,4,6,8"},
		{[]string{"--json", "--workers", "1", "--timeout", "1h", "--top", "5", "1", "1", "2", "3", "5", "8"}, "/api/predict?terms=1+1+2+3+5+8&top=5"},
		{[]string{"--json", "--workers", "1", "--timeout", "1h", "4", "9", "1", "7", "2", "2", "6", "0", "3", "8"}, "/api/predict?terms=4,9,1,7,2,2,6,0,3,8"},
		{[]string{"explain", "--json", "--workers", "1", "--timeout", "1h", "2", "4", "6", "8"}, "/api/explain?terms=2,4,6,8"},
		{[]string{"explain", "--json", "--workers", "1", "--timeout", "1h", "--top", "8", "1", "2", "3", "5"}, "/api/explain?terms=1,2,3,5&top=8"},
	} {
		_, want, _ := runCmd(t, "", tc.args...)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.target, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d: %s", tc.target, rec.Code, rec.Body)
		}
		if got := rec.Body.String(); dropElapsed(t, got) != dropElapsed(t, want) {
			t.Errorf("%s:\n got %s\nwant %s", tc.target, got, want)
		}
	}
}

func TestServeUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--bogus"},
		{"serve", "2", "4", "6"},
		{"serve", "--max-terms", "0"},
		{"serve", "--max-digits", "-1"},
		{"serve", "--max-searches", "0"},
		{"serve", "--timeout", "0s"},
		{"serve", "--max-programs", "0"},
		{"serve", "--addr", "no-such-host.invalid:99999"},
	} {
		code, stdout, stderr := runCmd(t, "", args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
		if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "seqpredict: serve: ") {
			t.Errorf("%q: want one error line on stderr, got stdout %q, stderr %q", args, stdout, stderr)
		}
	}
	code, stdout, _ := runCmd(t, "", "serve", "--help")
	if code != exitOK || !strings.Contains(stdout, "--addr") || !strings.Contains(stdout, "--max-searches") {
		t.Errorf("serve --help: exit %d:\n%s", code, stdout)
	}
}

// TestServeRuns starts the command on a free port, opens the page it
// names and stops it as Ctrl-C would.
func TestServeRuns(t *testing.T) {
	outR, outW := io.Pipe()
	var stderr strings.Builder
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"serve", "--addr", "127.0.0.1:0"}, strings.NewReader(""), outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	if err != nil {
		t.Fatalf("no address printed: %v (stderr %q)", err, stderr.String())
	}
	i := strings.Index(line, "http://127.0.0.1:")
	if i < 0 {
		t.Fatalf("the address printed is not local: %q", line)
	}
	url := strings.Fields(line[i:])[0]
	resp, err := http.Get(url + "?terms=2,4,6,8")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `id="terms"`) {
		t.Errorf("the page: status %d", resp.StatusCode)
	}
	// The command listens for the interrupt once it has printed the
	// address: this stops it, not the test.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d after Ctrl-C: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop on Ctrl-C")
	}
}
