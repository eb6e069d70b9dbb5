package search

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSections splits rendered HTML into headed sections: each
// testdata/sections/X.html against X.golden.
func TestSections(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "sections", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases in testdata/sections: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			enc := json.NewEncoder(&got)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(Sections(src)); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("sections", name+".golden"), got.Bytes())
		})
	}
}

func TestCollapse(t *testing.T) {
	for _, s := range []string{"", " ", "a", "  a  b\t\nc  ", "x\u00a0\u2003y", "\xff  \xfe", "é  ü", " \u3000日本\u3000語 ", "a\x85b"} {
		if got, want := collapse(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapse(%q) = %q, want %q", s, got, want)
		}
	}
}
