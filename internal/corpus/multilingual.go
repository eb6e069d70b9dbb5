package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The "multilingual" shape is one Corpus of short pages written two ways,
// so that the cost of languages: can be read off against the same pages
// without it (issue 14):
//
//   - one language: every page in one content tree under `language: en`,
//     the translations being pages of their own (p00012-es.md);
//   - multilingual: the same files as translations (p00012.es.md) of the
//     English originals, with languages: in guidepost.yaml, so each
//     language has its own home, sections, taxonomies, search index and
//     feed under /CODE/.
//
// The pages, their text and their folders are the same in both; only the
// file names differ, and the multilingual site has each section's and the
// home's _index.md translated (_index.es.md), as a translated site does.

// multiLanguages are the languages of the multilingual shape, in the order
// of their weight; the first is the default. script is the page text's
// word list in smallScripts.
var multiLanguages = []struct {
	code, name string
	script     int
}{
	{"en", "English", 0},
	{"es", "Español", 1},
	{"zh", "中文", 5},
	{"ar", "العربية", 4},
}

// newMultilingualCorpus returns the shape of about n short pages split
// evenly over the languages: n/len(multiLanguages) originals, each with a
// translation into every other language, about thirty originals per
// section.
func newMultilingualCorpus(n int) Corpus {
	originals := max(1, (n+len(multiLanguages)-1)/len(multiLanguages))
	return Corpus{pages: originals, sections: max(10, (originals+29)/30), small: true, langs: len(multiLanguages)}
}

// regularPages is how many regular pages the Corpus has: its originals
// times its languages.
func (c Corpus) regularPages() int { return c.pages * max(1, c.langs) }

// oneLanguageCopy is the multilingual Corpus c written as a site of one
// language.
func (c Corpus) oneLanguageCopy() Corpus {
	c.oneLanguage = true
	return c
}

// langFile is the content path of a file in language j: "s03/p00312.md"
// in the default language, "s03/p00312.es.md" as a translation, and
// "s03/p00312-es.md" in the one-language copy.
func (c Corpus) langFile(file string, j int) string {
	if j == 0 {
		return file
	}
	sep := "."
	if c.oneLanguage {
		sep = "-"
	}
	return strings.TrimSuffix(file, ".md") + sep + multiLanguages[j].code + ".md"
}

// langWords returns n words of language j; Chinese, written without
// spaces.
func langWords(r *rand.Rand, j, n int) string {
	words := smallScripts[multiLanguages[j].script]
	out := make([]string, n)
	for k := range out {
		out[k] = words[r.IntN(len(words))]
	}
	if multiLanguages[j].code == "zh" {
		return strings.Join(out, "")
	}
	return strings.Join(out, " ")
}

// fullStop ends a sentence of language j.
func fullStop(j int) string {
	if multiLanguages[j].code == "zh" {
		return "。"
	}
	return "."
}

// multiPage is original k's page in language j: the small shape's front
// matter and one or two paragraphs in that language's script, and a link
// to the next page of its section in the same language.
func (c Corpus) multiPage(k, j int, l linker) string {
	r := rand.New(rand.NewPCG(uint64(k), uint64(101+j)))
	s, pos := c.section(k)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"%d %s\"\nsummary: \"%s\"\ndate: %d-%02d-%02d\nweight: %d\ntags: [%s]\njurisdictions: [%s]\n---\n",
		k, langWords(r, j, 4), langWords(r, j, 10), 2023+k%3, k%12+1, k%28+1, pos+1, corpusTags[(k+s)%len(corpusTags)], corpusJurisdictions[k%len(corpusJurisdictions)])
	fmt.Fprintf(&b, "%s%s\n", langWords(r, j, 20+r.IntN(40)), fullStop(j))
	if k%2 == 0 {
		fmt.Fprintf(&b, "\n%s%s\n", langWords(r, j, 15+r.IntN(30)), fullStop(j))
	}
	if pos+1 < c.perSection() && k+1 < c.pages {
		self := c.langFile(c.pagePath(k), j)
		fmt.Fprintf(&b, "\n[%s](%s)\n", langWords(r, j, 2), l.page(self, c.langFile(c.pagePath(k+1), j), ""))
	}
	return b.String()
}

// writeMultiContent writes the content/ folder of the multilingual shape:
// every original and its translations, and the home's and sections'
// _index.md (translated in the multilingual site).
func (c Corpus) writeMultiContent(dir string, l linker) error {
	indexLangs := len(multiLanguages)
	if c.oneLanguage {
		indexLangs = 1
	}
	for j := range indexLangs {
		home := c.langFile("_index.md", j)
		data := fmt.Sprintf("---\ntitle: \"%s\"\nsummary: \"%s\"\n---\n[%s](%s)\n",
			multiLanguages[j].name, multiLanguages[j].name, multiLanguages[j].name, l.page(home, c.langFile("s00/_index.md", j), ""))
		if err := writeFile(dir, "content/"+home, data); err != nil {
			return err
		}
		for s := range c.sections {
			data := fmt.Sprintf("---\ntitle: \"%d %s\"\nweight: %d\n---\n", s, multiLanguages[j].name, s+1)
			if err := writeFile(dir, "content/"+c.langFile(fmt.Sprintf("s%02d/_index.md", s), j), data); err != nil {
				return err
			}
		}
	}
	for k := range c.pages {
		for j := range multiLanguages {
			if err := writeFile(dir, "content/"+c.langFile(c.pagePath(k), j), c.multiPage(k, j, l)); err != nil {
				return err
			}
		}
	}
	return nil
}

// guidepostLanguages is the languages: block of the multilingual site's
// guidepost.yaml.
func guidepostLanguages() string {
	var b strings.Builder
	b.WriteString("languages:\n")
	for i, l := range multiLanguages {
		fmt.Fprintf(&b, "  %s: {name: %s, weight: %d}\n", l.code, l.name, i+1)
	}
	return b.String()
}

// hugoLanguages turns the Hugo twin's configuration into the multilingual
// site's: the default language, and a [languages.CODE] table per
// language (translations by file name suffix, Hugo's default).
func hugoLanguages(config string) string {
	var b strings.Builder
	b.WriteString("defaultContentLanguage = \"en\"\n")
	b.WriteString(config)
	for i, l := range multiLanguages {
		fmt.Fprintf(&b, "\n[languages.%s]\n  weight = %d\n  languageName = %q\n  languageCode = %q\n", l.code, i+1, l.name, l.code)
		if l.code == "ar" {
			b.WriteString("  languageDirection = \"rtl\"\n")
		}
	}
	return b.String()
}
