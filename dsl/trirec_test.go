package dsl_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// refTriangle computes a triangle recurrence's first count entries the
// plain way, independently of the kind's own evaluator: rows n = offset,
// offset+1, ..., columns k = offset..n, the entries in a map from (n, k),
// a cell outside the triangle 0, each entry from its rule, its first
// entry or its body, exactly.
func refTriangle(p *dsl.Program, count int) []*big.Int {
	var out []*big.Int
	at := map[[2]int]*big.Int{}
	get := func(n, k int) *big.Int {
		if n < p.Offset || k < p.Offset || k > n {
			return new(big.Int)
		}
		return at[[2]int{n, k}]
	}
	var left, right dsl.Expr
	if g, ok := p.Parts.(*dsl.TriRecParts); ok {
		left, right = g.Left, g.Right
	}
	for n := p.Offset; len(out) < count; n++ {
		for k := p.Offset; k <= n && len(out) < count; k++ {
			var v *big.Int
			switch {
			case p.Order == 1 && n == p.Offset:
				v = p.Init[0]
			case p.Order == 0 && k == p.Offset && left != nil:
				v = dsl.EvalBig(left, &dsl.BigEnv{N: big.NewInt(int64(n))})
			case p.Order == 0 && k == n && right != nil:
				v = dsl.EvalBig(right, &dsl.BigEnv{N: big.NewInt(int64(n))})
			default:
				env := dsl.BigEnv{N: big.NewInt(int64(n)), K: big.NewInt(int64(k))}
				for lag, c := range dsl.TriangleCells {
					env.Prev[lag] = get(n-c.DN, k-c.DK)
				}
				v = dsl.EvalBig(p.Body, &env)
			}
			at[[2]int{n, k}] = v
			out = append(out, v)
		}
	}
	return out
}

func binom(n, k int64) *big.Int { return new(big.Int).Binomial(n, k) }

// TestTriangleRecValues checks triangle recurrences against their known
// closed forms, computed here in math/big, and against refTriangle.
func TestTriangleRecValues(t *testing.T) {
	pow := func(b, e int64) *big.Int { return new(big.Int).Exp(big.NewInt(b), big.NewInt(e), nil) }
	// Stirling numbers of the second kind, S(n, k) = sum_j (-1)^j
	// binomial(k, j) (k-j)^n / k!.
	stirling2 := func(n, k int64) *big.Int {
		s := new(big.Int)
		for j := int64(0); j <= k; j++ {
			x := new(big.Int).Mul(binom(k, j), pow(k-j, n))
			if j%2 == 1 {
				x.Neg(x)
			}
			s.Add(s, x)
		}
		return s.Quo(s, new(big.Int).MulRange(1, k))
	}
	// Eulerian numbers A(n, k), k = 1..n: sum_j (-1)^j binomial(n+1, j) (k-j)^n.
	eulerian := func(n, k int64) *big.Int {
		s := new(big.Int)
		for j := int64(0); j <= k; j++ {
			x := new(big.Int).Mul(binom(n+1, j), pow(k-j, n))
			if j%2 == 1 {
				x.Neg(x)
			}
			s.Add(s, x)
		}
		return s
	}
	cases := []struct {
		src    string
		closed func(n, k int64) *big.Int
	}{
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1", binom},
		{"T(n, k) = T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1", stirling2},
		{"T(n, k) = (n - k + 1)*T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1", eulerian},
		// Catalan's triangle (OEIS A009766): binomial(n+k, n)*(n-k+1)/(n+1).
		{"T(n, k) = T(n, k-1) + T(n-1, k); T(0, 0) = 1", func(n, k int64) *big.Int {
			x := new(big.Int).Mul(binom(n+k, n), big.NewInt(n-k+1))
			return x.Quo(x, big.NewInt(n+1))
		}},
		// Beyond int64: binomial(n, k)*1000^k*999^(n-k).
		{"T(n, k) = 1000*T(n-1, k-1) + 999*T(n-1, k); T(0, 0) = 1", func(n, k int64) *big.Int {
			x := new(big.Int).Mul(binom(n, k), pow(1000, k))
			return x.Mul(x, pow(999, n-k))
		}},
		// Rules: 1 on both edges, 2*T(n-1, k-1) + T(n-1, k) inside (OEIS
		// A119258): sum_j binomial(n-1-j, k-1-j)... checked against the
		// reference only.
		{"T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1", nil},
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(n, 1) = 1, T(n, n) = 1", func(n, k int64) *big.Int { return binom(n-1, k-1) }},
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(n, n) = 1; n >= 1", func(n, k int64) *big.Int { return binom(n-1, k-1) }},
		{"T(n, k) = 2*T(n-1, k) - T(n-1, k-1); T(n, 0) = n + 1", nil},
		// Fibonacci-like, reading two rows up; a constant term; the cell
		// to the upper right.
		{"T(n, k) = T(n-1, k-1) + T(n-2, k) + T(n-2, k-1); T(0, 0) = 1", nil},
		{"T(n, k) = T(n-1, k) + 2; T(0, 0) = 1", func(n, k int64) *big.Int {
			if k == 0 {
				return big.NewInt(2*n + 1)
			}
			return big.NewInt(2 * (n - k + 1))
		}},
		{"T(n, k) = T(n-1, k-1) + T(n-1, k) + T(n-1, k+1); T(0, 0) = 1", nil},
	}
	const count = 120 // 15 rows
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		got := p.BigValues(count)
		assert.Equal(t, fmt.Sprint(refTriangle(p, count)), fmt.Sprint(got), c.src)
		if c.closed != nil {
			var want []*big.Int
			for n := int64(p.Offset); len(want) < count; n++ {
				for k := int64(p.Offset); k <= n && len(want) < count; k++ {
					want = append(want, c.closed(n, k))
				}
			}
			assert.Equal(t, fmt.Sprint(want), fmt.Sprint(got), c.src)
		}
		checkDefinedAgree(t, p, count)
	}
}

// checkDefinedAgree checks that a program's int64 terms, where defined,
// are its exact terms (an int64 evaluation may overflow on the way to a
// term that fits).
func checkDefinedAgree(t *testing.T, p *dsl.Program, count int) {
	t.Helper()
	small, exact := p.Values(count), p.BigValues(count)
	for i := range count {
		if small[i].Defined() && (exact[i] == nil || exact[i].Cmp(big.NewInt(int64(small[i]))) != 0) {
			t.Fatalf("%v: term %d is %v in int64, %v exactly", p, i, small[i], exact[i])
		}
	}
}

// TestTriangleRecRandom evaluates random bodies and rules over the cells
// and compares the kind's evaluators with each other and with
// refTriangle.
func TestTriangleRecRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 15))
	n := 2000
	if testing.Short() {
		n = 300
	}
	for range n {
		p := randTriangleRec(r)
		count := 1 + r.IntN(40)
		small, exact := p.Values(count), p.BigValues(count)
		assert.Equal(t, fmt.Sprint(refTriangle(p, count)), fmt.Sprint(exact), dumpProgram(p))
		for i := range count {
			if small[i].Defined() {
				require.NotNil(t, exact[i], "%s: term %d", dumpProgram(p), i)
				require.Equal(t, int64(small[i]), exact[i].Int64(), "%s: term %d", dumpProgram(p), i)
			}
		}
		require.Len(t, p.Encode(), p.Bits(), dumpProgram(p))
	}
}

// randTriangleRec returns a random triangle recurrence: a body over n, k
// and the cells, and a first entry or one or two rules.
func randTriangleRec(r *rand.Rand) *dsl.Program {
	var body dsl.Expr
	for body == nil || lagsAbove(body, len(dsl.TriangleCells)) {
		body = randExpr(r, 4)
	}
	off := r.IntN(2)
	if r.IntN(2) == 0 {
		return dsl.NewTriangleRec(off, body, big.NewInt(r.Int64N(21)-10))
	}
	rule := func() dsl.Expr {
		e := randExpr(r, 2)
		if lagsAbove(e, 0) {
			return &dsl.Const{Value: 1}
		}
		return e
	}
	var left, right dsl.Expr
	switch r.IntN(3) {
	case 0:
		left = rule()
	case 1:
		right = rule()
	default:
		left, right = rule(), rule()
	}
	return dsl.NewTriangleRules(off, body, left, right)
}

// lagsAbove reports whether e reads an earlier term a(n-j) with j > max.
func lagsAbove(e dsl.Expr, max int) bool {
	switch e := e.(type) {
	case *dsl.Prev:
		return e.Lag > max
	case *dsl.Unary:
		return lagsAbove(e.X, max)
	case *dsl.Binary:
		return lagsAbove(e.X, max) || lagsAbove(e.Y, max)
	case *dsl.Cond:
		return lagsAbove(e.Cond, max) || lagsAbove(e.Then, max) || lagsAbove(e.Else, max)
	case *dsl.Loop:
		return lagsAbove(e.Body, max)
	}
	return false
}

// TestTriangleRecCode checks the code of triangle recurrences: the
// header with its tail bit, the body with the cells' words, the first
// entry or the rules' bits and bodies.
func TestTriangleRecCode(t *testing.T) {
	head := "0111" + "0001010"
	cases := []struct {
		src  string
		bits int
		word string
	}{
		// Pascal: header 12, offset 1, + (3) T(n-1, k-1) (3) T(n-1, k) (4), first entry 1 (5).
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1", 12 + 1 + 3 + 3 + 4 + 5,
			head + "0" + "0" + dsl.OpWord(dsl.OpAdd) + dsl.OpWord(dsl.OpPrev1) + dsl.OpWord(dsl.OpPrev2) + "01000"},
		// Rules: 1 on both edges: the rule bits 11, two constants 1 (4 each).
		{"T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1", 12 + 1 + (3 + 3 + 6 + 3 + 4) + 2 + 4 + 4,
			head + "1" + "0" + dsl.OpWord(dsl.OpAdd) + dsl.OpWord(dsl.OpMul) + dsl.OpWord(dsl.OpConst) + "010" + dsl.OpWord(dsl.OpPrev1) +
				dsl.OpWord(dsl.OpPrev2) + "11" + dsl.OpWord(dsl.OpConst) + "1" + dsl.OpWord(dsl.OpConst) + "1"},
		{"T(n, k) = T(n-1, k); T(n, n) = 1; n >= 1", 12 + 1 + 4 + 2 + 4,
			head + "1" + "1" + dsl.OpWord(dsl.OpPrev2) + "01" + dsl.OpWord(dsl.OpConst) + "1"},
		{"T(n, k) = T(n, k-1) + T(n-1, k+1) + T(n-2, k-1) + T(n-2, k); T(1, 1) = -1", 12 + 1 + 3*3 + 5 + 7 + 9 + 9 + 5, ""},
	}
	for _, c := range cases {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		assert.Equal(t, c.bits, p.Bits(), c.src)
		assert.Len(t, p.Encode(), c.bits, c.src)
		if c.word != "" {
			assert.Equal(t, c.word, p.Encode(), c.src)
		}
	}
}

// TestTriangleRecParse covers the text form: round trips and the errors
// of the tail and of the cells.
func TestTriangleRecParse(t *testing.T) {
	for _, c := range []struct{ src, print, tree string }{
		{"T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1", "", "triangle recurrence off=0 order=1 init=[1] (+ a1 a2)"},
		{"T(n,k)=T(n-1,k-1)+k*T(n-1,k);T(1,1)=1", "T(n, k) = T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1", "triangle recurrence off=1 order=1 init=[1] (+ a1 (* k a2))"},
		{"T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1", "", "triangle recurrence off=0 (+ (* 2 a1) a2) left=1 right=1"},
		{"T(n, k) = T(n-1, k) - T(n, k-1); T(n, 1) = n", "", "triangle recurrence off=1 (- a2 a3) left=n right=<nil>"},
		{"T(n, k) = T(n-1, k+1) + T(n-2, k-1) - T(n-2, k); T(n, n) = 2^n; n >= 1", "", "triangle recurrence off=1 (- (+ a4 a5) a6) left=<nil> right=(^ 2 n)"},
		{"T(n, k) = n + k; T(0, 0) = -7", "", "triangle recurrence off=0 order=1 init=[-7] (+ n k)"},
		{"T(n, k) = if k <= 0 then 1 else T(n-1, k-1)*T(n-1, k); T(n, n) = sum(k=1..n, k)", "", ""},
		{"T(n, k) = T(n-1, k); T(n, n) = 1; n >= 0", "T(n, k) = T(n-1, k); T(n, n) = 1", ""},
	} {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err, c.src)
		want := c.print
		if want == "" {
			want = c.src
		}
		assert.Equal(t, want, p.String())
		if c.tree != "" {
			assert.Equal(t, c.tree, dumpProgram(p))
		}
		q, err := dsl.ParseProgram(p.String())
		require.NoError(t, err)
		assert.Equal(t, dumpProgram(p), dumpProgram(q))
	}
	for _, c := range []struct {
		src  string
		col  int
		want string
	}{
		{"T(n, k) = T(n-1, k)", 20, `a triangle recurrence needs its first entry or its boundary rules, e.g. "; T(0, 0) = 1"`},
		{"T(n, k) = T(n-1, k); n >= 1", 20, "a triangle recurrence needs its first entry"},
		{"T(n, k) = T(n-3, k); T(0, 0) = 1", 11, "T(n-3, k) is not an entry a triangle recurrence reads: it reads T(n-1, k-1), T(n-1, k), T(n, k-1), T(n-1, k+1), T(n-2, k-1) and T(n-2, k)"},
		{"T(n, k) = T(n, k); T(0, 0) = 1", 11, "T(n, k) is not an entry"},
		{"T(n, k) = T(n-1, k-10); T(0, 0) = 1", 20, "expected a shift of k from 1 to 9"},
		{"T(n, k) = T(n-1, j); T(0, 0) = 1", 18, `expected "k", found "j"`},
		{"T(n, k) = a(n-2); T(0, 0) = 1", 11, "a(n-2) cannot be used in T(n, k)"},
		{"T(n, k) = n; T(0, 1) = 3", 19, "expected the first entry, T(0, 0), found column \"1\""},
		{"T(n, k) = n; T(2, 2) = 3", 16, "expected the first row, 0 or 1"},
		{"T(n, k) = n; T(n, 2) = 3", 19, "expected the first column, 0 or 1"},
		{"T(n, k) = n; T(n, 0) = T(n-1, k)", 24, `expected a number, n, k, a(n-i), a function or "(", found "T"`},
		{"T(n, k) = n; T(n, 0) = a(n-1)", 24, "a(n-1) cannot be used in a boundary rule, a closed form in n"},
		{"T(n, k) = n; T(n, 0) = k", 24, "k is only defined inside sum(...) or prod(...)"},
		{"T(n, k) = n; T(n, 0) = 1, T(n, 0) = 1", 32, `expected "n", found "0"`},
		{"T(n, k) = n; T(n, 0) = 1; n >= 1", 25, `unexpected ";" after the program`},
		{"T(n, k) = n; T(0, 0) = 1; n >= 1", 25, `unexpected ";" after the program`},
		{"T(n, k) = sum(k=1..n, T(n-1, k)); T(0, 0) = 1", 11, "sum cannot be used in T(n, k)"},
	} {
		_, err := dsl.ParseProgram(c.src)
		var pe *dsl.ParseError
		require.ErrorAs(t, err, &pe, c.src)
		assert.Contains(t, err.Error(), c.want, c.src)
		assert.Equal(t, c.col, pe.Pos, "%s: %v", c.src, err)
	}
}
