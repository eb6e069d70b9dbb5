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

// keyVersion changes when the way the engine is built changes, so an
// engine compiled the old way no longer matches the sources.
const keyVersion = "guidepost-wasm 2"

// BuildFlags are the flags of `go build` besides -o.
var BuildFlags = []string{"-trimpath", "-ldflags=-s -w"}

// Key returns the hash of the engine's sources in the module folder dir:
// the hex SHA-256 of the Go files (tests left out) of every package under
// decision/ and of the module's packages they import, the go and toolchain
// lines of go.mod, the go.sum lines of the other modules those packages
// import, and the build flags. Requirements the engine does not import are
// left out, so adding a dependency to the rest of guidepost does not make
// the embedded engine stale. The Go version is not part of it either: an
// engine compiled by another release of Go from the same sources behaves
// the same, and wasm_exec.js always comes from the toolchain that compiled
// it.
func Key(dir string) (string, error) {
	files, external, err := sourceFiles(dir)
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\nGOOS=js GOARCH=wasm\nflags %q\n", keyVersion, BuildFlags)
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return "", fmt.Errorf("hash engine sources: %w", err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %x\n", strconv.Quote(rel), sum)
	}
	gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "", fmt.Errorf("hash engine sources: %w", err)
	}
	for _, line := range strings.Split(string(gomod), "\n") {
		if f := strings.Fields(line); len(f) == 2 && (f[0] == "go" || f[0] == "toolchain") {
			fmt.Fprintf(h, "go.mod %s %s\n", f[0], f[1])
		}
	}
	if len(external) > 0 {
		gosum, err := os.ReadFile(filepath.Join(dir, "go.sum"))
		if err != nil && !os.IsNotExist(err) {
			return "", fmt.Errorf("hash engine sources: %w", err)
		}
		for _, line := range strings.Split(string(gosum), "\n") {
			if f := strings.Fields(line); len(f) == 3 && providesAny(f[0], external) {
				fmt.Fprintf(h, "go.sum %s\n", line)
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// providesAny reports whether module path mod holds one of the packages.
func providesAny(mod string, packages []string) bool {
	for _, p := range packages {
		if p == mod || strings.HasPrefix(p, mod+"/") {
			return true
		}
	}
	return false
}

// sourceFiles returns the slash paths, relative to dir, of the non-test Go
// files of every package under decision/ and of every package of the
// module they import, directly or not, and the import paths of other
// modules' packages they import (standard library left out).
func sourceFiles(dir string) (files, external []string, err error) {
	var queue []string // package folders, slash paths relative to dir
	err = filepath.WalkDir(filepath.Join(dir, "decision"), func(p string, d fs.DirEntry, err error) error {
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
		return nil, nil, fmt.Errorf("list engine sources: %w", err)
	}
	seen := map[string]bool{}
	for _, pkg := range queue {
		seen[pkg] = true
	}
	ext := map[string]bool{}
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		names, imports, err := goFiles(filepath.Join(dir, filepath.FromSlash(pkg)))
		if err != nil {
			return nil, nil, err
		}
		for _, n := range names {
			files = append(files, path.Join(pkg, n))
		}
		for _, imp := range imports {
			rel, ok := strings.CutPrefix(imp, ModulePath+"/")
			switch {
			case ok && !seen[rel]:
				seen[rel] = true
				queue = append(queue, rel)
			case !ok && strings.Contains(strings.Split(imp, "/")[0], ".") && !ext[imp]:
				ext[imp] = true
				external = append(external, imp)
			}
		}
	}
	return files, external, nil
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
