package fit

import (
	"context"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

type fitter = func(context.Context, []*big.Int) []*dsl.Program

func ints(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

func parseTerms(t testing.TB, s string) []*big.Int {
	var out []*big.Int
	for _, f := range strings.Split(s, ",") {
		v, ok := new(big.Int).SetString(strings.TrimSpace(f), 10)
		if !ok {
			t.Fatalf("bad term %q", f)
		}
		out = append(out, v)
	}
	return out
}

// gen returns count terms f(0), f(1), ...
func gen(count int, f func(i int64) *big.Int) []*big.Int {
	out := make([]*big.Int, count)
	for i := range out {
		out[i] = f(int64(i))
	}
	return out
}

// rec returns count terms of a recurrence from its initial terms.
func rec(count int, init []*big.Int, next func(n int64, prev []*big.Int) *big.Int) []*big.Int {
	out := append([]*big.Int(nil), init...)
	for len(out) < count {
		out = append(out, next(int64(len(out)), out))
	}
	return out
}

// reproduces reports whether p reproduces terms and defines the next term,
// as the predictor checks it, and returns that next term.
func reproduces(p *dsl.Program, terms []*big.Int) (*big.Int, bool) {
	next, ok := dsl.Reproduce(p, terms, 1)
	if !ok {
		return nil, false
	}
	return next[0], next[0] != nil
}

// checkProgram checks what the predictor relies on: the program is well
// formed, reproduces the terms, and its text form round-trips.
func checkProgram(t *testing.T, p *dsl.Program, terms []*big.Int) *big.Int {
	t.Helper()
	if !slices.Contains(dsl.Kinds(), p.Kind) || p.Kind == dsl.Literal || p.Offset < 0 || p.Offset > 1 {
		t.Errorf("%v: bad kind %v or offset %d", p, p.Kind, p.Offset)
	}
	if b, ok := p.Kind.Body(); ok && (p.Order < b.MinOrder || p.Order > b.MaxOrder || len(p.Init) != p.Order) {
		t.Errorf("%v: bad order %d with %d initial terms", p, p.Order, len(p.Init))
	}
	next, ok := reproduces(p, terms)
	if !ok {
		t.Errorf("%v does not reproduce %v", p, terms)
	}
	q, err := dsl.ParseProgram(p.String())
	if err != nil {
		t.Errorf("%v does not parse: %v", p, err)
	} else if q.String() != p.String() || q.Bits() != p.Bits() {
		t.Errorf("%v reparses as %v (%d bits, want %d)", p, q, q.Bits(), p.Bits())
	}
	if len(p.Encode()) != p.Bits() {
		t.Errorf("%v: code %d bits, Bits %d", p, len(p.Encode()), p.Bits())
	}
	return next
}

// shortest returns the shortest program the fitter proposes that
// reproduces terms.
func shortest(t *testing.T, f fitter, terms []*big.Int) (*dsl.Program, *big.Int) {
	t.Helper()
	var best *dsl.Program
	var next *big.Int
	for _, p := range f(context.Background(), terms) {
		n := checkProgram(t, p, terms)
		if n != nil && (best == nil || p.Bits() < best.Bits()) {
			best, next = p, n
		}
	}
	return best, next
}

func all(ctx context.Context, terms []*big.Int) []*dsl.Program {
	var out []*dsl.Program
	for _, f := range append(Early(), Late()...) {
		out = append(out, f(ctx, terms)...)
	}
	return out
}

func TestFitters(t *testing.T) {
	one := big.NewInt(1)
	fact := rec(60, ints(1), func(n int64, a []*big.Int) *big.Int { return new(big.Int).Mul(big.NewInt(n), a[n-1]) })
	tests := []struct {
		name  string
		fit   fitter
		terms []*big.Int
		want  string // the shortest proposal
		next  string
	}{
		{"squares", Polynomial, gen(12, func(i int64) *big.Int { return big.NewInt(i * i) }), "a(n) = n*n", "144"},
		{"squares from 1", Polynomial, ints(1, 4, 9, 16, 25, 36), "a(n) = n*n; n >= 1", "49"},
		{"triangular", Polynomial, ints(0, 1, 3, 6, 10, 15, 21), "a(n) = binomial(n, 2); n >= 1", "28"},
		{"triangular from 1", Polynomial, ints(1, 3, 6, 10, 15, 21), "a(n) = binomial(n, 2) + n; n >= 1", "28"},
		{"cubes", Polynomial, ints(0, 1, 8, 27, 64, 125, 216), "a(n) = n^3", "343"},
		{"n^2+n+41", Polynomial, ints(41, 43, 47, 53, 61, 71, 83), "a(n) = n*n + n + 41", "97"},
		{"odd", Polynomial, ints(1, 3, 5, 7, 9), "a(n) = n + n + 1", "11"},
		{"falling", Polynomial, ints(11, 9, 7, 5, 3, 1, -1), "a(n) = 11 - (n + n)", "-3"},
		{"(n-2)^3 negated", Polynomial, ints(8, 1, 0, -1, -8, -27, -64), "a(n) = -(n - 2)^3", "-125"},
		{"rational quartic", Polynomial, ints(0, 1, 5, 15, 35, 70, 126, 210), "a(n) = binomial(n + 3, 4)", "330"},
		{"quartic long", Polynomial, gen(250, func(i int64) *big.Int { return big.NewInt(i*i*i*i - 3*i + 7) }), "a(n) = n*(n^3 - 3) + 7", ""},
		{"fibonacci", Linear, ints(0, 1, 1, 2, 3, 5, 8, 13, 21), "a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1", "34"},
		{"lucas", Linear, ints(2, 1, 3, 4, 7, 11, 18, 29), "a(n) = a(n-1) + a(n-2); a(0) = 2, a(1) = 1", "47"},
		{"2^n+1", Linear, ints(2, 3, 5, 9, 17, 33, 65), "a(n) = a(n-1) + a(n-1) - 1; a(0) = 2", "129"},
		{"3a(n-1)+2a(n-2)", Linear, ints(1, 1, 5, 17, 61, 217, 773), "a(n) = 3*a(n-1) + (a(n-2) + a(n-2)); a(0) = 1, a(1) = 1", "2753"},
		{"tribonacci", Linear, ints(0, 0, 1, 1, 2, 4, 7, 13, 24, 44), "a(n) = a(n-1) + a(n-2) + a(n-3); a(0) = 0, a(1) = 0, a(2) = 1", "81"},
		{"pell", Linear, ints(0, 1, 2, 5, 12, 29, 70, 169), "a(n) = a(n-1) + a(n-1) + a(n-2); a(0) = 0, a(1) = 1", "408"},
		{"with n term", Linear, ints(1, 3, 8, 19, 42, 89), "a(n) = a(n-1) + a(n-1) + n; a(0) = 1", "184"},
		{"period 3", Linear, ints(1, 2, 3, 1, 2, 3, 1), "a(n) = a(n-3); a(0) = 1, a(1) = 2, a(2) = 3", "2"},
		{"halving", Linear, ints(259, 131, 67, 35, 19), "a(n) = (a(n-1) + 3)/2; a(0) = 259", "11"},
		{"thirds", Linear, ints(-972, 324, -108, 36, -12), "a(n) = -a(n-1)/3; a(0) = -972", "4"},
		{"2^n+1 long", Linear, gen(250, func(i int64) *big.Int { return new(big.Int).Add(new(big.Int).Lsh(one, uint(i)), one) }), "a(n) = a(n-1) + a(n-1) - 1; a(0) = 2", ""},
		{"big coefficients", Linear, rec(8, ints(1), func(n int64, a []*big.Int) *big.Int {
			v := new(big.Int).Mul(a[n-1], big.NewInt(40000))
			return v.Add(v, big.NewInt(12345677))
		}), "a(n) = 40000*a(n-1) + 12345677; a(0) = 1", ""},
		{"big denominator", Linear, rec(5, []*big.Int{new(big.Int).Lsh(one, 64)}, func(n int64, a []*big.Int) *big.Int {
			v := new(big.Int).Mul(a[n-1], big.NewInt(65537))
			return v.Quo(v, big.NewInt(65536))
		}), "a(n) = 65537*a(n-1)/65536; a(0) = 18446744073709551616", ""},
		{"factorials", PRecursive, ints(1, 2, 6, 24, 120, 720), "a(n) = n*a(n-1); a(1) = 1", "5040"},
		{"factorials from 0", PRecursive, ints(1, 1, 2, 6, 24, 120, 720), "a(n) = n*a(n-1); a(0) = 1", "5040"},
		{"factorials long", PRecursive, fact, "a(n) = n*a(n-1); a(0) = 1", ""},
		{"catalan", PRecursive, ints(1, 1, 2, 5, 14, 42, 132, 429, 1430), "a(n) = (4*n - 6)*a(n-1)/n; a(1) = 1", "4862"},
		{"double factorial", PRecursive, ints(1, 2, 3, 8, 15, 48, 105, 384), "a(n) = n*a(n-2); a(1) = 1, a(2) = 2", "945"},
		{"derangements", PRecursive, ints(1, 0, 1, 2, 9, 44, 265, 1854, 14833), "a(n) = (n - 1)*(a(n-1) + a(n-2)); a(0) = 1, a(1) = 0", "133496"},
		{"reversed factorials", PRecursive, ints(362880, 40320, 5040, 720, 120, 24, 6, 2, 1), "a(n) = a(n-1)/(10 - n); a(0) = 362880", "1"},
		{"+3 *2", Alternating, ints(1, 4, 8, 11, 22, 25, 50), "a(n) = if n mod 2 <= 0 then a(n-1) + a(n-1) else a(n-1) + 3; a(0) = 1", "53"},
		{"/5 +10", Alternating, ints(75, 15, 25, 5, 15), "a(n) = if n mod 2 <= 0 then a(n-1) + 10 else a(n-1)/5; a(0) = 75", "3"},
		{"+n *n", Alternating, ints(0, 3, 12, 17, 102, 109, 872), "a(n) = a(n-1) + (if n mod 2 <= 0 then n + 1 else n*a(n-1)); a(1) = 0", "881"},
		{"mod 3", Alternating, ints(9, 3, 6, 6, 2, 5, 3, 1, 4, 0, 0, 3), "a(n) = a(n-3) - (if n mod 3 <= 0 then 3 else 1); a(0) = 9, a(1) = 3, a(2) = 6", "-3"},
		{"cubes of catalan", PRecursive, gen(10, func(i int64) *big.Int {
			c := new(big.Int).Binomial(2*i, i)
			c.Quo(c, big.NewInt(i+1))
			return c.Mul(c, new(big.Int).Mul(c, c))
		}), "a(n) = 8*(n*((4*(n*(n + n - 3)) + 6)*a(n-1)) - a(n-1))/(n + 1)^3; a(0) = 1", "4738245926336"},
		{"order 3", PRecursive, rec(12, ints(1, 0, 0), func(n int64, a []*big.Int) *big.Int {
			v := new(big.Int).Mul(big.NewInt(n), a[n-1])
			v.Sub(v, a[n-2])
			return v.Add(v, new(big.Int).Mul(big.NewInt(n-2), a[n-3]))
		}), "a(n) = n*a(n-1) - a(n-2) + (n - 2)*a(n-3); a(0) = 1, a(1) = 0, a(2) = 0", ""},
		{"lags 4 and 8", Linear, rec(15, ints(13, 40, 53, 199, 5227, 15880, 21107, 79201), func(n int64, a []*big.Int) *big.Int {
			v := new(big.Int).Mul(big.NewInt(398), a[n-4])
			return v.Sub(v, a[n-8])
		}), "a(n) = 398*a(n-4) - a(n-8); a(0) = 13, a(1) = 40, a(2) = 53, a(3) = 199, a(4) = 5227, a(5) = 15880, a(6) = 21107, a(7) = 79201", ""},
		{"(6n+4)^10", Polynomial, gen(15, func(i int64) *big.Int { return new(big.Int).Exp(big.NewInt(6*i+4), big.NewInt(10), nil) }), "a(n) = (6*n - 2)^10; n >= 1", "53861511409489970176"},
		{"quintic", Polynomial, gen(10, func(i int64) *big.Int { return big.NewInt(i*i*i*i*i - 2*i + 1) }), "a(n) = n^5 - (n + n) + 1", "99981"},
		{"3(n-4)^7", Polynomial, gen(12, func(i int64) *big.Int {
			return new(big.Int).Mul(big.NewInt(3), new(big.Int).Exp(big.NewInt(i-4), big.NewInt(7), nil))
		}), "a(n) = 3*(n - 4)^7", "6291456"},
		{"floor(n^2/3)", Floor, gen(15, func(i int64) *big.Int { return big.NewInt(i * i / 3) }), "a(n) = n*n/3", "75"},
		{"floor(n(n-1)(n-2)/28)", Floor, gen(15, func(i int64) *big.Int { return big.NewInt(i * (i - 1) * (i - 2) / 28) }), "a(n) = (n - 2)*(n*n - n)/28", "97"},
		{"round(n^2/8)", Floor, gen(15, func(i int64) *big.Int { return big.NewInt((i*i + 4) / 8) }), "a(n) = (n*n + 4)/8", "28"},
		{"floor(45n/13)", Floor, gen(20, func(i int64) *big.Int { return big.NewInt((45*i + 6) / 13) }), "a(n) = (45*n + 6)/13", "69"},
		{"floor big", Floor, gen(16, func(i int64) *big.Int { return big.NewInt((1000003*i*i*i*i + 5) / 7) }), "a(n) = (1000003*n^4 + 5)/7", "9362313801"},
		{"negative floor(-n^2/5)", Floor, gen(15, func(i int64) *big.Int { return big.NewInt(-((i*i + 4) / 5)) }), "", "-45"},
		{"late start", PRecursive, rec(16, ints(0, 0, 1, 4), func(n int64, a []*big.Int) *big.Int {
			// (n-2)(n-3)a(n) = (n-1)((n-3)a(n-1) + (n-1)(n-2)a(n-2)), which
			// cannot give a(2) and a(3).
			v := new(big.Int).Mul(big.NewInt(n-3), a[n-1])
			v.Add(v, new(big.Int).Mul(big.NewInt((n-1)*(n-2)), a[n-2]))
			v.Mul(v, big.NewInt(n-1))
			return v.Quo(v, big.NewInt((n-2)*(n-3)))
		}), "a(n) = (n - 1)*((n - 3)*a(n-1) + (n - 1)*(n - 2)*a(n-2))/((n - 2)*(n - 3)); a(0) = 0, a(1) = 0, a(2) = 1, a(3) = 4", ""},
		{"n*a(n-1)+1", PRecursive, ints(1, 2, 5, 16, 65, 326, 1957), "a(n) = n*a(n-1) + 1; a(0) = 1", "13700"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, next := shortest(t, tc.fit, tc.terms)
			if p == nil {
				t.Fatalf("no fit for %v", tc.terms)
			}
			if tc.want != "" && p.String() != tc.want {
				t.Errorf("shortest fit %v (%d bits), want %v", p, p.Bits(), tc.want)
				if w, err := dsl.ParseProgram(tc.want); err == nil && w.Bits() < p.Bits() {
					t.Errorf("the wanted program is shorter: %d bits", w.Bits())
				}
			}
			if tc.next != "" && next.String() != tc.next {
				t.Errorf("%v predicts %v, want %v", p, next, tc.next)
			}
		})
	}
}

// TestPuzzles checks the public puzzle series the fitters cover: the
// shortest fitted program predicts the answer.
func TestPuzzles(t *testing.T) {
	for _, tc := range puzzles {
		terms := parseTerms(t, tc.terms)
		p, next := shortest(t, all, terms)
		if p == nil {
			t.Errorf("%s %s: no fit", tc.id, tc.terms)
			continue
		}
		if next.Cmp(big.NewInt(tc.answer)) != 0 {
			t.Errorf("%s %s: %v predicts %v, want %d", tc.id, tc.terms, p, next, tc.answer)
		}
	}
}

// TestNoFitWithoutSpareEquations checks that a shape with as many unknowns
// as the data has equations is not proposed.
func TestNoFitWithoutSpareEquations(t *testing.T) {
	for _, tc := range []struct {
		fit   fitter
		terms []*big.Int
	}{
		{Polynomial, ints(3, 7)},              // a line through two points
		{Polynomial, ints(1, 5, 2)},           // a parabola through three
		{Polynomial, ints(1, 5, 2, 8, 0)},     // a quartic through five
		{Linear, ints(1, 5, 2)},               // a(n) = c*a(n-1) + d
		{Linear, ints(4, 1, 7, 3, 2)},         // order 2 with a constant
		{PRecursive, ints(2, 7, 3, 11)},       // (a + b*n)*a(n-1)/c
		{PRecursive, ints(2, 7, 3, 11, 5, 1)}, // order 2 with a constant
		{Alternating, ints(2, 7, 3, 11)},      // too short to alternate
		{Alternating, ints(2, 7, 3, 11, 5)},   // two rules with one unknown each, no checks left
		// Rules of order 5 to 8 checked on fewer than 1.5 times the terms
		// they write out: A039593 (powers of 2, repeated), A122164 (OEIS,
		// CC BY-SA 4.0), on 15 terms each wrongly fitted before.
		{Alternating, ints(1, 2, 2, 4, 4, 4, 4, 8, 8, 8, 16, 16, 16, 16, 16)},
		{Alternating, ints(0, 1, 1, 2, 1, 3, 4, 2, 6, 3, 9, 12, 6, 18, 9)},
		{Floor, ints(0, 0, 1, 3, 5)}, // too short for an inequality fit
	} {
		for _, p := range tc.fit(context.Background(), tc.terms) {
			t.Errorf("%v: proposed %v", tc.terms, p)
		}
	}
}

func noSearch(ctx context.Context, terms []*big.Int, opts search.Options) (*search.Result, error) {
	return &search.Result{Stopped: search.StopMaxBits}, nil
}

// TestRandomNotConfident checks that fits do not make a patternless
// sequence look predictable: the fitted programs are charged their full
// length, and a fit that merely uses up the data is long.
func TestRandomNotConfident(t *testing.T) {
	// Digits typed at random (those of e are no longer patternless:
	// fit.Constant finds digits(2-e), rightly).
	terms := ints(3, 8, 4, 9, 2, 0, 1, 7, 5, 6, 3, 8)
	res, err := predict.Predict(context.Background(), terms, predict.Options{
		Engine:      search.Reference,
		Search:      search.Options{MaxBits: 18},
		Fitters:     Early(),
		LateFitters: Late(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Found && len(res.Predictions) > 0 && res.Predictions[0].Probability >= 0.5 {
		t.Errorf("%v: confident prediction %v (p = %.2f) from %v", terms, res.Predictions[0].Next, res.Predictions[0].Probability, res.Programs[0].Program)
	}

	// Many random sequences, fits only.
	rng := rand.New(rand.NewPCG(1, 2))
	confident := 0
	trials := 2000 // about 3 s
	if testing.Short() {
		trials = 400
	}
	for range trials {
		n := 5 + rng.IntN(8)
		terms := make([]*big.Int, n)
		for i := range terms {
			terms[i] = big.NewInt(rng.Int64N(41) - 10)
		}
		res, err := predict.Predict(context.Background(), terms, predict.Options{Engine: noSearch, Fitters: Early(), LateFitters: Late()})
		if err != nil {
			t.Fatal(err)
		}
		if res.Found && res.Predictions[0].Probability >= 0.5 {
			confident++
			t.Logf("%v: %v (p = %.2f) from %v", terms, res.Predictions[0].Next, res.Predictions[0].Probability, res.Programs[0].Program)
		}
	}
	if confident > trials/200 {
		t.Errorf("%d of %d random sequences got a confident prediction", confident, trials)
	}
}

// TestExprShort checks the expression builder picks short forms.
func TestExprShort(t *testing.T) {
	for _, tc := range []struct {
		coef []int64 // a polynomial in n, lowest degree first
		den  int64
		want string
	}{
		{[]int64{0, 0, 1}, 1, "n*n"},
		{[]int64{0, 1, 1}, 2, "binomial(n, 2) + n"},
		{[]int64{0, 0, 0, 1}, 1, "n^3"},
		{[]int64{0, 0, 0, 0, 1}, 1, "n^4"},
		{[]int64{1, 2, 1}, 1, "(n + 1)^2"},
		{[]int64{-2, 0, 2}, 1, "n*(n + n) - 2"},
		{[]int64{6, -5, 1}, 1, "(n - 2)*(n - 3)"},
		{[]int64{10, 0, 0}, 1, "10"},
		{[]int64{-3, 0, 0}, 1, "-3"},
	} {
		p := make(ratPoly, len(tc.coef))
		for i, c := range tc.coef {
			p[i] = big.NewRat(c, tc.den)
		}
		e := newBuilder().ratPolyExpr(p, 0, true)
		if got := dsl.Format(e); got != tc.want {
			w, _ := dsl.ParseExpr(tc.want)
			t.Errorf("%v/%d: got %s (%d bits), want %s (%d bits)", tc.coef, tc.den, got, dsl.ExprBits(e), tc.want, dsl.ExprBits(w))
		}
	}
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, f := range append(Early(), Late()...) {
		if ps := f(ctx, ints(0, 1, 1, 2, 3, 5, 8, 13)); len(ps) != 0 {
			t.Errorf("cancelled fitter proposed %v", ps)
		}
	}
}

// TestOddInputs checks that whatever the fitters propose for degenerate
// or awkward inputs is a valid program reproducing them.
func TestOddInputs(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 200)
	for _, terms := range [][]*big.Int{
		nil, ints(1), ints(1, 2), ints(0, 0, 0, 0, 0), ints(5, 5, 5, 5), ints(1, 0, 0, 0, 0, 0),
		gen(50, func(i int64) *big.Int { return new(big.Int).Add(huge, big.NewInt(i*i)) }), // constant beyond int64
		gen(50, func(i int64) *big.Int { return new(big.Int).Mul(huge, big.NewInt(i)) }),
	} {
		for _, f := range append(Early(), Late()...) {
			for _, p := range f(context.Background(), terms) {
				checkProgram(t, p, terms)
			}
		}
	}
}

func BenchmarkFit(b *testing.B) {
	seqs := benchSeqs(b, 20)
	b.ResetTimer()
	for b.Loop() {
		for _, s := range seqs {
			all(context.Background(), s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(seqs))/1000, "µs/seq")
}

// benchSeqs returns the benchmarks' sequences: the puzzles and 20
// random ones of the given length, terms below 1000.
func benchSeqs(b *testing.B, length int) [][]*big.Int {
	var seqs [][]*big.Int
	for _, tc := range puzzles {
		seqs = append(seqs, parseTerms(b, tc.terms))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		terms := make([]*big.Int, length)
		for i := range terms {
			terms[i] = big.NewInt(rng.Int64N(1000))
		}
		seqs = append(seqs, terms)
	}
	return seqs
}

func BenchmarkFitLong(b *testing.B) {
	one := big.NewInt(1)
	seqs := [][]*big.Int{
		gen(250, func(i int64) *big.Int { return new(big.Int).Add(new(big.Int).Lsh(one, uint(i)), one) }),
		rec(250, ints(1), func(n int64, a []*big.Int) *big.Int { return new(big.Int).Mul(big.NewInt(n), a[n-1]) }),
		rec(250, ints(0, 1), func(n int64, a []*big.Int) *big.Int { return new(big.Int).Add(a[n-1], a[n-2]) }),
	}
	for b.Loop() {
		for _, s := range seqs {
			all(context.Background(), s)
		}
	}
}

// TestPShapeUnknowns: the sort key of the P-recursive shapes counts their
// columns.
func TestPShapeUnknowns(t *testing.T) {
	for _, s := range pShapes {
		if got, want := s.unknowns(), len(s.cols()); got != want {
			t.Errorf("%+v: unknowns %d, columns %d", s, got, want)
		}
	}
}

// TestLinearHighOrder checks that Linear fits constant-coefficient
// recurrences of order 9 and 10 from 25 terms, predicting the next ones,
// and never proposes an order above 8 from 15 terms, where a recurrence
// of order 9 through all its lags has fewer equations (6) than unknowns
// (9), and orders 9 and 10 have no other shape.
func TestLinearHighOrder(t *testing.T) {
	sum := func(lags ...int) func(n int64, prev []*big.Int) *big.Int {
		return func(n int64, prev []*big.Int) *big.Int {
			v := new(big.Int)
			for _, l := range lags {
				v.Add(v, prev[len(prev)-l])
			}
			return v
		}
	}
	ones := func(k int) []*big.Int {
		out := make([]*big.Int, k)
		for i := range out {
			out[i] = big.NewInt(1)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		order int
		terms []*big.Int
	}{
		{"a(n-1) + a(n-9)", 9, rec(35, ones(9), sum(1, 9))},
		{"a(n-1) + a(n-10)", 10, rec(35, ones(10), sum(1, 10))},
		// A period of 10: from 25 terms, through all ten lags; from 15,
		// a(n-10) alone is not tried (it is up to order 8).
		{"a(n-10)", 10, rec(35, ints(3, 1, 4, 1, 5, 9, 2, 6, 5, 3), sum(10))},
		{"a(n-2) + a(n-9) - a(n-4)", 9, rec(35, ints(1, 0, 2, 0, 0, 3, 1, 0, 5), func(n int64, prev []*big.Int) *big.Int {
			v := new(big.Int).Add(prev[len(prev)-2], prev[len(prev)-9])
			return v.Sub(v, prev[len(prev)-4])
		})},
	} {
		given, next := tc.terms[:25], tc.terms[25:]
		found := false
		for _, p := range Linear(context.Background(), given) {
			got, ok := dsl.Reproduce(p, given, len(next))
			if !ok || p.Order != tc.order {
				continue
			}
			match := true
			for i := range next {
				match = match && got[i] != nil && got[i].Cmp(next[i]) == 0
			}
			found = found || match
		}
		if !found {
			t.Errorf("%s: no recurrence of order %d predicting the next 10 terms", tc.name, tc.order)
		}

		for _, p := range Linear(context.Background(), tc.terms[:15]) {
			if p.Order > 8 {
				t.Errorf("%s from 15 terms: proposed %v", tc.name, p)
			}
		}
	}
}

// TestLinearHighOrderSpare checks MinSpareHigh: a recurrence of order 10
// with a linear term, 12 unknowns, is proposed from 26 terms (4 spare
// equations) and not from 25 (3).
func TestLinearHighOrderSpare(t *testing.T) {
	terms := rec(26, ints(1, 0, 0, 2, 0, 0, 0, 3, 0, 1), func(n int64, prev []*big.Int) *big.Int {
		v := new(big.Int).Add(prev[len(prev)-1], prev[len(prev)-10])
		return v.Add(v, big.NewInt(n))
	})
	order10 := func(ps []*dsl.Program) bool {
		return slices.ContainsFunc(ps, func(p *dsl.Program) bool { return p.Order == 10 })
	}
	if !order10(Linear(context.Background(), terms)) {
		t.Errorf("26 terms: no recurrence of order 10")
	}
	if ps := Linear(context.Background(), terms[:25]); order10(ps) {
		t.Errorf("25 terms: proposed %v", ps)
	}
}
