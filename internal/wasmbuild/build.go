package wasmbuild

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Engine is the compiled decision engine.
type Engine struct {
	Wasm      []byte // the WebAssembly module
	WasmExec  []byte // the toolchain's wasm_exec.js, which runs it
	Key       string // the hash of the sources it was compiled from (see Key)
	GoVersion string // the toolchain that compiled it, e.g. "go1.26.8"
}

// Compile compiles the engine in the guidepost module folder dir with the
// go command goCmd ("" is "go" from PATH), with GOOS=js GOARCH=wasm and
// the flags of BuildFlags.
func Compile(ctx context.Context, dir, goCmd string) (*Engine, error) {
	if err := checkModule(dir); err != nil {
		return nil, fmt.Errorf("compile the decision engine in %s: %w", dir, err)
	}
	tc, err := findToolchain(ctx, goCmd, dir)
	if err != nil {
		return nil, err
	}
	key, err := Key(dir)
	if err != nil {
		return nil, err
	}
	wasmExec, err := tc.wasmExec()
	if err != nil {
		return nil, err
	}
	wasm, err := compile(ctx, tc, dir)
	if err != nil {
		return nil, err
	}
	return &Engine{Wasm: wasm, WasmExec: wasmExec, Key: key, GoVersion: tc.version}, nil
}

// compile builds the engine into a temporary folder and returns its bytes.
func compile(ctx context.Context, tc *toolchain, dir string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "guidepost-engine-")
	if err != nil {
		return nil, fmt.Errorf("compile the decision engine: %w", err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "engine.wasm")
	args := append(append([]string{"build"}, BuildFlags...), "-o", out, "./"+MainPackage)
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
	if err := CheckWasm(data); err != nil {
		return nil, fmt.Errorf("compile the decision engine: go build wrote a broken file: %w", err)
	}
	return data, nil
}
