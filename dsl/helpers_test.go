package dsl_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// dump writes an expression as an S-expression, so that two trees can be
// compared structurally without going through the printer under test.
func dump(e dsl.Expr) string {
	switch e := e.(type) {
	case nil:
		return "<nil>"
	case *dsl.Const:
		return fmt.Sprint(e.Value)
	case *dsl.Index:
		return "n"
	case *dsl.LoopVar:
		return "k"
	case *dsl.Prev:
		return fmt.Sprintf("a%d", e.Lag)
	case *dsl.Unary:
		op := e.Op.String() // prime, sigma, ...
		switch e.Op {
		case dsl.OpNeg:
			op = "neg"
		case dsl.OpFact:
			op = "fact"
		}
		return "(" + op + " " + dump(e.X) + ")"
	case *dsl.Binary:
		return "(" + e.Op.String() + " " + dump(e.X) + " " + dump(e.Y) + ")"
	case *dsl.Cond:
		return "(if " + dump(e.Cond) + " " + dump(e.Then) + " " + dump(e.Else) + ")"
	case *dsl.Loop:
		return "(" + e.Op.String() + " " + dump(e.Body) + ")"
	}
	return fmt.Sprintf("<%T>", e)
}

// dumpProgram is dump for whole programs: the kind, the offset, the
// initial terms, the body and the kind's own parts, each field written
// out (a constant's expression in prefix form, every node explicit).
func dumpProgram(p *dsl.Program) string {
	if p == nil {
		return "<nil program>"
	}
	s := fmt.Sprintf("%v off=%d", p.Kind, p.Offset)
	if p.Order > 0 || p.Init != nil {
		s += fmt.Sprintf(" order=%d init=%v", p.Order, p.Init)
	}
	if p.Body != nil {
		s += " " + dump(p.Body)
	}
	if d, ok := p.Parts.(*dsl.DigitsParts); ok {
		return s + fmt.Sprintf(" from=%d %s", d.From, dumpReal(d.Real))
	}
	if b, ok := p.Parts.(*dsl.RoundedParts); ok {
		return s + fmt.Sprintf(" round=%d %s add=%d", b.Round, dumpReal(b.Real), b.Add)
	}
	if g, ok := p.Parts.(*dsl.TriRecParts); ok {
		return s + " left=" + dump(g.Left) + " right=" + dump(g.Right)
	}
	if p.Parts != nil {
		s += fmt.Sprintf(" %v", p.Parts)
	}
	return s
}

// leaves are the variable leaves of the full language, which the code
// gives a word in every position: n, k and a(n-1) .. a(n-MaxOrder).
var leaves = dsl.Grammar{Lags: dsl.MaxOrder, K: true}.Leaves()

func leafExpr(op dsl.Op) dsl.Expr {
	switch op {
	case dsl.OpIndex:
		return &dsl.Index{}
	case dsl.OpLoopVar:
		return &dsl.LoopVar{}
	}
	return &dsl.Prev{Lag: op.Lag()}
}

// enumerator lists every expression tree of the full language with a given
// code length: every node choice in every position (k outside loops, a(n-3)
// in closed forms, nested loops), because the code gives all of them a
// code word. It is deliberately independent of the search package.
type enumerator struct {
	memo map[int][]dsl.Expr
}

func newEnumerator() *enumerator { return &enumerator{memo: map[int][]dsl.Expr{}} }

func (en *enumerator) exprs(bits int) []dsl.Expr {
	if bits < 3 {
		return nil
	}
	if out, ok := en.memo[bits]; ok {
		return out
	}
	var out []dsl.Expr
	for _, e := range leaves {
		if dsl.ExprBits(e) == bits {
			out = append(out, e)
		}
	}
	// Constants c with ConstBits(c) == bits: gamma length 2m+1 covers
	// [2^m, 2^(m+1)).
	if g := bits - dsl.Ops[dsl.OpConst].Bits; g >= 1 && g%2 == 1 && g <= 61 {
		m := (g - 1) / 2
		for c := int64(1) << m; c < int64(1)<<(m+1); c++ {
			out = append(out, &dsl.Const{Value: c})
		}
	}
	for _, op := range dsl.Funcs1 {
		for _, x := range en.exprs(bits - dsl.Ops[op].Bits) {
			out = append(out, &dsl.Unary{Op: op, X: x})
		}
	}
	for _, op := range dsl.Funcs2 {
		rest := bits - dsl.Ops[op].Bits
		for bx := 3; bx <= rest-3; bx++ {
			for _, x := range en.exprs(bx) {
				for _, y := range en.exprs(rest - bx) {
					out = append(out, &dsl.Binary{Op: op, X: x, Y: y})
				}
			}
		}
	}
	rest := bits - dsl.Ops[dsl.OpCond].Bits
	for bc := 3; bc <= rest-6; bc++ {
		for bx := 3; bc+bx <= rest-3; bx++ {
			for _, c := range en.exprs(bc) {
				for _, x := range en.exprs(bx) {
					for _, y := range en.exprs(rest - bc - bx) {
						out = append(out, &dsl.Cond{Cond: c, Then: x, Else: y})
					}
				}
			}
		}
	}
	for _, op := range dsl.Loops {
		for _, x := range en.exprs(bits - dsl.Ops[op].Bits) {
			out = append(out, &dsl.Loop{Op: op, Body: x})
		}
	}
	en.memo[bits] = out
	return out
}

// bigs returns the integers as big.Int values.
func bigs(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

// intsUpTo returns every integer whose universal code takes at most bits
// bits, by increasing magnitude.
func intsUpTo(bits int) []*big.Int {
	var out []*big.Int
	for m := int64(0); ; m++ {
		v := big.NewInt(m)
		if dsl.IntBits(v) > bits {
			return out
		}
		out = append(out, v)
		if m > 0 {
			out = append(out, big.NewInt(-m))
		}
	}
}

// tuples calls fn with every tuple of r integers whose codes take at most
// bits bits in total.
func tuples(r, bits int, fn func(ts []*big.Int, used int)) {
	var rec func(prefix []*big.Int, used int)
	rec = func(prefix []*big.Int, used int) {
		if len(prefix) == r {
			fn(prefix, used)
			return
		}
		for _, v := range intsUpTo(bits - used) {
			rec(append(prefix[:len(prefix):len(prefix)], v), used+dsl.IntBits(v))
		}
	}
	rec(nil, 0)
}

// allPrograms calls fn with every program whose code takes at most maxBits
// bits: closed forms, triangles, triangle recurrences, recurrences of
// orders 1..MaxOrder and
// rational generating functions (both offsets, every initial term,
// exponent and numerator that fits), continued fractions of square roots
// (every part and valid N that fits), digits of constants, Beatty and
// power programs (every constant, start, rounding and added integer that
// fits)
// and literals of every length.
func allPrograms(maxBits int, fn func(p *dsl.Program)) {
	en := newEnumerator()
	for part := dsl.CFTerms; part <= dsl.CFDen; part++ {
		for n := int64(2); dsl.SqrtCFBits(n) <= maxBits; n++ {
			if dsl.CheckRadicand(n) == nil {
				fn(dsl.NewSqrtCF(part, n))
			}
		}
	}
	for off := 0; off <= 1; off++ {
		rationals(maxBits-dsl.HeaderBits(dsl.Rational, 0), func(exps []int, num []*big.Int) {
			fn(dsl.NewRational(off, exps, num))
		})
		head := dsl.HeaderBits(dsl.ClosedForm, 0)
		for b := 3; b <= maxBits-head; b++ {
			for _, e := range en.exprs(b) {
				fn(&dsl.Program{Kind: dsl.ClosedForm, Offset: off, Body: e})
			}
		}
		// Triangles use the same code for their bodies (k being the
		// column); the enumerator's bodies serve as code words even where
		// a body would not parse (a loop in a triangle).
		for _, kind := range []dsl.Kind{dsl.Triangle, dsl.Filter} {
			head = dsl.HeaderBits(kind, 0)
			for b := 3; b <= maxBits-head; b++ {
				for _, e := range en.exprs(b) {
					fn(&dsl.Program{Kind: kind, Offset: off, Body: e})
				}
			}
		}
		triangleRecurrences(en, off, maxBits, fn)
		for order := 1; order <= dsl.MaxOrder; order++ {
			head := dsl.HeaderBits(dsl.Recurrence, order)
			tuples(order, maxBits-head-3, func(init []*big.Int, used int) {
				for b := 3; b <= maxBits-head-used; b++ {
					for _, e := range en.exprs(b) {
						fn(dsl.NewProgram(dsl.Recurrence, off, order, e, init))
					}
				}
			})
		}
	}
	// Divisor sums have no offset bit: they start at n = 1.
	head := dsl.HeaderBits(dsl.DivisorSum, 0)
	for b := 3; b <= maxBits-head; b++ {
		for _, e := range en.exprs(b) {
			fn(&dsl.Program{Kind: dsl.DivisorSum, Offset: 1, Body: e})
		}
	}
	// Multiplicative functions neither: a(1) = 1.
	head = dsl.HeaderBits(dsl.Multiplicative, 0)
	for b := 3; b <= maxBits-head; b++ {
		for _, e := range en.exprs(b) {
			fn(&dsl.Program{Kind: dsl.Multiplicative, Offset: 1, Body: e})
		}
	}
	signaturePrograms(maxBits, fn)
	etaPrograms(maxBits, fn)
	digitsPrograms(maxBits, fn)
	beattyPrograms(maxBits, fn)
	for n := 0; ; n++ {
		head := dsl.HeaderBits(dsl.Literal, 0) + dsl.GammaBits(uint64(n)+1)
		if head+n > maxBits { // every term takes at least 1 bit
			break
		}
		tuples(n, maxBits-head, func(ts []*big.Int, _ int) {
			fn(dsl.NewLiteral(ts))
		})
	}
}

// signaturePrograms calls fn with every prime signature whose program
// takes at most maxBits bits: the exponents from the smallest up, each
// step up coded like the count.
func signaturePrograms(maxBits int, fn func(p *dsl.Program)) {
	head := dsl.HeaderBits(dsl.Signature, 0)
	var grow func(exps []int, bits int)
	grow = func(exps []int, bits int) { // exps from the smallest up
		if len(exps) > 0 && bits+dsl.GammaBits(uint64(len(exps))) <= maxBits {
			fn(dsl.NewSignature(exps))
		}
		if len(exps) == dsl.MaxSignatureExps {
			return
		}
		for step := 1; ; step++ {
			e := step
			if len(exps) > 0 {
				e = exps[len(exps)-1] + step - 1
			}
			b := bits + dsl.GammaBits(uint64(step))
			if e > dsl.MaxSignatureExp || b+1 > maxBits {
				return
			}
			grow(append(slices.Clone(exps), e), b)
		}
	}
	grow(nil, head)
}

// etaPrograms calls fn with every product of powers of E(x^m) whose
// program takes at most maxBits bits.
func etaPrograms(maxBits int, fn func(p *dsl.Program)) {
	head := dsl.HeaderBits(dsl.Eta, 0)
	for levels := 1; head+dsl.GammaBits(uint64(levels))+levels-1+5 <= maxBits; levels++ {
		var grow func(exps []int, bits int)
		grow = func(exps []int, bits int) {
			if len(exps) == levels {
				if exps[levels-1] != 0 {
					fn(dsl.NewEta(slices.Clone(exps)))
				}
				return
			}
			for e := -dsl.MaxEtaExp; e <= dsl.MaxEtaExp; e++ {
				if b := bits + dsl.IntBits64(int64(e)); b+levels-len(exps)-1 <= maxBits {
					grow(append(exps, e), b)
				}
			}
		}
		grow(nil, head+dsl.GammaBits(uint64(levels)))
	}
}

// triangleRecurrences calls fn with every triangle recurrence of the
// offset whose code takes at most maxBits bits: with each first entry
// that fits, and with a left rule, a right rule or both.
func triangleRecurrences(en *enumerator, off, maxBits int, fn func(p *dsl.Program)) {
	head := dsl.HeaderBits(dsl.TriangleRec, 1)
	tuples(1, maxBits-head-3, func(top []*big.Int, used int) {
		for b := 3; b <= maxBits-head-used; b++ {
			for _, e := range en.exprs(b) {
				fn(dsl.NewTriangleRec(off, e, top[0]))
			}
		}
	})
	head = dsl.HeaderBits(dsl.TriangleRec, 0) + 2 // and a bit for each rule
	for b := 3; b <= maxBits-head-3; b++ {
		for _, e := range en.exprs(b) {
			for lb := 3; lb <= maxBits-head-b; lb++ {
				for _, r := range en.exprs(lb) {
					fn(dsl.NewTriangleRules(off, e, r, nil))
					fn(dsl.NewTriangleRules(off, e, nil, r))
				}
				for rb := 3; rb <= maxBits-head-b-lb; rb++ {
					for _, r := range en.exprs(rb) {
						for _, l := range en.exprs(lb) {
							fn(dsl.NewTriangleRules(off, e, l, r))
						}
					}
				}
			}
		}
	}
}

// rationals calls fn with every denominator and numerator whose code (after
// the header) takes at most bits bits: gamma(m+1), the exponents as gamma
// codes of their gaps, gamma(d+1) and d+1 integers. The numerator's last
// coefficient may be 0 here: the code has words for such numerators even
// though the parser never gives one.
func rationals(bits int, fn func(exps []int, num []*big.Int)) {
	for m := 0; dsl.GammaBits(uint64(m)+1)+m <= bits; m++ {
		var rec func(exps []int, used int)
		rec = func(exps []int, used int) {
			if len(exps) == m {
				for d := 0; used+dsl.GammaBits(uint64(d)+1)+d+1 <= bits; d++ {
					tuples(d+1, bits-used-dsl.GammaBits(uint64(d)+1), func(num []*big.Int, _ int) {
						fn(exps, num)
					})
				}
				return
			}
			for gap := 1; used+dsl.GammaBits(uint64(gap)) <= bits; gap++ {
				e := gap
				if len(exps) > 0 {
					e = exps[len(exps)-1] + gap - 1
				}
				rec(append(exps[:len(exps):len(exps)], e), used+dsl.GammaBits(uint64(gap)))
			}
		}
		rec(nil, dsl.GammaBits(uint64(m)+1))
	}
}

// randExpr builds a random expression of at most depth levels over the full
// language, with small constants so that values stay interesting.
func randExpr(r *rand.Rand, depth int) dsl.Expr {
	if depth <= 0 || r.IntN(4) == 0 {
		switch r.IntN(4) {
		case 0:
			return &dsl.Const{Value: 1 + r.Int64N(12)}
		case 1:
			return &dsl.Const{Value: 1 + r.Int64N(1<<uint(r.IntN(63)))}
		default:
			return leaves[r.IntN(len(leaves))]
		}
	}
	switch r.IntN(10) {
	case 0, 1:
		return &dsl.Unary{Op: dsl.Funcs1[r.IntN(len(dsl.Funcs1))], X: randExpr(r, depth-1)}
	case 2:
		return &dsl.Cond{Cond: randExpr(r, depth-1), Then: randExpr(r, depth-1), Else: randExpr(r, depth-1)}
	case 3:
		return &dsl.Loop{Op: dsl.Loops[r.IntN(len(dsl.Loops))], Body: randExpr(r, depth-1)}
	}
	return &dsl.Binary{Op: dsl.Funcs2[r.IntN(len(dsl.Funcs2))], X: randExpr(r, depth-1), Y: randExpr(r, depth-1)}
}

// loopDepth is the deepest nesting of sum and prod in e.
func loopDepth(e dsl.Expr) int {
	switch e := e.(type) {
	case *dsl.Unary:
		return loopDepth(e.X)
	case *dsl.Binary:
		return max(loopDepth(e.X), loopDepth(e.Y))
	case *dsl.Cond:
		return max(loopDepth(e.Cond), loopDepth(e.Then), loopDepth(e.Else))
	case *dsl.Loop:
		return 1 + loopDepth(e.Body)
	}
	return 0
}

// clampLoops lowers the index n so that e's nested loops run at most about
// 2,000 times in all (every loop runs n times): each run of a body may
// itself do thousands of big-number operations.
func clampLoops(e dsl.Expr, n int64) int64 {
	if d := loopDepth(e); d > 0 {
		limit := int64(math.Pow(2000, 1/float64(d)))
		n = min(n, max(limit, 1))
	}
	return n
}

// randBigInt returns a random integer of up to 200 bits, of either sign.
func randBigInt(r *rand.Rand) *big.Int {
	buf := make([]byte, r.IntN(25))
	for i := range buf {
		buf[i] = byte(r.UintN(256))
	}
	v := new(big.Int).SetBytes(buf)
	if r.IntN(2) == 0 {
		v.Neg(v)
	}
	return v
}

// dumpReal writes a real expression in prefix form, every node explicit.
func dumpReal(r *dsl.Real) string {
	if r == nil {
		return "<nil>"
	}
	switch dsl.RealOps[r.Op].Arity {
	case 0:
		if r.Op == dsl.RInt {
			return fmt.Sprint(r.Int)
		}
		return dsl.RealOps[r.Op].Name
	case 1:
		return "(" + dsl.RealOps[r.Op].Name + " " + dumpReal(r.X) + ")"
	}
	return "(" + dsl.RealOps[r.Op].Name + " " + dumpReal(r.X) + " " + dumpReal(r.Y) + ")"
}

// realExprs returns a function listing every real expression of exactly
// the given length in bits (memoised).
func realExprs() func(bits int) []*dsl.Real {
	memo := map[int][]*dsl.Real{}
	var exprs func(bits int) []*dsl.Real
	exprs = func(bits int) []*dsl.Real {
		if r, ok := memo[bits]; ok {
			return r
		}
		var out []*dsl.Real
		for op := range dsl.NumRealOps {
			info := dsl.RealOps[op]
			rest := bits - info.Bits
			switch {
			case op == dsl.RInt:
				for c := int64(1); dsl.GammaBits(uint64(c)) <= rest; c++ {
					if dsl.GammaBits(uint64(c)) == rest {
						out = append(out, &dsl.Real{Op: op, Int: c})
					}
				}
			case info.Arity == 0 && rest == 0:
				out = append(out, &dsl.Real{Op: op})
			case info.Arity == 1 && rest >= 2:
				for _, x := range exprs(rest) {
					out = append(out, &dsl.Real{Op: op, X: x})
				}
			case info.Arity == 2:
				for bx := 2; bx <= rest-2; bx++ {
					for _, x := range exprs(bx) {
						for _, y := range exprs(rest - bx) {
							out = append(out, &dsl.Real{Op: op, X: x, Y: y})
						}
					}
				}
			}
		}
		memo[bits] = out
		return out
	}
	return exprs
}

// digitsPrograms calls fn with every Digits program of at most maxBits
// bits: each real expression that fits with every start that fits.
func digitsPrograms(maxBits int, fn func(p *dsl.Program)) {
	exprs := realExprs()
	head := dsl.HeaderBits(dsl.Digits, 0)
	for b := 2; b <= maxBits-head-1; b++ {
		for _, r := range exprs(b) {
			def := dsl.DefaultFrom(r)
			for s := -6; s <= 6; s++ {
				if head+b+dsl.IntBits64(int64(s)) <= maxBits {
					fn(dsl.NewDigits(r, def+s))
				}
			}
		}
	}
}

// beattyPrograms calls fn with every Beatty and every power program of
// at most maxBits bits: both offsets, every rounding, real expression and
// added integer that fit.
func beattyPrograms(maxBits int, fn func(p *dsl.Program)) {
	roundings(dsl.Beatty, maxBits, func(off int, round dsl.Rounding, r *dsl.Real, k int64) { fn(dsl.NewBeatty(off, round, r, k)) })
	roundings(dsl.Power, maxBits, func(off int, round dsl.Rounding, r *dsl.Real, k int64) { fn(dsl.NewPower(off, round, r, k)) })
}

// roundings calls fn with the parts of every program of a rounding kind
// (Beatty or power) of at most maxBits bits.
func roundings(kind dsl.Kind, maxBits int, fn func(off int, round dsl.Rounding, r *dsl.Real, k int64)) {
	exprs := realExprs()
	head := dsl.HeaderBits(kind, 0)
	roundBits := map[dsl.Rounding]int{dsl.Floor: 1, dsl.Ceiling: 2, dsl.Round: 2}
	for off := 0; off <= 1; off++ {
		for round, rb := range roundBits {
			for b := 2; head+rb+b+1 <= maxBits; b++ {
				for _, r := range exprs(b) {
					for _, k := range intsUpTo(maxBits - head - rb - b) {
						fn(off, round, r, k.Int64())
					}
				}
			}
		}
	}
}

// checkParsePrint parses each case's in as a program of the kind, checks
// that it prints as out, parses back to the same tree and encodes in
// Bits() bits, and that each bad text fails with a message containing
// its own.
func checkParsePrint(t *testing.T, kind dsl.Kind, cases []struct{ in, out string }, bad map[string]string) {
	t.Helper()
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.in)
		require.NoError(t, err, c.in)
		assert.Equal(t, kind, p.Kind)
		assert.Equal(t, c.out, p.String(), c.in)
		q, err := dsl.ParseProgram(p.String())
		require.NoError(t, err)
		assert.Equal(t, dumpProgram(p), dumpProgram(q))
		assert.Len(t, p.Encode(), p.Bits(), c.in)
	}
	for src, msg := range bad {
		_, err := dsl.ParseProgram(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
}

// checkRandomAgree compares Values with BigValues, count terms, on 2000
// random loop-free bodies of a kind that reads n and k (a divisor sum, a
// multiplicative function): where a term is defined in int64, it is the
// exact term.
func checkRandomAgree(t *testing.T, kind dsl.Kind, r *rand.Rand, count int) {
	t.Helper()
	defined := 0
	for range 2000 {
		body := randExpr(r, 4)
		if loopDepth(body) > 0 {
			continue
		}
		p := dsl.NewProgram(kind, 1, 0, body, nil)
		small, exact := p.Values(count), p.BigValues(count)
		for i := range small {
			if small[i].Defined() {
				require.Equal(t, dsl.FromBig(exact[i]), small[i], "%s term %d", p, i)
				defined++
			}
		}
	}
	assert.Greater(t, defined, 2000, "too few defined terms to mean anything")
}
