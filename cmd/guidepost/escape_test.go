package main

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamesAURLCannotCarryAreEncoded builds pages whose file names hold
// characters with a meaning in URLs, and non-ASCII letters: every address
// the build writes is percent-encoded, links to them resolve, and the
// encoded addresses reach the files on a static server.
func TestNamesAURLCannotCarryAreEncoded(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	page := func(title string) string {
		return "---\ntitle: " + title + "\nsummary: A page.\ndate: 2026-11-01\n---\n## Part\n\nBody.\n"
	}
	writeFile(t, site, "content/guidance/what?.md", page("What?"))
	writeFile(t, site, "content/guidance/c#sharp.md", page("C sharp"))
	writeFile(t, site, "content/guidance/my page.md", page("My page"))
	writeFile(t, site, "content/guidance/café.md", page("Café"))
	writeFile(t, site, "static/files/100%.txt", "all of it")
	writeFile(t, site, "content/links.md", "---\ntitle: Links\n---\n"+
		"[a](guidance/what%3F.md) [b](guidance/c%23sharp.md) [c](guidance/my%20page.md) [d](guidance/café.md)\n"+
		"[e](/guidance/c%23sharp/) [f](/kb/guidance/what%3F/#part) [g](/files/100%25.txt)\n")
	dest := filepath.Join(work, "public")
	res := runCLI(t, work, "build", "--source", site, "--dest", dest)
	if res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	encoded := []string{"/kb/guidance/what%3F/", "/kb/guidance/c%23sharp/", "/kb/guidance/my%20page/", "/kb/guidance/caf%C3%A9/"}
	links := readFile(t, dest, "links/index.html")
	for _, u := range append(encoded, "/kb/files/100%25.txt", `/kb/guidance/what%3F/#part`) {
		if !strings.Contains(links, `href="`+u+`"`) {
			t.Errorf("links page has no href=%q", u)
		}
	}
	sitemap := readFile(t, dest, "sitemap.xml")
	feed := readFile(t, dest, "feed.xml")
	for _, u := range encoded {
		if !strings.Contains(sitemap, "<loc>https://example.org"+u+"</loc>") {
			t.Errorf("sitemap has no <loc> for %s", u)
		}
		if !strings.Contains(feed, "https://example.org"+u) {
			t.Errorf("feed has no %s", u)
		}
	}
	if p := readFile(t, dest, "guidance/what?/index.html"); !strings.Contains(p, `<link rel="canonical" href="https://example.org/kb/guidance/what%3F/">`) ||
		!strings.Contains(p, `<meta property="og:url" content="https://example.org/kb/guidance/what%3F/">`) || !strings.Contains(p, `"url":"https://example.org/kb/guidance/what%3F/"`) {
		t.Error("the page's canonical link, og:url or JSON-LD url is not encoded")
	}

	// A static server maps the encoded addresses to the files.
	srv := httptest.NewServer(http.StripPrefix("/kb", http.FileServer(http.Dir(dest))))
	defer srv.Close()
	for _, u := range append(encoded, "/kb/files/100%25.txt") {
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", u, resp.StatusCode)
		}
	}
}

// TestNamesThatReorderTextAreRefused refuses file and folder names with
// control or bidirectional characters: "evil\u202Efdp.md" reads as
// "evilpdf.md" but its address says otherwise.
func TestNamesThatReorderTextAreRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ file, want string }{
		{"content/evil\u202Efdp.md", `content/evil` + "\u202E" + `fdp.md: the name "evil\u202efdp.md" holds an invisible character that reorders text (U+202E)`},
		{"content/a\u2067b/page.md", `holds an invisible character that reorders text (U+2067)`},
		{"static/x\u200fy.css", `(U+200F)`},
		{"content/tab\tname.md", `holds a control character (U+0009): rename it`},
	} {
		work, site := newSite(t)
		writeFile(t, site, tt.file, "---\ntitle: X\n---\nBody.\n")
		res := runCLI(t, work, "check", "--source", site)
		if res.code != 1 || !strings.Contains(res.stderr, tt.want) {
			t.Errorf("%q: exit %d, want 1 and %q\n%s", tt.file, res.code, tt.want, res.stderr)
		}
	}
}
