package engine

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/guidepost/guidepost/internal/wasmbuild"
)

// The engine's budget: what a reader downloads once for the decision tool.
const (
	rawBudget    = 2_300_000
	brotliBudget = 500_000
)

// TestEmbeddedEngineMatchesSources fails when the engine's sources changed
// since the embedded engine was compiled from them.
func TestEmbeddedEngineMatchesSources(t *testing.T) {
	mod, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	want, err := wasmbuild.Key(mod)
	if err != nil {
		t.Fatal(err)
	}
	if got := SourceKey(); got != want {
		t.Fatalf("the embedded decision engine was compiled from other sources (recorded key %.12s, sources now %.12s): "+
			"run `go generate ./internal/engine` and commit internal/engine/", got, want)
	}
	if GoVersion() == "" {
		t.Error("engine.sum records no Go version")
	}
}

func TestEmbeddedEngineIsWellFormed(t *testing.T) {
	if err := wasmbuild.CheckWasm(Wasm()); err != nil {
		t.Fatalf("engine.wasm: %v", err)
	}
	if !bytes.Contains(WasmExec(), []byte(".Go = class")) {
		t.Fatalf("wasm_exec.js does not define Go:\n%.300s", WasmExec())
	}
}

func TestEmbeddedEngineBudget(t *testing.T) {
	// The precompressed engine is what readers download from a host that
	// serves .br files: it must be the engine, and within the budget.
	unpacked, err := io.ReadAll(brotli.NewReader(bytes.NewReader(WasmBrotli())))
	if err != nil || !bytes.Equal(unpacked, Wasm()) {
		t.Fatalf("engine.wasm.br is not engine.wasm compressed (%v): run `go generate ./internal/engine`", err)
	}
	raw, br := len(Wasm()), len(WasmBrotli())
	t.Logf("engine.wasm: %d bytes raw, %d bytes brotli (quality 11)", raw, br)
	if raw > rawBudget {
		t.Errorf("engine.wasm is %d bytes, over the %d-byte budget: look for a new import (fmt, encoding/json, reflect...)", raw, rawBudget)
	}
	if br > brotliBudget {
		t.Errorf("engine.wasm is %d bytes with brotli, over the %d-byte budget", br, brotliBudget)
	}
}
