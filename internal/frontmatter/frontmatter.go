// Package frontmatter splits a content file into its YAML front matter and
// Markdown body and decodes the front matter into typed fields, reporting
// every problem with the line of the content file it concerns.
package frontmatter

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Source is a reference cited by a page.
type Source struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
	// Line is the line of the source's url (of the source when it has
	// none) in the content file.
	Line int `json:"-"`
}

// Option is one answer of a decision-tree question.
type Option struct {
	Label, Next string
	Line        int
}

// Scenario is a decision-tree test case: answers given from the start and
// the outcome they must reach.
type Scenario struct {
	Name    string
	Answers []string
	Expect  string
	Line    int
}

// FrontMatter holds every field a content file may set.
type FrontMatter struct {
	Title         string
	Summary       string
	Date          time.Time
	Reviewed      time.Time
	ReviewEvery   Interval
	Draft         bool
	Weight        int
	Tags          []string
	Jurisdictions []string
	Aliases       []string
	AliasLines    []int `json:"-"` // the line of each of Aliases
	Sources       []Source
	Layout        string
	// SearchWeight multiplies the page's rank in search; 0 leaves the
	// page out of search. Nil when the page does not set it.
	SearchWeight *float64

	// Decision-tree fields: Start and Scenarios on a tree's _index.md,
	// Options and Help on a question, Verdict and Safeguards on an outcome.
	Start      string
	Scenarios  []Scenario
	Options    []Option
	Help       string
	Verdict    string
	Safeguards []string

	// Lines maps each key present to its line in the content file.
	Lines map[string]int
}

// Line returns the line of key in the file, or the first line when the key
// is absent.
func (fm *FrontMatter) Line(key string) int {
	if l, ok := fm.Lines[key]; ok {
		return l
	}
	return 1
}

// Document is a content file split into front matter and body.
type Document struct {
	FrontMatter FrontMatter
	Body        []byte
	BodyLine    int // number of file lines before Body
}

var bom = []byte("\xef\xbb\xbf")

// Parse splits and decodes src, the contents of file. Problems are added to
// diags; the returned Document is usable for further checks either way.
func Parse(file string, src []byte, diags *diag.List) *Document {
	doc := &Document{}
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		diags.Add(file, line, "file is not valid UTF-8 text: save it as UTF-8 (is it a binary file with a .md name?)")
		return doc
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		diags.Add(file, line, "file holds a NUL byte, so it is not text: is it a binary file with a .md name? Rename it or save it as UTF-8 text")
		return doc
	}
	src = bytes.TrimPrefix(src, bom)
	fmSrc, body, bodyLine, ok := split(src)
	if !ok {
		if len(bytes.TrimSpace(src)) == 0 {
			diags.Add(file, 1, "file is empty: add front matter with at least a title, e.g. ---\\ntitle: My page\\n---")
		} else if bytes.HasPrefix(src, []byte("---")) {
			diags.Add(file, 1, "front matter is not closed: add a line with only --- after the last front matter line")
		} else {
			diags.Add(file, 1, "missing front matter: start the file with a --- line, then `title: …`, then another --- line")
		}
		return doc
	}
	doc.Body, doc.BodyLine = body, bodyLine
	if i := loneCR(fmSrc); i >= 0 {
		line := 2 + bytes.Count(fmSrc[:i], []byte("\n"))
		diags.Add(file, line, "front matter line ends in a lone carriage return (old Mac line endings): save the file with LF or CRLF line endings")
		return doc
	}
	d := &yamlx.Decoder{File: file, LineOffset: 1, Diags: diags}
	before := len(*diags)
	n := d.Parse(fmSrc)
	if n == nil && len(*diags) > before {
		return doc // invalid YAML: its error is enough, the title may be there
	}
	decode(d, n, &doc.FrontMatter)
	if doc.FrontMatter.Title == "" {
		line := doc.FrontMatter.Line("title")
		if line == 1 {
			line = 2
		}
		diags.Add(file, line, "missing title: add `title: …` to the front matter")
	}
	return doc
}

// loneCR returns the index of the first \r not followed by \n, or -1.
// YAML ends a line there but the rest of guidepost counts \n only, so
// reported lines would not match the file.
func loneCR(b []byte) int {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return i
		}
	}
	return -1
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// split returns the front matter between the opening and closing `---`
// lines, the body after it and the number of lines before the body.
// CRLF line endings are accepted.
func split(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	first, _, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, false
	}
	line := 1
	start := len(first) + 1
	for off := start; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		var l []byte
		if end < 0 {
			l = src[off:]
		} else {
			l = src[off : off+end]
		}
		line++
		if string(bytes.TrimRight(l, " \t\r")) == "---" {
			fm = src[start:off]
			if end < 0 {
				return fm, nil, line, true
			}
			return fm, src[off+end+1:], line, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, nil, 0, false
}

func decode(d *yamlx.Decoder, n *yaml.Node, fm *FrontMatter) {
	fm.Lines = d.Mapping(n, "front matter", map[string]yamlx.Field{
		"title":         func(v *yaml.Node) { fm.Title = d.String(v, "title") },
		"summary":       func(v *yaml.Node) { fm.Summary = d.String(v, "summary") },
		"date":          func(v *yaml.Node) { fm.Date = d.Date(v, "date") },
		"reviewed":      func(v *yaml.Node) { fm.Reviewed = d.Date(v, "reviewed") },
		"review_every":  func(v *yaml.Node) { fm.ReviewEvery = DecodeInterval(d, v, "review_every") },
		"draft":         func(v *yaml.Node) { fm.Draft = d.Bool(v, "draft") },
		"weight":        func(v *yaml.Node) { fm.Weight = d.Int(v, "weight") },
		"tags":          func(v *yaml.Node) { fm.Tags = d.Strings(v, "tags") },
		"jurisdictions": func(v *yaml.Node) { fm.Jurisdictions = d.Strings(v, "jurisdictions") },
		"aliases":       func(v *yaml.Node) { fm.Aliases, fm.AliasLines = d.Strings(v, "aliases"), scalarLines(d, v) },
		"sources":       func(v *yaml.Node) { fm.Sources = decodeSources(d, v) },
		"layout":        func(v *yaml.Node) { fm.Layout = d.String(v, "layout") },
		"search_weight": func(v *yaml.Node) {
			w := d.Number(v, "search_weight (0 leaves the page out of search, 1 is the default)", 0, 10)
			fm.SearchWeight = &w
		},
		"start":      func(v *yaml.Node) { fm.Start = d.String(v, "start") },
		"scenarios":  func(v *yaml.Node) { fm.Scenarios = decodeScenarios(d, v) },
		"options":    func(v *yaml.Node) { fm.Options = decodeOptions(d, v) },
		"help":       func(v *yaml.Node) { fm.Help = d.String(v, "help") },
		"verdict":    func(v *yaml.Node) { fm.Verdict = d.String(v, "verdict") },
		"safeguards": func(v *yaml.Node) { fm.Safeguards = d.Strings(v, "safeguards") },
	})
}

func decodeSources(d *yamlx.Decoder, n *yaml.Node) []Source {
	var out []Source
	d.List(n, "sources", func(item *yaml.Node) {
		s := Source{Line: d.Line(item)}
		d.Mapping(item, "a source", map[string]yamlx.Field{
			"title": func(v *yaml.Node) { s.Title = d.String(v, "source title") },
			"url": func(v *yaml.Node) {
				s.URL = d.String(v, "source url")
				s.Line = d.Line(v)
			},
			"publisher": func(v *yaml.Node) { s.Publisher = d.String(v, "source publisher") },
			"date":      func(v *yaml.Node) { s.Date = d.String(v, "source date") },
		})
		if item.Kind == yaml.MappingNode && s.Title == "" {
			d.Error(item, "source has no title: add `title: …` to this source")
		}
		out = append(out, s)
	})
	return out
}

// scalarLines returns the line of each string yamlx.Decoder.Strings
// decodes from n, in the same order.
func scalarLines(d *yamlx.Decoder, n *yaml.Node) []int {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []int{d.Line(n)}
	case yaml.SequenceNode:
		var out []int
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode {
				out = append(out, d.Line(item))
			}
		}
		return out
	}
	return nil
}

func decodeOptions(d *yamlx.Decoder, n *yaml.Node) []Option {
	var out []Option
	d.List(n, "options", func(item *yaml.Node) {
		o := Option{Line: d.Line(item)}
		d.Mapping(item, "an option", map[string]yamlx.Field{
			"label": func(v *yaml.Node) { o.Label = d.String(v, "option label") },
			"next":  func(v *yaml.Node) { o.Next = d.String(v, "option next") },
		})
		out = append(out, o)
	})
	return out
}

func decodeScenarios(d *yamlx.Decoder, n *yaml.Node) []Scenario {
	var out []Scenario
	d.List(n, "scenarios", func(item *yaml.Node) {
		s := Scenario{Line: d.Line(item)}
		d.Mapping(item, "a scenario", map[string]yamlx.Field{
			"name":    func(v *yaml.Node) { s.Name = d.String(v, "scenario name") },
			"answers": func(v *yaml.Node) { s.Answers = d.Strings(v, "scenario answers") },
			"expect":  func(v *yaml.Node) { s.Expect = d.String(v, "scenario expect") },
		})
		if item.Kind == yaml.MappingNode && s.Expect == "" {
			d.Error(item, "scenario has no expect: add `expect: <outcome id>`")
		}
		out = append(out, s)
	})
	return out
}

// Interval is a review interval such as 12mo, 2y or 90d.
type Interval struct {
	Years, Months, Days int
}

// IsZero reports whether no interval was set.
func (i Interval) IsZero() bool { return i == Interval{} }

// After returns t plus the interval.
func (i Interval) After(t time.Time) time.Time { return t.AddDate(i.Years, i.Months, i.Days) }

// String returns the interval as written, e.g. "12mo".
func (i Interval) String() string {
	switch {
	case i.Years != 0:
		return strconv.Itoa(i.Years) + "y"
	case i.Months != 0:
		return strconv.Itoa(i.Months) + "mo"
	default:
		return strconv.Itoa(i.Days) + "d"
	}
}

// MaxIntervalYears bounds review intervals: a page reviewed less often
// than every ten years has no review schedule to speak of, and the bound
// keeps the due dates computed from an interval in range.
const MaxIntervalYears = 10

// ParseInterval parses "12mo", "1y", "6w" or "90d": a whole number of
// units, more than zero and at most MaxIntervalYears.
func ParseInterval(s string) (Interval, bool) {
	for _, u := range []struct {
		suffix string
		max    int
	}{
		{"mo", 12 * MaxIntervalYears},
		{"y", MaxIntervalYears},
		{"w", 52 * MaxIntervalYears},
		{"d", 365 * MaxIntervalYears},
	} {
		num, ok := bytes.CutSuffix([]byte(s), []byte(u.suffix))
		if !ok {
			continue
		}
		n, err := strconv.Atoi(string(num))
		if err != nil || n <= 0 || n > u.max {
			return Interval{}, false
		}
		switch u.suffix {
		case "mo":
			return Interval{Months: n}, true
		case "y":
			return Interval{Years: n}, true
		case "w":
			return Interval{Days: 7 * n}, true
		default:
			return Interval{Days: n}, true
		}
	}
	return Interval{}, false
}

// DecodeInterval decodes a review interval such as 12mo. A bad one is
// reported and decodes to the zero Interval.
func DecodeInterval(d *yamlx.Decoder, n *yaml.Node, name string) Interval {
	if n.Kind != yaml.ScalarNode {
		d.String(n, name) // reports the wrong type
		return Interval{}
	}
	s := d.String(n, name)
	iv, ok := ParseInterval(s)
	if !ok {
		d.Error(n, name+" must be a period like 12mo, 2y, 6w or 90d, from 1d to "+strconv.Itoa(MaxIntervalYears)+"y, got "+strconv.Quote(s))
	}
	return iv
}
