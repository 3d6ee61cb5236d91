package explain

import (
	"errors"
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
)

// Guess is what the mixture says about one continuation of the terms,
// whether or not it is among the predictions: its probability and the
// program that carries that weight.
type Guess struct {
	Terms []string `json:"terms"`
	Next  []string `json:"next"`
	// Probability is the mixture's probability of Next
	// (predict.Result.Probability); Bits is -log2 of it.
	Probability float64 `json:"probability"`
	Bits        float64 `json:"bits"`
	// Program (ProgramBits long) is the shortest program of the class that
	// continues the terms with Next, or, when that is shorter or no
	// program does, the terms written out followed by Next (Literal).
	Program     string `json:"program"`
	ProgramBits int    `json:"program_bits"`
	Literal     bool   `json:"literal,omitempty"`
}

// Judge says how likely the continuation next is under the mixture of res,
// and which program gives it that weight. res must come from
// predict.Predict with Options.Top set to AllClasses, and next must have
// as many terms as were predicted.
func Judge(res *predict.Result, next []*big.Int) (*Guess, error) {
	if len(res.Programs) < res.Classes {
		return nil, errors.New("explain: the result lists only some classes; predict with Options.Top = explain.AllClasses")
	}
	lp := res.Log2Probability(next)
	if math.IsNaN(lp) {
		return nil, errors.New("explain: the guess does not have as many terms as were predicted")
	}
	g := &Guess{
		Terms: predict.Strings(res.Terms), Next: predict.Strings(next),
		Probability: math.Exp2(lp), Bits: -lp, ProgramBits: -1,
	}
	for _, e := range res.Programs {
		if slices.EqualFunc(e.Next, next, func(a, b *big.Int) bool { return a.Cmp(b) == 0 }) {
			g.Program, g.ProgramBits, g.Literal = e.Program.String(), e.Bits, e.Literal
			break
		}
	}
	if g.ProgramBits < 0 {
		lit := dsl.NewLiteral(append(slices.Clone(res.Terms), next...))
		g.Program, g.ProgramBits, g.Literal = lit.String(), lit.Bits(), true
	}
	return g, nil
}
