package predict

import (
	"math"
	"testing"
)

// TestUnseenLimits checks the limiting cases of the unseen-mass estimate
// (doc.go, "The horizon") on the figures real searches report.
func TestUnseenLimits(t *testing.T) {
	m := DefaultUnseen
	robust := func(saved, beyond int) float64 { return 1 - m.fragile(saved, beyond) }
	cases := []struct {
		name string
		// what was found and searched
		base, literalBits int
		classes           []classBits
		hz                horizon
		// the share of the best class must be within [lo, hi]
		lo, hi float64
		// and the unseen share within [ulo, uhi]
		ulo, uhi float64
	}{
		{
			// 2, 4, 6, 8: a(n) = n + n; n >= 1 at 11 bits, the search
			// complete to 17 bits after 492 candidates, 150 of 17 bits.
			name: "fully explained", base: 35, literalBits: 34,
			classes: []classBits{{bits: 11, lit: 41}},
			hz:      horizon{bits: 17, candidates: 492, last: 150},
			lo:      0.97, hi: 1, ulo: 0, uhi: 0.03,
		},
		{
			// Random terms: nothing found, the search complete to 38 bits
			// after 10 million candidates: the literal programs are the
			// best explanation (S = 0), fragile at the prior odds, and
			// then the programs beyond the horizon dwarf them.
			name: "random", base: 151, literalBits: 150,
			hz: horizon{bits: 38, candidates: 10_000_000, last: 3_000_000},
			lo: 0, hi: 0, ulo: m.fragile(0, 0) - 1e-9, uhi: m.fragile(0, 0) + 1e-9,
		},
		{
			// The Catalan numbers' 49-bit recurrence with the search
			// complete to 35 bits: fragile, it would be crushed (2^14
			// times its weight beyond the horizon); robust, it keeps all.
			name: "fitter far beyond", base: 67, literalBits: 66,
			classes: []classBits{{bits: 49, lit: 83}},
			hz:      horizon{bits: 35, candidates: 2_154_751, last: 787_528},
			lo:      robust(17, 14) - 0.01, hi: robust(17, 14) + 1e-4, ulo: m.fragile(17, 14) - 1e-4, uhi: m.fragile(17, 14) + 0.01,
		},
		{
			// The same explanation found by the search itself at its
			// horizon, after 3.3 million candidates: a fragile account
			// leaves it about half.
			name: "at the horizon", base: 67, literalBits: 66,
			classes: []classBits{{bits: 36, lit: 83}},
			hz:      horizon{bits: 36, candidates: 3_338_728, last: 1_184_000},
			lo:      robust(30, 0) + 0.3*m.fragile(30, 0), hi: robust(30, 0) + 0.6*m.fragile(30, 0), ulo: 0.4 * m.fragile(30, 0), uhi: 0.7 * m.fragile(30, 0),
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ref, z, unseen := normaliser(c.base, c.literalBits, c.classes, c.hz, m)
			best := 0.0
			if len(c.classes) > 0 {
				best = math.Exp2(ref-float64(c.classes[0].bits)) / z
			}
			if best < c.lo || best > c.hi {
				t.Errorf("best class %.4f, want %.4f to %.4f", best, c.lo, c.hi)
			}
			if unseen < c.ulo || unseen > c.uhi {
				t.Errorf("unseen %.4f, want %.4f to %.4f", unseen, c.ulo, c.uhi)
			}
		})
	}
}

// TestUnseenMonotone: more bits saved, a wider horizon or more
// candidates searched to it never make the unseen mass larger, and an
// explanation further beyond the horizon never makes it smaller.
func TestUnseenMonotone(t *testing.T) {
	m := DefaultUnseen
	share := func(best, c int, cands int64) float64 {
		cs := []classBits{{bits: best, lit: 200}}
		_, _, u := normaliser(150, 149, cs, horizon{bits: c, candidates: cands, last: 1_500_000}, m)
		return u
	}
	for best := 20; best < 140; best += 7 {
		if a, b := share(best, 35, 5e6), share(best+1, 35, 5e6); b < a {
			t.Errorf("best %d -> %d bits: unseen %.4g -> %.4g, want no less", best, best+1, a, b)
		}
		if a, b := share(best, 35, 5e6), share(best, 36, 5e6); b > a {
			t.Errorf("horizon 35 -> 36 (best %d): unseen %.4g -> %.4g, want no more", best, a, b)
		}
		if a, b := share(best, 35, 5e6), share(best, 35, 2e6); b < a {
			t.Errorf("5 -> 2 million candidates (best %d): unseen %.4g -> %.4g, want no less", best, a, b)
		}
		// The same saving (the literal bits rise with the length), one
		// bit further beyond.
		cs := func(b int) []classBits { return []classBits{{bits: b, lit: b + 100}} }
		_, _, a := normaliser(best+90, best+89, cs(best), horizon{bits: 35, candidates: 5e6, last: 1_500_000}, m)
		_, _, b := normaliser(best+91, best+90, cs(best+1), horizon{bits: 35, candidates: 5e6, last: 1_500_000}, m)
		if b < a {
			t.Errorf("best %d -> %d bits, same saving: unseen %.4g -> %.4g, want no less", best, best+1, a, b)
		}
	}
}

// TestNormaliserFinite feeds the normaliser extreme figures: it must stay
// finite and positive, and every share within [0, 1].
func TestNormaliserFinite(t *testing.T) {
	models := []UnseenModel{DefaultUnseen, {Log2Odds: 500, Decay: 0, Growth: 1.99}, {Log2Odds: -500, Decay: 10, Growth: 1.01}}
	bases := []int{1, 40, 5_000, 1_000_000}
	horizons := []horizon{{}, {bits: 1, candidates: 1, last: 1}, {bits: 40, candidates: 1 << 40, last: 1 << 39}, {bits: 2000, candidates: 3, last: 0}}
	// A class's literal program is longer than base (the given terms'),
	// and its length is at most its literal's.
	classSets := func(base int) [][]classBits {
		return [][]classBits{
			nil,
			{{bits: 3, lit: base + 5}},
			{{bits: base + 1_000_000, lit: base + 1_000_001}, {bits: 10, lit: base + 12}},
			{{bits: base + 1, lit: base + 1, literal: true}, {bits: 9, lit: base + 20}, {bits: 9, lit: base + 25}},
		}
	}
	for _, m := range models {
		for _, base := range bases {
			for _, hz := range horizons {
				for _, cs := range classSets(base) {
					ref, z, unseen := normaliser(base, base-1, cs, hz, m)
					if math.IsNaN(ref) || math.IsInf(ref, 0) || !(z > 0) || math.IsInf(z, 0) || !(unseen >= 0 && unseen <= 1) {
						t.Fatalf("model %+v base %d horizon %+v classes %v: ref %v z %v unseen %v", m, base, hz, cs, ref, z, unseen)
					}
					for _, c := range cs {
						if p := math.Exp2(ref-float64(c.bits)) / z; !(p >= 0 && p <= 1) {
							t.Fatalf("model %+v base %d horizon %+v: class %v has share %v", m, base, hz, c, p)
						}
					}
				}
			}
		}
	}
}

// FuzzNormaliser: no figures make the normaliser NaN, infinite or
// non-positive, or a share leave [0, 1].
func FuzzNormaliser(f *testing.F) {
	f.Add(35, 34, 11, 41, 17, int64(492), int64(150), -1.0, 0.02)
	f.Add(100000, 99999, 3, 100010, 0, int64(0), int64(0), 60.0, 0.0)
	f.Fuzz(func(t *testing.T, base, literalBits, bits, lit, c int, cands, last int64, lo, decay float64) {
		if base < 1 || base > 1<<24 || bits < 1 || bits > 1<<24 || lit < bits || lit <= base || lit > 1<<25 || c < 0 || c > 1<<16 ||
			cands < 0 || last < 0 || last > cands || math.IsNaN(lo) || math.IsInf(lo, 0) || math.Abs(lo) > 1e6 ||
			!(decay >= 0 && decay <= 1e3) {
			return
		}
		m := UnseenModel{Log2Odds: lo, Decay: decay, Growth: DefaultUnseen.Growth}
		ref, z, unseen := normaliser(base, literalBits, []classBits{{bits: bits, lit: lit}}, horizon{bits: c, candidates: cands, last: last}, m)
		p := math.Exp2(ref-float64(bits)) / z
		if !(z > 0) || math.IsInf(z, 0) || !(unseen >= 0 && unseen <= 1) || !(p >= 0 && p <= 1) {
			t.Fatalf("ref %v z %v unseen %v share %v", ref, z, unseen, p)
		}
	})
}
