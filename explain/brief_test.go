package explain

import (
	"flag"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
)

// Regenerate the brief golden files after an intended change of output with
//
//	go test ./explain -run TestBriefGolden -update
//
// and review the diff.
var update = flag.Bool("update", false, "rewrite testdata/brief-*.txt from the current output")

// briefLines is the most lines the brief text may take.
const briefLines = 25

func TestBrief(t *testing.T) {
	for _, tc := range []struct {
		name    string
		maxBits int
		terms   []int64
		want    []string // substrings of the text
	}{
		{"evens", 18, []int64{2, 4, 6, 8}, []string{"2, 4, 6, 8 -> 10, with probability", "Best programs", "Compression: the 4 terms written out take 34 bits", "Rival:", "predicts 34"}},
		{"tie", 24, []int64{1, 2, 3, 5}, []string{"1, 2, 3, 5 -> a tie: ", " or ", "equally short explanations"}},
		{"no program", 8, []int64{5, 1, 4}, []string{"-> no pattern: no program within the search budget", "any next term is a guess"}},
		{"long", 16, []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20},
			[]string{"1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ..., 20 (20 terms) -> 21"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := walk(t, tc.maxBits, 10, tc.terms...)
			var sb strings.Builder
			if err := w.WriteBrief(&sb); err != nil {
				t.Fatal(err)
			}
			text := sb.String()
			lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
			if len(lines) > briefLines {
				t.Errorf("%d lines, want at most %d:\n%s", len(lines), briefLines, text)
			}
			for i, line := range lines {
				// A program's product of many factors is one unbreakable
				// unit for the wrapper (as in the full text), so only the
				// prose is held to the width.
				if len(line) > Width && !strings.HasPrefix(line, "    ") {
					t.Errorf("line %d is %d columns: %q", i+1, len(line), line)
				}
			}
			for _, s := range tc.want {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, text)
				}
			}
		})
	}
}

// TestBriefGolden pins the whole brief text of one deterministic run.
func TestBriefGolden(t *testing.T) {
	w, _ := walk(t, 18, 3, 2, 4, 6, 8)
	var sb strings.Builder
	if err := w.WriteBrief(&sb); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "brief-evens.txt")
	if *update {
		if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if sb.String() != string(want) {
		t.Errorf("brief text differs from %s:\n%s", file, sb.String())
	}
}

func TestTied(t *testing.T) {
	w, _ := walk(t, 24, 5, 1, 2, 3, 5)
	tied := w.Tied()
	if len(tied) < 2 {
		t.Fatalf("1 2 3 5: no tie among %+v", w.Predictions)
	}
	for _, o := range tied[1:] {
		if o.Probability*TieFactor < tied[0].Probability {
			t.Errorf("%v (%v) is not within %v of %v (%v)", o.Next, o.Probability, TieFactor, tied[0].Next, tied[0].Probability)
		}
	}
	if len(tied) < len(w.Predictions) && w.Predictions[len(tied)].Probability*TieFactor >= tied[0].Probability {
		t.Errorf("the tie leaves out %+v", w.Predictions[len(tied)])
	}
	w, _ = walk(t, 18, 5, 2, 4, 6, 8)
	if tied := w.Tied(); tied != nil {
		t.Errorf("2 4 6 8: a tie %+v", tied)
	}
}

func TestJudge(t *testing.T) {
	w, res := walk(t, 18, 3, 2, 4, 6, 8)
	big10, big34, far := big.NewInt(10), big.NewInt(34), new(big.Int).Lsh(big.NewInt(1), 200)
	for _, tc := range []struct {
		next    *big.Int
		literal bool
	}{
		{big10, false}, // the answer, by its program
		{big34, true},  // the contrived continuation, by the literal
		{far, true},    // no program: the literal program
	} {
		g, err := Judge(res, []*big.Int{tc.next})
		if err != nil {
			t.Fatal(err)
		}
		if want := res.Log2Probability([]*big.Int{tc.next}); g.Probability != math.Exp2(want) || g.Bits != -want {
			t.Errorf("%v: probability %v (%v bits), predictor %v", tc.next, g.Probability, g.Bits, want)
		}
		if g.Literal != tc.literal {
			t.Errorf("%v: literal %v, want %v (%s)", tc.next, g.Literal, tc.literal, g.Program)
		}
		p, err := dsl.ParseProgram(g.Program)
		if err != nil {
			t.Fatalf("%v: program %q does not parse: %v", tc.next, g.Program, err)
		}
		if p.Bits() != g.ProgramBits {
			t.Errorf("%v: %q is %d bits, claimed %d", tc.next, g.Program, p.Bits(), g.ProgramBits)
		}
		vals := p.BigValues(5)
		if vals[4] == nil || vals[4].Cmp(tc.next) != 0 {
			t.Errorf("%v: %q predicts %v", tc.next, g.Program, vals[4])
		}
	}
	if g, _ := Judge(res, []*big.Int{big10}); g.Program != w.Programs[0].Program {
		t.Errorf("the answer's program %q, the walk-through's %q", g.Program, w.Programs[0].Program)
	}
	if _, err := Judge(res, []*big.Int{big10, big34}); err == nil {
		t.Error("Judge accepted two terms for a one-term prediction")
	}
}
