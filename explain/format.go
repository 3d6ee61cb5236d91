package explain

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Percent formats a probability for people: "99.2%", "0.4%"; close to 1
// with as many decimals as it takes not to round to 100% ("99.99998%");
// below 0.1% in scientific notation ("2.4e-7"). No continuation is ever
// certain (the literal programs leave some mass to every other one), so 1,
// which can only come from rounding, prints as ">99.999999999%".
func Percent(p float64) string {
	switch {
	case p <= 0:
		return "0"
	case p >= 1:
		return ">99.999999999%"
	case p < 0.001:
		return Sci(p)
	case p > 0.999:
		d := int(math.Ceil(-math.Log10(100 * (1 - p))))
		if d > 12 {
			return ">99.999999999%"
		}
		return fmt.Sprintf("%.*f%%", d, 100*p)
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}

// Sci formats x with two significant digits in scientific notation, with
// no padding in the exponent: "2.4e-7".
func Sci(x float64) string {
	s := strconv.FormatFloat(x, 'e', 1, 64)
	s = strings.Replace(s, "e-0", "e-", 1)
	return strings.Replace(s, "e+0", "e+", 1)
}

// Bits formats a number of bits that need not be whole: "0", "3.4e-7",
// "0.012", "7.97", "33.2".
func Bits(b float64) string {
	switch {
	case b == 0:
		return "0"
	case math.IsInf(b, 1):
		return "inf"
	case b < 0.01:
		return Sci(b)
	case b < 10:
		return strconv.FormatFloat(b, 'f', 2, 64)
	}
	return strconv.FormatFloat(b, 'f', 1, 64)
}

// Pow2 writes 2^-b.
func Pow2(b int) string { return "2^-" + strconv.Itoa(b) }

// Thousands formats n with comma separators: 1234567 -> "1,234,567".
func Thousands(n int64) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := strconv.FormatInt(n, 10)
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	return sb.String()
}

// oneIn writes 2^-e as "1 in 4,194,304" while that is exact and short, and
// in scientific notation beyond.
func oneIn(e int) string {
	if e >= 0 && e <= 40 {
		return "1 in " + Thousands(int64(1)<<e)
	}
	return "about " + Sci(math.Exp2(-float64(e)))
}

// wrap breaks text into lines of at most width columns at spaces, the first
// line starting with first and the following ones with rest. A word longer
// than a line stays whole.
func wrap(text string, width int, first, rest string) string {
	return wrapUnits(strings.Fields(text), width, first, rest)
}

// wrapUnits is wrap for text already split into the units that may not be
// broken.
func wrapUnits(units []string, width int, first, rest string) string {
	var sb strings.Builder
	line, prefix := "", first
	flush := func() {
		sb.WriteString(strings.TrimRight(prefix+line, " ") + "\n")
		line, prefix = "", rest
	}
	for _, word := range units {
		switch {
		case line == "":
			line = word
		case len(prefix)+len(line)+1+len(word) <= width:
			line += " " + word
		default:
			flush()
			line = word
		}
	}
	if line != "" {
		flush()
	}
	return sb.String()
}

func joinNext(next []string) string { return strings.Join(next, ", ") }

// plural writes "1 program", "2 programs".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// approxPow2 writes 2^e: exactly while that is short, "about 1.2e+15"
// beyond.
func approxPow2(e int) string {
	if e >= 0 && e <= 40 {
		return Thousands(int64(1) << e)
	}
	return "about " + Sci(math.Exp2(float64(e)))
}

func log2(x float64) float64 { return math.Log2(x) }
