package wasmbuild

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// toolchain is the Go installation that compiles the engine.
type toolchain struct {
	goCmd   string // absolute path of the go command
	goroot  string
	version string // e.g. "go1.26.8"
}

var toolchains sync.Map // goCmd + "\x00" + module dir → *toolchain

// findToolchain locates the go command (goCmd, or "go" on PATH) and asks it
// for GOROOT and its version as seen from the module folder dir, where
// go.mod may select another toolchain. Answers are kept for the process.
func findToolchain(ctx context.Context, goCmd, dir string) (*toolchain, error) {
	if goCmd == "" {
		goCmd = "go"
	}
	abs, err := exec.LookPath(goCmd)
	if err != nil {
		return nil, fmt.Errorf("the go command (%s) is not installed or not on PATH: the decision engine is compiled to WebAssembly with Go; install Go from https://go.dev/dl/ and add it to PATH", goCmd)
	}
	memo := abs + "\x00" + dir
	if tc, ok := toolchains.Load(memo); ok {
		return tc.(*toolchain), nil
	}
	cmd := exec.CommandContext(ctx, abs, "env", "GOROOT", "GOVERSION")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s env: %w: %s", abs, err, strings.TrimSpace(stderr.String()))
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != 2 || lines[0] == "" || lines[1] == "" {
		return nil, fmt.Errorf("%s env GOROOT GOVERSION: unexpected output %q", abs, stdout.String())
	}
	tc := &toolchain{goCmd: abs, goroot: strings.TrimSpace(lines[0]), version: strings.TrimSpace(lines[1])}
	toolchains.Store(memo, tc)
	return tc, nil
}

// wasmExec returns the toolchain's wasm_exec.js, which must match the
// compiler: lib/wasm since Go 1.24, misc/wasm before.
func (tc *toolchain) wasmExec() ([]byte, error) {
	var tried []string
	for _, rel := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		p := filepath.Join(tc.goroot, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("read wasm_exec.js: %w", err)
		}
		tried = append(tried, p)
	}
	return nil, fmt.Errorf("the Go installation at %s has no wasm_exec.js (looked for %s): reinstall Go from https://go.dev/dl/",
		tc.goroot, strings.Join(tried, " and "))
}
