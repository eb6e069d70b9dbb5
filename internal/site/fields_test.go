package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestForeignFields loads testdata/fields, written with the front matter
// of Hugo (YAML and TOML), and checks what an author moving from Hugo
// expects: slug and url set the URLs that links by path reach, a leaf
// bundle is at its folder, expired and future pages are left out,
// taxonomies come from guidepost.yaml and custom fields reach Params.
func TestForeignFields(t *testing.T) {
	s, diags := Load(Options{Root: filepath.Join("testdata", "fields"), Now: now})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	got := describe(s)
	assertModel(t, "fields.golden", got)

	post := s.PageByURL("/posts/a-post/")
	if post == nil || post.File != "content/posts/2024-01-02-first.md" {
		t.Fatalf("no page at the slug's URL /posts/a-post/: %v", post)
	}
	if post.Summary() != "desc" || post.Description() != "desc" || post.LinkTitle() != "Post" {
		t.Errorf("summary %q, description %q, link title %q", post.Summary(), post.Description(), post.LinkTitle())
	}
	if post.Params()["foo"] != "bar" || post.Params()["audience"] != "clinicians" {
		t.Errorf("params %v, want foo and audience", post.Params())
	}
	if post.TOC() != nil {
		t.Errorf("toc: false, but the page has a table of contents: %v", post.TOC())
	}
	if post.Image() != "/img/cover.png" {
		t.Errorf("image %q", post.Image())
	}
	if b := s.PageByURL("/posts/bundle/"); b == nil || b.Image() != "/posts/bundle/photo.png" {
		t.Errorf("the bundle is not at /posts/bundle/ with its photo: %v", b)
	}
	if got := s.Taxonomy("series"); got == nil || len(got.Terms) != 1 || len(got.Terms[0].Pages) != 2 {
		t.Errorf("series taxonomy: %+v", got)
	}
	for _, u := range []string{"/posts/expired/", "/posts/future/"} {
		if s.PageByURL(u) != nil {
			t.Errorf("%s is published", u)
		}
	}
	home := string(s.Home.Content())
	for _, href := range []string{`href="/posts/a-post/"`, `href="/elsewhere/moved/"`, `href="/posts/bundle/"`, `href="/series/basics/"`} {
		if !strings.Contains(home, href) {
			t.Errorf("home page lacks %s:\n%s", href, home)
		}
	}
}

// TestForeignFieldsRefused checks the slug, url and keys a site refuses,
// each named at its line.
func TestForeignFieldsRefused(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string
	}{
		{"slug with a slash", "content/a.md", "---\ntitle: A\nslug: x/y\n---\n", `content/a.md:3: slug "x/y" holds a /`},
		{"slug with spaces", "content/a.md", "---\ntitle: A\nslug: My Page\n---\n", `content/a.md:3: slug "My Page" holds a space, ?, # or %: write it as it is typed in a URL, such as "my-page"`},
		{"url to another site", "content/a.md", "---\ntitle: A\nurl: https://example.org/\n---\n", `content/a.md:3: url "https://example.org/" must be a path on this site`},
		{"url with ..", "content/a.md", "---\ntitle: A\nurl: /a/../b/\n---\n", `content/a.md:3: url "/a/../b/" must be a path from the site's root without . or .. folders`},
		{"slug on the home page", "content/_index.md", "---\ntitle: H\nslug: home\n---\n", "content/_index.md:3: `slug` does not apply to the home page"},
		{"slug taken by another page", "content/b.md", "---\ntitle: B\nslug: a\n---\n", "two pages at one URL /a/"},
		{"url taken by another page", "content/b.md", "---\ntitle: B\nurl: /a/\n---\n", "two pages at one URL /a/"},
		{"link to a path no page has", "content/b.md", "---\ntitle: B\n---\n[x](/posts/b/)\n", `content/b.md:4: link to "/posts/b/" but no page or file is published at /posts/b`},
		{"missing image", "content/b.md", "---\ntitle: B\nimages: [/img/none.png]\n---\n", `content/b.md:3: images: link to "/img/none.png" but no page or file is published at /img/none.png`},
		{"unknown key", "content/b.md", "---\ntitle: B\naudiance: all\n---\n", `content/b.md:3: unknown key "audiance" in front matter: did you mean "audience"?`},
		{"unknown key far from any", "content/b.md", "---\ntitle: B\nmood: calm\n---\n", `content/b.md:3: unknown key "mood" in front matter: put your own fields under params:, or declare the key in guidepost.yaml (front_matter: {extra: [mood]})`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			write := func(name, src string) {
				p := filepath.Join(root, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("guidepost.yaml", "front_matter: {extra: [audience]}\n")
			write("content/_index.md", "---\ntitle: Home\n---\n")
			write("content/a.md", "---\ntitle: A\n---\n")
			write(tt.file, tt.src)
			_, diags := Load(Options{Root: root, Now: now})
			var lines []string
			for _, d := range diags {
				lines = append(lines, d.String())
			}
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, tt.want) }) {
				t.Errorf("diagnostics %q lack %q", lines, tt.want)
			}
		})
	}
}
