package frontmatter

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestParseGolden decodes each testdata/*.md and compares the decoded front
// matter, body position and diagnostics with testdata/<name>.golden.
func TestParseGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	if len(files) == 0 {
		t.Fatal("no testdata/*.md")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var diags diag.List
			doc := Parse("content/"+name+".md", src, &diags)
			fm, err := json.MarshalIndent(doc.FrontMatter, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			b.WriteString("front matter: " + string(fm) + "\n")
			// The lines the JSON leaves out (decision's types hide them).
			for _, o := range doc.FrontMatter.Options {
				b.WriteString("option " + jsonString(o.Label) + " line " + itoa(o.Pos.Line) + "\n")
			}
			for _, sc := range doc.FrontMatter.Scenarios {
				b.WriteString("scenario " + jsonString(sc.Name) + " line " + itoa(sc.Pos.Line) + "\n")
			}
			for _, src := range doc.FrontMatter.Sources {
				b.WriteString("source " + jsonString(src.Title) + " line " + itoa(src.Line) + "\n")
			}
			b.WriteString("body line: " + itoa(doc.BodyLine) + "\n")
			b.WriteString("body: " + jsonString(string(doc.Body)) + "\n")
			b.WriteString("diagnostics:\n")
			for _, d := range diags {
				b.WriteString("  " + d.String() + "\n")
			}
			golden := filepath.Join("testdata", name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("decoded %s differs from %s:\n%s", file, golden, b.String())
			}
		})
	}
}

func itoa(n int) string { data, _ := json.Marshal(n); return string(data) }

func jsonString(s string) string { data, _ := json.Marshal(s); return string(data) }

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		fm, body string
		bodyLine int
		ok       bool
	}{
		{"LF", "---\ntitle: A\n---\nBody\n", "title: A\n", "Body\n", 3, true},
		{"CRLF", "---\r\ntitle: A\r\n---\r\nBody\r\n", "title: A\r\n", "Body\r\n", 3, true},
		{"trailing spaces on fences", "--- \ntitle: A\n---\t\nBody\n", "title: A\n", "Body\n", 3, true},
		{"empty front matter", "---\n---\nBody\n", "", "Body\n", 2, true},
		{"closing fence at end of file", "---\ntitle: A\n---", "title: A\n", "", 3, true},
		{"longer front matter", "---\na: 1\nb: 2\nc: 3\n---\n\nBody\n", "a: 1\nb: 2\nc: 3\n", "\nBody\n", 5, true},
		{"a --- inside the body stays in the body", "---\na: 1\n---\nx\n---\ny\n", "a: 1\n", "x\n---\ny\n", 3, true},
		{"not closed", "---\ntitle: A\nBody\n", "", "", 0, false},
		{"no opening fence", "title: A\n---\n", "", "", 0, false},
		{"four dashes are not a fence", "----\ntitle: A\n----\n", "", "", 0, false},
		{"only a fence", "---", "", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, line, ok := split([]byte(tt.src))
			if ok != tt.ok || string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("split = (%q, %q, %d, %v), want (%q, %q, %d, %v)", fm, body, line, ok, tt.fm, tt.body, tt.bodyLine, tt.ok)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		title    string
		lines    map[string]int
		bodyLine int
		diags    []string
	}{
		{
			name:     "keys keep their file lines",
			src:      "---\ntitle: A\n\nsummary: S\nweight: 2\n---\nBody\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "summary": 4, "weight": 5},
			bodyLine: 6,
		},
		{
			name:     "CRLF line endings",
			src:      "---\r\ntitle: A\r\nweight: x\r\n---\r\nBody\r\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "weight": 3},
			bodyLine: 4,
			diags:    []string{`c.md:3: weight must be a whole number, got "x"`},
		},
		{
			name:     "byte order mark",
			src:      "\xef\xbb\xbf---\ntitle: A\ndraft: maybe\n---\nBody\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "draft": 3},
			bodyLine: 4,
			diags:    []string{`c.md:3: draft must be true or false, got "maybe"`},
		},
		{
			name:     "byte order mark and CRLF",
			src:      "\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n",
			title:    "A",
			lines:    map[string]int{"title": 2},
			bodyLine: 3,
		},
		{
			name:     "missing title points at the first line of front matter",
			src:      "---\nsummary: S\n---\n",
			lines:    map[string]int{"summary": 2},
			bodyLine: 3,
			diags:    []string{"c.md:2: missing title: add `title: …` to the front matter"},
		},
		{
			name:     "empty title points at its line",
			src:      "---\nsummary: S\ntitle: \"\"\n---\n",
			lines:    map[string]int{"summary": 2, "title": 3},
			bodyLine: 4,
			diags:    []string{"c.md:3: missing title: add `title: …` to the front matter"},
		},
		{
			name:     "invalid YAML is the only error",
			src:      "---\ntitle: A\nsummary: a: b\n---\n",
			bodyLine: 4,
			diags:    []string{"c.md:3: invalid YAML: mapping values are not allowed in this context (check indentation, and quote values that contain ': ' or start with a special character)"},
		},
		{
			name:  "not UTF-8",
			src:   "---\ntitle: A\n---\nCaf\xe9\n",
			diags: []string{"c.md:4: file is not valid UTF-8 text: save it as UTF-8 (is it a binary file with a .md name?)"},
		},
		{
			name:  "empty file",
			src:   " \n\n",
			diags: []string{"c.md:1: file is empty: add front matter with at least a title, e.g. ---\\ntitle: My page\\n---"},
		},
		{
			name:  "unclosed front matter",
			src:   "---\ntitle: A\n",
			diags: []string{"c.md:1: front matter is not closed: add a line with only --- after the last front matter line"},
		},
		{
			name:  "no front matter",
			src:   "# Title\n",
			diags: []string{"c.md:1: missing front matter: start the file with a --- line, then `title: …`, then another --- line"},
		},
		{
			name:     "source without title",
			src:      "---\ntitle: A\nsources:\n  - url: https://example.org/\n  - title: B\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "sources": 3},
			bodyLine: 6,
			diags:    []string{"c.md:4: source has no title: add `title: …` to this source"},
		},
		{
			name:     "scenario without expect",
			src:      "---\ntitle: A\nscenarios:\n  - answers: [x]\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "scenarios": 3},
			bodyLine: 5,
			diags:    []string{"c.md:4: scenario has no expect: add `expect: <outcome id>`"},
		},
		{
			name:     "search weight out of range",
			src:      "---\ntitle: A\nsearch_weight: 11\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "search_weight": 3},
			bodyLine: 4,
			diags:    []string{`c.md:3: search_weight (0 leaves the page out of search, 1 is the default) must be a number from 0 to 10, got "11"`},
		},
		{
			name:     "search weight not a number",
			src:      "---\ntitle: A\nsearch_weight: high\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "search_weight": 3},
			bodyLine: 4,
			diags:    []string{`c.md:3: search_weight (0 leaves the page out of search, 1 is the default) must be a number from 0 to 10, got "high"`},
		},
		{
			name:     "search weight not a number: NaN",
			src:      "---\ntitle: A\nsearch_weight: NaN\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "search_weight": 3},
			bodyLine: 4,
			diags:    []string{`c.md:3: search_weight (0 leaves the page out of search, 1 is the default) must be a number from 0 to 10, got "NaN"`},
		},
		{
			name:     "search weight",
			src:      "---\ntitle: A\nsearch_weight: 0.5\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "search_weight": 3},
			bodyLine: 4,
		},
		{
			name:     "unknown key in an option",
			src:      "---\ntitle: A\noptions:\n  - label: Yes\n    nxt: b\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "options": 3},
			bodyLine: 6,
			diags:    []string{`c.md:5: unknown key "nxt" in an option: did you mean "next"?`},
		},
		{
			name:     "review_every as a list",
			src:      "---\ntitle: A\nreview_every: [6mo]\n---\n",
			title:    "A",
			lines:    map[string]int{"title": 2, "review_every": 3},
			bodyLine: 4,
			diags:    []string{"c.md:3: review_every must be text, got a list"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			doc := Parse("c.md", []byte(tt.src), &diags)
			if doc.FrontMatter.Title != tt.title {
				t.Errorf("title %q, want %q", doc.FrontMatter.Title, tt.title)
			}
			for k, l := range tt.lines {
				if got := doc.FrontMatter.Line(k); got != l {
					t.Errorf("line of %s = %d, want %d", k, got, l)
				}
			}
			if len(doc.FrontMatter.Lines) != len(tt.lines) {
				t.Errorf("lines %v, want %v", doc.FrontMatter.Lines, tt.lines)
			}
			if doc.BodyLine != tt.bodyLine {
				t.Errorf("body line %d, want %d", doc.BodyLine, tt.bodyLine)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

func TestInterval(t *testing.T) {
	reviewed := time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		ok     bool
		want   Interval
		str    string
		review string // reviewed + interval
	}{
		{"12mo", true, Interval{Months: 12}, "12mo", "2026-01-31"},
		{"1mo", true, Interval{Months: 1}, "1mo", "2025-03-03"}, // 31 Feb normalises
		{"2y", true, Interval{Years: 2}, "2y", "2027-01-31"},
		{"6w", true, Interval{Days: 42}, "42d", "2025-03-14"},
		{"90d", true, Interval{Days: 90}, "90d", "2025-05-01"},
		{"10y", true, Interval{Years: 10}, "10y", "2035-01-31"},
		{"120mo", true, Interval{Months: 120}, "120mo", "2035-01-31"},
		{"520w", true, Interval{Days: 3640}, "3640d", "2035-01-19"},
		{"3650d", true, Interval{Days: 3650}, "3650d", "2035-01-29"},
		{"11y", false, Interval{}, "", ""},
		{"121mo", false, Interval{}, "", ""},
		{"521w", false, Interval{}, "", ""},
		{"3651d", false, Interval{}, "", ""},
		{"999999999999y", false, Interval{}, "", ""},
		{"99999999999999999999y", false, Interval{}, "", ""},
		{"0d", false, Interval{}, "", ""},
		{"0y", false, Interval{}, "", ""},
		{"-1y", false, Interval{}, "", ""},
		{"12m", false, Interval{}, "", ""},
		{"12 months", false, Interval{}, "", ""},
		{"mo", false, Interval{}, "", ""},
		{"", false, Interval{}, "", ""},
		{"1.5y", false, Interval{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseInterval(tt.in)
			if ok != tt.ok || got != tt.want {
				t.Fatalf("ParseInterval(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
			}
			if !ok {
				return
			}
			if got.IsZero() {
				t.Error("a parsed interval is zero")
			}
			if s := got.String(); s != tt.str {
				t.Errorf("String() = %q, want %q", s, tt.str)
			}
			if due := got.After(reviewed).Format(time.DateOnly); due != tt.review {
				t.Errorf("After(2025-01-31) = %s, want %s", due, tt.review)
			}
		})
	}
	if !(Interval{}).IsZero() {
		t.Error("the zero Interval is not IsZero")
	}
}

// TestVocabulary checks the keys a site adds in guidepost.yaml: its
// taxonomies' terms and its own top-level keys, which reach Params with
// those under params:, while other unknown keys stay errors.
func TestVocabulary(t *testing.T) {
	src := "---\ntitle: A\nseries: [Basics]\naudience: clinicians\nparams: {foo: bar}\nauthors: [Jane]\nreviewd: 2024-01-01\n---\n"
	vocab := &Vocabulary{Taxonomies: []string{"tags", "series", "authors"}, Extra: []string{"audience"}}
	var diags diag.List
	doc := ParseWith("c.md", []byte(src), &diags, vocab)
	fm := doc.FrontMatter
	if got := fm.TermsOf("series"); !slices.Equal(got, []string{"Basics"}) {
		t.Errorf("series terms %q, want [Basics]", got)
	}
	if got := fm.TermsOf("authors"); !slices.Equal(got, []string{"Jane"}) {
		t.Errorf("authors terms %q, want [Jane]", got)
	}
	if fm.Params["audience"] != "clinicians" || fm.Params["foo"] != "bar" {
		t.Errorf("params %v, want audience and foo", fm.Params)
	}
	want := []string{`c.md:7: unknown key "reviewd" in front matter: did you mean "reviewed"?`}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	// Without the vocabulary, the site's own keys are unknown.
	diags = nil
	Parse("c.md", []byte(src), &diags)
	if len(diags) != 3 || !strings.Contains(diags[0].String(), `c.md:3: unknown key "series"`) || !strings.Contains(diags[1].String(), `c.md:4: unknown key "audience"`) {
		t.Errorf("without the vocabulary: %v", diags)
	}
}

func TestReviewedBy(t *testing.T) {
	for _, tt := range []struct {
		name, yaml string
		want       []Reviewer
		diag       string
	}{
		{"a name", "reviewed_by: Dr A. Patel", []Reviewer{{Name: "Dr A. Patel"}}, ""},
		{"name and role", "reviewed_by: {name: Dr A. Patel, role: Clinical safety officer}", []Reviewer{{Name: "Dr A. Patel", Role: "Clinical safety officer"}}, ""},
		{"a list", "reviewed_by:\n  - {name: A, role: GP}\n  - B", []Reviewer{{Name: "A", Role: "GP"}, {Name: "B"}}, ""},
		{"no name", "reviewed_by: {role: GP}", nil, "c.md:3: reviewed_by has no name: write reviewed_by: {name: Dr A. Patel, role: Clinical safety officer}"},
		{"unknown key", "reviewed_by: {name: A, rol: GP}", []Reviewer{{Name: "A"}}, `c.md:3: unknown key "rol" in reviewed_by: did you mean "role"?`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			doc := Parse("c.md", []byte("---\ntitle: T\n"+tt.yaml+"\n---\n"), &diags)
			if !reflect.DeepEqual(doc.FrontMatter.ReviewedBy, tt.want) {
				t.Errorf("ReviewedBy = %+v, want %+v", doc.FrontMatter.ReviewedBy, tt.want)
			}
			got := ""
			if len(diags) > 0 {
				got = diags[0].String()
			}
			if got != tt.diag {
				t.Errorf("diagnostic %q, want %q", got, tt.diag)
			}
		})
	}
}
