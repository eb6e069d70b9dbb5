package theme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLookupOrder(t *testing.T) {
	root := t.TempDir()
	write(t, root, "layouts/partials/footer.html", "site footer")
	write(t, root, "layouts/.footer.html.swp", "editor junk")
	write(t, root, "themes/plain/layouts/partials/footer.html", "theme footer")
	write(t, root, "themes/plain/layouts/partials/header.html", "theme header")
	write(t, root, "themes/plain/static/css/site.css", "theme css")
	s, err := New(root, "themes/plain", func(name string) bool { return strings.HasPrefix(name, ".") })
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ rel, from, content string }{
		{"layouts/partials/footer.html", "layouts/partials/footer.html", "site footer"},
		{"layouts/partials/header.html", "themes/plain/layouts/partials/header.html", "theme header"},
		{"static/css/site.css", "themes/plain/static/css/site.css", "theme css"},
		{"layouts/_default/baseof.html", BuiltInPrefix + "layouts/_default/baseof.html", ""},
	} {
		f, ok := s.Lookup(tt.rel)
		if !ok || f.Name() != tt.from {
			t.Errorf("Lookup(%s) = %q, %v; want it from %q", tt.rel, f.Name(), ok, tt.from)
			continue
		}
		data, err := f.Read()
		if err != nil || (tt.content != "" && string(data) != tt.content) {
			t.Errorf("%s: read %q, %v; want %q", tt.rel, data, err, tt.content)
		}
	}
	files, err := s.Files("layouts", s.Layers)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for _, f := range files {
		if prev, dup := seen[f.Rel]; dup {
			t.Errorf("%s listed twice (%s and %s)", f.Rel, prev, f.Name())
		}
		seen[f.Rel] = f.Name()
	}
	if got := seen["layouts/partials/footer.html"]; got != "layouts/partials/footer.html" {
		t.Errorf("footer listed from %q, want the site's", got)
	}
	if _, ok := seen["layouts/.footer.html.swp"]; ok {
		t.Error("an ignored file was listed")
	}
	if got := seen["layouts/_default/single.html"]; got != BuiltInPrefix+"layouts/_default/single.html" {
		t.Errorf("single.html listed from %q, want the built-in theme", got)
	}
	if d := s.Describe(); d != "the site ("+root+"), the theme folder themes/plain and the built-in theme" {
		t.Errorf("Describe() = %q", d)
	}
}

func TestThemeFolderErrors(t *testing.T) {
	root := t.TempDir()
	write(t, root, "themes/file", "not a folder")
	for _, tt := range []struct{ dir, want string }{
		{"themes/missing", "theme folder themes/missing does not exist"},
		{"themes/file", "theme themes/file is a file, not a folder"},
	} {
		s, err := New(root, tt.dir, nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%q): error %v, want %q", tt.dir, err, tt.want)
		}
		if len(s.Layers) != 2 || !s.Layers[1].BuiltIn() {
			t.Errorf("New(%q) without its theme folder: %d layers, want the site and the built-in theme", tt.dir, len(s.Layers))
		}
	}
}
