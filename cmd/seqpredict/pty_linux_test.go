package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openPTY opens a pseudo-terminal: the command gets the terminal end, the
// test reads what it shows from the other (Linux's /dev/ptmx).
func openPTY(t *testing.T) (master, term *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	var n uint32
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Skipf("no pseudo-terminal: %v", e)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Skipf("no pseudo-terminal: %v", e)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// terminalLog collects what a terminal shows, with the time of each read.
type terminalLog struct {
	mu    sync.Mutex
	data  []byte
	first time.Time // when something showed first
}

func (l *terminalLog) read(m *os.File) {
	buf := make([]byte, 1<<16)
	for {
		n, err := m.Read(buf)
		l.mu.Lock()
		if n > 0 && l.first.IsZero() {
			l.first = time.Now()
		}
		l.data = append(l.data, buf[:n]...)
		l.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// lines renders the log as a terminal shows it line by line: "\r" goes
// back to the start of the line, ESC[K erases it.
func (l *terminalLog) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	var cur []byte
	data := bytes.ReplaceAll(l.data, []byte("\r\n"), []byte("\n")) // the terminal's newline
	for i := 0; i < len(data); i++ {
		switch {
		case bytes.HasPrefix(data[i:], []byte("\x1b[K")):
			cur, i = cur[:0], i+2
		case data[i] == '\r':
			cur = cur[:0]
		case data[i] == '\n':
			out, cur = append(out, string(cur)), cur[:0]
		default:
			cur = append(cur, data[i])
		}
	}
	return append(out, string(cur))
}

// On a terminal the progress bar shows within a second, even while a
// large compressed input is still being counted, and never shares a line
// with a record or a message written to the same terminal; --quiet has no
// bar.
func TestProgressBarOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	big := gzipLines(t, t.TempDir(), 140_000)
	for _, quiet := range []bool{false, true} {
		master, term := openPTY(t)
		var log terminalLog
		go log.read(master)
		args := []string{"batch", "--shard", "0/2000", "--max-bits", "24", "--jobs", "4", big}
		if quiet {
			args = append(args, "--quiet")
		}
		cmd := asProcess(args...)
		cmd.Stdout, cmd.Stderr = term, term
		start := time.Now()
		require.NoError(t, cmd.Run())
		time.Sleep(100 * time.Millisecond) // the last reads
		log.mu.Lock()
		first := log.first.Sub(start)
		raw := string(log.data)
		log.mu.Unlock()
		records, glued := 0, 0
		for _, line := range log.lines() {
			i := strings.Index(line, `{"id":`)
			var v map[string]any
			switch {
			case i == 0 && json.Unmarshal([]byte(line), &v) == nil:
				records++
			case i >= 0:
				glued++
			}
		}
		assert.Equal(t, 70, records, "records (quiet %v)", quiet)
		assert.Zero(t, glued, "records glued to the bar:\n%s", strings.Join(log.lines(), "\n"))
		if quiet {
			assert.NotContains(t, raw, "predicting")
		} else {
			assert.Contains(t, raw, "predicting")
			assert.Less(t, first, time.Second+500*time.Millisecond, "the bar took %v to show", first)
		}
	}
}

// With no terms and a terminal on standard input, the predictor says that
// it reads sequences there, instead of waiting in silence.
func TestHintOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the command as a process")
	}
	master, term := openPTY(t)
	cmd := asProcess("--max-bits", "20")
	cmd.Stdin = term
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Start())
	_, err := master.Write([]byte("2 4 6 8\n\x04")) // a line, then Ctrl-D
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the command did not end at Ctrl-D")
	}
	assert.Equal(t, "seqpredict: reading sequences from standard input, one per line; Ctrl-D ends (seqpredict --help: usage)\n", stderr.String())
	assert.True(t, strings.HasPrefix(stdout.String(), "2 4 6 8:\n10\n"), stdout.String())
}
