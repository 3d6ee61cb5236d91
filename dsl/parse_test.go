package dsl_test

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestRoundTrip parses tricky programs, prints them, and checks that the
// printed form is the expected canonical one (fewest parentheses), that it
// parses back to the same tree, and that printing is stable.
func TestRoundTrip(t *testing.T) {
	cases := []struct {
		src   string
		print string // canonical form; "" means src itself
		tree  string // the expected structure; "" means not checked
	}{
		{src: "a(n) = 2*n + 2", tree: "closed form off=0 (+ (* 2 n) 2)"},
		{src: "a(n) = (2*n) + (2)", print: "a(n) = 2*n + 2"},
		{src: "a(n) = 2*(n + 2)", tree: "closed form off=0 (* 2 (+ n 2))"},
		{src: "a(n) = n - (n - 1)", tree: "closed form off=0 (- n (- n 1))"},
		{src: "a(n) = (n - n) - 1", print: "a(n) = n - n - 1"},
		{src: "a(n) = n/(n*2)"},
		{src: "a(n) = n/n*2", tree: "closed form off=0 (* (/ n n) 2)"},
		{src: "a(n) = n mod 3", tree: "closed form off=0 (mod n 3)"},
		{src: "a(n) = n*(n mod 3)"},
		{src: "a(n)=n  mod  (n+1)", print: "a(n) = n mod (n + 1)"},
		// Unary minus.
		{src: "a(n) = -n", tree: "closed form off=0 (neg n)"},
		{src: "a(n) = --n", tree: "closed form off=0 (neg (neg n))"},
		{src: "a(n) = n - -n", tree: "closed form off=0 (- n (neg n))"},
		{src: "a(n) = n + -1"},
		{src: "a(n) = -n*2", tree: "closed form off=0 (* (neg n) 2)"},
		{src: "a(n) = -(n*2)", tree: "closed form off=0 (neg (* n 2))"},
		{src: "a(n) = -(n + 1)"},
		{src: "a(n) = n*-n"},
		// Powers: right associative, negative exponents, negative bases.
		{src: "a(n) = 2^n^2", tree: "closed form off=0 (^ 2 (^ n 2))"},
		{src: "a(n) = 2^(n^2)", print: "a(n) = 2^n^2"},
		{src: "a(n) = (2^n)^2", tree: "closed form off=0 (^ (^ 2 n) 2)"},
		{src: "a(n) = 2^-n", tree: "closed form off=0 (^ 2 (neg n))"},
		{src: "a(n) = 2^--n"},
		{src: "a(n) = 2^-3^n", tree: "closed form off=0 (^ 2 (neg (^ 3 n)))"},
		{src: "a(n) = (-2)^n", tree: "closed form off=0 (^ (neg 2) n)"},
		{src: "a(n) = -2^n", tree: "closed form off=0 (neg (^ 2 n))"},
		{src: "a(n) = 2^(n + 1)"},
		{src: "a(n) = 2^(2*n)"},
		{src: "a(n) = 2^n*3", tree: "closed form off=0 (* (^ 2 n) 3)"},
		// Factorials.
		{src: "a(n) = n!", tree: "closed form off=0 (fact n)"},
		{src: "a(n) = (n + 1)!", tree: "closed form off=0 (fact (+ n 1))"},
		{src: "a(n) = n!!", tree: "closed form off=0 (fact (fact n))"},
		{src: "a(n) = (n!)!", print: "a(n) = n!!"},
		{src: "a(n) = (-n)!", tree: "closed form off=0 (fact (neg n))"},
		{src: "a(n) = -n!", tree: "closed form off=0 (neg (fact n))"},
		{src: "a(n) = n!^2", tree: "closed form off=0 (^ (fact n) 2)"},
		{src: "a(n) = (n^2)!"},
		{src: "a(n) = 2^(-n)!", tree: "closed form off=0 (^ 2 (fact (neg n)))"},
		{src: "a(n) = a(n-1)!; a(0) = 1"},
		// Functions, loops and conditionals.
		{src: "a(n) = binomial(2*n, n)", tree: "closed form off=0 (binomial (* 2 n) n)"},
		{src: "a(n) = gcd(n, 6) + 1"},
		{src: "a(n) = base(n^2, 5)", tree: "closed form off=0 (base (^ n 2) 5)"},
		{src: "a(n) = base( 2^n,7 )", print: "a(n) = base(2^n, 7)"},
		{src: "a(n) = sum(k=1..n, k^2)", tree: "closed form off=0 (sum (^ k 2))"},
		{src: "a(n) = prod(k=1..n, 2*k - 1)"},
		{src: "a(n) = sum(k=1..n, prod(k=1..n, k))"},
		{src: "a(n) = if n - 3 <= 0 then 1 else n", tree: "closed form off=0 (if (- n 3) 1 n)"},
		{src: "a(n) = if n <= 0 then if n + 1 <= 0 then 1 else 2 else 3",
			tree: "closed form off=0 (if n (if (+ n 1) 1 2) 3)"},
		{src: "a(n) = if n <= 0 then 1 else if n - 1 <= 0 then 2 else 3",
			tree: "closed form off=0 (if n 1 (if (- n 1) 2 3))"},
		{src: "a(n) = (if n <= 0 then 1 else 2) + 1"},
		{src: "a(n) = 1 + (if n <= 0 then 1 else 2)"},
		{src: "a(n) = if (if n <= 0 then 1 else 2) <= 0 then 3 else 4"},
		{src: "a(n) = if -n <= 0 then 1 else 2"},
		{src: "a(n) = binomial(if n <= 0 then 1 else 2, n)"},
		// Offsets and recurrences.
		{src: "a(n) = n^2; n >= 1", tree: "closed form off=1 (^ n 2)"},
		{src: "a(n) = n; n >= 0", print: "a(n) = n"},
		{src: "a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1",
			tree: "recurrence off=0 order=2 init=[0 1] (+ a1 a2)"},
		{src: "a(n) = 2*a(n-1) - 1; a(1) = -3", tree: "recurrence off=1 order=1 init=[-3] (- (* 2 a1) 1)"},
		{src: "a(n) = a(n-3) + n; a(1) = 1, a(2) = -2, a(3) = 300000000000000000000000"},
		{src: "a(n) = n; a(0) = 5", tree: "recurrence off=0 order=1 init=[5] n"},
		{src: "a(n)=a(n-1)*n;a(1)=1", print: "a(n) = a(n-1)*n; a(1) = 1"},
		// Literals.
		{src: "a = [2, 3, 5, 7]", tree: "literal off=0 &{[2 3 5 7]}"},
		{src: "a = []", tree: "literal off=0 &{[]}"},
		{src: "T(n, k) = binomial(n, k)", tree: "triangle off=0 (binomial n k)"},
		{src: "a = {n >= 0 : isprime(n*n + 1) > 0}", tree: "filter off=0 (isprime (+ (* n n) 1))"},
		{src: "a = {n >= 1 : (if n mod 2 <= 0 then 1 else n - n) > 0}", tree: "filter off=1 (if (mod n 2) 1 (- n n))"},
		{src: "T(n, k) = n*k + 1; n >= 1", tree: "triangle off=1 (+ (* n k) 1)"},
		{src: "a=[-1,0,-0,123456789012345678901234567890]", print: "a = [-1, 0, 0, 123456789012345678901234567890]"},
		// Rational generating functions.
		{src: "a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4))",
			tree: "generating function off=0 &{[1 1 2 3 4] [1]}"},
		{src: "a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3)); n >= 1",
			tree: "generating function off=1 &{[1 1 3] [1 2 0 -1]}"},
		{src: "a(n)=[x^n](1+2*x-x^3)/((1-x)^2*(1-x^3));n>=1",
			print: "a(n) = [x^n] (1 + 2*x - x^3)/((1-x)^2*(1-x^3)); n >= 1"},
		{src: "a(n) = [x^n] 1/(1-x)", tree: "generating function off=0 &{[1] [1]}"},
		{src: "a(n) = [x^n] x^2/(1-x^5)^3", tree: "generating function off=0 &{[5 5 5] [0 0 1]}"},
		{src: "a(n) = [x^n] -3*x/((1-x)*(1-x^12))"},
		{src: "a(n) = [x^n] (-1 + x)", tree: "generating function off=0 &{[] [-1 1]}"},
		{src: "a(n) = [x^n] (2 - x)/1", print: "a(n) = [x^n] (2 - x)"},
		{src: "a(n) = [x^n] 0; n >= 1", tree: "generating function off=1 &{[] [0]}"},
		{src: "a(n) = [x^n] (x^3 + 1)/((1-x^2)*(1-x))", print: "a(n) = [x^n] (1 + x^3)/((1-x)*(1-x^2))"},
		{src: "a(n) = [x^n] 100000000000000000000*x^7/(1-x)^12"},
		// Continued fractions of square roots.
		{src: "a = cf(sqrt(352))", tree: "continued fraction off=0 &{352 0}"},
		{src: "a = cfnum(sqrt(332))", tree: "continued fraction off=0 &{332 1}"},
		{src: "a = cfden(sqrt(489))", tree: "continued fraction off=0 &{489 2}"},
		{src: "a=cfden ( sqrt( 0002147483647 ))", print: "a = cfden(sqrt(2147483647))"},
		// Large constants.
		{src: "a(n) = 9223372036854775807*n"},
		{src: "a(n) = 007*n", print: "a(n) = 7*n"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			p, err := dsl.ParseProgram(c.src)
			require.NoError(t, err)
			if c.tree != "" {
				assert.Equal(t, c.tree, dumpProgram(p))
			}
			want := c.print
			if want == "" {
				want = c.src
			}
			printed := p.String()
			assert.Equal(t, want, printed, "printed form")
			q, err := dsl.ParseProgram(printed)
			require.NoError(t, err, "reparsing %q", printed)
			assert.Equal(t, dumpProgram(p), dumpProgram(q), "parse(print(parse(s))) differs from parse(s)")
			assert.Equal(t, printed, q.String(), "printing is not stable")
			assert.Equal(t, p.Bits(), q.Bits())
		})
	}
}

// TestFormatRandom prints random trees of the full language and checks that
// each parses back to itself, and that no pair of parentheses in the output
// can be removed without changing the tree (the fewest parentheses).
func TestFormatRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		e := randExpr(r, 5)
		s := dsl.Format(e)
		back, err := dsl.ParseExpr(s)
		require.NoError(t, err, "parsing %q (from %s)", s, dump(e))
		require.Equal(t, dump(e), dump(back), "round trip of %q", s)
		for _, pair := range parenPairs(s) {
			if isCallParen(s, pair[0]) {
				continue
			}
			t2 := s[:pair[0]] + s[pair[0]+1:pair[1]] + s[pair[1]+1:]
			if e2, err := dsl.ParseExpr(t2); err == nil && dump(e2) == dump(e) {
				t.Fatalf("%q has redundant parentheses: %q means the same", s, t2)
			}
		}
	}
}

// parenPairs returns the positions of matching parentheses.
func parenPairs(s string) [][2]int {
	var stack []int
	var out [][2]int
	for i, c := range s {
		switch c {
		case '(':
			stack = append(stack, i)
		case ')':
			out = append(out, [2]int{stack[len(stack)-1], i})
			stack = stack[:len(stack)-1]
		}
	}
	return out
}

// isCallParen reports whether the parenthesis at i belongs to a(n-i),
// binomial(, gcd(, sum( or prod(, not to grouping.
func isCallParen(s string, i int) bool {
	return i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z'
}

// TestParseExprScope checks where k and a(n-i) may appear.
func TestParseExprScope(t *testing.T) {
	// ParseExpr accepts both anywhere.
	for _, s := range []string{"k", "a(n-3) + k", "sum(k=1..n, k)"} {
		_, err := dsl.ParseExpr(s)
		assert.NoError(t, err, s)
	}
	ok := []string{
		"a(n) = sum(k=1..n, k)",
		"a(n) = a(n-2); a(0) = 1, a(1) = 2",
		"a(n) = a(n-1); a(0) = 1, a(1) = 2", // order 2, a(n-2) unused
	}
	for _, s := range ok {
		_, err := dsl.ParseProgram(s)
		assert.NoError(t, err, s)
	}
}

// TestParseErrors checks that bad input is rejected with the column where
// it goes wrong and what was expected there.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		src  string
		col  int
		want string // a part of the message
	}{
		{"", 1, `expected "a", found end of input`},
		{"b(n) = n", 1, `expected "a", found "b"`},
		{"a(m) = n", 3, `expected "n", found "m"`},
		{"a(n) n", 6, `expected "=", found "n"`},
		{"a(n) = ", 8, "expected a number, n, k, a(n-i), a function or \"(\", found end of input"},
		{"a(n) = 2*", 10, "found end of input"},
		{"a(n) = 2 +* n", 11, `found "*"`},
		{"a(n) = (n + 1", 14, `expected ")", found end of input`},
		{"a(n) = n + 1)", 13, `unexpected ")" after the program`},
		{"a(n) = 2 × n", 10, "unexpected character '×'"},
		{"a(n) = 2 # n", 10, "unexpected character '#'"},
		{"a(n) = 0*n", 8, "constants are positive integers"},
		{"a(n) = 99999999999999999999*n", 8, "constant 99999999999999999999 is too large"},
		{"a(n) = k", 8, "k is only defined inside sum(...) or prod(...)"},
		{"a(n) = a(n-1)", 14, `a(n-1) needs initial terms`},
		{"a(n) = a(n-4); a(0) = 1", 24, "a(n-4) needs 4 initial terms, found 1"},
		{"a(n) = a(n-11); a(0) = 1", 12, "expected a(n-1) .. a(n-10), found a(n-11"},
		{"a(n) = a(n-9); a(0) = 1", 24, "a(n-9) needs 9 initial terms, found 1"},
		{"a(n) = a(n+1); a(0) = 1", 11, `expected "-", found "+"`},
		{"a(n) = a(n-2); a(0) = 1", 24, "a(n-2) needs 2 initial terms, found 1"},
		{"a(n) = a(n-1); a(2) = 1", 18, "the first index must be 0 or 1, found 2"},
		{"a(n) = a(n-1); a(0) = 1, a(2) = 1", 28, "expected a(1), found a(2)"},
		{"a(n) = a(n-1); a(0) = 1, a(1) = 1, a(2) = 1, a(3) = 1, a(4) = 1, a(5) = 1, a(6) = 1, a(7) = 1, a(8) = 1, a(9) = 1, a(10) = 1", 118, "at most 10 initial terms"},
		{"a(n) = a(n-1); a(0) = x", 23, `expected an integer, found "x"`},
		{"a(n) = a(n-1); a(x) = 1", 18, `expected an index, found "x"`},
		{"a(n) = n; n >= 2", 16, "expected the first index, 0 or 1, found \"2\""},
		{"T(n, k) = sum(k=1..n, k)", 11, "sum cannot be used in T(n, k): it binds k, the column"},
		{"T(n, k) = a(n-1)", 11, "a(n-1) cannot be used in T(n, k): a triangle recurrence reads T(n-1, k-1), T(n-1, k),"},
		{"a = {n >= 2 : n > 0}", 11, "expected the first n, 0 or 1, found \"2\""},
		{"a = cf(sqrt(16))", 13, "16 is a perfect square (4^2): its square root has no infinite continued fraction"},
		{"a = cfnum(sqrt(1))", 16, "N in sqrt(N) must be 2..2147483647, found 1"},
		{"a = cfden(sqrt(0))", 16, "N in sqrt(N) must be 2..2147483647, found 0"},
		{"a = cf(sqrt(2147483648))", 13, "N in sqrt(N) must be 2..2147483647, found 2147483648"},
		{"a = cf(sqrt(99999999999999999999999))", 13, "N in sqrt(N) must be 2..2147483647, found 99999999999999999999999"},
		{"a = cf(sqrt(-2))", 13, "expected N in cf(sqrt(N)), an integer, found \"-\""},
		{"a = cf(sqrt(n))", 13, "expected N in cf(sqrt(N)), an integer, found \"n\""},
		{"a = cf(2)", 8, "expected \"sqrt\", found \"2\""},
		{"a = cf(sqrt(2)", 15, "expected \")\", found end of input"},
		{"a = cf(sqrt(2)); n >= 1", 16, "unexpected \";\" after the program"},
		{"a = {n >= 0 : a(n-1) > 0}", 26, "a(n-1) cannot be used in a filter"},
		{"a = {n >= 0 : n}", 16, `expected ">", found "}"`},
		{"a = {n >= 0 : n > 1}", 19, `expected "0", found "1"`},
		{"T(n, j) = n", 6, `expected "k", found "j"`},
		{"T(n, k) = n; n >= 3", 19, "expected the first index, 0 or 1, found \"3\""},
		{"a(n) = n; n > 1", 13, `expected ">=", found ">"`},
		{"a(n) = n;", 10, `expected "a", found end of input`},
		{"a(n) = if n <= 1 then 1 else 2", 16, `expected "0", found "1"`},
		{"a(n) = if n <= 0 then 1", 24, `expected "else", found end of input`},
		{"a(n) = if n < 0 then 1 else 2", 13, "unexpected character '<'"},
		{"a(n) = sum(j=1..n, j)", 12, `expected "k", found "j"`},
		{"a(n) = sum(k=0..n, k)", 14, `expected "1", found "0"`},
		{"a(n) = binomial(n)", 18, `expected ",", found ")"`},
		{"a(n) = gcd n, 2", 12, `expected "(", found "n"`},
		{"a = [1, 2", 10, `expected ",", found end of input`},
		{"a = [1 2]", 8, `expected ",", found "2"`},
		{"a = [1,]", 8, `expected an integer, found "]"`},
		{"a = 1", 5, `expected "[", found "1"`},
		{"a(n) = " + strings.Repeat("(", 300) + "n" + strings.Repeat(")", 300), 0, "nested too deeply"},
		{"a(n) = " + strings.Repeat("-", 300) + "n", 0, "nested too deeply"},
	}
	for _, c := range cases {
		t.Run(c.src[:min(len(c.src), 40)], func(t *testing.T) {
			p, err := dsl.ParseProgram(c.src)
			require.Error(t, err, "parsed as %s", dumpProgram(p))
			var pe *dsl.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Contains(t, err.Error(), c.want)
			if c.col > 0 {
				assert.Equal(t, c.col, pe.Pos, "column of %q", err)
				assert.True(t, strings.HasPrefix(err.Error(), "column "), "message %q should start with the column", err)
			}
		})
	}
}

// TestParseExprErrors covers ParseExpr's own trailing-input check.
func TestParseExprErrors(t *testing.T) {
	for src, want := range map[string]string{
		"n n":       `column 3: unexpected "n" after the expression`,
		"":          "column 1: expected a number",
		"n +":       "column 4: expected a number",
		"a(n-0)":    "column 5: expected a(n-1) .. a(n-10), found a(n-0",
		"2^":        "column 3: expected a number",
		"n ! ! (":   `column 7: unexpected "(" after the expression`,
		"mod":       `column 1: expected a number, n, k, a(n-i), a function or "(", found "mod"`,
		"n mod":     "column 6: expected a number",
		"if n then": `column 6: expected "<=", found "then"`,
	} {
		_, err := dsl.ParseExpr(src)
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), want, src)
		}
	}
}

// TestLiteralBigTerms checks that literal terms of any size survive parsing.
func TestLiteralBigTerms(t *testing.T) {
	big1, _ := new(big.Int).SetString("-123456789012345678901234567890123456789", 10)
	p, err := dsl.ParseProgram("a = [" + big1.String() + "]")
	require.NoError(t, err)
	require.Len(t, p.Parts.(*dsl.LiteralParts).Terms, 1)
	assert.Zero(t, big1.Cmp(p.Parts.(*dsl.LiteralParts).Terms[0]))
}
