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
// CompleteBits) and no longer one, except those the fitters propose. Longer
// programs still belong to the mixture, and the mixture estimates their
// weight instead of pretending it is zero: by the rule of succession, a
// candidate the search evaluates is a new consistent behaviour with
// probability rho = (behaviours found+1)/(candidates+2); the behaviours
// per length grow by a factor g = 1.5 per bit (measured); so the lengths
// beyond C are expected to hold
//
//	U = rho * cand(C) * 2^-C * g/(2-g)
//
// of weight, which no listed continuation gets (Result.Unseen). When the
// search found nothing consistent, the rule of succession only says rho is
// below 1/candidates; then rho is also extrapolated from how many checked
// candidates reproduced the first j terms for growing j (each further term
// keeps a fraction f of them: rho ~ A_J/M * f^(N-J)), and the smaller
// estimate is used. The normaliser is
//
//	Z = 2^-base + U + sum over found v of (2^-bits(v) - 2^-literal(v))
//
// This keeps the answer honest when the search stops short: when a fitter
// finds a program far beyond the horizon the search completed and the
// search saw nothing consistent up to there, the unseen mass is of the
// order of 2^-horizon and the fitted prediction gets only its share next
// to it, not 99%. A program found well inside the horizon keeps nearly all
// the mass (2, 4, 6, 8 -> 10: about 97%), and one far beyond it less: the
// search cannot vouch for it. The estimate is
// deliberately cautious; batch's calibration table shows how cautious
// (on the public puzzles, predictions given 30% are right far more often).
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
