package search

import (
	"context"
	"math/big"

	"github.com/seqpredict/seqpredict/dsl"
)

// Reference is the plain enumerator: it builds every program tree of each
// length, shortest first, evaluates it with the tree evaluator and keeps
// those that reproduce the terms. It is slow and obviously correct, and is
// kept as the oracle the fast engine is tested against. Only MaxBits,
// Margin, MaxPrograms and the context limit it.
func Reference(ctx context.Context, terms []*big.Int, opts Options) (*Result, error) {
	if len(terms) == 0 {
		return nil, ErrNoTerms
	}
	opts = opts.withDefaults()
	t := newTarget(terms)
	n := len(terms)
	res := &Result{Stopped: StopMaxBits}
	trees := map[treeKey][]dsl.Expr{}
	best := -1
	if e := opts.KnownBits; e > 0 {
		best = e
	}
	for b := 1; b <= opts.MaxBits; b++ {
		lvl := Level{Bits: b}
		for _, s := range shapes(n) {
			bodyBits := b - s.fixedBits(terms)
			if bodyBits < 1 {
				continue
			}
			for _, body := range exprs(trees, s.g, bodyBits) {
				if checkContext(ctx) {
					res.Stopped = StopCancelled
					return res, nil
				}
				lvl.Candidates++
				p := s.program(body, terms)
				vals := p.Values(n + 1)
				if !t.matches(vals) {
					continue
				}
				next, ok := t.verify(p, vals[n])
				if !ok {
					continue
				}
				lvl.Consistent++
				res.Found = append(res.Found, Found{Program: p, Bits: b, Next: next})
				if best < 0 || b < best {
					best = b
				}
			}
		}
		lvl.Distinct = lvl.Candidates
		res.Levels = append(res.Levels, lvl)
		res.Candidates += lvl.Candidates
		res.Distinct += lvl.Distinct
		res.CompleteBits = b
		if best >= 0 && b >= best+opts.Margin {
			res.Stopped = StopMargin
			break
		}
		if res.Candidates >= opts.MaxPrograms {
			res.Stopped = StopMaxPrograms
			break
		}
	}
	return res, nil
}

// minExprBits is the length of the shortest expression (a 3-bit leaf).
const minExprBits = 3

type treeKey struct {
	g    dsl.Grammar
	bits int
}

// exprs returns every expression of grammar g whose code is exactly bits
// long, memoized in trees.
func exprs(trees map[treeKey][]dsl.Expr, g dsl.Grammar, bits int) []dsl.Expr {
	if bits < minExprBits {
		return nil
	}
	key := treeKey{g, bits}
	if out, ok := trees[key]; ok {
		return out
	}
	var out []dsl.Expr
	for _, l := range leaves(g) {
		if l.bits == bits {
			out = append(out, l.expr)
		}
	}
	lo, hi := constRange(bits)
	for c := lo; c < hi; c++ {
		out = append(out, &dsl.Const{Value: c})
	}
	for _, op := range dsl.Funcs1 {
		for _, x := range exprs(trees, g, bits-dsl.Ops[op].Bits) {
			out = append(out, &dsl.Unary{Op: op, X: x})
		}
	}
	for _, op := range dsl.Funcs2 {
		rest := bits - dsl.Ops[op].Bits
		for bx := 1; bx < rest; bx++ {
			for _, x := range exprs(trees, g, bx) {
				for _, y := range exprs(trees, g, rest-bx) {
					out = append(out, &dsl.Binary{Op: op, X: x, Y: y})
				}
			}
		}
	}
	rest := bits - dsl.Ops[dsl.OpCond].Bits
	for bc := 1; bc < rest; bc++ {
		for bx := 1; bc+bx < rest; bx++ {
			for _, c := range exprs(trees, g, bc) {
				for _, x := range exprs(trees, g, bx) {
					for _, y := range exprs(trees, g, rest-bc-bx) {
						out = append(out, &dsl.Cond{Cond: c, Then: x, Else: y})
					}
				}
			}
		}
	}
	if g.Loops {
		for _, op := range dsl.Loops {
			if bits-dsl.Ops[op].Bits > maxLoopBody {
				continue
			}
			for _, x := range exprs(trees, dsl.LoopBody, bits-dsl.Ops[op].Bits) {
				out = append(out, &dsl.Loop{Op: op, Body: x})
			}
		}
	}
	trees[key] = out
	return out
}
