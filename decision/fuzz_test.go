package decision_test

import (
	"strings"
	"testing"
)

// FuzzResume checks that Resume never panics or hangs, that every error has
// a message and comes without a session, and that every accepted fragment
// is canonical: the session it opens encodes back to the same text. The
// cyclic and broken trees check that the engine stays bounded and safe on
// trees the validator rejects. Seeds: testdata/fuzz/FuzzResume.
func FuzzResume(f *testing.F) {
	files := []string{"testdata/whatsapp.txt", "testdata/validate/cycle.txt", "testdata/validate/unknown-next.txt"}
	var trees []treeUnderTest
	for _, file := range files {
		trees = append(trees, treeUnderTest{file, loadTree(f, file)})
	}
	f.Fuzz(func(t *testing.T, fragment string) {
		for _, tt := range trees {
			s, err := tt.tree.Resume(fragment)
			if err != nil {
				if s != nil || strings.TrimSpace(err.Error()) == "" {
					t.Fatalf("%s: Resume(%q) = %v, %q", tt.file, fragment, s, err)
				}
				continue
			}
			want := strings.TrimPrefix(fragment, "#")
			if got := s.Fragment(); got != want {
				t.Fatalf("%s: Resume(%q).Fragment() = %q, want %q", tt.file, fragment, got, want)
			}
			answered, remaining := s.Progress()
			if answered != len(s.Trail()) || remaining < 0 || (s.Outcome() != nil) != (remaining == 0 && s.Current().IsOutcome()) {
				t.Fatalf("%s: Resume(%q): Progress() = %d, %d with %d answers", tt.file, fragment, answered, remaining, len(s.Trail()))
			}
		}
	})
}
