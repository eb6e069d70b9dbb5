package main

import (
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/calls.golden from the current output")

// treeJSON is the JSON the site emits for a tree; decision's TestTreeJSON
// keeps it current.
const treeJSON = "../testdata/whatsapp.json"

// jsCall is one call of a guidepostDecision function.
type jsCall struct {
	fn   string
	args []any
}

// script is what a reader's browser might do, including its mistakes; its
// results are in testdata/calls.golden. The same script runs against the
// Go bridge (calls_test.go) and, under Node, through the JavaScript global
// (bridge_js_test.go).
var script = []jsCall{
	{"view", []any{""}},
	{"load", []any{"not a tree"}},
	{"load", []any{map[string]any{"start": "a", "nodes": []any{map[string]any{"id": "a", "options": []any{map[string]any{"label": 1.0}}}}}}},
	{"load", []any{map[string]any{"start": "b", "nodes": []any{map[string]any{"id": "a", "verdict": "avoid"}}}}},
	{"load", []any{map[string]any{"start": "a", "nodes": []any{map[string]any{"id": "a", "options": []any{map[string]any{"label": "Go", "next": "z"}}}}}}},
	{"load", []any{map[string]any{"start": "a", "nodes": []any{map[string]any{"id": "a"}, map[string]any{"id": "a"}}}}},
	{"load", []any{map[string]any{"start": "a", "nodes": map[string]any{}}}},
	{"load", nil},
	{"load", []any{"TREE"}}, // replaced by the tree data
	{"view", []any{""}},
	{"view", nil},
	{"answer", []any{"", 0.0}},
	{"view", []any{"#a=1"}},
	{"answer", []any{"a=1", 1.0}},
	{"view", []any{"a=1.2"}},
	{"answer", []any{"a=1.2", 0.0}},
	{"view", []any{"a=1.1.1.2"}},
	{"back", []any{"a=1.1.1.2"}},
	{"back", []any{""}},
	{"change", []any{"a=1.1.1.2", 0.0, 1.0}},
	{"change", []any{"a=1.1.1.2", 4.0, 0.0}},
	{"change", []any{"a=1.1.1.2", 1.0}},
	{"answer", []any{"a=1", 2.0}},
	{"answer", []any{"a=1", 0.5}},
	{"answer", []any{"a=1", "0"}},
	{"answer", []any{"a=1"}},
	{"view", []any{"a=9"}},
	{"view", []any{"a=3.1"}},
	{"view", []any{"nonsense"}},
	{"back", []any{"nonsense"}},
	{"view", []any{1.0}},
}

// runScript runs the script with do, which performs one call and returns
// its result as plain Go values, and returns the transcript.
func runScript(t *testing.T, do func(jsCall) any) string {
	t.Helper()
	data, err := os.ReadFile(treeJSON)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range script {
		shown := c
		if len(c.args) == 1 && c.args[0] == "TREE" {
			shown.args = []any{"<" + treeJSON + ">"}
			c.args = []any{rawJSON(data)}
		}
		args := make([]string, len(shown.args))
		for i, a := range shown.args {
			args[i] = strings.TrimSpace(encode(t, a, ""))
		}
		b.WriteString(c.fn + "(" + strings.Join(args, ", ") + ")\n  ")
		b.WriteString(encode(t, do(c), "  "))
		b.WriteString("\n")
	}
	return b.String()
}

// encode writes v as indented JSON without escaping HTML, so the golden
// file shows what JavaScript would see.
func encode(t *testing.T, v any, prefix string) string {
	t.Helper()
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if prefix != "" {
		enc.SetIndent(prefix, "  ")
	}
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// rawJSON marks the tree data; each runner parses it its own way.
type rawJSON []byte

// checkGolden compares a transcript with testdata/calls.golden.
func checkGolden(t *testing.T, got string) {
	t.Helper()
	const golden = "testdata/calls.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("results differ from %s:\n%s", golden, got)
	}
}

// TestBridge runs the script against the bridge's Go functions.
func TestBridge(t *testing.T) {
	b := &bridge{}
	fns := map[string]func([]any) map[string]any{
		"load": b.load, "view": b.view, "answer": b.answer, "back": b.back, "change": b.change,
	}
	checkGolden(t, runScript(t, func(c jsCall) any {
		args := c.args
		if len(args) == 1 {
			if data, ok := args[0].(rawJSON); ok {
				var tree any
				if err := json.Unmarshal(data, &tree); err != nil {
					t.Fatal(err)
				}
				args = []any{tree}
			}
		}
		return fns[c.fn](args)
	}))
}

// readTree returns the tree JSON as text.
func readTree(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(treeJSON)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
