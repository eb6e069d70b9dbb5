package search

import (
	"encoding/json"
	"fmt"
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
	files map[string][]byte // by published name
	m     manifest
	bytes int // of the files read so far
	read  map[string]bool
}

func newReader(t *testing.T, idx *Index) *reader {
	t.Helper()
	return newPublishedReader(t, idx.Files)
}

// newPublishedReader reads files published under the names Options.Name
// gave them, the manifest under ManifestName.
func newPublishedReader(t *testing.T, files map[string][]byte) *reader {
	t.Helper()
	r := &reader{t: t, files: files, read: map[string]bool{}}
	r.decode(ManifestName, &r.m)
	return r
}

// publish returns an index's files under the names name gives them, the
// manifest under ManifestName.
func publish(idx *Index, name func(string, []byte) string) map[string][]byte {
	out := make(map[string][]byte, len(idx.Files))
	for n, data := range idx.Files {
		if n != ManifestName {
			n = name(n, data)
		}
		out[n] = data
	}
	return out
}

// decode parses a file, counting its bytes the first time it is read.
func (r *reader) decode(name string, v any) {
	r.t.Helper()
	data, ok := r.files[name]
	if !ok {
		r.t.Fatalf("the index has no file %s", name)
	}
	if !r.read[name] {
		r.read[name] = true
		r.bytes += len(data)
	}
	if strings.HasSuffix(name, packExt) {
		var err error
		if data, err = gunzip(data); err != nil {
			r.t.Fatalf("%s: %v", name, err)
		}
	}
	if err := json.Unmarshal(data, v); err != nil {
		r.t.Fatalf("%s: %v", name, err)
	}
}

// shardKey is the key of the shard holding term: the longest key that
// begins it.
func (r *reader) shardKey(term string) (string, bool) {
	for n := min(utf8.RuneCountInString(term), maxKeyRunes); n >= 0; n-- {
		if _, ok := r.m.Shards[prefix(term, n)]; ok {
			return prefix(term, n), true
		}
	}
	return "", false
}

// packFile is the published name of pack n.
func (r *reader) packFile(n int) string {
	return resolveTag(fmt.Sprintf("p/%d", n), packExt, r.m.fileTag(n))
}

// packs is how many packs the manifest leads to.
func (r *reader) packs() int {
	n := len(r.m.DocPacks)
	for _, loc := range r.m.Shards {
		n = max(n, loc[0]+1)
	}
	return n
}

// slice returns length bytes of pack n from byte off, as search.js asks
// for them with a range request, counting them as read, decompressed: one
// gzip member, which must decompress alone.
func (r *reader) slice(n, off, length int) []byte {
	r.t.Helper()
	name := r.packFile(n)
	data, ok := r.files[name]
	if !ok {
		r.t.Fatalf("the index has no file %s", name)
	}
	if off < 0 || off+length > len(data) {
		r.t.Fatalf("%s: bytes %d+%d are outside its %d", name, off, length, len(data))
	}
	key := fmt.Sprintf("%s@%d", name, off)
	if !r.read[name] && !r.read[key] {
		r.read[key] = true
		r.bytes += length
	}
	members, err := gunzipMembers(data[off : off+length])
	if err != nil || len(members) != 1 || !isGzip(data[off:]) {
		r.t.Fatalf("%s: bytes %d+%d are not one gzip member (%d members, %v)", name, off, length, len(members), err)
	}
	return members[0]
}

// shardBytes returns the encoded shard of key.
func (r *reader) shardBytes(key string) []byte {
	r.t.Helper()
	loc, ok := r.m.Shards[key]
	if !ok {
		r.t.Fatalf("no shard %q", key)
	}
	return r.slice(loc[0], loc[1], loc[2])
}

// shard returns a shard's terms with their encoded postings.
func (r *reader) shard(key string) map[string]string {
	r.t.Helper()
	var out map[string]string
	if err := json.Unmarshal(r.shardBytes(key), &out); err != nil {
		r.t.Fatalf("shard %q: %v", key, err)
	}
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
	ps, err := decodePostings(r.shard(key)[term])
	if err != nil {
		r.t.Fatalf("postings of %q: %v", term, err)
	}
	idf := IDF(len(ps), r.m.Docs)
	for _, p := range ps {
		out[int(p.doc)] = float64(p.score) * idf
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

// meta returns a document's entry: from the one document pack of a site
// without a lens, read whole, or as a byte range of its pack, found with
// the manifest's lens.
func (r *reader) meta(id int) docEntry {
	r.t.Helper()
	if r.m.Lens == "" {
		var all []docEntry
		r.decode(r.packFile(0), &all)
		return all[id]
	}
	ls, err := decodeVarints(r.m.Lens)
	if err != nil || len(ls) != r.m.Docs || r.m.LensUnit < 1 {
		r.t.Fatalf("lens: %d lengths for %d documents, unit %d (%v)", len(ls), r.m.Docs, r.m.LensUnit, err)
	}
	for i := range ls {
		ls[i] *= r.m.LensUnit
	}
	first := 0
	for n, count := range r.m.DocPacks {
		if id >= first+count {
			first += count
			continue
		}
		off := 0
		for k := first; k < id; k++ {
			off += ls[k]
		}
		var e docEntry
		if err := json.Unmarshal(r.slice(n, off, ls[id]), &e); err != nil {
			r.t.Fatalf("document %d: %v", id, err)
		}
		return e
	}
	r.t.Fatalf("no document %d in %d", id, r.m.Docs)
	return docEntry{}
}

// fragment returns a document's sections.
func (r *reader) fragment(id int) [][3]string {
	r.t.Helper()
	return r.meta(id).Sections
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
