package dsl_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestAlgebraicRoundTrip takes algebraic programs through the parser,
// the printer and the coder: each prints back as written, and its code
// word is the header, the offset bit, gamma(dA-1), gamma(dx+1), every
// coefficient and A(0) in the integer code.
func TestAlgebraicRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		src    string
		dA, dx int
		coef   []int64 // A-power major, zeros included
		a0     int64
		offset int
		bits   int
	}{
		// Catalan: 14 + 1 + 3 + (5+1+5+1+1+5) + 5.
		{"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1", 2, 1, []int64{1, 0, -1, 0, 0, 1}, 1, 0, 41},
		{"a(n) = [x^n] A where -1 + A - x*A - x*A^2 = 0, A(0) = 1; n >= 1", 2, 1, []int64{-1, 0, 1, -1, 0, -1}, 1, 1, 45},
		{"a(n) = [x^n] A where x - A + 2*A^2 = 0, A(0) = 0", 2, 1, []int64{0, 1, -1, 0, 2, 0}, 0, 0, 14 + 1 + 3 + 1 + 5 + 5 + 1 + 5 + 1 + 1},
		{"a(n) = [x^n] A where 27*x - 108*x*A - A^2 + 144*x*A^2 + A^3 - 64*x*A^3 = 0, A(0) = 1", 3, 1, []int64{0, 27, 0, -108, -1, 144, 1, -64}, 1, 0, 0},
		{"a(n) = [x^n] A where 2 - 3*A + x^3*A + A^2 = 0, A(0) = 2", 2, 3, []int64{2, 0, 0, 0, -3, 0, 0, 1, 1, 0, 0, 0}, 2, 0, 0},
	} {
		p, err := dsl.ParseProgram(tc.src)
		require.NoError(t, err, tc.src)
		assert.Equal(t, dsl.Algebraic, p.Kind)
		assert.Equal(t, tc.offset, p.Offset, tc.src)
		assert.Equal(t, tc.src, p.String())
		g := p.Parts.(*dsl.AlgebraicParts)
		require.Len(t, g.Coef, tc.dA+1, tc.src)
		bits := dsl.HeaderBits(dsl.Algebraic, 0) + dsl.GammaBits(uint64(tc.dA-1)) + dsl.GammaBits(uint64(tc.dx+1)) + dsl.IntBits64(tc.a0)
		var flat []int64
		for _, row := range g.Coef {
			require.Len(t, row, tc.dx+1, tc.src)
			for _, c := range row {
				flat = append(flat, c.Int64())
				bits += dsl.IntBits(c)
			}
		}
		assert.Equal(t, tc.coef, flat, tc.src)
		assert.Equal(t, bits, p.Bits(), tc.src)
		if tc.bits > 0 {
			assert.Equal(t, tc.bits, p.Bits(), tc.src)
		}
		w := p.Encode()
		assert.Len(t, w, p.Bits(), tc.src)
		assert.True(t, strings.HasPrefix(w, dsl.HeaderWord(dsl.Algebraic, 0)+string(rune('0'+tc.offset))), tc.src)
		// The constructor gives the same program, its degrees trimmed.
		q := dsl.NewAlgebraic(tc.offset, append(padded(g.Coef), []*big.Int{big.NewInt(0)}), big.NewInt(tc.a0))
		assert.Equal(t, tc.src, q.String())
		assert.Equal(t, p.Bits(), q.Bits())
	}
	assert.Equal(t, 14, dsl.HeaderBits(dsl.Algebraic, 0), "a 13-bit header word and the offset bit")
}

// padded returns coef with a zero column added to every row.
func padded(coef [][]*big.Int) [][]*big.Int {
	out := make([][]*big.Int, len(coef))
	for i, row := range coef {
		out[i] = append(append([]*big.Int(nil), row...), new(big.Int))
	}
	return out
}

// TestAlgebraicParseErrors: equations that do not define a series, and
// malformed ones, are refused with a message.
func TestAlgebraicParseErrors(t *testing.T) {
	for _, tc := range []struct{ src, msg string }{
		{"a(n) = [x^n] A where 1 - (1-x)*A = 0, A(0) = 1", "expected a term"},
		{"a(n) = [x^n] A where 1 - A + x*A = 0, A(0) = 1", "A^2 or a higher power"},
		{"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 2", "not a simple root"},
		{"a(n) = [x^n] A where 1 - 2*A + A^2 = 0, A(0) = 1", "not a simple root"},
		{"a(n) = [x^n] A where 1 - A + x*A^2 + x*A^2 = 0, A(0) = 1", "two terms"},
		{"a(n) = [x^n] A where 1 - A + 0*x*A^2 + A^2 = 0, A(0) = 1", "zero terms"},
		{"a(n) = [x^n] A where 1 - A + x*A^5 = 0, A(0) = 1", "degree in A is at most 4"},
		{"a(n) = [x^n] A where 1 - A + x^13*A^2 = 0, A(0) = 1", "degree in x is at most 12"},
		{"a(n) = [x^n] A where 1 - A + x^0*A^2 = 0, A(0) = 1", "write x^0 as 1"},
		{"a(n) = [x^n] A where 1 - A + A^2*x = 0, A(0) = 1", "expected \"=\""},
		{"a(n) = [x^n] A where 1 - A + 2*3*A^2 = 0, A(0) = 1", "x or A after"},
		{"a(n) = [x^n] A where + 1 - A + x*A^2 = 0, A(0) = 1", "expected a term"},
		{"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1; n >= 2", "0 or 1"},
		{"a(n) = [x^n] A where 1 - A + x*A^2 = 0", "expected \",\""},
	} {
		_, err := dsl.ParseProgram(tc.src)
		require.Error(t, err, tc.src)
		assert.Contains(t, err.Error(), tc.msg, tc.src)
	}
}

// TestAlgebraicKnown checks the terms of famous algebraic generating
// functions against their closed forms, computed here with math/big.
func TestAlgebraicKnown(t *testing.T) {
	const count = 40
	binom := func(n, k int64) *big.Int { return new(big.Int).Binomial(n, k) }
	catalan := func(n int64) *big.Int { return new(big.Int).Quo(binom(2*n, n), big.NewInt(n+1)) }
	for _, tc := range []struct {
		src  string
		term func(n int64) *big.Int
	}{
		{"a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1", catalan},
		// Motzkin: sum_k binomial(n, 2k) C_k.
		{"a(n) = [x^n] A where 1 - A + x*A + x^2*A^2 = 0, A(0) = 1", func(n int64) *big.Int {
			s := new(big.Int)
			for k := int64(0); 2*k <= n; k++ {
				s.Add(s, new(big.Int).Mul(binom(n, 2*k), catalan(k)))
			}
			return s
		}},
		// Ternary trees: binomial(3n, n)/(2n + 1).
		{"a(n) = [x^n] A where 1 - A + x*A^3 = 0, A(0) = 1", func(n int64) *big.Int {
			return new(big.Int).Quo(binom(3*n, n), big.NewInt(2*n+1))
		}},
		// Large Schröder numbers: sum_k binomial(n+k, n-k) C_k.
		{"a(n) = [x^n] A where 1 - A + x*A + x*A^2 = 0, A(0) = 1; n >= 1", func(n int64) *big.Int {
			s := new(big.Int)
			for k := int64(0); k <= n; k++ {
				s.Add(s, new(big.Int).Mul(binom(n+k, n-k), catalan(k)))
			}
			return s
		}},
		// Central binomial coefficients, 1/sqrt(1-4x): (1-4x)*A^2 = 1.
		{"a(n) = [x^n] A where -1 + A^2 - 4*x*A^2 = 0, A(0) = 1", func(n int64) *big.Int { return binom(2*n, n) }},
		// The other branch: A(0) = -1 gives the negated series.
		{"a(n) = [x^n] A where -1 + A^2 - 4*x*A^2 = 0, A(0) = -1", func(n int64) *big.Int { return new(big.Int).Neg(binom(2*n, n)) }},
	} {
		p, err := dsl.ParseProgram(tc.src)
		require.NoError(t, err, tc.src)
		got := p.BigValues(count)
		small := p.Values(count)
		for n := range int64(count) {
			want := tc.term(n)
			require.NotNil(t, got[n], "%s: term %d", tc.src, n)
			assert.Equal(t, want.String(), got[n].String(), "%s: term %d", tc.src, n)
			assert.Equal(t, dsl.FromBig(want), small[n], "%s: int64 term %d", tc.src, n)
		}
	}
}

// TestAlgebraicSeriesRandom checks AlgebraicSeries on random equations
// against an independent computation over the rationals: each
// coefficient is found by substituting the truncated series into the
// whole equation with naive polynomial products and solving the x^n
// coefficient, D*a(n) + R = 0, with big.Rat. The terms agree up to the
// first that is not an integer; it and all after it are nil.
func TestAlgebraicSeriesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 19))
	const count = 12
	tested, integral := 0, 0
	for tested < 300 {
		dA, dx := 2+r.IntN(3), r.IntN(4)
		a0 := big.NewInt(int64(r.IntN(5) - 2))
		coef := make([][]*big.Int, dA+1)
		for i := range coef {
			coef[i] = make([]*big.Int, dx+1)
			for j := range coef[i] {
				coef[i][j] = big.NewInt(int64(r.IntN(7) - 3))
			}
		}
		// Make a0 a root of P(0, A): set c_00 = -sum_{i>=1} c_i0 a0^i.
		s := new(big.Int)
		for i := 1; i <= dA; i++ {
			s.Add(s, new(big.Int).Mul(coef[i][0], new(big.Int).Exp(a0, big.NewInt(int64(i)), nil)))
		}
		coef[0][0].Neg(s)
		d := new(big.Int)
		for i := 1; i <= dA; i++ {
			d.Add(d, new(big.Int).Mul(big.NewInt(int64(i)), new(big.Int).Mul(coef[i][0], new(big.Int).Exp(a0, big.NewInt(int64(i-1)), nil))))
		}
		got := dsl.AlgebraicSeries(coef, a0, count)
		if d.Sign() == 0 || allZero(coef[dA]) || allZero(coef[2]) && (dA == 2) {
			continue // not a simple root, or not of the drawn degree
		}
		tested++
		want := naiveAlgebraic(coef, a0, d, count)
		for n := range count {
			if want[n] == nil {
				assert.Nil(t, got[n], "%v A(0)=%v: term %d", coef, a0, n)
				continue
			}
			require.NotNil(t, got[n], "%v A(0)=%v: term %d", coef, a0, n)
			assert.Equal(t, want[n].String(), got[n].String(), "%v A(0)=%v: term %d", coef, a0, n)
		}
		if want[count-1] != nil {
			integral++
		}
	}
	t.Logf("%d equations, %d with all %d terms integers", tested, integral, count)
	assert.Greater(t, integral, 30, "too few integral series to test the values")
}

func allZero(row []*big.Int) bool {
	for _, c := range row {
		if c.Sign() != 0 {
			return false
		}
	}
	return true
}

// naiveAlgebraic solves P(x, A) = 0 term by term over the rationals: for
// each n, the x^n coefficient of P(x, A) with a(n) = 0, computed by naive
// products of whole truncated polynomials, is R, and a(n) = -R/D. It
// returns the integer terms up to the first that is not one (nil from
// there on).
func naiveAlgebraic(coef [][]*big.Int, a0, d *big.Int, count int) []*big.Int {
	a := make([]*big.Rat, count)
	for k := range a {
		a[k] = new(big.Rat)
	}
	a[0].SetInt(a0)
	mul := func(p, q []*big.Rat) []*big.Rat {
		out := make([]*big.Rat, count)
		for k := range out {
			out[k] = new(big.Rat)
		}
		for i := range p {
			for j := range q {
				if i+j < count {
					out[i+j].Add(out[i+j], new(big.Rat).Mul(p[i], q[j]))
				}
			}
		}
		return out
	}
	out := make([]*big.Int, count)
	out[0] = new(big.Int).Set(a0)
	for n := 1; n < count; n++ {
		a[n].SetInt64(0)
		total := make([]*big.Rat, count)
		for k := range total {
			total[k] = new(big.Rat)
		}
		power := make([]*big.Rat, count) // A^i
		for k := range power {
			power[k] = new(big.Rat)
		}
		power[0].SetInt64(1)
		for i := range coef {
			if i > 0 {
				power = mul(power, a)
			}
			for j, c := range coef[i] {
				xj := make([]*big.Rat, count)
				for k := range xj {
					xj[k] = new(big.Rat)
				}
				if j < count {
					xj[j].SetInt(c)
				}
				term := mul(xj, power)
				for k := range total {
					total[k].Add(total[k], term[k])
				}
			}
		}
		a[n].Quo(total[n], new(big.Rat).SetInt(d))
		a[n].Neg(a[n])
		if !a[n].IsInt() {
			break
		}
		out[n] = new(big.Int).Set(a[n].Num())
	}
	return out
}

// TestAlgebraicUndefined: a coefficient that is not an integer makes it
// and every later term undefined; so do terms beyond MaxBigBits.
func TestAlgebraicUndefined(t *testing.T) {
	// 1 - 3A + x A^2 + 2 A^4 = 0 at A = 1: D = -3 + 8 = 5; a(1) = -1/5.
	p, err := dsl.ParseProgram("a(n) = [x^n] A where 1 - 3*A + x*A^2 + 2*A^4 = 0, A(0) = 1")
	require.NoError(t, err)
	vals := p.BigValues(5)
	assert.Equal(t, "1", vals[0].String())
	for _, v := range vals[1:] {
		assert.Nil(t, v)
	}
	assert.Equal(t, []dsl.Value{1, dsl.Undef, dsl.Undef, dsl.Undef, dsl.Undef}, p.Values(5))
	// A huge coefficient: the terms grow past MaxBigBits.
	huge := new(big.Int).Lsh(big.NewInt(1), 4000)
	q := dsl.NewAlgebraic(0, [][]*big.Int{{big.NewInt(0), huge}, {big.NewInt(-1)}, {big.NewInt(1)}}, big.NewInt(0))
	vals = q.BigValues(10)
	assert.NotNil(t, vals[1])
	assert.Nil(t, vals[9])
	// Beyond MaxAlgTerms.
	p, err = dsl.ParseProgram("a(n) = [x^n] A where x - A + A^2 = 0, A(0) = 0")
	require.NoError(t, err)
	vals = p.BigValues(dsl.MaxAlgTerms + 2)
	assert.NotNil(t, vals[dsl.MaxAlgTerms-1])
	assert.Nil(t, vals[dsl.MaxAlgTerms])
	assert.Nil(t, vals[dsl.MaxAlgTerms+1])
	// Not a simple root: nothing is defined.
	bad := dsl.NewAlgebraic(0, [][]*big.Int{{big.NewInt(1)}, {big.NewInt(-2)}, {big.NewInt(1)}}, big.NewInt(1))
	for _, v := range bad.BigValues(3) {
		assert.Nil(t, v)
	}
}

// TestAlgebraicKraft enumerates the algebraic programs of degree 2 or 3
// in A and 0 or 1 in x with coefficients and A(0) in -2..2 (-1..1 for
// more than six coefficients; those whose
// A(0) is a simple root), both offsets: their code words have Bits()
// bits, no one is a prefix of another, all start with the kind's header,
// and they weigh less than the header word alone.
func TestAlgebraicKraft(t *testing.T) {
	var words []string
	sum := 0.0
	head := dsl.HeaderWord(dsl.Algebraic, 0)
	for dA := 2; dA <= 3; dA++ {
		for dx := 0; dx <= 1; dx++ {
			u := (dA + 1) * (dx + 1)
			vals := []int64{-2, -1, 0, 1, 2}
			if u > 6 {
				vals = vals[1:4]
			}
			idx := make([]int, u)
			for {
				coef := make([][]*big.Int, dA+1)
				for i := range coef {
					coef[i] = make([]*big.Int, dx+1)
					for j := range coef[i] {
						coef[i][j] = big.NewInt(vals[idx[i*(dx+1)+j]])
					}
				}
				for _, a0 := range vals {
					for off := 0; off <= 1; off++ {
						p := dsl.NewAlgebraic(off, coef, big.NewInt(a0))
						g := p.Parts.(*dsl.AlgebraicParts)
						if len(g.Coef) != dA+1 || len(g.Coef[0]) != dx+1 || p.BigValues(1)[0] == nil {
							continue // of other degrees, or no series
						}
						w := p.Encode()
						require.Len(t, w, p.Bits(), p.String())
						require.True(t, strings.HasPrefix(w, head), p.String())
						words = append(words, w)
						sum += math.Exp2(-float64(len(w)))
					}
				}
				k := 0
				for k < u && idx[k] == len(vals)-1 {
					idx[k] = 0
					k++
				}
				if k == u {
					break
				}
				idx[k]++
			}
		}
	}
	require.Greater(t, len(words), 1000)
	assertPrefixFree(t, words)
	assert.Less(t, sum, math.Exp2(-float64(len(head))))
	t.Logf("%d algebraic programs, Kraft sum %.3g", len(words), sum)
}

// ExampleAlgebraicSeries computes the Catalan numbers from their
// generating function's equation A = 1 + x*A^2.
func ExampleAlgebraicSeries() {
	one := big.NewInt(1)
	coef := [][]*big.Int{{one, big.NewInt(0)}, {big.NewInt(-1), big.NewInt(0)}, {big.NewInt(0), one}}
	fmt.Println(dsl.AlgebraicSeries(coef, one, 10))
	p := dsl.NewAlgebraic(0, coef, one)
	fmt.Println(p, p.Bits())
	// Output:
	// [1 1 2 5 14 42 132 429 1430 4862]
	// a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1 41
}

// FuzzAlgebraic builds an equation from the bytes (degrees, then the
// coefficients as signed bytes, then A(0)) and checks that the series
// never panics, that Values agrees with BigValues, and that the terms
// are those of the independent rational computation (naiveAlgebraic).
func FuzzAlgebraic(f *testing.F) {
	f.Add([]byte{0, 1, 1, 0, 255, 0, 0, 1, 1}, uint8(12))       // Catalan
	f.Add([]byte{1, 1, 1, 0, 255, 0, 0, 0, 1, 0, 1}, uint8(20)) // ternary trees
	f.Add([]byte{2, 3, 7, 200, 3, 9, 100, 128, 127, 5, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2}, uint8(9))
	f.Fuzz(func(t *testing.T, data []byte, count uint8) {
		if len(data) < 2 {
			return
		}
		dA, dx := 2+int(data[0]%3), int(data[1]%4)
		data = data[2:]
		next := func() int64 {
			if len(data) == 0 {
				return 0
			}
			v := int64(int8(data[0]))
			data = data[1:]
			return v
		}
		coef := make([][]*big.Int, dA+1)
		for i := range coef {
			coef[i] = make([]*big.Int, dx+1)
			for j := range coef[i] {
				coef[i][j] = big.NewInt(next())
			}
		}
		a0 := big.NewInt(next())
		n := int(count % 24)
		got := dsl.AlgebraicSeries(coef, a0, n)
		require.Len(t, got, n)
		p := dsl.NewAlgebraic(0, coef, a0)
		checkValuesAgree(t, p, n)
		if len(p.Encode()) != p.Bits() {
			t.Fatalf("%v: Encode has %d bits, Bits says %d", p, len(p.Encode()), p.Bits())
		}
		if n == 0 || got[0] == nil {
			return
		}
		d := new(big.Int)
		for i := 1; i <= dA; i++ {
			d.Add(d, new(big.Int).Mul(big.NewInt(int64(i)), new(big.Int).Mul(coef[i][0], new(big.Int).Exp(a0, big.NewInt(int64(i-1)), nil))))
		}
		want := naiveAlgebraic(coef, a0, d, n)
		for k := range n {
			if (want[k] == nil) != (got[k] == nil) || want[k] != nil && want[k].Cmp(got[k]) != 0 {
				t.Fatalf("%v A(0)=%v: term %d is %v, the rational computation says %v", coef, a0, k, got[k], want[k])
			}
		}
	})
}
