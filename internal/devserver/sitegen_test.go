package devserver

import (
	"fmt"
	"github.com/guidepost/guidepost/internal/testsite"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository root, whose layouts/ and static/ test sites copy.
const repoRoot = "../.."

// writeFile writes a file below dir, creating folders.
func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	testsite.WriteFile(t, dir, rel, data)
}

// newSite makes a site in a temporary folder with the repository's layouts
// and static files and the given content files (path relative to the site).
func newSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testsite.CopyTree(t, filepath.Join(repoRoot, "layouts"), filepath.Join(dir, "layouts"))
	testsite.CopyTree(t, filepath.Join(repoRoot, "static"), filepath.Join(dir, "static"))
	writeFile(t, dir, "guidepost.yaml", "title: Test site\nlanguage: en\nmenus:\n  main:\n    - name: Home\n      url: /\n")
	for rel, data := range files {
		writeFile(t, dir, rel, data)
	}
	return dir
}

var (
	genTags          = []string{"hipaa", "gdpr", "consent", "encryption", "images", "groups", "retention", "backups"}
	genJurisdictions = []string{"United States", "European Union", "United Kingdom", "India"}
)

// genPage is the Markdown of the i-th page of a generated site.
func genPage(i, sections, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Guidance page %d\"\nsummary: \"What page %d says, in one line.\"\n", i, i)
	fmt.Fprintf(&b, "reviewed: 2026-0%d-1%d\n", 1+i%9, i%10)
	fmt.Fprintf(&b, "tags: [%s, %s]\n", genTags[i%len(genTags)], genTags[(i/3)%len(genTags)])
	fmt.Fprintf(&b, "jurisdictions: [%s]\n---\n", genJurisdictions[i%len(genJurisdictions)])
	j := (i + 7) % n
	fmt.Fprintf(&b, "Intro paragraph of page %d with *emphasis* and a [link to another page](../s%d/p%d.md).\n\n", i, j%sections, j)
	for h := range 4 {
		fmt.Fprintf(&b, "## Heading %d of page %d\n\n", h, i)
		b.WriteString("Some text that explains the rule in plain language, with enough words to look like a real paragraph of guidance for providers.\n\n")
		b.WriteString("- first point\n- second point with `code`\n- third point\n\n")
	}
	if i%10 == 0 {
		b.WriteString("```go\nfunc main() {\n\tprintln(\"hello\")\n}\n```\n")
	}
	return b.String()
}

// genSite writes a site of n guidance pages in sections of at most 100
// pages, plus a small decision tree; it returns the site folder.
func genSite(t testing.TB, n int) string {
	t.Helper()
	dir := newSite(t, map[string]string{
		"content/_index.md":             "---\ntitle: Home\nsummary: A generated site.\n---\nWelcome.\n",
		"content/decide/_index.md":      "---\ntitle: Tools\n---\nTools.\n",
		"content/decide/pick/_index.md": "---\ntitle: Pick one\nreviewed: 2026-01-01\nstart: first\nscenarios:\n  - answers: [\"Yes\"]\n    expect: good\n---\nIntro.\n",
		"content/decide/pick/first.md":  "---\ntitle: Do you need it?\noptions:\n  - label: \"Yes\"\n    next: good\n  - label: \"No\"\n    next: bad\n---\nQuestion text.\n",
		"content/decide/pick/good.md":   "---\ntitle: Go ahead\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: A source\n    url: https://example.org/a\n---\nFine.\n",
		"content/decide/pick/bad.md":    "---\ntitle: Do not\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: A source\n    url: https://example.org/a\n---\nNo.\n",
	})
	sections := max(1, (n+99)/100)
	for s := range sections {
		writeFile(t, dir, fmt.Sprintf("content/s%d/_index.md", s), fmt.Sprintf("---\ntitle: Section %d\nsummary: Pages of section %d.\n---\nSection %d.\n", s, s, s))
	}
	for i := range n {
		writeFile(t, dir, fmt.Sprintf("content/s%d/p%d.md", i%sections, i), genPage(i, sections, n))
	}
	return dir
}
