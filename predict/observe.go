package predict

import (
	"fmt"
	"math"
	"math/big"
	"slices"

	"github.com/seqpredict/seqpredict/dsl"
)

// Observations are the raw figures of one prediction that the estimate of
// the unseen mass reads (see the package documentation): what the search
// evaluated, length by length, and every class of the mixture. They let
// the estimate be refitted offline from batch output, without searching
// again (seqpredict batch --observations).
type Observations struct {
	Terms        int                `json:"terms"`
	LiteralBits  int                `json:"literal_bits"`
	LiteralBase  int                `json:"literal_base"` // the literal code of the terms before a continuation's own
	CompleteBits int                `json:"complete_bits"`
	Levels       []LevelObservation `json:"levels"`
	Classes      []ClassObservation `json:"classes"`
}

// LevelObservation is one program length the search completed.
type LevelObservation struct {
	Bits       int     `json:"bits"`
	Candidates int64   `json:"candidates"`
	Consistent int64   `json:"consistent"`
	CheckOnly  bool    `json:"check_only,omitempty"`
	Matched    []int64 `json:"matched,omitempty"`
}

// ClassObservation is one class of the mixture: its continuation, its
// length (the shorter of its program and its literal program) and the
// length of its literal program.
type ClassObservation struct {
	Next        []string `json:"next"`
	Bits        int      `json:"bits"`
	LiteralBits int      `json:"literal_bits"`
	Literal     bool     `json:"literal,omitempty"` // the literal program is the shorter
}

// Observations returns the raw figures of r; nil when r did not come from
// Predict.
func (r *Result) Observations() *Observations {
	if r.z <= 0 {
		return nil
	}
	o := &Observations{Terms: len(r.Terms), LiteralBits: r.LiteralBits, LiteralBase: r.base, CompleteBits: r.HorizonBits}
	if s := r.Search; s != nil {
		for _, l := range s.Levels {
			o.Levels = append(o.Levels, LevelObservation{Bits: l.Bits, Candidates: l.Candidates, Consistent: l.Consistent, CheckOnly: l.CheckOnly, Matched: l.Matched})
		}
	}
	for _, m := range r.mixture {
		o.Classes = append(o.Classes, ClassObservation{Next: Strings(m.next), Bits: m.bits, LiteralBits: m.lit, Literal: m.literal})
	}
	return o
}

// Refit recomputes the mixture from the observations under the unseen
// model m, as Predict would have with Options.Unseen = &m: the most
// probable continuation (the shortest class, the smallest continuation
// among equals), its probability, and the log2 probability of the
// continuation expected (decimal strings). It returns an error when a
// string is not an integer.
func (o *Observations) Refit(m UnseenModel, expected []string) (top []string, topP, log2Expected float64, err error) {
	hz := horizon{bits: o.CompleteBits}
	for _, l := range o.Levels {
		hz.candidates += l.Candidates
		hz.last = l.Candidates
	}
	cs := make([]classBits, len(o.Classes))
	for i, c := range o.Classes {
		cs[i] = classBits{bits: c.Bits, lit: c.LiteralBits, literal: c.Literal}
	}
	ref, z, _ := normaliser(o.LiteralBase, o.LiteralBits, cs, hz, m)
	log2P := func(bits int) float64 { return ref - float64(bits) - math.Log2(z) }
	var topNext []*big.Int
	topBits := -1
	for _, c := range o.Classes {
		next, err := bigInts(c.Next)
		if err != nil {
			return nil, 0, 0, err
		}
		if topBits < 0 || c.Bits < topBits || c.Bits == topBits && compareTuples(next, topNext) < 0 {
			top, topNext, topBits = c.Next, next, c.Bits
		}
	}
	if topBits >= 0 {
		topP = math.Exp2(log2P(topBits))
	}
	bits := o.LiteralBase
	want, err := bigInts(expected)
	if err != nil {
		return nil, 0, 0, err
	}
	for _, v := range want {
		bits += dsl.IntBits(v)
	}
	for _, c := range o.Classes {
		if slices.Equal(c.Next, expected) {
			bits = c.Bits
		}
	}
	return top, topP, log2P(bits), nil
}

func bigInts(xs []string) ([]*big.Int, error) {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		v, ok := new(big.Int).SetString(x, 10)
		if !ok {
			return nil, fmt.Errorf("predict: %q is not an integer", x)
		}
		out[i] = v
	}
	return out, nil
}
