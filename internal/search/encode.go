package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MinPrefix is the fewest runes the last word of a query needs before it
// also matches the terms it begins ("consu" → consult, consultation).
const MinPrefix = 3

// manifestVersion is the layout of the files below; search.js checks it.
// Version 3 added the language: its terms are stemmed by the language's
// Snowball stemmer, which search.js must run too. Version 4 packs
// documents and shards into a few large files read by byte ranges.
// Version 5 gives the lens file's lengths in units of "lensUnit" bytes,
// each entry padded with spaces to a whole number of units. Version 6
// compresses the packs: every entry is a gzip member of its own (see
// gzip.go), packs are p/<n>.gpack, the lens unit pads members, and the
// lens is in the manifest, not a file of its own: every query with
// results needs it, and it is about a byte a document.
const manifestVersion = 6

// manifest is index.json: what a query needs to find every other file.
//
//	{"v":6,"docs":N,"docPacks":[812,790,…],"lens":"MJKNLhB…","lensUnit":64,
//	 "files":[],"tags":".1a2b3c4d5e.0f9e8d7c6b…",
//	 "shards":{"co":[7,0,10211],"con":[7,10211,9007],…},
//	 "jurisdictions":[{"name":"India","slug":"india","file":"j/india.json"},…],
//	 "lang":"es","stem":"es","stop":"a al …","fold":"àa áa … ßss","minPrefix":3}
//
// Every document entry and every shard is in a pack, "p/<n>.gpack": its
// entries' gzip members one after the other (see gzip.go), so that a
// reader can fetch one entry as a byte range of the pack and decompress
// it alone, or fetch the whole pack and cut it into members. The document
// packs come first, numbered from 0 in id order, docPacks giving how many
// documents each holds; then the shard packs. Document d is entry d−Σ of
// its pack; the bytes of each entry are in "lens", a string of
// varints in posting digits (see appendVarint), one per document in id
// order, in units of "lensUnit" bytes: every member is padded to a whole
// number of units (see lensUnit, padMember), so that entry k of a pack
// starts at byte Σ len×lensUnit of the entries before it. A site of one
// document pack has no lens ("lens" is ""): its pack is one gzip
// member of the JSON array of its entries, which its reader loads whole.
// A term's postings are in the shard of the longest key that begins it,
// given as [pack, first byte, length] of the shard's member.
//
// Packs are named by what Options.Name put into their names (see
// nameTag): pack n is published as "p/<n><tag>.gpack". The tags are given
// as one string run together ("tags") when each is a dot followed by other
// characters, as fingerprints are; otherwise as a list ("files"), or
// neither (an empty list and string) when every name was kept.
//
// "lang" is the primary subtag of the documents' language, "stem" the
// stemmer search.js runs (static/js/snowball-<stem>.js, "" for none)
// and "stop" the language's stop words.
//
// Every field is always written, empty when unused ([] for no
// jurisdictions, "" and [] for no tags): search.js reads them all, and a
// site without jurisdictions must not lose its search to a missing key.
type manifest struct {
	Version       int                    `json:"v"`
	Docs          int                    `json:"docs"`
	DocPacks      []int                  `json:"docPacks"`
	Lens          string                 `json:"lens"`
	LensUnit      int                    `json:"lensUnit"`
	Files         []string               `json:"files"`
	Tags          string                 `json:"tags"`
	Shards        map[string][3]int      `json:"shards"`
	Jurisdictions []manifestJurisdiction `json:"jurisdictions"`
	Lang          string                 `json:"lang"`
	Stem          string                 `json:"stem"`
	Stop          string                 `json:"stop"`
	Fold          string                 `json:"fold"`
	MinPrefix     int                    `json:"minPrefix"`
}

type manifestJurisdiction struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
	File string `json:"file"` // the ids of its documents, delta-encoded
}

// docEntry is one document in a document pack: what a result shows, and
// its text by section for the excerpt. A result costs one byte range of
// its pack, results next to each other in a pack one between them.
type docEntry struct {
	URL           string      `json:"u"`
	Title         string      `json:"t"`
	Context       string      `json:"c,omitempty"`
	Summary       string      `json:"s,omitempty"`
	Jurisdictions []int       `json:"j,omitempty"` // indexes into the manifest's jurisdictions
	Sections      [][3]string `json:"x"`           // [heading, anchor, text]
}

// docSections returns a document's sections as a document entry holds
// them, keeping at most maxText bytes of text in all.
func docSections(d *Doc, maxText int) [][3]string {
	out := [][3]string{}
	left := maxText
	for _, s := range d.Sections {
		if left <= 0 {
			break
		}
		text := truncate(s.Text, left)
		left -= len(text)
		out = append(out, [3]string{s.Heading, s.Anchor, text})
	}
	return out
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// nameTag returns how the manifest refers to a file whose name is
// stem+ext and which is published as published: what the publisher
// inserted before the extension (".1a2b3c4d5e" for a fingerprint, "" when
// it kept the name) — the reader knows stem and ext — or else the
// published name itself.
func nameTag(stem, ext, published string) (string, error) {
	if strings.HasPrefix(published, stem) && strings.HasSuffix(published, ext) && len(published) >= len(stem)+len(ext) {
		tag := published[len(stem) : len(published)-len(ext)]
		if tag == "" || tag[0] == '.' {
			return tag, nil
		}
	}
	if published == "" || published[0] == '.' {
		return "", fmt.Errorf("search: %s%s is published as %q: a name must not be empty or begin with a dot", stem, ext, published)
	}
	return published, nil
}

// setFileTags puts the tags of the packs into the manifest in the
// shortest form it has for them.
func (m *manifest) setFileTags(tags []string) {
	joined, kept := true, true
	for _, t := range tags {
		kept = kept && t == ""
		joined = joined && len(t) > 1 && t[0] == '.' && !strings.Contains(t[1:], ".")
	}
	switch {
	case kept:
	case joined:
		m.Tags = strings.Join(tags, "")
	default:
		m.Files = tags
	}
}

// fileTag returns the tag of pack n, from setFileTags' form.
func (m *manifest) fileTag(n int) string {
	if len(m.Files) > 0 {
		return m.Files[n]
	}
	if m.Tags != "" {
		return "." + strings.Split(m.Tags, ".")[n+1]
	}
	return ""
}

// resolveTag is the inverse of nameTag, as search.js does it.
func resolveTag(stem, ext, tag string) string {
	if tag == "" || tag[0] == '.' {
		return stem + tag + ext
	}
	return tag
}

// Postings are encoded as a string of base-64 digits (postingDigits):
// each document id gap and each weight is a little-endian varint of
// 5-bit groups, a digit of 32 or more carrying a group that more follow.
// A posting of a common word (gap 1, weight 100) takes three bytes, where
// JSON numbers took six; search.js decodes it into typed arrays without
// creating a number array per term.
const postingDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// appendVarint appends v ≥ 0 in posting digits.
func appendVarint(out []byte, v int) []byte {
	for v >= 32 {
		out = append(out, postingDigits[32+v&31])
		v >>= 5
	}
	return append(out, postingDigits[v])
}

// decodeVarints decodes a string of varints in posting digits.
func decodeVarints(s string) ([]int, error) {
	var out []int
	for i := 0; i < len(s); {
		v, shift := 0, 0
		for {
			if i >= len(s) {
				return nil, fmt.Errorf("search: digits end inside a number")
			}
			d := strings.IndexByte(postingDigits, s[i])
			i++
			if d < 0 {
				return nil, fmt.Errorf("search: %q is not a posting digit", s[i-1])
			}
			if d < 32 {
				v |= d << shift
				break
			}
			v |= (d - 32) << shift
			shift += 5
		}
		out = append(out, v)
	}
	return out, nil
}

// decodePostings decodes an encoded posting string; search.js does the
// same.
func decodePostings(s string) ([]posting, error) {
	vals, err := decodeVarints(s)
	if err != nil {
		return nil, err
	}
	if len(vals)%2 != 0 {
		return nil, fmt.Errorf("search: postings have an odd count of numbers")
	}
	out := make([]posting, 0, len(vals)/2)
	doc := 0
	for i := 0; i < len(vals); i += 2 {
		doc += vals[i]
		out = append(out, posting{doc: int32(doc), score: int32(vals[i+1])})
	}
	return out, nil
}

// encodeDeltas encodes sorted ids as a JSON array of the gaps between
// them (the first id as it is), which keeps the numbers short.
func encodeDeltas(ids []int) ([]byte, error) {
	out := []byte{'['}
	prev := 0
	for i, id := range ids {
		if id < prev {
			return nil, fmt.Errorf("search: ids out of order: %d after %d", id, prev)
		}
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, int64(id-prev), 10)
		prev = id
	}
	return append(out, ']'), nil
}

// marshal encodes v as compact JSON without escaping <, > and &, which the
// files are never embedded in HTML to need.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("search: encode: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}
