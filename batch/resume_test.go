package batch

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// records returns real records: JSON or TSV lines of outcomes at the keys
// given, with error records where err is set.
func records(t *testing.T, format string, keys []Key, failed map[Key]bool) string {
	t.Helper()
	o := outcome(t, ints(2, 4, 6, 8), nil)
	var b strings.Builder
	if format == "tsv" {
		b.WriteString(TSVHeader)
	}
	for i, k := range keys {
		o := *o
		o.ID, o.Key, o.Err = "A"+itoa(i), k, nil
		if failed[k] {
			o.Err = errors.New("the prediction failed")
		}
		if format == "tsv" {
			b.Write(o.TSVLine())
		} else {
			b.Write(o.JSONLine())
		}
	}
	return b.String()
}

func TestReadOutput(t *testing.T) {
	keys := []Key{{0, 1}, {0, 2}, {1, 1}}
	json := records(t, "json", keys, map[Key]bool{{0, 2}: true})
	tsv := records(t, "tsv", keys, map[Key]bool{{0, 2}: true})
	firstJSON := json[:strings.Index(json, "\n")+1]
	tests := []struct {
		name, content string
		format        string
		done, errors  int
		size          int // of the complete lines; -1: all
		bad           string
	}{
		{name: "empty", content: "", size: -1},
		{name: "json", content: json, format: "json", done: 2, errors: 1, size: -1},
		{name: "tsv", content: tsv, format: "tsv", done: 2, errors: 1, size: -1},
		{name: "json, half a line", content: json + firstJSON[:20], format: "json", done: 2, errors: 1, size: len(json)},
		{name: "tsv, half a line", content: tsv + "A9\t1", format: "tsv", done: 2, errors: 1, size: len(tsv)},
		{name: "half a header", content: TSVHeader[:5], size: 0},
		{name: "half a first record", content: firstJSON[:9], size: 0},
		{name: "a JSON config without a newline", content: `{"a":1}`, bad: "not the beginning of a record"},
		{name: "a JSON config", content: "{\"a\":1}\n", bad: "without an id"},
		{name: "notes", content: "remember the milk\n", bad: "neither a JSON record nor the TSV header"},
		{name: "notes without a newline", content: "remember the milk", bad: "not the beginning of a record"},
		{name: "binary", content: "\x7fELF\x02\x01\x01\x00\x00\x00", bad: "not the beginning"},
		{name: "a stray TSV line", content: tsv + "A000079\tjunk\n", bad: "2 columns"},
		{name: "a NUL line", content: tsv + "\x00\x00\n", bad: "not text"},
		{name: "a NUL line in JSON", content: json + "\x00\n", bad: "not a JSON record"},
		{name: "a blank line", content: json + "\n", bad: "not a JSON record"},
		{name: "garbage after a record", content: strings.TrimSuffix(firstJSON, "\n") + "x\n", bad: "not a JSON record"},
		{name: "an old record without its key", content: "{\"id\":\"A1\",\"terms\":[\"1\"],\"found\":true,\"predictions\":[],\"stats\":{}}\n", bad: "without its input key"},
		{name: "an old TSV header", content: "id\tnext\tprobability\tprogram\tbits\tcorrect\nP1\t3\t1\ta(n) = n\t5\tright\n", bad: "neither"},
		{name: "a record twice", content: json + firstJSON, bad: "a second record"},
		{name: "a bad verdict", content: TSVHeader + "P1\t3\t1\ta(n) = n\t5\tmaybe\t0\t1\n", bad: "unknown verdict"},
		{name: "a bad key", content: TSVHeader + "P1\t3\t1\ta(n) = n\t5\tright\t0\t0\n", bad: "input key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out")
			os.WriteFile(path, []byte(tt.content), 0o644)
			ex, err := ReadOutput(path)
			if after, _ := os.ReadFile(path); string(after) != tt.content {
				t.Fatalf("ReadOutput changed the file")
			}
			if tt.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tt.bad) {
					t.Errorf("err %v, want %q", err, tt.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			size := tt.size
			if size < 0 {
				size = len(tt.content)
			}
			if ex.Format != tt.format || len(ex.Done) != tt.done || ex.Errors != tt.errors || ex.Size != int64(size) {
				t.Errorf("%+v, want format %q, %d done, %d errors, size %d", ex, tt.format, tt.done, tt.errors, size)
			}
			if err := DropPartial(path, ex); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.ReadFile(path); string(after) != tt.content[:size] {
				t.Errorf("after DropPartial: %q", after)
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "missing")
	if ex, err := ReadOutput(missing); err != nil || !ex.Empty || len(ex.Done) != 0 {
		t.Errorf("a missing file: %+v %v", ex, err)
	}
}

// FuzzReadOutput: whatever the file holds, ReadOutput does not fail
// badly and never changes it; what it accepts is records, and dropping the
// partial last line leaves complete lines only.
func FuzzReadOutput(f *testing.F) {
	f.Add([]byte(""))
	f.Add([]byte(`{"id":"A1","input":{"file":0,"line":1},"error":"x"}` + "\n"))
	f.Add([]byte(`{"id":"A1","input":{"file":0,"line":1},"terms":["1"],"found":true,"predictions":[],"stats":{}}` + "\n" + `{"id":"A2","inp`))
	f.Add([]byte(TSVHeader + "P1\t3\t1\ta(n) = n\t5\tright\t0\t1\nP2\t\t\t\t\t\t0\t2\n"))
	f.Add([]byte(TSVHeader + "P1\t3\t1\ta(n) = n\t5\terror\t0\t1\nP2\t4"))
	f.Add([]byte("{\"a\":1}"))
	f.Add([]byte("A000079\tjunk\n\x00\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "out")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		ex, err := ReadOutput(path)
		if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
			t.Fatal("ReadOutput changed the file")
		}
		if err != nil {
			return
		}
		complete := data[:ex.Size]
		if len(complete) > 0 && complete[len(complete)-1] != '\n' || bytes.Contains(data[ex.Size:], []byte("\n")) {
			t.Fatalf("size %d does not end the complete lines", ex.Size)
		}
		lines := strings.SplitAfter(string(complete), "\n")
		n := 0
		for i, line := range lines[:len(lines)-1] {
			if i == 0 && ex.Format == "tsv" {
				if line != TSVHeader {
					t.Fatalf("a TSV output without its header: %q", line)
				}
				continue
			}
			parse := parseJSONRecord
			if ex.Format == "tsv" {
				parse = parseTSVRecord
			}
			if _, err := parse([]byte(line)); err != nil {
				t.Fatalf("accepted line %d: %v", i+1, err)
			}
			n++
		}
		if len(ex.Done)+ex.Errors != n {
			t.Fatalf("%d records, %d done and %d errors", n, len(ex.Done), ex.Errors)
		}
		if err := DropPartial(path, ex); err != nil {
			t.Fatal(err)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, complete) {
			t.Fatal("DropPartial left more or less than the complete lines")
		}
	})
}

// FuzzParseLine: any line is read without a panic; the terms of a good
// line are within the limits and read back the same from their decimal
// form.
func FuzzParseLine(f *testing.F) {
	for _, s := range []string{
		"A000045 ,0,1,1,2,3,5,8,", "P0001\t2,4,9\t18\tx", "1, 2, 3", "1,,2", "id\tterms", "# c",
		"\ufeffA1 1 2", "-5 +6", "A1\t", "\t1\t2", ",", "99999999999999999999 -1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		rec, kind, err := ParseLine(context.Background(), line)
		if kind != Data || err != nil {
			return
		}
		if len(rec.Terms) == 0 || len(rec.Terms) > MaxTerms {
			t.Fatalf("%d terms", len(rec.Terms))
		}
		again, err := ParseTerms(context.Background(), termsString(rec.Terms))
		if err != nil || termsString(again) != termsString(rec.Terms) {
			t.Fatalf("the terms %s read back as %s (%v)", termsString(rec.Terms), termsString(again), err)
		}
		if rec.ID != "" && !isID(rec.ID) {
			t.Fatalf("bad ID %q accepted", rec.ID)
		}
	})
}
