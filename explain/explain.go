// Package explain turns a prediction into a walk-through of Solomonoff
// induction for teaching: how many programs there are of each length, which
// of them reproduce the terms, how their weights 2^-bits become a
// distribution over the next term, how much the best program compresses the
// data, and why a contrived program that also fits gets next to nothing.
//
// Every figure in a Walkthrough is one the predictor computed (or, for the
// contrived program, one computed here with the language's own coder and
// evaluator); the text, the JSON form and the plot all show the same data.
package explain

import (
	"errors"
	"math"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
)

// AllClasses is the predict.Options.Top that Build needs the result to be
// computed with: the walk-through accounts for every class of the mixture
// (the posterior mass by length sums all of them), and lists only the top
// ones itself.
const AllClasses = math.MaxInt32

// Language is the one-paragraph description of the language and its prior.
const Language = "A program defines a(n) for every index n, in one of sixteen ways: a " +
	"closed formula in n (a(n) = 2*n + 2), a recurrence on up to ten " +
	"earlier terms with its initial terms (a(n) = a(n-1) + a(n-2); a(0) = 0, " +
	"a(1) = 1), a triangle read by rows (T(n, k) = binomial(n, k)), a " +
	"triangle whose entries are computed from the entries above them " +
	"(T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1), a set " +
	"listed in order (a = {n >= 1 : mu(n)^2 > 0}), a sum over the " +
	"divisors k of n (a(n) = sum(k|n, k^2); n >= 1), a multiplicative " +
	"function given at the prime powers p^k exactly dividing n " +
	"(a(n) = prod(p^k||n, p - 1); n >= 1), a " +
	"generating function (a(n) = [x^n] 1/((1-x)*(1-x^2))), an algebraic " +
	"generating function, the series solving a polynomial equation " +
	"(a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1), a product of " +
	"powers of Euler's function E(x) = (1-x)(1-x^2)... at x^m " +
	"(a(n) = [x^n] E(x^2)^2/E(x), an eta quotient), the decimal " +
	"digits of a real constant (a = digits(log(8))), the multiples or the " +
	"powers of a real constant rounded (a(n) = floor(n*pi), a(n) = floor(e^n), " +
	"and ceiling, round), the continued " +
	"fraction of a square root (a = cf(sqrt(352)), and cfnum, cfden for the " +
	"numerators and denominators of its convergents), the numbers of one " +
	"prime signature in order (a = signature(2, 1): 12, 18, 20, 28, ..., " +
	"the numbers p^2*q), or the terms " +
	"written out (a = [2, 4, 6, 8]). Formulas use " +
	"n, positive constants, the operations +, -, *, / (floor), mod, ^, !, " +
	"binomial and gcd, if-then-else, sum and prod, and the functions prime, " +
	"pi, isprime, sigma, tau, phi, mu, digsum, bitcount, rev, isqrt, " +
	"nextprime, prevprime, gpf, lpf, omega, bigomega, issquare, val (the " +
	"p-adic valuation), ilog (floor of log_b), iroot (floor of the k-th " +
	"root), xor, and, or and base (x written in base b, read as a decimal " +
	"numeral). Every " +
	"program is written in a binary code in which no " +
	"code word is a prefix of another (n, +, * and a(n-1) take 3 bits, a " +
	"constant c about 3 + 2*log2(c)). A program of b bits gets the prior " +
	"weight 2^-b: each extra bit halves it, and all the weights together " +
	"add up to at most 1."

// Walkthrough is the whole explanation of one prediction. Its JSON form is
// what `seqpredict explain --json` prints.
type Walkthrough struct {
	Terms []string `json:"terms"`
	// Next is how many next terms are predicted, jointly.
	Next int `json:"next"`
	// Found is predict.Result.Found: some program is shorter than the
	// terms written out.
	Found    bool   `json:"found"`
	Language string `json:"language"`
	Search   Search `json:"search"`
	// Log2Z is log2 of the mixture's normaliser Z, the total weight of
	// everything mixed; a class's share is 2^-bits / Z.
	Log2Z float64 `json:"log2_z"`
	// Programs are the heaviest classes, shortest first: each class is the
	// programs that agree on the next term, weighed by its shortest one.
	Programs []Program `json:"programs"`
	// MorePrograms classes are not listed; MoreShare is their total share.
	MorePrograms int     `json:"more_programs"`
	MoreShare    float64 `json:"more_programs_share"`
	// Predictions are the most probable continuations, most probable first.
	Predictions []Outcome `json:"predictions"`
	// Other is the probability of every continuation not listed, as in
	// predict.Result.Other.
	Other float64 `json:"other_probability"`
	// ByLength is the posterior mass of the program classes (not literal)
	// by the length of their shortest program, shortest first.
	ByLength []LengthShare `json:"share_by_length"`
	// LiteralShare is the posterior mass of the literal programs: the
	// terms written out followed by a continuation.
	LiteralShare float64 `json:"literal_share"`
	// Unseen is the mass predict reserves for the programs longer than
	// the search saw (predict.Result.Unseen).
	Unseen      float64     `json:"unseen_share"`
	Compression Compression `json:"compression"`
	// Contrived is a longer program that fits the terms too but predicts
	// something else; NoContrived says why there is none.
	Contrived   *Contrived `json:"contrived,omitempty"`
	NoContrived string     `json:"no_contrived,omitempty"`
}

// Search is what was enumerated, from search.Result.
type Search struct {
	// CompleteBits is the length up to which every program was considered.
	CompleteBits int    `json:"complete_bits"`
	Candidates   int64  `json:"candidates"`
	Distinct     int64  `json:"distinct"`
	Stopped      string `json:"stopped"`
	CutShort     bool   `json:"cut_short"`
	// Classes is the number of distinct continuations programs predict.
	Classes int     `json:"classes"`
	Levels  []Level `json:"levels"`
}

// Level is one program length of the search (search.Level), with the
// classes whose shortest program has that length and their total share.
type Level struct {
	Bits       int     `json:"bits"`
	Candidates int64   `json:"candidates"`
	Distinct   int64   `json:"distinct"`
	Consistent int64   `json:"consistent"`
	Classes    int     `json:"classes"`
	Share      float64 `json:"share"`
}

// Program is one class of the mixture.
type Program struct {
	Program string `json:"program"`
	Bits    int    `json:"bits"`
	// Weight is the prior weight 2^-Bits; Share is Weight / Z, the
	// class's posterior (predict.Explanation.Posterior).
	Weight  float64  `json:"weight"`
	Share   float64  `json:"share"`
	Next    []string `json:"next"`
	Literal bool     `json:"literal,omitempty"`
}

// Outcome is one continuation and its probability.
type Outcome struct {
	Next        []string `json:"next"`
	Probability float64  `json:"probability"`
	// Bits is -log2 Probability: what saying this continuation costs
	// under the mixture. LiteralBits is what writing it out costs in the
	// universal integer code.
	Bits        float64 `json:"bits"`
	LiteralBits int     `json:"literal_bits"`
}

// LengthShare is the posterior mass at one program length.
type LengthShare struct {
	Bits    int     `json:"bits"`
	Classes int     `json:"classes"`
	Share   float64 `json:"share"`
}

// Compression compares the terms written out with the best program.
type Compression struct {
	Terms       int `json:"terms"`
	LiteralBits int `json:"literal_bits"`
	// BestBits and BestProgram are the shortest program that is not a
	// literal (0 and "" when none was found).
	BestBits    int    `json:"best_bits,omitempty"`
	BestProgram string `json:"best_program,omitempty"`
	// SavedBits is LiteralBits - BestBits (negative: no compression).
	SavedBits int `json:"saved_bits,omitempty"`
}

// Build makes the walk-through of res, listing its top classes and
// continuations. res must come from predict.Predict with Options.Top set
// to AllClasses, so that it holds every class of the mixture.
func Build(res *predict.Result, top int) (*Walkthrough, error) {
	if len(res.Programs) < res.Classes {
		return nil, errors.New("explain: the result lists only some classes; predict with Options.Top = explain.AllClasses")
	}
	log2Z := res.Log2Z()
	if math.IsNaN(log2Z) {
		return nil, errors.New("explain: the result did not come from predict.Predict")
	}
	top = max(top, 1)
	w := &Walkthrough{
		Terms:    predict.Strings(res.Terms),
		Next:     1,
		Found:    res.Found,
		Language: Language,
		Log2Z:    log2Z,
		Programs: []Program{},
	}
	if len(res.Predictions) > 0 {
		w.Next = len(res.Predictions[0].Next)
	}
	w.Search.Classes = res.Classes
	if s := res.Search; s != nil {
		w.Search.CompleteBits = s.CompleteBits
		w.Search.Candidates = s.Candidates
		w.Search.Distinct = s.Distinct
		w.Search.Stopped = string(s.Stopped)
		w.Search.CutShort = s.Cut()
		for _, l := range s.Levels {
			w.Search.Levels = append(w.Search.Levels, Level{
				Bits: l.Bits, Candidates: l.Candidates, Distinct: l.Distinct, Consistent: l.Consistent,
			})
		}
	}

	// Every class: the listed ones, the rest, the mass by length.
	byLen := map[int]*LengthShare{}
	var best *predict.Explanation
	for i, e := range res.Programs {
		if i < top {
			w.Programs = append(w.Programs, Program{
				Program: e.Program.String(), Bits: e.Bits, Weight: math.Exp2(-float64(e.Bits)),
				Share: e.Posterior, Next: predict.Strings(e.Next), Literal: e.Literal,
			})
		} else {
			w.MorePrograms++
			w.MoreShare += e.Posterior
		}
		if e.Literal {
			w.LiteralShare += e.Posterior
			continue
		}
		if best == nil {
			best = &res.Programs[i]
		}
		ls := byLen[e.Bits]
		if ls == nil {
			ls = &LengthShare{Bits: e.Bits}
			byLen[e.Bits] = ls
		}
		ls.Classes++
		ls.Share += e.Posterior
	}
	for i := range w.Search.Levels {
		if ls := byLen[w.Search.Levels[i].Bits]; ls != nil {
			w.Search.Levels[i].Classes, w.Search.Levels[i].Share = ls.Classes, ls.Share
		}
	}
	w.ByLength = []LengthShare{}
	for _, e := range res.Programs { // shortest first
		if ls := byLen[e.Bits]; ls != nil && !e.Literal {
			w.ByLength = append(w.ByLength, *ls)
			delete(byLen, e.Bits)
		}
	}

	// The continuations, as predict lists them for the same top.
	w.Predictions = []Outcome{}
	listed, all := 0.0, 0.0
	for i, p := range res.Predictions {
		all += p.Probability
		if i >= top {
			continue
		}
		listed += p.Probability
		w.Predictions = append(w.Predictions, Outcome{
			Next: predict.Strings(p.Next), Probability: p.Probability,
			Bits: -res.Log2Probability(p.Next), LiteralBits: intBits(p.Next),
		})
	}
	w.Other = max(0, 1-listed)
	// The programs longer than the search saw, as predict estimates them,
	// and the literal programs of the continuations no class claims.
	w.Unseen = res.Unseen
	w.LiteralShare += max(0, 1-all-res.Unseen)

	w.Compression = Compression{Terms: len(res.Terms), LiteralBits: res.LiteralBits}
	if best != nil {
		w.Compression.BestBits = best.Bits
		w.Compression.BestProgram = best.Program.String()
		w.Compression.SavedBits = res.LiteralBits - best.Bits
		w.Contrived, w.NoContrived = contrive(res, best)
	} else {
		w.NoContrived = "no program within the budget reproduces the terms, so there is no best program to contrive from"
	}
	return w, nil
}

// intBits is the length of writing xs out in the universal integer code.
func intBits(xs []*big.Int) int {
	b := 0
	for _, x := range xs {
		b += dsl.IntBits(x)
	}
	return b
}
