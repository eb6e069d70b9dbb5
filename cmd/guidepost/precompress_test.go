package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/guidepost/guidepost/internal/engine"
	"github.com/guidepost/guidepost/internal/testsite"
)

// treeSite is the content-only test site with a small decision tree, so
// that the build publishes the engine.
func treeSite(t *testing.T) string {
	t.Helper()
	site := contentOnlySite(t)
	outcome := "verdict: %s\nreviewed: 2026-01-31\njurisdictions: [Anywhere]\nsources:\n  - title: Rule\n    url: https://example.org/rule\n"
	for name, content := range map[string]string{
		"content/decide/t/_index.md": "---\ntitle: Tool\nreviewed: 2026-01-31\nstart: q\nscenarios:\n  - answers: [\"Yes\"]\n    expect: yes\n  - answers: [\"No\"]\n    expect: no\n---\nIntro.\n",
		"content/decide/t/q.md":      "---\ntitle: Ready?\noptions:\n  - label: \"Yes\"\n    next: \"yes\"\n  - label: \"No\"\n    next: \"no\"\n---\n",
		"content/decide/t/yes.md":    "---\ntitle: Go\n" + strings.Replace(outcome, "%s", "allowed", 1) + "---\nFine.\n",
		"content/decide/t/no.md":     "---\ntitle: Wait\n" + strings.Replace(outcome, "%s", "avoid", 1) + "---\nNo.\n",
	} {
		testsite.WriteFile(t, site, name, content)
	}
	return site
}

func unbrotli(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(brotli.NewReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func ungzip(t *testing.T, data []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildMinifiesAndPrecompresses(t *testing.T) {
	testsite.SkipShort(t, "compresses every file of a build with brotli and gzip: run without -short")
	t.Parallel()
	site := treeSite(t)
	res := runCLI(t, site, "build", "--precompress")
	if res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	public := filepath.Join(site, "public")
	files := testsite.ReadTree(t, public)

	// Every text file of some size has both copies, each decompressing to
	// the file; small files and images have none.
	copies := 0
	for name, data := range files {
		ext := filepath.Ext(name)
		if ext == ".br" || ext == ".gz" || name == "_headers" {
			continue
		}
		br, hasBr := files[name+".br"]
		gz, hasGz := files[name+".gz"]
		text := regexp.MustCompile(`\.(html|css|js|json|xml|svg|txt|wasm)$`).MatchString(name)
		switch {
		case !text || len(data) < 512:
			if hasBr || hasGz {
				t.Errorf("%s (%d bytes) has compressed copies", name, len(data))
			}
		case !hasBr || !hasGz:
			t.Errorf("%s (%d bytes): .br %v, .gz %v; want both", name, len(data), hasBr, hasGz)
		default:
			copies++
			if !bytes.Equal(unbrotli(t, br), data) || !bytes.Equal(ungzip(t, gz), data) {
				t.Errorf("%s: a compressed copy is not the file", name)
			}
		}
	}
	if copies < 20 {
		t.Errorf("only %d files compressed", copies)
	}
	var wasm string
	for name := range files {
		if strings.HasSuffix(name, ".wasm") {
			wasm = name
		}
	}
	if wasm == "" || !bytes.Equal(files[wasm+".br"], engine.WasmBrotli()) {
		t.Errorf("the engine %q is not published with its best-compressed copy", wasm)
	}

	// Fingerprinted files may be cached for a year, under the base path.
	headers := string(files["_headers"])
	css := regexp.MustCompile(`css/site\.[0-9a-f]{10}\.css`).FindString(readFile(t, public, "index.html"))
	if css == "" || !strings.Contains(headers, "/kb/"+css+"\n  Cache-Control: public, max-age=31536000, immutable\n") {
		t.Errorf("_headers does not let readers keep /kb/%s:\n%s", css, headers)
	}
	if strings.Contains(headers, "/kb/index.html") || strings.Contains(headers, "favicon.svg\n  Cache-Control") {
		t.Errorf("_headers caches a file whose name does not change with it:\n%s", headers)
	}

	// The stylesheet is minified: the same rules in fewer bytes.
	theme, err := os.ReadFile(filepath.Join(testsite.RepoRoot(t), "static", "css", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	published := files[css]
	if len(published) >= len(theme)*9/10 || bytes.Contains(published, []byte("\n  ")) || !bytes.Contains(published, []byte(".site-title")) {
		t.Errorf("css/site.css: %d bytes published from %d; not minified", len(published), len(theme))
	}

	// --minify=false publishes it as written, and without --precompress
	// there are no copies.
	if res := runCLI(t, site, "build", "--minify=false"); res.code != 0 {
		t.Fatalf("build --minify=false: exit %d\n%s", res.code, res.stderr)
	}
	css = regexp.MustCompile(`css/site\.[0-9a-f]{10}\.css`).FindString(readFile(t, public, "index.html"))
	if got := readFile(t, public, css); got != string(theme) {
		t.Error("--minify=false changed css/site.css")
	}
	filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && (strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz") || d.Name() == "_headers") {
			t.Errorf("a build without --precompress wrote %s", p)
		}
		return nil
	})
}

func TestSiteHeadersReplaceTheGeneratedOnes(t *testing.T) {
	t.Parallel()
	site := contentOnlySite(t)
	writeFile(t, site, "static/_headers", "/*\n  X-Frame-Options: DENY\n")
	if res := runCLI(t, site, "build", "--precompress"); res.code != 0 {
		t.Fatalf("build: exit %d\n%s", res.code, res.stderr)
	}
	if got := readFile(t, filepath.Join(site, "public"), "_headers"); got != "/*\n  X-Frame-Options: DENY\n" {
		t.Errorf("_headers = %q, want the site's", got)
	}
}
