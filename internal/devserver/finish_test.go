package devserver

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestServeBringsSearchIndexUpToDate edits a page: the page reloads at
// once, and once the sources are quiet the search index is built again,
// so the search page, which names the index by its fingerprint, reloads.
func TestServeBringsSearchIndexUpToDate(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	search, _ := srv.open(t, "/search/")
	page, _ := srv.open(t, site.url(1))
	replaceIn(t, srv.dir, site.file(1), site.c.Sentence(1), "Quokka paragraph.")
	page.waitReload(t, site.url(1))
	for {
		ev := search.next(t)
		if ev.name != EventReload {
			t.Fatalf("got event %s %s, want reloads", ev.name, ev.data)
		}
		if d := reloadPaths(t, ev); d.All || slices.Contains(d.Paths, "/search/") {
			break
		}
	}
}

// TestSearchIndexDoesNotClearABuildError: an edit schedules the search
// index; a layout broken before it finishes fails the build. When the
// index then finishes, the build is still broken: no "ok" may clear the
// open page's overlay, and a page opened afterwards gets the error.
func TestSearchIndexDoesNotClearABuildError(t *testing.T) {
	site := smallSite(t)
	srv := startServer(t, site.dir, Options{})
	page, _ := srv.open(t, site.url(1))
	replaceIn(t, srv.dir, site.file(1), site.c.Sentence(1), "Quokka paragraph.")
	page.waitReload(t, site.url(1))
	layout := filepath.Join(srv.dir, "layouts", "_default", "single.html")
	orig, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, []byte(strings.Replace(string(orig), "{{.Title}}", "{{.Title", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	page.expect(t, EventError)
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(srv.log.String(), "search index updated") {
		if time.Now().After(deadline) {
			t.Fatalf("the search index was not brought up to date:\n%s", srv.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	srv.waitIdle(t)
	later := srv.listen(t, site.url(2), "")
	if ev := later.next(t); ev.name != EventError {
		t.Errorf("a page opened after the search index finished got %s %s, want the build's error", ev.name, ev.data)
	}
	if !strings.Contains(srv.log.String(), "build failed") {
		t.Errorf("the log does not show the failed build:\n%s", srv.log.String())
	}
}
