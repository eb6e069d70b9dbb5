package theme

import (
	"errors"
	"io/fs"
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

// TestLinksOutOfTheSite: a layer follows a link only inside the site (and
// a theme folder inside it or its theme folder), and names a link out.
func TestLinksOutOfTheSite(t *testing.T) {
	work := t.TempDir()
	root := filepath.Join(work, "site")
	write(t, work, "secret.html", "secret")
	write(t, root, "layouts/inside.html", "inside")
	write(t, work, "theme/layouts/own.html", "theme's own")
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	link("../../secret.html", "layouts/out.html")
	link("inside.html", "layouts/in.html")
	if err := os.Symlink("own.html", filepath.Join(work, "theme", "layouts", "own-link.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../secret.html", filepath.Join(work, "theme", "layouts", "out.html")); err != nil {
		t.Fatal(err)
	}
	s, err := New(root, filepath.Join(work, "theme"), nil)
	if err != nil {
		t.Fatal(err)
	}
	files, err := s.Files("layouts", s.Layers[:2])
	var links *LinksError
	if !errors.As(err, &links) || len(links.Links) != 1 || links.Links[0].Name != "layouts/out.html" || !strings.Contains(links.Links[0].Target, "secret.html") {
		t.Fatalf("Files: %v; want the one link layouts/out.html refused", err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Name())
		if _, err := f.Read(); err != nil {
			t.Errorf("%s: %v", f.Name(), err)
		}
	}
	if got := strings.Join(names, " "); got != "layouts/in.html layouts/inside.html "+filepath.ToSlash(filepath.Join(work, "theme"))+"/layouts/own-link.html "+filepath.ToSlash(filepath.Join(work, "theme"))+"/layouts/own.html" {
		t.Errorf("files: %s", got)
	}
	// A read through the layer is refused too, whatever the listing said.
	var le *LinkError
	if _, err := fs.ReadFile(s.Layers[1].FS, "layouts/out.html"); !errors.As(err, &le) || !strings.Contains(le.Within, "theme folder") {
		t.Errorf("reading the theme's link out: %v, want a *LinkError", err)
	}
}
