package wasmbuild

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// keyVersion changes when the way the engine is built changes, so old
// cache entries are not reused.
const keyVersion = "guidepost-wasm 1"

// buildFlags are the flags of `go build` besides -o.
var buildFlags = []string{"-trimpath", "-ldflags=-s -w"}

// Key returns the cache key of the engine in the module folder dir when
// compiled by Go goVersion: the hex SHA-256 of the Go files (tests left out)
// of every package under decision/ and of the module's packages they import,
// go.mod, go.sum, goVersion, the build flags and $GOFLAGS.
func Key(dir, goVersion string) (string, error) {
	files, err := sourceFiles(dir)
	if err != nil {
		return "", err
	}
	files = append(files, "go.mod", "go.sum")
	slices.Sort(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\ngo %s\nGOOS=js GOARCH=wasm\nflags %q\nGOFLAGS=%s\n",
		keyVersion, goVersion, buildFlags, os.Getenv("GOFLAGS"))
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if os.IsNotExist(err) && rel == "go.sum" {
			data, err = nil, nil // a module without dependencies has none
		}
		if err != nil {
			return "", fmt.Errorf("hash engine sources: %w", err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %x\n", strconv.Quote(rel), sum)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sourceFiles returns the slash paths, relative to dir, of the non-test Go
// files of every package under decision/ and of every package of the
// module they import, directly or not.
func sourceFiles(dir string) ([]string, error) {
	var queue []string // package folders, slash paths relative to dir
	err := filepath.WalkDir(filepath.Join(dir, "decision"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != filepath.Join(dir, "decision") && skipDir(d.Name()) {
			return filepath.SkipDir
		}
		if d.IsDir() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			queue = append(queue, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list engine sources: %w", err)
	}
	seen := map[string]bool{}
	for _, pkg := range queue {
		seen[pkg] = true
	}
	var files []string
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		names, imports, err := goFiles(filepath.Join(dir, filepath.FromSlash(pkg)))
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			files = append(files, path.Join(pkg, n))
		}
		for _, imp := range imports {
			rel, ok := strings.CutPrefix(imp, ModulePath+"/")
			if ok && !seen[rel] {
				seen[rel] = true
				queue = append(queue, rel)
			}
		}
	}
	return files, nil
}

// skipDir reports whether the go tool ignores a folder of this name.
func skipDir(name string) bool {
	return name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// goFiles returns the names of the non-test Go files in pkgDir and the
// import paths they name, whatever their build constraints.
func goFiles(pkgDir string) (names, imports []string, err error) {
	entries, err := os.ReadDir(pkgDir)
	if err != nil {
		return nil, nil, fmt.Errorf("list engine sources: %w", err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || skipDir(n) {
			continue
		}
		names = append(names, n)
		f, err := parser.ParseFile(fset, filepath.Join(pkgDir, n), nil, parser.ImportsOnly)
		if err != nil {
			// The compiler will report it; hash the file as it is.
			continue
		}
		for _, imp := range f.Imports {
			if p, err := strconv.Unquote(imp.Path.Value); err == nil {
				imports = append(imports, p)
			}
		}
	}
	return names, imports, nil
}
