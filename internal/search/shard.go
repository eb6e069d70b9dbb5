package search

import (
	"encoding/hex"
	"encoding/json"
	"sort"
	"unicode/utf8"

	"github.com/guidepost/guidepost/internal/parallel"
)

// Shards hold the postings of the terms that share a prefix, so a query
// loads only the shards of its own terms. All terms start in one group,
// of key ""; a group whose encoded size passes the limit is split by one
// more rune, again and again, keeping in the group only the term that is
// exactly its key. The term's shard is thus the one with the longest key
// that begins the term. A small site's terms so stay in one shard, which
// its reader loads once; a big site's are split as far as their sizes
// need, a rare first letter's terms staying together. After a character
// of a script written without spaces, whose terms are pairs of
// characters, only the next characters with many postings get shards of
// their own (see buildShards).
//
// A shard encodes as a JSON object from term to its postings in document
// order, (document id gap, weight) pairs encoded as a string of digits
// (see postingDigits):
//
//	{"consent":"ADjBhD…","consult":"…"}

const (
	maxKeyRunes = 8 // a group is not split past this, whatever its size
)

type shard struct {
	key  string
	data []byte
}

// buildShards groups the sorted terms into shards of at most maxSize
// bytes where prefixes allow it, in key order; all of them stay in one
// shard if they come to at most oneShard bytes. Terms are encoded on up to
// workers goroutines (0: one per core).
func buildShards(terms []string, postings map[string][]posting, maxSize, oneShard, workers int) []shard {
	s := &sharder{encoded: encodeTerms(terms, postings, workers), maxSize: maxSize, oneShard: oneShard}
	s.split(terms, 0)
	sortShards(s.out)
	return s.out
}

// encodeTerms encodes each term's shard member (see encodeTerm) on up to
// workers goroutines, and returns them by term.
func encodeTerms(terms []string, postings map[string][]posting, workers int) map[string][]byte {
	enc := make([][]byte, len(terms))
	parallel.ForUpTo(len(terms), workers, func(i int) { enc[i] = encodeTerm(terms[i], postings[terms[i]]) })
	encoded := make(map[string][]byte, len(terms))
	for i, t := range terms {
		encoded[t] = enc[i]
	}
	return encoded
}

// sharder splits encoded terms into shards (see buildShards).
type sharder struct {
	encoded  map[string][]byte // each term's shard member
	maxSize  int
	oneShard int
	out      []shard
}

// split shards the sorted terms by their first runes runes (all terms
// together for 0): a group that fits its limit, or cannot be split
// further, is a shard; a larger one keeps its key's own term (and, after
// a pair-script character, the terms of small next characters) and
// splits the rest by one more rune.
func (s *sharder) split(terms []string, runes int) {
	for _, g := range groupByPrefix(terms, runes) {
		size := s.size(g.terms)
		if size <= s.limit(runes) || runes >= maxKeyRunes || len(g.terms) == 1 {
			s.add(g.key, g.terms)
			continue
		}
		exact, longer := splitAtRunes(g.terms, runes)
		if runes > 0 && pairScriptKey(g.key) {
			exact, longer = s.splitPairScript(g, runes, size, exact, longer)
		}
		if len(exact) > 0 {
			s.add(g.key, exact)
		}
		s.split(longer, runes+1)
	}
}

// size is the bytes a shard of terms is counted as: its opening brace,
// and each term's member with the comma or brace after it.
func (s *sharder) size(terms []string) int {
	size := 2
	for _, t := range terms {
		size += len(s.encoded[t]) + 1
	}
	return size
}

// limit is the most bytes of a group of terms sharing runes runes that
// stays one shard: maxSize, or for all terms together, at least oneShard.
func (s *sharder) limit(runes int) int {
	if runes == 0 {
		return max(s.maxSize, s.oneShard)
	}
	return s.maxSize
}

// add appends the shard of key holding terms.
func (s *sharder) add(key string, terms []string) {
	s.out = append(s.out, shard{key: key, data: joinTerms(terms, s.encoded)})
}

// splitAtRunes splits terms into those of at most runes runes and those
// longer, each keeping its order.
func splitAtRunes(terms []string, runes int) (exact, longer []string) {
	for _, t := range terms {
		if utf8.RuneCountInString(t) > runes {
			longer = append(longer, t)
		} else {
			exact = append(exact, t)
		}
	}
	return exact, longer
}

// splitPairScript splits group g, of size bytes, whose key ends in a
// character of a script written without spaces (Han, Hangul): the next
// character is one of thousands, so most terms would get a shard of their
// own, and the manifest a key for each. Only the next characters that
// ownShards picks get shards; it returns the terms that stay in g's shard
// (exact, and those of the other next characters, in order) and those to
// split further. exact and longer are g's terms as splitAtRunes split
// them; exact's array is reused.
func (s *sharder) splitPairScript(g termGroup, runes, size int, exact, longer []string) (stay, further []string) {
	children := groupByPrefix(longer, runes+1)
	own := s.ownShards(children, size)
	keep := map[string]bool{}
	for i, c := range children {
		if own[i] {
			further = append(further, c.terms...)
			continue
		}
		for _, t := range c.terms {
			keep[t] = true
		}
	}
	stay = exact[:0]
	for _, t := range g.terms {
		if keep[t] || utf8.RuneCountInString(t) <= runes {
			stay = append(stay, t)
		}
	}
	return stay, further
}

// ownShards reports which of the children, groups of a pair-script
// group of size bytes by their next character, get shards of their own:
// those with the most postings, from the biggest down, while the ones not
// picked come to more than four shards or the next is at least half a
// shard.
func (s *sharder) ownShards(children []termGroup, size int) []bool {
	sizes := make([]int, len(children))
	for i, c := range children {
		sizes[i] = s.size(c.terms)
	}
	order := make([]int, len(children))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	own := make([]bool, len(children))
	left := size
	for _, i := range order {
		if left <= 4*s.maxSize && sizes[i] < s.maxSize/2 {
			break
		}
		own[i] = true
		left -= sizes[i]
	}
	return own
}

type termGroup struct {
	key   string
	terms []string
}

// groupByPrefix groups sorted terms by their first n runes (the whole
// term when it is shorter), keeping order.
func groupByPrefix(terms []string, n int) []termGroup {
	var out []termGroup
	for _, t := range terms {
		k := prefix(t, n)
		if len(out) > 0 && out[len(out)-1].key == k {
			out[len(out)-1].terms = append(out[len(out)-1].terms, t)
			continue
		}
		out = append(out, termGroup{key: k, terms: []string{t}})
	}
	return out
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// pairScriptKey reports whether a shard key ends in a character of a
// script written without spaces, whose terms are pairs of characters (see
// Language.Tokens).
func pairScriptKey(key string) bool {
	r, _ := utf8.DecodeLastRuneInString(key)
	return r >= 0x0E00 && (isProlonged(r) || scriptClass(r) != classWord)
}

func sortShards(s []shard) { sort.Slice(s, func(i, j int) bool { return s[i].key < s[j].key }) }

// encodeTerm encodes one `"term":"postings"` member of a shard.
func encodeTerm(term string, ps []posting) []byte {
	q, _ := json.Marshal(term) // a string always encodes
	out := make([]byte, 0, len(q)+3+3*len(ps))
	out = append(out, q...)
	out = append(out, ':', '"')
	var prev int32
	for _, p := range ps {
		out = appendVarint(out, int(p.doc-prev))
		out = appendVarint(out, int(p.score))
		prev = p.doc
	}
	return append(out, '"')
}

func joinTerms(terms []string, encoded map[string][]byte) []byte {
	out := []byte{'{'}
	for i, t := range terms {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, encoded[t]...)
	}
	return append(out, '}')
}

// fileKey turns a shard key or slug into a file name: as it is when it is
// lower-case ASCII letters, digits and hyphens, else "u-" and its bytes in
// hex (so no two keys share a name, on any file system).
func fileKey(key string) string {
	if key == "" {
		return "u-" // the hex of no bytes: the shard of all terms
	}
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return "u-" + hex.EncodeToString([]byte(key))
		}
	}
	if len(key) >= 2 && key[:2] == "u-" {
		return "u-" + hex.EncodeToString([]byte(key))
	}
	return key
}
