package dsl_test

import (
	"fmt"
	"math/big"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seqpredict/seqpredict/dsl"
)

func TestReproduce(t *testing.T) {
	for _, c := range []struct {
		src   string
		terms []*big.Int
		k     int
		ok    bool
		next  string
	}{
		{"a(n) = 2*n", bigs(0, 2, 4), 2, true, "[6 8]"},
		{"a(n) = 2*n", bigs(0, 2, 5), 1, false, "[]"},
		{"a(n) = 2*n", bigs(0, 2), 0, true, "[]"},
		{"a = [1, 2]", bigs(1, 2), 1, true, "[<nil>]"}, // the next term is undefined
		{"a = [1, 2]", bigs(1, 2, 3), 1, false, "[]"},  // an undefined term is not reproduced
		{"a(n) = a(n-1)^2; a(0) = 2", bigs(2, 4, 16, 256, 65536, 4294967296), 1, true, "[18446744073709551616]"},
	} {
		p, err := dsl.ParseProgram(c.src)
		require.NoError(t, err)
		next, ok := dsl.Reproduce(p, c.terms, c.k)
		assert.Equal(t, c.ok, ok, "%s on %v", c.src, c.terms)
		assert.Equal(t, c.next, fmt.Sprint(next), "%s on %v", c.src, c.terms)
	}
}

func TestShortest(t *testing.T) {
	type item struct {
		key  string
		bits int
		id   int
	}
	items := []item{{"a", 9, 0}, {"b", 5, 1}, {"a", 7, 2}, {"c", 3, 3}, {"a", 7, 4}, {"b", 5, 5}}
	got := dsl.Shortest(items, func(i item) string { return i.key }, func(i item) int { return i.bits })
	// The behaviours in the order they first appear, each by its first
	// item of the fewest bits.
	assert.Equal(t, []item{{"a", 7, 2}, {"b", 5, 1}, {"c", 3, 3}}, got)
	assert.Empty(t, dsl.Shortest([]item(nil), func(i item) string { return i.key }, func(i item) int { return i.bits }))
}

// TestNewProgram checks the one way bodies become programs: the initial
// terms are copies of the first terms, and FixedBits is the length of
// all but the body.
func TestNewProgram(t *testing.T) {
	terms := bigs(0, 1, 1, 2, 3, 5)
	body, err := dsl.ParseExpr("a(n-1) + a(n-2)")
	require.NoError(t, err)
	p := dsl.NewProgram(dsl.Recurrence, 0, 2, body, terms)
	assert.Equal(t, "a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1", p.String())
	assert.Equal(t, 21, p.Bits())
	assert.Equal(t, 4+1+1+5, dsl.FixedBits(dsl.Recurrence, 2, terms), "header, offset bit, 0 and 1")
	assert.Equal(t, p.Bits()-dsl.ExprBits(body), dsl.FixedBits(dsl.Recurrence, 2, terms))
	terms[0].SetInt64(7)
	assert.Equal(t, "0", p.Init[0].String(), "the initial terms are copies")
	q := dsl.NewProgram(dsl.ClosedForm, 1, 0, &dsl.Index{}, nil)
	assert.Equal(t, "a(n) = n; n >= 1", q.String())
	assert.Nil(t, q.Init)
}
