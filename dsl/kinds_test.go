package dsl_test

import (
	"context"
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
	"github.com/seqpredict/seqpredict/predict"
	"github.com/seqpredict/seqpredict/search"
)

// TestKindInOneFile takes the two kinds that kind_test.go defines, and
// nothing else, through everything a kind of the language goes through:
// parsing and printing, the code and its length, both evaluators,
// dsl.Reproduce, the fast search (the array is a kind with a body), the
// predictor (with a fitter proposing the period, a kind with its own
// node) and explain's contrived rival. No file outside kind_test.go knows
// these kinds.
func TestKindInOneFile(t *testing.T) {
	p, err := dsl.ParseProgram("A(n,k) = n - k; n >= 1")
	require.NoError(t, err)
	assert.Equal(t, dsl.TestArray, p.Kind)
	assert.Equal(t, "A(n, k) = n - k; n >= 1", p.String())
	assert.Equal(t, 11+1+4+3+5, p.Bits(), "header, offset bit, -, n, k")
	assert.Equal(t, "0111"+"0001111"+"1"+dsl.OpWord(dsl.OpSub)+dsl.OpWord(dsl.OpIndex)+dsl.OpWord(dsl.OpLoopVar), p.Encode())
	// Read by antidiagonals: A(1,1), A(1,2), A(2,1), A(1,3), ...
	assert.Equal(t, "[0 -1 1 -2 0 2 -3 -1 1 3]", fmt.Sprint(p.BigValues(10)))
	assert.Equal(t, "[0 -1 1 -2 0 2 -3 -1 1 3]", fmt.Sprint(p.Values(10)))
	for src, msg := range map[string]string{
		"A(n, k) = sum(k=1..n, k)": "sum cannot be used in A(n, k): it binds k, the column",
		"A(n, k) = a(n-1)":         "a(n-1) cannot be used in A(n, k)",
		"A(n, k) = n; n >= 2":      `expected the first index, 0 or 1, found "2"`,
		"A(n, j) = n":              `expected "k", found "j"`,
	} {
		_, err := dsl.ParseProgram(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}

	// The search enumerates arrays from 7 terms on, as the table says, and
	// finds the shortest program of A(n, k) = n - k.
	terms := p.BigValues(15)
	res, err := search.Search(context.Background(), terms, search.Options{Workers: 1, MaxBits: 26})
	require.NoError(t, err)
	var found *search.Found
	for i, f := range res.Found {
		if f.Program.Kind == dsl.TestArray && found == nil {
			found = &res.Found[i]
		}
	}
	require.NotNil(t, found, "no array among %d programs found", len(res.Found))
	assert.Equal(t, "A(n, k) = n - k", found.Program.String())
	assert.Equal(t, 24, found.Bits)
	assert.Equal(t, "-5", found.Next.String(), "A(0, 5)")
	next, ok := dsl.Reproduce(found.Program, terms, 1)
	require.True(t, ok)
	assert.Equal(t, "[-5]", fmt.Sprint(next))
	r, why := dsl.Contrive(found.Program, len(terms))
	assert.Nil(t, r.Program)
	assert.Contains(t, why, "array")

	// The period goes through the parser, the coder and the predictor.
	q, err := dsl.ParseProgram("a = repeat(3, -1, 4)")
	require.NoError(t, err)
	assert.Equal(t, dsl.TestPeriod, q.Kind)
	assert.Equal(t, "a = repeat(3, -1, 4)", q.String())
	assert.Equal(t, 11+5+6+5+6, q.Bits(), "header, gamma(4), the three terms")
	assert.Len(t, q.Encode(), q.Bits())
	terms = q.BigValues(12)
	assert.Equal(t, "[3 -1 4 3 -1 4 3 -1 4 3 -1 4]", fmt.Sprint(terms))
	// The search would explain it by a(n) = a(n-3), 5 bits shorter: the
	// predictor runs with the fitter alone.
	period := func(context.Context, []*big.Int) []*dsl.Program { return []*dsl.Program{q} }
	none := func(context.Context, []*big.Int, search.Options) (*search.Result, error) {
		return &search.Result{Stopped: search.StopMaxBits}, nil
	}
	pr, err := predict.Predict(context.Background(), terms, predict.Options{Engine: none, Fitters: []predict.Fitter{period}})
	require.NoError(t, err)
	require.True(t, pr.Found)
	assert.Equal(t, "a = repeat(3, -1, 4)", pr.Programs[0].Program.String())
	assert.Equal(t, 33, pr.Programs[0].Bits)
	assert.Equal(t, "[3]", fmt.Sprint(pr.Predictions[0].Next))
	_, why = dsl.Contrive(q, len(terms))
	assert.Contains(t, why, "period")
}
