// Package predict turns the programs found by package search into a
// probability distribution over the next terms: Solomonoff's mixture,
// restricted to the programs within the search budget.
//
// # The mixture
//
// Every program p of the language has a prior weight 2^-bits(p), from the
// prefix-free code of package dsl. Among the programs that reproduce the N
// given terms, the weight of a continuation v is the weight of the
// programs that predict v; P(next = v) is that weight divided by the weight
// of all consistent programs.
//
// # How programs that compute the same values are counted
//
// Each behaviour counts once, by its shortest program. Two consistent
// programs behave alike when they agree on the given terms and the next
// one, so a behaviour is simply a next term v, and its weight is
// 2^-(length of the shortest program predicting v). This is the
// "minimum description length" reading of Solomonoff induction (by the
// coding theorem, the sum over all programs is within a constant factor of
// its largest term), and it is what the fast search can compute exactly:
// merging equivalent subprograms never changes the shortest program of a
// behaviour. For --next K the K terms come from that shortest program (the
// first found among equally short ones); a representative that leaves one
// of them undefined drops out.
//
// # Literal programs
//
// The mixture always contains the literal programs "the given terms
// written out, then any K integers", each term in the universal integer
// code (dsl.IntBits). So every continuation keeps a non-zero probability
// and the log-loss of a surprise is finite. A continuation v weighs
// 2^-min(shortest program for v, literal program for v). The literal
// programs of all continuations together weigh exactly 2^-base, where base
// is the literal header, the length code and the given terms (the integer
// code is complete), so the normaliser is computed in closed form (plus
// the horizon term below).
//
// # The horizon
//
// The search sees every program up to some length C (search.Result's
// CompleteBits) and no longer one, except those the fitters propose.
// Longer programs still belong to the mixture. Their weight U is
// estimated, not taken to be zero, and goes to no listed continuation
// (Result.Unseen is its share). The estimate reads what the search
// observed; its four constants (three for explanations, one for terms
// nothing compresses) were fitted on development data.
//
// Let E be the best explanation found, the shortest class that is not a
// literal program, of B bits (E is the literal program when there is
// none), and S = L - min(B, L) the bits it saves over writing the terms
// out (L = dsl.LiteralBits). Two accounts of the programs beyond C are
// possible:
//
//   - robust: E is how the sequence goes on, and the programs the search
//     did not see add nothing that competes with what it found: U = 0;
//   - fragile: consistent programs that predict something else are as
//     common beyond the horizon as the search's own evidence allows. It
//     evaluated M candidates and saw k consistent behaviours besides E's
//     (the fitters' programs longer than C are not evidence about the
//     rate: they were not drawn at random). By the rule of succession a
//     further candidate is a new consistent behaviour with probability
//     (k+1)/(M+2). The candidates grow by a factor g = 1.55 per bit
//     (measured: search/doc.go, "Scaling"), and a program of C+j bits
//     weighs 2^-(C+j), so the programs beyond C weigh
//     cand(C) * 2^-C * g/(2-g) together (the prior the search has not
//     covered), and the unseen competitors U, below.
//
// In the fragile account
//
//	U = (k+1)/(M+2) * cand(C) * 2^-C * g/(2-g).
//
// The prior odds of fragile against robust are
//
//	o = 2^(a - b*S + c*log2(1 + D)),  D = max(0, B - C),
//
// when E saves S > 0 bits: each bit E saves makes it less likely to be a
// coincidence that longer programs will contradict (for data E does not
// describe, the chance that E compresses them by S bits is at most 2^-S,
// the "no hypercompression" inequality; OEIS terms are far from random,
// so a literal bit is worth only b < 1 bits of that evidence), and the
// further E lies beyond the horizon, the more of its length the search
// could not check for a shorter rival (on the development data a fitted
// program 17 to 40 bits beyond was as often wrong as one 80 bits beyond,
// hence the logarithm). When nothing compresses the terms, E is the
// literal programs (S = 0): robust then means that the terms are as
// arbitrary as they look and so is the next one, distributed as the
// integer code says, and the odds that a rule beyond the horizon explains
// them instead are o = 2^a0.
//
// Every probability is the average of the two accounts,
// P(v) = 2^-bits(v) * (1/(1+o)/Zk + o/(1+o)/(Zk+U)), where
// Zk = 2^-base + sum over found v of (2^-bits(v) - 2^-literal(v)) is the
// weight of what was found (the literal programs of every continuation
// and the classes' excess over theirs), so the mixture keeps a single
// normaliser Z with
//
//	Z/Zk = (1+o) / (1 + o*Zk/(Zk+U)),
//
// computed in log space (no input makes it overflow, underflow to 0/0
// or give NaN).
//
// The constants were fitted by maximum likelihood of the top prediction
// being right or wrong (scripts/calibfit, from batch --observations
// output) on development data only: 4,747 sequences of stripped.gz with
// 15 terms given, the lines at positions 1 mod 28 (the first 1,700 of
// that shard), 5 mod 70, and 19 mod 70 beyond the 70,000th; never a line
// of the shard 0/14 used to check calibration. The likelihood is flat
// along a ridge of (a, c); of the grid points within 0.001 bits per
// sequence of the best, calibfit keeps the one whose tenths of
// probability (of 30 answers or more) lie closest to the diagonal. They
// are a = -1 (UnseenModel.Log2Odds), b = 0.0275 (Decay), c = 0.125
// (Beyond) and a0 = 0 (NoPatternLog2Odds): an explanation within the
// horizon that saves 10 bits is fragile at odds 1:2.4, 50 bits at 1:5.2,
// 150 bits at 1:35; 40 bits beyond the horizon multiply the odds by 1.6;
// terms nothing compresses hide a rule at odds 1:1. The sequences nothing
// compresses read only a0, the others only a, b and c, so the two fits
// are separate. On those data the expected calibration error is 0.016
// and no tenth of 30 answers or more is off by more than 0.06.
//
// The limiting cases (TestUnseenLimits):
//
//   - a sequence the search explains fully (2, 4, 6, 8: E within the
//     horizon, the margin searched past it, no competitor): cand(C)/M
//     is below 1 and 2^-C is 2^-6 of E's weight, so even a fragile E
//     keeps nearly all the mass: 10 at 99.7%;
//   - random terms (no pattern, S = 0): fragile at odds 2^a0, and then
//     U (about 2^-C) dwarfs the literal programs (2^-L), so the unseen
//     mass is the prior probability of fragile, o/(1+o), and the best
//     guess (the literal continuation 0, half the literal programs'
//     weight) gets half the rest, 25%: what such guesses were worth on the
//     development data (the OEIS sequences with no pattern but a listed
//     guess are mostly of 0s and 1s, and 0 came next in a quarter);
//   - a fitter's program far beyond the horizon (the Catalan numbers'
//     49-bit recurrence, C = 35): if fragile, U is 2^14 times its
//     weight, so its probability is about that of robust, 1/(1+o): 66%.
//
// What the search observes beyond k and M was tried and left out: the
// prefix statistics of the checked levels (search.Level.Matched, how
// often candidates that match the first j terms go on to match the
// next) extrapolate to all N terms far too unevenly (a few bits of
// error in the per-term rate is a factor 2^N in U), and spreading the
// rate over a log-uniform range instead of the rule of succession fitted
// worse; both are in Observations for whoever refits.
//
// # Searching further
//
// A fitter's program beyond the search's margin normally leaves the
// search a quarter of its program budget (search.Options.FarPrograms).
// When that program's evidence is weak (it is fragile with prior
// probability at least furtherShare = 1/5, S below about 55 bits), the
// search gets half the budget (the pattern's odds are evaluated as if it
// lay furtherBeyond = 16 bits beyond the horizon: how far it will lie is
// not known before the search): only then can what it finds beyond its
// usual reach, a shorter explanation or a competitor, move the answer
// by more than a fifth. The Catalan numbers 1, 1, 2, 5, 14, 42, 132 are
// such a case: the larger budget finds binomial(n + n, n)/(n + 1) at 36
// bits, within the horizon (88% instead of 66% for the 49-bit recurrence).
// The extra checking is cheap per candidate (search/doc.go, "Check-only
// levels"); on the public puzzles it raises the candidates of 14 of 109
// series, 25% more in all.
//
// # Found, or not
//
// A pattern has been found exactly when some program is shorter than
// writing the given terms out (dsl.LiteralBits): the sequence compresses.
// Otherwise the best prediction is a guess, and the command says so.
//
// # Fitters
//
// A Fitter proposes programs by solving for their constants (polynomials,
// linear recurrences). Each proposal is verified exactly and charged its
// full length, so fitters change how soon a program is found, never its
// weight. The shortest fitted program also tells the search where its
// margin starts (search.Options.KnownBits).
//
// LateFitters run after the search, and only when nothing found (by the
// search or the fitters) is within the lengths the search completed: they
// are searches of their own, such as search.Filters for sets, worth their
// time only when nothing short explains the terms.
package predict
