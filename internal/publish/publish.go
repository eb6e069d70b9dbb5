// Package publish writes a build into a temporary folder beside the
// destination and swaps it in only when the build succeeded, so a failed or
// interrupted build leaves the previous output exactly as it was.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// tempPrefix marks the folders a build writes into; leftovers of killed
// builds are removed by the next build.
const tempPrefix = ".guidepost-tmp-"

// Dir is a temporary output folder that becomes the destination on Commit.
type Dir struct {
	dest   string
	tmp    string
	unlock func()
	root   *root    // the open temporary folder files are created in
	made   sync.Map // folders already created, relative to tmp
}

// Marker is the file every build writes into its output folder. A
// non-empty folder without it was not written by guidepost (or by one
// older than the marker), so a build refuses to replace it: a mistyped
// --dest must never delete a user's files.
const Marker = ".guidepost-build"

// markerText is the marker's content, for whoever finds the file.
const markerText = "written by guidepost build; this folder is replaced by each build\n"

// Options adjust Begin.
type Options struct {
	// Wrote, when not nil, reports whether guidepost wrote the existing
	// destination although it holds no Marker: the output of a guidepost
	// older than the marker, recognised by the record of the last build
	// into it. It is asked only about a non-empty folder without the
	// marker; nil means such a folder is never replaced.
	Wrote func() bool
}

// Begin creates a temporary folder beside dest. It refuses a destination
// that holds a site's sources or a repository, or any non-empty folder
// guidepost did not write, so a mistyped --dest cannot replace it.
func Begin(dest string) (*Dir, error) { return BeginWith(dest, Options{}) }

// BeginWith is Begin with options.
func BeginWith(dest string, opts Options) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dest, err)
	}
	if err := checkDest(abs, opts.Wrote); err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	// Builds into one parent folder take turns, so one never removes the
	// temporary folder of another as a leftover.
	unlock, err := lock(parent)
	if err != nil {
		return nil, fmt.Errorf("lock output folder %s: %w", abs, err)
	}
	removeLeftovers(parent, filepath.Base(abs))
	tmp, err := os.MkdirTemp(parent, tempPrefix+filepath.Base(abs)+"-")
	if err != nil {
		unlock()
		return nil, fmt.Errorf("create temporary output folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		unlock()
		return nil, fmt.Errorf("create temporary output folder: %w", err)
	}
	r, err := openRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		unlock()
		return nil, fmt.Errorf("open temporary output folder: %w", err)
	}
	return &Dir{dest: abs, tmp: tmp, unlock: unlock, root: r}, nil
}

// checkDest refuses a destination that is a file, holds a site's sources,
// a repository or a Go module, or is a non-empty folder that has no Marker
// and that wrote does not vouch for.
func checkDest(abs string, wrote func() bool) error {
	fi, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output folder %s: %w", abs, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("output folder %s is a file: choose another --dest", abs)
	}
	for _, precious := range []string{"guidepost.yaml", "content", ".git", "go.mod"} {
		if _, err := os.Stat(filepath.Join(abs, precious)); err == nil {
			return fmt.Errorf("output folder %s contains %s, so it is not a build output: choose another --dest (the build replaces the whole folder)", abs, precious)
		}
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", abs, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if fi, err := os.Lstat(filepath.Join(abs, Marker)); err == nil && fi.Mode().IsRegular() {
		return nil
	}
	if wrote != nil && wrote() {
		return nil
	}
	return fmt.Errorf("output folder %s was not written by guidepost build (it has no %s file) and holds files such as %s, which the build would delete: choose an empty or new --dest, or delete it yourself",
		abs, Marker, sampleFile(abs))
}

// sampleFile names a file below dir, relative to it, for a message: the
// first file in lexical order, else the first folder.
func sampleFile(dir string) string {
	var first, file string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if first == "" {
			first = rel
		}
		if !d.IsDir() {
			file = rel
			return fs.SkipAll
		}
		return nil
	})
	if file != "" {
		return file
	}
	return first
}

func removeLeftovers(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), tempPrefix+base+"-") {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// Path is the temporary folder being written.
func (d *Dir) Path() string { return d.tmp }

// WriteFile writes a file below the temporary folder, creating folders as
// needed. name is slash-separated and relative. It is safe for concurrent use.
//
// Creating files is most of a build's system calls, so each costs as few as
// it can: every folder is created once (parents before children, remembered,
// never checked with a stat first), and on Unix a file is one openat
// relative to the open temporary folder (O_CREAT|O_EXCL: the folder is new,
// so the file is too), its writes and a close, without the fcntl and epoll
// calls os.OpenFile makes to try a regular file with the poller.
func (d *Dir) WriteFile(name string, data []byte) error {
	rel, err := d.rel(name)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(rel); dir != "." {
		if err := d.mkdirs(dir); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := d.root.create(rel, data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// mkdirs creates the folder dir (relative to the temporary folder) and the
// parents it lacks, each at most once. Writers creating the same folder at
// once both succeed: one of them finds it made.
func (d *Dir) mkdirs(dir string) error {
	if _, ok := d.made.Load(dir); ok {
		return nil
	}
	if parent := filepath.Dir(dir); parent != "." {
		if err := d.mkdirs(parent); err != nil {
			return err
		}
	}
	if err := d.root.mkdir(dir); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	d.made.Store(dir, true)
	return nil
}

// rel cleans name into a path relative to the temporary folder, refusing
// one that would leave it.
func (d *Dir) rel(name string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(name))
	if !filepath.IsLocal(clean) {
		return "", fmt.Errorf("write %s: path leaves the output folder", name)
	}
	return clean, nil
}

// Commit writes the Marker, makes the temporary folder the destination
// and removes the old output.
func (d *Dir) Commit() error {
	defer d.unlock()
	if err := d.root.close(); err != nil {
		return fmt.Errorf("close temporary output folder: %w", err)
	}
	if err := os.WriteFile(filepath.Join(d.tmp, Marker), []byte(markerText), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", Marker, err)
	}
	if _, err := os.Lstat(d.dest); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(d.tmp, d.dest); err != nil {
			return fmt.Errorf("move output into place: %w", err)
		}
		return nil
	}
	if err := exchange(d.tmp, d.dest); err == nil {
		os.RemoveAll(d.tmp) // now holds the previous output
		return nil
	}
	old := d.tmp + "-old"
	if err := os.Rename(d.dest, old); err != nil {
		return fmt.Errorf("move previous output aside: %w", err)
	}
	if err := os.Rename(d.tmp, d.dest); err != nil {
		os.Rename(old, d.dest)
		return fmt.Errorf("move output into place: %w", err)
	}
	os.RemoveAll(old)
	return nil
}

// Abort removes the temporary folder, leaving the destination untouched.
func (d *Dir) Abort() {
	d.root.close()
	os.RemoveAll(d.tmp)
	d.unlock()
}
