package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// filler is neutral text that gives test documents equal lengths.
func filler(n int) string {
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}
	var b strings.Builder
	for i := range n {
		b.WriteString(words[i%len(words)])
		b.WriteByte(' ')
	}
	return b.String()
}

func mustBuild(t *testing.T, docs []Doc, opts Options) *Index {
	t.Helper()
	idx, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestRanking(t *testing.T) {
	body := filler(40)
	docs := []Doc{
		{URL: "/body-once/", Title: "Page one", Sections: []Section{{Text: "consent " + body}}},
		{URL: "/body-thrice/", Title: "Page two", Sections: []Section{{Text: "consent consent consent " + body}}},
		{URL: "/heading/", Title: "Page three", Sections: []Section{{Heading: "Consent", Anchor: "consent", Text: body}}},
		{URL: "/summary/", Title: "Page four", Summary: "About consent.", Sections: []Section{{Text: body}}},
		{URL: "/title/", Title: "Consent", Sections: []Section{{Text: body}}},
		{URL: "/title-and-whatsapp/", Title: "Consent on WhatsApp", Sections: []Section{{Text: body}}},
		{URL: "/unrelated/", Title: "Page five", Sections: []Section{{Text: "whatsapp " + body}}},
	}
	r := newReader(t, mustBuild(t, docs, Options{}))
	tests := []struct {
		query string
		want  []string
	}{
		// Title beats heading beats summary beats body; a body that repeats
		// the word three times still ranks below one heading. The two title
		// matches score the same and keep URL order.
		{"consent", []string{"/title-and-whatsapp/", "/title/", "/heading/", "/summary/", "/body-thrice/", "/body-once/"}},
		{"Consents", []string{"/title-and-whatsapp/", "/title/", "/heading/", "/summary/", "/body-thrice/", "/body-once/"}},
		// Every word must match.
		{"consent whatsapp", []string{"/title-and-whatsapp/"}},
		{"WhatsApp", []string{"/title-and-whatsapp/", "/unrelated/"}},
		{"the", nil}, // a stop word: no terms at all
		{"nowhere", []string{}},
	}
	for _, tt := range tests {
		if got := r.search(tt.query); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("search %q:\n got %q\nwant %q", tt.query, got, tt.want)
		}
	}
}

// TestBoost checks that Boost moves a document up or down the ranking
// for every word, and that zero counts as no boost.
func TestBoost(t *testing.T) {
	body := filler(40)
	page := func(url, heading string, boost float64) Doc {
		return Doc{URL: url, Title: "Page", Boost: boost, Sections: []Section{{Heading: heading, Text: "consent records " + body}}}
	}
	tests := []struct {
		name string
		docs []Doc
		want []string
	}{
		{"no boost: the heading match first", []Doc{page("/a/", "", 0), page("/b/", "Consent", 0)}, []string{"/b/", "/a/"}},
		{"halved: below a body match", []Doc{page("/a/", "", 0), page("/b/", "Consent", 0.5)}, []string{"/a/", "/b/"}},
		{"doubled: above a heading match", []Doc{page("/a/", "", 2), page("/b/", "Consent", 1)}, []string{"/a/", "/b/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newReader(t, mustBuild(t, tt.docs, Options{}))
			if got := r.search("consent"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("search consent: %q, want %q", got, tt.want)
			}
		})
	}
}

// TestKeywords checks that a page's keywords find it and rank it as its
// summary would, and that results do not show them.
func TestKeywords(t *testing.T) {
	body := filler(40)
	docs := []Doc{
		{URL: "/body/", Title: "Page one", Sections: []Section{{Text: "consent " + body}}},
		{URL: "/keyword/", Title: "Page two", Keywords: []string{"Consent", "records"}, Sections: []Section{{Text: body}}},
		{URL: "/summary/", Title: "Page three", Summary: "About consent.", Sections: []Section{{Text: body}}},
	}
	r := newReader(t, mustBuild(t, docs, Options{}))
	if got, want := r.search("consent"), []string{"/keyword/", "/summary/", "/body/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("search consent: %q, want %q (a keyword counts as the summary does; equal scores keep URL order)", got, want)
	}
	if got, want := r.search("records"), []string{"/keyword/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("search records: %q, want %q", got, want)
	}
	if m := r.meta(1); strings.Contains(fmt.Sprint(m), "records") {
		t.Errorf("the document file shows the keywords: %+v", m)
	}
}

func TestShardsSplitByPrefix(t *testing.T) {
	// Many terms sharing prefixes, and small shards, force splits to three
	// and four runes.
	var docs []Doc
	rng := rand.New(rand.NewPCG(1, 2))
	stems := []string{"con", "cons", "consu", "cov", "data", "dpia", "ç", "ελλ"}
	var all []string
	for i := range 60 {
		var words []string
		for range 12 {
			w := stems[rng.IntN(len(stems))] + fmt.Sprintf("x%dq", rng.IntN(40))
			words = append(words, w)
		}
		all = append(all, words...)
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%02d/", i), Title: "Page", Sections: []Section{{Text: strings.Join(words, " ")}}})
	}
	const maxShard = 300
	idx := mustBuild(t, docs, Options{MaxShard: maxShard})
	r := newReader(t, idx)

	deepest := 0
	seen := map[string]string{} // term → shard key
	for key := range r.m.Shards {
		deepest = max(deepest, len([]rune(key)))
		data := r.shardBytes(key)
		sh := r.shard(key)
		if len(data) > maxShard && len(sh) > 1 {
			t.Errorf("shard %q is %d bytes with %d terms, over the %d limit", key, len(data), len(sh), maxShard)
		}
		for term := range sh {
			if prev, dup := seen[term]; dup {
				t.Errorf("term %q is in shards %q and %q", term, prev, key)
			}
			seen[term] = key
			if k, _ := r.shardKey(term); k != key {
				t.Errorf("term %q is in shard %q but a lookup finds shard %q", term, key, k)
			}
		}
	}
	if deepest < 4 {
		t.Errorf("deepest shard key has %d runes; the test wants splits to at least 4", deepest)
	}
	for _, w := range all {
		term := Terms(w)[0]
		if _, ok := seen[term]; !ok {
			t.Errorf("term %q of the documents is in no shard", term)
		}
	}
	// A partial word finds every term it begins in the shards search.js loads.
	for _, p := range []string{"con", "cons", "consu", "cov", "ελλx"} {
		want := map[string]bool{}
		for term := range seen {
			if strings.HasPrefix(term, p) {
				want[term] = true
			}
		}
		got := map[string]bool{}
		for _, k := range r.prefixKeys(p) {
			for term := range r.shard(k) {
				if strings.HasPrefix(term, p) {
					got[term] = true
				}
			}
		}
		if len(want) == 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("prefix %q: shards %q give %d terms, want %d", p, r.prefixKeys(p), len(got), len(want))
		}
	}
}

func TestDocumentData(t *testing.T) {
	us := Jurisdiction{Name: "United States", Slug: "united-states"}
	eu := Jurisdiction{Name: "European Union", Slug: "european-union"}
	long := strings.Repeat("é", 40) // 80 bytes
	docs := []Doc{
		{URL: "/a/", Title: "A", Summary: "Sum A", Jurisdictions: []Jurisdiction{us, eu, us}, Sections: []Section{
			{Text: "Intro."}, {Heading: "Rules", Anchor: "rules", Text: "Rule text."},
		}},
		{URL: "/b/", Title: "B", Jurisdictions: []Jurisdiction{eu}},
		{URL: "/c/", Title: "C", Sections: []Section{{Heading: "Long", Anchor: "long", Text: long}, {Heading: "Cut", Text: "yz"}, {Heading: "Dropped", Text: "w"}}},
		{URL: "/d/", Title: "D", Jurisdictions: []Jurisdiction{us}},
		{URL: "/e/", Title: "E"},
	}
	r := newReader(t, mustBuild(t, docs, Options{PackBytes: 150, MaxText: 71}))

	if r.m.Docs != 5 || len(r.m.DocPacks) < 2 {
		t.Errorf("manifest: %d docs in packs of %v, want 5 in several packs", r.m.Docs, r.m.DocPacks)
	}
	var names []string
	for _, j := range r.m.Jurisdictions {
		names = append(names, j.Name)
	}
	if want := []string{"European Union", "United States"}; !reflect.DeepEqual(names, want) {
		t.Errorf("jurisdictions %q, want %q (by name)", names, want)
	}
	if got := r.jurisdictionDocs("united-states"); !reflect.DeepEqual(got, []int{0, 3}) {
		t.Errorf("united-states docs %v, want [0 3]", got)
	}
	if got := r.jurisdictionDocs("european-union"); !reflect.DeepEqual(got, []int{0, 1}) {
		t.Errorf("european-union docs %v, want [0 1]", got)
	}

	a := r.meta(0)
	if a.URL != "/a/" || a.Title != "A" || a.Summary != "Sum A" || !reflect.DeepEqual(a.Jurisdictions, []int{1, 0}) {
		t.Errorf("meta of /a/ = %+v, want its URL, title, summary and jurisdictions [1 0] without the repeat", a)
	}
	if d := r.meta(3); d.URL != "/d/" {
		t.Errorf("meta(3) is %s, want /d/", d.URL)
	}
	wantA := [][3]string{{"", "", "Intro."}, {"Rules", "rules", "Rule text."}}
	if got := r.fragment(0); !reflect.DeepEqual(got, wantA) {
		t.Errorf("fragment of /a/ = %q, want %q", got, wantA)
	}
	// MaxText cuts at a rune boundary, then drops what no longer fits.
	wantC := [][3]string{{"Long", "long", strings.Repeat("é", 35)}, {"Cut", "", "y"}}
	if got := r.fragment(2); !reflect.DeepEqual(got, wantC) {
		t.Errorf("fragment of /c/ = %q, want %q", got, wantC)
	}
}

// TestDocumentPacksBySize checks how documents are packed by default:
// all in one file while their entries' gzip members fit in OneDocFile
// bytes, so a small site's reader loads them once, else as gzip members
// in packs of at most that size (or as asked), which a reader reads entry
// by entry with the manifest's lens.
func TestDocumentPacksBySize(t *testing.T) {
	docsOf := func(n, textBytes int) []Doc {
		rnd := rand.New(rand.NewPCG(uint64(n), uint64(textBytes)))
		docs := make([]Doc, n)
		for i := range docs {
			var text []byte
			for len(text) < textBytes {
				text = fmt.Appendf(text, "w%d ", rnd.IntN(5000)) // text that compresses about as prose does
			}
			docs[i] = Doc{URL: fmt.Sprintf("/p%04d/", i), Title: "Page", Sections: []Section{{Text: string(text)}}}
		}
		return docs
	}
	tests := []struct {
		name      string
		docs      []Doc
		opts      Options
		wantPacks [2]int // at least, at most
		wantLens  bool
	}{
		{"small site: one file", docsOf(40, 3000), Options{}, [2]int{1, 1}, false},
		{"one document", docsOf(1, 100), Options{}, [2]int{1, 1}, false},
		{"over the limit before compression, under it after: one file", docsOf(70, 3000), Options{}, [2]int{1, 1}, false},
		{"over the limit: members, in packs", docsOf(400, 3000), Options{}, [2]int{2, 4}, true},
		{"asked for", docsOf(40, 3000), Options{PackBytes: 10000}, [2]int{5, 12}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := mustBuild(t, tt.docs, tt.opts)
			r := newReader(t, idx)
			limit := tt.opts.PackBytes
			if limit == 0 {
				limit = OneDocFile
			}
			for n := range r.m.DocPacks {
				if size := len(idx.Files[r.packFile(n)]); size > limit {
					t.Errorf("pack %d is %d bytes, over %d", n, size, limit)
				}
			}
			if n := len(r.m.DocPacks); n < tt.wantPacks[0] || n > tt.wantPacks[1] || (r.m.Lens != "") != tt.wantLens {
				t.Errorf("%d packs %v, lens %q; want %d to %d, a lens %v", n, r.m.DocPacks, r.m.Lens, tt.wantPacks[0], tt.wantPacks[1], tt.wantLens)
			}
			for _, id := range []int{0, len(tt.docs) / 2, len(tt.docs) - 1} {
				if got := r.meta(id).URL; got != tt.docs[id].URL {
					t.Errorf("document %d reads as %s, want %s", id, got, tt.docs[id].URL)
				}
			}
		})
	}
}

// TestShardsBySize checks how terms are sharded by default: in one shard
// while their postings fit in OneShardFile bytes, split by prefix past it,
// and split as asked when MaxShard is set.
func TestShardsBySize(t *testing.T) {
	docsOf := func(n int) []Doc {
		docs := make([]Doc, n)
		for i := range docs {
			var words []string
			for w := range 10 {
				words = append(words, fmt.Sprintf("w%06d", i*10+w)) // each word once in the site
			}
			docs[i] = Doc{URL: fmt.Sprintf("/p%04d/", i), Title: "Page", Sections: []Section{{Text: strings.Join(words, " ")}}}
		}
		return docs
	}
	tests := []struct {
		name     string
		docs     []Doc
		opts     Options
		wantOne  bool
		maxBytes int
	}{
		{"small site: one shard", docsOf(200), Options{}, true, OneShardFile},
		{"bigger: split", docsOf(1000), Options{}, false, 32 << 10},
		{"asked for", docsOf(200), Options{MaxShard: 4 << 10}, false, 4 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := mustBuild(t, tt.docs, tt.opts)
			r := newReader(t, idx)
			_, one := r.m.Shards[""]
			if one != tt.wantOne || (one && len(r.m.Shards) != 1) {
				t.Errorf("%d shards, one of all terms: %v; want one of all terms: %v", len(r.m.Shards), one, tt.wantOne)
			}
			for key := range r.m.Shards {
				if n := len(r.shardBytes(key)); n > tt.maxBytes && len(r.shard(key)) > 1 {
					t.Errorf("shard %q is %d bytes, over %d", key, n, tt.maxBytes)
				}
			}
			last := fmt.Sprintf("w%06d", len(tt.docs)*10-1)
			if got := r.search(last); len(got) != 1 || got[0] != tt.docs[len(tt.docs)-1].URL {
				t.Errorf("search %s: %v, want the last page", last, got)
			}
		})
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	docs := []Doc{
		{URL: "/x/", Title: "X ray", Jurisdictions: []Jurisdiction{{"India", "india"}}, Sections: []Section{{Text: "scan images securely"}}},
		{URL: "/a/", Title: "Alpha", Summary: "images", Sections: []Section{{Heading: "Scans", Anchor: "scans", Text: "secure imaging"}}},
		{URL: "/m/", Title: "Middle", Jurisdictions: []Jurisdiction{{"Brazil", "brazil"}, {"India", "india"}}},
	}
	first := mustBuild(t, docs, Options{PackBytes: 150})
	for i := range 5 {
		shuffled := append([]Doc(nil), docs...)
		rand.New(rand.NewPCG(uint64(i), 9)).Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
		again := mustBuild(t, shuffled, Options{PackBytes: 150})
		if !reflect.DeepEqual(first.Files, again.Files) {
			t.Fatalf("index differs when documents come in another order")
		}
	}
	golden(t, "index/small.golden", dump(first))
}

// dump lists an index's files by name with their content: a pack's
// gzip members one by one, each with its length, decompressed.
func dump(idx *Index) []byte {
	names := make([]string, 0, len(idx.Files))
	for n := range idx.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		data := idx.Files[n]
		if !strings.HasSuffix(n, packExt) {
			fmt.Fprintf(&b, "-- %s --\n%s\n", n, data)
			continue
		}
		fmt.Fprintf(&b, "-- %s (%d bytes) --\n", n, len(data))
		members, err := gunzipMembers(data)
		if err != nil {
			fmt.Fprintf(&b, "%v\n", err)
		}
		for _, m := range members {
			fmt.Fprintf(&b, "gzip member: %s\n", m)
		}
	}
	return b.Bytes()
}

// TestManifestUsesPublishedNames publishes an index under the names
// Options.Name gives and expects the manifest to lead to every file by
// them: a fingerprint inserted before the extension, a folder in front,
// the names kept.
func TestManifestUsesPublishedNames(t *testing.T) {
	docs := []Doc{
		{URL: "/a/", Title: "Consent", Jurisdictions: []Jurisdiction{{"India", "india"}}},
		{URL: "/b/", Title: "日本 consent", Jurisdictions: []Jurisdiction{{"Ünïcode", "ü"}}},
		{URL: "/c/", Title: "Unrelated"},
	}
	tests := []struct {
		name string
		fn   func(name string, data []byte) string
	}{
		{"fingerprint", func(name string, data []byte) string {
			ext := path.Ext(name)
			return strings.TrimSuffix(name, ext) + fmt.Sprintf(".%04x", len(data)) + ext
		}},
		{"folder", func(name string, data []byte) string { return "v" + fmt.Sprint(len(data)) + "/" + name }},
		{"kept", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := mustBuild(t, docs, Options{PackBytes: 100, Name: tt.fn})
			published := idx.Files
			if tt.fn != nil {
				published = publish(idx, tt.fn)
			}
			var m manifest
			if err := json.Unmarshal(published[ManifestName], &m); err != nil {
				t.Fatal(err)
			}
			r := &reader{t: t, m: m}
			var refs []string
			for _, j := range m.Jurisdictions {
				refs = append(refs, j.File)
			}
			for n := range r.packs() {
				refs = append(refs, r.packFile(n))
			}
			if m.Lens == "" || len(m.DocPacks) < 2 || r.packs() <= len(m.DocPacks) {
				t.Errorf("packs %v and lens %q: want several document packs, a lens and shard packs", m.DocPacks, m.Lens)
			}
			for _, ref := range refs {
				if _, ok := published[ref]; !ok {
					t.Errorf("the manifest refers to %s, which is not published", ref)
				}
				delete(published, ref)
			}
			delete(published, ManifestName)
			for name := range published {
				t.Errorf("%s is published but the manifest does not lead to it", name)
			}
		})
	}
}

// TestBuildSameOnAnyCores expects the same files whether one goroutine
// builds the index or many share the work.
func TestBuildSameOnAnyCores(t *testing.T) {
	docs := syntheticDocs(300)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first *Index
	for _, procs := range []int{1, 2, 3, 8} {
		runtime.GOMAXPROCS(procs)
		idx := mustBuild(t, docs, Options{MaxShard: 2 << 10})
		if first == nil {
			first = idx
			continue
		}
		if !reflect.DeepEqual(first.Files, idx.Files) {
			t.Errorf("with GOMAXPROCS=%d the index differs from the one built with 1", procs)
		}
		if one := mustBuild(t, docs, Options{MaxShard: 2 << 10, Workers: 1}); !reflect.DeepEqual(first.Files, one.Files) {
			t.Errorf("with GOMAXPROCS=%d and one worker the index differs from the one built with 1", procs)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	tests := [][]posting{
		{{doc: 0, score: 1}},
		{{doc: 0, score: 31}, {doc: 1, score: 32}, {doc: 33, score: 220}},
		{{doc: 5, score: 100}, {doc: 1 << 20, score: 1 << 15}, {doc: 1<<30 + 7, score: 1}},
	}
	for _, ps := range tests {
		enc := encodeTerm("term", ps)
		var m map[string]string
		if err := json.Unmarshal(append(append([]byte{'{'}, enc...), '}'), &m); err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		got, err := decodePostings(m["term"])
		if err != nil || !reflect.DeepEqual(got, ps) {
			t.Errorf("postings %v encode as %s and decode as %v (%v)", ps, enc, got, err)
		}
	}
	for _, bad := range []string{"g", "AB!", "A"} {
		if _, err := decodePostings(bad); err == nil {
			t.Errorf("decodePostings(%q) succeeded, want an error", bad)
		}
	}
}
