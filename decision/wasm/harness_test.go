//go:build !(js && wasm)

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// wasmBudget is the largest decision.wasm the site may ship, in bytes
// (a bare syscall/js program is about 1.97 MB).
const wasmBudget = 2_300_000

// buildWasm builds the program as the site ships it and returns its path
// and GOROOT.
func buildWasm(t *testing.T) (wasm, goroot string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the WebAssembly: %v", err)
	}
	out, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot = strings.TrimSpace(string(out))
	wasm = filepath.Join(t.TempDir(), "decision.wasm")
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s", "-o", wasm, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=js GOARCH=wasm go build: %v\n%s", err, out)
	}
	return wasm, goroot
}

// TestNodeHarness builds the WebAssembly, checks it fits the size budget,
// and drives it under Node the way a page does (testdata/harness.js).
func TestNodeHarness(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node (v20 or later) is needed to run the WebAssembly: %v", err)
	}
	wasm, goroot := buildWasm(t)
	info, err := os.Stat(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if info.Size() > wasmBudget {
		t.Errorf("decision.wasm is %d bytes, over the %d-byte budget: look for a new import (fmt, encoding/json, reflect...)", info.Size(), wasmBudget)
	}
	t.Logf("decision.wasm: %d bytes", info.Size())
	out, err := exec.Command(node, "testdata/harness.js",
		filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"), wasm, treeJSON).CombinedOutput()
	if err != nil {
		t.Errorf("node testdata/harness.js: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), " 0 failed") {
		t.Errorf("harness output:\n%s", out)
	}
}

// TestWasmImports keeps packages that bloat the WebAssembly out of it.
func TestWasmImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	forbidden := []string{"fmt", "encoding/json", "reflect", "text/template", "html/template", "log", "os"}
	for _, dep := range deps {
		for _, f := range forbidden {
			if dep == f {
				t.Errorf("the WebAssembly imports %s; package decision and decision/wasm must not (see the size budget)", dep)
			}
		}
	}
	if len(deps) < 3 {
		t.Errorf("go list -deps listed only %s", strconv.Quote(string(out)))
	}
}
