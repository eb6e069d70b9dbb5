package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MinPrefix is the fewest runes the last word of a query needs before it
// also matches the terms it begins ("consu" → consult, consultation).
const MinPrefix = 3

// manifest is index.json: what a query needs to find every other file.
//
//	{"v":1,"docs":N,"chunk":16,"meta":["m/0.json",…],
//	 "shards":{"co":"t/co.json","con":"t/con.json",…},
//	 "jurisdictions":[{"name":"India","slug":"india","file":"j/india.json"},…],
//	 "stop":"a about …","fold":"àa áa … ßss","minPrefix":3}
//
// A term's postings are in the shard of the longest key that begins it;
// document id d's metadata is entry d%chunk of meta[d/chunk].
type manifest struct {
	Version       int                    `json:"v"`
	Docs          int                    `json:"docs"`
	ChunkDocs     int                    `json:"chunk"`
	Meta          []string               `json:"meta"`
	Shards        map[string]string      `json:"shards"`
	Jurisdictions []manifestJurisdiction `json:"jurisdictions"`
	Stop          string                 `json:"stop"`
	Fold          string                 `json:"fold"`
	MinPrefix     int                    `json:"minPrefix"`
}

type manifestJurisdiction struct {
	Name string `json:"name"`
	Slug string `json:"slug"`
	File string `json:"file"` // the ids of its documents, delta-encoded
}

// metaEntry is one document in a metadata chunk: what a result shows
// before its excerpt is loaded.
type metaEntry struct {
	URL           string `json:"u"`
	Title         string `json:"t"`
	Summary       string `json:"s,omitempty"`
	Jurisdictions []int  `json:"j,omitempty"` // indexes into the manifest's jurisdictions
	Fragment      string `json:"f"`           // the file with the document's text
}

// fragment is a document's text by section, for excerpts:
//
//	{"x":[["heading","anchor","text"],…]}
type fragment struct {
	Sections [][3]string `json:"x"`
}

// encodeFragment encodes a document's sections, keeping at most maxText
// bytes of text in all.
func encodeFragment(d *Doc, maxText int) ([]byte, error) {
	f := fragment{Sections: [][3]string{}}
	left := maxText
	for _, s := range d.Sections {
		if left <= 0 {
			break
		}
		text := truncate(s.Text, left)
		left -= len(text)
		f.Sections = append(f.Sections, [3]string{s.Heading, s.Anchor, text})
	}
	return marshal(f)
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
