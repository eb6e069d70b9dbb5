package main

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzLoad feeds any JSON to the bridge's load, as a reader's browser
// would pass JSON.parse of the tree data, then walks the tree it accepted.
// load must reject bad shapes with a message and never panic; an accepted
// tree must be safe to view and answer. Seeds: the site's tree JSON and
// testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	tree, err := os.ReadFile(treeJSON)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tree)
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		b := &bridge{}
		res := b.load([]any{v})
		if res["ok"] != true {
			if msg, _ := res["error"].(string); msg == "" {
				t.Fatalf("load failed without a message: %v", res)
			}
			return
		}
		fragment := ""
		for step := 0; step < 50; step++ {
			view := b.view([]any{fragment})
			if view["ok"] != true {
				return
			}
			next := b.answer([]any{fragment, 0.0})
			f, _ := next["fragment"].(string)
			if next["ok"] != true || f == fragment {
				return
			}
			fragment = f
		}
	})
}
