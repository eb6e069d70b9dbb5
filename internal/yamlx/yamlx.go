// Package yamlx decodes YAML documents field by field so that every problem
// (unknown key, wrong type, bad date) is reported with the file and line an
// author has to fix, in words that say what to do.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/suggest"
	"go.yaml.in/yaml/v3"
)

// Decoder reports problems for one file. LineOffset is added to YAML line
// numbers, so front matter that starts on line 2 of a Markdown file reports
// lines of that file.
type Decoder struct {
	File       string
	LineOffset int
	Diags      *diag.List
}

// Parse parses src as one YAML document. An empty document yields a nil node.
// Syntax errors are reported with their line.
func (d *Decoder) Parse(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := splitYAMLError(err)
		line = syntaxErrorLine(src, msg, line)
		// YAML also ends lines at a lone \r, so its line can lie past the
		// document's last \n-ended line: keep the report inside the file.
		if last := bytes.Count(src, []byte("\n")) + 1; line > last {
			line = last
		}
		d.Diags.Add(d.File, line+d.LineOffset, "invalid YAML: "+msg+" (check indentation, and quote values that contain ': ' or start with a special character)")
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil
	}
	return doc.Content[0]
}

// maxSearchLines bounds the documents whose syntax errors
// syntaxErrorLine places itself; it parses the document once per line.
const maxSearchLines = 1000

// syntaxErrorLine returns the 1-based line of src that makes it fail to
// parse with the syntax error msg, or reported, the line YAML gave, for
// a document too long to search. YAML's own line is often not the one to
// fix: for parser errors it counts from 0 (an unclosed [ on line 2 is
// "line 1"), it names the enclosing block for a misindented list item or
// key, and for a quote opened on the first line it names the end of the
// document. The line to fix is the one whose addition made the document
// fail with this error for good: every longer prefix of the document fails
// with the same message, the prefix without that line does not.
func syntaxErrorLine(src []byte, msg string, reported int) int {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 || len(lines) > maxSearchLines {
		return reported
	}
	prefix := len(src)
	line := len(lines)
	for line > 1 {
		prefix -= len(lines[line-1])
		var doc yaml.Node
		err := yaml.Unmarshal(src[:prefix], &doc)
		if err == nil {
			break
		}
		if _, m := splitYAMLError(err); m != msg {
			break
		}
		line--
	}
	return line
}

var yamlLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func splitYAMLError(err error) (int, string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	if strings.HasPrefix(msg, "line ") {
		rest := strings.TrimPrefix(msg, "line ")
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 1, msg
}

// Line returns the file line of n.
func (d *Decoder) Line(n *yaml.Node) int {
	if n == nil {
		return d.LineOffset + 1
	}
	return n.Line + d.LineOffset
}

// Errorf records an error at n.
func (d *Decoder) Error(n *yaml.Node, msg string) { d.Diags.Add(d.File, d.Line(n), msg) }

// Field handles one key of a mapping.
type Field func(value *yaml.Node)

// Mapping walks the mapping n, calling fields[key] for every key. Unknown
// keys, duplicate keys and a non-mapping n are reported; `what` names the
// thing being decoded in messages ("front matter", "site config").
func (d *Decoder) Mapping(n *yaml.Node, what string, fields map[string]Field) map[string]int {
	lines := map[string]int{}
	if n == nil {
		return lines
	}
	if n.Kind != yaml.MappingNode {
		d.Error(n, what+" must be a mapping of `key: value` lines, got "+kindName(n))
		return lines
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if _, dup := lines[key]; dup {
			d.Error(k, "duplicate key "+strconv.Quote(key)+" in "+what+": remove one of them")
			continue
		}
		lines[key] = d.Line(k)
		f, ok := fields[key]
		if !ok {
			msg := "unknown key " + strconv.Quote(key) + " in " + what
			if s := suggest.Closest(key, sortedKeys(fields), 2); s != "" {
				msg += ": did you mean " + strconv.Quote(s) + "?"
			} else {
				msg += ": known keys are " + strings.Join(sortedKeys(fields), ", ")
			}
			d.Error(k, msg)
			continue
		}
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		f(v)
	}
	return lines
}

func keys(m map[string]Field) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func sortedKeys(m map[string]Field) []string {
	out := keys(m)
	slices.Sort(out)
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "an unexpected value"
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// String decodes a scalar into a string. Numbers, dates and booleans are
// taken as written; lists and mappings are errors.
func (d *Decoder) String(n *yaml.Node, name string) string {
	if isNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.Error(n, name+" must be text, got "+kindName(n))
		return ""
	}
	return n.Value
}

// Int decodes a whole number.
func (d *Decoder) Int(n *yaml.Node, name string) int {
	if isNull(n) {
		return 0
	}
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		d.Error(n, name+" must be a whole number, got "+kindName(n))
		return 0
	}
	return v
}

// Number decodes a number, whole or decimal, from min to max.
func (d *Decoder) Number(n *yaml.Node, name string, min, max float64) float64 {
	v, err := strconv.ParseFloat(n.Value, 64)
	if n.Kind != yaml.ScalarNode || isNull(n) || err != nil || !(v >= min && v <= max) { // NaN too
		d.Error(n, fmt.Sprintf("%s must be a number from %g to %g, got %s", name, min, max, kindName(n)))
		return 0
	}
	return v
}

// Bool decodes true or false.
func (d *Decoder) Bool(n *yaml.Node, name string) bool {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			return true
		case "false", "no", "off", "~", "null", "":
			return false
		}
	}
	d.Error(n, name+" must be true or false, got "+kindName(n))
	return false
}

// Strings decodes a list of scalars. A single scalar is accepted as a
// one-item list, as authors often write `tags: hipaa`.
func (d *Decoder) Strings(n *yaml.Node, name string) []string {
	if isNull(n) {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.Error(n, name+" must be a list like [a, b], got "+kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			d.Error(item, "each item of "+name+" must be text, got "+kindName(item))
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// List calls each for every item of a sequence node.
func (d *Decoder) List(n *yaml.Node, name string, each func(item *yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.Error(n, name+" must be a list (lines starting with `- `), got "+kindName(n))
		return
	}
	for _, item := range n.Content {
		each(item)
	}
}

// DateLayout is the date form guidepost writes and reads first in front
// matter; DateTimeLayouts are the forms with a time that it also reads.
const DateLayout = "2006-01-02"

// DateTimeLayouts are the dates with a time of day Date accepts besides
// DateLayout: RFC 3339 (as Hugo writes it, and TOML's offset date-time),
// the same without a zone or with a space before the time (TOML's local
// date-time), and Jekyll's "2006-01-02 15:04:05 -0700". A time without a
// zone is taken as UTC.
var DateTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
}

// MinYear and MaxYear bound the dates Date accepts: a page's dates lie
// in them, and a date outside is a typing mistake (0001-01-01, 20255-01-01)
// that would otherwise pass as a review centuries ago or ahead.
const (
	MinYear = 1900
	MaxYear = 2200
)

// ParseDate parses a date written YYYY-MM-DD or in one of DateTimeLayouts.
func ParseDate(s string) (time.Time, bool) {
	if t, err := time.Parse(DateLayout, s); err == nil {
		return t, true
	}
	if len(s) <= len(DateLayout) {
		return time.Time{}, false
	}
	for _, layout := range DateTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Date decodes a date from MinYear to MaxYear, written YYYY-MM-DD or
// with a time (see DateTimeLayouts).
func (d *Decoder) Date(n *yaml.Node, name string) time.Time {
	if isNull(n) {
		return time.Time{}
	}
	s := d.String(n, name)
	t, ok := ParseDate(s)
	if !ok {
		msg := name + " must be a date written YYYY-MM-DD, got " + strconv.Quote(s)
		if len(s) > len(DateLayout) {
			msg += " (a date with a time is written as RFC 3339: 2024-01-02T10:00:00Z or 2024-01-02T10:00:00+01:00)"
		}
		d.Error(n, msg)
		return time.Time{}
	}
	if t.Year() < MinYear || t.Year() > MaxYear {
		d.Error(n, fmt.Sprintf("%s must be a date from %d-01-01 to %d-12-31, got %q: check the year", name, MinYear, MaxYear, s))
		return time.Time{}
	}
	return t
}
