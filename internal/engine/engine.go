// Package engine holds the decision engine compiled to WebAssembly, with
// the wasm_exec.js that loads it, embedded in the guidepost binary: a site
// with a decision tree builds without a Go toolchain or guidepost's
// sources.
//
// The files are made from decision/wasm by `go generate ./internal/engine`
// (see gen/), and committed. engine.sum records the hash of the sources
// they were compiled from (wasmbuild.Key) and the Go version; a test fails
// when the sources no longer match it, so the engine cannot go stale
// silently.
package engine

import (
	_ "embed"
	"strings"
)

//go:generate go run ./gen

//go:embed engine.wasm
var wasm []byte

//go:embed engine.wasm.br
var wasmBrotli []byte

//go:embed wasm_exec.js
var wasmExec []byte

//go:embed engine.sum
var sum string

// Wasm returns the compiled engine. Callers must not modify it.
func Wasm() []byte { return wasm }

// WasmBrotli returns Wasm compressed with brotli at quality 11, for hosts
// that serve precompressed files. Callers must not modify it.
func WasmBrotli() []byte { return wasmBrotli }

// WasmExec returns the Go runtime's JavaScript loader for Wasm, from the
// toolchain that compiled it. Callers must not modify it.
func WasmExec() []byte { return wasmExec }

// SourceKey returns the hash of the sources the embedded engine was
// compiled from (see wasmbuild.Key).
func SourceKey() string { return field("key") }

// GoVersion returns the Go release that compiled the embedded engine.
func GoVersion() string { return field("go") }

// field returns the value of a "name value" line of engine.sum.
func field(name string) string {
	for _, line := range strings.Split(sum, "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(line), " "); ok && k == name {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
