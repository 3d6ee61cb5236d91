package search

import (
	"context"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

// TestMultiplicative: the body is searched at the prime powers given
// (2, 3, 4, 5, 7, 8, 9, 11, 13 and 16 next), shortest first, and the
// programs found are multiplicative functions that give the values there
// and Next at the last.
func TestMultiplicative(t *testing.T) {
	for _, c := range []struct {
		body string // in n for p, as dsl.ParseExpr reads it
		want string
	}{
		{"k + 1", "a(n) = prod(p^k||n, 1 + k); n >= 1"},
		{"n - 1", "a(n) = prod(p^k||n, p - 1); n >= 1"},
		{"n^k + 1", "a(n) = prod(p^k||n, 1 + p^k); n >= 1"},
	} {
		e, err := dsl.ParseExpr(c.body)
		require.NoError(t, err)
		var vals []*big.Int
		at := []dsl.Value{2, 3, 4, 5, 7, 8, 9, 11, 13, 16}
		for _, x := range at[:9] {
			p, k, _ := dsl.PrimePower(x)
			vals = append(vals, big.NewInt(int64(dsl.Eval(e, &dsl.Env{N: p, K: k}))))
		}
		found := Multiplicative(context.Background(), at, vals, 100_000)
		require.NotEmpty(t, found, c.body)
		assert.Equal(t, c.want, found[0].Program.String(), c.body)
		assert.Equal(t, found[0].Program.Bits(), found[0].Bits, c.body)
		for _, f := range found {
			// The values at the prime powers: a(p^k) = body(p, k).
			terms := f.Program.BigValues(16)
			for i, v := range vals {
				assert.Equal(t, v.String(), terms[at[i]-1].String(), "%s at %d", f.Program, at[i])
			}
			assert.Equal(t, f.Next.String(), terms[15].String(), "%s at 16", f.Program)
		}
	}
	// The points in any order: without 8, then 8 next.
	found := Multiplicative(context.Background(), []dsl.Value{2, 3, 4, 5, 7, 9, 8}, ints(2, 2, 3, 2, 2, 3), 100_000)
	require.NotEmpty(t, found)
	assert.Equal(t, "a(n) = prod(p^k||n, 1 + k); n >= 1", found[0].Program.String())
	assert.Equal(t, "4", found[0].Next.String(), "tau(8)")
	huge := new(big.Int).Lsh(big.NewInt(1), 70)
	for name, c := range map[string]struct {
		at   []dsl.Value
		vals []*big.Int
	}{
		"beyond int64":     {[]dsl.Value{2, 3, 4}, []*big.Int{big.NewInt(2), huge}},
		"no values":        {[]dsl.Value{2}, nil},
		"points too few":   {[]dsl.Value{2, 3}, ints(1, 2)},
		"no prime power":   {[]dsl.Value{2, 6, 4}, ints(1, 2)},
		"one beyond range": {[]dsl.Value{2, 3, dsl.NTLimit + 1}, ints(1, 2)},
	} {
		assert.Empty(t, Multiplicative(context.Background(), c.at, c.vals, 1000), name)
	}
}
