package serve

import (
	"fmt"
	"math/big"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// query is one API request's parameters.
type query struct {
	terms []*big.Int
	top   int      // how many programs and predictions to list
	next  *big.Int // the guess, for /api/guess; nil when not given
}

// defaultTop is how many programs and predictions an answer lists unless
// top= says otherwise: the command's default --top.
const defaultTop = 3

// parseQuery reads a raw query string: terms= (required), and top= or
// next= where allowed says so. Every limit is checked before any number is
// parsed, so no query can make the server allocate more than its length
// allows; every error is a badRequest of one line.
func parseQuery(raw string, lim Limits, allowed ...string) (*query, error) {
	if len(raw) > lim.MaxQuery {
		return nil, badRequest(fmt.Sprintf("query too long: %d bytes, at most %d", len(raw), lim.MaxQuery))
	}
	vals, err := url.ParseQuery(raw)
	if err != nil {
		return nil, badRequest(fmt.Sprintf("bad query string: %v", err))
	}
	for _, k := range sortedKeys(vals) {
		if k != "terms" && !slices.Contains(allowed, k) {
			return nil, badRequest(fmt.Sprintf("unknown parameter %q (want %s)", clip(k), strings.Join(append([]string{"terms"}, allowed...), ", ")))
		}
		if len(vals[k]) > 1 {
			return nil, badRequest(fmt.Sprintf("parameter %q given %d times", k, len(vals[k])))
		}
	}
	q := &query{top: defaultTop}
	if _, ok := vals["terms"]; !ok {
		return nil, badRequest("no terms given: add terms=2,4,6,8")
	}
	if q.terms, err = parseTerms(vals.Get("terms"), lim); err != nil {
		return nil, err
	}
	if s, ok := vals["top"]; ok {
		top, err := strconv.Atoi(s[0])
		if err != nil || top < 1 || top > lim.MaxTop {
			return nil, badRequest(fmt.Sprintf("bad top %q: want 1..%d", clip(s[0]), lim.MaxTop))
		}
		q.top = top
	}
	if s, ok := vals["next"]; ok {
		next, err := parseTerms(s[0], Limits{MaxTerms: 1, MaxDigits: lim.MaxDigits})
		if err != nil {
			return nil, badRequest("bad next: " + err.Error())
		}
		q.next = next[0]
	}
	return q, nil
}

// parseTerms reads integers separated by commas or white space, at most
// lim.MaxTerms of them with at most lim.MaxDigits digits each.
func parseTerms(s string, lim Limits) ([]*big.Int, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' || r == '\r' })
	if len(fields) == 0 {
		return nil, badRequest("no terms given")
	}
	if len(fields) > lim.MaxTerms {
		return nil, badRequest(fmt.Sprintf("too many terms: %d, at most %d", len(fields), lim.MaxTerms))
	}
	terms := make([]*big.Int, len(fields))
	for i, f := range fields {
		digits := strings.TrimLeft(f, "+-")
		if len(f)-len(digits) > 1 || digits == "" || strings.Trim(digits, "0123456789") != "" {
			return nil, badRequest(fmt.Sprintf("bad term %q: not an integer", clip(f)))
		}
		if len(digits) > lim.MaxDigits {
			return nil, badRequest(fmt.Sprintf("term %d has %d digits, at most %d", i+1, len(digits), lim.MaxDigits))
		}
		terms[i], _ = new(big.Int).SetString(strings.TrimPrefix(f, "+"), 10)
	}
	return terms, nil
}

// clip shortens what is quoted back in an error message (with %q, which
// escapes control characters, so the message stays on one line).
func clip(s string) string {
	const most = 30
	s = strings.ToValidUTF8(s, "\uFFFD")
	if r := []rune(s); len(r) > most {
		s = string(r[:most]) + "..."
	}
	return s
}

func sortedKeys(vals url.Values) []string {
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
