package site

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestUpdateBodiesChecksLinks edits bodies step by step: after each edit
// the diagnostics of UpdateBodies, which checks again only the links an
// edit can affect, equal those of a new Load, and undo brings back the
// site's checks as they were.
func TestUpdateBodiesChecksLinks(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"guidepost.yaml":         "title: T\n",
		"content/_index.md":      "---\ntitle: Home\n---\nHome.\n",
		"content/a/_index.md":    "---\ntitle: A\n---\nSection.\n",
		"content/a/target.md":    "---\ntitle: Target\n---\n## Kept\n\nText.\n",
		"content/a/linker.md":    "---\ntitle: Linker\n---\nSee [kept](target.md#kept).\n",
		"content/a/other.md":     "---\ntitle: Other\n---\n## Own\n\nSee [own](#own) and [home](/).\n",
		"content/a/unrelated.md": "---\ntitle: Unrelated\n---\nSee [linker](linker.md).\n",
		"content/a/by-url.md":    "---\ntitle: By URL\n---\nSee [kept](/a/target/#kept).\n",
	}
	for rel, data := range files {
		write(t, dir, rel, data)
	}
	cache := NewCache()
	opts := Options{Root: dir, Now: now, Cache: cache}
	s, diags := Load(opts)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	steps := []struct {
		name, file, body string
		problems         int // link problems the edit leaves
	}{
		{"anchor removed", "content/a/target.md", "## Renamed\n\nText.\n", 2},
		{"other page edited meanwhile", "content/a/unrelated.md", "See [linker](linker.md) again.\n", 2},
		{"anchor back", "content/a/target.md", "## Kept\n\nText again.\n", 0},
		{"new link to a missing anchor", "content/a/unrelated.md", "See [own](other.md#missing).\n", 1},
		{"the anchor appears", "content/a/other.md", "## Own\n\n## Missing\n\nSee [own](#own).\n", 0},
		{"and goes again", "content/a/other.md", "## Own\n\nSee [own](#own).\n", 1},
		{"self link broken", "content/a/other.md", "## Mine\n\nSee [own](#own).\n", 2},
		{"links fixed", "content/a/unrelated.md", "Nothing.\n", 1},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, st.file))
			if err != nil {
				t.Fatal(err)
			}
			front := string(src[:len(src)-len(frontmatter.Parse(st.file, src, &diag.List{}).Body)])
			write(t, dir, st.file, front+st.body)
			cache.Changed(st.file)
			got, undo, ok := s.UpdateBodies(opts, []string{st.file}, diags)
			if !ok {
				t.Fatal("a body edit was not updated in place")
			}
			_, want := Load(Options{Root: dir, Now: now})
			if !slices.Equal(got, want) {
				t.Fatalf("UpdateBodies reports\n%v\nwant, as Load does,\n%v", got, want)
			}
			if len(got) != st.problems {
				t.Errorf("%d problems, want %d: %v", len(got), st.problems, got)
			}
			// Undo, then update again: the same result.
			undo()
			cache.Changed(st.file)
			again, _, ok := s.UpdateBodies(opts, []string{st.file}, diags)
			if !ok || !slices.Equal(again, want) {
				t.Fatalf("after undo, UpdateBodies reports\n%v\nwant\n%v", again, want)
			}
			diags = got
		})
	}
}

var write = testsite.WriteFile
