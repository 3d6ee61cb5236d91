package main

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestArgumentWords: the hand-written matchers of the first arguments
// accept exactly what their patterns say, on hand-picked and random
// strings.
func TestArgumentWords(t *testing.T) {
	cases := []string{"", "batch", "Batch-2", "b_x", "2", "-2", "+3", "-", "--json", "2,4,6", "1, 1, 2", "-1.5",
		"1\t2", "a", "é", "x1", "1x", "+", "+-1", "-+1", "- 1", "12 ", "--", "_x", "-x"}
	rng := rand.New(rand.NewPCG(2, 2))
	alphabet := []byte("aZ09_-+, \t.é")
	for range 5000 {
		b := make([]byte, rng.IntN(5))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(b))
	}
	for _, m := range []struct {
		name    string
		f       func(string) bool
		pattern string
	}{
		{"commandLike", commandLike, `^[A-Za-z][A-Za-z0-9_-]*$`},
		{"looksLikeTerms", looksLikeTerms, `^[+-]?[0-9][0-9,+\- \t]*$`},
		{"signDigit", signDigit, `^[+-][0-9]`},
	} {
		re := regexp.MustCompile(m.pattern)
		for _, s := range cases {
			if got, want := m.f(s), re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, want %v", m.name, s, got, want)
			}
		}
	}
}
