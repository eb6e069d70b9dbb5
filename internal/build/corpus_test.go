package build

import (
	"fmt"
	"github.com/guidepost/guidepost/internal/testsite"
	"path/filepath"
	"strings"
	"testing"
)

// corpusSections is how many sections a generated corpus spreads its pages
// over.
const corpusSections = 20

var (
	corpusTags          = []string{"hipaa", "gdpr", "encryption", "consent", "retention", "messaging", "video", "records"}
	corpusJurisdictions = []string{"United States", "United Kingdom", "European Union", "India", "Australia"}
)

// writeCorpus writes a site of n regular pages into dir: guidepost.yaml,
// the repository's layouts/ and static/, a home page, sections, and pages
// with dates, review dates, tags, jurisdictions, sources, prose, lists, a
// table, a callout, two distinct fenced code blocks and internal links to
// .md files, anchors and URL paths.
func writeCorpus(tb testing.TB, dir string, n int) {
	tb.Helper()
	root := testsite.RepoRoot(tb)
	testsite.CopyTree(tb, filepath.Join(root, "layouts"), filepath.Join(dir, "layouts"))
	testsite.CopyTree(tb, filepath.Join(root, "static"), filepath.Join(dir, "static"))
	write(tb, dir, "guidepost.yaml", "title: Corpus\nbase_url: https://example.org/\nreview_every: 10y\nmenus:\n  main:\n    - name: Tags\n      url: /tags/\n")
	write(tb, dir, "content/_index.md", "---\ntitle: Corpus\nsummary: A generated knowledge base.\n---\nStart with [section 0](s00/_index.md).\n")
	perSection := (n + corpusSections - 1) / corpusSections
	for s := range corpusSections {
		write(tb, dir, fmt.Sprintf("content/s%02d/_index.md", s), fmt.Sprintf("---\ntitle: Section %d\nsummary: Pages of section %d.\nweight: %d\n---\n## About this section\n\nSection %d of the corpus.\n", s, s, s+1, s))
	}
	for i := range n {
		s, k := i/perSection, i%perSection
		write(tb, dir, fmt.Sprintf("content/s%02d/p%04d.md", s, i), corpusPage(i, s, k))
	}
}

func corpusPage(i, section, k int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Page %d on messaging safeguards\nsummary: What page %d says about messaging with patients.\n", i, i)
	fmt.Fprintf(&b, "date: 2024-%02d-%02d\nreviewed: 2025-%02d-%02d\nweight: %d\n", i%12+1, i%28+1, i%12+1, i%28+1, k+1)
	fmt.Fprintf(&b, "tags: [%s, %s]\njurisdictions: [%s]\n", corpusTags[i%len(corpusTags)], corpusTags[(i+3)%len(corpusTags)], corpusJurisdictions[i%len(corpusJurisdictions)])
	fmt.Fprintf(&b, "sources:\n  - title: Source %d\n    url: https://example.org/sources/%d\n    publisher: Regulator\n    date: 2024-01-01\n---\n", i, i)
	fmt.Fprintf(&b, "## Summary\n\nPage %d explains when a clinic may message patients. Consent must be recorded, "+
		"messages must be **encrypted** in transit and at rest, and records must be kept for the _retention period_ "+
		"the regulator sets. See the [section overview](_index.md#about-this-section) and the [tags](/tags/).\n\n", i)
	b.WriteString("## Checklist\n\n- Sign an agreement with the vendor\n- Turn on disappearing messages only where records allow it\n- Train staff\n  1. on consent\n  2. on identity checks\n\n")
	b.WriteString("| Safeguard | Required | Notes |\n|---|---|---|\n| Encryption | yes | end to end |\n| Agreement | yes | signed before use |\n| Audit log | depends | keep for six years |\n\n")
	b.WriteString("> [!NOTE]\n> Check your regulator's latest guidance before you rely on this page.\n\n")
	fmt.Fprintf(&b, "## Examples\n\n```go\nfunc allowed%d(p Patient) bool {\n\treturn p.Consent && p.Encrypted // page %d\n}\n```\n\n", i, i)
	fmt.Fprintf(&b, "```yaml\npage: %d\nsafeguards:\n  - consent\n  - encryption\nretention_years: %d\n```\n\n", i, i%10+1)
	if k > 0 {
		fmt.Fprintf(&b, "Read the [previous page](p%04d.md#checklist) first.\n", i-1)
	}
	return b.String()
}

func write(tb testing.TB, dir, name, content string) {
	tb.Helper()
	testsite.WriteFile(tb, dir, name, content)
}

// corpusIncremental writes a corpus of n pages into a new folder, builds
// it with a new Incremental and returns the folder, the Incremental and
// its first update.
func corpusIncremental(t *testing.T, n int) (string, *Incremental, *Update) {
	t.Helper()
	src := t.TempDir()
	writeCorpus(t, src, n)
	inc := NewIncremental(Options{Source: src, Now: now})
	first, err := inc.Rebuild(Changes{All: true})
	if err != nil {
		t.Fatal(err)
	}
	return src, inc, first
}
