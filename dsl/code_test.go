package dsl_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// kraftBits is the bound of the exhaustive enumeration in TestKraft: about
// 96,000 programs, about a second; with -short, 21 bits, some 60,000
// programs.
func kraftBits() (bits, atLeast int) {
	if testing.Short() {
		return 21, 40000
	}
	return 22, 90000
}

// TestKraftOps checks the operator table on its own: its Kraft sum is the
// documented 1 (the table is a complete code), and the code words OpWord hands out have the table's
// lengths and form a prefix-free code.
func TestKraftOps(t *testing.T) {
	sum := 0.0
	for op := range dsl.NumOps {
		sum += math.Exp2(-float64(dsl.Ops[op].Bits))
	}
	assert.LessOrEqual(t, sum, 1.0, "the operator table violates Kraft's inequality")
	assert.Equal(t, 1.0, sum, "the package documentation promises a complete table")

	words := make([]string, dsl.NumOps)
	for op := range dsl.NumOps {
		w := dsl.OpWord(dsl.Op(op))
		assert.Len(t, w, dsl.Ops[op].Bits, "code word of %v", dsl.Op(op))
		assert.Empty(t, strings.Trim(w, "01"), "code word of %v is not binary", dsl.Op(op))
		words[op] = w
	}
	assertPrefixFree(t, words)
}

// assertPrefixFree checks that no word is a prefix of another (equal words
// included). After sorting, a word that is a prefix of another is a prefix
// of the word right after it, so adjacent pairs suffice.
func assertPrefixFree(t *testing.T, words []string) {
	t.Helper()
	words = slices.Clone(words)
	slices.Sort(words)
	bad := 0
	for i := 1; i < len(words); i++ {
		if strings.HasPrefix(words[i], words[i-1]) {
			if bad++; bad <= 5 {
				t.Errorf("code word %q is a prefix of %q", words[i-1], words[i])
			}
		}
	}
	if bad > 5 {
		t.Errorf("... and %d more prefix pairs", bad-5)
	}
}

// TestKindHeaders checks the kind table's header words, every kind and
// order (the kinds kind_test.go adds for the tests included): no word is
// a prefix of another, their Kraft sum (each with its offset bit, which
// doubles the words and halves their weight) is at most 1, and the words
// are the ones the package documentation gives. It logs the code space a
// new kind can take.
func TestKindHeaders(t *testing.T) {
	var words []string
	sum := 0.0
	for _, k := range dsl.Kinds() {
		lo, hi := 0, 0
		if b, ok := k.Body(); ok {
			lo, hi = b.MinOrder, b.MaxOrder
		}
		for order := lo; order <= hi; order++ {
			w := dsl.HeaderWord(k, order)
			offsetBit := 0
			if k.OffsetBit() {
				offsetBit = 1
			}
			assert.Equal(t, len(w)+offsetBit, dsl.HeaderBits(k, order), "%v of order %d", k, order)
			words = append(words, w)
			sum += math.Exp2(-float64(len(w)))
		}
	}
	assertPrefixFree(t, words)
	assert.LessOrEqual(t, sum, 1.0)
	t.Logf("%d header words, Kraft sum %.6f: %.6f of the code space is free", len(words), sum, 1-sum)
	gamma := func(x uint64) string { return fmt.Sprintf("%0*b", dsl.GammaBits(x), x) }
	for k, w := range map[dsl.Kind]string{
		dsl.ClosedForm: "1", dsl.Literal: "000", dsl.Triangle: "0010", dsl.Rational: "0011",
		dsl.Filter: "0111" + gamma(7), dsl.SqrtCF: "0111" + gamma(8), dsl.Digits: "0111" + gamma(9),
		dsl.Beatty: "0111" + gamma(11), dsl.Power: "0111" + gamma(12),
		dsl.DivisorSum: "0111" + gamma(13), dsl.Multiplicative: "0111" + gamma(16),
		dsl.Algebraic: "0111" + gamma(19),
		dsl.Signature: "0111" + gamma(21), dsl.Eta: "0111" + gamma(22),
	} {
		assert.Equal(t, w, dsl.HeaderWord(k, 0), "%v", k)
	}
	for order, w := range map[int]string{1: "010", 2: "0110", 3: "0111" + gamma(1), 8: "0111" + gamma(6), 9: "0111" + gamma(17), 10: "0111" + gamma(18)} {
		assert.Equal(t, w, dsl.HeaderWord(dsl.Recurrence, order), "order %d", order)
	}
	// A triangle recurrence: "0" for its first entry (order 1), "1" for rules.
	assert.Equal(t, "0111"+gamma(10)+"0", dsl.HeaderWord(dsl.TriangleRec, 1))
	assert.Equal(t, "0111"+gamma(10)+"1", dsl.HeaderWord(dsl.TriangleRec, 0))
}

// TestKraft enumerates every program of at most kraftBits bits (closed
// forms, triangles, triangle recurrences, recurrences with every initial
// term that fits,
// rational generating functions and literals), and checks that Encode
// gives each a code word of Bits() bits, that no code word is a prefix of
// another, and that the weights 2^-Bits sum to at most 1.
func TestKraft(t *testing.T) {
	var words []string
	sum := 0.0
	kinds := map[dsl.Kind]int{}
	orders := map[int]int{}
	kraftBits, atLeast := kraftBits()
	allPrograms(kraftBits, func(p *dsl.Program) {
		bits := p.Bits()
		require.LessOrEqual(t, bits, kraftBits, "enumerator produced %s", dumpProgram(p))
		w := p.Encode()
		require.Len(t, w, bits, "Encode of %s", dumpProgram(p))
		sum += math.Exp2(-float64(bits))
		words = append(words, w)
		kinds[p.Kind]++
		orders[p.Order]++
	})
	t.Logf("%d programs of at most %d bits, Kraft sum %.6f", len(words), kraftBits, sum)
	require.Greater(t, len(words), atLeast, "the enumeration is suspiciously small")
	for _, k := range []dsl.Kind{dsl.ClosedForm, dsl.Recurrence, dsl.Literal, dsl.Triangle, dsl.Rational, dsl.Filter, dsl.Digits, dsl.SqrtCF, dsl.TriangleRec, dsl.Beatty, dsl.Power, dsl.DivisorSum, dsl.Multiplicative, dsl.Signature, dsl.Eta} {
		assert.Positive(t, kinds[k], "no programs of kind %d", k)
	}
	// Algebraic generating functions take at least 30 bits (a 14-bit
	// header, 4 bits of degrees, a coefficient of A^2 and A(0)), beyond
	// any enumeration too: TestAlgebraicKraft enumerates their code
	// words.
	// Recurrences of order 9 and 10 take at least 26 bits (a 14-bit
	// header, a 3-bit body and nine 1-bit initial terms), beyond any
	// enumeration: TestKindHeaders checks their header words, and
	// TestHighOrderCode their code words.
	for order := 1; order <= dsl.MaxSearchOrder; order++ {
		assert.Positive(t, orders[order], "no recurrences of order %d", order)
	}
	assert.LessOrEqual(t, sum, 1.0)
	assertPrefixFree(t, words)
}

// TestKraftSeries sums the code's weights much further than any enumeration
// can go, by counting instead of listing. W[b] is the total weight
// (count * 2^-b) of the expressions of exactly b bits, built from the
// operator table the same way the enumerator builds trees. The initial
// terms and literal terms use a complete code (TestIntBitsComplete), so
// every program of a shape weighs its header times its body, and the whole
// language weighs 3/4*K + 1/4 where K is the expressions' total.
func TestKraftSeries(t *testing.T) {
	const maxBits = 400
	w := make([]float64, maxBits+1)
	op := func(o dsl.Op) (int, float64) { b := dsl.Ops[o].Bits; return b, math.Exp2(-float64(b)) }
	for b := 3; b <= maxBits; b++ {
		for _, e := range leaves {
			if dsl.ExprBits(e) == b {
				w[b] += math.Exp2(-float64(b))
			}
		}
		if g := b - dsl.Ops[dsl.OpConst].Bits; g >= 1 && g%2 == 1 {
			// 2^m constants of b bits each.
			w[b] += math.Exp2(float64((g-1)/2) - float64(b))
		}
		for _, o := range append(slices.Clone(dsl.Funcs1), dsl.Loops...) {
			if ob, ow := op(o); b-ob >= 3 {
				w[b] += ow * w[b-ob]
			}
		}
		for _, o := range dsl.Funcs2 {
			ob, ow := op(o)
			for bx := 3; bx <= b-ob-3; bx++ {
				w[b] += ow * w[bx] * w[b-ob-bx]
			}
		}
		ob, ow := op(dsl.OpCond)
		for bc := 3; bc <= b-ob-6; bc++ {
			for bx := 3; bc+bx <= b-ob-3; bx++ {
				w[b] += ow * w[bc] * w[bx] * w[b-ob-bc-bx]
			}
		}
	}
	// The series agrees with the enumerator where both can go.
	en := newEnumerator()
	for b := 3; b <= 18; b++ {
		assert.InDelta(t, float64(len(en.exprs(b)))*math.Exp2(-float64(b)), w[b], 1e-15, "weight of %d-bit expressions", b)
	}
	k := 0.0
	for b := range w {
		k += w[b]
	}
	// The header words: "1" closed, "010"/"0110"/"0111"+gamma(order-2)
	// recurrences, "0010" triangles, "0011" rational generating functions,
	// "0111"+gamma(7) filters, each followed by an offset bit, "000"
	// for literals and "0111"+gamma(8) continued fractions of square roots
	// (no offset bit). (Triangle bodies are counted with all of K, loops included,
	// which only overestimates the total.) The recurrence words would be complete with
	// unbounded orders; orders beyond MaxOrder leave the rest of the code
	// space unused.
	head, rat := 0.0, 0.0
	for off := 0; off <= 1; off++ {
		head += math.Exp2(-float64(dsl.HeaderBits(dsl.ClosedForm, 0)))
		head += math.Exp2(-float64(dsl.HeaderBits(dsl.Triangle, 0)))
		head += math.Exp2(-float64(dsl.HeaderBits(dsl.Filter, 0)))
		for order := 1; order <= dsl.MaxOrder; order++ {
			head += math.Exp2(-float64(dsl.HeaderBits(dsl.Recurrence, order)))
		}
		rat += math.Exp2(-float64(dsl.HeaderBits(dsl.Rational, 0)))
	}
	assert.Equal(t, 5, dsl.HeaderBits(dsl.Rational, 0), "rational header and offset bit")
	lit := math.Exp2(-float64(dsl.HeaderBits(dsl.Literal, 0)))
	cf := math.Exp2(-float64(dsl.HeaderBits(dsl.SqrtCF, 0)))
	assert.Equal(t, 11, dsl.HeaderBits(dsl.SqrtCF, 0), "continued fraction header, no offset bit")
	// The rest of "0111" + a gamma code + the offset bit is unused:
	// 2^-4 times what the gamma code has left after the orders' 1..6 and
	// 17, 18 (orders 9 and 10), 7 (the filters') and 8 (the continued
	// fractions').
	unused := 1.0
	for x := 1; x <= 6; x++ {
		unused -= math.Exp2(-float64(dsl.GammaBits(uint64(x))))
	}
	unused -= math.Exp2(-float64(dsl.GammaBits(17))) // order 9
	unused -= math.Exp2(-float64(dsl.GammaBits(18))) // order 10
	unused -= math.Exp2(-float64(dsl.GammaBits(7)))
	unused -= math.Exp2(-float64(dsl.GammaBits(8)))  // continued fractions
	unused -= math.Exp2(-float64(dsl.GammaBits(9)))  // Digits, below
	unused -= math.Exp2(-float64(dsl.GammaBits(11))) // Beatty, below
	unused -= math.Exp2(-float64(dsl.GammaBits(12))) // powers, below
	unused *= math.Exp2(-4)
	// Digits programs: "0111" + gamma(9), no offset bit; the start's
	// integer code is complete and the real expressions weigh at most
	// 11/16 (TestRealKraft).
	digits := math.Exp2(-float64(dsl.HeaderBits(dsl.Digits, 0)))
	assert.Equal(t, 11, dsl.HeaderBits(dsl.Digits, 0))
	// Beatty and power programs: "0111" + gamma(11) or gamma(12) and the
	// offset bit; the rounding's code and the added integer's are
	// complete, and the real expressions weigh 21/32.
	beatty := 2*math.Exp2(-float64(dsl.HeaderBits(dsl.Beatty, 0))) + 2*math.Exp2(-float64(dsl.HeaderBits(dsl.Power, 0)))
	assert.Equal(t, 12, dsl.HeaderBits(dsl.Beatty, 0))
	assert.Equal(t, 12, dsl.HeaderBits(dsl.Power, 0))
	assert.InDelta(t, 1.0, head+rat+lit+cf+digits+beatty+unused, 1e-12, "the header code is complete up to the orders beyond MaxOrder")
	// A rational body is gamma(m+1), m gamma codes, gamma(d+1) and d+1
	// integers: complete codes all, so the bodies after a rational header
	// weigh exactly 1 in all (see TestRationalKraft for the numbers). A
	// continued fraction's body is 2 bits with one of four words unused,
	// then gamma(N) for some N only: at most 3/4.
	total := head*k + rat + lit + cf*3/4 + digits*11/16 + beatty*21/32
	t.Logf("expressions up to %d bits weigh %.6f; all programs %.6f", maxBits, k, total)
	assert.LessOrEqual(t, k, 1.0)
	assert.LessOrEqual(t, total, 1.0)
}

// TestIntBitsComplete checks numerically that the universal integer code is
// complete. The Elias delta code converges slowly: the integers v with
// |v|+1 < 2^20 (those of 1..20 binary digits) weigh exactly
// 1 - sum over L > 20 of 2^-GammaBits(L) = 1 - 11/512 - 1/32 = 485/512.
func TestIntBitsComplete(t *testing.T) {
	const digits = 20
	sum := 0.0
	for v := int64(-(1 << digits) + 2); v <= (1<<digits)-2; v++ {
		sum += math.Exp2(-float64(dsl.IntBits64(v)))
	}
	assert.Less(t, sum, 1.0)
	assert.InDelta(t, 485.0/512, sum, 1e-12)
	// The tail, octave by octave: every number of digits L weighs
	// 2^-GammaBits(L), the same for all L in [2^j, 2^(j+1)).
	tail := 0.0
	for j := 4; j < 62; j++ {
		lo, hi := max(uint64(1)<<j, digits+1), uint64(1)<<(j+1)
		tail += float64(hi-lo) * math.Exp2(-float64(dsl.GammaBits(lo)))
	}
	assert.InDelta(t, 1.0, sum+tail, 1e-12)
	// One digit group exactly, via big.Int: |v|+1 in [2^39, 2^40) weighs
	// 2^-GammaBits(40) in total, half for each sign.
	lo := new(big.Int).Lsh(big.NewInt(1), 39)
	lo.Sub(lo, big.NewInt(1))
	each := dsl.IntBits(lo)
	assert.Equal(t, 39+dsl.GammaBits(40)+1, each)
	assert.Equal(t, each, dsl.IntBits(new(big.Int).Neg(lo)))
}

// TestCodeLengths pins the lengths the package documentation states.
func TestCodeLengths(t *testing.T) {
	intCases := []struct {
		v    int64
		bits int
	}{
		{0, 1}, {1, 5}, {-1, 5}, {2, 5}, {-2, 5}, {3, 6}, {-6, 6}, {6, 6},
		{7, 9}, {-14, 9}, {15, 10}, {30, 10}, {31, 11},
	}
	for _, c := range intCases {
		assert.Equal(t, c.bits, dsl.IntBits64(c.v), "IntBits(%d)", c.v)
	}
	for c, bits := range map[int64]int{1: 4, 2: 6, 3: 6, 4: 8, 7: 8, 8: 10} {
		assert.Equal(t, bits, dsl.ConstBits(c), "ConstBits(%d)", c)
	}
	for x, bits := range map[uint64]int{1: 1, 2: 3, 3: 3, 4: 5, 1 << 40: 81} {
		assert.Equal(t, bits, dsl.GammaBits(x), "GammaBits(%d)", x)
	}
	programs := []struct {
		src  string
		bits int
	}{
		{"a(n) = 2*n; n >= 1", 14},                         // the worked example
		{"a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1", 21}, // Fibonacci
		{"a(n) = n + n; n >= 1", 11},
		{"a(n) = n", 5},
		{"a(n) = n!; n >= 1", 12},
		{"a(n) = val(n, 2); n >= 1", 1 + 1 + 10 + 3 + 6},
		{"a(n) = xor(n, n/2)", 1 + 1 + 11 + 3 + 5 + 3 + 6},
		{"a(n) = gpf(n*n + 1)", 1 + 1 + 11 + 3 + 3 + 3 + 3 + 4},
		{"a = {n >= 1 : isprime(n)*issquare(n - 1) > 0}", 9 + 1 + 3 + 10 + 3 + 10 + 4 + 3 + 4},
		{"a(n) = a(n-1); a(0) = 0", 8},
		{"a(n) = a(n-3); a(0) = 0, a(1) = 0, a(2) = 0", 14},
		{"a(n) = -a(n-4); a(0) = 0, a(1) = 0, a(2) = 0, a(3) = 0", 8 + 7 + 7 + 4},
		{"a = []", 4},
		{"a = [0]", 3 + 3 + 1},
		{"a = [2, 3, 5, 7]", 3 + 5 + 5 + 6 + 6 + 9},
		{"T(n, k) = binomial(n, k)", 4 + 1 + 7 + 3 + 5},
		{"T(n, k) = n*k; n >= 1", 4 + 1 + 3 + 3 + 5},
		{"a = {n >= 1 : mu(n)^2 > 0}", 9 + 1 + 5 + 11 + 3 + 6},
		{"a = {n >= 0 : isprime(n) > 0}", 9 + 1 + 10 + 3},
		{"a = cf(sqrt(2))", 11 + 2 + 3},
		{"a = cfnum(sqrt(352))", 11 + 2 + 17},
		{"a = cfden(sqrt(2147483647))", 11 + 2 + 61},
		{"a(n) = sum(k|n, k^2); n >= 1", 11 + 5 + 5 + 6},
		{"a = signature(3, 1, 1)", 13 + 3 + 1 + 1 + 3},
		{"a(n) = [x^n] E(x^2)^2/E(x)", 13 + 3 + 5 + 5},
	}
	for _, c := range programs {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.bits, p.Bits(), c.src)
		assert.Len(t, p.Encode(), c.bits, c.src)
	}
	// The words themselves for the worked example: closed form "1", offset
	// "1", then * (2) n in prefix order.
	p, err := dsl.ParseProgram("a(n) = 2*n; n >= 1")
	require.NoError(t, err)
	want := "1" + "1" + dsl.OpWord(dsl.OpMul) + dsl.OpWord(dsl.OpConst) + "010" + dsl.OpWord(dsl.OpIndex)
	assert.Equal(t, want, p.Encode())
}

// TestEncodeRandom checks Encode against Bits on random, deeper programs
// than the enumeration reaches, with large initial terms and constants.
func TestEncodeRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	ints := func(n int) []*big.Int {
		out := make([]*big.Int, n)
		for i := range out {
			out[i] = randBigInt(r)
		}
		return out
	}
	body := func(k dsl.Kind) func() *dsl.Program {
		return func() *dsl.Program { return &dsl.Program{Kind: k, Offset: r.IntN(2), Body: randExpr(r, 6)} }
	}
	programs := []func() *dsl.Program{
		body(dsl.ClosedForm), body(dsl.Triangle), body(dsl.Filter),
		func() *dsl.Program {
			order := 1 + r.IntN(dsl.MaxOrder)
			return dsl.NewProgram(dsl.Recurrence, r.IntN(2), order, randExpr(r, 6), ints(order))
		},
		func() *dsl.Program { return dsl.NewLiteral(ints(r.IntN(30))) },
		func() *dsl.Program { return dsl.NewTriangleRec(r.IntN(2), randExpr(r, 6), randBigInt(r)) },
		func() *dsl.Program {
			return dsl.NewTriangleRules(r.IntN(2), randExpr(r, 6), randExpr(r, 3), []dsl.Expr{nil, randExpr(r, 3)}[r.IntN(2)])
		},
		func() *dsl.Program { return dsl.NewSqrtCF(dsl.CFPart(r.IntN(3)), 2+r.Int64N(dsl.MaxRadicand-1)) },
		func() *dsl.Program {
			exps := make([]int, 1+r.IntN(dsl.MaxSignatureExps))
			for i := range exps {
				exps[i] = 1 + r.IntN(dsl.MaxSignatureExp)
			}
			return dsl.NewSignature(exps)
		},
		func() *dsl.Program {
			exps := make([]int, 1+r.IntN(dsl.MaxEtaLevel))
			for i := range exps {
				exps[i] = r.IntN(2*dsl.MaxEtaExp+1) - dsl.MaxEtaExp
			}
			exps[len(exps)-1] = 1 + r.IntN(dsl.MaxEtaExp)
			return dsl.NewEta(exps)
		},
	}
	for range 3000 {
		p := programs[r.IntN(len(programs))]()
		require.Len(t, p.Encode(), p.Bits(), dumpProgram(p))
	}
}
