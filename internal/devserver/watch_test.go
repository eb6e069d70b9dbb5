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
	w := &watcher{root: root}
	tests := []struct {
		path string
		rel  string
		ok   bool
	}{
		{"/site/content/a.md", "content/a.md", true},
		{"/site/content/deep/img.png", "content/deep/img.png", true},
		{"/site/layouts/_default/single.html", "layouts/_default/single.html", true},
		{"/site/static/css/site.css", "static/css/site.css", true},
		{"/site/guidepost.yaml", "guidepost.yaml", true},
		{"/site/content", "content", true},
		{"/site/README.md", "", false},
		{"/site/public/index.html", "", false},
		{"/site/.git/index", "", false},
		{"/site/content/.a.md.swp", "", false},
		{"/site/content/a.md~", "", false},
		{"/site/content/4913", "", false},
		{"/site/content/.#a.md", "", false},
		{"/site/content/#a.md#", "", false},
		{"/site/content/.goutputstream-ABC123", "", false},
		{"/site/content/a.md.tmp", "", false},
		{"/site/content/jb_old___", "", false},
		{"/site/content/a.md___jb_tmp___", "", false},
		{"/site/content/a.md.bck", "", false},
		{"/site/content/.hidden/a.md", "", false},
		{"/mod/decision/engine.go", "", false},
		{"/elsewhere/x.md", "", false},
	}
	for _, tt := range tests {
		rel, ok := w.relevant(filepath.FromSlash(tt.path))
		if rel != tt.rel || ok != tt.ok {
			t.Errorf("relevant(%s) = %q, %v; want %q, %v", tt.path, rel, ok, tt.rel, tt.ok)
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
			writeFile(t, root, "content/_index.md", "---\ntitle: Home\n---\n")
			w, err := watchWith(newBE(t), root, func(err error) { t.Errorf("watch: %v", err) })
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
			if ch := nextBatch(t, w); !slices.Contains(ch.Files, "content/page.md") || slices.Contains(ch.Files, "content/.page.md.swp") {
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
			// The config file.
			writeFile(t, root, "guidepost.yaml", "title: Changed\n")
			if ch := nextBatch(t, w); !slices.Contains(ch.Files, "guidepost.yaml") {
				t.Errorf("batch %+v, want guidepost.yaml", ch)
			}
		})
	}
}
