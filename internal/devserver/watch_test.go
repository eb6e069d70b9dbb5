package devserver

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/build"
)

func TestWatcherKeepsWhatTheSiteReads(t *testing.T) {
	root := filepath.FromSlash("/site")
	engine := filepath.FromSlash("/mod/decision")
	w := &watcher{root: root, engineDir: engine}
	tests := []struct {
		path   string
		rel    string
		engine bool
		ok     bool
	}{
		{"/site/content/a.md", "content/a.md", false, true},
		{"/site/content/deep/img.png", "content/deep/img.png", false, true},
		{"/site/layouts/_default/single.html", "layouts/_default/single.html", false, true},
		{"/site/static/css/site.css", "static/css/site.css", false, true},
		{"/site/guidepost.yaml", "guidepost.yaml", false, true},
		{"/site/content", "content", false, true},
		{"/site/README.md", "", false, false},
		{"/site/public/index.html", "", false, false},
		{"/site/.git/index", "", false, false},
		{"/site/content/.a.md.swp", "", false, false},
		{"/site/content/a.md~", "", false, false},
		{"/site/content/4913", "", false, false},
		{"/site/content/.#a.md", "", false, false},
		{"/site/content/#a.md#", "", false, false},
		{"/site/content/.goutputstream-ABC123", "", false, false},
		{"/site/content/a.md.tmp", "", false, false},
		{"/site/content/jb_old___", "", false, false},
		{"/site/content/a.md___jb_tmp___", "", false, false},
		{"/site/content/a.md.bck", "", false, false},
		{"/site/content/.hidden/a.md", "", false, false},
		{"/mod/decision/engine.go", "", true, true},
		{"/mod/decision/wasm/main_js.go", "", true, true},
		{"/mod/decision/.engine.go.swp", "", false, false},
		{"/elsewhere/x.md", "", false, false},
	}
	for _, tt := range tests {
		rel, eng, ok := w.relevant(filepath.FromSlash(tt.path))
		if rel != tt.rel || eng != tt.engine || ok != tt.ok {
			t.Errorf("relevant(%s) = %q, %v, %v; want %q, %v, %v", tt.path, rel, eng, ok, tt.rel, tt.engine, tt.ok)
		}
	}
}

// nextBatch waits for the watcher's next batch.
func nextBatch(t *testing.T, w *watcher) build.Changes {
	t.Helper()
	select {
	case ch := <-w.batches:
		return ch
	case <-time.After(eventTimeout):
		t.Fatal("no batch of changes")
	}
	return build.Changes{}
}

// TestWatcherBackends runs the same changes through the system's
// notifications and through polling.
func TestWatcherBackends(t *testing.T) {
	backends := map[string]func(t *testing.T) backend{
		"notify": func(t *testing.T) backend {
			be, err := newNotifyBackend()
			if err != nil {
				t.Fatalf("file notifications: %v", err)
			}
			return be
		},
		"poll": func(t *testing.T) backend { return newPollBackend(10 * time.Millisecond) },
	}
	for name, newBE := range backends {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			engine := filepath.Join(t.TempDir(), "decision")
			writeFile(t, root, "content/_index.md", "---\ntitle: Home\n---\n")
			writeFile(t, engine, "engine.go", "package decision\n")
			w, err := watchWith(newBE(t), root, engine, func(err error) { t.Errorf("watch: %v", err) })
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { defer close(done); w.run(ctx) }()
			defer func() { cancel(); <-done }()

			// An edit, with an editor's swap file beside it.
			writeFile(t, root, "content/.page.md.swp", "junk")
			writeFile(t, root, "content/page.md", "---\ntitle: Page\n---\n")
			if ch := nextBatch(t, w); !slices.Contains(ch.Files, "content/page.md") || slices.Contains(ch.Files, "content/.page.md.swp") || ch.Engine {
				t.Errorf("batch %+v, want content/page.md", ch)
			}
			// A folder made later is watched, with what is in it.
			writeFile(t, root, "content/new/deeper/x.md", "---\ntitle: X\n---\n")
			ch := nextBatch(t, w)
			if !slices.ContainsFunc(ch.Files, func(f string) bool { return f == "content/new" || f == "content/new/deeper/x.md" }) {
				t.Errorf("batch %+v does not name the new folder", ch)
			}
			writeFile(t, root, "content/new/deeper/y.md", "---\ntitle: Y\n---\n")
			if ch := nextBatch(t, w); !slices.Contains(ch.Files, "content/new/deeper/y.md") {
				t.Errorf("batch %+v, want the file in the new folder", ch)
			}
			// A removed folder is reported.
			if err := os.RemoveAll(filepath.Join(root, "content", "new")); err != nil {
				t.Fatal(err)
			}
			if ch := nextBatch(t, w); !slices.ContainsFunc(ch.Files, func(f string) bool { return f == "content/new" || f == "content/new/deeper" }) {
				t.Errorf("batch %+v does not name the removed folder", ch)
			}
			// The config file, and the engine's Go sources.
			writeFile(t, root, "guidepost.yaml", "title: Changed\n")
			if ch := nextBatch(t, w); !slices.Contains(ch.Files, "guidepost.yaml") {
				t.Errorf("batch %+v, want guidepost.yaml", ch)
			}
			writeFile(t, engine, "engine.go", "package decision\n\n// changed\n")
			if ch := nextBatch(t, w); !ch.Engine || len(ch.Files) > 0 {
				t.Errorf("batch %+v, want the engine only", ch)
			}
		})
	}
}
