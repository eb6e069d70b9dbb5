// Package wasmbuild compiles the decision engine (the main package
// decision/wasm of the guidepost module) to WebAssembly for the browser,
// and returns it with the Go toolchain's wasm_exec.js, which loads it.
//
// Compiling takes seconds, so results are cached in
// os.UserCacheDir()/guidepost/wasm/<key>.wasm, where key is a SHA-256 of
// the engine's Go sources (every package under decision/ and the module
// packages they import), go.mod, go.sum, the Go version and the build
// flags: a build whose engine sources did not change reads the file and
// does not run the compiler. A cache entry that is not a well-formed
// WebAssembly module (empty, cut short, overwritten) is ignored and
// rebuilt; entries are written to a temporary file and renamed into place,
// so concurrent builds never see half a file. The cache keeps the few
// engines used last and removes older ones when it compiles a new one.
//
// The module's sources are found from $GUIDEPOST_ENGINE_DIR when it is
// set, else from the path this package was compiled from, else above the
// folders the caller suggests (such as the site root) or the working
// directory. The `go` command must be on PATH.
package wasmbuild
