package yamlx

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"go.yaml.in/yaml/v3"
)

// decodeOne parses src (a mapping of `v: …`) with a line offset of 10 and
// returns the value node of key v with the decoder.
func decodeOne(t *testing.T, src string) (*Decoder, *yaml.Node, *diag.List) {
	t.Helper()
	var diags diag.List
	d := &Decoder{File: "f.md", LineOffset: 10, Diags: &diags}
	n := d.Parse([]byte(src))
	if n == nil {
		t.Fatalf("parse %q: %v", src, diags)
	}
	var v *yaml.Node
	d.Mapping(n, "test", map[string]Field{"v": func(n *yaml.Node) { v = n }})
	if len(diags) > 0 || v == nil {
		t.Fatalf("mapping %q: %v", src, diags)
	}
	return d, v, &diags
}

func TestScalarDecoders(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		decode func(d *Decoder, n *yaml.Node) any
		want   any
		diag   string // the one diagnostic expected, "" for none
	}{
		{"string", "v: hello", str, "hello", ""},
		{"string from number", "v: 12", str, "12", ""},
		{"string null", "v:", str, "", ""},
		{"string from list", "v: [a]", str, "", "f.md:11: v must be text, got a list"},
		{"string from mapping", "v: {a: b}", str, "", "f.md:11: v must be text, got a mapping"},
		{"int", "v: 42", integer, 42, ""},
		{"int negative", "v: -3", integer, -3, ""},
		{"int null", "v: ~", integer, 0, ""},
		{"int from word", "v: abc", integer, 0, `f.md:11: v must be a whole number, got "abc"`},
		{"int from fraction", "v: 1.5", integer, 0, `f.md:11: v must be a whole number, got "1.5"`},
		{"int from list", "v: [1]", integer, 0, "f.md:11: v must be a whole number, got a list"},
		{"bool true", "v: true", boolean, true, ""},
		{"bool yes", "v: Yes", boolean, true, ""},
		{"bool false", "v: false", boolean, false, ""},
		{"bool null", "v:", boolean, false, ""},
		{"bool maybe", "v: maybe", boolean, false, `f.md:11: v must be true or false, got "maybe"`},
		{"bool mapping", "v: {a: b}", boolean, false, "f.md:11: v must be true or false, got a mapping"},
		{"strings list", "v: [a, b]", strs, []string{"a", "b"}, ""},
		{"strings block list", "v:\n  - a\n  - b", strs, []string{"a", "b"}, ""},
		{"strings scalar", "v: hipaa", strs, []string{"hipaa"}, ""},
		{"strings null", "v:", strs, []string(nil), ""},
		{"strings mapping", "v: {a: b}", strs, []string(nil), "f.md:11: v must be a list like [a, b], got a mapping"},
		{"strings nested item", "v:\n  - a\n  - [b]", strs, []string{"a"}, "f.md:13: each item of v must be text, got a list"},
		{"date", "v: 2025-01-15", date, "2025-01-15", ""},
		{"date null", "v:", date, "0001-01-01", ""},
		{"date quoted", `v: "2025-01-15"`, date, "2025-01-15", ""},
		{"date impossible", "v: 2024-02-30", date, "0001-01-01", `f.md:11: v must be a date written YYYY-MM-DD, got "2024-02-30"`},
		{"date with time", "v: 2024-02-03T10:00:00Z", date, "2024-02-03", ""},
		{"date with time and offset", "v: 2024-02-03T23:30:00-05:00", date, "2024-02-03", ""},
		{"date with time, no zone", "v: 2024-02-03T10:00:00", date, "2024-02-03", ""},
		{"date Jekyll writes", "v: 2024-02-03 10:00:00 +0100", date, "2024-02-03", ""},
		{"date with impossible time", "v: 2024-02-03T25:00:00Z", date, "0001-01-01", `f.md:11: v must be a date written YYYY-MM-DD, got "2024-02-03T25:00:00Z" (a date with a time is written as RFC 3339: 2024-01-02T10:00:00Z or 2024-01-02T10:00:00+01:00)`},
		{"date day first", "v: 15/01/2024", date, "0001-01-01", `f.md:11: v must be a date written YYYY-MM-DD, got "15/01/2024"`},
		{"date first year", "v: 1900-01-01", date, "1900-01-01", ""},
		{"date last year", "v: 2200-12-31", date, "2200-12-31", ""},
		{"date year 1", "v: 0001-01-01", date, "0001-01-01", `f.md:11: v must be a date from 1900-01-01 to 2200-12-31, got "0001-01-01": check the year`},
		{"date before 1900", "v: 1899-12-31", date, "0001-01-01", `f.md:11: v must be a date from 1900-01-01 to 2200-12-31, got "1899-12-31": check the year`},
		{"date after 2200", "v: 2201-01-01", date, "0001-01-01", `f.md:11: v must be a date from 1900-01-01 to 2200-12-31, got "2201-01-01": check the year`},
		{"list", "v: [a, b]", list, 2, ""},
		{"list null", "v:", list, 0, ""},
		{"list scalar", "v: a", list, 0, `f.md:11: v must be a list (lines starting with ` + "`- `" + `), got "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, n, diags := decodeOne(t, tt.src)
			got := tt.decode(d, n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decoded %#v, want %#v", got, tt.want)
			}
			switch {
			case tt.diag == "" && len(*diags) > 0:
				t.Errorf("unexpected diagnostics: %v", diags)
			case tt.diag != "" && (len(*diags) != 1 || (*diags)[0].String() != tt.diag):
				t.Errorf("diagnostics = %q, want exactly %q", diags.Error(), tt.diag)
			}
		})
	}
}

func str(d *Decoder, n *yaml.Node) any     { return d.String(n, "v") }
func integer(d *Decoder, n *yaml.Node) any { return d.Int(n, "v") }
func boolean(d *Decoder, n *yaml.Node) any { return d.Bool(n, "v") }
func strs(d *Decoder, n *yaml.Node) any    { return d.Strings(n, "v") }
func date(d *Decoder, n *yaml.Node) any    { return d.Date(n, "v").Format(time.DateOnly) }
func list(d *Decoder, n *yaml.Node) any {
	count := 0
	d.List(n, "v", func(*yaml.Node) { count++ })
	return count
}

func TestMapping(t *testing.T) {
	fields := func(seen *[]string) map[string]Field {
		m := map[string]Field{}
		for _, k := range []string{"title", "summary", "tags"} {
			m[k] = func(*yaml.Node) { *seen = append(*seen, k) }
		}
		return m
	}
	tests := []struct {
		name  string
		src   string
		seen  []string
		lines map[string]int
		diags []string
	}{
		{
			name:  "known keys with their lines",
			src:   "title: A\n\nsummary: B\ntags: [x]\n",
			seen:  []string{"title", "summary", "tags"},
			lines: map[string]int{"title": 3, "summary": 5, "tags": 6},
		},
		{
			name:  "misspelt key suggests the known one",
			src:   "title: A\nsumary: B\n",
			seen:  []string{"title"},
			lines: map[string]int{"title": 3, "sumary": 4},
			diags: []string{`f.md:4: unknown key "sumary" in thing: did you mean "summary"?`},
		},
		{
			name:  "unrelated key lists the known ones",
			src:   "colour: red\n",
			lines: map[string]int{"colour": 3},
			diags: []string{`f.md:3: unknown key "colour" in thing: known keys are summary, tags, title`},
		},
		{
			name:  "duplicate key",
			src:   "title: A\ntitle: B\n",
			seen:  []string{"title"},
			lines: map[string]int{"title": 3},
			diags: []string{`f.md:4: duplicate key "title" in thing: remove one of them`},
		},
		{
			name:  "not a mapping",
			src:   "- a\n- b\n",
			lines: map[string]int{},
			diags: []string{"f.md:3: thing must be a mapping of `key: value` lines, got a list"},
		},
		{
			name:  "alias values are followed",
			src:   "title: &t A\nsummary: *t\n",
			seen:  []string{"title", "summary"},
			lines: map[string]int{"title": 3, "summary": 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			d := &Decoder{File: "f.md", LineOffset: 2, Diags: &diags}
			var seen []string
			lines := d.Mapping(d.Parse([]byte(tt.src)), "thing", fields(&seen))
			if !slices.Equal(seen, tt.seen) {
				t.Errorf("fields called %v, want %v", seen, tt.seen)
			}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("lines %v, want %v", lines, tt.lines)
			}
			var got []string
			for _, dg := range diags {
				got = append(got, dg.String())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantNil bool
		diag    string
	}{
		{"mapping", "a: b\n", false, ""},
		{"empty document", "", true, ""},
		{"only a comment", "# nothing\n", true, ""},
		{"colon in a plain value", "a: b\nc: d: e\n", true, "f.md:7: invalid YAML: mapping values are not allowed in this context (check indentation, and quote values that contain ': ' or start with a special character)"},
		{"unclosed flow list reported where it opens", "a: [b, c\nd: e\n", true, "f.md:6: invalid YAML: did not find expected ',' or ']'"},
		{"tab indentation", "a:\n\tb: c\n", true, "f.md:7: invalid YAML: found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			d := &Decoder{File: "f.md", LineOffset: 5, Diags: &diags}
			n := d.Parse([]byte(tt.src))
			if (n == nil) != tt.wantNil {
				t.Errorf("node = %v, want nil: %v", n, tt.wantNil)
			}
			if tt.diag == "" {
				if len(diags) > 0 {
					t.Errorf("unexpected diagnostics: %v", diags)
				}
				return
			}
			if len(diags) != 1 || !strings.HasPrefix(diags[0].String(), tt.diag) {
				t.Errorf("diagnostics = %q, want one starting %q", diags.Error(), tt.diag)
			}
		})
	}
}
