package search

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/internal/parallel"
)

// Doc is one page to index.
type Doc struct {
	URL           string // as links on the site write it, base path included
	Title         string
	Summary       string
	Jurisdictions []Jurisdiction
	Sections      []Section
	// Context says where the page sits, shown with its title in results:
	// the sections it is in, or the decision tool it is an outcome of.
	// It is not searched.
	Context string
	// Keywords are words chosen to describe the page (its tags): they
	// count as words of the summary do, and results do not show them.
	Keywords []string
	// Boost multiplies the document's score for every word: above 1 it
	// ranks higher, below 1 lower. Zero counts as 1.
	Boost float64
}

// Jurisdiction is a jurisdiction term of a page: its name as shown and its
// slug, the value the search page's filter sends.
type Jurisdiction struct {
	Name, Slug string
}

// Options tune the index; the zero value is ready to use.
type Options struct {
	// MaxShard is the size in bytes past which the terms sharing a prefix
	// are split into shards by a longer prefix. By default all terms
	// share one shard when they come to at most OneShardFile bytes, and
	// are split past 32 KiB otherwise.
	MaxShard int
	// ChunkDocs is how many documents share one document file (metadata
	// and text for excerpts). By default all documents share one file when
	// their entries come to at most OneDocFile bytes: the first query loads
	// it, and no later query needs to load a document again. Otherwise 2:
	// a result's file then costs about twice a document's text, and the
	// manifest lists half as many files.
	ChunkDocs int
	// Workers bounds the goroutines that build the index; 0 means one per
	// core. The dev server leaves a core to rebuilds with it.
	Workers int
	// MaxText bounds the bytes of a document's text kept for excerpts.
	// Default 32 KiB.
	MaxText int
	// Name returns the name an index file is published under, from its
	// name in Index.Files and its content; the manifest refers to files by
	// these names. render.Fingerprint matches how the build publishes
	// assets: content-hashed names browsers may cache forever. The default
	// keeps the name. The manifest is smallest when Name keeps the part of
	// the name before the extension and inserts something beginning with
	// "." before it, as Fingerprint does; Name must not return a name that
	// begins with "." or is empty.
	Name func(name string, data []byte) string
	// Language is the BCP 47 tag of the documents' language ("en",
	// "pt-BR", "zh"): it picks the stop words and the stemmer (see
	// LanguageOf), and the manifest records it for search.js. Each
	// language of a site has an index of its own, in a folder the
	// caller chooses. Empty means English.
	Language string
}

func (o *Options) defaults() {
	if o.MaxShard <= 0 {
		o.MaxShard = 32 << 10
	}
	if o.MaxText <= 0 {
		o.MaxText = 32 << 10
	}
	if o.Name == nil {
		o.Name = func(name string, _ []byte) string { return name }
	}
}

// OneDocFile is the most bytes of document entries the index puts in one
// file by default. A page of ten results from a bigger site costs a
// reader about ten small files; below this size one file costs less on
// any connection, and it is cached for every later query.
const OneDocFile = 192 << 10

// OneShardFile is the most bytes of postings the index keeps in one shard
// by default: a site this small is searched with one shard, loaded by the
// first query. With OneDocFile it bounds what that query loads.
const OneShardFile = 64 << 10

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
	Shards                int
	Chunks                int // document files
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
// output depends only on the documents, not on the order they come in nor
// on how many cores share the work.
func Build(docs []Doc, opts Options) (*Index, error) {
	oneShard := opts.MaxShard
	if oneShard <= 0 {
		oneShard = OneShardFile
	}
	opts.defaults()
	docs = append([]Doc(nil), docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].URL < docs[j].URL })

	lang := LanguageOf(opts.Language)
	postings, terms := score(docs, lang, opts.Workers)
	idx := &Index{Files: map[string][]byte{}}
	add := func(stem, ext string, data []byte) (string, error) {
		idx.Files[stem+ext] = data
		idx.Stats.Bytes += len(data)
		return nameTag(stem, ext, opts.Name(stem+ext, data))
	}

	m := manifest{Version: manifestVersion, Docs: len(docs), Lang: lang.Code(), Stem: lang.Stemmer(), Stop: strings.Join(lang.StopWords(), " "), Fold: FoldTable(), MinPrefix: MinPrefix,
		Shards: map[string]string{}, Files: []string{}, Jurisdictions: []manifestJurisdiction{}}

	jurs, jurIndex := jurisdictions(docs)
	for _, j := range jurs {
		data, err := encodeDeltas(j.docs)
		if err != nil {
			return nil, err
		}
		stem := "j/" + fileKey(j.Slug)
		name, err := add(stem, ".json", data)
		if err != nil {
			return nil, err
		}
		m.Jurisdictions = append(m.Jurisdictions, manifestJurisdiction{Name: j.Name, Slug: j.Slug, File: resolveTag(stem, ".json", name)})
	}

	// Document files, encoded in parallel, named in order.
	m.ChunkDocs = chunkDocs(docs, opts)
	chunks := (len(docs) + m.ChunkDocs - 1) / m.ChunkDocs
	encoded := make([][]byte, chunks)
	errs := make([]error, chunks)
	parallel.ForUpTo(chunks, opts.Workers, func(c int) {
		start := c * m.ChunkDocs
		end := min(start+m.ChunkDocs, len(docs))
		chunk := make([]docEntry, 0, end-start)
		for id := start; id < end; id++ {
			d := &docs[id]
			e := docEntry{URL: d.URL, Title: d.Title, Context: d.Context, Summary: d.Summary, Sections: docSections(d, opts.MaxText)}
			for _, j := range d.Jurisdictions {
				if i, ok := jurIndex[j.Slug]; ok && !containsInt(e.Jurisdictions, i) {
					e.Jurisdictions = append(e.Jurisdictions, i)
				}
			}
			chunk = append(chunk, e)
		}
		encoded[c], errs[c] = marshal(chunk)
	})
	fileTags := make([]string, 0, chunks)
	for c, data := range encoded {
		if errs[c] != nil {
			return nil, fmt.Errorf("search: encode %s: %w", docs[c*m.ChunkDocs].URL, errs[c])
		}
		tag, err := add("d/"+strconv.Itoa(c), ".json", data)
		if err != nil {
			return nil, err
		}
		fileTags = append(fileTags, tag)
	}
	m.setFileTags(fileTags)

	shards := buildShards(terms, postings, opts.MaxShard, oneShard, opts.Workers)
	for _, sh := range shards {
		stem := "t/" + fileKey(sh.key)
		tag, err := add(stem, ".json", sh.data)
		if err != nil {
			return nil, err
		}
		if stem != "t/"+sh.key && (tag == "" || tag[0] == '.') {
			tag = stem + tag + ".json" // the key is not the file's name: give it whole
		}
		m.Shards[sh.key] = tag
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
	idx.Stats.Chunks = chunks
	return idx, nil
}

// chunkDocs returns how many documents share a file: as asked, when
// opts.ChunkDocs is set; all of them when their entries come to about
// OneDocFile bytes at most; else 2. Entries are sized from their text,
// not encoded, so that no document is encoded twice.
func chunkDocs(docs []Doc, opts Options) int {
	if opts.ChunkDocs > 0 {
		return opts.ChunkDocs
	}
	const perEntry, perSection = 40, 16 // JSON keys, quotes and commas
	size := 2
	for i := range docs {
		d := &docs[i]
		size += perEntry + len(d.URL) + len(d.Title) + len(d.Context) + len(d.Summary) + 4*len(d.Jurisdictions)
		left := opts.MaxText
		for _, s := range d.Sections {
			text := min(len(s.Text), max(left, 0))
			left -= text
			size += perSection + len(s.Heading) + len(s.Anchor) + text
		}
		if size > OneDocFile {
			return 2
		}
	}
	return max(1, len(docs))
}

// docTerms are a document's distinct terms with their weighted counts,
// and how many terms it has in all.
type docTerms struct {
	terms   []string
	weights []float64
	length  int
}

// score computes every term's postings — BM25's term-frequency part over
// weighted fields — and returns them with the sorted list of terms.
// Documents are counted in parallel and merged in id order, so the result
// is the same however many goroutines ran.
func score(docs []Doc, lang *Language, workers int) (map[string][]posting, []string) {
	counted := make([]docTerms, len(docs))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parallel.Workers(len(docs), workers, func() func(int) {
		cache := termCache{}
		tf := map[string]float64{}
		return func(i int) {
			d := &docs[i]
			clear(tf)
			n := 0
			var weight float64
			add := func(t string) { tf[t] += weight; n++ }
			addText := func(text string, w float64) {
				weight = w
				cache.eachTerm(lang, text, add)
			}
			addText(d.Title, titleWeight)
			addText(d.Summary, summaryWeight)
			for _, k := range d.Keywords {
				addText(k, summaryWeight)
			}
			for _, s := range d.Sections {
				addText(s.Heading, headingWeight)
				addText(s.Text, bodyWeight)
			}
			dt := docTerms{terms: make([]string, 0, len(tf)), weights: make([]float64, 0, len(tf)), length: n}
			for t, f := range tf {
				dt.terms = append(dt.terms, t)
				dt.weights = append(dt.weights, f)
			}
			counted[i] = dt
		}
	})
	total := 0.0
	for i := range counted {
		total += float64(counted[i].length)
	}
	avg := 1.0
	if len(docs) > 0 && total > 0 {
		avg = total / float64(len(docs))
	}
	// Number the terms in order of first use and count their documents,
	// so each term's postings are allocated once, at their final size.
	ids := map[string]int32{}
	var df []int
	docIDs := make([][]int32, len(counted))
	for i := range counted {
		dt := &counted[i]
		tids := make([]int32, len(dt.terms))
		for k, t := range dt.terms {
			id, ok := ids[t]
			if !ok {
				id = int32(len(df))
				ids[t] = id
				df = append(df, 0)
			}
			df[id]++
			tids[k] = id
		}
		docIDs[i] = tids
	}
	lists := make([][]posting, len(df))
	all := make([]posting, 0, func() (n int) {
		for _, c := range df {
			n += c
		}
		return n
	}())
	for id, c := range df {
		lists[id] = all[len(all) : len(all) : len(all)+c]
		all = all[:len(all)+c]
	}
	for i := range counted {
		dt := &counted[i]
		norm := bm25K1 * (1 - bm25B + bm25B*float64(dt.length)/avg)
		boost := docs[i].Boost
		if boost <= 0 {
			boost = 1
		}
		for k, id := range docIDs[i] {
			f := dt.weights[k]
			s := int(math.Round(scoreScale * boost * f * (bm25K1 + 1) / (f + norm)))
			lists[id] = append(lists[id], posting{doc: i, score: max(s, 1)})
		}
	}
	postings := make(map[string][]posting, len(ids))
	for t, id := range ids {
		postings[t] = lists[id]
	}
	terms := make([]string, 0, len(postings))
	for t := range postings {
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
