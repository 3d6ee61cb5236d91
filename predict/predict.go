package predict

import (
	"cmp"
	"context"
	"math"
	"math/big"
	"slices"
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
	// Longer programs were not seen; the mixture reserves 2^-HorizonBits
	// for them (see the package documentation), which no listed
	// continuation gets.
	HorizonBits int
	// Unseen is the probability reserved for the programs beyond the
	// horizon, part of Other.
	Unseen  float64
	Search  *search.Result
	Elapsed time.Duration

	// The whole mixture, for Probability (prob.go): every class (not only
	// the Top listed), the literal length of the given terms before a
	// continuation's own terms, and the normaliser Z, all weights scaled
	// by 2^ref to stay in floating-point range.
	mixture []mixed
	next    int // the length of a continuation (Options.Next)
	base    int
	ref     int
	z       float64
}

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
	var fitted []search.Found
	in := fitInput(terms)
	for _, fit := range opts.Fitters {
		if in == nil || ctx.Err() != nil {
			break // out of time: checking proposals takes long on long data
		}
		fitted = append(fitted, checkFitted(ctx, terms, fit(ctx, in))...)
	}
	so := opts.Search
	for _, f := range fitted {
		if f.Bits < dsl.LiteralBits(terms) && (so.KnownBits == 0 || f.Bits < so.KnownBits) {
			so.KnownBits = f.Bits
		}
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

// behaviour is what identifies a program's class: its next term.
func behaviour(f search.Found) string { return f.Next.String() }

// horizon describes what the search did not see: every program longer than
// bits, whose total weight in the mixture is estimated as 2^log2Mass.
type horizon struct {
	bits     int
	log2Mass float64 // log2 of the estimated weight beyond
}

// horizonGrowth is how much the number of distinct behaviours grows per
// extra bit of program length, as measured by the fast engine (1.4 to 1.6).
const horizonGrowth = 1.5

// horizonOf estimates the weight of the consistent programs longer than
// the search's complete length C. The chance that a candidate is a new
// consistent behaviour is estimated by the rule of succession over the
// candidates the search evaluated, rho = (behaviours found+1)/(candidates+2);
// the number of distinct behaviours per length grows by g = horizonGrowth
// (measured: see the scaling table in search/doc.go). The expected weight
// beyond C is then
//
//	sum over j >= 1 of rho * cand(C) * g^j * 2^-(C+j) = rho * cand(C) * 2^-C * g/(2-g).
func horizonOf(sr *search.Result) horizon {
	h := horizon{bits: sr.CompleteBits}
	n := len(sr.Levels)
	if n == 0 {
		return h // nothing searched: 2^-0 = everything is unseen
	}
	// Behaviours, not programs: the plain enumerator reports every program.
	seen := len(dsl.Shortest(sr.Found, behaviour, func(f search.Found) int { return f.Bits }))
	rho := float64(seen+1) / float64(sr.Candidates+2)
	if seen == 0 {
		rho = min(rho, extrapolatedRate(sr))
	}
	last := float64(max(1, sr.Levels[n-1].Candidates))
	h.log2Mass = math.Log2(rho * last * horizonGrowth / (2 - horizonGrowth))
	return h
}

// extrapolatedRate estimates, when the search found nothing, how likely a
// candidate is to reproduce all the terms, from how many reproduced the
// first j of them: A_j candidates of the checked levels reproduced at least
// j terms, so each further term kept a fraction f = (A_J/A_1)^(1/(J-1)) of
// them, J the deepest j still seen at least minMatched times; all N terms
// then hold with probability about A_J/M * f^(N-J). Programs that match
// many terms are not random, so this is optimistic for short data; the
// rule of succession caps it. It returns 1 when there is no such data.
func extrapolatedRate(sr *search.Result) float64 {
	const minMatched = 20
	var m float64
	var a []float64 // a[j]: candidates reproducing at least j terms
	for _, l := range sr.Levels {
		if !l.CheckOnly || l.Matched == nil {
			continue
		}
		m += float64(l.Candidates)
		if a == nil {
			a = make([]float64, len(l.Matched))
		}
		atLeast := 0.0 // suffix sums: linear in the number of terms
		for j := len(l.Matched) - 1; j >= 1; j-- {
			atLeast += float64(l.Matched[j])
			a[j] += atLeast
		}
	}
	if m == 0 || len(a) < 2 || a[1] < minMatched {
		return 1
	}
	n := len(a) - 1 // the number of terms
	deep := 1
	for j := 2; j <= n && a[j] >= minMatched; j++ {
		deep = j
	}
	f := a[1] / m
	if deep >= 2 {
		f = math.Pow(a[deep]/a[1], 1/float64(deep-1))
	}
	return a[deep] / m * math.Pow(f, float64(n-deep))
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
// because the integer code is complete.
func mix(terms []*big.Int, classes []class, hz horizon, opts Options) *Result {
	res := &Result{Terms: terms, LiteralBits: dsl.LiteralBits(terms), Classes: len(classes), HorizonBits: hz.bits}
	horizon := hz.bits
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
	ref := min(base, horizon) // the exponent everything is scaled by, to stay in range
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
		ref = min(ref, w.bits)
		ws = append(ws, w)
	}
	pow := func(bits int) float64 { return math.Exp2(float64(ref - bits)) }
	var unseen, z float64
	normalise := func() {
		// The unseen programs beyond the horizon (see horizonOf).
		unseen = math.Exp2(float64(ref-horizon) + hz.log2Mass)
		z = pow(base) + unseen
		for _, w := range ws {
			z += pow(w.bits) - pow(w.litBits)
		}
	}
	normalise()
	if z == 0 {
		// Every weight underflowed at the horizon's scale (long data
		// whose unseen mass is estimated far below 2^-horizon): scale to
		// the heaviest weight instead, so that z >= 1.
		ref = base
		if u := float64(horizon) - hz.log2Mass; u < float64(ref) {
			ref = int(math.Floor(u))
		}
		for _, w := range ws {
			ref = min(ref, w.bits)
		}
		normalise()
	}
	res.Found = res.BestBits > 0 && res.BestBits < res.LiteralBits
	res.Unseen = unseen / z
	res.next, res.base, res.ref, res.z = k, base, ref, z
	for _, w := range ws {
		res.mixture = append(res.mixture, mixed{next: w.c.next, bits: w.bits})
	}
	slices.SortStableFunc(ws, func(a, b weighted) int {
		if c := cmp.Compare(a.bits, b.bits); c != 0 {
			return c
		}
		return compareTuples(a.c.next, b.c.next)
	})
	for _, w := range ws {
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
	}
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
