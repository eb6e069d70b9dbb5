package build

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// outputHashes returns the hashes of every file of an incremental build's
// output.
func outputHashes(t *testing.T, out *Output) map[string]string {
	t.Helper()
	sink := &hashSink{}
	if err := out.WriteTo(sink); err != nil {
		t.Fatal(err)
	}
	return sink.files
}

// assertSameFiles fails unless two outputs hold the same files.
func assertSameFiles(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, h := range want {
		switch g, ok := got[name]; {
		case !ok:
			t.Errorf("incremental build lacks %s", name)
		case g != h:
			t.Errorf("incremental build differs from a full build in %s", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("incremental build has %s, which a full build does not", name)
		}
	}
}

// editBody appends text to a content file's body.
func editBody(t *testing.T, src, rel, text string) {
	t.Helper()
	f := filepath.Join(src, filepath.FromSlash(rel))
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(data, text...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIncrementalEditDuringFinish edits a page's body while Finish builds
// the search index: the edit is applied in place at once, Finish drops its
// now outdated work, and once Finish has run again the output equals a
// full build's, search index included.
func TestIncrementalEditDuringFinish(t *testing.T) {
	src, inc, first := corpusIncremental(t, 40)
	page := corpusPage(t, 40, 2)
	editBody(t, src, page, "\nFirst edit, searchable as zanzibarfirst.\n")
	up, err := inc.Rebuild(Changes{Files: []string{page}})
	if err != nil {
		t.Fatal(err)
	}
	if !up.Pending {
		t.Fatal("a body edit left no search index to bring up to date")
	}
	var during *Update
	inc.duringFinish = func() {
		inc.duringFinish = nil
		editBody(t, src, page, "\nSecond edit, searchable as zanzibarsecond.\n")
		var err error
		if during, err = inc.Rebuild(Changes{Files: []string{page}}); err != nil {
			t.Errorf("rebuild during Finish: %v", err)
		}
	}
	if up, err := inc.Finish(); err != nil || up != nil {
		t.Fatalf("Finish outdated by a rebuild = %v, %v; want nil, nil", up, err)
	}
	if during == nil {
		t.Fatal("no rebuild ran during Finish")
	}
	if during.Result.Site != first.Result.Site {
		t.Error("a body edit during Finish loaded the whole site again")
	}
	if during.Rendered != 1 {
		t.Errorf("the edit during Finish rendered %d pages, want 1", during.Rendered)
	}
	if _, err := inc.Finish(); err != nil {
		t.Fatal(err)
	}
	got, err := inc.Rebuild(Changes{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Pending || got.Rendered != 0 {
		t.Errorf("after Finish: pending %v, rendered %d; want nothing left", got.Pending, got.Rendered)
	}
	assertSameFiles(t, outputHashes(t, got.Output), renderHashes(t, New(), src))
	found := false
	for _, name := range got.Output.Names() {
		if data, _ := got.Output.Get(name); strings.HasPrefix(name, SearchDir) && strings.Contains(searchText(t, name, data), "zanzibarsecond") {
			found = true
		}
	}
	if !found {
		t.Error("the search index lacks the word of the edit made during Finish")
	}
}

// TestIncrementalConcurrentFinish runs Finish and body edits at the same
// time, as the dev server does (run it with -race): the result equals a
// full build's.
func TestIncrementalConcurrentFinish(t *testing.T) {
	src, inc, _ := corpusIncremental(t, 40)
	pages := []string{corpusPage(t, 40, 1), corpusPage(t, 40, 7), corpusPage(t, 40, 11)}
	var wg sync.WaitGroup
	for i := range 12 {
		page := pages[i%len(pages)]
		editBody(t, src, page, fmt.Sprintf("\nEdit %d.\n", i))
		if _, err := inc.Rebuild(Changes{Files: []string{page}}); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := inc.Finish(); err != nil {
				t.Errorf("finish: %v", err)
			}
		}()
	}
	wg.Wait()
	if _, err := inc.Finish(); err != nil {
		t.Fatal(err)
	}
	got, err := inc.Rebuild(Changes{})
	if err != nil {
		t.Fatal(err)
	}
	assertSameFiles(t, outputHashes(t, got.Output), renderHashes(t, New(), src))
}

// searchText returns the text of a file of the search index: a pack's
// gzip members decompressed (see internal/search), another file as it is.
func searchText(t *testing.T, name string, data []byte) string {
	t.Helper()
	if !strings.HasSuffix(name, ".gpack") {
		return string(data)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data)) // reads every member
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(text)
}
