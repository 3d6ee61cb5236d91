package dsl

import (
	"math/big"
	"strconv"
	"strings"
)

// Filter programs list, in increasing order, the integers n >= Offset at
// which their body is positive: a = {n >= 0 : isprime(n*n + 1) > 0} is 1,
// 2, 4, 6, 10, ... ("numbers k such that ..."). The body reads n (and may
// use sum and prod) but no earlier terms. A term is undefined when the
// body is undefined at some n before it is found, or when it is not found
// within MaxFilterGap integers after the previous one. The header is
// "0111" and the gamma code of 7 (a word no recurrence order uses), and
// the offset bit.
const Filter Kind = 5

func init() {
	define(Filter, &kindSpec{
		name:      "filter",
		word:      word("0111" + gammaWord(7)),
		offsetBit: true,
		leads:     []string{"a = {"},
		parse:     parseFilter,
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a = {n >= " + strconv.Itoa(p.Offset) + " : ")
			printExpr(sb, p.Body, PrecAdd)
			sb.WriteString(" > 0}")
		},
		// The body is evaluated at every n up to the last term, not at
		// one point per term.
		bits:      bodyBits,
		encode:    encodeBody,
		bigValues: filterValues,
		body: &BodySpec{
			Loops:  true,
			noLags: "cannot be used in a filter",
		},
		noRival: "the best explanation is a set, whose body is tested at every integer up to the last term, not only at the terms: a product vanishing at the terms would change the set",
	})
}

// parseFilter parses "a = {n >= 0 : body > 0}".
func parseFilter(p *parser) (*Program, error) {
	if err := p.expect("a", "=", "{", "n", ">="); err != nil {
		return nil, err
	}
	offset, err := p.firstIndex("n")
	if err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	// The condition is an add-level expression so that "> 0" ends it.
	body, err := p.body(Filter, Filter.spec().body.Grammar(0), PrecAdd)
	if err != nil {
		return nil, err
	}
	if err := p.expect(">", "0", "}"); err != nil {
		return nil, err
	}
	prog := &Program{Kind: Filter, Offset: offset, Body: body}
	return prog, p.checkLags(prog)
}

// MaxFilterGap bounds how far past a filter's previous member the next one
// is looked for: a term not found within MaxFilterGap integers is Undef.
const MaxFilterGap = 100000

// filterValues lists the members exactly (the body may overflow int64 at
// an n that is itself small).
func filterValues(p *Program, count int) []*big.Int {
	out := make([]*big.Int, count)
	k := Value(p.Offset)
	for i := range out {
		k = filterNext(k, func(k Value) (bool, bool) {
			v := EvalBig(p.Body, &BigEnv{N: big.NewInt(int64(k))})
			return v != nil && v.Sign() > 0, v != nil
		})
		if k == Undef {
			break
		}
		out[i], k = big.NewInt(int64(k)), k+1
	}
	return out
}

// filterNext returns the first k' >= k with in(k') true, Undef when the
// body is undefined first (Undef is contagious) or none is found within
// MaxFilterGap. in reports membership and whether the body was defined.
func filterNext(k Value, in func(Value) (member, defined bool)) Value {
	for end := k + MaxFilterGap; k < end; k++ {
		member, defined := in(k)
		if !defined {
			return Undef
		}
		if member {
			return k
		}
	}
	return Undef
}
