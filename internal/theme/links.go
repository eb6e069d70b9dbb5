package theme

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LinkError reports a symbolic link whose target lies outside the folders
// a layer may publish from: a link to /etc/passwd in static/, or a partial
// linked to a file elsewhere, would put that file on every page.
type LinkError struct {
	// Name is the link's path for authors ("static/pw.txt",
	// "themes/plain/layouts/x.html").
	Name string
	// Target is the file the link leads to, all links resolved.
	Target string
	// Within says where a target must lie: "the site", or "the site or
	// the theme folder themes/plain".
	Within string
}

// Message is the error without the link's name, for a diagnostic that
// names the file itself.
func (e *LinkError) Message() string {
	return "symbolic link to a file outside " + e.Within + " (" + e.Target + "): copy the file into the site instead of linking to it, or remove the link"
}

func (e *LinkError) Error() string { return e.Name + ": " + e.Message() }

// Resolve returns the path p leads to once every symbolic link in it is
// followed, and whether that path lies inside one of roots (folders
// already resolved, see ResolveRoot). The error is that of a link that
// leads nowhere.
func Resolve(p string, roots []string) (string, bool, error) {
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return "", false, err
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return "", false, err
	}
	for _, r := range roots {
		if within(real, r) {
			return real, true, nil
		}
	}
	return real, false, nil
}

// ResolveRoot returns the absolute path of the folder dir with its
// symbolic links followed, the form Resolve compares with; dir itself
// when it cannot be resolved.
func ResolveRoot(dir string) string {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Clean(dir)
}

// within reports whether p is root or lies below it.
func within(p, root string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

// diskFS is a layer's folder on disk, as os.DirFS, that follows a symbolic
// link only when it leads inside the layer's allowed folders: the site
// for the site's own files, the site or the theme folder for a theme
// folder's. Opening a link out of them fails with a *LinkError.
type diskFS struct {
	dir    string
	prefix string   // the layer's Prefix, to name files in errors
	roots  []string // resolved folders links may lead into
	within string   // LinkError.Within
}

func (f *diskFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(f.dir, filepath.FromSlash(name))
	real, ok, err := Resolve(full, f.roots)
	if err != nil {
		// Let the open report what is wrong (missing, a loop, no access).
		return os.DirFS(f.dir).Open(name)
	}
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &LinkError{Name: f.prefix + name, Target: real, Within: f.within}}
	}
	return os.Open(real)
}

// checkLink returns the *LinkError of the entry at name when it is a
// symbolic link that leads out of the layer's allowed folders.
func (l *Layer) checkLink(name string, d fs.DirEntry) *LinkError {
	df, ok := l.FS.(*diskFS)
	if !ok || d.Type()&fs.ModeSymlink == 0 {
		return nil
	}
	_, err := fs.Stat(df, name)
	var le *LinkError
	if errors.As(err, &le) {
		return le
	}
	return nil
}

// LinksError lists the files of a Stack.Files listing that were left out
// because they are links out of the site.
type LinksError struct{ Links []*LinkError }

func (e *LinksError) Error() string {
	msgs := make([]string, len(e.Links))
	for i, l := range e.Links {
		msgs[i] = l.Error()
	}
	return strings.Join(msgs, "; ")
}
