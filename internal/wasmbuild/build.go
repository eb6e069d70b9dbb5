package wasmbuild

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Options say which engine sources to compile and where to cache them. The
// zero value finds everything itself.
type Options struct {
	// Dir is the guidepost module folder; "" finds it with ModuleDir(Hints...).
	Dir   string
	Hints []string
	// CacheDir holds compiled engines; "" is os.UserCacheDir()/guidepost/wasm.
	CacheDir string
	// Go is the go command; "" is "go" from PATH.
	Go string
}

// Engine is the compiled decision engine.
type Engine struct {
	Wasm     []byte // the WebAssembly module
	WasmExec []byte // the toolchain's wasm_exec.js, which runs it
	Key      string // the cache key of the sources (hex SHA-256)
	// CacheHit is true when Wasm came from the cache, without compiling.
	CacheHit bool
	// Path is the cache file holding Wasm.
	Path      string
	GoVersion string // the toolchain that compiled it, e.g. "go1.26.8"
}

// mu serialises builds within the process, so that builders running side
// by side compile an engine once.
var mu sync.Mutex

// Build returns the engine compiled from the current sources, from the
// cache when it holds them and by running `go build` (GOOS=js GOARCH=wasm,
// -trimpath, -ldflags=-s -w) otherwise.
func Build(ctx context.Context, opts Options) (*Engine, error) {
	dir, tc, key, err := resolve(ctx, opts)
	if err != nil {
		return nil, err
	}
	cacheDir, err := cacheDir(opts.CacheDir)
	if err != nil {
		return nil, err
	}
	wasmExec, err := tc.wasmExec()
	if err != nil {
		return nil, err
	}
	e := &Engine{WasmExec: wasmExec, Key: key, Path: filepath.Join(cacheDir, key+".wasm"), GoVersion: tc.version}

	mu.Lock()
	defer mu.Unlock()
	if data, err := os.ReadFile(e.Path); err == nil && checkWasm(data) == nil {
		e.Wasm, e.CacheHit = data, true
		now := time.Now()
		os.Chtimes(e.Path, now, now) // recently used: pruned last
		return e, nil
	}
	if e.Wasm, err = compile(ctx, tc, dir, cacheDir, e.Path); err != nil {
		return nil, err
	}
	prune(cacheDir, keep)
	return e, nil
}

// CurrentKey returns the cache key of the engine Build would return now
// (see Key), without compiling or reading it: what a build that used the
// engine records to tell later whether the engine changed.
func CurrentKey(ctx context.Context, opts Options) (string, error) {
	_, _, key, err := resolve(ctx, opts)
	return key, err
}

// resolve finds the engine's module folder and toolchain and hashes the
// engine's sources.
func resolve(ctx context.Context, opts Options) (dir string, tc *toolchain, key string, err error) {
	dir = opts.Dir
	if dir == "" {
		if dir, err = ModuleDir(opts.Hints...); err != nil {
			return "", nil, "", err
		}
	}
	if tc, err = findToolchain(ctx, opts.Go, dir); err != nil {
		return "", nil, "", err
	}
	if key, err = Key(dir, tc.version); err != nil {
		return "", nil, "", err
	}
	return dir, tc, key, nil
}

// keep is how many engines the cache holds; older ones are removed when a
// new one is compiled, so editing the engine does not fill the disk.
const keep = 8

// prune removes all but the n most recently used engines in dir. Errors
// are ignored: a cache that cannot be pruned still works.
func prune(dir string, n int) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type entry struct {
		path string
		used time.Time
	}
	var list []entry
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".wasm" {
			continue
		}
		if fi, err := e.Info(); err == nil {
			list = append(list, entry{filepath.Join(dir, e.Name()), fi.ModTime()})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].used.After(list[j].used) })
	for i := n; i < len(list); i++ {
		os.Remove(list[i].path)
	}
}

// cacheDir returns the cache folder, made if needed.
func cacheDir(dir string) (string, error) {
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			base = os.TempDir()
		}
		dir = filepath.Join(base, "guidepost", "wasm")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("make the WebAssembly cache folder: %w", err)
	}
	return dir, nil
}

// compile builds the engine into a temporary folder beside dst, checks
// it and renames it to dst, so dst is always whole.
func compile(ctx context.Context, tc *toolchain, dir, cacheDir, dst string) ([]byte, error) {
	tmp, err := os.MkdirTemp(cacheDir, "build-")
	if err != nil {
		return nil, fmt.Errorf("compile the decision engine: %w", err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "engine.wasm")
	args := append(append([]string{"build"}, buildFlags...), "-o", out, "./"+MainPackage)
	cmd := exec.CommandContext(ctx, tc.goCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("compile the decision engine (GOOS=js GOARCH=wasm go %s in %s): %w\n%s",
			strings.Join(args, " "), dir, err, strings.TrimSpace(stderr.String()))
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("compile the decision engine: %w", err)
	}
	if err := checkWasm(data); err != nil {
		return nil, fmt.Errorf("compile the decision engine: go build wrote a broken file: %w", err)
	}
	if err := os.Rename(out, dst); err != nil {
		return nil, fmt.Errorf("cache the decision engine: %w", err)
	}
	return data, nil
}
