package decision_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// TestTreeJSON checks the JSON the site emits for a tree, which the browser
// bridge reads (decision/wasm tests load this golden file): lower-case
// field names, no positions, optional fields left out.
func TestTreeJSON(t *testing.T) {
	tree := loadTree(t, "testdata/whatsapp.txt")
	for _, n := range tree.Nodes {
		n.Body = "<p>About " + n.ID + ".</p>"
	}
	got, err := json.MarshalIndent(tree, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	const golden = "testdata/whatsapp.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("tree JSON differs from %s:\n%s", golden, got)
	}
}
