package search

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// reader reads an index the way static/js/search.js does, so tests check
// the files a browser gets. It expects files published under their own
// names (the default Options.Name).
type reader struct {
	t     *testing.T
	idx   *Index
	m     manifest
	bytes int // of the files read so far
	read  map[string]bool
}

func newReader(t *testing.T, idx *Index) *reader {
	t.Helper()
	r := &reader{t: t, idx: idx, read: map[string]bool{}}
	r.decode(ManifestName, &r.m)
	return r
}

// decode parses a file, counting its bytes the first time it is read.
func (r *reader) decode(name string, v any) {
	r.t.Helper()
	data, ok := r.idx.Files[name]
	if !ok {
		r.t.Fatalf("the index has no file %s", name)
	}
	if !r.read[name] {
		r.read[name] = true
		r.bytes += len(data)
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
}

// shardKey is the key of the shard holding term: the longest key that
// begins it.
func (r *reader) shardKey(term string) (string, bool) {
	for n := min(utf8.RuneCountInString(term), maxKeyRunes); n > 0; n-- {
		if _, ok := r.m.Shards[prefix(term, n)]; ok {
			return prefix(term, n), true
		}
	}
	return "", false
}

// shard returns a shard's terms with their encoded postings.
func (r *reader) shard(key string) map[string][]int {
	r.t.Helper()
	var out map[string][]int
	r.decode(r.m.Shards[key], &out)
	return out
}

// postings returns doc id → score for an exact term: its weight times
// its IDF.
func (r *reader) postings(term string) map[int]float64 {
	r.t.Helper()
	out := map[int]float64{}
	key, ok := r.shardKey(term)
	if !ok {
		return out
	}
	arr := r.shard(key)[term]
	if len(arr)%2 != 0 {
		r.t.Fatalf("postings of %q have odd length %d", term, len(arr))
	}
	idf := IDF(len(arr)/2, r.m.Docs)
	doc := 0
	for i := 0; i < len(arr); i += 2 {
		doc += arr[i]
		out[doc] = float64(arr[i+1]) * idf
	}
	return out
}

// prefixKeys returns the shards a partial word must load, as search.js
// picks them.
func (r *reader) prefixKeys(p string) []string {
	keys := map[string]bool{}
	if k, ok := r.shardKey(p); ok {
		keys[k] = true
	}
	for k := range r.m.Shards {
		if strings.HasPrefix(k, p) {
			keys[k] = true
		}
	}
	var out []string
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// search returns the URLs of the documents holding every term of q, best
// first, as search.js ranks them (without prefix matching).
func (r *reader) search(q string) []string {
	r.t.Helper()
	ids := r.searchIDs(q)
	if ids == nil {
		return nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = r.meta(id).URL
	}
	return out
}

// searchIDs is search returning document ids.
func (r *reader) searchIDs(q string) []int {
	r.t.Helper()
	terms := Terms(q)
	if len(terms) == 0 {
		return nil
	}
	total := r.postings(terms[0])
	for _, term := range terms[1:] {
		p := r.postings(term)
		for doc, s := range total {
			if ps, ok := p[doc]; ok {
				total[doc] = s + ps
			} else {
				delete(total, doc)
			}
		}
	}
	ids := make([]int, 0, len(total))
	for doc := range total {
		ids = append(ids, doc)
	}
	sort.Slice(ids, func(a, b int) bool {
		if total[ids[a]] != total[ids[b]] {
			return total[ids[a]] > total[ids[b]]
		}
		return ids[a] < ids[b]
	})
	return ids
}

// meta returns a document's metadata entry.
func (r *reader) meta(id int) metaEntry {
	r.t.Helper()
	var chunk []metaEntry
	r.decode(r.m.Meta[id/r.m.ChunkDocs], &chunk)
	return chunk[id%r.m.ChunkDocs]
}

// fragment returns a document's sections.
func (r *reader) fragment(id int) [][3]string {
	r.t.Helper()
	var f fragment
	r.decode(r.meta(id).Fragment, &f)
	return f.Sections
}

// jurisdictionDocs returns the ids listed for a jurisdiction slug.
func (r *reader) jurisdictionDocs(slug string) []int {
	r.t.Helper()
	for _, j := range r.m.Jurisdictions {
		if j.Slug != slug {
			continue
		}
		var gaps []int
		r.decode(j.File, &gaps)
		var out []int
		id := 0
		for _, g := range gaps {
			id += g
			out = append(out, id)
		}
		return out
	}
	r.t.Fatalf("no jurisdiction %q in the manifest", slug)
	return nil
}
