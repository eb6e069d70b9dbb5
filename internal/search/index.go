package search

import (
	"bytes"
	"errors"
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
	// PackBytes is the most bytes of one pack file: documents' entries,
	// and shards, are packed in order into files of at most this size (a
	// larger entry gets a pack of its own), and a query reads its shards
	// and results as byte ranges of them. Default OneDocFile, so that a
	// small site's documents are one file, as are its shards.
	PackBytes int
	// Workers bounds the goroutines that build the index; 0 means one per
	// core. The dev server leaves a core to rebuilds with it.
	Workers int
	// MaxText bounds the bytes of a document's text kept for excerpts.
	// Default 32 KiB.
	MaxText int
	// Name returns the name an index file is published under, from its
	// name in Index.Files and its content; the manifest refers to files by
	// these names. layout.Fingerprint matches how the build publishes
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
	if o.PackBytes <= 0 {
		o.PackBytes = OneDocFile
	}
	if o.MaxText <= 0 {
		o.MaxText = 32 << 10
	}
	if o.Name == nil {
		o.Name = func(name string, _ []byte) string { return name }
	}
}

// OneDocFile is the most bytes of document entries the index puts in one
// file by default, and the size of the packs a bigger site's entries and
// shards are packed into (Options.PackBytes). A page of ten results from
// a bigger site costs a reader about ten small byte ranges of its packs;
// below this size the whole file costs less on any connection, and it is
// cached for every later query.
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
	DocPacks              int // files of document entries
	ShardPacks            int // files of shards
	Files                 int // all files, the manifest included
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
	doc, score int32 // half the memory of int: a big site has millions
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
	w := newIndexWriter(opts, lang, len(docs))
	jurIndex, err := w.jurisdictions(docs)
	if err != nil {
		return nil, err
	}
	if err := w.documents(docs, jurIndex); err != nil {
		return nil, err
	}
	st := &w.idx.Stats
	st.Docs = len(docs)
	// The documents' text is in the packs now; not holding it while the
	// shards are made lowers the build's peak memory (80 MB of text at
	// 10,000 pages).
	docs = nil
	shards := buildShards(terms, postings, opts.MaxShard, oneShard, opts.Workers)
	if err := w.shards(shards); err != nil {
		return nil, err
	}
	if err := w.manifest(); err != nil {
		return nil, err
	}
	st.Terms, st.Shards = len(terms), len(shards)
	st.Postings = countPostings(postings)
	st.Files = len(w.idx.Files)
	return w.idx, nil
}

// countPostings returns how many postings all terms have together.
func countPostings(postings map[string][]posting) int {
	n := 0
	for _, ps := range postings {
		n += len(ps)
	}
	return n
}

// indexWriter assembles an index's files and manifest, phase by phase:
// jurisdictions, document packs, shard packs, then the manifest.
type indexWriter struct {
	opts     Options
	idx      *Index
	m        manifest
	packTags []string // the name tag of each pack, by number
}

// newIndexWriter starts the index of docs documents in lang, its manifest
// holding what search.js needs to read queries as the index does.
func newIndexWriter(opts Options, lang *Language, docs int) *indexWriter {
	return &indexWriter{opts: opts, idx: &Index{Files: map[string][]byte{}}, m: manifest{
		Version: manifestVersion, Docs: docs, Lang: lang.Code(), Stem: lang.Stemmer(),
		Stop: strings.Join(lang.StopWords(), " "), Fold: FoldTable(), MinPrefix: MinPrefix,
		Shards: map[string][3]int{}, Files: []string{}, Jurisdictions: []manifestJurisdiction{}, DocPacks: []int{},
	}}
}

// add stores a file of the index and returns its name tag.
func (w *indexWriter) add(stem, ext string, data []byte) (string, error) {
	w.idx.Files[stem+ext] = data
	w.idx.Stats.Bytes += len(data)
	return nameTag(stem, ext, w.opts.Name(stem+ext, data))
}

// addPack stores the next pack file, p/<n>.gpack.
func (w *indexWriter) addPack(data []byte) error {
	tag, err := w.add("p/"+strconv.Itoa(len(w.packTags)), packExt, data)
	w.packTags = append(w.packTags, tag)
	return err
}

// jurisdictions writes each jurisdiction's document list, j/<slug>.json,
// and returns the jurisdictions' numbers by slug.
func (w *indexWriter) jurisdictions(docs []Doc) (map[string]int, error) {
	jurs, jurIndex := jurisdictions(docs)
	for _, j := range jurs {
		data, err := encodeDeltas(j.docs)
		if err != nil {
			return nil, err
		}
		stem := "j/" + fileKey(j.Slug)
		name, err := w.add(stem, ".json", data)
		if err != nil {
			return nil, err
		}
		w.m.Jurisdictions = append(w.m.Jurisdictions, manifestJurisdiction{Name: j.Name, Slug: j.Slug, File: resolveTag(stem, ".json", name)})
	}
	return jurIndex, nil
}

// documents writes the document entries, encoded and compressed in
// parallel, in id order. A site whose entries' gzip members fit in one
// pack together gets one pack, a gzip member of the JSON array of them
// all, and no lens (see onePack). A bigger site's entries are gzip
// members of their own, each padded to a whole number of units of
// lensUnit bytes, packed into packs of at most PackBytes, and the
// manifest's lens gives each member's length in units.
func (w *indexWriter) documents(docs []Doc, jurIndex map[string]int) error {
	entries := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	parallel.ForUpTo(len(docs), w.opts.Workers, func(id int) {
		d := &docs[id]
		e := docEntry{URL: d.URL, Title: d.Title, Context: d.Context, Summary: d.Summary, Sections: docSections(d, w.opts.MaxText)}
		for _, j := range d.Jurisdictions {
			if i, ok := jurIndex[j.Slug]; ok && !containsInt(e.Jurisdictions, i) {
				e.Jurisdictions = append(e.Jurisdictions, i)
			}
		}
		entries[id], errs[id] = marshal(e)
	})
	for id, err := range errs {
		if err != nil {
			return fmt.Errorf("search: encode %s: %w", docs[id].URL, err)
		}
	}
	w.m.LensUnit = 1
	members, err := gzipAll(entries, w.opts.Workers)
	if err != nil {
		return err
	}
	if one, err := onePack(entries, members, w.opts.PackBytes); err != nil || one != nil {
		if err != nil || len(entries) == 0 {
			return err
		}
		w.m.DocPacks = append(w.m.DocPacks, len(entries))
		w.idx.Stats.DocPacks = 1
		return w.addPack(one)
	}
	unit := lensUnit(members)
	for i, m := range members {
		members[i] = padMember(m, unit)
	}
	w.m.LensUnit = unit
	docPacks := packMembers(members, w.opts.PackBytes)
	for _, p := range docPacks {
		if err := w.addPack(p.data); err != nil {
			return err
		}
		w.m.DocPacks = append(w.m.DocPacks, len(p.lens))
	}
	w.idx.Stats.DocPacks = len(docPacks)
	var lens []byte
	for _, p := range docPacks {
		for _, n := range p.lens {
			lens = appendVarint(lens, n/unit)
		}
	}
	w.m.Lens = string(lens)
	return nil
}

// onePack returns the one document pack of a small site — a gzip member
// of the JSON array of all entries, which its reader loads whole — when
// the entries' members together fit in one pack of size bytes (the array
// compresses better still); nil when they do not.
func onePack(entries, members [][]byte, size int) ([]byte, error) {
	total := 0
	for _, m := range members {
		total += len(m)
	}
	if total > size {
		return nil, nil
	}
	if len(entries) == 0 {
		return []byte{}, nil
	}
	array := append([]byte{'['}, bytes.Join(entries, []byte{','})...)
	return gzipMember(append(array, ']'))
}

// gzipAll compresses each of entries as a gzip member of its own, on up
// to workers goroutines.
func gzipAll(entries [][]byte, workers int) ([][]byte, error) {
	members := make([][]byte, len(entries))
	errs := make([]error, len(entries))
	parallel.ForUpTo(len(entries), workers, func(i int) { members[i], errs[i] = gzipMember(entries[i]) })
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return members, nil
}

// shards packs the shards after the documents, each a gzip member of its
// own, recording where each one is in the manifest: [pack, first byte,
// length].
func (w *indexWriter) shards(shards []shard) error {
	shardData := make([][]byte, len(shards))
	for i, sh := range shards {
		shardData[i] = sh.data
		w.idx.Stats.LargestShard = max(w.idx.Stats.LargestShard, len(sh.data))
	}
	members, err := gzipAll(shardData, w.opts.Workers)
	if err != nil {
		return err
	}
	shardPacks := packMembers(members, w.opts.PackBytes)
	i := 0
	for _, p := range shardPacks {
		n := len(w.packTags)
		if err := w.addPack(p.data); err != nil {
			return err
		}
		off := 0
		for _, l := range p.lens {
			w.m.Shards[shards[i].key] = [3]int{n, off, l}
			off += l
			i++
		}
	}
	w.idx.Stats.ShardPacks = len(shardPacks)
	return nil
}

// manifest writes the manifest, which names every pack.
func (w *indexWriter) manifest() error {
	w.m.setFileTags(w.packTags)
	data, err := marshal(w.m)
	if err != nil {
		return err
	}
	w.idx.Files[ManifestName] = data
	w.idx.Stats.Bytes += len(data)
	w.idx.Stats.ManifestBytes = len(data)
	return nil
}

// lensUnit returns the unit the lens counts members' lengths in:
// the smallest power of two that makes the median member at most 16
// units, so that most members' lengths take one posting digit (less
// than 32 units). The lens costs about a byte a document, where
// lengths in bytes took two or three; a result's range carries up to a
// unit and one byte of padding (see padMember).
func lensUnit(members [][]byte) int {
	if len(members) == 0 {
		return 1
	}
	lens := make([]int, len(members))
	for i, e := range members {
		lens[i] = len(e)
	}
	sort.Ints(lens)
	unit := 1
	for unit*16 < lens[len(lens)/2] && unit < 1<<12 {
		unit *= 2
	}
	return unit
}

// pack is a pack file and the length in bytes of each entry in it: the
// JSON array of a run of entries (packEntries: entry k starts at byte
// 1 + Σ (lens[i]+1) for i < k), or their gzip members one after the
// other (packMembers: member k starts at byte Σ lens[i] for i < k), so
// that a reader can fetch an entry alone as a range.
type pack struct {
	data []byte
	lens []int
}

// packEntries packs encoded entries, in order, into packs of at most
// size bytes each; an entry bigger than that gets a pack of its own.
func packEntries(entries [][]byte, size int) []pack {
	var out []pack
	var cur pack
	for _, e := range entries {
		if len(cur.lens) > 0 && len(cur.data)+len(e)+2 > size {
			cur.data = append(cur.data, ']')
			out = append(out, cur)
			cur = pack{}
		}
		if len(cur.lens) == 0 {
			cur.data = make([]byte, 0, size)
			cur.data = append(cur.data, '[')
		} else {
			cur.data = append(cur.data, ',')
		}
		cur.data = append(cur.data, e...)
		cur.lens = append(cur.lens, len(e))
	}
	if len(cur.lens) > 0 {
		cur.data = append(cur.data, ']')
		out = append(out, cur)
	}
	return out
}

// packMembers packs gzip members, in order, into packs of at most size
// bytes each; a member bigger than that gets a pack of its own.
func packMembers(members [][]byte, size int) []pack {
	var out []pack
	var cur pack
	for _, m := range members {
		if len(cur.lens) > 0 && len(cur.data)+len(m) > size {
			out = append(out, cur)
			cur = pack{}
		}
		if len(cur.lens) == 0 {
			cur.data = make([]byte, 0, max(size, len(m)))
		}
		cur.data = append(cur.data, m...)
		cur.lens = append(cur.lens, len(m))
	}
	if len(cur.lens) > 0 {
		out = append(out, cur)
	}
	return out
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
	counted := countTerms(docs, lang, workers)
	avg := averageLength(counted)
	nums := numberTerms(counted)
	lists := allocPostings(nums.df)
	for i := range counted {
		dt := &counted[i]
		norm := lengthNorm(dt.length, avg)
		boost := docs[i].Boost
		if boost <= 0 {
			boost = 1
		}
		for k, id := range nums.docs[i] {
			lists[id] = append(lists[id], posting{doc: int32(i), score: int32(termScore(dt.weights[k], norm, boost))})
		}
	}
	return postingsByTerm(nums.ids, lists)
}

// countTerms counts each document's terms, by id, on up to workers
// goroutines (0: one per core), each with a counter of its own.
func countTerms(docs []Doc, lang *Language, workers int) []docTerms {
	counted := make([]docTerms, len(docs))
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	parallel.Workers(len(docs), workers, func() func(int) {
		c := newTermCounter(lang)
		return func(i int) { counted[i] = c.count(&docs[i]) }
	})
	return counted
}

// termCounter counts the terms of one document at a time, each weighted
// by the field it is in. It remembers the terms of the words it has seen
// (see termCache), so one goroutine uses a counter at a time.
type termCounter struct {
	lang   *Language
	cache  termCache
	tf     map[string]float64 // the document's weighted count of each term
	n      int                // the document's terms in all
	weight float64            // the weight of the field being counted
	add    func(term string)  // counts one term of that field
}

func newTermCounter(lang *Language) *termCounter {
	c := &termCounter{lang: lang, cache: termCache{}, tf: map[string]float64{}}
	c.add = func(t string) { c.tf[t] += c.weight; c.n++ }
	return c
}

// addText counts the terms of text, each weighing w.
func (c *termCounter) addText(text string, w float64) {
	c.weight = w
	c.cache.eachTerm(c.lang, text, c.add)
}

// count returns d's distinct terms with their counts weighted by field:
// title, summary and keywords, then each section's heading and text.
func (c *termCounter) count(d *Doc) docTerms {
	clear(c.tf)
	c.n = 0
	c.addText(d.Title, titleWeight)
	c.addText(d.Summary, summaryWeight)
	for _, k := range d.Keywords {
		c.addText(k, summaryWeight)
	}
	for _, s := range d.Sections {
		c.addText(s.Heading, headingWeight)
		c.addText(s.Text, bodyWeight)
	}
	dt := docTerms{terms: make([]string, 0, len(c.tf)), weights: make([]float64, 0, len(c.tf)), length: c.n}
	for t, f := range c.tf {
		dt.terms = append(dt.terms, t)
		dt.weights = append(dt.weights, f)
	}
	return dt
}

// averageLength is BM25's average document length: the mean of the
// documents' term counts, or 1 when there are no documents or no terms.
func averageLength(counted []docTerms) float64 {
	total := 0.0
	for i := range counted {
		total += float64(counted[i].length)
	}
	avg := 1.0
	if len(counted) > 0 && total > 0 {
		avg = total / float64(len(counted))
	}
	return avg
}

// termNumbers number the terms in order of first use and count their
// documents, so each term's postings are allocated once, at their final
// size.
type termNumbers struct {
	ids  map[string]int32 // each term's number
	df   []int            // by number, how many documents have the term
	docs [][]int32        // by document id, the numbers of its docTerms.terms
}

// numberTerms numbers the terms of the counted documents, in id order.
func numberTerms(counted []docTerms) termNumbers {
	nums := termNumbers{ids: map[string]int32{}, docs: make([][]int32, len(counted))}
	for i := range counted {
		dt := &counted[i]
		tids := make([]int32, len(dt.terms))
		for k, t := range dt.terms {
			id, ok := nums.ids[t]
			if !ok {
				id = int32(len(nums.df))
				nums.ids[t] = id
				nums.df = append(nums.df, 0)
			}
			nums.df[id]++
			tids[k] = id
		}
		nums.docs[i] = tids
		dt.terms = nil // numbered: the strings need not be held per document
	}
	return nums
}

// allocPostings returns an empty postings list for each term number,
// with room for as many postings as df gives it, all in one allocation.
func allocPostings(df []int) [][]posting {
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
	return lists
}

// lengthNorm is BM25's length normalization of a document of length
// terms, where documents average avg: k1 · (1 − b + b · length / avg).
func lengthNorm(length int, avg float64) float64 {
	return bm25K1 * (1 - bm25B + bm25B*float64(length)/avg)
}

// termScore is the score a posting stores for a term of weighted count f
// in a document of length normalization norm and boost: BM25's
// term-frequency part, boosted and scaled by scoreScale, at least 1.
func termScore(f, norm, boost float64) int {
	s := int(math.Round(scoreScale * boost * f * (bm25K1 + 1) / (f + norm)))
	return max(s, 1)
}

// postingsByTerm maps each term to its postings list, by its number,
// and returns the map with the sorted list of terms.
func postingsByTerm(ids map[string]int32, lists [][]posting) (map[string][]posting, []string) {
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
