package decision_test

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files from the current output")

// TestValidate checks the diagnostics of one tree per kind of problem in
// testdata/validate against the .golden file beside it.
func TestValidate(t *testing.T) {
	files, err := filepath.Glob("testdata/validate/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test trees: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			tree := loadTree(t, file)
			got := tree.Validate()
			var b strings.Builder
			for _, d := range got {
				b.WriteString(d.Error())
				b.WriteByte('\n')
			}
			golden := strings.TrimSuffix(file, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run go test -update to create it): %v", err)
			}
			if b.String() != string(want) {
				t.Errorf("diagnostics differ from %s\n--- got\n%s--- want\n%s", golden, b.String(), want)
			}
			if (name == "valid") != (len(got) == 0) {
				t.Errorf("%s: got %d diagnostics; only valid.txt may have none", name, len(got))
			}
			if again := tree.Validate(); !slices.Equal(again, got) {
				t.Errorf("second Validate differs:\n%v\nfirst:\n%v", again, got)
			}
			if (got.Err() == nil) != (len(got) == 0) {
				t.Errorf("Err() = %v with %d problems", got.Err(), len(got))
			}
		})
	}
}
