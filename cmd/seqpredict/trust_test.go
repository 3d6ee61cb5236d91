package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The tests here run the command as users do, each checking one item of
// "nothing lost, nothing silently changed" (issue 11). Some need a real
// process (signals, memory, time): they run this test binary as the
// command (TestMain).

// mainEnv makes the test binary run the command instead of the tests.
const mainEnv = "SEQPREDICT_TEST_MAIN"

func TestMain(m *testing.M) {
	switch os.Getenv(mainEnv) {
	case "1":
		main()
	case "peak":
		os.Exit(peak())
	}
	os.Exit(m.Run())
}

// peak runs the command in a child process and appends its peak memory
// ("peak-kib N") to standard error. A process started by the test binary
// itself would report the test binary's own peak: Linux keeps the peak of
// the memory a process had before exec, which for a child of a Go
// program (started with CLONE_VM) is its parent's.
func peak() int {
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	_ = cmd.Run()
	fmt.Fprintf(os.Stderr, "peak-kib %d\n", cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
	return cmd.ProcessState.ExitCode()
}

// asProcess returns the command as a process.
func asProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}

// oneLine checks a usage error: exit 2, one line on stderr, its text.
func oneLine(t *testing.T, code int, stderr, want string) {
	t.Helper()
	assert.Equal(t, exitUsage, code, "exit status; stderr %q", stderr)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line: %q", stderr)
	assert.Contains(t, stderr, want)
}

func TestEmptyFieldIsBadTerm(t *testing.T) {
	for _, args := range [][]string{{"1,,4,9"}, {"1,", ",", "4"}, {"1, ,4"}} {
		code, out, errOut := runCmd(t, "", args...)
		assert.Empty(t, out)
		oneLine(t, code, errOut, `bad term "": an empty field between two commas`)
	}
	in := batchFile(t, t.TempDir(), "in.txt", "A1 ,1,2,3,4,\n1,2,,4\nA3 2,4,6,8\n")
	code, out, errOut := runBatchCmd(t, "", in)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, []string{"A1", "A3"}, ids(parseBatchLines(t, out)))
	assert.Contains(t, errOut, in+`:2: bad term ""`)
}

func TestByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "bom.txt", "\ufeffA000027 ,1,2,3,4,5,\n")
	code, out, errOut := runBatchCmd(t, "", in)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, []string{"A000027"}, ids(parseBatchLines(t, out)))
	code, out, _ = runCmd(t, "\ufeff2 4 6 8\n", "--max-bits", "20")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "2 4 6 8:\n10\n"), out)
}

func TestBinaryInputRefused(t *testing.T) {
	dir := t.TempDir()
	exe, err := os.ReadFile(os.Args[0])
	require.NoError(t, err)
	bin := batchFile(t, dir, "prog", string(exe[:200000]))
	gz := batchFile(t, dir, "prog.gz", string(exe[:200000]))
	latin1 := batchFile(t, dir, "latin1.txt", "A1 1 2 3 caf\xe9\n")
	for _, name := range []string{bin, gz, latin1} {
		code, out, errOut := runBatchCmd(t, "", name)
		assert.Empty(t, out)
		oneLine(t, code, errOut, "seqpredict: batch: cannot read "+name+": not a text file")
	}
	code, out, errOut := runCmd(t, string(exe[:5000]))
	assert.Empty(t, out)
	oneLine(t, code, errOut, "cannot read stdin: not a text file")
}

func TestOverlongLineSkipped(t *testing.T) {
	dir := t.TempDir()
	long := "A2 " + strings.Repeat("1,", 600_000) + "1"
	in := batchFile(t, dir, "in.txt", "A1 2 4 6 8\n"+long+"\nA3 1 3 5 7\n")
	code, out, errOut := runBatchCmd(t, "", in)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, []string{"A1", "A3"}, ids(parseBatchLines(t, out)))
	assert.Contains(t, errOut, in+":2: line longer than 1048576 bytes: skipped")
	assert.Contains(t, errOut, "bad lines 1")

	code, out, errOut = runCmd(t, "2 4 6 8\n"+long+"\n1 3 5 7\n", "--max-bits", "20", "--json")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, 3, strings.Count(out, "\n"), "two answers and an error object")
	assert.Contains(t, errOut, "line 2: line longer than")
}

// The output is never one of the inputs, whatever its name; a file that
// is not seqpredict's output is never resumed into.
func TestBatchNeverDestroysAFile(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "in.txt", "1 2 3\n4 5 6\n")
	link := filepath.Join(dir, "hard")
	require.NoError(t, os.Link(in, link))
	for _, args := range [][]string{{"--out", in, in}, {"-o", link, in}, {"--out", in, "--resume", in}, {"--summary", in, in}} {
		code, _, errOut := runBatchCmd(t, "", args...)
		oneLine(t, code, errOut, "is the input "+in+": refusing to overwrite it")
		data, _ := os.ReadFile(in)
		assert.Equal(t, "1 2 3\n4 5 6\n", string(data))
	}
	exe, _ := os.ReadFile(os.Args[0])
	for name, content := range map[string]string{
		"config.json": `{"threads": 4}`,
		"notes.txt":   "call Ada\nbuy milk\n",
		"binary":      string(exe[:3000]),
		"stray.jsonl": `{"id":"A000079","input":{"file":0,"line":1},"error":"x"}` + "\nA000079\tjunk\n",
	} {
		path := batchFile(t, dir, name, content)
		code, stdout, errOut := runBatchCmd(t, "", "--resume", "--out", path, in)
		assert.Empty(t, stdout)
		oneLine(t, code, errOut, "is not seqpredict batch output, left as it is")
		after, _ := os.ReadFile(path)
		assert.Equal(t, content, string(after), "%s changed", name)
	}
}

// Files that cannot be read, and output paths that cannot be written, are
// reported at once, the same way, before any search.
func TestEarlyFileErrors(t *testing.T) {
	dir := t.TempDir()
	in := batchFile(t, dir, "in.txt", "1 2 3\n")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "missing")}, "seqpredict: batch: cannot read " + filepath.Join(dir, "missing") + ": no such file or directory"},
		{[]string{dir}, "seqpredict: batch: cannot read " + dir + ": is a directory"},
		{[]string{in, dir}, "seqpredict: batch: cannot read " + dir + ": is a directory"},
		{[]string{"--out", dir, in}, "seqpredict: batch: --out " + dir + ": is a directory"},
		{[]string{"--out", filepath.Join(dir, "no/such/out"), in}, "--out " + filepath.Join(dir, "no/such/out") + ": no such file or directory"},
		{[]string{"--summary", filepath.Join(dir, "no/such/sum"), in}, "--summary " + filepath.Join(dir, "no/such/sum") + ": no such file or directory"},
	} {
		code, out, errOut := runBatchCmd(t, "", c.args...)
		assert.Empty(t, out)
		oneLine(t, code, errOut, c.want)
		assert.NotContains(t, errOut, "sequences", "no summary: nothing ran")
	}
	code, out, errOut := runCmd(t, "", "explain", "--plot", filepath.Join(dir, "no/such.png"), "1", "2", "3")
	assert.Empty(t, out)
	oneLine(t, code, errOut, "seqpredict: explain: --plot "+filepath.Join(dir, "no/such.png")+": no such file or directory")
	// A plot that fails only when it is written (a full disk: /dev/full)
	// still leaves the explanation printed.
	if _, err := os.Stat("/dev/full"); err == nil {
		full := filepath.Join(dir, "full.png")
		require.NoError(t, os.Symlink("/dev/full", full))
		code, out, errOut := runCmd(t, "", "explain", "--max-bits", "20", "--plot", full, "2", "4", "6", "8")
		assert.Contains(t, out, "a(n) = n + n")
		oneLine(t, code, errOut, "seqpredict: explain: writing the plot: ")
	}
}

func TestHelpAndCommands(t *testing.T) {
	code, out, _ := runCmd(t, "", "help")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "Commands:")
	for _, c := range commands {
		assert.Contains(t, out, "  "+c.name+" ")
	}
	for _, name := range []string{"batch", "explain"} {
		code, out, _ := runCmd(t, "", "help", name)
		assert.Equal(t, exitOK, code)
		assert.Contains(t, out, "seqpredict "+name)
	}
	for args, want := range map[string]string{
		"bach f":     `unknown command "bach" (did you mean batch?)`,
		"explian 1":  `unknown command "explian" (did you mean explain?)`,
		"hlep":       `unknown command "hlep" (did you mean help?)`,
		"frobnicate": `unknown command "frobnicate" (try: seqpredict help)`,
		"help bach":  `help: unknown command "bach" (did you mean batch?)`,
	} {
		code, out, errOut := runCmd(t, "", strings.Fields(args)...)
		assert.Empty(t, out)
		oneLine(t, code, errOut, want)
	}
}

// "-" reads standard input, whose lines may be in any of batch's formats.
func TestPredictorStdin(t *testing.T) {
	in := "# squares\nid\tterms\tanswer\nA000290 ,0,1,4,9,16,25,\nP1\t2,4,6,8\t10\n3 5 7 9\n"
	code, out, errOut := runCmd(t, in, "-", "--json", "--max-bits", "20")
	require.Equal(t, exitOK, code, errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 3, out)
	for i, want := range []struct{ id, next string }{{"A000290", "36"}, {"P1", "10"}, {"", "11"}} {
		var rep struct {
			ID          string `json:"id"`
			Predictions []struct{ Next []string }
		}
		require.NoError(t, json.Unmarshal([]byte(lines[i]), &rep))
		assert.Equal(t, want.id, rep.ID)
		assert.Equal(t, want.next, rep.Predictions[0].Next[0])
	}
	code, out, _ = runCmd(t, "A000290 ,0,1,4,9,16,25,\n", "-", "--max-bits", "20")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "A000290:\n36\n"), out)
	code, _, errOut = runCmd(t, "", "-", "1")
	oneLine(t, code, errOut, `bad term "-"`)
}

// Long random inputs, which no program explains, still give valid JSON:
// the three lines of testdata/random-long.txt (uniform in -1000..1000,
// from a seeded generator) printed nothing with --json, exit status 1,
// when the estimate of the unseen mass underflowed to 0/0.
func TestLongRandomInputsGiveJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("three full searches")
	}
	data, err := os.ReadFile("testdata/random-long.txt")
	require.NoError(t, err)
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		args := append([]string{"--json", "--timeout", "60s"}, strings.Fields(line)...)
		code, out, errOut := runCmd(t, "", args...)
		require.Contains(t, []int{exitOK, exitNoPattern}, code, errOut)
		var v struct {
			Predictions []struct{ Probability float64 }
			Unseen      *float64 `json:"unseen_probability"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &v), "%q", out)
		require.NotNil(t, v.Unseen)
	}
	// And in batch, where they were error records.
	in := batchFile(t, t.TempDir(), "in.txt", string(data))
	code, out, errOut := runCmd(t, "", "batch", "--timeout", "60s", in)
	require.Equal(t, exitOK, code, errOut)
	assert.Len(t, parseBatchLines(t, out), 3)
	assert.NotContains(t, out, `"error"`)
}

// Ctrl-C ends the predictor and batch promptly, with status 130, after
// writing what is finished.
func TestInterrupt(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	fib := fibonacci(100, 121)
	dir := t.TempDir()
	var lines strings.Builder
	for i := range 40 {
		fmt.Fprintf(&lines, "F%d %s\n", i, strings.Join(fib, " "))
	}
	in := batchFile(t, dir, "in.txt", "A1 2 4 6 8\n"+lines.String())
	out := filepath.Join(dir, "out.jsonl")
	for _, args := range [][]string{
		append([]string{"--timeout", "60s", "--max-programs", "1000000000"}, fib...),
		{"batch", "--jobs", "1", "--timeout", "60s", "--max-programs", "1000000000", "--out", out, in},
	} {
		cmd := asProcess(args...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Start())
		time.Sleep(time.Second)
		sent := time.Now()
		require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
		err := cmd.Wait()
		took := time.Since(sent)
		code := cmd.ProcessState.ExitCode()
		assert.Equal(t, exitInterrupt, code, "%v: %v\n%s", args[0], err, stderr.String())
		assert.Less(t, took, 5*time.Second, "Ctrl-C took effect after %v", took)
		if args[0] == "batch" {
			data, _ := os.ReadFile(out)
			got := ids(parseBatchLines(t, string(data)))
			assert.Equal(t, []string{"A1"}, got, "the finished record, only")
			assert.Contains(t, stderr.String(), "interrupted")
		} else {
			assert.Contains(t, stdout.String(), "cut short by the timeout or an interrupt")
		}
	}
}

func fibonacci(from, to int) []string {
	a, b := big.NewInt(0), big.NewInt(1)
	var out []string
	for i := range to {
		if i >= from {
			out = append(out, a.String())
		}
		a, b = b, new(big.Int).Add(a, b)
	}
	return out
}

// --timeout bounds the whole run: big-integer checks and reading the
// terms included (overshoot at most 10% or 0.5 s; measured in a process,
// on a loaded machine, with a second of slack).
func TestTimeoutBoundsTheRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process, for seconds")
	}
	long := strings.Repeat("7", 99_999)
	bigTerms := []string{"1" + long, "2" + long, "3" + long, "4" + long, "5" + long}
	for _, args := range [][]string{
		append([]string{"--timeout", "2s"}, fibonacci(100, 121)...),
		append([]string{"--timeout", "1s"}, bigTerms...),
	} {
		start := time.Now()
		cmd := asProcess(args...)
		outb, err := cmd.CombinedOutput()
		took := time.Since(start)
		timeout, _ := time.ParseDuration(args[1])
		assert.Less(t, took, timeout+max(timeout/10, 500*time.Millisecond)+time.Second, "%v", err)
		assert.NotContains(t, string(outb), "panic")
	}
	code, out, errOut := runCmd(t, "", "1", "2", strings.Repeat("9", 100_001))
	assert.Empty(t, out)
	oneLine(t, code, errOut, "term of 100001 digits: at most 100000 are read")
}

// --max-memory bounds the process's peak, also for inputs whose search
// would need far more: 3n+1 at 1,000, 10,000 and 100,000 terms (10,000
// crashed with one 25.6 GB allocation).
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process, for seconds")
	}
	// On standard input, and as arguments (one prediction, which runs
	// with fewer garbage collections: oneGCPercent).
	for _, c := range []struct {
		terms, mib int
		args       bool
	}{{1000, 48, false}, {10_000, 48, false}, {100_000, 48, false}, {1000, 128, false}, {10_000, 128, false}, {1000, 48, true}, {1000, 128, true}} {
		var b strings.Builder
		for i := range c.terms {
			fmt.Fprintf(&b, "%d,", 3*i+1)
		}
		cmd := asProcess("--max-memory", fmt.Sprint(c.mib), "--timeout", "5s", "--json")
		if c.args {
			cmd.Args = append(cmd.Args, strings.TrimSuffix(b.String(), ","))
		} else {
			cmd.Stdin = strings.NewReader(b.String() + "\n")
		}
		cmd.Env = append(cmd.Env, mainEnv+"=peak")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.Contains(t, []int{exitOK, exitNoPattern}, cmd.ProcessState.ExitCode(), "%d terms: %v", c.terms, err)
		var rep struct{ Stats struct{ Stopped string } }
		require.NoError(t, json.Unmarshal(out, &rep))
		var peak int64
		_, err = fmt.Sscanf(stderr.String()[strings.LastIndex(stderr.String(), "peak-kib"):], "peak-kib %d", &peak)
		require.NoError(t, err, stderr.String())
		peak <<= 10 // KiB on Linux
		assert.LessOrEqual(t, peak, int64(c.mib)<<20, "%d terms with --max-memory %d: peak %d MiB (stopped: %s)", c.terms, c.mib, peak>>20, rep.Stats.Stopped)
		t.Logf("%d terms (arguments: %v), --max-memory %d: peak %.1f MiB, stopped %s", c.terms, c.args, c.mib, float64(peak)/(1<<20), rep.Stats.Stopped)
	}
}

// TestMemoryBoundShared: a batch whose lines have many lengths fills the
// cache of the banks that do not depend on the terms with the banks of
// each length in turn; the process stays within --max-memory.
func TestMemoryBoundShared(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process, for seconds")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for i := range 24 {
		fmt.Fprintf(&b, "R%d ,", i)
		for range 20 + i { // 20 to 43 terms, which no short program explains
			fmt.Fprintf(&b, "%d,", rng.IntN(1000))
		}
		b.WriteString("\n")
	}
	in := batchFile(t, t.TempDir(), "in.txt", b.String())
	for _, mib := range []int{64, 128} {
		cmd := asProcess("batch", "--max-memory", fmt.Sprint(mib), "--jobs", "2", "-q", in)
		cmd.Env = append(cmd.Env, mainEnv+"=peak")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		require.NoError(t, err, stderr.String())
		require.Len(t, parseBatchLines(t, string(out)), 24)
		var peak int64
		_, err = fmt.Sscanf(stderr.String()[strings.LastIndex(stderr.String(), "peak-kib"):], "peak-kib %d", &peak)
		require.NoError(t, err, stderr.String())
		peak <<= 10
		assert.LessOrEqual(t, peak, int64(mib)<<20, "--max-memory %d: peak %d MiB", mib, peak>>20)
		t.Logf("--max-memory %d: peak %.1f MiB", mib, float64(peak)/(1<<20))
	}
}

// gzipLines writes n OEIS-style lines, gzipped.
func gzipLines(t *testing.T, dir string, n int) string {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := range n {
		fmt.Fprintf(zw, "A%06d ,%d,%d,%d,%d,%d,%d,%d,%d,\n", i, i, 2*i, 3*i, 4*i, 5*i, 6*i, 7*i, 8*i)
	}
	zw.Close()
	path := filepath.Join(dir, "big.gz")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path
}
