// Command gen compiles the decision engine to WebAssembly and writes it,
// its wasm_exec.js and engine.sum into the current folder, which is
// internal/engine when run by `go generate ./internal/engine`.
//
// Each file is written to a temporary file and renamed into place, so an
// interrupted run leaves the previous engine whole.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"

	"github.com/guidepost/guidepost/internal/wasmbuild"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	here, err := os.Getwd()
	if err != nil {
		return err
	}
	mod, err := wasmbuild.ModuleDir(here)
	if err != nil {
		return err
	}
	e, err := wasmbuild.Compile(context.Background(), mod, "")
	if err != nil {
		return err
	}
	br, err := compress(e.Wasm)
	if err != nil {
		return err
	}
	sum := fmt.Sprintf("# Written by `go generate ./internal/engine`; do not edit.\nkey %s\ngo %s\n", e.Key, e.GoVersion)
	for _, f := range []struct {
		name string
		data []byte
	}{{"engine.wasm", e.Wasm}, {"engine.wasm.br", br}, {"wasm_exec.js", e.WasmExec}, {"engine.sum", []byte(sum)}} {
		if err := writeFile(filepath.Join(here, f.name), f.data); err != nil {
			return err
		}
	}
	fmt.Printf("engine.wasm: %d bytes (%d with brotli), compiled by %s from sources %.12s\n", len(e.Wasm), len(br), e.GoVersion, e.Key)
	return nil
}

// compress returns data compressed with brotli at its best (quality 11):
// slow, so done once here for what every reader of the decision tool
// downloads, not by each build.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("compress the engine: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("compress the engine: %w", err)
	}
	return buf.Bytes(), nil
}

// writeFile replaces name with data through a temporary file beside it.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".gen-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}
