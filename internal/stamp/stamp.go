// Package stamp tells whether a build's output is up to date. After a
// successful build it records a digest of everything the build read (the
// site's files, the options, the guidepost binary, the date) and of the
// output folder it wrote; the next build of the same site into the same
// folder skips all its work when neither digest changed, as make and ninja
// do. Stamps live in the user's cache folder, never in the output, which
// is published as it is.
package stamp

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"

	"github.com/guidepost/guidepost/internal/parallel"
)

// format changes whenever what a stamp covers changes, so stamps written
// by another guidepost are never trusted.
const format = 2

// Stamp is what a successful build records.
type Stamp struct {
	Format int
	// Inputs is the digest of what the build read (see Inputs.Digest).
	Inputs string
	// Output is the digest of the output folder as the build left it (see
	// OutputDigest).
	Output       string
	Pages, Files int
	// Warnings are the build's problems that did not fail it, as printed,
	// so an up-to-date build still shows them.
	Warnings []string
}

// Inputs names what a build reads besides its options.
type Inputs struct {
	Source string // the site folder
	// Options lists everything else that shapes the output, one string
	// each: flags, the guidepost version, the date.
	Options []string
	// Folders are other folders the build reads, such as a theme folder
	// outside the site; their files are hashed like the site's.
	Folders []string
}

// siteParts are the files and folders of a site that a build reads.
var siteParts = []string{"guidepost.yaml", "content", "layouts", "static", "i18n"}

// Digest hashes the options, the running executable (its path, size and
// modification time) and the path and content of every file of the
// site's guidepost.yaml, content/, layouts/, static/ and i18n/. A file that
// cannot be read is an error: nothing can be said to be up to date.
func (in Inputs) Digest() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "stamp %d\n", format)
	for _, o := range in.Options {
		fmt.Fprintf(h, "option %q\n", o)
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			fmt.Fprintf(h, "executable %q %d %d\n", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	var files []string
	roots := make([]string, 0, len(siteParts)+len(in.Folders))
	for _, part := range siteParts {
		roots = append(roots, filepath.Join(in.Source, part))
	}
	roots = append(roots, in.Folders...)
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return nil // an optional part the site does not have
			}
			if err != nil {
				return err
			}
			if !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("hash site files: %w", err)
		}
	}
	sums, err := hashFiles(files)
	if err != nil {
		return "", err
	}
	for i, p := range files {
		name := p
		if rel, err := filepath.Rel(in.Source, p); err == nil && filepath.IsLocal(rel) {
			name = rel
		}
		fmt.Fprintf(h, "file %q %x\n", filepath.ToSlash(name), sums[i])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashFiles returns the SHA-256 of each file's content (of its target, for
// a symbolic link), reading several at once.
func hashFiles(files []string) ([][sha256.Size]byte, error) {
	sums := make([][sha256.Size]byte, len(files))
	errs := make([]error, len(files))
	// Twice as many readers as cores: reading small files waits on system calls.
	parallel.Workers(len(files), 2*runtime.GOMAXPROCS(0), func() func(int) {
		return func(i int) {
			sum, err := hashFile(files[i])
			if err != nil {
				errs[i] = fmt.Errorf("hash site files: %w", err)
				return
			}
			sums[i] = sum
		}
	})
	return sums, errors.Join(errs...)
}

// hashFile returns the SHA-256 of a regular file's content. Anything else
// (a named pipe, a device) is an error: reading it could block or never
// end, and a build rejects it anyway.
func hashFile(name string) ([sha256.Size]byte, error) {
	// Stat before opening: opening a named pipe blocks.
	fi, err := os.Stat(name)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	if !fi.Mode().IsRegular() {
		return [sha256.Size]byte{}, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [sha256.Size]byte{}, err
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum, nil
}

// OutputDigest hashes the listing of the folder dest: every file's path,
// size, mode and modification time. Any file added, removed, replaced or
// edited since changes it.
func OutputDigest(dest string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		fmt.Fprintf(h, "%q %v %d %d\n", filepath.ToSlash(rel), fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("list output folder: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Store keeps stamps in a folder, one per output folder.
type Store struct{ dir string }

// NewStore returns a store in dir, created when first written.
func NewStore(dir string) *Store { return &Store{dir: dir} }

// file is the stamp's file for the output folder dest.
func (st *Store) file(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(st.dir, hex.EncodeToString(sum[:12])+".json"), nil
}

// Load returns the stamp of the last successful build into dest; ok is
// false when there is none or it cannot be read or is of another format.
func (st *Store) Load(dest string) (s *Stamp, ok bool) {
	p, err := st.file(dest)
	if err != nil {
		return nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	s = &Stamp{}
	if json.Unmarshal(data, s) != nil || s.Format != format {
		return nil, false
	}
	return s, true
}

// Save records s as the stamp of dest, replacing the file atomically.
func (st *Store) Save(dest string, s *Stamp) error {
	p, err := st.file(dest)
	if err != nil {
		return err
	}
	s.Format = format
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(st.dir, 0o755); err != nil {
		return fmt.Errorf("save build stamp: %w", err)
	}
	tmp, err := os.CreateTemp(st.dir, ".stamp-*")
	if err != nil {
		return fmt.Errorf("save build stamp: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("save build stamp: %w", err)
	}
	st.prune(maxStamps)
	return nil
}

// maxStamps bounds the stamps kept: one per output folder built into,
// the least recently written removed first.
const maxStamps = 64

// prune removes all but the n most recently written stamps.
func (st *Store) prune(n int) {
	entries, err := os.ReadDir(st.dir)
	if err != nil || len(entries) <= n {
		return
	}
	type stamped struct {
		path string
		mod  int64
	}
	var all []stamped
	for _, e := range entries {
		if fi, err := e.Info(); err == nil && !e.IsDir() {
			all = append(all, stamped{filepath.Join(st.dir, e.Name()), fi.ModTime().UnixNano()})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].mod > all[j].mod })
	for _, s := range all[min(n, len(all)):] {
		os.Remove(s.path)
	}
}

// Forget removes the stamp of dest, so the next build runs in full.
func (st *Store) Forget(dest string) {
	if p, err := st.file(dest); err == nil {
		os.Remove(p)
	}
}
