// Package wasmbuild compiles the decision engine (the main package
// decision/wasm of the guidepost module) to WebAssembly, with the Go
// toolchain's wasm_exec.js that loads it, and hashes the engine's sources.
//
// It is used by guidepost's own developers only, through `go generate
// ./internal/engine`: the compiled engine is committed and embedded in the
// guidepost binary (package engine), so building a site never runs the Go
// toolchain. Key names the sources an engine was compiled from; a test in
// package engine compares the embedded engine's recorded key with the
// current sources, so the embedded engine cannot go stale silently.
package wasmbuild
