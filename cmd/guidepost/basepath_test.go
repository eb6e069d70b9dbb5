package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	neturl "net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// TestEveryURLStaysUnderTheBasePath builds a copy of this repository's
// site, with a page that uses every kind of URL an author can write (body
// links, sources as .md files and site paths, aliases, a menu entry as a
// .md file, a decision-tree outcome's sources), under
// https://example.org/kb/, and reads every file of the output: HTML
// attributes, srcset, meta refresh, CSS url(), feed.xml, sitemap.xml,
// robots.txt, JSON-LD, the search index and the tree JSON (with the HTML
// they carry). No link to this site may lead outside /kb/, and each must
// lead to a file of the output: a site published in a sub-folder must
// work there.
func TestEveryURLStaysUnderTheBasePath(t *testing.T) {
	testsite.SkipShort(t, "builds this repository's site under a base path and follows every URL: run without -short")
	t.Parallel()
	root := testsite.RepoRoot(t)
	work := t.TempDir()
	site := filepath.Join(work, "site")
	for _, dir := range []string{"content", "layouts", "static"} {
		testsite.CopyTree(t, filepath.Join(root, dir), filepath.Join(site, dir))
	}
	config, err := os.ReadFile(filepath.Join(root, "guidepost.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// Two entries more in the footer menu, after its link to /tags/.
	footer := "    - name: Tags\n      url: /tags/\n"
	if !strings.Contains(string(config), footer) {
		t.Fatalf("guidepost.yaml has no footer entry %q to add entries after", footer)
	}
	writeFile(t, site, "guidepost.yaml", strings.Replace(string(config), footer, footer+"    - name: India\n      url: guidance/india.md\n    - name: Consent\n      url: /guidance/india/#consent\n", 1))
	writeFile(t, site, "content/guidance/urls.md", `---
title: Every kind of URL
summary: Links as authors write them.
aliases: [/old/urls/, /old/urls.html]
sources:
  - title: India, as a file
    url: india.md
  - title: The guidance, as a path
    url: /guidance/
  - title: The guidance, with the base path written out
    url: /kb/guidance/
  - title: Elsewhere
    url: https://www.hhs.gov/
---
[India](india.md), [the tool](../decide/whatsapp/_index.md), [guidance](/guidance/),
[relative](../../faq/#main), [the feed](/feed.xml), [old](/old/urls/), [mail](mailto:editor@example.org).
`)
	// The outcome and its translations, which must cite the same sources.
	outcomes, err := filepath.Glob(filepath.Join(site, "content", "decide", "whatsapp", "us-phi-no-baa*.md"))
	if err != nil || len(outcomes) == 0 {
		t.Fatalf("no outcome us-phi-no-baa: %v", err)
	}
	for _, outcome := range outcomes {
		data, err := os.ReadFile(outcome)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, site, "content/decide/whatsapp/"+filepath.Base(outcome), strings.Replace(string(data), "sources:\n",
			"sources:\n  - title: United States guidance\n    url: ../../guidance/united-states.md\n  - title: The FAQ\n    url: /faq/\n", 1))
	}

	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest, "--base-url", "https://example.org/kb/"); res.code != 0 {
		t.Fatalf("build: exit code %d\n%s", res.code, res.stderr)
	}
	sc := &urlScanner{t: t, dest: dest, kinds: map[string]int{}}
	err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		sc.file(filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The scan must have read every kind of file and link it is meant to.
	for _, kind := range []string{"html", "css", "feed.xml", "sitemap.xml", "robots.txt", "search index", "tree", "redirect", "json-ld", "menu .md", "source .md"} {
		if sc.kinds[kind] == 0 {
			t.Errorf("the scan found no %s: it no longer reads what it should", kind)
		}
	}
	if sc.checked < 2000 {
		t.Errorf("only %d URLs were checked", sc.checked)
	}
}

// urlScanner checks the URLs in the files of a build published at
// https://example.org/kb/.
type urlScanner struct {
	t       *testing.T
	dest    string
	checked int
	kinds   map[string]int
}

var (
	htmlAttr     = regexp.MustCompile(`(?i)\s(href|src|action|formaction|poster|content|srcset|xlink:href|data-[a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	cssURL       = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"]*))\s*\)`)
	absoluteURL  = regexp.MustCompile(`(?i)\b(?:https?:)?//(?:example\.org|localhost)\b[^\s"'<>)\\]*`)
	jsonLDScript = regexp.MustCompile(`(?is)<script type="application/ld\+json">(.*?)</script>`)
)

const siteURL = "https://example.org/kb/"

func (sc *urlScanner) file(rel string) {
	data, err := os.ReadFile(filepath.Join(sc.dest, filepath.FromSlash(rel)))
	if err != nil {
		sc.t.Fatal(err)
	}
	text := string(data)
	switch {
	case strings.HasSuffix(rel, ".wasm") || strings.HasSuffix(rel, ".js") || strings.HasSuffix(rel, ".gif"):
		return // code and images: no links of the site
	case strings.HasSuffix(rel, ".html"):
		sc.kinds["html"]++
		if strings.Contains(text, `http-equiv="refresh"`) {
			sc.kinds["redirect"]++
		}
		sc.html(rel, text)
		for _, m := range jsonLDScript.FindAllStringSubmatch(text, -1) {
			sc.kinds["json-ld"]++
			sc.json(rel, []byte(m[1]))
		}
	case strings.HasSuffix(rel, ".css"):
		sc.kinds["css"]++
		sc.css(rel, text)
	case rel == "feed.xml" || rel == "sitemap.xml":
		sc.kinds[rel]++
		sc.html(rel, text) // <link href>
		for _, m := range regexp.MustCompile(`<(?:loc|id|uri)>([^<]*)</`).FindAllStringSubmatch(text, -1) {
			sc.url(rel, html.UnescapeString(m[1]))
		}
	case rel == "robots.txt":
		sc.kinds[rel]++
		for line := range strings.SplitSeq(text, "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && k != "User-agent" {
				sc.url(rel, strings.TrimSpace(v))
			}
		}
	case strings.HasSuffix(rel, ".json"):
		if strings.HasPrefix(rel, "search/") {
			sc.kinds["search index"]++
		} else {
			sc.kinds["tree"]++
		}
		sc.json(rel, data)
	case strings.HasSuffix(rel, ".svg"):
		sc.kinds["svg"]++
		sc.html(rel, text)
	default:
		// Any other file (a marker, a text file): the addresses below.
		sc.kinds["other"]++
	}
	// Whatever the format, no address of this host outside /kb/, and
	// none of the default localhost.
	for _, u := range absoluteURL.FindAllString(text, -1) {
		sc.url(rel, u)
	}
}

func (sc *urlScanner) html(rel, text string) {
	for _, m := range htmlAttr.FindAllStringSubmatch(text, -1) {
		name := strings.ToLower(m[1])
		v := html.UnescapeString(m[2] + m[3] + m[4])
		switch name {
		case "srcset":
			for c := range strings.SplitSeq(v, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					sc.url(rel, f[0])
				}
			}
		case "content":
			// A meta refresh's "0; url=…", og:url and the like; other
			// content attributes are words.
			if _, after, ok := strings.Cut(strings.ToLower(v), "url="); ok {
				sc.url(rel, v[len(v)-len(after):])
			} else if strings.HasPrefix(v, "/") || strings.Contains(v, "://") {
				sc.url(rel, v)
			}
		default:
			if strings.HasPrefix(name, "data-") && !strings.HasPrefix(v, "/") && !strings.Contains(v, "://") {
				continue
			}
			if rel == "index.html" && name == "href" && strings.HasSuffix(v, "/guidance/india/") {
				sc.kinds["menu .md"]++
			}
			if rel == "guidance/urls/index.html" && v == "/kb/guidance/india/" {
				sc.kinds["source .md"]++
			}
			sc.url(rel, v)
		}
	}
}

func (sc *urlScanner) css(rel, text string) {
	for _, m := range cssURL.FindAllStringSubmatch(text, -1) {
		sc.url(rel, m[1]+m[2]+m[3])
	}
}

// json checks every string of a JSON document that is a URL or a path,
// and the links of every string that holds HTML.
func (sc *urlScanner) json(rel string, data []byte) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		sc.t.Errorf("%s: %v", rel, err)
		return
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			switch {
			case strings.Contains(v, "<"):
				sc.html(rel, v)
			case strings.HasPrefix(v, "/") || strings.Contains(v, "://") || strings.HasPrefix(v, "#"):
				sc.url(rel, v)
			}
		}
	}
	walk(v)
}

// url checks one URL found in the output file rel: a link to this site
// must stay under /kb/ and lead to a file of the output.
func (sc *urlScanner) url(rel, raw string) {
	sc.t.Helper()
	sc.checked++
	if raw == "" {
		sc.t.Errorf("%s: an empty URL", rel)
		return
	}
	page, err := neturl.Parse(siteURL + rel)
	if err != nil {
		sc.t.Fatal(err)
	}
	u, err := neturl.Parse(raw)
	if err != nil {
		sc.t.Errorf("%s: %q is not a URL: %v", rel, raw, err)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	case "mailto", "tel":
		return
	default:
		sc.t.Errorf("%s: %q uses the scheme %s:", rel, raw, u.Scheme)
		return
	}
	abs := page.ResolveReference(u)
	if !strings.EqualFold(abs.Host, "example.org") {
		if strings.Contains(strings.ToLower(abs.Host), "localhost") {
			sc.t.Errorf("%s: %q points at localhost", rel, raw)
		}
		return // another site
	}
	if !strings.HasPrefix(abs.Path, "/kb/") && abs.Path != "/kb" {
		sc.t.Errorf("%s: %q leads to %s, outside /kb/", rel, raw, abs.Path)
		return
	}
	if strings.Contains(raw, "\\") || strings.HasPrefix(raw, "//") {
		sc.t.Errorf("%s: %q is read differently by browsers", rel, raw)
	}
	target := strings.TrimPrefix(abs.Path, "/kb/")
	if abs.Path == "/kb" || target == "" || strings.HasSuffix(target, "/") {
		target = path.Join(target, "index.html")
	}
	if _, err := os.Stat(filepath.Join(sc.dest, filepath.FromSlash(target))); err != nil {
		sc.t.Errorf("%s: %q leads to %s, which the build did not write", rel, raw, fmt.Sprint(abs))
	}
}
