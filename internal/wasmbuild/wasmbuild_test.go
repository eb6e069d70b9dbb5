package wasmbuild

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repoRoot is the guidepost module these tests run in.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkModule(dir); err != nil {
		t.Fatalf("tests must run inside the guidepost module: %v", err)
	}
	return dir
}

// copyModule copies the files the engine is built from (go.mod, go.sum and
// the engine's Go sources, tests included) to a temporary module folder.
func copyModule(t *testing.T) string {
	t.Helper()
	src := repoRoot(t)
	dst := t.TempDir()
	files, err := sourceFiles(src)
	if err != nil {
		t.Fatal(err)
	}
	tests, err := filepath.Glob(filepath.Join(src, "decision", "*_test.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tests {
		rel, _ := filepath.Rel(src, p)
		files = append(files, filepath.ToSlash(rel))
	}
	for _, rel := range append(files, "go.mod", "go.sum") {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func build(t *testing.T, opts Options) *Engine {
	t.Helper()
	e, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkWasm(e.Wasm); err != nil {
		t.Fatalf("engine: %v", err)
	}
	if !bytes.Contains(e.WasmExec, []byte(".Go = class")) {
		t.Fatalf("wasm_exec.js does not define Go:\n%.300s", e.WasmExec)
	}
	return e
}

func TestBuildUsesCache(t *testing.T) {
	dir := copyModule(t)
	cache := t.TempDir()
	first := build(t, Options{Dir: dir, CacheDir: cache})
	if first.CacheHit {
		t.Fatal("first build of a new cache folder was a cache hit")
	}
	if first.Path != filepath.Join(cache, first.Key+".wasm") {
		t.Errorf("cache file %s, want %s.wasm in %s", first.Path, first.Key, cache)
	}
	second := build(t, Options{Dir: dir, CacheDir: cache})
	if !second.CacheHit {
		t.Fatal("second build of unchanged sources compiled again")
	}
	if second.Key != first.Key || !bytes.Equal(second.Wasm, first.Wasm) {
		t.Error("second build returned another engine")
	}

	// A changed source is compiled again, into a new entry.
	doc := filepath.Join(dir, "decision", "doc.go")
	appendFile(t, doc, "\n// A change.\n")
	third := build(t, Options{Dir: dir, CacheDir: cache})
	if third.CacheHit || third.Key == first.Key {
		t.Errorf("after a source change: CacheHit %v, key changed %v; want a new build", third.CacheHit, third.Key != first.Key)
	}
	entries, _ := filepath.Glob(filepath.Join(cache, "*"))
	if len(entries) != 2 {
		t.Errorf("cache holds %v, want the two engines and no temporary files", entries)
	}
}

func TestCorruptCacheEntryIsRebuilt(t *testing.T) {
	dir := copyModule(t)
	cache := t.TempDir()
	good := build(t, Options{Dir: dir, CacheDir: cache})
	for _, tc := range []struct {
		name    string
		corrupt func([]byte) []byte
	}{
		{"empty", func([]byte) []byte { return nil }},
		{"cut short", func(b []byte) []byte { return b[:len(b)/2] }},
		{"not wasm", func([]byte) []byte { return []byte("<!doctype html><p>proxy error</p>") }},
		{"extra bytes", func(b []byte) []byte { return append(append([]byte(nil), b...), 1, 2, 3) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(good.Path, tc.corrupt(good.Wasm), 0o644); err != nil {
				t.Fatal(err)
			}
			e := build(t, Options{Dir: dir, CacheDir: cache})
			if e.CacheHit {
				t.Fatal("a corrupt cache entry was used")
			}
			if !bytes.Equal(e.Wasm, good.Wasm) {
				t.Error("rebuilt engine differs from the first build")
			}
			onDisk, err := os.ReadFile(good.Path)
			if err != nil || !bytes.Equal(onDisk, good.Wasm) {
				t.Errorf("cache entry not repaired (err %v)", err)
			}
		})
	}
}

func appendFile(t *testing.T, p, text string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestKey(t *testing.T) {
	for _, tc := range []struct {
		name    string
		edit    func(t *testing.T, dir string)
		version string
		changed bool
	}{
		{"nothing", func(*testing.T, string) {}, "", false},
		{"engine source", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "decision", "tree.go"), "\n// edit\n")
		}, "", true},
		{"bridge source", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "decision", "wasm", "bridge.go"), "\n// edit\n")
		}, "", true},
		{"new file", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "decision", "extra.go"), []byte("package decision\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "", true},
		{"imported module package", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "internal", "diag", "diag.go"), "\n// edit\n")
		}, "", true},
		{"go.sum", func(t *testing.T, dir string) { appendFile(t, filepath.Join(dir, "go.sum"), "\n") }, "", true},
		{"go.mod", func(t *testing.T, dir string) { appendFile(t, filepath.Join(dir, "go.mod"), "\n") }, "", true},
		{"go version", func(*testing.T, string) {}, "go9.9.9", true},
		{"test file", func(t *testing.T, dir string) {
			tests, _ := filepath.Glob(filepath.Join(dir, "decision", "*_test.go"))
			if len(tests) == 0 {
				t.Fatal("no test file copied")
			}
			appendFile(t, tests[0], "\n// edit\n")
		}, "", false},
		{"testdata", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "decision", "testdata", "x.go")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("package x\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyModule(t)
			before, err := Key(dir, "go1.26.8")
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(t, dir)
			version := "go1.26.8"
			if tc.version != "" {
				version = tc.version
			}
			after, err := Key(dir, version)
			if err != nil {
				t.Fatal(err)
			}
			if (after != before) != tc.changed {
				t.Errorf("key changed = %v, want %v", after != before, tc.changed)
			}
		})
	}
}

func TestModuleDir(t *testing.T) {
	root := repoRoot(t)
	notModule := t.TempDir()
	otherModule := t.TempDir()
	if err := os.WriteFile(filepath.Join(otherModule, "go.mod"), []byte("module example.com/other\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, env, want, wantErr string
	}{
		{name: "from sources", want: root},
		{name: "env", env: root, want: root},
		{name: "env without go.mod", env: notModule, wantErr: "GUIDEPOST_ENGINE_DIR=" + notModule + ": no go.mod there"},
		{name: "env other module", env: otherModule, wantErr: `its go.mod is module "example.com/other"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvEngineDir, tc.env)
			got, err := ModuleDir()
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ModuleDir() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestFindUp(t *testing.T) {
	root := repoRoot(t)
	if got, ok := findUp(filepath.Join(root, "decision", "testdata")); !ok || got != root {
		t.Errorf("findUp from a subfolder = %q, %v; want %q", got, ok, root)
	}
	if got, ok := findUp(t.TempDir()); ok {
		t.Errorf("findUp outside the module found %q", got)
	}
}

func TestBuildErrors(t *testing.T) {
	root := repoRoot(t)
	broken := copyModule(t)
	if err := os.WriteFile(filepath.Join(broken, "decision", "wasm", "oops.go"), []byte("package main\n\nvar x int = \"s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{"no go command", Options{Dir: root, Go: filepath.Join(t.TempDir(), "go")}, "is not installed or not on PATH"},
		{"compile error", Options{Dir: broken}, "oops.go:3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.CacheDir = t.TempDir()
			_, err := Build(context.Background(), tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
			if entries, _ := os.ReadDir(tc.opts.CacheDir); len(entries) != 0 {
				t.Errorf("failed build left %d files in the cache", len(entries))
			}
		})
	}
}

func TestCheckWasm(t *testing.T) {
	valid := append(append([]byte(nil), wasmHeader...), 1, 2, 0x60, 0) // one type section of 2 bytes
	for _, tc := range []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"valid", valid, ""},
		{"empty", nil, "wrong header"},
		{"header only", wasmHeader, "no sections"},
		{"cut", valid[:len(valid)-1], "cut short"},
		{"bad id", append(append([]byte(nil), wasmHeader...), 99, 0), "unknown id"},
		{"bad size", append(append([]byte(nil), wasmHeader...), 1, 0x80), "bad size"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkWasm(tc.data)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("checkWasm: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestCacheIsPruned(t *testing.T) {
	dir := copyModule(t)
	cache := t.TempDir()
	old := time.Now().Add(-time.Hour)
	var stale []string
	for i := 0; i < keep+3; i++ {
		p := filepath.Join(cache, strings.Repeat(string(rune('a'+i)), 64)+".wasm")
		if err := os.WriteFile(p, wasmHeader, 0o644); err != nil {
			t.Fatal(err)
		}
		// The first ones were used longest ago.
		at := old.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
		stale = append(stale, p)
	}
	e := build(t, Options{Dir: dir, CacheDir: cache})
	entries, _ := filepath.Glob(filepath.Join(cache, "*.wasm"))
	if len(entries) != keep {
		t.Errorf("cache holds %d engines after a build, want %d", len(entries), keep)
	}
	if _, err := os.Stat(e.Path); err != nil {
		t.Errorf("the new engine was pruned: %v", err)
	}
	for i, p := range stale {
		_, err := os.Stat(p)
		if kept := err == nil; kept != (i >= len(stale)-(keep-1)) {
			t.Errorf("entry %d (used %d minutes after the first): kept %v", i, i, kept)
		}
	}
}
