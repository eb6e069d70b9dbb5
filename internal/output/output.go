// Package output writes a build into a temporary folder beside the
// destination and swaps it in only when the build succeeded, so a failed or
// interrupted build leaves the previous output exactly as it was.
package output

import (
	"errors"
	"fmt"
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
	made   sync.Map // folders already created
}

// Begin creates a temporary folder beside dest. It refuses a destination
// that holds a site's sources or a repository, so a mistyped --dest cannot
// replace them.
func Begin(dest string) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", dest, err)
	}
	if err := checkDest(abs); err != nil {
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
	return &Dir{dest: abs, tmp: tmp, unlock: unlock}, nil
}

func checkDest(abs string) error {
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
	return nil
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
func (d *Dir) WriteFile(name string, data []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if dir := filepath.Dir(p); !d.madeDir(dir) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		d.made.Store(dir, true)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

func (d *Dir) madeDir(dir string) bool {
	_, ok := d.made.Load(dir)
	return ok
}

func (d *Dir) path(name string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(name))
	if !filepath.IsLocal(clean) {
		return "", fmt.Errorf("write %s: path leaves the output folder", name)
	}
	return filepath.Join(d.tmp, clean), nil
}

// Commit makes the temporary folder the destination and removes the old
// output.
func (d *Dir) Commit() error {
	defer d.unlock()
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
	os.RemoveAll(d.tmp)
	d.unlock()
}
