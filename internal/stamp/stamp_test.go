package stamp

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/testsite"
)

var write = testsite.WriteFile

func newSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	write(t, site, "guidepost.yaml", "title: T\n")
	write(t, site, "content/_index.md", "---\ntitle: Home\n---\nHello.\n")
	write(t, site, "content/a/page.md", "---\ntitle: A\n---\nBody.\n")
	write(t, site, "layouts/baseof.html", "{{block \"main\" .}}{{end}}")
	write(t, site, "static/css/site.css", "body{}")
	return site
}

func digest(t *testing.T, in Inputs) string {
	t.Helper()
	d, err := in.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInputsDigest checks that every kind of change a build would see
// changes the digest, and that what a build does not read does not.
func TestInputsDigest(t *testing.T) {
	tests := []struct {
		name    string
		change  func(t *testing.T, site string, in *Inputs)
		changes bool
	}{
		{"nothing", func(*testing.T, string, *Inputs) {}, false},
		{"a page edited", func(t *testing.T, site string, _ *Inputs) {
			write(t, site, "content/a/page.md", "---\ntitle: A\n---\nBody!\n")
		}, true},
		{"a page added", func(t *testing.T, site string, _ *Inputs) { write(t, site, "content/a/new.md", "x") }, true},
		{"a page removed", func(t *testing.T, site string, _ *Inputs) { os.Remove(filepath.Join(site, "content/a/page.md")) }, true},
		{"a page renamed", func(t *testing.T, site string, _ *Inputs) {
			os.Rename(filepath.Join(site, "content/a/page.md"), filepath.Join(site, "content/a/moved.md"))
		}, true},
		{"the config edited", func(t *testing.T, site string, _ *Inputs) { write(t, site, "guidepost.yaml", "title: U\n") }, true},
		{"a layout edited", func(t *testing.T, site string, _ *Inputs) { write(t, site, "layouts/baseof.html", "x") }, true},
		{"a static file added", func(t *testing.T, site string, _ *Inputs) { write(t, site, "static/robots.txt", "x") }, true},
		{"an option changed", func(_ *testing.T, _ string, in *Inputs) { in.Options = append(in.Options, "drafts true") }, true},
		{"a file touched, same bytes", func(t *testing.T, site string, _ *Inputs) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(site, "content/a/page.md"), later, later)
		}, false},
		{"a file outside what a build reads", func(t *testing.T, site string, _ *Inputs) { write(t, site, "notes.txt", "x") }, false},
		{"the output folder inside the site", func(t *testing.T, site string, _ *Inputs) { write(t, site, "public/index.html", "x") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := newSite(t)
			in := Inputs{Source: site, Options: []string{"dest /x"}}
			before := digest(t, in)
			if again := digest(t, in); again != before {
				t.Fatal("two digests of the same site differ")
			}
			tt.change(t, site, &in)
			if changed := digest(t, in) != before; changed != tt.changes {
				t.Errorf("digest changed: %v, want %v", changed, tt.changes)
			}
		})
	}
}

func TestInputsDigestOfUnreadableSite(t *testing.T) {
	site := newSite(t)
	if err := os.Symlink(filepath.Join(site, "missing"), filepath.Join(site, "content", "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := (Inputs{Source: site}).Digest(); err == nil {
		t.Error("a file that cannot be read gave a digest: a build would fail on it, so nothing is up to date")
	}
}

func TestOutputDigest(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, out string)
	}{
		{"a file edited", func(t *testing.T, out string) { write(t, out, "index.html", "<p>edited</p>") }},
		{"a file added", func(t *testing.T, out string) { write(t, out, "extra.html", "x") }},
		{"a file removed", func(t *testing.T, out string) { os.Remove(filepath.Join(out, "a/index.html")) }},
		{"a file touched", func(t *testing.T, out string) {
			later := time.Now().Add(time.Hour)
			os.Chtimes(filepath.Join(out, "index.html"), later, later)
		}},
		{"the folder removed", func(t *testing.T, out string) { os.RemoveAll(out) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			write(t, out, "index.html", "<p>home</p>")
			write(t, out, "a/index.html", "<p>a</p>")
			before, err := OutputDigest(out)
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := OutputDigest(out); again != before {
				t.Fatal("two digests of the same folder differ")
			}
			tt.change(t, out)
			if after, err := OutputDigest(out); err == nil && after == before {
				t.Error("the digest did not change")
			}
		})
	}
}

func TestStore(t *testing.T) {
	st := NewStore(filepath.Join(t.TempDir(), "builds"))
	if _, ok := st.Load("public"); ok {
		t.Fatal("a stamp was found in an empty store")
	}
	want := &Stamp{Inputs: "i", Output: "o", Pages: 3, Files: 7, Warnings: []string{"a.md:1: review overdue"}}
	if err := st.Save("public", want); err != nil {
		t.Fatal(err)
	}
	got, ok := st.Load("public")
	if !ok || got.Inputs != "i" || got.Output != "o" || got.Pages != 3 || got.Files != 7 || len(got.Warnings) != 1 {
		t.Fatalf("Load = %+v, %v", got, ok)
	}
	if _, ok := st.Load("other"); ok {
		t.Error("another output folder's stamp was found")
	}
	p, _ := st.file("public")
	for _, bad := range []string{"", "{", `{"Format":99,"Inputs":"i"}`} {
		os.WriteFile(p, []byte(bad), 0o644)
		if _, ok := st.Load("public"); ok {
			t.Errorf("stamp %q was trusted", bad)
		}
	}
	st.Save("public", want)
	st.Forget("public")
	if _, ok := st.Load("public"); ok {
		t.Error("a forgotten stamp was found")
	}
}

func TestStoreKeepsTheNewestStamps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "builds")
	st := NewStore(dir)
	for i := range maxStamps + 5 {
		if err := st.Save(filepath.Join("out", string(rune('a'+i%26)), string(rune('a'+i/26))), &Stamp{}); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != maxStamps {
		t.Errorf("%d stamps kept, want %d", len(entries), maxStamps)
	}
	if _, ok := st.Load(filepath.Join("out", string(rune('a'+(maxStamps+4)%26)), string(rune('a'+(maxStamps+4)/26)))); !ok {
		t.Error("the newest stamp was pruned")
	}
}
