package wasmbuild

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	files, _, err := sourceFiles(src)
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

func replaceIn(t *testing.T, p, old, new string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", p, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
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
		changed bool
	}{
		{"nothing", func(*testing.T, string) {}, false},
		{"engine source", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "decision", "tree.go"), "\n// edit\n")
		}, true},
		{"bridge source", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "decision", "wasm", "bridge.go"), "\n// edit\n")
		}, true},
		{"new file", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "decision", "extra.go"), []byte("package decision\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"imported module package", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "internal", "suggest", "suggest.go"), "\n// edit\n")
		}, true},
		{"go directive", func(t *testing.T, dir string) { replaceIn(t, filepath.Join(dir, "go.mod"), "\ngo 1.", "\ngo 2.") }, true},
		{"a requirement the engine does not import", func(t *testing.T, dir string) {
			appendFile(t, filepath.Join(dir, "go.mod"), "\nrequire example.com/unused v1.0.0\n")
			appendFile(t, filepath.Join(dir, "go.sum"), "example.com/unused v1.0.0 h1:AAAA=\n")
		}, false},
		{"a requirement the engine imports", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "decision", "extdep.go"), []byte("package decision\n\nimport _ \"example.com/used/sub\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			before, err := Key(dir)
			if err != nil {
				t.Fatal(err)
			}
			appendFile(t, filepath.Join(dir, "go.sum"), "example.com/used v1.0.0 h1:AAAA=\n")
			if after, _ := Key(dir); after == before {
				t.Error("a new go.sum line of a module the engine imports left the key as it was")
			}
		}, true},
		{"test file", func(t *testing.T, dir string) {
			tests, _ := filepath.Glob(filepath.Join(dir, "decision", "*_test.go"))
			if len(tests) == 0 {
				t.Fatal("no test file copied")
			}
			appendFile(t, tests[0], "\n// edit\n")
		}, false},
		{"testdata", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "decision", "testdata", "x.go")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("package x\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyModule(t)
			before, err := Key(dir)
			if err != nil {
				t.Fatal(err)
			}
			tc.edit(t, dir)
			after, err := Key(dir)
			if err != nil {
				t.Fatal(err)
			}
			if (after != before) != tc.changed {
				t.Errorf("key changed = %v, want %v", after != before, tc.changed)
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

func TestCompile(t *testing.T) {
	dir := copyModule(t)
	e, err := Compile(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckWasm(e.Wasm); err != nil {
		t.Fatalf("engine: %v", err)
	}
	if !bytes.Contains(e.WasmExec, []byte(".Go = class")) {
		t.Fatalf("wasm_exec.js does not define Go:\n%.300s", e.WasmExec)
	}
	want, err := Key(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e.Key != want || !strings.HasPrefix(e.GoVersion, "go1.") {
		t.Errorf("Key %q, GoVersion %q; want key %q and a Go version", e.Key, e.GoVersion, want)
	}
}

func TestCompileErrors(t *testing.T) {
	root := repoRoot(t)
	broken := copyModule(t)
	if err := os.WriteFile(filepath.Join(broken, "decision", "wasm", "oops.go"), []byte("package main\n\nvar x int = \"s\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, goCmd, wantErr string
	}{
		{"no go command", root, filepath.Join(t.TempDir(), "go"), "is not installed or not on PATH"},
		{"compile error", broken, "", "oops.go:3"},
		{"not the module", t.TempDir(), "", "no go.mod there"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(context.Background(), tc.dir, tc.goCmd)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
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
			err := CheckWasm(tc.data)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckWasm: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
}
