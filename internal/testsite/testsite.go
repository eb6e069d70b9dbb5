// Package testsite helps tests build sites from the repository's own
// layouts and static files: it finds the repository and copies folders.
package testsite

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/guidepost/guidepost/internal/fileio"
)

// RepoRoot returns the folder holding go.mod above the test's working
// folder, failing the test when there is none.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// CopyTree copies the folder src to dst, creating dst and its folders
// (fileio.CopyTree), failing the test on error.
func CopyTree(tb testing.TB, src, dst string) {
	tb.Helper()
	if err := fileio.CopyTree(src, dst); err != nil {
		tb.Fatal(err)
	}
}

// WriteFile writes content to the slash-separated path rel below dir,
// creating folders, failing the test on error.
func WriteFile(tb testing.TB, dir, rel, content string) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// WriteFiles writes files (slash path → content) below dir, creating
// folders, failing the test on error.
func WriteFiles(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		WriteFile(tb, dir, name, content)
	}
}

// ReadTree returns the content of every file below dir by slash-separated
// relative path, failing the test on error.
func ReadTree(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// SkipShort skips a slow test under `go test -short`, the quick loop of
// development, saying why. It never skips in CI (CI=true), which runs every
// test: a slow test skipped there would be a check that never runs.
func SkipShort(tb testing.TB, why string) {
	tb.Helper()
	if testing.Short() && os.Getenv("CI") != "true" {
		tb.Skip(why)
	}
}
