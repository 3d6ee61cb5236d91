package batch

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// TestIsID: isID accepts exactly what the pattern of an ID says, on
// hand-picked and random strings (Unicode, digits first, invalid UTF-8).
func TestIsID(t *testing.T) {
	pattern := regexp.MustCompile(`^[\pL_][\pL\pN_.:/+\-]*$`)
	cases := []string{"", "A000045", "_x", "P0001", "x1.2:3/4+5-6", "1abc", "-a", "é2", "ñ_ü", "a b", "a\tb",
		"a,b", "٣", "a٣", "\xff", "a\xff", "a\u00b2", "Ⅻ", "a_", "_", ".", "A1 "}
	rng := rand.New(rand.NewPCG(1, 1))
	alphabet := []rune("aZ_09.:/+- ,\té٣\u00b2\ufffdⅫ")
	for range 5000 {
		r := make([]rune, rng.IntN(5))
		for i := range r {
			r[i] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(r))
	}
	for _, s := range cases {
		if got, want := isID(s), pattern.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, want %v", s, got, want)
		}
	}
}
