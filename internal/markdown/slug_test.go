package markdown

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello World", "hello-world"},
		{"What the law says (2024)", "what-the-law-says-2024"},
		{"HIPAA & GDPR", "hipaa--gdpr"},
		{"snake_case-kebab", "snake_case-kebab"},
		{"Données de santé", "données-de-santé"},
		{"日本語 テキスト", "日本語-テキスト"},
		{"  padded  ", "padded"},
		{"?!", "section"},
		{"", "section"},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIDSetUnique(t *testing.T) {
	s := newIDSet()
	s.add("a-3") // an explicit {#a-3}
	var got []string
	for _, base := range []string{"a", "a", "a-1", "a", "b", "a", "a", "a-2"} {
		got = append(got, s.unique(base))
	}
	want := []string{"a", "a-1", "a-1-1", "a-2", "b", "a-4", "a-5", "a-2-1"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("unique ids = %v, want %v", got, want)
		}
	}
}

// Thirty thousand equal headings get thirty thousand ids, each the next
// suffix: handing them out must not probe every taken suffix again (which
// made such a page take minutes and gigabytes).
func TestManyEqualHeadings(t *testing.T) {
	const n = 30000
	src := []byte(strings.Repeat("## h\n", n))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	doc, err := New(Options{}).Render(src, 0, nil)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Headings) != n || doc.Headings[n-1].ID != "h-"+strconv.Itoa(n-1) {
		t.Fatalf("%d headings, the last %+v", len(doc.Headings), doc.Headings[len(doc.Headings)-1])
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("rendering allocated %d MB, want at most 256", alloc>>20)
	}
}
