// Package dsl is the language of seqpredict's programs: the syntax tree, the
// parser and printer of its text form, two evaluators (checked int64 and
// exact math/big) and the prefix-free binary code whose lengths make the
// prior.
//
// # Programs
//
// A program defines a(n) for every index n from its offset on. Unless the
// program says otherwise, n counts from 0 at the first given term; a program
// may instead start at n = 1, which costs nothing extra (every program but
// literals, digits of constants, continued fractions, divisor sums,
// multiplicative functions, prime signatures and eta quotients pays one
// offset bit). There are sixteen shapes:
//
//	a(n) = 2*n + 2                            closed form, n = 0, 1, 2, ...
//	a(n) = n^2; n >= 1                        closed form, n = 1, 2, 3, ...
//	a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1    recurrence of order 2
//	T(n, k) = binomial(n, k)                  triangle read by rows
//	T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1    triangle recurrence
//	a = {n >= 1 : mu(n)^2 > 0}                filter: the n with body > 0
//	a(n) = sum(k|n, k^2); n >= 1              sum of the body over the divisors k of n
//	a(n) = prod(p^k||n, k + 1); n >= 1        multiplicative: the body at each p^k || n, multiplied
//	a(n) = [x^n] (1 + x)/((1-x)*(1-x^3))      rational generating function
//	a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1    algebraic generating function
//	a(n) = [x^n] E(x^2)^2/E(x)                eta quotient, E(x) = (1-x)(1-x^2)...
//	a = digits(log(3)/log(23))                the digits of a real constant
//	a(n) = floor(n*pi)                        the multiples of a real constant, rounded
//	a(n) = floor(e^n)                         the powers of a real constant, rounded
//	a = cf(sqrt(352))                         continued fraction of a square root
//	a = signature(2, 1)                       the numbers p^2*q, in order
//	a = [2, 3, 5, 7]                          literal: the terms written out
//
// A recurrence of order r (1..10) lists its r initial terms, which are part of
// the program and cost bits; its body may use n, a(n-1), ..., a(n-r). The
// search enumerates orders 1..8 (MaxSearchOrder); orders 9 and 10 come
// from the fitters (fit.Linear).
//
// A triangle defines T(n, k) for the rows n = 0, 1, 2, ... and the columns
// k = 0..n, and the sequence is the triangle read by rows: T(0,0), T(1,0),
// T(1,1), T(2,0), ... (Pascal's triangle, 1, 1, 1, 1, 2, 1, ...). With
// "; n >= 1" rows start at n = 1 and columns at k = 1. Its body reads n
// and k and may not use sum or prod (which bind k) or earlier terms.
//
// A triangle recurrence is a triangle read by rows whose body reads,
// besides n and k, the entries computed before T(n, k): the cells
// T(n-1, k-1), T(n-1, k), T(n, k-1), T(n-1, k+1), T(n-2, k-1) and
// T(n-2, k), each 0 where it lies outside the triangle (a column before
// the first or after the last of its row, a row before the first). Its
// tail gives either the first entry, "; T(0, 0) = 1" ("T(1, 1)" from
// n = 1), or boundary rules, closed forms in n for the first column, the
// last or both: "; T(n, 0) = 1, T(n, n) = 1" ("T(n, 1)" from n = 1, or
// "; T(n, n) = 1; n >= 1" for a lone right rule). A rule gives its
// column, the first entry included (the left rule's when there are
// both), and the body every other entry:
//
//	T(n, k) = T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1      Stirling numbers, second kind
//	T(n, k) = (n - k + 1)*T(n-1, k-1) + k*T(n-1, k); T(1, 1) = 1    Eulerian numbers
//	T(n, k) = 2*T(n-1, k-1) + T(n-1, k); T(n, 0) = 1, T(n, n) = 1
//
// The body may not use sum or prod, nor a(n-i); a rule reads n alone and
// may use them.
//
// A filter lists, in increasing order, the integers n >= Offset (0 or 1)
// at which its body is positive: a = {n >= 1 : mu(n)^2 > 0} is the
// squarefree numbers 1, 2, 3, 5, 6, 7, 10, ... ("numbers k such that").
// Its body reads n and may use sum and prod but no earlier terms. A term
// is undefined when the body is undefined at some n before it is found, or
// when it is not found within MaxFilterGap integers after the previous one.
//
// A divisor sum adds its body over the divisors k of n, in increasing
// order: a(n) = sum(k|n, k^2); n >= 1 is sigma_2(n), 1, 5, 10, 21, ...,
// sum(k|n, k mod 2) the number of odd divisors of n, sum(k|n,
// binomial(n + k, n)) reads n too. Its body reads n and k, the divisor,
// and may use neither sum nor prod (which bind k) nor earlier terms; a
// term is undefined when the body is undefined at one of its divisors.
// The terms start at n = 1 (the divisors of 0 are not a finite set): the
// tail "; n >= 1" is printed and may be left out. It is the one body kind
// whose term is a sum over several cells (n, k) rather than the body at
// one point (BodySpec.SumCells).
//
// A multiplicative function multiplies its body, a formula in the prime
// p and the exponent k, over the prime powers p^k exactly dividing n (p^k
// divides n, p^(k+1) does not): a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1
// is Dedekind's psi, 1, 3, 4, 6, 6, 12, ..., prod(p^k||n, 2) is
// 2^omega(n), prod(p^k||n, p^(k mod 2)) the squarefree part of n. a(1)
// is the empty product, 1, and the terms start there (the tail "; n >= 1"
// is printed and may be left out). The body reads p, written where other
// bodies write n (which it may not read), and k, and uses neither sum,
// prod nor earlier terms; a term is undefined where the body is at one of
// its prime powers, and beyond NTLimit, where n is not factored. The
// search does not enumerate these programs (a term is a product over
// several cells); package fit searches their bodies at the prime powers
// (BodySpec.Point lists them: 2, 3, 4, 5, 7, 8, 9, 11, ... as p and k).
// The text form is
//
//	multiplicative := "a(n) = prod(p^k||n," expr ")" [ "; n >= 1" ]
//
// A rational generating function N(x)/((1-x^e1)*...*(1-x^em)) has an
// integer polynomial N = N0 + N1*x + ... + Nd*x^d as numerator and a
// product of m factors (1 - x^e), 0 <= m <= MaxFactors, 1 <= e <= MaxGFExp,
// as denominator; a(Offset+j) is the coefficient of x^j of its power
// series, computed exactly (dividing by 1 - x^e adds to each coefficient the
// one e places before it). "Expansion of 1/((1-x)^2*(1-x^2)*(1-x^3))",
// partitions into given parts, Molien series and quasi-polynomials such as
// floor(n^2/12) are of this shape: linear recurrences of order e1+...+em,
// far beyond MaxOrder, with a short description. The text form is
//
//	rational    := "a(n) =" "[x^n]" numerator [ "/" denominator ] [ "; n >= 1" ]
//	numerator   := [ "-" ] monomial | "(" [ "-" ] monomial { ("+" | "-") monomial } ")"
//	monomial    := INT [ "*" xpow ] | xpow            xpow := "x" [ "^" INT ]
//	denominator := "1" | factor | "(" factor { "*" factor } ")"
//	factor      := "(1-" xpow ")" [ "^" INT ]
//
// and prints canonically: the numerator's non-zero terms in increasing
// powers ("0" for the zero numerator, parentheses only around several
// terms), the factors in increasing exponents with repeats as powers,
// (1-x)^2, and no denominator when m = 0. Each power of x appears at most
// once and zero terms are left out, so the parsed numerator has Nd != 0
// unless it is the lone 0.
//
// An algebraic generating function is the power series A(x) = a(Offset)
// + a(Offset+1)*x + ... that solves a polynomial equation P(x, A) = 0,
// P = sum c_ij*x^j*A^i with integer coefficients, of degree dA = 2..
// MaxAlgDegA in A and dx <= MaxAlgDegX in x, and starts at A(0) = A0, a
// simple root of P(0, A) (P(0, A0) = 0, D = dP/dA(0, A0) != 0): the
// coefficient of x^n of P(x, A) is then D*a(n) plus terms in the earlier
// coefficients, which gives each term exactly, in O(dA*n) products. A
// term that is not an integer (D does not divide) or takes more than
// MaxBigBits bits is undefined, and so is every later one, and every
// term beyond the first MaxAlgTerms (500; the work grows as the cube of
// the index). Catalan,
// Motzkin and Schröder numbers, the counts of trees and lattice paths
// whose generating function is a square or a cube root, are of this
// shape: a(n) = [x^n] A where 1 - A + x*A^2 = 0, A(0) = 1 is the Catalan
// numbers 1, 1, 2, 5, 14, ... The text form is
//
//	algebraic := "a(n) =" "[x^n]" "A" "where" equation "=" "0" "," "A(0) =" [ "-" ] INT [ "; n >= 1" ]
//	equation  := [ "-" ] monomial { ("+" | "-") monomial }
//	monomial  := INT [ "*" xa ] | xa       xa := xpow [ "*" apow ] | apow
//	apow      := "A" [ "^" INT ]
//
// and prints canonically: the non-zero monomials in increasing powers of
// A, then of x, each at most once.
//
// A Digits program lists the decimal digits of |C|, C a real constant:
// a(n) is the digit at the place 10^-(From+n), floor(|C|*10^(From+n))
// mod 10. Without "from", the digits start at C's first significant digit
// (log(8) = 2.079...: 2, 0, 7, 9, ...; sqrt(2*pi*e)/21 = 0.1967...: 1,
// 9, 6, ...), located by evaluating C at 128 bits (DefaultFrom);
// "from j" starts at the j-th place after the point (0 the units digit,
// -1 the tens): a = digits(1/471, from 1) is 0, 0, 2, 1, 2, ... The text
// form is
//
//	digits := "a = digits(" real [ "," "from" [ "-" ] INT ] ")"     |INT| <= 2000
//	real   := rmul { ("+" | "-") rmul }
//	rmul   := rpow { ("*" | "/") rpow }
//	rpow   := ratom [ "^" rpow ]                  right associative
//	ratom  := INT | "pi" | "e" | RFUNC "(" real ")" | "(" real ")"
//	RFUNC  := "sqrt" | "log" | "exp" | "sin" | "cos" | "tan" | "atan"
//
// with positive integer constants, exact division, the natural logarithm,
// real powers and the trigonometric functions in radians: log_b(c) is
// log(c)/log(b), the k-th root of x is x^(1/k), arcsec(7) = arccos(1/7)
// is atan(sqrt(48)), arcsin x is atan(x/sqrt(1-x^2)). sin, cos and tan
// take arguments up to MaxTrigArg (2^20) in size, and tan is Undef where
// cos is within its error of zero. C is evaluated in big.Float at about (digits + 20)*log2(10) +
// 128 bits (more, up to MaxRealPrec, when that leaves digits in doubt),
// with a bound on the error of every operation; a digit is Undef unless
// the whole error interval has it: a digit within the error of a boundary,
// a constant that is undefined (log or sqrt of a number not safely
// positive, division by a number not safely non-zero, a non-integer power
// of a negative number), or one beyond 2^±4096. Integer powers (exponents
// up to 2^20) are computed by squaring and allow any base; 0^0 is Undef.
// Exact results stay exact, so the zeros of 1/4 = 0.25000... are
// certain, while sqrt(2)^2 leaves 2.000... in doubt, and so does every
// exact value of a trigonometric function at a multiple of pi (pi is
// rounded): the digits of sin(pi/6) = 1/2 and tan(pi/4) = 1 are Undef,
// never 0.4999... or 1.000...1.
//
// A Beatty program rounds the multiples of a real constant C written in
// the same real language: a(n) = floor(n*C) + K, ceiling(n*C) + K or
// round(n*C) + K (round(x) is floor(x + 1/2)), K an integer, n from the
// offset: a(n) = floor(n*pi) is 0, 3, 6, 9, 12, 15, 18, 21, 25, ... (OEIS
// A022844, the Beatty sequence of pi). The text form is
//
//	beatty := "a(n) =" ROUND "(n*" rmul ")" [ ("+" | "-") INT ] [ "; n >= 1" ]
//	ROUND  := "floor" | "ceiling" | "round"
//
// so the constant is a product or quotient (n*pi/2 is n times pi/2, the
// same number) and a sum needs parentheses, floor(n*(1+sqrt(2))); |K| <
// 2^63. C is evaluated as for digits, with its error bound, at about
// 128 bits more than n*C has before the point, then at higher
// precisions up to MaxRealPrec while a term is in doubt; a term is Undef
// unless the whole error interval of n*C (plus 1/2 for round) lies
// between two integers. So a term is never guessed: where n*C is an
// integer the evaluation cannot prove one, floor(n*1/3) at n = 3 (1/3
// is rounded in binary) or floor(n*sqrt(2)^2), the term is Undef, and a
// rational slope is a closed form's business (n*7/3). A term of more
// than MaxBigBits bits is Undef.
//
// A power program rounds the powers of such a constant instead:
// a(n) = floor(C^n) + K (ceiling, round), a(n) = floor(e^n) is 1, 2, 7,
// 20, 54, 148, 403, ... (OEIS A000149). The text form is
//
//	power := "a(n) =" ROUND "(" ratom "^n)" [ ("+" | "-") INT ] [ "; n >= 1" ]
//
// (the constant an atom: (3/2)^n, (2^(1/3))^n). C is evaluated with
// its error bound and raised to the n-th power by repeated squaring,
// which carries the bound along, at about 128 bits more than C^n has
// before the point, then higher up to MaxRealPrec; a term is Undef
// unless the whole error interval of C^n (plus 1/2 for round) lies
// between two integers (floor((sqrt(2)*sqrt(2))^n)), when C^n is beyond
// 2^MaxRealExp, or when n is beyond MaxPowerIndex. The m-th root of an
// integer, sqrt(X) or X^(1/m), is exact at the n that m divides, where
// its power is the integer X^(n/m): floor(sqrt(2)^n) is 1, 1, 2, 2, 4,
// 5, 8, 11, ... At n = 0 the term is 1 + K.
//
// A continued fraction lists the partial quotients a0, a1, a2, ... of
// sqrt(N), sqrt(N) = a0 + 1/(a1 + 1/(a2 + ...)): a = cf(sqrt(352)) is
// 18, 1, 3, 5, 9, 5, 3, 1, 36, 1, ... (OEIS A040333). a = cfnum(sqrt(N))
// and a = cfden(sqrt(N)) list the numerators p(k) and the denominators
// q(k) of the convergents p(k)/q(k) = [a0; a1, ..., ak] instead. N is an
// integer 2..MaxRadicand (2^31 - 1) and not a perfect square (the parser
// rejects the others). The terms are exact, by the standard algorithm:
// m0 = 0, d0 = 1, a0 = isqrt(N); m' = d*a - m, d' = (N - m'^2)/d,
// a' = floor((a0 + m')/d'); p(-1) = 1, p0 = a0, q(-1) = 0, q0 = 1 and
// x(k) = a(k)*x(k-1) + x(k-2) for both. A numerator or denominator of
// more than MaxBigBits bits is undefined. The sequence starts at a0 (p0,
// q0) whatever the offset of the data, so these programs have no offset.
//
// A prime signature lists, in increasing order, the numbers whose prime
// factorization has the given exponents, whatever the primes (written
// from the largest down, 1 to MaxSignatureExps of them, each 1 to
// MaxSignatureExp): a = signature(1, 1) is 6, 10, 14, 15, 21, ... (OEIS
// A006881), a = signature(2, 1) is 12, 18, 20, 28, ... (A054753). The
// members are found by factoring every integer in turn, up to
// MaxSignatureTerm (2^22); a later member is undefined. Like continued
// fractions, these programs have no offset.
//
//	signature := "a = signature(" EXP { "," EXP } ")"
//
// An eta quotient lists the power series coefficients of a product of
// powers of Euler's function E(x) = (1-x)(1-x^2)(1-x^3)... at x^m, m =
// 1..MaxEtaLevel, from the constant coefficient 1: a(n) = [x^n]
// E(x^2)^2/E(x) is 1, 1, 0, 1, 0, 0, 1, ... (Ramanujan's psi(q), OEIS
// A010054). The factors of positive exponent are written over those of
// negative exponent; each m appears once. The coefficients are exact,
// by the recurrence of the logarithmic derivative, up to MaxEtaTerms;
// later terms are undefined. These programs have no offset.
//
//	eta     := "a(n) = [x^n]" ( "1" | factors ) [ "/" ( factor | "(" factors ")" ) ]
//	factors := factor { "*" factor }
//	factor  := "E(x" [ "^" M ] ")" [ "^" EXP ]
//
// # The kind table
//
// Each kind is a row of the kind table (kind.go), declared with
// everything about it in a file of its own: closed.go, recurrence.go,
// triangle.go, filter.go, divisor.go, rational.go, digits.go, contfrac.go,
// trirec.go, beatty.go, power.go, multiplicative.go, algebraic.go,
// signature.go, eta.go and literal.go. A row gives the kind's header code word (by order, for
// recurrences) and whether an offset bit follows it; the leads that start
// its text form ("a(n) =", "T(n, k) =", "a = {"); its parser (or, for a
// text form "lead body tail", the parser of its tail: a closed form and a
// recurrence share their lead and the tail tells them apart); its
// printer; the rest of its code and that code's length; its terms,
// exactly and in int64; for a kind with an integer body, the body's
// grammar (which earlier terms, whether k and the loops) and its points
// (the n, and k, at which the body gives each term, or the cells over
// which it is summed), from which the
// search enumerates it; and, for explain, its contrived rival or why it
// has none. A kind without a body keeps its parts in a node of its own
// (Program.Parts: RationalParts, DigitsParts, SqrtCFParts, RoundedParts
// for the Beatty and the power programs, LiteralParts), and so do the
// boundary rules of a triangle recurrence (TriRecParts). The parser, the
// printer, the coder, the evaluators, Reproduce, the search and explain
// read the rows; none of them switches on the kind. The operators have
// the same arrangement in op.go.
//
// To add a kind, write one file in this package (kind_test.go adds two
// for the tests, an array read by antidiagonals and a repeated period,
// and kinds_test.go takes them through the parser, the coder, the search
// and the predictor):
//
//  1. Declare its Kind constant with an unused number, and, unless it is
//     an integer body, its Parts node (a struct with a partsNode method)
//     and a constructor.
//  2. Pick a free header word: TestKindHeaders logs the free code space.
//     "0111" followed by the gamma code of 14 or 15 (11 bits), of 20,
//     or of 23 and more is unused (10 is the triangle recurrences', 11
//     the Beatty programs', 12 the powers', 13 the divisor sums', 16 the
//     multiplicative functions', 17 and 18 the recurrences of order 9
//     and 10, 19 the algebraic generating functions', 21 the prime
//     signatures', 22 the eta quotients');
//     the test kinds take 14 and 15 and the numbers 62 and 63, and move
//     when a real kind needs them (TestKindHeaders fails until they do).
//  3. In an init function, define(K, &kindSpec{...}) with its name, word,
//     offsetBit, leads, parse (or body.tail), print, bits and encode
//     (body kinds: the body's code), bigValues (body kinds: body.Point),
//     body for an integer body (its grammar, its points, and SearchFrom,
//     how many terms the search needs before it enumerates it; 0 for
//     never), and rival or noRival.
//
// Nothing else changes in this package, the search, the predictor or
// explain. What the kind needs besides is a fitter in package fit if the
// search cannot enumerate it (registered in fit.Early or fit.Late), its
// tests (round trips, code lengths, values against an independent
// computation, fuzz seeds), and its documentation: this file's sections
// above and under "The code", the README's language and code, and
// explain.Language.
//
// # Expressions
//
//	expr    := "if" add "<=" "0" "then" expr "else" expr | add
//	add     := mul { ("+" | "-") mul }
//	mul     := unary { ("*" | "/" | "mod") unary }
//	unary   := "-" unary | pow
//	pow     := postfix [ "^" unary ]              right associative
//	postfix := atom { "!" }
//	atom    := CONST | "n" | "k" | "a(n-" LAG ")" | "(" expr ")"     LAG 1..10
//	         | "binomial(" expr "," expr ")" | "gcd(" expr "," expr ")"
//	         | "sum(k=1..n," expr ")" | "prod(k=1..n," expr ")"
//	         | FUNC "(" expr ")"
//	         | FUNC2 "(" expr "," expr ")"
//	FUNC    := prime | pi | isprime | sigma | tau | phi | mu
//	         | digsum | bitcount | rev | isqrt
//	         | nextprime | prevprime | gpf | lpf | omega | bigomega
//	         | issquare
//	FUNC2   := val | ilog | iroot | xor | and | or | base
//
// Constants are positive integers. Semantics, with Undef for "undefined":
// "/" is floor division and "mod" the matching floor remainder, which takes
// the sign of the divisor (-7/2 = -4, -7 mod 2 = 1); x/0 and x mod 0 are
// Undef. x^y needs y >= 0 (0^0 = 1). x! needs x >= 0. binomial(x, y) is 0
// for y < 0 or y > x and Undef for x < 0. gcd is non-negative, gcd(0,0) = 0.
// "if c <= 0 then x else y" is x when c <= 0 and y otherwise, and is Undef
// when c, x or y is Undef (strict, so Undef is contagious everywhere). sum and prod
// bind k to 1, 2, ..., n in turn (an empty sum is 0, an empty product 1).
// prime(x) is the x-th prime (prime(1) = 2), pi(x) the number of primes
// <= x, isprime(x) 1 for a prime and 0 otherwise, sigma(x) the sum and
// tau(x) the number of the divisors of x, phi(x) Euler's totient and mu(x)
// the Moebius function. They are defined up to NTLimit = 2^20 (prime(x)
// for x up to 82,025), and Undef above it; pi and isprime are 0 below 2,
// and prime, sigma, tau, phi and mu are Undef below 1. digsum(x) is the
// sum of the decimal digits of |x|, bitcount(x) the number of ones in |x|
// written in binary, rev(x) the decimal digits of |x| in reverse order
// with the sign of x (rev(120) = 21); these three take any argument.
// isqrt(x) is the integer part of the square root of x >= 0 (Undef for
// x < 0), issquare(x) 1 when x is the square of an integer and 0
// otherwise (0 for x < 0). nextprime(x) is the least prime > x (2 for x <
// 2; Undef from x = 1,048,573 on, whose next prime is above NTLimit),
// prevprime(x) the greatest prime < x (Undef for x <= 2 and above NTLimit),
// gpf(x) and lpf(x) the greatest and the least prime factor (both 1 for x
// = 1), omega(x) the number of distinct prime factors and bigomega(x) the
// number of prime factors counted with multiplicity (both 0 for x = 1);
// these four are Undef outside 1..NTLimit. val(x, p) is the largest e such
// that p^e divides x (the p-adic valuation for a prime p; any p >= 2 is
// allowed), Undef for x = 0 or p < 2; ilog(x, b) is floor(log_b x), the
// largest e with b^e <= x, for x >= 1 and b >= 2 (Undef otherwise);
// iroot(x, k) the integer part (floor) of the k-th root of x, k >= 1, an
// odd root of a negative number negative (iroot(-9, 3) = -3), an even one
// Undef.
// xor(x, y), and(x, y) and or(x, y) are the bitwise operations on two's
// complement numbers (infinitely many leading ones for a negative number,
// as in math/big): xor(-1, 5) = -6. base(x, b) is |x| written in base
// b, 2 <= b <= 10, read as a decimal numeral, with the sign of x
// (base(6, 2) = 110, base(-8, 3) = -22, base(x, 10) = x), Undef for any
// other b. val, ilog, iroot, issquare and the bitwise operations work on
// numbers of any size, base on those whose numeral has at most 4,933
// digits (a longer one exceeds MaxBigBits).
// Any arithmetic whose int64 result would overflow is Undef in Eval; EvalBig
// computes it exactly. Undef propagates, and a program whose value at a given
// index is Undef does not reproduce that term.
//
// # The code
//
// Every program has one code word, and no code word is a prefix of another,
// so the lengths obey Kraft's inequality: the sum of 2^-Bits over all
// programs is at most 1 (TestKraft checks it by enumeration). The prior
// weight of a program is 2^-Bits. A code word is:
//
//  1. The kind: "1" for a closed form (1 bit); for a recurrence "01", then
//     "0" for order 1 (3 bits in all), "10" for order 2 (4 bits), or "11"
//     and the gamma code of order-2 (order 3: 5 bits, 4 and 5: 7, 6 to 8:
//     9), or, for orders 9 and 10, "11" and the gamma code of order+8
//     (13 bits: those of 7 and 8 were taken first); "0010" for a triangle; "0011" for a rational generating
//     function; "0111" and the gamma code of 7 (9 bits, a word no order
//     uses) for a filter; "0111" and the gamma code of 8 (11 bits) for a
//     continued fraction of a square root; "0111" and the gamma code of 9
//     (11 bits) for the digits of a constant; "0111", the gamma code of
//     10 and one bit, "0" for a first entry and "1" for boundary rules
//     (12 bits), for a triangle recurrence; "0111" and the gamma code
//     of 11 (11 bits) for a Beatty program, of 12 (11 bits) for a power
//     program, of 13 (11 bits) for a divisor sum, of 16 (13 bits) for a
//     multiplicative function, of 19 (13 bits) for an algebraic
//     generating function, of 21 (13 bits) for a prime signature, of 22
//     (13 bits) for an eta quotient; "000" for a literal.
//  2. For all but literals, digits, continued fractions, divisor sums,
//     multiplicative functions (which start at n = 1), prime signatures
//     and eta quotients, one offset bit (n starts at 0 or 1).
//  3. The expression in prefix order: each node's code word from the table
//     in op.go (n, constants, a(n-1), +, * take 3 bits; -, a(n-2) 4; /, mod,
//     ^, a(n-3), k 5; if, sum 6; !, unary minus, binomial 7; gcd, prod 8;
//     prime, pi, isprime, sigma, tau, phi, val, issquare, omega, bigomega
//     10; mu, digsum, bitcount, nextprime, prevprime, gpf, lpf, ilog, xor,
//     and 11; rev, isqrt, iroot 12; or, base 13;
//     a(n-j) for j >= 4 takes 6 bits and the gamma code of j-3, so
//     a(n-4) takes 7 and a(n-5), a(n-6) take 9),
//     and after each constant c its Elias gamma code, 2*floor(log2 c)+1
//     bits. So the constant 1 costs 3+1 = 4 bits and 2 costs 3+3 = 6.
//  4. For a recurrence, each initial term in the universal integer code:
//     the Elias delta code of |v|+1, then a sign bit unless v = 0.
//     0 takes 1 bit, ±1 and ±2 take 5, ±3..±6 take 6, ±7..±14 take 9.
//  5. A literal is "000", the gamma code of (number of terms + 1), then each
//     term in the universal integer code.
//  6. A rational generating function continues after the offset bit with
//     the gamma code of m+1 (m the number of factors); the exponents in
//     increasing order, the first as gamma(e1) and each next one as
//     gamma(e(i+1) - e(i) + 1), so a repeated factor costs 1 bit and the
//     next exponent up 3; the gamma code of d+1 (d the numerator's
//     degree); and the d+1 numerator coefficients N0..Nd in the universal
//     integer code. Each part is a complete code.
//  7. The digits of a constant continue after the header with From -
//     DefaultFrom(C) in the universal integer code (1 bit for the first
//     significant digit, 5 bits for two places earlier), then C in prefix
//     order with the real table's words (RealOps): an integer (followed by
//     its gamma code) and / take 2 bits; *, ^, sqrt, log, pi, +, - take
//     4; e and exp 6; sin, cos, tan, atan 7. The table is complete and the
//     expressions weigh 21/32 in all (TestRealKraft).
//  8. A triangle recurrence's body is coded like any body, each cell
//     with the code word of the earlier term a(n-i) it stands for:
//     T(n-1, k-1) is a(n-1) (3 bits), T(n-1, k) a(n-2) (4), T(n, k-1)
//     a(n-3) (5), T(n-1, k+1) a(n-4) (7), T(n-2, k-1) a(n-5) (9) and
//     T(n-2, k) a(n-6) (9). Then its first entry in the universal integer
//     code, or one bit for each rule, left and right ("00" is unused),
//     and the rules' bodies. Pascal's triangle,
//     T(n, k) = T(n-1, k-1) + T(n-1, k); T(0, 0) = 1, is 12+1 (header and
//     offset) + 3+3+4 (body) + 5 (the first entry 1) = 28 bits; the
//     Eulerian numbers (OEIS A008292) 13 + 40 + 5 = 58, against 113 for
//     their first 15 terms written out.
//  9. A continued fraction continues after its header with 2 bits for
//     the part, "00" the partial quotients, "01" the numerators, "10" the
//     denominators ("11" is unused), then the Elias gamma code of N: 13 +
//     2*floor(log2 N) + 1 bits in all. a = cf(sqrt(352)) takes 13 + 17 =
//     30 bits, against 114 for its first 15 terms written out. A prime
//     signature continues after its header with the gamma codes of the
//     number of exponents, of the smallest exponent and of each larger
//     one's excess over the next smaller plus 1: a = signature(4, 2, 2)
//     takes 13 + 3 + 3 + 1 + 3 = 23 bits. An eta quotient continues
//     with the gamma code of its largest m and the exponents of E(x^m),
//     m = 1 up to it, in the universal integer code: a(n) = [x^n]
//     E(x^2)^2/E(x) takes 13 + 3 + 5 + 5 = 26 bits.
//  9. A Beatty or a power program continues after its offset bit with
//     the rounding, "0" floor, "10" ceiling, "11" round, then C in the
//     real table's code as for digits, then K in the universal integer
//     code (1 bit for 0). The roundings' code and the integer code are
//     complete, so the programs of each kind weigh 2*2^-12*21/32 in all.
//  10. An algebraic generating function continues after its offset bit
//     with gamma(dA-1) and gamma(dx+1), the (dA+1)*(dx+1) coefficients
//     c_ij in the universal integer code, A-power major (c_00, c_01, ...,
//     c_10, ...), zeros included, and A0 in the same code. Each part is a
//     complete code.
//
// Worked example: a(n) = 2*n; n >= 1 is "1" (closed form) + "1" (offset 1) +
// "*" (3) + constant 2 (3+3) + n (3) = 1+1+3+6+3 = 14 bits, prior 2^-14.
// Fibonacci, a(n) = a(n-1) + a(n-2); a(0) = 0, a(1) = 1, is 4+1 (header) +
// 3+3+4 (body) + 1+5 (initial terms 0 and 1) = 21 bits.
// sigma_2(n), a(n) = sum(k|n, k^2); n >= 1 (OEIS A001157), is 11 (header)
// + 5+5+6 (^, k, 2) = 27 bits, against 186 for its first 15 terms
// written out; sum(k|n, k*k) is 24. A multiplicative function's p takes
// the code word of n: Dedekind's psi (OEIS A001615),
// a(n) = prod(p^k||n, (p + 1)*p^k/p); n >= 1, is 13 (header) + 3+3+3+4
// (*, +, p, 1) + 5+5+3+5+3 (/, ^, p, k, p) = 47 bits, against 135 for
// its first 15 terms written out.
// The partitions into parts 1, 1, 2, 3, 4 (OEIS A002621),
// a(n) = [x^n] 1/((1-x)^2*(1-x^2)*(1-x^3)*(1-x^4)), are 4+1 (header and
// offset) + 5 (gamma(6): five factors) + 1+1+3+3+3 (gamma of 1, then of
// the gaps 0, 1, 1, 1 plus one) + 1 (gamma(1): degree 0) + 5 (the
// coefficient 1) = 27 bits, against 169 for its first 15 terms written out.
// The digits of log(8) (OEIS A016631), a = digits(log(8)), are 11
// (header) + 1 (start) + 4 (log) + 2+7 (the integer 8) = 25 bits, against
// 109 for 15 digits written out; log_23(3), digits(log(3)/log(23)), is
// 11+1+2+(4+5)+(4+11) = 38; arcsec(7) (OEIS A195779),
// digits(atan(sqrt(48))), is 11+1+7+4+(2+11) = 36.
// The Catalan numbers (OEIS A000108), a(n) = [x^n] A where 1 - A +
// x*A^2 = 0, A(0) = 1, take 13+1 (header and offset) + 1+3 (dA = 2, dx
// = 1) + 5+1+5+1+1+5 (the coefficients 1, 0, -1, 0, 0, 1) + 5 (A0 = 1)
// = 41 bits, against 256 for their first 15 terms written out.
// The Beatty sequence of pi (OEIS A022844), a(n) = floor(n*pi), is 11+1
// (header and offset) + 1 (floor) + 4 (pi) + 1 (K = 0) = 18 bits, against
// 148 for its first 15 terms written out; ceiling(n*sqrt(2)) - 1 with
// n >= 1 is 11+1+2+(4+2+3)+5 = 28. The powers of e rounded down (OEIS
// A000149), a(n) = floor(e^n), take 11+1+1+6+1 = 20 bits, against 272
// for 15 terms written out.
//
// The same code serves every context. Symbols that a context cannot use
// (a(n-1) in a closed form, k outside a loop) keep their code words, which
// wastes a little code space but keeps one table for the parser, the
// printer, the coder and the enumerator.
package dsl
