package predict_test

import (
	"context"
	"encoding/json"
	"math"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// testBits is the search budget of these tests: the reference enumerator
// gets through it in milliseconds.
const testBits = 20

func terms(s string) []*big.Int {
	var out []*big.Int
	for _, f := range strings.Fields(s) {
		v, ok := new(big.Int).SetString(f, 10)
		if !ok {
			panic("bad term " + f)
		}
		out = append(out, v)
	}
	return out
}

func key(xs []*big.Int) string { return strings.Join(predict.Strings(xs), ",") }

func refOptions(next, top int) predict.Options {
	return predict.Options{
		Engine: search.Reference,
		Search: search.Options{MaxBits: testBits, Margin: testBits},
		Next:   next,
		Top:    top,
	}
}

// bruteClass is one continuation as the brute force sees it.
type bruteClass struct {
	next    []*big.Int
	minBits int // the shortest program predicting it
	litBits int // the literal program of the terms and it
}

// TestMixtureBruteForce recomputes the mixture by hand from every program
// the reference search finds and compares it with Predict, following the
// package documentation: each next term v is one class, represented by its
// shortest program (the first found among equally short ones), whose k
// next terms are the class's continuation c; a class whose representative
// leaves one of them undefined drops out. The weight of c is
// 2^-min(representative, literal program of terms+c); every continuation
// no class claims weighs 2^-(literal program of terms+c); and those literal
// weights sum, over all c, to 2^-(literal of terms+k zeros - k), because
// the integer code is complete and 0 takes 1 bit.
func TestMixtureBruteForce(t *testing.T) {
	cases := []struct {
		seq string
		k   int
	}{
		{"2 4 6 8", 1},
		{"2 4 6 8", 2},
		{"1 2 4 8", 1},
		{"1 2", 2},
		{"1 2", 3},
		{"0 1 1 2", 2},
		{"3 3 3", 1},
		{"5 -2", 1},
		{"1 4 9", 2},
		{"7", 1},
	}
	for _, c := range cases {
		t.Run(c.seq+"/k="+string(rune('0'+c.k)), func(t *testing.T) {
			ts := terms(c.seq)
			sr, err := search.Reference(context.Background(), ts, refOptions(c.k, 1).Search)
			require.NoError(t, err)
			require.NotEmpty(t, sr.Found, "the test needs programs to mix")

			// The brute force.
			found := slices.Clone(sr.Found)
			slices.SortStableFunc(found, func(a, b search.Found) int { return a.Bits - b.Bits })
			seen := map[string]bool{}
			classes := map[string]*bruteClass{}
			for _, f := range found {
				require.Equal(t, f.Program.Bits(), f.Bits, "%s", f.Program)
				all := f.Program.BigValues(len(ts) + c.k)
				require.Equal(t, key(ts), key(all[:len(ts)]), "%s does not reproduce the terms", f.Program)
				require.Zero(t, all[len(ts)].Cmp(f.Next), "%s: Found.Next", f.Program)
				if seen[f.Next.String()] {
					continue
				}
				seen[f.Next.String()] = true
				next := all[len(ts):]
				if slices.Contains(next, nil) {
					continue
				}
				lit := dsl.LiteralBits(append(slices.Clone(ts), next...))
				classes[key(next)] = &bruteClass{next: next, minBits: f.Bits, litBits: lit}
			}
			zeros := make([]*big.Int, c.k)
			for i := range zeros {
				zeros[i] = new(big.Int)
			}
			litTotal := dsl.LiteralBits(append(slices.Clone(ts), zeros...)) - c.k
			// The horizon (predict/doc.go): the search saw every program
			// up to CompleteBits bits. If the best explanation is fragile
			// (odds 2^(Log2Odds - Decay*saved + Beyond*log2(1 + bits
			// beyond the horizon)), 2^NoPatternLog2Odds when nothing saves
			// anything), the programs beyond weigh
			// U = (k+1)/(M+2) * cand(C) * 2^-C * g/(2-g), k the behaviours
			// the search saw besides the best explanation's; the
			// normaliser is the harmonic mixture of Zk and Zk + U.
			m := predict.DefaultUnseen
			horizon := sr.CompleteBits
			var bestBits, seenWithin int
			for _, bc := range classes {
				if bc.minBits < bc.litBits && (bestBits == 0 || bc.minBits < bestBits) {
					bestBits = bc.minBits
				}
			}
			litOfTerms := dsl.LiteralBits(ts)
			saved := litOfTerms - min(litOfTerms, orLiteral(bestBits, litOfTerms))
			for _, bc := range classes {
				if bc.minBits < bc.litBits && bc.minBits <= horizon {
					seenWithin++
				}
			}
			k := seenWithin
			if bestBits > 0 && bestBits <= horizon {
				k--
			}
			nl := len(sr.Levels)
			last := float64(sr.Levels[nl-1].Candidates)
			g := m.Growth
			u := float64(k+1) / float64(sr.Candidates+2) * last * math.Exp2(-float64(horizon)) * g / (2 - g)
			odds := math.Exp2(m.Log2Odds - m.Decay*float64(saved) + m.Beyond*math.Log2(1+float64(max(0, bestBits-horizon))))
			if saved <= 0 {
				odds = math.Exp2(m.NoPatternLog2Odds)
			}
			// Weights are scaled by 2^ref to stay in range.
			ref := litTotal
			for _, bc := range classes {
				ref = min(ref, bc.minBits, bc.litBits)
			}
			w := func(bits int) float64 { return math.Exp2(float64(ref - bits)) }
			zk := w(litTotal)
			for _, bc := range classes {
				zk += w(min(bc.minBits, bc.litBits)) - w(bc.litBits)
			}
			scaledU := u * math.Exp2(float64(ref))
			z := 1 / (1/(1+odds)/zk + odds/(1+odds)/(zk+scaledU))
			unseen := z - zk

			res, err := predict.Predict(context.Background(), ts, refOptions(c.k, 1000))
			require.NoError(t, err)
			assert.Equal(t, len(classes), res.Classes, "number of classes")
			// Besides the classes, Predict lists the likeliest literal
			// continuations (0, ±1, ±2; zeros for k > 1) that outweigh
			// some class.
			longest := 0
			for _, bc := range classes {
				longest = max(longest, min(bc.minBits, bc.litBits))
			}
			literals := map[string]int{}
			small := [][]*big.Int{zeros}
			if c.k == 1 {
				small = [][]*big.Int{{big.NewInt(0)}, {big.NewInt(1)}, {big.NewInt(-1)}, {big.NewInt(2)}, {big.NewInt(-2)}}
			}
			for _, next := range small {
				lit := dsl.LiteralBits(append(slices.Clone(ts), next...))
				if classes[key(next)] == nil && lit < longest {
					literals[key(next)] = lit
				}
			}
			require.Len(t, res.Predictions, len(classes)+len(literals))
			require.Len(t, res.Programs, len(classes)+len(literals))
			total := 0.0
			for i, p := range res.Predictions {
				require.Len(t, p.Next, c.k)
				bc := classes[key(p.Next)]
				if bc == nil {
					lit, ok := literals[key(p.Next)]
					require.True(t, ok, "Predict invented the continuation %s", key(p.Next))
					bc = &bruteClass{next: p.Next, minBits: lit, litBits: lit}
				}
				want := w(min(bc.minBits, bc.litBits)) / z
				assert.InEpsilon(t, want, p.Probability, 1e-9, "probability of %s", key(p.Next))
				if i > 0 {
					assert.LessOrEqual(t, p.Probability, res.Predictions[i-1].Probability, "predictions must be most probable first")
				}
				total += p.Probability
			}
			assert.InDelta(t, 1-total, res.Other, 1e-12)
			// Everything is listed, so Other is exactly the literal weight
			// of the continuations no program predicts, plus what lies
			// beyond the horizon.
			rest := w(litTotal) + unseen
			for _, bc := range classes {
				rest -= w(bc.litBits)
			}
			for _, lit := range literals {
				rest -= w(lit)
			}
			assert.InEpsilon(t, rest/z, res.Other, 1e-6)
			assert.Positive(t, res.Other, "the literal programs leave mass to every other continuation")
			best := 0
			for i, e := range res.Programs {
				bc := classes[key(e.Next)]
				if bc == nil {
					lit, ok := literals[key(e.Next)]
					require.True(t, ok, "Predict invented the explanation %s", e.Program)
					bc = &bruteClass{next: e.Next, minBits: lit + 1, litBits: lit}
				}
				assert.Equal(t, min(bc.minBits, bc.litBits), e.Bits, "bits of the explanation for %s", key(e.Next))
				assert.Equal(t, bc.litBits < bc.minBits, e.Literal)
				assert.Equal(t, e.Bits, e.Program.Bits(), "the explanation %s", e.Program)
				got := e.Program.BigValues(len(ts) + c.k)
				assert.Equal(t, key(append(slices.Clone(ts), e.Next...)), key(got), "%s does not reproduce terms and prediction", e.Program)
				if i > 0 {
					assert.GreaterOrEqual(t, e.Bits, res.Programs[i-1].Bits, "programs must be shortest first")
				}
				if !e.Literal && (best == 0 || e.Bits < best) {
					best = e.Bits
				}
			}
			assert.Equal(t, best, res.BestBits)
			assert.Equal(t, dsl.LiteralBits(ts), res.LiteralBits)
			assert.Equal(t, best > 0 && best < dsl.LiteralBits(ts), res.Found)
		})
	}
}

func orLiteral(bits, lit int) int {
	if bits == 0 {
		return lit
	}
	return bits
}

// TestDropOut: for --next K, a class whose shortest program leaves one of
// the K terms undefined drops out, even when a longer program with the same
// next term defines them all (see the package documentation).
func TestDropOut(t *testing.T) {
	ts := terms("-1 -1 -1 -1")
	undefinedLater, err := dsl.ParseProgram("a(n) = 1/(n-5)") // -1 up to n = 4, then 1/0
	require.NoError(t, err)
	constant, err := dsl.ParseProgram("a(n) = -1")
	require.NoError(t, err)
	engine := func(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error) {
		// The engine claims the first is the shorter one.
		return &search.Result{Found: []search.Found{
			{Program: undefinedLater, Bits: 10, Next: big.NewInt(-1)},
			{Program: constant, Bits: constant.Bits(), Next: big.NewInt(-1)},
		}}, nil
	}
	res, err := predict.Predict(context.Background(), ts, predict.Options{Engine: engine, Next: 1})
	require.NoError(t, err)
	require.Len(t, res.Programs, 1)
	assert.Equal(t, 10, res.Programs[0].Bits)
	assert.True(t, res.Found)

	res, err = predict.Predict(context.Background(), ts, predict.Options{Engine: engine, Next: 2})
	require.NoError(t, err)
	assert.Empty(t, res.Predictions)
	assert.Zero(t, res.Classes)
	assert.False(t, res.Found)
	assert.Equal(t, 1.0, res.Other)
}

// TestLiteralMassIsComplete checks the closed form the normaliser relies
// on: the literal programs of the terms followed by any one more term weigh
// twice the one followed by 0, summed here over |v| < 2^16 (the tail beyond
// is what the delta code leaves to longer numbers).
func TestLiteralMassIsComplete(t *testing.T) {
	ts := terms("2 4 6 8")
	zero := dsl.LiteralBits(append(slices.Clone(ts), new(big.Int)))
	sum := 0.0
	for v := int64(-(1 << 16) + 2); v <= 1<<16-2; v++ {
		sum += math.Exp2(float64(zero - dsl.LiteralBits(append(slices.Clone(ts), big.NewInt(v)))))
	}
	// Relative to 2^-zero the whole is 2; digit counts L > 16 weigh
	// sum 2^-GammaBits(L) = 15/512 + 1/32 (see dsl's TestIntBitsComplete).
	assert.InDelta(t, 2*(1-15.0/512-1.0/32), sum, 1e-9)
}

// TestOtherNeverZero: even for a sequence as plain as the squares, the
// programs beyond the search's horizon and the literal programs leave the
// other continuations a positive share, and Other says how much.
func TestOtherNeverZero(t *testing.T) {
	var seq []string
	for n := 1; n <= 30; n++ {
		seq = append(seq, big.NewInt(int64(n*n)).String())
	}
	ts := terms(strings.Join(seq, " "))
	res, err := predict.Predict(context.Background(), ts, refOptions(1, 1))
	require.NoError(t, err)
	require.Len(t, res.Predictions, 1)
	assert.Equal(t, "961", key(res.Predictions[0].Next))
	p := res.Predictions[0].Probability
	assert.Less(t, p, 1.0)
	assert.Greater(t, p, 0.9)
	// By hand: the best program has 11 bits; the literal programs of the
	// terms and any next term weigh 2^-litTotal, 961's among them; the
	// unseen programs weigh Unseen*Z.
	best := res.Programs[0].Bits
	litTotal := dsl.LiteralBits(append(slices.Clone(ts), new(big.Int))) - 1
	lit961 := dsl.LiteralBits(append(slices.Clone(ts), big.NewInt(961)))
	rest := math.Exp2(float64(best-litTotal)) - math.Exp2(float64(best-lit961))
	assert.Positive(t, res.Unseen)
	// Other, like 1-p, is exact only to a few ulps of 1 (p is near 1):
	// absolute bounds.
	assert.InDelta(t, 1-p, res.Other, 1e-14)
	assert.InDelta(t, res.Unseen+rest*p, res.Other, 1e-14)
}

// TestFound checks when Predict claims a pattern.
func TestFound(t *testing.T) {
	cases := []struct {
		seq   string
		found bool
		next  string
	}{
		{"2 4 6 8", true, "10"},
		{"1 4 9 16 25", true, "36"},
		{"1 2 6 24 120", true, "720"},
		{"5 5 5 5 5 5", true, "5"},
		// The first digits of e: nothing this short reproduces them.
		{"7 1 8 2 8 1 8 2 8 4 5 9 0 4 5", false, ""},
		{"3 1 4 1 5 9 2 6 5 3", false, ""},
		// The primes: prime(n); n >= 1 takes 15 bits.
		{"2 3 5 7 11", true, "13"},
	}
	for _, c := range cases {
		t.Run(c.seq, func(t *testing.T) {
			res, err := predict.Predict(context.Background(), terms(c.seq), refOptions(1, 3))
			require.NoError(t, err)
			assert.Equal(t, c.found, res.Found)
			assert.Positive(t, res.Other)
			assert.LessOrEqual(t, res.Other, 1.0)
			if c.found {
				require.NotEmpty(t, res.Predictions)
				assert.Equal(t, c.next, key(res.Predictions[0].Next))
				assert.Greater(t, res.Predictions[0].Probability, 0.5)
				assert.Less(t, res.BestBits, res.LiteralBits)
			} else if res.BestBits > 0 {
				assert.GreaterOrEqual(t, res.BestBits, res.LiteralBits)
			}
			for _, p := range res.Predictions {
				assert.True(t, p.Probability > 0 && p.Probability < 1, "probability %v", p.Probability)
			}
		})
	}
}

// TestNextJoint checks --next K: the predictions are K-term continuations.
func TestNextJoint(t *testing.T) {
	cases := []struct {
		seq  string
		k    int
		want string
	}{
		{"2 4 6 8", 3, "10,12,14"},
		{"1 4 9 16 25", 2, "36,49"},
		{"1 2 6 24 120", 2, "720,5040"},
		{"1 2 4 8 16", 4, "32,64,128,256"},
	}
	for _, c := range cases {
		res, err := predict.Predict(context.Background(), terms(c.seq), refOptions(c.k, 2))
		require.NoError(t, err, c.seq)
		require.NotEmpty(t, res.Predictions, c.seq)
		assert.Equal(t, c.want, key(res.Predictions[0].Next), c.seq)
		for _, p := range res.Predictions {
			assert.Len(t, p.Next, c.k)
		}
		for _, e := range res.Programs {
			assert.Len(t, e.Next, c.k)
		}
		assert.LessOrEqual(t, len(res.Predictions), 2, "--top")
	}
}

// TestFitters checks that a fitter's proposals are verified and charged
// their full length: a wrong proposal is ignored, a right one joins the
// mixture with its own Bits.
func TestFitters(t *testing.T) {
	ts := terms("3 5 7 9")
	right, err := dsl.ParseProgram("a(n) = 2*n + 3")
	require.NoError(t, err)
	wrong, err := dsl.ParseProgram("a(n) = 3*n + 3")
	require.NoError(t, err)
	// Right on the terms, but undefined at the next index (0/0).
	undefinedNext, err := dsl.ParseProgram("a(n) = 2*n + 3 + (n-n)/(n-4)")
	require.NoError(t, err)
	fit := func(ctx context.Context, _ []*big.Int) []*dsl.Program {
		return []*dsl.Program{wrong, undefinedNext, right}
	}
	opts := refOptions(1, 5)
	opts.Search.MaxBits = 10 // too short for the search to find 2*n + 3 itself
	opts.Fitters = []predict.Fitter{fit}
	res, err := predict.Predict(context.Background(), ts, opts)
	require.NoError(t, err)
	require.NotEmpty(t, res.Programs)
	assert.Equal(t, right.String(), res.Programs[0].Program.String())
	assert.Equal(t, right.Bits(), res.Programs[0].Bits)
	assert.Equal(t, "11", key(res.Predictions[0].Next))
	for _, e := range res.Programs {
		assert.NotEqual(t, wrong.String(), e.Program.String())
		assert.NotEqual(t, undefinedNext.String(), e.Program.String())
	}
}

// TestReportJSON checks the JSON form's field names and that big numbers
// stay exact decimal strings.
func TestReportJSON(t *testing.T) {
	ts := terms("1 2 4 8 16 32 64 128 256 512 1024 2048 4096 8192 16384 32768 65536 131072 262144 524288 1048576 2097152 4194304 8388608 16777216 33554432 67108864 134217728 268435456 536870912 1073741824 2147483648 4294967296 8589934592 17179869184 34359738368 68719476736 137438953472 274877906944 549755813888 1099511627776 2199023255552 4398046511104 8796093022208 17592186044416 35184372088832 70368744177664 140737488355328 281474976710656 562949953421312 1125899906842624 2251799813685248 4503599627370496 9007199254740992 18014398509481984 36028797018963968 72057594037927936 144115188075855872 288230376151711744 576460752303423488 1152921504606846976 2305843009213693952 4611686018427387904 9223372036854775808")
	res, err := predict.Predict(context.Background(), ts, refOptions(2, 2))
	require.NoError(t, err)
	b, err := json.Marshal(res.Report())
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	for _, k := range []string{"terms", "found", "predictions", "programs", "other_probability", "stats"} {
		assert.Contains(t, got, k)
	}
	assert.Equal(t, true, got["found"])
	preds := got["predictions"].([]any)
	require.NotEmpty(t, preds)
	first := preds[0].(map[string]any)
	assert.Equal(t, []any{"18446744073709551616", "36893488147419103232"}, first["next"])
	assert.Contains(t, first, "probability")
	prog := got["programs"].([]any)[0].(map[string]any)
	for _, k := range []string{"program", "bits", "posterior", "next"} {
		assert.Contains(t, prog, k)
	}
	stats := got["stats"].(map[string]any)
	for _, k := range []string{"literal_bits", "best_bits", "complete_bits", "candidates", "distinct", "classes", "stopped", "cut_short", "elapsed_ms"} {
		assert.Contains(t, stats, k)
	}
}

// TestPredictErrors checks that an empty sequence is an error, not a panic.
func TestPredictErrors(t *testing.T) {
	_, err := predict.Predict(context.Background(), nil, refOptions(1, 1))
	assert.ErrorIs(t, err, search.ErrNoTerms)
}

// TestLateFitters checks that late fitters run only when nothing within the
// search's horizon explains the terms, and that their proposals join the
// mixture like any program.
func TestLateFitters(t *testing.T) {
	cases := []struct {
		seq    string
		called bool
	}{
		{"2 4 6 8", false}, // a(n) = n + n is well within the horizon
		{"1 2 3 5 6 7 10 11 13 14 15 17", true},
	}
	for _, c := range cases {
		t.Run(c.seq, func(t *testing.T) {
			calls := 0
			opts := refOptions(1, 3)
			opts.Search.MaxBits = 20
			opts.LateFitters = []predict.Fitter{func(ctx context.Context, terms []*big.Int) []*dsl.Program {
				calls++
				return search.Filters(ctx, terms)
			}}
			res, err := predict.Predict(context.Background(), terms(c.seq), opts)
			require.NoError(t, err)
			assert.Equal(t, c.called, calls > 0)
			if c.called {
				// The squarefree numbers: a filter explains them.
				require.NotEmpty(t, res.Predictions)
				assert.Equal(t, "19", key(res.Predictions[0].Next))
				assert.Equal(t, dsl.Filter, res.Programs[0].Program.Kind)
			}
		})
	}
}
