package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// A defect is one testdata/bad/*.txtar case: a change to the good site and
// the diagnostics it must produce.
//
// The file starts with comment lines, then `-- path --` headers each
// followed by the content that file gets (added or replaced). Comment lines
// may hold directives:
//
//	want <file>:<line>: <phrase>   stderr has a line starting with
//	                               "<file>:<line>: " that contains <phrase>
//	alone                          stderr has no other line besides the
//	                               summary: no knock-on errors or warnings
//	delete <path>                  remove a file of the good site
type defect struct {
	wants   []want
	alone   bool
	deletes []string
	files   map[string][]byte
}

type want struct{ prefix, phrase string }

func parseDefect(t *testing.T, src []byte) defect {
	t.Helper()
	d := defect{files: map[string][]byte{}}
	var current string
	for len(src) > 0 {
		line, rest, _ := bytes.Cut(src, []byte("\n"))
		src = rest
		s := string(line)
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			current = s[3 : len(s)-3]
			d.files[current] = []byte{}
			continue
		}
		if current != "" {
			d.files[current] = append(append(d.files[current], line...), '\n')
			continue
		}
		switch directive, arg, _ := strings.Cut(s, " "); directive {
		case "want":
			loc, phrase, ok := strings.Cut(arg, ": ")
			if !ok {
				t.Fatalf("want %q: write `want file:line: phrase`", arg)
			}
			d.wants = append(d.wants, want{prefix: loc + ": ", phrase: phrase})
		case "alone":
			d.alone = true
		case "delete":
			d.deletes = append(d.deletes, arg)
		}
	}
	if len(d.wants) == 0 {
		t.Fatal("the case has no `want` line")
	}
	return d
}

// apply changes the site as the defect says.
func (d defect) apply(t *testing.T, site string) {
	t.Helper()
	for _, name := range d.deletes {
		if err := os.Remove(filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Fatalf("delete: %v", err)
		}
	}
	for name, data := range d.files {
		writeFile(t, site, name, string(data))
	}
}

// TestBadInputs builds the good site, breaks it as each testdata/bad case
// says and builds again into the same folder. The build must fail with
// the diagnostic the author needs and leave the previous output exactly as
// it was; `check` must report the same problem.
func TestBadInputs(t *testing.T) {
	testsite.SkipShort(t, "builds, breaks and rebuilds a site for each of testdata/bad's hundred cases: run without -short")
	cases, err := filepath.Glob(filepath.Join("testdata", "bad", "*.txtar"))
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases in testdata/bad: %v", err)
	}
	for _, file := range cases {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			d := parseDefect(t, src)
			printed := assertRejected(t, d.apply, d.wants)
			if d.alone {
				assertAlone(t, printed, d.wants)
			}
		})
	}
}

// assertRejected builds the good site, changes it with apply and builds
// again into the same folder. The build must fail with every wanted
// diagnostic and leave the previous output exactly as it was; `check`
// must report the same problems. It returns what the build printed.
func assertRejected(t *testing.T, apply func(t *testing.T, site string), wants []want) string {
	t.Helper()
	work, site := newSite(t)
	dest := filepath.Join(work, "public")
	if res := runCLI(t, work, "build", "--source", site, "--dest", dest); res.code != 0 {
		t.Fatalf("the good site does not build: exit code %d\n%s", res.code, res.stderr)
	}
	before := hashTree(t, dest)
	apply(t, site)

	var printed string
	for _, args := range [][]string{
		{"build", "--source", site, "--dest", dest},
		{"check", "--source", site},
	} {
		res := runCLI(t, work, args...)
		if args[0] == "build" {
			printed = res.stderr
		}
		if res.code != 1 {
			t.Errorf("%s: exit code %d, want 1", args[0], res.code)
		}
		for _, w := range wants {
			if !hasLine(res.stderr, w.prefix, w.phrase) {
				t.Errorf("%s: stderr has no line `%s…%s…`:\n%s", args[0], w.prefix, w.phrase, clip(res.stderr))
			}
		}
		if !failedSummary(args[0]).MatchString(res.stderr) {
			t.Errorf("%s: stderr lacks the summary line `%s failed: 1 error` or `… N errors`:\n%s", args[0], args[0], clip(res.stderr))
		}
		if res.stdout != "" {
			t.Errorf("%s: a failed run printed to stdout: %q", args[0], clip(res.stdout))
		}
	}
	if diff := diffTrees(before, hashTree(t, dest)); diff != "" {
		t.Errorf("the failed build changed the previous output:\n%s", diff)
	}
	assertNoTempFolders(t, work)
	return printed
}

// assertAlone fails unless every line of stderr but the last, the
// summary, is one of the wanted diagnostics.
func assertAlone(t *testing.T, stderr string, wants []want) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	for _, line := range lines[:len(lines)-1] {
		wanted := false
		for _, w := range wants {
			wanted = wanted || hasLine(line, w.prefix, w.phrase)
		}
		if !wanted {
			t.Errorf("a line besides the wanted ones: %s\nstderr:\n%s", line, clip(stderr))
		}
	}
	if len(lines)-1 != len(wants) {
		t.Errorf("stderr has %d diagnostics, want %d:\n%s", len(lines)-1, len(wants), clip(stderr))
	}
}

// failedSummary matches the last line a failed build or check prints,
// with the count of errors in the singular for one.
func failedSummary(command string) *regexp.Regexp {
	return regexp.MustCompile(`(?m)^` + command + ` failed: (1 error|(0|[2-9]|[1-9]\d+) errors)\n\z`)
}

// clip shortens long output for a failure message.
func clip(s string) string {
	if len(s) > 4000 {
		return s[:4000] + "…"
	}
	return s
}
