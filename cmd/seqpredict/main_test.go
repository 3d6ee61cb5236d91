package main

import (
	"bytes"
	"encoding/json"
	"github.com/seqpredict/seqpredict/explain"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// budget keeps the searches of these tests short. TODO: once search.Search
// is the finished fast engine, run the acceptance cases with the default
// budget (drop budget from them) to test what users get.
var budget = []string{"--timeout", "60s"} // the default search budget

// runCmd runs the command as main would, with the given arguments and
// standard input, and returns its exit status and outputs.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// TestAcceptance is the command's contract on the classic sequences.
func TestAcceptance(t *testing.T) {
	cases := []struct {
		terms string
		next  string
	}{
		{"2 4 6 8", "10"},
		{"1 1 2 3 5 8", "13"},
		{"1 4 9 16 25", "36"},
		{"1 2 4 8 16", "32"},
		{"1 2 6 24 120", "720"},
	}
	for _, c := range cases {
		t.Run(c.terms, func(t *testing.T) {
			code, out, errOut := runCmd(t, "", append(budget, strings.Fields(c.terms)...)...)
			assert.Equal(t, exitOK, code, "stderr: %s", errOut)
			assert.Equal(t, c.next, firstLine(out))
			assert.Contains(t, out, "probability ")
			assert.Contains(t, out, "bits")
			assert.Empty(t, errOut)
		})
	}
}

// TestHonesty: the first digits of pi have no short program in this
// language. The command must say so (exit 1) or back its answer with a
// real program that is shorter than the terms written out, and never claim
// certainty.
func TestHonesty(t *testing.T) {
	digits := []string{"3", "1", "4", "1", "5", "9", "2", "6"}
	code, out, _ := runCmd(t, "", append(append(budget, "--json"), digits...)...)
	rep := decodeReport(t, out)
	if code == exitNoPattern {
		assert.False(t, rep.Found)
		return
	}
	require.Equal(t, exitOK, code)
	require.True(t, rep.Found)
	require.NotEmpty(t, rep.Predictions)
	require.NotEmpty(t, rep.Programs)
	assert.Less(t, rep.Predictions[0].Probability, 0.999)
	best := rep.Programs[0]
	p, err := dsl.ParseProgram(best.Program)
	require.NoError(t, err)
	assert.Equal(t, best.Bits, p.Bits())
	assert.Less(t, best.Bits, int(rep.Stats["literal_bits"].(float64)))
	var vals []string
	for _, v := range p.BigValues(len(digits) + 1) {
		vals = append(vals, v.String())
	}
	assert.Equal(t, append(digits, best.Next[0]), vals)
}

// TestPrimes: the language has prime(x), so the primes are a short
// pattern, predicted with a high probability that is still short of
// certainty.
func TestPrimes(t *testing.T) {
	code, out, _ := runCmd(t, "", append(budget, "--json", "2", "3", "5", "7", "11")...)
	require.Equal(t, exitOK, code)
	rep := decodeReport(t, out)
	require.NotEmpty(t, rep.Predictions)
	assert.Equal(t, []string{"13"}, rep.Predictions[0].Next)
	assert.Greater(t, rep.Predictions[0].Probability, 0.9)
	assert.Less(t, rep.Predictions[0].Probability, 0.999)
	assert.Equal(t, "a(n) = prime(n); n >= 1", rep.Programs[0].Program)
}

func TestNoPatternText(t *testing.T) {
	code, out, errOut := runCmd(t, "", "--max-bits", "20", "3", "8", "4", "9", "2", "0", "1", "7", "5", "6", "3", "8", "2", "9", "1")
	assert.Equal(t, exitNoPattern, code)
	assert.True(t, strings.HasPrefix(out, "no pattern found"), out)
	assert.Empty(t, errOut)
}

// report mirrors predict.Report loosely, to check the JSON's shape from
// the outside.
type report struct {
	Terms       []string `json:"terms"`
	Found       bool     `json:"found"`
	Predictions []struct {
		Next        []string `json:"next"`
		Probability float64  `json:"probability"`
	} `json:"predictions"`
	Programs []struct {
		Program   string   `json:"program"`
		Bits      int      `json:"bits"`
		Posterior float64  `json:"posterior"`
		Next      []string `json:"next"`
		Literal   bool     `json:"literal"`
	} `json:"programs"`
	Other float64        `json:"other_probability"`
	Stats map[string]any `json:"stats"`
}

func decodeReport(t *testing.T, s string) report {
	t.Helper()
	var rep report
	require.NoError(t, json.Unmarshal([]byte(s), &rep), "JSON: %s", s)
	return rep
}

// TestTermFormats: commas, spaces inside one argument, negative terms
// without "--", and terms far beyond int64, read exactly.
func TestTermFormats(t *testing.T) {
	pow := func(e uint) string { return new(big.Int).Lsh(big.NewInt(1), e).String() }
	cases := []struct {
		name  string
		args  []string
		terms []string
	}{
		{"commas", []string{"2,4,6,8"}, []string{"2", "4", "6", "8"}},
		{"one argument", []string{"1, 1, 2, 3"}, []string{"1", "1", "2", "3"}},
		{"mixed", []string{"1,", "2 ,3", "4"}, []string{"1", "2", "3", "4"}},
		{"tabs", []string{"5\t6\t7"}, []string{"5", "6", "7"}},
		{"negative", []string{"-2", "5", "-4", "3"}, []string{"-2", "5", "-4", "3"}},
		{"negative commas", []string{"-2,5,-4,3"}, []string{"-2", "5", "-4", "3"}},
		{"plus sign", []string{"+1", "+2"}, []string{"1", "2"}},
		{"after --", []string{"--", "-2", "5"}, []string{"-2", "5"}},
		{"beyond int64", []string{pow(70), pow(71), pow(72), "-" + pow(73)}, []string{pow(70), pow(71), pow(72), "-" + pow(73)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"--json", "--max-bits", "16"}, c.args...)
			code, out, errOut := runCmd(t, "", args...)
			require.Contains(t, []int{exitOK, exitNoPattern}, code, "stderr: %s", errOut)
			assert.Equal(t, c.terms, decodeReport(t, out).Terms)
		})
	}
	// The value of a flag is not a term, even when it looks like one.
	code, out, _ := runCmd(t, "", "--top", "1", "--max-bits", "16", "--json", "2", "4", "6", "8")
	assert.Equal(t, exitOK, code)
	rep := decodeReport(t, out)
	assert.Equal(t, []string{"2", "4", "6", "8"}, rep.Terms)
	assert.Len(t, rep.Predictions, 1)
}

// TestBigTerms: the powers of two up to 2^70 are found and continued
// exactly, far beyond int64.
func TestBigTerms(t *testing.T) {
	var args []string
	for i := range uint(71) {
		args = append(args, new(big.Int).Lsh(big.NewInt(1), i).String())
	}
	code, out, errOut := runCmd(t, "", append(append(budget, "--json", "--next", "2"), args...)...)
	require.Equal(t, exitOK, code, errOut)
	rep := decodeReport(t, out)
	require.NotEmpty(t, rep.Predictions)
	assert.Equal(t, []string{"2361183241434822606848", "4722366482869645213696"}, rep.Predictions[0].Next)
}

// TestJSON checks the --json output's shape.
func TestJSON(t *testing.T) {
	code, out, errOut := runCmd(t, "", append(budget, "--json", "--top", "2", "2", "4", "6", "8")...)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, 1, strings.Count(out, "\n"), "one object, one line")
	rep := decodeReport(t, out)
	assert.True(t, rep.Found)
	assert.Equal(t, []string{"2", "4", "6", "8"}, rep.Terms)
	require.NotEmpty(t, rep.Predictions)
	assert.LessOrEqual(t, len(rep.Predictions), 2)
	assert.Equal(t, []string{"10"}, rep.Predictions[0].Next)
	assert.Greater(t, rep.Predictions[0].Probability, 0.9)
	require.NotEmpty(t, rep.Programs)
	assert.LessOrEqual(t, len(rep.Programs), 2)
	p := rep.Programs[0]
	assert.True(t, strings.HasPrefix(p.Program, "a(n) = "), p.Program)
	assert.Equal(t, 11, p.Bits)
	assert.Equal(t, []string{"10"}, p.Next)
	assert.InDelta(t, rep.Predictions[0].Probability, p.Posterior, 1e-12)
	assert.Greater(t, rep.Other, 0.0)
	for _, k := range []string{"literal_bits", "best_bits", "complete_bits", "candidates", "distinct", "classes", "stopped", "cut_short", "elapsed_ms"} {
		assert.Contains(t, rep.Stats, k)
	}
	// The raw JSON holds the terms as strings, not numbers.
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &raw))
	next := raw["predictions"].([]any)[0].(map[string]any)["next"].([]any)
	assert.IsType(t, "", next[0])
}

// TestNextFlag: --next K predicts K terms jointly.
func TestNextFlag(t *testing.T) {
	code, out, errOut := runCmd(t, "", append(budget, "--next", "3", "1", "2", "4", "8")...)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "16, 32, 64", firstLine(out))
}

// TestStdin: one sequence per line, one answer each; blank lines and
// comments are skipped.
func TestStdin(t *testing.T) {
	in := "# squares and evens\n1 4 9 16 25\n\n2,4,6,8\n   \n"
	code, out, errOut := runCmd(t, in, budget...)
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "1 4 9 16 25:\n36\n")
	assert.Contains(t, out, "2,4,6,8:\n10\n")

	code, out, errOut = runCmd(t, in, append(budget, "--json")...)
	require.Equal(t, exitOK, code, errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 2, "one JSON object per sequence: %q", out)
	assert.Equal(t, []string{"36"}, decodeReport(t, lines[0]).Predictions[0].Next)
	assert.Equal(t, []string{"10"}, decodeReport(t, lines[1]).Predictions[0].Next)

	// A bad line is reported with its number and skipped; the status says
	// the input was bad.
	code, out, errOut = runCmd(t, "2 4 6 8\n2 x 4\n1 4 9 16 25\n", append(budget, "--json")...)
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, "seqpredict: line 2: bad term \"x\": not an integer\n", errOut)
	lines = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 3, "%q", out)
	assert.Contains(t, lines[1], `"error":"line 2: bad term \"x\": not an integer"`)
	assert.Equal(t, []string{"36"}, decodeReport(t, lines[2]).Predictions[0].Next)

	// No pattern on some line: status 1.
	code, _, _ = runCmd(t, "2 4 6 8\n3 8 4 9 2 0 1 7 5 6 3 8 2 9 1\n", "--max-bits", "20")
	assert.Equal(t, exitNoPattern, code)
}

// TestBadInput: every bad input exits 2 with a one-line error that names
// the offending token, and prints nothing on stdout.
func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"non-integer term", "", []string{"2", "x", "4"}, `bad term "x"`},
		{"decimal term", "", []string{"2", "4.5"}, `bad term "4.5"`},
		{"negative decimal term", "", []string{"2", "-1.5", "3"}, `bad term "-1.5"`},
		{"negative term with junk", "", []string{"-5x", "3"}, `bad term "-5x"`},
		{"exponent term", "", []string{"1e3"}, `bad term "1e3"`},
		{"sign alone", "", []string{"1", "-"}, `bad term "-"`},
		{"dashes in a term", "", []string{"1-2"}, `bad term "1-2"`},
		{"empty input", "", nil, "no terms given"},
		{"only comments", "# nothing\n\n", nil, "no terms given"},
		{"empty argument", "", []string{""}, "no terms given"},
		{"max-bits 0", "", []string{"--max-bits", "0", "1", "2"}, "bad --max-bits 0"},
		{"max-bits huge", "", []string{"--max-bits", "100000", "1", "2"}, "bad --max-bits 100000"},
		{"max-bits negative", "", []string{"--max-bits", "-3", "1", "2"}, "bad --max-bits -3"},
		{"max-bits not a number", "", []string{"--max-bits", "lots", "1", "2"}, `"lots"`},
		{"top 0", "", []string{"--top", "0", "1", "2"}, "bad --top 0"},
		{"next 0", "", []string{"--next", "0", "1", "2"}, "bad --next 0"},
		{"next huge", "", []string{"--next=1000", "1", "2"}, "bad --next 1000"},
		{"timeout 0s", "", []string{"--timeout", "0s", "1", "2"}, "bad --timeout 0s"},
		{"timeout negative", "", []string{"--timeout=-1s", "1", "2"}, "bad --timeout -1s"},
		{"margin 0", "", []string{"--margin", "0", "1", "2"}, "bad --margin 0"},
		{"workers negative", "", []string{"--workers", "-1", "1", "2"}, "bad --workers -1"},
		{"max-programs 0", "", []string{"--max-programs", "0", "1", "2"}, "bad --max-programs 0"},
		{"max-memory 0", "", []string{"--max-memory", "0", "1", "2"}, "bad --max-memory 0"},
		{"max-memory below the least", "", []string{"--max-memory", "47", "1", "2"}, "bad --max-memory 47: want 48..1048576 MiB"},
		{"unknown flag", "", []string{"--frobnicate", "1", "2"}, "--frobnicate"},
		{"unknown short flag", "", []string{"-x", "1", "2"}, "-x"},
		{"flag without value", "", []string{"1", "2", "--top"}, "--top"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(t, c.stdin, c.args...)
			assert.Equal(t, exitUsage, code)
			assert.Empty(t, out)
			assert.True(t, strings.HasPrefix(errOut, "seqpredict: "), "%q", errOut)
			assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			assert.Contains(t, errOut, c.want)
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, arg := range []string{"--help", "-h"} {
		code, out, errOut := runCmd(t, "", arg)
		assert.Equal(t, exitOK, code)
		assert.Contains(t, out, "Examples:")
		assert.Contains(t, out, "--max-bits")
		assert.Contains(t, out, "Exit status")
		assert.Empty(t, errOut)
	}
	code, out, _ := runCmd(t, "", "--version")
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "seqpredict "+version+"\n", out)
}

func TestPercent(t *testing.T) {
	for p, want := range map[float64]string{
		1:       ">99.9%", // never "100.0%": nothing is certain
		0.9999:  ">99.9%",
		0.999:   "99.9%",
		0.5:     "50.0%",
		0.00049: "4.9e-04",
		0:       "0.0%",
	} {
		assert.Equal(t, want, percent(p), "percent(%v)", p)
	}
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		assert.Equal(t, want, explain.Thousands(n))
	}
}
