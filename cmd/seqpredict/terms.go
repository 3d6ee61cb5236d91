package main

import (
	"context"
	"errors"
	"math/big"
	"strings"

	"github.com/spf13/pflag"

	"github.com/seqpredict/seqpredict/batch"
)

// looksLikeTerms reports whether an argument is terms rather than flags,
// such as "-2", "5", "2,4,6" or "1, 1, 2": a sign or digit first, then
// only digits, commas, signs and spaces (^[+-]?[0-9][0-9,+\- \t]*$).
func looksLikeTerms(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" || !isDigit(s[0]) {
		return false
	}
	for _, c := range []byte(s) {
		if !isDigit(c) && !strings.ContainsRune(",+- \t", rune(c)) {
			return false
		}
	}
	return true
}

// signDigit reports whether an argument starts like a number (^[+-][0-9]).
// No flag does, so such an argument is a (possibly malformed) term: "-1.5"
// is reported as a bad term, not as the unknown shorthand flag "-1".
func signDigit(s string) bool {
	return len(s) >= 2 && (s[0] == '+' || s[0] == '-') && isDigit(s[1])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// splitArgs separates term arguments from flag arguments before pflag sees
// them, so that "-2 5 -4" is a sequence and not three unknown flags. A flag
// that takes a value keeps the argument after it.
func splitArgs(fs *pflag.FlagSet, args []string) (terms, flags []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			terms = append(terms, args[i+1:]...)
			return terms, flags
		case looksLikeTerms(a) || signDigit(a):
			terms = append(terms, a)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				i++
				flags = append(flags, args[i])
			}
		default:
			terms = append(terms, a)
		}
	}
	return terms, flags
}

// takesValue reports whether a is a flag given without "=" that consumes the
// next argument as its value.
func takesValue(fs *pflag.FlagSet, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	var f *pflag.Flag
	if strings.HasPrefix(a, "--") {
		f = fs.Lookup(a[2:])
	} else if len(a) == 2 {
		f = fs.ShorthandLookup(a[1:])
	}
	return f != nil && f.NoOptDefVal == ""
}

// parseTerms reads the terms of arguments that may hold several,
// separated by commas or white space, with the parser of batch's lines:
// the arguments are one list, as typed ("1, 2, 3" unquoted is fine; an
// empty field between commas, as in "1,,2" or "1, , 2", is an error).
// Reading stops when ctx is done.
func parseTerms(ctx context.Context, args []string) ([]*big.Int, error) {
	list := strings.Join(args, " ")
	if strings.Trim(list, ", \t") == "" {
		return nil, errors.New("no terms given")
	}
	return batch.ParseTerms(ctx, list)
}
