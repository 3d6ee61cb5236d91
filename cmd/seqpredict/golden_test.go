package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Regenerate the golden files after an intended change of output with
//
//	go test ./cmd/seqpredict -run TestGolden -update
//
// and review the diff: it is the change users will see. The fields that
// follow the search's counts (counterFields) are kept apart, all cases in
// one file, so that a change of the language, which changes the counts
// and with them the estimate of the unseen programs' weight, shows there
// alone unless it changes what is found.
var update = flag.Bool("update", false, "rewrite testdata/golden/*.json from the current output")

// goldenFlags are fixed for every golden case: a small budget, one worker
// and a timeout that is never reached, so that nothing depends on the
// machine's speed.
var goldenFlags = []string{"--json", "--workers", "1", "--timeout", "1h"} // default budgets otherwise

// golden is the content of one golden file.
type golden struct {
	Args   []string `json:"args"`
	Exit   int      `json:"exit"`
	Output any      `json:"output"`
}

// countersFile holds the counter fields of every case, by case name and
// field path ("stats.candidates", "predictions[0].probability").
var countersFile = filepath.Join("testdata", "golden", "counters.json")

// counterFields are the output fields that follow the search's counts:
// how many candidates it saw and where it stopped, and the probabilities,
// which the estimate of the unseen programs' weight scales (from the
// counts). A field of the elements of an array is named after the array.
var counterFields = []string{
	"stats.candidates", "stats.distinct", "stats.complete_bits", "stats.horizon_bits",
	"stats.stopped", "stats.cut_short", "other_probability", "unseen_probability",
	"predictions.probability", "programs.posterior",
}

// splitCounters moves the counter fields out of the decoded output into a
// map by path.
func splitCounters(output map[string]any) map[string]any {
	counters := map[string]any{}
	for _, f := range counterFields {
		outer, field, _ := strings.Cut(f, ".")
		switch v := output[outer].(type) {
		case map[string]any:
			if x, ok := v[field]; ok {
				counters[f] = x
				delete(v, field)
			}
		case []any:
			for i, e := range v {
				if m, ok := e.(map[string]any); ok {
					if x, ok := m[field]; ok {
						counters[fmt.Sprintf("%s[%d].%s", outer, i, field)] = x
						delete(m, field)
					}
				}
			}
		default:
			if x, ok := output[f]; ok && !strings.Contains(f, ".") {
				counters[f] = x
				delete(output, f)
			}
		}
	}
	return counters
}

type goldenCase struct {
	name, source string
	args         []string
}

func readGoldenCases(t *testing.T) []goldenCase {
	f, err := os.Open(filepath.Join("testdata", "golden", "sequences.tsv"))
	require.NoError(t, err)
	defer f.Close()
	var out []goldenCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		require.Len(t, fields, 3, "sequences.tsv: %q", line)
		out = append(out, goldenCase{name: fields[0], source: fields[1], args: strings.Fields(fields[2])})
	}
	require.NoError(t, sc.Err())
	require.GreaterOrEqual(t, len(out), 12)
	return out
}

// TestGolden runs the command on the sequences of testdata/golden and
// compares its JSON output (minus the elapsed time) with the stored one.
// Numbers are compared to 1e-6 relative, so that the files do not
// depend on the last bit of the platform's floating point.
func TestGolden(t *testing.T) {
	var wantCounters map[string]map[string]any
	if !*update {
		b, err := os.ReadFile(countersFile)
		require.NoError(t, err, "missing %s; run: go test ./cmd/seqpredict -run TestGolden -update", countersFile)
		require.NoError(t, json.Unmarshal(b, &wantCounters))
	}
	gotCounters := map[string]map[string]any{}
	for _, c := range readGoldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{}, goldenFlags...), c.args...)
			code, out, errOut := runCmd(t, "", args...)
			require.Empty(t, errOut)
			require.Equal(t, 1, strings.Count(out, "\n"), "one JSON object: %q", out)
			var output any
			require.NoError(t, json.Unmarshal([]byte(out), &output))
			stats := output.(map[string]any)["stats"].(map[string]any)
			require.Contains(t, stats, "elapsed_ms")
			stats["elapsed_ms"] = 0 // the one field that depends on time
			counters := splitCounters(output.(map[string]any))
			gotCounters[c.name] = counters
			got := golden{Args: args, Exit: code, Output: output}

			path := filepath.Join("testdata", "golden", c.name+".json")
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(path, append(b, '\n'), 0o644))
				return
			}
			b, err := os.ReadFile(path)
			require.NoError(t, err, "missing golden file; run: go test ./cmd/seqpredict -run TestGolden -update")
			var want golden
			require.NoError(t, json.Unmarshal(b, &want))
			require.Equal(t, want.Args, got.Args, "%s: the arguments changed; regenerate with -update", path)
			require.Equal(t, want.Exit, got.Exit, "%s: exit status", path)
			// Round-trip got through JSON so both sides have the same types.
			b, err = json.Marshal(got.Output)
			require.NoError(t, err)
			var gotOutput any
			require.NoError(t, json.Unmarshal(b, &gotOutput))
			if diffs := jsonDiff("", want.Output, gotOutput); len(diffs) > 0 {
				t.Errorf("%s differs from the output (regenerate with -update if intended):\n%s",
					path, strings.Join(diffs, "\n"))
			}
			if diffs := jsonDiff(c.name, any(wantCounters[c.name]), any(counters)); len(diffs) > 0 {
				t.Errorf("%s differs from the search's counters (regenerate with -update if intended):\n%s",
					countersFile, strings.Join(diffs, "\n"))
			}
		})
	}
	if *update {
		b, err := json.MarshalIndent(gotCounters, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(countersFile, append(b, '\n'), 0o644))
	}
}

// jsonDiff lists the differences between two decoded JSON values, numbers
// compared with a relative tolerance.
func jsonDiff(path string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %v", path, got)}
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		var out []string
		for _, k := range sorted {
			wv, wok := w[k]
			gv, gok := g[k]
			switch {
			case !wok:
				out = append(out, fmt.Sprintf("%s.%s: unexpected, = %v", path, k, gv))
			case !gok:
				out = append(out, fmt.Sprintf("%s.%s: missing, want %v", path, k, wv))
			default:
				out = append(out, jsonDiff(path+"."+k, wv, gv)...)
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %v, got %v", path, want, got)}
		}
		var out []string
		for i := range w {
			out = append(out, jsonDiff(fmt.Sprintf("%s[%d]", path, i), w[i], g[i])...)
		}
		return out
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(w-g) > 1e-6*math.Max(math.Abs(w), math.Abs(g)) {
			return []string{fmt.Sprintf("%s: want %v, got %v", path, want, got)}
		}
		return nil
	}
	if want != got {
		return []string{fmt.Sprintf("%s: want %v, got %v", path, want, got)}
	}
	return nil
}

// TestGoldenText compares the first lines of the text output, the answer
// and its probability (up to the first blank line, which do not depend on
// time), with golden/text/NAME.txt for the cases of golden/text.tsv: ties
// must be said out loud there.
func TestGoldenText(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "golden", "text.tsv"))
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, args, ok := strings.Cut(line, "\t")
		require.True(t, ok, "text.tsv: %q", line)
		t.Run(name, func(t *testing.T) {
			_, out, errOut := runCmd(t, "", append([]string{"--workers", "1", "--timeout", "1h"}, strings.Fields(args)...)...)
			require.Empty(t, errOut)
			head, _, _ := strings.Cut(out, "\n\n")
			path := filepath.Join("testdata", "golden", "text", name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, []byte(head+"\n"), 0o644))
				return
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "missing golden file; run: go test ./cmd/seqpredict -run TestGoldenText -update")
			require.Equal(t, string(want), head+"\n", "%s differs (regenerate with -update if intended)", path)
		})
	}
	require.NoError(t, sc.Err())
}
