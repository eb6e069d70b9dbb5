package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/devserver"
)

var (
	scriptTag  = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script>`)
	styleAttr  = regexp.MustCompile(`(?i)<[a-z][^>]*\sstyle\s*=`)
	styleTag   = regexp.MustCompile(`(?i)<style\b`)
	handler    = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	jsURL      = regexp.MustCompile(`(?i)(href|src|action)\s*=\s*["']?\s*javascript:`)
	cspMeta    = `<meta http-equiv="Content-Security-Policy" content="` + strings.ReplaceAll(devserver.ContentSecurityPolicy, "'", "&#39;") + `">`
	cspMetaRaw = `<meta http-equiv="Content-Security-Policy" content="` + devserver.ContentSecurityPolicy + `">`
)

// TestEveryPageHasAStrictCSP builds a site with guidance pages, a decision
// tree, tags and search, and scans every HTML file: each carries the
// Content-Security-Policy in its <head>, before anything it governs, and
// has nothing the policy would block — no inline script (the JSON-LD and
// the strings for the scripts are data, which CSP does not run), no inline style attribute or
// <style> element, no event handler attribute, no javascript: URL.
func TestEveryPageHasAStrictCSP(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	writeChain(t, site, 3, "done")
	writeFile(t, site, "content/notes.md", "---\ntitle: Raw HTML is escaped\n---\n<script>alert(1)</script>\n<p style=\"color:red\" onclick=\"x()\">hi</p>\n")
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("build: exit code %d\n%s", res.code, res.stderr)
	}
	pages := 0
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		rel, _ := filepath.Rel(dest, p)
		checkCSPPage(t, rel, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 15 {
		t.Errorf("only %d pages were scanned", pages)
	}
}

func checkCSPPage(t *testing.T, name, html string) {
	t.Helper()
	head, _, ok := strings.Cut(html, "</head>")
	if !ok {
		t.Errorf("%s: no </head>", name)
		return
	}
	i := strings.Index(head, cspMeta)
	if i < 0 {
		i = strings.Index(head, cspMetaRaw)
	}
	switch {
	case i < 0:
		t.Errorf("%s: no Content-Security-Policy meta in <head>", name)
	case strings.Contains(head[:i], "<link") || strings.Contains(head[:i], "<script"):
		t.Errorf("%s: the policy comes after resources it should govern", name)
	}
	for _, m := range scriptTag.FindAllStringSubmatch(html, -1) {
		attrs, body := m[1], m[2]
		if strings.Contains(attrs, `type="application/ld+json"`) || strings.Contains(attrs, `type="application/json"`) {
			continue // data, which CSP does not run: JSON-LD, the theme's strings for the scripts
		}
		if !strings.Contains(attrs, "src=") || strings.TrimSpace(body) != "" {
			t.Errorf("%s: inline script %q", name, clip(m[0]))
		}
	}
	for what, re := range map[string]*regexp.Regexp{"style attribute": styleAttr, "<style> element": styleTag, "event handler attribute": handler, "javascript: URL": jsURL} {
		if loc := re.FindStringIndex(html); loc != nil {
			t.Errorf("%s: %s at %q", name, what, html[loc[0]:min(len(html), loc[1]+40)])
		}
	}
}
