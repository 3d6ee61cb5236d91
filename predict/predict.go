package predict

import (
	"cmp"
	"context"
	"math"
	"math/big"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/search"
)

// Engine runs a program search; search.Search (the fast engine) and
// search.Reference (the plain enumerator) both qualify.
type Engine func(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error)

// Fitter proposes programs for the terms by solving for their constants
// instead of enumerating them. What it proposes is checked and charged its
// full length like any other program, so fitters change how soon programs
// are found, not how much they weigh.
type Fitter func(ctx context.Context, terms []*big.Int) []*dsl.Program

// Options configure a prediction. Zero values mean the defaults.
type Options struct {
	Search search.Options
	// Next is how many terms to predict jointly (default 1).
	Next int
	// Top is how many predictions and explanations to report (default 5).
	Top int
	// Engine defaults to search.Search.
	Engine Engine
	// Fitters are consulted besides the enumeration, before it.
	Fitters []Fitter
	// LateFitters are consulted after the enumeration, and only when
	// neither it nor the fitters found a program within the lengths the
	// search completed: searches of their own (search.Filters) that are
	// worth their time only when nothing short explains the terms.
	LateFitters []Fitter
	// Unseen is the estimate of the unseen mass (default DefaultUnseen).
	Unseen *UnseenModel
	// Observe adds the raw figures of the unseen-mass estimate
	// (Observations) to the Report, for refitting it offline.
	Observe bool
}

// Prediction is one continuation of the data and its probability.
type Prediction struct {
	Next        []*big.Int
	Probability float64
}

// Explanation is a program in the mixture.
type Explanation struct {
	Program   *dsl.Program
	Bits      int
	Posterior float64    // its share of the mixture
	Next      []*big.Int // what it predicts
	Literal   bool       // the terms written out, not a pattern
}

// Result is a prediction with its explanations and what was searched.
type Result struct {
	Terms []*big.Int
	// Found is true when some program is shorter than writing the given
	// terms out: the sequence compresses, a pattern was found.
	Found bool
	// Predictions are the most probable continuations, most probable first.
	Predictions []Prediction
	// Programs are the heaviest explanations, shortest first.
	Programs []Explanation
	// Other is the probability left to every continuation not listed in
	// Predictions (each of them keeps a non-zero share through the literal
	// programs).
	Other float64
	// LiteralBits is the length of the literal program of the given terms;
	// BestBits is the shortest consistent non-literal program, or 0.
	LiteralBits int
	BestBits    int
	// Classes is the number of distinct continuations found by programs.
	Classes int
	// HorizonBits is the length up to which the search saw every program.
	// Longer programs were not seen; the mixture reserves an estimate of
	// their weight (Unseen; see the package documentation), which no
	// listed continuation gets.
	HorizonBits int
	// Unseen is the probability reserved for the programs beyond the
	// horizon, part of Other.
	Unseen float64
	// Ambiguous is true when the two most probable continuations are
	// within a factor of AmbiguityFactor of each other: a tie, which the
	// answer should say out loud. Tied is how many continuations, most
	// probable first, are within that factor of the first (1 when there is
	// no tie; 0 when there is no prediction).
	Ambiguous bool
	Tied      int
	Search    *search.Result
	Elapsed   time.Duration

	// The whole mixture, for Probability (prob.go): every class (not only
	// the Top listed), the literal length of the given terms before a
	// continuation's own terms, and the normaliser Z, all weights scaled
	// by 2^ref to stay in floating-point range.
	mixture []mixed
	next    int // the length of a continuation (Options.Next)
	observe bool
	base    int
	ref     float64
	z       float64
}

// AmbiguityFactor is how close two continuations' probabilities must be
// for the prediction to be a tie (Result.Ambiguous): the first is at most
// this many times as probable as the second.
const AmbiguityFactor = 1.25

// Predict searches for programs reproducing terms and mixes their
// predictions. See the package documentation for the mixture.
func Predict(ctx context.Context, terms []*big.Int, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Next <= 0 {
		opts.Next = 1
	}
	if opts.Top <= 0 {
		opts.Top = 5
	}
	if opts.Engine == nil {
		opts.Engine = search.Search
	}
	// Fitters first: a program they find tells the search where its
	// margin starts, so an easy sequence stops early.
	in := fitInput(terms)
	so := opts.Search
	fitted := runFitters(ctx, terms, in, opts.Fitters, so.Workers)
	for _, f := range fitted {
		if f.Bits < dsl.LiteralBits(terms) && (so.KnownBits == 0 || f.Bits < so.KnownBits) {
			so.KnownBits = f.Bits
		}
	}
	if so.KnownBits > 0 && so.FarPrograms == 0 && opts.unseen().fragile(dsl.LiteralBits(terms)-so.KnownBits, furtherBeyond) >= furtherShare {
		// Search further where it pays (see the package documentation):
		// the fitted pattern's evidence is weak, so whatever the search
		// finds beyond its usual reach, a shorter explanation or a
		// competitor, may change the answer.
		so.FarPrograms = cmp.Or(so.MaxPrograms, search.DefaultMaxPrograms) / furtherShareOfBudget
	}
	sr, err := opts.Engine(ctx, terms, so)
	if err != nil {
		return nil, err
	}
	found := append(slices.Clone(sr.Found), fitted...)
	if !explainedWithin(found, sr.CompleteBits) {
		for _, fit := range opts.LateFitters {
			if in == nil {
				break
			}
			found = append(found, checkFitted(ctx, terms, fit(ctx, in))...)
		}
	}
	// Shortest first; among equals, the engine's order (stable sort).
	slices.SortStableFunc(found, func(a, b search.Found) int { return cmp.Compare(a.Bits, b.Bits) })
	res := mix(terms, representatives(terms, found, opts.Next), horizonOf(sr), opts)
	res.Search = sr
	res.Elapsed = time.Since(start)
	return res, nil
}

// runFitters runs the fitters on in, up to workers at once (0: one per
// CPU, as the search), and returns what they propose that reproduces the
// terms, in the fitters' order, so the result does not depend on workers.
// As when they ran one after another, a fitter that has not started when
// ctx ends, and every one after it, contributes nothing: checking
// proposals takes long on long data.
func runFitters(ctx context.Context, terms, in []*big.Int, fitters []Fitter, workers int) []search.Found {
	if in == nil {
		return nil
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(terms) > MaxFitTerms {
		// Checking a proposal holds the exact values of all the terms
		// (some 60 bytes a term): two checks of 100,000 terms at once
		// outran the garbage collector at --max-memory 48 on a loaded
		// machine (TestMemoryBound, peaks up to 52 MiB). One at a time
		// on such inputs; the results are the same in any case.
		workers = 1
	}
	found := make([][]search.Found, len(fitters))
	started := make([]bool, len(fitters))
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < len(fitters); i = int(next.Add(1) - 1) {
			if ctx.Err() != nil {
				return
			}
			started[i] = true
			found[i] = checkFitted(ctx, terms, fitters[i](ctx, in))
		}
	}
	var wg sync.WaitGroup
	for range min(workers, len(fitters)) - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	var out []search.Found
	for i := range fitters {
		if !started[i] {
			break
		}
		out = append(out, found[i]...)
	}
	return out
}

// MaxFitTerms is the most terms a fitter is shown: the first ones. Some
// fitters solve systems with a row per term, whose time and memory grow
// faster than the terms; what they propose is checked on every term
// anyway, and a fit to the first MaxFitTerms terms of a longer sequence
// that follows it is the same fit.
const MaxFitTerms = 1000

// fitInput is what the fitters are shown: the first MaxFitTerms terms, or
// nothing (nil) when a term has more than dsl.MaxBigBits bits: no
// program's exact values reach that far, so every proposal would fail its
// check, and solving for such numbers can take seconds.
func fitInput(terms []*big.Int) []*big.Int {
	for _, t := range terms {
		if t.BitLen() > dsl.MaxBigBits {
			return nil
		}
	}
	return terms[:min(len(terms), MaxFitTerms)]
}

// unseen is the model of the unseen mass the options ask for.
func (o Options) unseen() UnseenModel {
	if o.Unseen != nil {
		return *o.Unseen
	}
	return DefaultUnseen
}

// explainedWithin reports whether some program found is at most bits long.
func explainedWithin(found []search.Found, bits int) bool {
	return slices.ContainsFunc(found, func(f search.Found) bool { return f.Bits <= bits })
}

// checkFitted keeps the proposed programs that reproduce the terms exactly
// and define the next one. It checks none after ctx is done.
func checkFitted(ctx context.Context, terms []*big.Int, progs []*dsl.Program) []search.Found {
	var out []search.Found
	for _, p := range progs {
		if ctx.Err() != nil {
			break
		}
		if next, ok := dsl.Reproduce(p, terms, 1); ok && next[0] != nil {
			out = append(out, search.Found{Program: p, Bits: p.Bits(), Next: next[0]})
		}
	}
	return out
}

// class is one behaviour: the programs that agree on the given terms and
// the next one, represented by the shortest of them.
type class struct {
	rep  search.Found
	next []*big.Int // the representative's next K terms
}

// behaviour is what identifies a program's class: its next term.
func behaviour(f search.Found) string { return f.Next.String() }

// representatives keeps the first (shortest) program for each next term
// and computes its next k terms. A representative that leaves one of those
// undefined drops out of a k-term prediction.
func representatives(terms []*big.Int, found []search.Found, k int) []class {
	var out []class
	for _, f := range dsl.Shortest(found, behaviour, func(f search.Found) int { return f.Bits }) {
		next := []*big.Int{f.Next}
		if k > 1 {
			next = f.Program.BigValues(len(terms) + k)[len(terms):]
			if slices.Contains(next, nil) {
				continue
			}
		}
		out = append(out, class{rep: f, next: next})
	}
	return out
}

// literalClasses returns the continuations that the literal programs make
// the most probable — 0, ±1, ±2 for one term, zeros for several — that no
// class claims and that outweigh some class (their literal program, of
// litBits(next) bits, is shorter than that class's program). Their weight
// is counted in the normaliser already; listing them keeps a program that
// predicts 3 at 61 bits from being shown as the top prediction when the
// literal continuation 0 weighs more.
func literalClasses(classes []class, k int, litBits func([]*big.Int) int) []class {
	longest := 0
	for _, c := range classes {
		longest = max(longest, min(c.rep.Bits, litBits(c.next)))
	}
	var cands [][]*big.Int
	if k == 1 {
		for _, v := range []int64{0, 1, -1, 2, -2} {
			cands = append(cands, []*big.Int{big.NewInt(v)})
		}
	} else {
		zeros := make([]*big.Int, k)
		for i := range zeros {
			zeros[i] = new(big.Int)
		}
		cands = append(cands, zeros)
	}
	var out []class
	for _, next := range cands {
		if litBits(next) < longest && !slices.ContainsFunc(classes, func(c class) bool { return compareTuples(c.next, next) == 0 }) {
			// No program: the literal is shorter than any length.
			out = append(out, class{rep: search.Found{Bits: math.MaxInt32}, next: next})
		}
	}
	return out
}

// mix turns the classes into probabilities. Each class weighs 2^-bits of
// its shortest program, or of the literal program that writes out the
// given terms and its continuation if that is shorter. Continuations no
// program found keep the literal programs' weight, and the normaliser
// counts all of them in closed form: the literal programs of the given
// terms followed by every possible k terms weigh 2^-literalBase in total,
// because the integer code is complete. The unseen programs beyond the
// horizon add their estimated weight (unseen.go).
func mix(terms []*big.Int, classes []class, hz horizon, opts Options) *Result {
	res := &Result{Terms: terms, LiteralBits: dsl.LiteralBits(terms), Classes: len(classes), HorizonBits: hz.bits}
	n, k := len(terms), opts.Next
	base := dsl.HeaderBits(dsl.Literal, 0) + dsl.GammaBits(uint64(n+k)+1)
	for _, t := range terms {
		base += dsl.IntBits(t)
	}
	type weighted struct {
		c       class
		bits    int
		litBits int
		literal bool
	}
	ws := make([]weighted, 0, len(classes))
	litBits := func(next []*big.Int) int {
		lit := base
		for _, v := range next {
			lit += dsl.IntBits(v)
		}
		return lit
	}
	for _, c := range append(classes, literalClasses(classes, k, litBits)...) {
		lit := litBits(c.next)
		w := weighted{c: c, bits: c.rep.Bits, litBits: lit}
		if lit < w.bits {
			w.bits, w.literal = lit, true
		}
		if !w.literal && (res.BestBits == 0 || w.bits < res.BestBits) {
			res.BestBits = w.bits
		}
		ws = append(ws, w)
	}
	cs := make([]classBits, len(ws))
	for i, w := range ws {
		cs[i] = classBits{bits: w.bits, lit: w.litBits, literal: w.literal}
	}
	ref, z, unseenShare := normaliser(base, res.LiteralBits, cs, hz, opts.unseen())
	pow := func(bits int) float64 { return math.Exp2(ref - float64(bits)) }
	unseen := z * unseenShare
	res.Found = res.BestBits > 0 && res.BestBits < res.LiteralBits
	res.Unseen = unseenShare
	res.next, res.base, res.ref, res.z, res.observe = k, base, ref, z, opts.Observe
	for _, w := range ws {
		res.mixture = append(res.mixture, mixed{next: w.c.next, bits: w.bits, lit: w.litBits, literal: w.literal})
	}
	slices.SortStableFunc(ws, func(a, b weighted) int {
		if c := cmp.Compare(a.bits, b.bits); c != 0 {
			return c
		}
		return compareTuples(a.c.next, b.c.next)
	})
	if len(ws) > 0 {
		res.Tied = 1
	}
	for i, w := range ws {
		p := pow(w.bits) / z
		e := Explanation{Program: w.c.rep.Program, Bits: w.bits, Posterior: p, Next: w.c.next, Literal: w.literal}
		if w.literal {
			e.Program = dsl.NewLiteral(append(slices.Clone(terms), w.c.next...))
		}
		if len(res.Programs) < opts.Top {
			res.Programs = append(res.Programs, e)
		}
		if len(res.Predictions) < opts.Top {
			res.Predictions = append(res.Predictions, Prediction{Next: w.c.next, Probability: p})
		}
		// Compared in bits, so that the tie holds even where both
		// probabilities underflow.
		if i > 0 && math.Exp2(float64(w.bits-ws[0].bits)) <= AmbiguityFactor {
			res.Tied = i + 1
		}
	}
	res.Ambiguous = res.Tied > 1
	listed := 0.0
	for _, p := range res.Predictions {
		listed += p.Probability
	}
	res.Other = 1 - listed
	if res.Other <= 0 {
		// 1 - listed rounds to 0 as soon as the first probability rounds
		// to 1, yet the literal programs always leave every other
		// continuation a positive share. Sum what was left out directly:
		// all the literal programs' weight but that of the listed
		// continuations, plus the unlisted classes' excess over theirs.
		rest := pow(base) + unseen
		for i, w := range ws {
			if i < len(res.Predictions) {
				rest -= pow(w.litBits)
			} else {
				rest += pow(w.bits) - pow(w.litBits)
			}
		}
		res.Other = max(0, rest/z)
	}
	return res
}

func compareTuples(a, b []*big.Int) int {
	for i := range min(len(a), len(b)) {
		if c := a[i].Cmp(b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}
