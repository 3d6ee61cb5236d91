package predict

import (
	"math"

	"github.com/seqpredict/seqpredict/search"
)

// The estimate of the unseen mass: the weight of the consistent programs
// longer than the search's horizon, which it did not see. The derivation,
// its assumptions and where the constants come from are in the package
// documentation ("The horizon").

// UnseenModel holds the constants of the estimate.
type UnseenModel struct {
	// Log2Odds is log2 of the prior odds that the best explanation is
	// fragile (other consistent programs are as common beyond the horizon
	// as the search's evidence allows), for an explanation within the
	// horizon that saves no bits over writing the terms out.
	Log2Odds float64
	// Decay is how much those log2 odds fall per bit the best explanation
	// saves over writing the terms out.
	Decay float64
	// Beyond is how much they rise per doubling of 1 + the bits by which
	// the best explanation lies beyond the horizon: lengths at which the
	// search verified nothing.
	Beyond float64
	// NoPatternLog2Odds is log2 of the prior odds that the account is
	// fragile when nothing compresses the terms (the literal programs are
	// the best explanation): that a rule beyond the horizon explains terms
	// that look arbitrary to the search.
	NoPatternLog2Odds float64
	// Growth is the factor by which the candidates grow per extra bit of
	// program length, beyond the horizon (measured: search/doc.go).
	Growth float64
}

// DefaultUnseen is the model Predict uses. Log2Odds, Decay, Beyond and
// NoPatternLog2Odds were fitted (maximum likelihood of the top prediction
// being right, scripts/calibfit) on development data of the OEIS, never
// on the shard used to check calibration; Growth is measured
// (search/doc.go, "Scaling"). See the package documentation.
var DefaultUnseen = UnseenModel{Log2Odds: -1, Decay: 0.0275, Beyond: 0.125, NoPatternLog2Odds: 0, Growth: 1.55}

// horizon is what the search saw: every program up to bits long (C), of
// which it evaluated candidates (M), last of them of length C.
type horizon struct {
	bits       int
	candidates int64
	last       int64
}

func horizonOf(sr *search.Result) horizon {
	h := horizon{bits: sr.CompleteBits, candidates: sr.Candidates}
	if n := len(sr.Levels); n > 0 {
		h.last = sr.Levels[n-1].Candidates
	}
	return h
}

// log2Uncovered is log2 of the prior weight of the programs longer than
// the horizon: cand(C) * g^j programs of length C+j, each weighing
// 2^-(C+j), sum cand(C) * 2^-C * g/(2-g) over j >= 1. Never more than the
// whole prior (1).
func (h horizon) log2Uncovered(m UnseenModel) float64 {
	if h.bits == 0 || h.last == 0 {
		return 0
	}
	g := m.Growth
	return min(0, math.Log2(float64(h.last))-float64(h.bits)+math.Log2(g/(2-g)))
}

// log2Competitors is log2 of the expected weight of the unseen consistent
// programs if the explanation is fragile: each program beyond the horizon
// competes with the probability the rule of succession gives after the
// search saw k competing behaviours among its M candidates, (k+1)/(M+2),
// times the weight of those programs.
func (h horizon) log2Competitors(k int, m UnseenModel) float64 {
	rate := float64(k+1) / float64(h.candidates+2)
	return math.Log2(rate) + h.log2Uncovered(m)
}

// log2FragileOdds is log2 of the prior odds that an explanation saving
// saved bits over writing the terms out, and lying beyond bits beyond the
// horizon, is fragile (saved is 0 when the literal programs are the best
// explanation).
func (m UnseenModel) log2FragileOdds(saved, beyond int) float64 {
	if saved <= 0 {
		return m.NoPatternLog2Odds
	}
	return m.Log2Odds - m.Decay*float64(saved) + m.Beyond*math.Log2(1+float64(max(0, beyond)))
}

// fragile is the prior probability that an explanation saving saved bits
// over writing the terms out, beyond bits beyond the horizon, is fragile.
func (m UnseenModel) fragile(saved, beyond int) float64 {
	return 1 / (1 + math.Exp2(-m.log2FragileOdds(saved, beyond)))
}

// furtherShare: when a fitter's pattern lies beyond the search's margin and
// its prior probability of being fragile, were it furtherBeyond bits beyond
// the horizon (how far it will lie is not known before the search), is at
// least this, the search gets
// half its program budget (search.Options.FarPrograms =
// MaxPrograms/furtherShareOfBudget) instead of a quarter. Searching
// further can change the answer's probability by at most that share: if
// the pattern is robust, nothing the search could find competes with it.
// On the OEIS sample of make eval a fifth selects 19 of the 134 sequences
// whose budget the full one would raise, at 4.5% more candidates instead
// of 30%; half the budget is what the Catalan numbers need to find their
// 36-bit program.
const (
	furtherShare         = 0.2
	furtherBeyond        = 16
	furtherShareOfBudget = 2
)

// unseenShift is log2(Z/Zk): how much the unseen mass raises the
// normaliser Zk of the mixture of what was found (the classes and the
// literal programs). With odds o that the explanation is fragile, the
// mixture is robust (nothing unseen competes: Zk) with probability
// 1/(1+o) and fragile (Zk + U) with probability o/(1+o), U = 2^x * Zk the
// unseen competitors' weight. Every probability is an average over the
// two, 2^-bits * (1/(1+o)/Zk + o/(1+o)/(Zk+U)), so the mixture keeps one
// normaliser Z with
//
//	Z/Zk = (1+o) / (1 + o/(1+U/Zk))
//
// computed here in log space (lo = log2 o), so that neither huge odds nor
// a huge U overflow.
func unseenShift(lo, x float64) float64 {
	return softplus2(lo) - softplus2(lo-softplus2(x))
}

// softplus2 is log2(1 + 2^y), without overflow.
func softplus2(y float64) float64 {
	if y > 60 {
		return y + math.Log2(1+math.Exp2(-y))
	}
	return math.Log2(1 + math.Exp2(y))
}

// competitors counts the behaviours the search saw besides the best
// explanation: the classes with a program (not a literal) no longer than
// the horizon, other than the shortest one. literal(i) and bits(i) describe
// class i of n.
func competitors(n int, bits func(int) int, literal func(int) bool, horizon int) int {
	k, best := 0, -1
	for i := range n {
		if literal(i) {
			continue
		}
		if best < 0 || bits(i) < bits(best) {
			best = i
		}
		if bits(i) <= horizon {
			k++
		}
	}
	if best >= 0 && bits(best) <= horizon {
		k-- // the explanation itself
	}
	return k
}

// classBits is what the normaliser needs of a class: its length (the
// shorter of its program and its literal program), the length of its
// literal program, and whether the literal is the shorter.
type classBits struct {
	bits, lit int
	literal   bool
}

// normaliser returns the mixture's normaliser Z scaled by 2^ref, and the
// share of Z left to the unseen programs. ref is chosen so that the scaled
// Z is 1: a class of b bits has probability 2^(ref-b), finite whatever the
// lengths, even where 2^-b itself underflows (the terms of a long input
// written out take tens of thousands of bits). literalBits is the length
// of the literal program of the given terms (dsl.LiteralBits), which the
// best explanation is measured against.
func normaliser(base, literalBits int, cs []classBits, hz horizon, m UnseenModel) (ref, z, unseen float64) {
	// Lengths are first taken relative to the heaviest known part (a class
	// or the literal programs of every continuation, which weigh 2^-base
	// together), so that the known part Zk is at least about 1.
	ref = float64(base)
	best := literalBits
	for _, c := range cs {
		ref = min(ref, float64(c.bits))
		if !c.literal {
			best = min(best, c.bits)
		}
	}
	pow := func(bits int) float64 { return math.Exp2(ref - float64(bits)) }
	zk := pow(base)
	for _, c := range cs {
		zk += pow(c.bits) - pow(c.lit)
	}
	k := competitors(len(cs), func(i int) int { return cs[i].bits }, func(i int) bool { return cs[i].literal }, hz.bits)
	x := hz.log2Competitors(k, m) + ref - math.Log2(zk) // log2(U/Zk)
	shift := unseenShift(m.log2FragileOdds(literalBits-best, best-hz.bits), x)
	return ref - math.Log2(zk) - shift, 1, -math.Expm1(-shift * math.Ln2)
}
