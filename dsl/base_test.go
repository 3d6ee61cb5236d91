package dsl_test

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seqpredict/seqpredict/dsl"
)

func TestBase(t *testing.T) {
	cases := []struct {
		x, b, want dsl.Value
	}{
		{0, 2, 0},
		{1, 2, 1},
		{6, 2, 110},
		{25, 5, 100},
		{-8, 3, -22},
		{8, 9, 8},
		{80, 9, 88},
		{100, 9, 121},
		{123456, 10, 123456},
		{math.MaxInt64, 10, math.MaxInt64},
		{-math.MaxInt64, 10, -math.MaxInt64},
		{1<<19 - 1, 2, 1111111111111111111},
		{1 << 19, 2, dsl.Undef}, // 10000000000000000000 > 2^63 - 1
		{1 << 18, 2, 1000000000000000000},
		{7, 1, dsl.Undef},
		{7, 0, dsl.Undef},
		{7, -2, dsl.Undef},
		{7, 11, dsl.Undef},
		{7, 16, dsl.Undef},
		{dsl.Undef, 2, dsl.Undef},
		{2, dsl.Undef, dsl.Undef},
		{math.MaxInt64, 9, dsl.Undef},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, dsl.Base(c.x, c.b), "base(%d, %d)", c.x, c.b)
		assert.Equal(t, c.want, dsl.Apply2(dsl.OpBase, c.x, c.b), "Apply2 base(%d, %d)", c.x, c.b)
	}
}

// naiveBase writes |x| in base b with big.Int.Text, reads the numeral as
// a decimal number with the sign of x; nil for b outside 2..10 or a result
// of more than MaxBigBits bits.
func naiveBase(x, b *big.Int) *big.Int {
	if b.Cmp(big.NewInt(2)) < 0 || b.Cmp(big.NewInt(10)) > 0 {
		return nil
	}
	r, ok := new(big.Int).SetString(new(big.Int).Abs(x).Text(int(b.Int64())), 10)
	if !ok || r.BitLen() > dsl.MaxBigBits {
		return nil
	}
	if x.Sign() < 0 {
		r.Neg(r)
	}
	return r
}

// TestBaseAgainstBig checks Eval and EvalBig of base(x, b) against
// naiveBase on small numbers of both signs, on int64's edges and far
// beyond, up to results at MaxBigBits; and the int64 form against
// strconv.FormatInt.
func TestBaseAgainstBig(t *testing.T) {
	var xs []*big.Int
	for x := int64(-300); x <= 1200; x++ {
		xs = append(xs, big.NewInt(x))
	}
	edge := new(big.Int).Lsh(big.NewInt(1), 4950) // base 2: 4951 digits, more than MaxBigBits bits
	for _, v := range []*big.Int{
		big.NewInt(1<<19 - 1), big.NewInt(1 << 19), big.NewInt(math.MaxInt64), big.NewInt(-math.MaxInt64),
		new(big.Int).Exp(big.NewInt(3), big.NewInt(100), nil), new(big.Int).Lsh(big.NewInt(1), 4900),
		edge, new(big.Int).Neg(edge), new(big.Int).Lsh(big.NewInt(1), dsl.MaxBigBits-1),
		new(big.Int).Exp(big.NewInt(9), big.NewInt(4932), nil), new(big.Int).Exp(big.NewInt(9), big.NewInt(4933), nil),
	} {
		xs = append(xs, v)
	}
	var bs []*big.Int
	for b := int64(-2); b <= 17; b++ {
		bs = append(bs, big.NewInt(b))
	}
	bs = append(bs, new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(math.MaxInt64))
	for _, x := range xs {
		for _, b := range bs {
			e := &dsl.Binary{Op: dsl.OpBase, X: &dsl.Index{}, Y: &dsl.LoopVar{}}
			want := naiveBase(x, b)
			got := dsl.EvalBig(e, &dsl.BigEnv{N: x, K: b})
			if want == nil {
				assert.Nil(t, got, "base(%v, %v)", x, b)
			} else if assert.NotNil(t, got, "base(%v, %v)", x, b) {
				assert.Equal(t, want.String(), got.String(), "base(%v, %v)", x, b)
			}
			if !x.IsInt64() || !b.IsInt64() {
				continue
			}
			small := dsl.Eval(e, &dsl.Env{N: dsl.Value(x.Int64()), K: dsl.Value(b.Int64())})
			exact := dsl.Undef
			if want != nil {
				exact = dsl.FromBig(want)
			}
			assert.Equal(t, exact, small, "Eval of base(%v, %v)", x, b)
			if bi := b.Int64(); bi >= 2 && bi <= 10 && small != dsl.Undef {
				assert.Equal(t, strconv.FormatInt(x.Int64(), int(bi)), strconv.FormatInt(int64(small), 10), "base(%v, %v)", x, b)
			}
		}
	}
}

// FuzzBase checks base(x, b) in int64 against strconv.FormatInt read back
// as a decimal numeral (Undef exactly when that does not fit or b is not
// 2..10) and against the exact evaluator.
func FuzzBase(f *testing.F) {
	for _, s := range [][2]int64{{6, 2}, {-8, 3}, {1 << 19, 2}, {math.MaxInt64, 9}, {math.MinInt64, 2}, {5, 11}, {5, 1}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, x, b int64) {
		got := dsl.Base(dsl.Value(x), dsl.Value(b))
		want := dsl.Undef
		if b >= 2 && b <= 10 && dsl.Value(x) != dsl.Undef {
			if v, err := strconv.ParseInt(strconv.FormatInt(x, int(b)), 10, 64); err == nil && v != math.MinInt64 {
				want = dsl.Value(v)
			}
		}
		if got != want {
			t.Fatalf("base(%d, %d) = %d, want %d", x, b, got, want)
		}
		if dsl.Value(x) == dsl.Undef || dsl.Value(b) == dsl.Undef {
			return
		}
		e := &dsl.Binary{Op: dsl.OpBase, X: &dsl.Index{}, Y: &dsl.LoopVar{}}
		exact := dsl.EvalBig(e, &dsl.BigEnv{N: big.NewInt(x), K: big.NewInt(b)})
		if want := dsl.FromBig(exact); exact != nil && want != got {
			t.Fatalf("base(%d, %d) = %d in int64, %v exactly", x, b, got, exact)
		}
		if exact == nil && got != dsl.Undef {
			t.Fatalf("base(%d, %d) = %d in int64, undefined exactly", x, b, got)
		}
	})
}

// The squares written in base 5 (OEIS A001740), exactly beyond int64.
func Example_base() {
	p, _ := dsl.ParseProgram("a(n) = base(n^2, 5)")
	fmt.Println(p.Values(8))
	fmt.Println(p.BigValues(40)[39], p.Bits(), "bits")
	// Output:
	// [0 1 4 14 31 100 121 144]
	// 22041 37 bits
}
