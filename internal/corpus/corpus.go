// Package corpus generates the sites that guidepost's benchmarks and tests
// build: a site of n pages of one shape (long, small or multilingual),
// the same on every run, written for guidepost (WriteGuidepost) or as its
// Hugo twin (WriteHugo). Tests name its pages and text through PagePath,
// Title and Sentence rather than spelling them out, and WithTree adds a
// small decision tree.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Corpus is the shape of a generated site: n regular pages spread over
// sections, each with tags and a jurisdiction.
type Corpus struct {
	pages, sections int
	// small is the shape of many short pages in many scripts (small.go).
	small bool
	// langs is the number of languages of the multilingual shape
	// (multilingual.go), 0 for the others; pages then counts the
	// originals, each written in every language.
	langs int
	// oneLanguage writes the multilingual shape as a site of one
	// language: the same pages, none of them a translation.
	oneLanguage bool
	// tree adds a small decision tree (tree.go).
	tree bool
}

var (
	corpusTags = []string{
		"consent", "encryption", "records", "retention", "identity", "images", "groups", "emergencies",
		"backups", "devices", "vendors", "audits", "training", "policy", "reminders", "prescribing",
		"metadata", "breaches", "carers", "out-of-hours",
	}
	corpusJurisdictions = []string{"United States", "United Kingdom", "European Union", "India", "Australia", "Canada", "Brazil", "South Africa"}
)

// newCorpus returns the shape of a corpus of n pages: about a hundred
// pages per section, at least ten sections.
func newCorpus(n int) Corpus {
	return Corpus{pages: n, sections: max(10, (n+99)/100)}
}

// perSection is how many pages each section holds (the last may hold
// fewer).
func (c Corpus) perSection() int { return (c.pages + c.sections - 1) / c.sections }

// section returns the section of page i and its position in it.
func (c Corpus) section(i int) (s, k int) { return i / c.perSection(), i % c.perSection() }

// pagePath is the content path of page i, e.g. "s03/p00312.md".
func (c Corpus) pagePath(i int) string {
	s, _ := c.section(i)
	return fmt.Sprintf("s%02d/p%05d.md", s, i)
}

// linker writes the destination of an internal link in one generator's
// syntax.
type linker interface {
	// page links from page `from` to the content file target ("s03/p00312.md"
	// or "s03/_index.md") and anchor (may be empty).
	page(from, target, anchor string) string
}

// guidepostLinks are relative links to .md files, which guidepost checks
// and rewrites to URLs.
type guidepostLinks struct{}

func (guidepostLinks) page(from, target, anchor string) string {
	rel, err := filepath.Rel(filepath.Dir(filepath.FromSlash(from)), filepath.FromSlash(target))
	if err != nil {
		panic(err) // both are relative content paths
	}
	if anchor != "" {
		return filepath.ToSlash(rel) + "#" + anchor
	}
	return filepath.ToSlash(rel)
}

// hugoLinks are relref shortcodes, which make Hugo fail on a missing page.
type hugoLinks struct{}

func (hugoLinks) page(_, target, anchor string) string {
	if anchor != "" {
		target += "#" + anchor
	}
	return `{{< relref "/` + target + `" >}}`
}

// frontMatter is the YAML front matter of page i, in the subset of keys
// both guidepost and Hugo accept.
func (c Corpus) frontMatter(i int) string {
	s, k := c.section(i)
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"%s\"\n", c.longTitle(i))
	fmt.Fprintf(&b, "summary: \"What page %d of section %d says about messaging patients safely.\"\n", i, s)
	fmt.Fprintf(&b, "date: %d-%02d-%02d\nreviewed: %d-%02d-%02d\nweight: %d\n", 2023+i%3, i%12+1, i%28+1, 2025, (i+5)%12+1, (i+3)%28+1, k+1)
	t := len(corpusTags)
	fmt.Fprintf(&b, "tags: [%s, %s, %s]\n", corpusTags[i%t], corpusTags[(i+7)%t], corpusTags[(i*5+3)%t])
	fmt.Fprintf(&b, "jurisdictions: [%s]\n", corpusJurisdictions[i%len(corpusJurisdictions)])
	fmt.Fprintf(&b, "sources:\n  - title: \"Regulator guidance %d\"\n    url: https://example.org/guidance/%d\n    publisher: \"Regulator\"\n    date: \"2024-01-01\"\n", i, i)
	fmt.Fprintf(&b, "  - title: \"Professional body advice %d\"\n    url: https://example.org/advice/%d\n    publisher: \"Medical council\"\n---\n", i%50, i%50)
	return b.String()
}

// longTitle is the title of page i in the long shape.
func (c Corpus) longTitle(i int) string {
	return fmt.Sprintf("Messaging safeguards %d: %s", i, headingWords[i%len(headingWords)])
}

// body is the Markdown of page i with links written by l.
func (c Corpus) body(i int, l linker) string {
	r := rand.New(rand.NewPCG(uint64(i), 0x9e3779b97f4a7c15))
	self := c.pagePath(i)
	s, k := c.section(i)
	var b strings.Builder
	fmt.Fprintf(&b, "## Summary\n\n%s See the [section overview](%s) and [all tags](/tags/).\n\n",
		paragraph(r, 4), l.page(self, fmt.Sprintf("s%02d/_index.md", s), "about-this-section"))

	fmt.Fprintf(&b, "## Background\n\n%s\n\n%s\n\n", paragraph(r, 5), paragraph(r, 4))
	fmt.Fprintf(&b, "### Who this applies to\n\n%s\n\n", paragraph(r, 3))

	b.WriteString("## Checklist\n\n")
	for j := range 5 {
		fmt.Fprintf(&b, "- %s\n", listItems[(i+j*3)%len(listItems)])
	}
	b.WriteString("- Train staff\n  1. on consent\n  2. on identity checks\n  3. on incident reporting\n\n")

	b.WriteString("## Safeguards compared\n\n| Safeguard | Required | Notes |\n|---|:-:|---|\n")
	for j := range 5 {
		row := tableRows[(i+j)%len(tableRows)]
		fmt.Fprintf(&b, "| %s | %s | %s |\n", row[0], row[1], row[2])
	}
	b.WriteString("\n> [!NOTE]\n> Check your regulator's latest guidance before you rely on this page.\n\n")

	code := pageSnippets(i)
	fmt.Fprintf(&b, "## Examples\n\n%s\n\n%s\n%s\n\n%s\n", paragraph(r, 2), code[0], paragraph(r, 2), code[1])

	fmt.Fprintf(&b, "## %s in practice\n\n%s\n\n%s\n\n", headingWords[(i+3)%len(headingWords)], paragraph(r, 5), paragraph(r, 4))

	b.WriteString("## Related pages\n\n")
	if k > 0 {
		fmt.Fprintf(&b, "- Read the [previous page](%s) first.\n", l.page(self, c.pagePath(i-1), "checklist"))
	}
	other := (i*7 + 13) % c.pages
	fmt.Fprintf(&b, "- Compare with [page %d](%s).\n", other, l.page(self, c.pagePath(other), "safeguards-compared"))
	fmt.Fprintf(&b, "- Browse [%s](/jurisdictions/).\n", "pages by jurisdiction")
	return b.String()
}

// sectionIndex is the _index.md of section s.
func (c Corpus) sectionIndex(s int) string {
	return fmt.Sprintf("---\ntitle: \"Section %d\"\nsummary: \"Pages of section %d.\"\nweight: %d\n---\n## About this section\n\nSection %d of the corpus: guidance on messaging patients.\n", s, s, s+1, s)
}

// home is the home page, linking to the first section.
func (c Corpus) home(l linker) string {
	return "---\ntitle: \"Corpus\"\nsummary: \"A generated knowledge base.\"\n---\nStart with [section 0](" +
		l.page("_index.md", "s00/_index.md", "") + ").\n"
}

// writeContent writes the content/ folder of one site into dir.
func (c Corpus) writeContent(dir string, l linker) error {
	if c.langs > 0 {
		if err := c.writeMultiContent(dir, l); err != nil {
			return err
		}
		return c.writeTree(dir)
	}
	if err := writeFile(dir, "content/_index.md", c.home(l)); err != nil {
		return err
	}
	for s := range c.sections {
		if err := writeFile(dir, fmt.Sprintf("content/s%02d/_index.md", s), c.sectionIndex(s)); err != nil {
			return err
		}
	}
	for i := range c.pages {
		if err := writeFile(dir, "content/"+c.pagePath(i), c.page(i, l)); err != nil {
			return err
		}
	}
	return c.writeTree(dir)
}

// page is the file of page i, front matter and Markdown, in the default
// language.
func (c Corpus) page(i int, l linker) string {
	switch {
	case c.langs > 0:
		return c.multiPage(i, 0, l)
	case c.small:
		return c.smallFrontMatter(i) + c.smallBody(i, l)
	}
	return c.frontMatter(i) + c.body(i, l)
}

// writeFile writes data to dir/rel, making folders as needed.
func writeFile(dir, rel, data string) error {
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	return nil
}
