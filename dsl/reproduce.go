package dsl

import "math/big"

// Reproduce reports whether p gives exactly the terms, in exact
// arithmetic, and returns its k values after them (nil where undefined).
// It is the one check every program passes before it is believed: the
// search's finds, the fitters' proposals, explain's contrived rival.
func Reproduce(p *Program, terms []*big.Int, k int) (next []*big.Int, ok bool) {
	vals := p.BigValues(len(terms) + k)
	for i, t := range terms {
		if vals[i] == nil || vals[i].Cmp(t) != 0 {
			return nil, false
		}
	}
	return vals[len(terms):], true
}

// Shortest keeps one item per behaviour (its key, such as the next term
// it predicts): the first of the fewest bits, in the order in which the
// behaviours first appear. Programs that behave alike count once in the
// mixture, by their shortest (see package predict); for items already
// sorted by length it keeps the first of each behaviour.
func Shortest[T any](items []T, key func(T) string, bits func(T) int) []T {
	at := map[string]int{}
	var out []T
	for _, it := range items {
		k := key(it)
		if i, ok := at[k]; ok {
			if bits(it) < bits(out[i]) {
				out[i] = it
			}
			continue
		}
		at[k] = len(out)
		out = append(out, it)
	}
	return out
}
