package dsl

import "strings"

// DivisorSum programs add their body over the divisors k of n:
// a(n) = sum(k|n, k^2); n >= 1 is sigma_2(n) = 1, 5, 10, 21, 26, ...
// (OEIS A001157), sum(k|n, k mod 2) the number of odd divisors and
// sum(k|n, binomial(n + k, n)) reads n as well. The body reads n and k,
// the divisor, and has no loops (which would bind k) and no earlier
// terms. The terms start at n = 1, as the divisors of 0 are not a finite
// set, so the header has no offset bit: "0111" and the gamma code of 13
// (11 bits), a word no recurrence order uses. The search enumerates the
// body at every cell (n, k), k | n, of the given terms and the next one
// (sum of tau(n) for n = 1..N+1 cells, about N*ln(N)).
const DivisorSum Kind = 11

func init() {
	define(DivisorSum, &kindSpec{
		name:  "divisor sum",
		word:  word("0111" + gammaWord(13)),
		leads: []string{"a(n) = sum(k|"},
		parse: parseDivisorSum,
		print: func(sb *strings.Builder, p *Program) {
			sb.WriteString("a(n) = sum(k|n, ")
			printExpr(sb, p.Body, PrecCond)
			sb.WriteString("); n >= 1")
		},
		body: &BodySpec{
			K:          true,
			SumCells:   divisorCells,
			Offset:     1,
			SearchFrom: minDivisorTerms,
			noLoops:    "cannot be used in a divisor sum: it binds k, the divisor",
			noLags:     "cannot be used in a divisor sum",
		},
		// The body plus a product vanishing at n = 1..N adds, at each of
		// those n, tau(n) zeros to the term.
		rival: indexRival,
	})
}

// minDivisorTerms is the fewest terms for which the search enumerates
// divisor sums. With fewer, the terms hold too few composite indices to
// tell a divisor sum from a closed form: up to n = 5 the divisors are
// those of 4 and of primes, which sigma and tau cover already. Checked
// on the development shard 5/140 of the OEIS file (outside the acceptance
// sets) with 8 terms given: divisor sums answer 1 more sequence rightly
// and none wrongly (with 10 given, 3 more rightly and 1 wrongly; with
// 15, 1 more rightly).
const minDivisorTerms = 8

// parseDivisorSum parses "a(n) = sum(k|n, body)" and the optional tail
// "; n >= 1".
func parseDivisorSum(p *parser) (*Program, error) {
	if err := p.expect("a", "(", "n", ")", "=", "sum", "(", "k", "|", "n", ","); err != nil {
		return nil, err
	}
	body, err := p.body(DivisorSum, DivisorSum.spec().body.Grammar(0), PrecCond)
	if err != nil {
		return nil, err
	}
	if err := p.expect(")"); err != nil {
		return nil, err
	}
	if err := p.fromOne("a divisor sum"); err != nil {
		return nil, err
	}
	prog := &Program{Kind: DivisorSum, Offset: 1, Body: body}
	return prog, p.checkLags(prog)
}

// divisorCells returns n = offset + i and appends its divisors, in
// increasing order, to ks: found by trial division up to sqrt(n), the
// divisors above it as n over those below (no divisors for n < 1).
func divisorCells(offset, i int, ks []Value) (Value, []Value) {
	n := Value(offset + i)
	start := len(ks)
	var d Value
	for d = 1; d*d < n; d++ {
		if n%d == 0 {
			ks = append(ks, d)
		}
	}
	small := len(ks)
	if d*d == n {
		ks = append(ks, d)
	}
	for j := small - 1; j >= start; j-- {
		ks = append(ks, n/ks[j])
	}
	return n, ks
}

// fromOne parses the optional tail "; n >= 1" of a kind whose terms
// start at n = 1 (what names it in the message for another offset).
func (p *parser) fromOne(what string) error {
	if p.peek().text != ";" {
		return nil
	}
	p.next()
	if err := p.expect("n", ">="); err != nil {
		return err
	}
	if t := p.next(); t.text != "1" {
		return p.errorf(t, "%s starts at n = 1, found n >= %s", what, t.text)
	}
	return nil
}
