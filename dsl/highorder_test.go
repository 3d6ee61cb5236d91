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

// highOrder writes a recurrence of the given order whose body is src and
// whose initial terms are init, in the text form.
func highOrder(body string, offset int, init []int64) string {
	var sb strings.Builder
	sb.WriteString("a(n) = " + body + ";")
	for i, v := range init {
		if i > 0 {
			sb.WriteString(",")
		}
		sb.WriteString(" a(" + big.NewInt(int64(offset+i)).String() + ") = " + big.NewInt(v).String())
	}
	return sb.String()
}

// TestHighOrderRoundTrip takes recurrences of order 9 and 10, which only
// the fitters propose, through the parser, the printer and the coder: the
// text prints back as given, and the code word is the order's header word,
// the offset bit, the body's words and the initial terms', Bits() long.
func TestHighOrderRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		body   string
		offset int
		init   []int64
	}{
		{"a(n-1) + a(n-9)", 0, []int64{1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{"a(n-9)", 1, []int64{3, 1, 4, 1, 5, 9, 2, 6, 5}},
		{"a(n-1) + a(n-10)", 1, []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1}},
		{"2*a(n-1) - a(n-3) + a(n-8) - 3*a(n-10) + n", 0, []int64{0, -1, 2, -3, 4, -5, 6, -7, 8, 123456789}},
		{"(a(n-1) + a(n-2) + a(n-3) + a(n-4) + a(n-5) + a(n-6) + a(n-7) + a(n-8) + a(n-9) + a(n-10))/2", 0, []int64{2, 0, 2, 0, 2, 0, 2, 0, 2, 0}},
	} {
		src := highOrder(tc.body, tc.offset, tc.init)
		p, err := dsl.ParseProgram(src)
		require.NoError(t, err, src)
		order := len(tc.init)
		assert.Equal(t, dsl.Recurrence, p.Kind, src)
		assert.Equal(t, order, p.Order, src)
		assert.Equal(t, src, p.String())

		w := p.Encode()
		require.Len(t, w, p.Bits(), src)
		header := dsl.HeaderWord(dsl.Recurrence, order) + string(rune('0'+tc.offset))
		assert.True(t, strings.HasPrefix(w, header), "%s: %s does not start with %s", src, w, header)
		bits := len(header) + dsl.ExprBits(p.Body)
		for _, v := range tc.init {
			bits += dsl.IntBits64(v)
		}
		assert.Equal(t, bits, p.Bits(), src)
		assert.Equal(t, 14, len(header), "order %d: a 13-bit header word and the offset bit", order)
	}
	// a(n-11) is not in the language, and a(n-10) needs ten initial terms.
	for _, src := range []string{
		highOrder("a(n-11)", 0, make([]int64, 10)),
		highOrder("a(n-10)", 0, make([]int64, 9)),
		highOrder("a(n-1)", 0, make([]int64, 11)),
	} {
		_, err := dsl.ParseProgram(src)
		assert.Error(t, err, src)
	}
}

// TestHighOrderValues checks the terms of random recurrences of order 9
// and 10 with constant coefficients, in int64 (Values) and exactly
// (BigValues), against the recurrence computed here with math/big.
func TestHighOrderValues(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		order := 9 + r.IntN(2)
		coef := make([]int64, order+1) // coef[l] multiplies a(n-l), coef[0] is the constant
		var terms []string
		for l := range coef {
			coef[l] = r.Int64N(7) - 3
			if l == order && coef[l] == 0 {
				coef[l] = 1
			}
			if coef[l] == 0 {
				continue
			}
			x := "1"
			if l > 0 {
				x = "a(n-" + big.NewInt(int64(l)).String() + ")"
			}
			terms = append(terms, big.NewInt(coef[l]).String()+"*"+x)
		}
		init := make([]int64, order)
		for i := range init {
			init[i] = r.Int64N(2001) - 1000
		}
		p, err := dsl.ParseProgram(highOrder(strings.Join(terms, " + "), r.IntN(2), init))
		require.NoError(t, err)
		require.Equal(t, order, p.Order)

		const count = 60
		want := make([]*big.Int, count)
		for i := range want {
			if i < order {
				want[i] = big.NewInt(init[i])
				continue
			}
			v := big.NewInt(coef[0])
			for l := 1; l <= order; l++ {
				v.Add(v, new(big.Int).Mul(big.NewInt(coef[l]), want[i-l]))
			}
			want[i] = v
		}
		got := p.BigValues(count)
		small := p.Values(count)
		small50 := true // every term so far below 2^50: no partial sum overflows
		for i := range want {
			require.NotNil(t, got[i], "%v: term %d", p, i)
			require.Zero(t, want[i].Cmp(got[i]), "%v: term %d is %v, want %v", p, i, got[i], want[i])
			// The int64 evaluation agrees where it is defined, and is
			// defined while the terms are small.
			small50 = small50 && want[i].CmpAbs(big.NewInt(1<<50)) < 0
			switch {
			case small[i] != dsl.Undef:
				assert.Equal(t, want[i].String(), big.NewInt(int64(small[i])).String(), "%v: term %d", p, i)
			case small50:
				t.Errorf("%v: term %d, %v, is undefined in int64", p, i, want[i])
			}
		}
	}
}
