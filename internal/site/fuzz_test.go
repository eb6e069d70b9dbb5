package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzTreeFolder loads a site whose decision tree has a fuzzed _index.md
// and a fuzzed question beside two fixed outcomes. Loading must never
// panic or hang, and every problem must name a file of the site and a line
// inside it, so that an author can jump to it. Seeds: testdata/fuzz/
// FuzzTreeFolder.
func FuzzTreeFolder(f *testing.F) {
	f.Add([]byte("---\ntitle: T\nstart: q\nscenarios:\n  - answers: [\"Yes\"]\n    expect: yes\n---\nIntro.\n"),
		[]byte("---\ntitle: Q?\noptions:\n  - label: \"Yes\"\n    next: yes\n  - label: \"No\"\n    next: no\n---\nHelp.\n"))
	root := f.TempDir()
	outcome := "---\ntitle: %s\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2026-01-31\nsources:\n  - title: S\n    url: https://example.org/s\n---\n"
	fixed := map[string]string{
		"guidepost.yaml":               "title: Fuzz\nbase_url: https://example.org/\n",
		"content/_index.md":            "---\ntitle: Home\n---\n",
		"content/decide/t/yes.md":      fmtOutcome(outcome, "Yes"),
		"content/decide/t/no.md":       fmtOutcome(outcome, "No"),
		"content/decide/t/_index.md":   "",
		"content/decide/t/q.md":        "",
		"content/decide/t/other/x.md":  "---\ntitle: X\n---\n",
		"content/decide/t/other/_i.md": "---\ntitle: I\n---\n",
	}
	for name, text := range fixed {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, index, question []byte) {
		files := map[string][]byte{"content/decide/t/_index.md": index, "content/decide/t/q.md": question}
		for name, data := range files {
			if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, diags := Load(Options{Root: root, Now: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		for _, d := range diags {
			data, ok := files[d.File]
			if !ok {
				if _, fixedFile := fixed[d.File]; !fixedFile {
					t.Fatalf("%q names no file of the site", d.String())
				}
				data = []byte(fixed[d.File])
			}
			if lines := 1 + bytes.Count(data, []byte("\n")); d.Line < 0 || d.Line > lines || d.Message == "" {
				t.Fatalf("%q: line outside the file's %d lines, or no message", d.String(), lines)
			}
		}
	})
}

func fmtOutcome(format, title string) string {
	return string(bytes.Replace([]byte(format), []byte("%s"), []byte(title), 1))
}
