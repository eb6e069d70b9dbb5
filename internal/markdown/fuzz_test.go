package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRender renders any text with the site's extensions (GFM, footnotes,
// callouts, highlighted code, heading ids) as a page without raw HTML
// would. It must never panic or hang, every heading and link it reports
// must be on a line of the file, and no raw HTML may reach the page: the
// output never holds a <script> element. Seeds: testdata/*.md and
// testdata/fuzz/FuzzRender.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	r := New(Options{})
	const offset = 3 // three front matter lines before the body
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := r.Render(src, offset, nil)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("error without a message")
			}
			return
		}
		last := offset + 1 + bytes.Count(src, []byte("\n"))
		for _, h := range doc.Headings {
			if h.Line <= offset || h.Line > last || h.ID == "" {
				t.Fatalf("heading %+v: line outside %d..%d or no id", h, offset+1, last)
			}
		}
		for _, l := range doc.Links {
			if l.Line <= offset || l.Line > last {
				t.Fatalf("link %+v: line outside %d..%d", l, offset+1, last)
			}
		}
		if bytes.Contains(bytes.ToLower(doc.HTML), []byte("<script")) {
			t.Fatalf("raw HTML reached the page:\n%s", doc.HTML)
		}
	})
}
