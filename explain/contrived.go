package explain

import (
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
)

// Contrived is a program that reproduces the terms as well as the best one
// but predicts something else: the best program plus a product that
// vanishes at every index where its formula is used (for a generating
// function N/D, plus x^n/D, n the number of terms, whose coefficients
// vanish at every given index).
type Contrived struct {
	Program string   `json:"program"`
	Bits    int      `json:"bits"`
	Next    []string `json:"next"`
	// Added is the vanishing product added to the best program's formula;
	// Zeros are the indices n where it is 0.
	Added string `json:"added"`
	Zeros []int  `json:"zeros"`
	// Reproduces is true: the evaluator checked that the program gives
	// every term (a program that did not would not be shown).
	Reproduces bool `json:"reproduces"`
	// ExtraBits is Bits minus the best program's length, and Relative
	// = 2^-ExtraBits its weight relative to the best program's.
	ExtraBits int     `json:"extra_bits"`
	Weight    float64 `json:"weight"`
	Relative  float64 `json:"relative_weight"`
	// InBudget says whether the search enumerated programs this long.
	InBudget bool `json:"in_budget"`
	// Share is what the program's share would be if its own weight were
	// counted in the mixture: 2^-Bits / Z.
	Share float64 `json:"share"`
	// MixtureProbability is what the mixture really gives the contrived
	// continuation, and MixtureProgram (MixtureBits long) is the program
	// that carries that weight: the shortest program of its class, or the
	// terms written out followed by the continuation.
	MixtureProbability float64 `json:"mixture_probability"`
	MixtureProgram     string  `json:"mixture_program"`
	MixtureBits        int     `json:"mixture_bits"`
	MixtureLiteral     bool    `json:"mixture_literal,omitempty"`
}

// contrive builds the contrived rival of best (its kind's, see
// dsl.Contrive), checks it against the terms and measures it, or says
// why there is none.
func contrive(res *predict.Result, best *predict.Explanation) (*Contrived, string) {
	r, why := dsl.Contrive(best.Program, len(res.Terms))
	if why != "" {
		return nil, why
	}
	return finishContrived(res, best, r)
}

// finishContrived checks the rival against the terms and measures it.
func finishContrived(res *predict.Result, best *predict.Explanation, r dsl.Rival) (*Contrived, string) {
	q := r.Program
	next, ok := dsl.Reproduce(q, res.Terms, len(best.Next))
	if !ok {
		return nil, "adding a vanishing product to the best program does not reproduce the terms in exact arithmetic"
	}
	if slices.Contains(next, nil) {
		return nil, "the contrived program leaves the next term undefined"
	}
	if slices.EqualFunc(next, best.Next, func(a, b *big.Int) bool { return a.Cmp(b) == 0 }) {
		return nil, "the contrived program predicts the same as the best one"
	}
	bits := q.Bits()
	c := &Contrived{
		Program: q.String(), Bits: bits, Next: predict.Strings(next),
		Added: r.Added, Zeros: r.Zeros, Reproduces: true,
		ExtraBits: bits - best.Bits,
		Weight:    math.Exp2(-float64(bits)),
		Relative:  math.Exp2(-float64(bits - best.Bits)),
		Share:     math.Exp2(-float64(bits) - res.Log2Z()),
	}
	if s := res.Search; s != nil {
		c.InBudget = bits <= s.CompleteBits
	}
	g, err := Judge(res, next)
	if err != nil {
		return nil, err.Error()
	}
	c.MixtureProbability, c.MixtureProgram, c.MixtureBits, c.MixtureLiteral = g.Probability, g.Program, g.ProgramBits, g.Literal
	return c, ""
}
