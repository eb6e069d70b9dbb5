package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// urlsAccepted is a page whose every URL is fine.
const urlsAccepted = `---
title: Notes
aliases: [/old/notes/, /old/notes.html]
sources:
  - title: Upper case
    url: HTTPS://WWW.ECFR.GOV/
  - title: Mail
    url: mailto:editor@example.org
  - title: A file
    url: guidance/hipaa.md#business-associates
  - title: A path
    url: /guidance/
---
Body.
`

// TestUnusualGoodInputs checks files that look odd but are fine: they
// must build, quickly and without a diagnostic, into the page an author
// expects.
func TestUnusualGoodInputs(t *testing.T) {
	t.Parallel()
	nestedList := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat("  ", i) + "- level\n")
		}
		return b.String()
	}
	cases := []struct {
		name, file, content string
		page                string // output file to read
		wants               []string
	}{
		{"bom-and-crlf", "content/notes.md", "\ufeff---\r\ntitle: Notes in CRLF\r\ntags: [crlf]\r\n---\r\n## Part one\r\n\r\nBody line.\r\n",
			"notes/index.html", []string{"<h1>Notes in CRLF</h1>", `id="part-one"`, "Body line."}},
		{"crlf-only", "content/notes.md", "---\r\ntitle: CRLF only\r\n---\r\nText.\r\n",
			"notes/index.html", []string{"<h1>CRLF only</h1>", "Text."}},
		// An unclosed fence runs to the end of the file, as on GitHub: the
		// rest of the page shows as code, which the author sees at once.
		{"unclosed-code-fence", "content/notes.md", "---\ntitle: Fence\n---\nBefore.\n\n```go\nfunc main() {\n\nAfter.\n",
			"notes/index.html", []string{"Before.", `class="language-go"`, ">After<"}},
		// Nesting at the limit of package markdown (100 levels) builds;
		// deeper is refused (testdata/bad/markdown-*-nested-too-deep).
		{"blockquotes-100-deep", "content/notes.md", "---\ntitle: Deep quotes\n---\n" + strings.Repeat("> ", 100) + "bottom\n",
			"notes/index.html", []string{"bottom", "<blockquote>"}},
		{"lists-100-deep", "content/notes.md", "---\ntitle: Deep lists\n---\n" + strings.Repeat("- ", 100) + "bottom\n",
			"notes/index.html", []string{"bottom", "<ul>"}},
		{"indented-lists-100-deep", "content/notes.md", "---\ntitle: Indented lists\n---\n" + nestedList(100),
			"notes/index.html", []string{"level", "<ul>"}},
		// The neighbours of refused URLs: scheme case, mailto, a
		// .md file and a site path (published under the base path), and
		// an alias ending in .html, written as that file.
		{"urls-accepted", "content/notes.md", urlsAccepted, "notes/index.html", []string{
			`href="HTTPS://WWW.ECFR.GOV/"`, `href="mailto:editor@example.org"`,
			`href="/kb/guidance/hipaa/#business-associates"`, `href="/kb/guidance/"`}},
		{"alias-html-file", "content/notes.md", urlsAccepted, "old/notes.html", []string{`url=https://example.org/kb/notes/`}},
		{"alias-folder", "content/notes.md", urlsAccepted, "old/notes/index.html", []string{`url=https://example.org/kb/notes/`}},
		{"emphasis-10k", "content/notes.md", "---\ntitle: Stars\n---\n" + strings.Repeat("*", 10000) + "x" + strings.Repeat("*", 10000) + "\n",
			"notes/index.html", []string{"<h1>Stars</h1>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			work, site := newSite(t)
			writeFile(t, site, c.file, c.content)
			dest := filepath.Join(work, "public")
			res := runCLI(t, work, "build", "--source", site, "--dest", dest)
			if res.code != 0 || strings.Contains(res.stderr, c.file) {
				t.Fatalf("exit code %d, stderr:\n%s", res.code, clip(res.stderr))
			}
			page := readFile(t, dest, c.page)
			for _, w := range c.wants {
				if !strings.Contains(page, w) {
					t.Errorf("%s lacks %q", c.page, w)
				}
			}
			if !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
				t.Errorf("%s is not a whole page", c.page)
			}
		})
	}
}
