// Package theme finds a site's layouts and static files in their lookup
// order, as Hugo does: the site's own layouts/ and static/ first, then the
// theme folder its guidepost.yaml names (`theme:`), then the default theme
// built into the binary. A file found in an earlier layer hides the file
// of the same path in the later ones, so a site overrides one partial or
// one stylesheet without copying the rest.
package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/guidepost/guidepost"
)

// Layer is one place layouts and static files are looked up in.
type Layer struct {
	// Prefix is put before a file's path to name it for authors: "" for
	// the site itself ("layouts/x.html"), the theme folder's path from the
	// site for a theme folder ("themes/plain/layouts/x.html"), and
	// BuiltInPrefix for the default theme.
	Prefix string
	// Dir is the folder on disk; "" for the built-in theme.
	Dir string
	// FS holds the layer's layouts/ and static/ folders.
	FS fs.FS
}

// BuiltIn reports whether the layer is the theme built into the binary.
func (l *Layer) BuiltIn() bool { return l.Dir == "" }

// BuiltInPrefix names the built-in theme's files in messages.
const BuiltInPrefix = "(built-in theme) "

// Where describes the layer for a message: "the site (/abs/site)",
// "the theme folder themes/plain" or "the built-in theme".
func (l *Layer) Where() string {
	switch {
	case l.BuiltIn():
		return "the built-in theme"
	case l.Prefix == "":
		return "the site (" + l.Dir + ")"
	default:
		return "the theme folder " + strings.TrimSuffix(l.Prefix, "/")
	}
}

// Stack is a site's lookup order: the site, an optional theme folder, the
// built-in theme.
type Stack struct {
	Layers []*Layer
	// Ignore reports names that are skipped (hidden and editors'
	// temporary files); nil skips none.
	Ignore func(name string) bool
}

// New returns the lookup order of the site in root. themeDir is the
// config's `theme:`, a folder relative to root (or absolute) holding
// layouts/ and static/ folders, "" when there is none. The error says why
// the theme folder cannot be used; the stack is usable without it then.
func New(root, themeDir string, ignore func(string) bool) (*Stack, error) {
	s := &Stack{Ignore: ignore}
	siteRoot := ResolveRoot(root)
	s.Layers = append(s.Layers, &Layer{Dir: root, FS: &diskFS{dir: root, roots: []string{siteRoot}, within: "the site"}})
	var err error
	if themeDir != "" {
		dir := themeDir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(root, filepath.FromSlash(dir))
		}
		fi, statErr := os.Stat(dir)
		switch {
		case statErr != nil:
			err = fmt.Errorf("theme folder %s does not exist: create it with layouts/ and static/ folders, or remove `theme`", themeDir)
		case !fi.IsDir():
			err = fmt.Errorf("theme %s is a file, not a folder", themeDir)
		default:
			prefix := strings.TrimSuffix(filepath.ToSlash(themeDir), "/") + "/"
			fsys := &diskFS{dir: dir, prefix: prefix, roots: []string{ResolveRoot(dir), siteRoot}, within: "the site or the theme folder " + strings.TrimSuffix(prefix, "/")}
			s.Layers = append(s.Layers, &Layer{Prefix: prefix, Dir: dir, FS: fsys})
		}
	}
	s.Layers = append(s.Layers, &Layer{Prefix: BuiltInPrefix, FS: guidepost.DefaultTheme()})
	return s, err
}

// Site returns the site's own layer.
func (s *Stack) Site() *Layer { return s.Layers[0] }

// Themes returns the layers after the site's: the theme folder, if any,
// and the built-in theme.
func (s *Stack) Themes() []*Layer { return s.Layers[1:] }

// File is a file found in a layer.
type File struct {
	// Rel is its slash path in the layer: "layouts/_default/single.html".
	Rel   string
	Layer *Layer
}

// Name names the file for authors: "layouts/x.html" for a site file,
// "themes/plain/layouts/x.html", "(built-in theme) layouts/x.html".
func (f File) Name() string { return f.Layer.Prefix + f.Rel }

// Read returns the file's content.
func (f File) Read() ([]byte, error) { return fs.ReadFile(f.Layer.FS, f.Rel) }

// Files lists the files below the folder dir ("layouts", "static") of
// the given layers, each path once, from the first layer that has it,
// sorted by path. A layer without the folder adds nothing.
//
// A symbolic link that leads out of the site (or, in a theme folder, out
// of the site and the theme folder) is left out of the listing, and does
// not let a later layer's file of its path in either: the files are
// returned with a *LinksError naming the links.
func (s *Stack) Files(dir string, layers []*Layer) ([]File, error) {
	seen := map[string]bool{}
	var out []File
	var refused []*LinkError
	for _, l := range layers {
		err := fs.WalkDir(l.FS, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == dir && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if p != dir && s.Ignore != nil && s.Ignore(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || seen[p] {
				return nil
			}
			seen[p] = true
			if le := l.checkLink(p, d); le != nil {
				refused = append(refused, le)
				return nil
			}
			out = append(out, File{Rel: p, Layer: l})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read %s%s: %w", l.Prefix, dir, err)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rel < out[j].Rel })
	if len(refused) > 0 {
		return out, &LinksError{Links: refused}
	}
	return out, nil
}

// Lookup returns the file at the slash path rel ("layouts/index.html")
// from the first layer that has it.
func (s *Stack) Lookup(rel string) (File, bool) {
	rel = path.Clean(rel)
	for _, l := range s.Layers {
		if fi, err := fs.Stat(l.FS, rel); err == nil && !fi.IsDir() {
			return File{Rel: rel, Layer: l}, true
		}
	}
	return File{}, false
}

// Describe lists where a file was looked for, for a message: "the site
// (/abs/site), the theme folder themes/plain and the built-in theme".
func (s *Stack) Describe() string {
	var parts []string
	for _, l := range s.Layers {
		parts = append(parts, l.Where())
	}
	switch len(parts) {
	case 1:
		return parts[0]
	default:
		return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
}
