package e2e

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestSearchFailureIsReported breaks a built site's search index as a
// bad upload or a stale cache would and searches it: the reader gets the
// friendly message, and the browser console says what failed — the
// error and the file — where the site's maintainer looks. A manifest
// that only lacks fields a site does not use still searches, quietly.
func TestSearchFailureIsReported(t *testing.T) {
	testsite.SkipShort(t, "breaks a site's search seven ways in Chromium: run without -short")
	var shape siteShape
	for _, sh := range matrixShapes() {
		if sh.name == "tags-only" {
			shape = sh
		}
	}
	built := matrixBuild(t, matrixVariants[0].start, shape)
	manifest := matrixGlob(t, built, "search/index*.json")
	const friendly = "Search is not available right now: the search index could not be loaded."
	tests := []struct {
		name   string
		break_ func(t *testing.T, dir string)
		// file is the file the console must name, relative to the site;
		// why, words of the error. Both empty: search must work.
		file, why string
	}{
		{"corrupted manifest", func(t *testing.T, dir string) {
			matrixWrite(t, filepath.Join(dir, manifest), `{"v":2,"docs":`)
		}, manifest, "JSON"},
		{"manifest not an object", func(t *testing.T, dir string) {
			matrixWrite(t, filepath.Join(dir, manifest), `[1,2,3]`)
		}, manifest, "not a JSON object"},
		{"manifest of another version", func(t *testing.T, dir string) {
			matrixEditManifest(t, filepath.Join(dir, manifest), func(m map[string]any) { m["v"] = 99 })
		}, manifest, "version 99"},
		{"manifest with a field of the wrong type", func(t *testing.T, dir string) {
			matrixEditManifest(t, filepath.Join(dir, manifest), func(m map[string]any) { m["jurisdictions"] = "none" })
		}, manifest, `"jurisdictions"`},
		{"missing shard", func(t *testing.T, dir string) {
			// A small site's index is two packs: its documents (p/0), then its shards (p/1).
			shard := matrixGlob(t, dir, "search/p/1.*gpack")
			if err := os.Remove(filepath.Join(dir, shard)); err != nil {
				t.Fatal(err)
			}
		}, "search/p/1.", "404"},
		{"corrupted document file", func(t *testing.T, dir string) {
			matrixWrite(t, filepath.Join(dir, matrixGlob(t, dir, "search/p/0.*gpack")), `[{"u":`)
		}, "search/p/0.", "JSON"},
		{"corrupted compressed document file", func(t *testing.T, dir string) {
			// gzip's magic bytes, then no valid gzip member
			matrixWrite(t, filepath.Join(dir, matrixGlob(t, dir, "search/p/0.*gpack")), "\x1f\x8b\x08\x00broken")
		}, "search/p/0.", "not a valid gzip member"},
		{"manifest without the fields a site does not use", func(t *testing.T, dir string) {
			matrixEditManifest(t, filepath.Join(dir, manifest), func(m map[string]any) {
				for _, k := range []string{"jurisdictions", "files", "tags"} {
					switch v := m[k].(type) {
					case string:
						if v == "" {
							delete(m, k)
						}
					case []any:
						if len(v) == 0 {
							delete(m, k)
						}
					}
				}
				if _, ok := m["jurisdictions"]; ok {
					t.Fatal("the site has jurisdictions: the test needs one without")
				}
				m["stop"] = nil // null counts as empty
			})
		}, "", ""},
	}
	b := browsertest.New(t, browsertest.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			if err := os.CopyFS(dir, os.DirFS(built)); err != nil {
				t.Fatal(err)
			}
			tt.break_(t, dir)
			origin := browsertest.ServeDir(t, dir)
			console := len(b.ConsoleErrors())
			readerVisit(t, b, origin, readerPage{path: "/search/?q=" + url.QueryEscape(shape.bodyWord)})
			v := readerEval[matrixPageView](t, b, matrixPageJS)
			logged := b.ConsoleErrors()[console:]
			if tt.file == "" {
				if len(v.Hrefs) == 0 || v.Hrefs[0] != shape.page {
					t.Errorf("status %q, results %q: want %s", v.Status, v.Hrefs, shape.page)
				}
				for _, e := range logged {
					t.Errorf("browser %s", e)
				}
				return
			}
			if !strings.HasPrefix(v.Status, friendly) {
				t.Errorf("the reader sees %q, want %q…", v.Status, friendly)
			}
			want := origin + "/" + tt.file
			var found bool
			for _, e := range logged {
				found = found || (strings.Contains(e, want) && strings.Contains(e, tt.why) && strings.HasPrefix(e, "console.error: "))
			}
			if !found {
				t.Errorf("the console does not say that %s… failed with %q; it has %q", want, tt.why, logged)
			}
		})
	}
}

// matrixGlob returns the one file of dir matching pattern, relative to
// dir with slashes.
func matrixGlob(t *testing.T, dir, pattern string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	if err != nil || len(m) != 1 {
		t.Fatalf("%s in %s: %q, %v: want one file", pattern, dir, m, err)
	}
	rel, err := filepath.Rel(dir, m[0])
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(rel)
}

func matrixWrite(t *testing.T, p, text string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// matrixEditManifest rewrites the JSON object in file p with edit.
func matrixEditManifest(t *testing.T, p string, edit func(map[string]any)) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	matrixWrite(t, p, string(data))
}
