package search

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Doc is one page to index.
type Doc struct {
	URL           string // as links on the site write it, base path included
	Title         string
	Summary       string
	Jurisdictions []Jurisdiction
	Sections      []Section
}

// Jurisdiction is a jurisdiction term of a page: its name as shown and its
// slug, the value the search page's filter sends.
type Jurisdiction struct {
	Name, Slug string
}

// Options tune the index; the zero value is ready to use.
type Options struct {
	// MaxShard is the size in bytes past which the terms sharing a prefix
	// are split into shards by a longer prefix. Default 32 KiB.
	MaxShard int
	// ChunkDocs is how many documents share one metadata chunk. Default 16.
	ChunkDocs int
	// MaxText bounds the bytes of a document's text kept for excerpts.
	// Default 32 KiB.
	MaxText int
	// Name returns the name an index file is published under, from its
	// name in Index.Files and its content; the manifest refers to files by
	// these names. render.Fingerprint matches how the build publishes
	// assets: content-hashed names browsers may cache forever. The default
	// keeps the name.
	Name func(name string, data []byte) string
}

func (o *Options) defaults() {
	if o.MaxShard <= 0 {
		o.MaxShard = 32 << 10
	}
	if o.ChunkDocs <= 0 {
		o.ChunkDocs = 16
	}
	if o.MaxText <= 0 {
		o.MaxText = 32 << 10
	}
	if o.Name == nil {
		o.Name = func(name string, _ []byte) string { return name }
	}
}

// ManifestName is the manifest's name in the index folder. It is the only
// file a page must know; it lists every other file by its published name.
const ManifestName = "index.json"

// Field weights: a word in the title counts as much as sixteen in the
// body, in a heading five, in the summary three. With BM25's saturation
// this ranks a title match above a heading match above a summary match
// above a body match, unless the lower field repeats the word many times.
const (
	titleWeight   = 16
	headingWeight = 5
	summaryWeight = 3
	bodyWeight    = 1
	bm25K1        = 1.2
	bm25B         = 0.75
	// scoreScale turns term-frequency weights into the integers postings
	// store.
	scoreScale = 100
)

// Index is a built search index: its files by name relative to the index
// folder, ManifestName among them. Whoever publishes the files must give
// each the name Options.Name returns for it, as the manifest refers to
// them by those names; the manifest itself may be published under any
// name the page is told (the build fingerprints it too, and the search
// page finds it with the asset function).
type Index struct {
	Files map[string][]byte
	Stats Stats
}

// Stats describe an index.
type Stats struct {
	Docs, Terms, Postings int
	Shards, Chunks        int
	Bytes                 int // all files together
	ManifestBytes         int
	LargestShard          int // bytes
}

// posting is one document's weight for a term: the term-frequency part of
// its BM25 score, scaled by scoreScale. A query multiplies it by the
// term's inverse document frequency, IDF(df), where df is the length of
// the term's postings: the idf is left out of the index so that a partial
// word, which matches several terms, can be scored as one term whose df is
// the number of documents any of them matches.
type posting struct {
	doc, score int
}

// IDF is BM25's inverse document frequency of a term found in df of n
// documents. static/js/search.js computes the same.
func IDF(df, n int) float64 {
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// Build indexes docs. Documents get ids in the order of their URLs, so the
// output depends only on the documents, not on the order they come in.
func Build(docs []Doc, opts Options) (*Index, error) {
	opts.defaults()
	docs = append([]Doc(nil), docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })

	postings, terms := score(docs)
	idx := &Index{Files: map[string][]byte{}}
	add := func(name string, data []byte) string {
		idx.Files[name] = data
		idx.Stats.Bytes += len(data)
		return opts.Name(name, data)
	}

	m := manifest{Version: 1, Docs: len(docs), ChunkDocs: opts.ChunkDocs, Stop: strings.Join(StopWords, " "), Fold: FoldTable(), MinPrefix: MinPrefix, Shards: map[string]string{}}

	jurs, jurIndex := jurisdictions(docs)
	for _, j := range jurs {
		data, err := encodeDeltas(j.docs)
		if err != nil {
			return nil, err
		}
		m.Jurisdictions = append(m.Jurisdictions, manifestJurisdiction{Name: j.Name, Slug: j.Slug, File: add("j/"+fileKey(j.Slug)+".json", data)})
	}

	for start := 0; start < len(docs); start += opts.ChunkDocs {
		end := min(start+opts.ChunkDocs, len(docs))
		chunk := make([]metaEntry, 0, end-start)
		for id := start; id < end; id++ {
			d := &docs[id]
			data, err := encodeFragment(d, opts.MaxText)
			if err != nil {
				return nil, fmt.Errorf("search: encode %s: %w", d.URL, err)
			}
			e := metaEntry{URL: d.URL, Title: d.Title, Summary: d.Summary, Fragment: add(fmt.Sprintf("d/%d.json", id), data)}
			for _, j := range d.Jurisdictions {
				if i, ok := jurIndex[j.Slug]; ok && !containsInt(e.Jurisdictions, i) {
					e.Jurisdictions = append(e.Jurisdictions, i)
				}
			}
			chunk = append(chunk, e)
		}
		data, err := marshal(chunk)
		if err != nil {
			return nil, err
		}
		m.Meta = append(m.Meta, add(fmt.Sprintf("m/%d.json", start/opts.ChunkDocs), data))
	}

	shards := buildShards(terms, postings, opts.MaxShard)
	for _, sh := range shards {
		m.Shards[sh.key] = add("t/"+fileKey(sh.key)+".json", sh.data)
		idx.Stats.LargestShard = max(idx.Stats.LargestShard, len(sh.data))
	}

	data, err := marshal(m)
	if err != nil {
		return nil, err
	}
	idx.Files[ManifestName] = data
	idx.Stats.Bytes += len(data)
	idx.Stats.ManifestBytes = len(data)
	idx.Stats.Docs = len(docs)
	idx.Stats.Terms = len(terms)
	for _, ps := range postings {
		idx.Stats.Postings += len(ps)
	}
	idx.Stats.Shards = len(shards)
	idx.Stats.Chunks = len(m.Meta)
	return idx, nil
}

// score computes every term's postings — BM25's term-frequency part over
// weighted fields — and returns them with the sorted list of terms.
func score(docs []Doc) (map[string][]posting, []string) {
	type counts map[string]float64
	tfs := make([]counts, len(docs))
	lengths := make([]float64, len(docs))
	df := map[string]int{}
	total := 0.0
	for i := range docs {
		d := &docs[i]
		tf := counts{}
		n := 0
		addText := func(text string, weight float64) {
			for _, t := range Terms(text) {
				tf[t] += weight
				n++
			}
		}
		addText(d.Title, titleWeight)
		addText(d.Summary, summaryWeight)
		for _, s := range d.Sections {
			addText(s.Heading, headingWeight)
			addText(s.Text, bodyWeight)
		}
		for t := range tf {
			df[t]++
		}
		tfs[i] = tf
		lengths[i] = float64(n)
		total += float64(n)
	}
	avg := 1.0
	if len(docs) > 0 && total > 0 {
		avg = total / float64(len(docs))
	}
	postings := map[string][]posting{}
	for i, tf := range tfs {
		norm := bm25K1 * (1 - bm25B + bm25B*lengths[i]/avg)
		for t, f := range tf {
			s := int(math.Round(scoreScale * f * (bm25K1 + 1) / (f + norm)))
			postings[t] = append(postings[t], posting{doc: i, score: max(s, 1)})
		}
	}
	terms := make([]string, 0, len(postings))
	for t, ps := range postings {
		sort.Slice(ps, func(a, b int) bool { return ps[a].doc < ps[b].doc })
		terms = append(terms, t)
	}
	sort.Strings(terms)
	return postings, terms
}

type jurisdictionDocs struct {
	Jurisdiction
	docs []int
}

// jurisdictions lists the jurisdictions of docs by name, each with the ids
// of its documents, and maps each slug to its place in the list.
func jurisdictions(docs []Doc) ([]*jurisdictionDocs, map[string]int) {
	bySlug := map[string]*jurisdictionDocs{}
	var out []*jurisdictionDocs
	for id, d := range docs {
		for _, j := range d.Jurisdictions {
			if j.Slug == "" {
				continue
			}
			jd := bySlug[j.Slug]
			if jd == nil {
				jd = &jurisdictionDocs{Jurisdiction: j}
				bySlug[j.Slug] = jd
				out = append(out, jd)
			}
			if n := len(jd.docs); n == 0 || jd.docs[n-1] != id {
				jd.docs = append(jd.docs, id)
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		la, lb := strings.ToLower(out[a].Name), strings.ToLower(out[b].Name)
		if la != lb {
			return la < lb
		}
		return out[a].Slug < out[b].Slug
	})
	index := map[string]int{}
	for i, j := range out {
		index[j.Slug] = i
	}
	return out, index
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
