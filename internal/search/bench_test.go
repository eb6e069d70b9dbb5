package search

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// syntheticDocs makes n documents of about 350 words drawn from a Zipf
// distribution over a 6,000-word vocabulary, like a large knowledge base.
func syntheticDocs(n int) []Doc {
	prose := testsite.NewProse(42, 7, []string{"whatsapp", "consent", "patient", "telemedicine", "encryption", "privacy", "hipaa", "gdpr", "record", "clinic", "message", "image", "policy", "breach", "safeguard", "regulator", "jurisdiction", "provider", "practice", "device"})
	rng, words := prose.Rand, prose.Words
	jurs := []Jurisdiction{{"United States", "united-states"}, {"European Union", "european-union"}, {"United Kingdom", "united-kingdom"}, {"India", "india"}, {"Brazil", "brazil"}, {"Australia", "australia"}, {"Canada", "canada"}, {"South Africa", "south-africa"}, {"International", "international"}}
	docs := make([]Doc, n)
	for i := range docs {
		d := Doc{URL: fmt.Sprintf("/kb/section-%03d/page-%05d/", i%100, i), Title: words(3 + rng.IntN(5)), Summary: words(15)}
		for range 1 + rng.IntN(2) {
			d.Jurisdictions = append(d.Jurisdictions, jurs[rng.IntN(len(jurs))])
		}
		d.Sections = append(d.Sections, Section{Text: words(60)})
		for s := range 4 {
			d.Sections = append(d.Sections, Section{Heading: words(2 + rng.IntN(3)), Anchor: fmt.Sprintf("s%d", s), Text: words(70)})
		}
		docs[i] = d
	}
	return docs
}

// queryBytes is what a browser downloads to answer q from a cold cache:
// the manifest, its terms' shards, then the metadata and text of the first
// ten results.
// It also returns the bytes gzip makes of them, as most static hosts send.
func queryBytes(t *testing.T, idx *Index, q string) (bytes, gzipped, results int) {
	r := newPublishedReader(t, publish(idx, fingerprint))
	ids := r.searchIDs(q)
	for _, id := range ids[:min(10, len(ids))] {
		r.fragment(id)
	}
	for name := range r.read {
		var buf countWriter
		zw := gzip.NewWriter(&buf)
		zw.Write(r.files[name])
		zw.Close()
		gzipped += int(buf)
	}
	return r.bytes, gzipped, len(ids)
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// fingerprint names files as layout.Fingerprint does, so the manifest has
// its published size.
func fingerprint(name string, data []byte) string {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
}

// BenchmarkBuild10k indexes 10,000 generated documents (their sections
// already extracted) and logs what queries transfer from a cold cache.
func BenchmarkBuild10k(b *testing.B) {
	docs := syntheticDocs(10000)
	var idx *Index
	for b.Loop() {
		var err error
		if idx, err = Build(docs, Options{Name: fingerprint}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(idx.Stats.Bytes)/(1<<20), "index-MiB")
	b.ReportMetric(float64(idx.Stats.ManifestBytes)/(1<<10), "manifest-KiB")
	b.ReportMetric(float64(idx.Stats.LargestShard)/(1<<10), "largest-shard-KiB")
	b.ReportMetric(float64(idx.Stats.Shards), "shards")
	byFolder := map[string]int{}
	for name, data := range idx.Files {
		byFolder[path.Dir(name)] += len(data)
	}
	b.Logf("%d documents, %d terms, %d postings; bytes by folder: %v", idx.Stats.Docs, idx.Stats.Terms, idx.Stats.Postings, byFolder)
	t := &testing.T{}
	for _, q := range []string{"patient consent", "whatsapp", "encryption policy breach", "kalo"} {
		n, gz, results := queryBytes(t, idx, q)
		b.Logf("query %q: %d results, %d KiB (%d KiB gzipped) from a cold cache", q, results, n>>10, gz>>10)
	}
}

// BenchmarkSections10k extracts the sections of 10,000 pages of rendered
// HTML, one after the other (Docs spreads pages over all cores).
func BenchmarkSections10k(b *testing.B) {
	docs := syntheticDocs(10000)
	pages := make([][]byte, len(docs))
	for i, d := range docs {
		var s strings.Builder
		for _, sec := range d.Sections {
			if sec.Heading != "" {
				fmt.Fprintf(&s, "<h2 id=\"%s\">%s <a class=\"heading-anchor\" href=\"#%s\" aria-label=\"Link\">#</a></h2>\n", sec.Anchor, sec.Heading, sec.Anchor)
			}
			words := strings.Fields(sec.Text)
			half := len(words) / 2
			fmt.Fprintf(&s, "<p>%s <em>%s</em> &amp; <code>x</code></p>\n<ul>\n<li>%s</li>\n</ul>\n", strings.Join(words[:half], " "), words[half], strings.Join(words[half+1:], " "))
		}
		pages[i] = []byte(s.String())
	}
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			Sections(p)
		}
	}
}

// chineseDocs is syntheticDocs written in Chinese: the same pages, each
// word replaced by a word of two (sometimes three) Han characters, always
// the same for the same English word, with no spaces between words and a
// comma or full stop after some of them, as Chinese is written.
func chineseDocs(n int) []Doc {
	docs := syntheticDocs(n)
	words := map[string]string{}
	han := func(w string) string {
		if c, ok := words[w]; ok {
			return c
		}
		sum := sha256.Sum256([]byte(w))
		var b strings.Builder
		for i := range 2 + int(sum[0]%4)/3 {
			// one of the first 3,500 characters of the CJK block
			b.WriteRune(rune(0x4E00 + (int(sum[1+2*i])<<8|int(sum[2+2*i]))%3500))
		}
		words[w] = b.String()
		return words[w]
	}
	text := func(s string) string {
		var b strings.Builder
		for i, w := range strings.Fields(s) {
			b.WriteString(han(w))
			switch {
			case i%15 == 14:
				b.WriteString("。")
			case i%7 == 6:
				b.WriteString("，")
			}
		}
		return b.String()
	}
	for i := range docs {
		d := &docs[i]
		d.Title, d.Summary = text(d.Title), text(d.Summary)
		for s := range d.Sections {
			d.Sections[s].Heading = text(d.Sections[s].Heading)
			d.Sections[s].Text = text(d.Sections[s].Text)
		}
	}
	return docs
}

// BenchmarkIndexByLanguage indexes the same 10,000 generated pages in
// English and in Chinese (chineseDocs) and reports each index's size, for
// docs/benchmarks.md:
//
//	go test -run '^$' -bench IndexByLanguage -benchtime 1x ./internal/search
func BenchmarkIndexByLanguage(b *testing.B) {
	for _, lang := range []string{"en", "zh"} {
		b.Run(lang, func(b *testing.B) {
			docs := syntheticDocs(10000)
			if lang == "zh" {
				docs = chineseDocs(10000)
			}
			var idx *Index
			for b.Loop() {
				var err error
				if idx, err = Build(docs, Options{Name: fingerprint, Language: lang}); err != nil {
					b.Fatal(err)
				}
			}
			var gz countWriter
			byFolder := map[string]int{}
			for name, data := range idx.Files {
				byFolder[path.Dir(name)] += len(data)
				zw := gzip.NewWriter(&gz)
				zw.Write(data)
				zw.Close()
			}
			b.ReportMetric(float64(idx.Stats.Bytes)/(1<<20), "index-MiB")
			b.ReportMetric(float64(gz)/(1<<20), "gzipped-MiB")
			b.ReportMetric(float64(len(idx.Files)), "files")
			b.ReportMetric(float64(idx.Stats.Terms), "terms")
			b.ReportMetric(float64(idx.Stats.Shards), "shards")
			b.Logf("%s: %d documents, %d terms, %d postings, %d shards; %d files: %d packs of documents, %d of shards (manifest %d KiB, largest shard %d KiB); bytes by folder: %v", lang, idx.Stats.Docs, idx.Stats.Terms, idx.Stats.Postings, idx.Stats.Shards, len(idx.Files), idx.Stats.DocPacks, idx.Stats.ShardPacks, idx.Stats.ManifestBytes>>10, idx.Stats.LargestShard>>10, byFolder)
		})
	}
}
