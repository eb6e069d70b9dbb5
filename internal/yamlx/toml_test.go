package yamlx

import (
	"encoding/json"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
	"go.yaml.in/yaml/v3"
)

// TestParseTOML checks that TOML becomes the YAML tree of the same data,
// with every key at its line in the file, and that errors name theirs.
func TestParseTOML(t *testing.T) {
	tests := []struct {
		name, src string
		data      string         // the tree decoded, as JSON
		lines     map[string]int // key path → file line
		diag      string
	}{
		{
			name:  "scalars",
			src:   "title = \"A\"\nweight = 1_000\nratio = 0.5\non = true\ndate = 2024-01-02T10:00:00Z\nday = 2024-01-02\n",
			data:  `{"date":"2024-01-02T10:00:00Z","day":"2024-01-02T00:00:00Z","on":true,"ratio":0.5,"title":"A","weight":1000}`,
			lines: map[string]int{"title": 2, "weight": 3, "date": 6},
		},
		{
			name:  "tables, dotted keys and arrays of tables",
			src:   "a.b = 1\n[params]\nfoo = \"bar\"\ninner = {x = [1, 2]}\n[[sources]]\ntitle = \"S1\"\n[[sources]]\ntitle = \"S2\"\n",
			data:  `{"a":{"b":1},"params":{"foo":"bar","inner":{"x":[1,2]}},"sources":[{"title":"S1"},{"title":"S2"}]}`,
			lines: map[string]int{"a": 2, "params": 3, "params.foo": 4, "sources": 6, "sources.1.title": 9},
		},
		{name: "syntax error", src: "title = \"A\"\ntags = [\n", diag: "f.md:3: invalid TOML: "},
		{name: "key defined twice", src: "title = \"A\"\ntitle = \"B\"\n", diag: "f.md:3: invalid TOML: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			d := &Decoder{File: "f.md", LineOffset: 1, Diags: &diags}
			n := d.ParseTOML([]byte(tt.src))
			if tt.diag != "" {
				if n != nil || len(diags) != 1 || len(diags[0].String()) < len(tt.diag) || diags[0].String()[:len(tt.diag)] != tt.diag {
					t.Fatalf("diagnostics %v, want one starting %q", diags, tt.diag)
				}
				return
			}
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			var v any
			if err := n.Decode(&v); err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(v)
			if string(got) != tt.data {
				t.Errorf("data %s, want %s", got, tt.data)
			}
			for path, line := range tt.lines {
				if k := keyAt(n, path); k == nil || d.Line(k) != line {
					t.Errorf("line of %s: got node %v, want line %d", path, k, line)
				}
			}
		})
	}
}

// keyAt finds the key node at a dotted path; a number picks a list item.
func keyAt(n *yaml.Node, path string) *yaml.Node {
	var key *yaml.Node
	for part := range splitDots(path) {
		if n.Kind == yaml.SequenceNode {
			i := int(part[0] - '0')
			n = n.Content[i]
			continue
		}
		key = nil
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == part {
				key, n = n.Content[i], n.Content[i+1]
				break
			}
		}
		if key == nil {
			return nil
		}
	}
	return key
}

func splitDots(s string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || s[i] == '.' {
				if !yield(s[start:i]) {
					return
				}
				start = i + 1
			}
		}
	}
}
