//go:build !(js && wasm)

package main

import "os"

// main explains, outside a browser, how the program is meant to be built;
// it keeps `go build ./...` working on every platform.
func main() {
	os.Stderr.WriteString("decision/wasm runs in a browser: build it with GOOS=js GOARCH=wasm go build ./decision/wasm\n")
	os.Exit(2)
}
