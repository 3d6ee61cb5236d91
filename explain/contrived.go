package explain

import (
	"math"
	"math/big"
	"slices"
	"strings"

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

// contrive builds the contrived rival of best, or says why it cannot.
func contrive(res *predict.Result, best *predict.Explanation) (*Contrived, string) {
	p := best.Program
	n := len(res.Terms)
	if p.Kind == dsl.Rational {
		return finishContrived(res, best, contriveRational(p, n))
	}
	if p.Kind == dsl.Digits {
		return nil, "the best explanation is the digits of a constant, which has no formula in n to add a vanishing product to"
	}
	if p.Kind == dsl.SqrtCF {
		return nil, "the best explanation is a continued fraction, which has no formula to add a vanishing product to"
	}
	// The product below vanishes at the indices of the given terms. A
	// set's body is evaluated at every integer up to the last term, and a
	// triangle's at the (row, column) cells, so neither would keep its
	// terms.
	if p.Kind == dsl.Filter {
		return nil, "the best explanation is a set, whose body is tested at every integer up to the last term, not only at the terms: a product vanishing at the terms would change the set"
	}
	if p.Kind == dsl.Triangle {
		return nil, "the best explanation is a triangle, whose formula reads a row and a column rather than the term's index: a product vanishing at the indices would not vanish at the cells"
	}
	if p.Kind == dsl.Literal || p.Body == nil {
		return nil, "the best explanation is the terms written out"
	}
	// The formula is used from index Offset+Order on (a recurrence's first
	// Order terms are its initial terms): the product vanishes there.
	var prod dsl.Expr
	var zeros []int
	for i := p.Order; i < n; i++ {
		m := p.Offset + i
		var f dsl.Expr = &dsl.Index{}
		if m > 0 {
			f = &dsl.Binary{Op: dsl.OpSub, X: &dsl.Index{}, Y: &dsl.Const{Value: int64(m)}}
		}
		if prod == nil {
			prod = f
		} else {
			prod = &dsl.Binary{Op: dsl.OpMul, X: prod, Y: f}
		}
		zeros = append(zeros, m)
	}
	if prod == nil {
		prod = &dsl.Const{Value: 1}
	}
	q := &dsl.Program{
		Kind: p.Kind, Offset: p.Offset, Order: p.Order,
		Body: &dsl.Binary{Op: dsl.OpAdd, X: p.Body, Y: prod},
		Init: slices.Clone(p.Init),
	}
	return finishContrived(res, best, rival{q, dsl.Format(prod), zeros})
}

// rival is a contrived program, what was added to the best one to make it,
// and the indices where the addition vanishes.
type rival struct {
	q     *dsl.Program
	added string
	zeros []int
}

// contriveRational adds x^n/D to the generating function N/D of the best
// program, n the number of terms: the numerator gains the term x^n, whose
// series x^n/D has zero coefficients at every given index.
func contriveRational(p *dsl.Program, n int) rival {
	num := make([]*big.Int, max(len(p.Num), n+1))
	for i := range num {
		num[i] = new(big.Int)
		if i < len(p.Num) {
			num[i].Set(p.Num[i])
		}
	}
	num[n].Add(num[n], big.NewInt(1))
	q := &dsl.Program{Kind: dsl.Rational, Offset: p.Offset, Exps: slices.Clone(p.Exps), Num: num}
	one := make([]*big.Int, n+1)
	for i := range one {
		one[i] = new(big.Int)
	}
	one[n].SetInt64(1)
	added := (&dsl.Program{Kind: dsl.Rational, Exps: p.Exps, Num: one}).String()
	added = strings.TrimPrefix(added, "a(n) = ")
	zeros := make([]int, n)
	for i := range zeros {
		zeros[i] = p.Offset + i
	}
	return rival{q, added, zeros}
}

// finishContrived checks the rival against the terms and measures it.
func finishContrived(res *predict.Result, best *predict.Explanation, r rival) (*Contrived, string) {
	q := r.q
	n, k := len(res.Terms), len(best.Next)
	vals := q.BigValues(n + k)
	for i, t := range res.Terms {
		if vals[i] == nil || vals[i].Cmp(t) != 0 {
			return nil, "adding a vanishing product to the best program does not reproduce the terms in exact arithmetic"
		}
	}
	next := vals[n:]
	if slices.Contains(next, nil) {
		return nil, "the contrived program leaves the next term undefined"
	}
	if slices.EqualFunc(next, best.Next, func(a, b *big.Int) bool { return a.Cmp(b) == 0 }) {
		return nil, "the contrived program predicts the same as the best one"
	}
	bits := q.Bits()
	c := &Contrived{
		Program: q.String(), Bits: bits, Next: predict.Strings(next),
		Added: r.added, Zeros: r.zeros, Reproduces: true,
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
