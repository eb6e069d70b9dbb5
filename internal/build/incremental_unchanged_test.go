package build

import (
	"errors"
	"testing"
)

// TestIncrementalNothingChanged checks that a rebuild told of no change
// serves the last good build as it is, and that after a failed build it
// builds again, so the failure is not hidden.
func TestIncrementalNothingChanged(t *testing.T) {
	src, inc, first := corpusIncremental(t, 20)
	up, err := inc.Rebuild(Changes{})
	if err != nil {
		t.Fatal(err)
	}
	if up.Output != first.Output || up.Rendered != 0 || len(up.Pages) > 0 || up.Static || up.Full {
		t.Errorf("nothing changed, yet the update has a new output %v, rendered %d, changed %v, static %v, full %v",
			up.Output != first.Output, up.Rendered, up.Pages, up.Static, up.Full)
	}
	if up.Seq <= first.Seq {
		t.Errorf("update numbered %d after %d", up.Seq, first.Seq)
	}
	if up.Result.Pages != first.Result.Pages || up.Result.Files != first.Result.Files {
		t.Errorf("result counts %d pages, %d files; want %d, %d", up.Result.Pages, up.Result.Files, first.Result.Pages, first.Result.Files)
	}
	assertSameFiles(t, outputHashes(t, up.Output), renderHashes(t, New(), src))

	page := corpusPage(t, 20, 0)
	write(t, src, page, "---\ntitel: No title\n---\nBody.\n")
	if _, err := inc.Rebuild(Changes{Files: []string{page}}); !errors.Is(err, ErrFailed) {
		t.Fatalf("a page without a title: err = %v, want a failure", err)
	}
	if _, err := inc.Rebuild(Changes{}); !errors.Is(err, ErrFailed) {
		t.Errorf("a rebuild without changes after a failure: err = %v, want the failure again", err)
	}
}
