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
	enc := make([][]byte, len(terms))
	parallel.ForUpTo(len(terms), workers, func(i int) { enc[i] = encodeTerm(terms[i], postings[terms[i]]) })
	encoded := make(map[string][]byte, len(terms))
	for i, t := range terms {
		encoded[t] = enc[i]
	}
	var out []shard
	var split func(terms []string, runes int)
	split = func(terms []string, runes int) {
		for _, g := range groupByPrefix(terms, runes) {
			size := 2
			for _, t := range g.terms {
				size += len(encoded[t]) + 1
			}
			limit := maxSize
			if runes == 0 {
				limit = max(maxSize, oneShard)
			}
			if size <= limit || runes >= maxKeyRunes || len(g.terms) == 1 {
				out = append(out, shard{key: g.key, data: joinTerms(g.terms, encoded)})
				continue
			}
			var longer []string
			var exact []string
			for _, t := range g.terms {
				if utf8.RuneCountInString(t) > runes {
					longer = append(longer, t)
				} else {
					exact = append(exact, t)
				}
			}
			if runes > 0 && pairScriptKey(g.key) {
				// The next character is one of thousands (Han, Hangul):
				// most terms would get a shard of their own, and the
				// manifest a key for each. The next characters with the
				// most postings get shards, from the biggest down, until
				// those left come to four shards at most; their terms
				// stay in this shard.
				children := groupByPrefix(longer, runes+1)
				sizes := make([]int, len(children))
				left := size
				for i, c := range children {
					sizes[i] = 2
					for _, t := range c.terms {
						sizes[i] += len(encoded[t]) + 1
					}
				}
				order := make([]int, len(children))
				for i := range order {
					order[i] = i
				}
				sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
				own := make([]bool, len(children))
				for _, i := range order {
					if left <= 4*maxSize && sizes[i] < maxSize/2 {
						break
					}
					own[i] = true
					left -= sizes[i]
				}
				keep := map[string]bool{}
				var big []string
				for i, c := range children {
					if own[i] {
						big = append(big, c.terms...)
						continue
					}
					for _, t := range c.terms {
						keep[t] = true
					}
				}
				exact = exact[:0]
				for _, t := range g.terms {
					if keep[t] || utf8.RuneCountInString(t) <= runes {
						exact = append(exact, t)
					}
				}
				longer = big
			}
			if len(exact) > 0 {
				out = append(out, shard{key: g.key, data: joinTerms(exact, encoded)})
			}
			split(longer, runes+1)
		}
	}
	split(terms, 0)
	sortShards(out)
	return out
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
	prev := 0
	for _, p := range ps {
		out = appendVarint(out, p.doc-prev)
		out = appendVarint(out, p.score)
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
