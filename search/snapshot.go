package search

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"sync"

	"github.com/seqpredict/seqpredict/dsl"
)

// The bank snapshot: the first lengths of the term-independent banks (see
// Cache) of short sequences, as the search builds them, kept in the binary
// (banks.bin, written by TestSnapshot with -update). A search that needs
// one of these lengths restores it instead of enumerating it: it appends
// the length's classes — their recipes read from the snapshot, their
// values evaluated from their children's — exactly as merging the
// enumerated survivors would have, so the store, its marks and every
// decision the search makes are the same (TestSnapshotRestores). Only the
// work changes: for a one-line prediction, the enumeration of these banks
// was half of the process's time. The snapshot holds, for every number of
// terms from snapMinTerms to snapMaxTerms, each bank's lengths while it has
// at most snapMaxClasses classes, and the loop-body banks' lengths up to
// maxLoopBody.
//
// The snapshot describes the language it was made with; TestSnapshot
// fails when the language or the search changed and it is out of date.

//go:embed banks.bin
var bankSnapshot string

const (
	snapMagic      = "seqpredict banks 1\n"
	snapMinTerms   = 3
	snapMaxTerms   = 20
	snapMaxClasses = 1 << 13
)

// snapKey names a bank in the snapshot: its key (without big, which a
// snapshot bank never has), with the kind by name.
func snapKey(k bankKey) string {
	return fmt.Sprintf("%t %s %+v %d %d", k.loop, k.kind, k.g, k.offset, k.terms)
}

// snapLevel is one length of a bank in the snapshot: the survivors that
// building it merged (pending), and where its classes' recipes are.
type snapLevel struct {
	pending int
	classes int
	data    string // the recipes, encoded (see appendRecipe)
}

// snapshotSections are the snapshot's sections by number of terms, found
// on first use; each section's banks are read when a bank of that many
// terms first asks for them (snapshotLevels).
var snapshotSections = sync.OnceValue(func() []func() map[string][]snapLevel {
	sections, err := readSections(bankSnapshot)
	if err != nil {
		// Only a test can make this happen (TestSnapshot keeps banks.bin
		// readable): without a snapshot, every length is enumerated.
		return nil
	}
	return sections
})

// readSections splits a snapshot into its sections: after the magic, per
// number of terms n (snapMinTerms on, in order), the byte length of the
// section and the section. Each section is read on its first call
// (readBanks; nil for a section it cannot read).
func readSections(s string) ([]func() map[string][]snapLevel, error) {
	if len(s) < len(snapMagic) || s[:len(snapMagic)] != snapMagic {
		return nil, fmt.Errorf("not a bank snapshot")
	}
	r := snapReader{s: s, i: len(snapMagic)}
	sections := make([]func() map[string][]snapLevel, snapMinTerms)
	for r.i < len(r.s) {
		data := r.bytes(r.uint())
		sections = append(sections, sync.OnceValue(func() map[string][]snapLevel {
			banks, _ := readBanks(data)
			return banks
		}))
	}
	return sections, r.err
}

// readBanks reads a section: per bank its key, its number of lengths, and
// per length pending, classes, and the byte length of the recipes that
// follow.
func readBanks(s string) (map[string][]snapLevel, error) {
	r := snapReader{s: s}
	banks := map[string][]snapLevel{}
	for r.i < len(r.s) {
		key := r.str()
		levels := make([]snapLevel, r.uint())
		for b := range levels {
			levels[b].pending = r.uint()
			levels[b].classes = r.uint()
			levels[b].data = r.bytes(r.uint())
		}
		if r.err != nil {
			return nil, r.err
		}
		banks[key] = levels
	}
	return banks, nil
}

// snapshotLevels returns the lengths the snapshot holds of the bank of
// the given key, shortest first (none for a bank it cannot hold). A
// shared bank looks them up once, when the cache makes it.
func snapshotLevels(key bankKey) []snapLevel {
	sections := snapshotSections()
	if key.big || key.ownPoints || key.terms >= len(sections) || sections[key.terms] == nil {
		return nil
	}
	return sections[key.terms]()[snapKey(key)]
}

// restore appends length b of a shared bank from the snapshot to bk's
// store (the shared store, held), the way merge appends survivors: room
// for all first, then the classes in order, then the hash table. It
// returns false, having changed nothing, when a recipe does not fit the
// store (a snapshot of another language; TestSnapshot prevents it).
func (e *engine) restore(bk *bank, lv snapLevel) bool {
	first := int32(bk.count())
	if !validRecipes(lv, first, bk) {
		return false
	}
	bk.reserve(lv.classes)
	buf := make([]dsl.Value, bk.width)
	r := snapReader{s: lv.data}
	for range lv.classes {
		rec := r.recipe()
		bk.eval(rec, buf)
		bk.append(rec.op, rec.kids, rec.konst, buf, hashValues(buf))
	}
	e.indexNew(bk, first, e.workersFor(int64(lv.pending)*8))
	return true
}

// appendRecipe encodes a class: its operator, then as many children as
// it has (as ids), then its constant for a leaf.
func appendRecipe(out []byte, op dsl.Op, kids [3]int32, konst int64) []byte {
	out = append(out, byte(op))
	for _, k := range kids[:recipeKids(op)] {
		out = binary.AppendUvarint(out, uint64(k))
	}
	if recipeKids(op) == 0 {
		out = binary.AppendVarint(out, konst)
	}
	return out
}

// recipeKids is how many children a class of operator op has.
func recipeKids(op dsl.Op) int { return dsl.Ops[op].Arity }

// validRecipes reports whether a length's data are its number of
// recipes, whose children are classes below first (the classes of shorter
// lengths) or, for a loop, classes of the loop bank.
func validRecipes(lv snapLevel, first int32, bk *bank) bool {
	r := snapReader{s: lv.data}
	for range lv.classes {
		rec := r.recipe()
		if r.err != nil {
			return false
		}
		limit := first
		if dsl.Ops[rec.op].Loop {
			if bk.loop == nil {
				return false
			}
			limit = int32(bk.loop.count())
		}
		for _, k := range rec.kids[:recipeKids(rec.op)] {
			if k < 0 || k >= limit {
				return false
			}
		}
	}
	return r.i == len(r.s)
}

// recipe reads one recipe (appendRecipe).
func (r *snapReader) recipe() recipe {
	if r.i >= len(r.s) || int(r.s[r.i]) >= len(dsl.Ops) {
		r.err, r.i = fmt.Errorf("bad operator at %d", r.i), len(r.s)
		return recipe{op: dsl.OpConst}
	}
	rec := recipe{op: dsl.Op(r.s[r.i])}
	r.i++
	for k := range recipeKids(rec.op) {
		id := r.uint()
		if id > maxClasses {
			r.err, r.i = fmt.Errorf("bad class at %d", r.i), len(r.s)
			return recipe{op: dsl.OpConst}
		}
		rec.kids[k] = int32(id)
	}
	if recipeKids(rec.op) == 0 {
		rec.konst = r.int()
	}
	return rec
}

// snapReader reads the snapshot's varints; a read past the end sets err.
type snapReader struct {
	s   string
	i   int
	err error
}

func (r *snapReader) uint() int {
	var v uint64
	for shift := 0; shift < 63; shift += 7 {
		if r.i >= len(r.s) {
			break
		}
		c := r.s[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			if v > 1<<40 {
				break
			}
			return int(v)
		}
	}
	r.err, r.i = fmt.Errorf("bad number at %d", r.i), len(r.s)
	return 0
}

// int reads a zig-zag varint (binary.AppendVarint).
func (r *snapReader) int() int64 {
	u := uint64(r.uint())
	return int64(u>>1) ^ -int64(u&1)
}

func (r *snapReader) bytes(n int) string {
	if n > len(r.s)-r.i {
		r.err, r.i = fmt.Errorf("truncated at %d", r.i), len(r.s)
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

func (r *snapReader) str() string { return r.bytes(r.uint()) }
