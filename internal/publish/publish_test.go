package publish

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// tree lists the files below dir as "path=content", sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	for name, data := range testsite.ReadTree(t, dir) {
		out = append(out, name+"="+string(data))
	}
	slices.Sort(out)
	return out
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// temps lists the temporary output folders in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func begin(t *testing.T, dest string, files map[string]string) *Dir {
	t.Helper()
	d, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := d.WriteFile(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

func TestCommit(t *testing.T) {
	tests := []struct {
		name     string
		previous map[string]string // nil: no destination yet
	}{
		{"new destination", nil},
		{"replaces the previous output", map[string]string{Marker: markerText, "index.html": "old", "gone/index.html": "old page"}},
		{"empty previous folder", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			if tt.previous != nil {
				if err := os.Mkdir(dest, 0o755); err != nil {
					t.Fatal(err)
				}
				for name, c := range tt.previous {
					write(t, filepath.Join(dest, name), c)
				}
			}
			d := begin(t, dest, map[string]string{"index.html": "new", "a/b/index.html": "page"})
			if !strings.HasPrefix(d.Path(), filepath.Join(parent, tempPrefix)) {
				t.Errorf("temporary folder %s is not beside the destination", d.Path())
			}
			if tt.previous != nil {
				if got := tree(t, dest); len(got) != len(tt.previous) {
					t.Errorf("the destination changed before Commit: %v", got)
				}
			}
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			if got, want := tree(t, dest), []string{Marker + "=" + markerText, "a/b/index.html=page", "index.html=new"}; !slices.Equal(got, want) {
				t.Errorf("after Commit the destination holds %v, want %v", got, want)
			}
			if left := temps(t, parent); len(left) > 0 {
				t.Errorf("Commit left %v", left)
			}
			if fi, err := os.Stat(dest); err != nil || fi.Mode().Perm() != 0o755 {
				t.Errorf("destination mode %v, %v; want 0755 so a web server can read it", fi.Mode(), err)
			}
		})
	}
}

func TestAbortLeavesDestinationUntouched(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, filepath.Join(dest, "index.html"), "old")
	write(t, filepath.Join(dest, Marker), markerText)
	d := begin(t, dest, map[string]string{"index.html": "new", "extra.html": "x"})
	d.Abort()
	if got := tree(t, dest); !slices.Equal(got, []string{Marker + "=" + markerText, "index.html=old"}) {
		t.Errorf("after Abort the destination holds %v", got)
	}
	if left := temps(t, parent); len(left) > 0 {
		t.Errorf("Abort left %v", left)
	}
}

func TestBeginRemovesLeftoversOfKilledBuilds(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write(t, filepath.Join(parent, tempPrefix+"public-123", "index.html"), "half written")
	write(t, filepath.Join(parent, tempPrefix+"other-123", "index.html"), "another destination's")
	d := begin(t, dest, nil)
	defer d.Abort()
	left := temps(t, parent)
	if slices.Contains(left, tempPrefix+"public-123") {
		t.Error("the leftover of a killed build of the same destination is still there")
	}
	if !slices.Contains(left, tempPrefix+"other-123") {
		t.Error("Begin removed the temporary folder of another destination")
	}
}

func TestBeginRefusesPreciousFolders(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dest string)
		phrase string
	}{
		{"site sources", func(t *testing.T, dest string) { write(t, filepath.Join(dest, "guidepost.yaml"), "title: x") }, "contains guidepost.yaml"},
		{"content folder", func(t *testing.T, dest string) { write(t, filepath.Join(dest, "content", "_index.md"), "") }, "contains content"},
		{"repository", func(t *testing.T, dest string) { write(t, filepath.Join(dest, ".git", "HEAD"), "") }, "contains .git"},
		{"Go module", func(t *testing.T, dest string) { write(t, filepath.Join(dest, "go.mod"), "module x") }, "contains go.mod"},
		{"a file", func(t *testing.T, dest string) { write(t, dest, "not a folder") }, "is a file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "out")
			tt.setup(t, dest)
			d, err := Begin(dest)
			if err == nil {
				d.Abort()
				t.Fatal("Begin accepted the folder")
			}
			if !strings.Contains(err.Error(), tt.phrase) || !strings.Contains(err.Error(), "--dest") {
				t.Errorf("error %q does not say %q and what to do", err, tt.phrase)
			}
			if left := temps(t, parent); len(left) > 0 {
				t.Errorf("a refused Begin left %v", left)
			}
		})
	}
}

// A build replaces only a folder that is empty or that guidepost wrote:
// one with the marker, or one the caller vouches for. Any other folder is
// refused with a message naming a file that would be lost, and left as it
// was.
func TestBeginReplacesOnlyWhatGuidepostWrote(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		wrote  func() bool
		phrase string // "" when the folder is replaced
	}{
		{"a user's documents", map[string]string{"thesis.docx": "years of work"}, nil, "holds files such as thesis.docx"},
		{"a file deep down", map[string]string{"a/b/notes.txt": "x"}, nil, filepath.Join("a", "b", "notes.txt")},
		{"an old output nobody vouches for", map[string]string{"index.html": "old"}, func() bool { return false }, "holds files such as index.html"},
		{"a marker that is a folder", map[string]string{Marker + "/x": "x"}, nil, "was not written by guidepost build"},
		{"an empty folder", map[string]string{}, nil, ""},
		{"a marked output", map[string]string{Marker: markerText, "index.html": "old"}, nil, ""},
		{"a marked output with a file added by hand", map[string]string{Marker: markerText, "stale.txt": "x"}, nil, ""},
		{"an old output the caller vouches for", map[string]string{"index.html": "old"}, func() bool { return true }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "out")
			if err := os.Mkdir(dest, 0o755); err != nil {
				t.Fatal(err)
			}
			for name, c := range tt.files {
				write(t, filepath.Join(dest, name), c)
			}
			before := tree(t, dest)
			d, err := BeginWith(dest, Options{Wrote: tt.wrote})
			if tt.phrase == "" {
				if err != nil {
					t.Fatalf("Begin refused the folder: %v", err)
				}
				if err := d.Commit(); err != nil {
					t.Fatal(err)
				}
				if got, want := tree(t, dest), []string{Marker + "=" + markerText}; !slices.Equal(got, want) {
					t.Errorf("after Commit the folder holds %v, want %v", got, want)
				}
				return
			}
			if err == nil {
				d.Abort()
				t.Fatal("Begin accepted the folder")
			}
			for _, want := range []string{tt.phrase, "choose an empty or new --dest, or delete it yourself"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			if got := tree(t, dest); !slices.Equal(got, before) {
				t.Errorf("a refused Begin changed the folder: %v, was %v", got, before)
			}
			if left := temps(t, parent); len(left) > 0 {
				t.Errorf("a refused Begin left %v", left)
			}
		})
	}
}

func TestWriteFileStaysInsideTheFolder(t *testing.T) {
	parent := t.TempDir()
	d := begin(t, filepath.Join(parent, "public"), nil)
	defer d.Abort()
	for _, name := range []string{"../escape.html", "a/../../escape.html", "/" + filepath.ToSlash(filepath.Join(parent, "escape.html"))} {
		if err := d.WriteFile(name, []byte("x")); err == nil || !strings.Contains(err.Error(), "leaves the output folder") {
			t.Errorf("WriteFile(%q) = %v, want an error", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); err == nil {
		t.Error("a file was written outside the output folder")
	}
}

// Two builds into one destination at once take turns: neither removes the
// other's temporary folder, both commit, and the output is one of them whole.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	errs := make(chan error, 2)
	for i := range 2 {
		go func() {
			d, err := Begin(dest)
			if err != nil {
				errs <- err
				return
			}
			for j := range 50 {
				if err := d.WriteFile(fmt.Sprintf("p%d/index.html", j), []byte{byte('a' + i)}); err != nil {
					d.Abort()
					errs <- err
					return
				}
			}
			errs <- d.Commit()
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent build: %v", err)
		}
	}
	entries, err := os.ReadDir(dest)
	if err != nil || len(entries) != 51 {
		t.Fatalf("output has %d entries (%v), want the 50 pages and the marker of one build", len(entries), err)
	}
}

// WriteFile creates the folders a file needs, once each, from writers at
// once; a name written twice holds the later content; a file where a
// folder is needed is an error naming the file.
func TestWriteFileCreatesFoldersAndFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	d, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{Marker: markerText, "index.html": "home", "a.txt": "second"}
	errs := make(chan error, 8)
	for w := range 8 {
		go func() {
			for j := range 40 { // writers share folders, and each page is written twice
				name := fmt.Sprintf("s%d/deep/p%d/index.html", w%3, j)
				if err := d.WriteFile(name, []byte(name)); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
		for j := range 40 {
			name := fmt.Sprintf("s%d/deep/p%d/index.html", w%3, j)
			want[name] = name
		}
	}
	for range 8 {
		if err := <-errs; err != nil {
			d.Abort()
			t.Fatal(err)
		}
	}
	for _, f := range []struct{ name, content string }{{"index.html", "home"}, {"a.txt", "first"}, {"a.txt", "second"}} {
		if err := d.WriteFile(f.name, []byte(f.content)); err != nil {
			d.Abort()
			t.Fatal(err)
		}
	}
	if err := d.WriteFile("a.txt/b.html", []byte("x")); err == nil || !strings.Contains(err.Error(), "a.txt/b.html") {
		t.Errorf("writing below a file: %v, want an error naming the file", err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	got := testsite.ReadTree(t, dest)
	if len(got) != len(want) {
		t.Errorf("output has %d files, want %d", len(got), len(want))
	}
	for name, content := range want {
		if string(got[name]) != content {
			t.Errorf("%s = %q, want %q", name, got[name], content)
		}
	}
}
