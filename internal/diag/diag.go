// Package diag holds the author-facing diagnostics every stage of a build
// reports: a position in a source file and a message that says what to do.
package diag

import (
	"sort"
	"strconv"
	"strings"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed; `check --strict` turns it into a failure.
	Warning
)

// Diagnostic is one problem found in the site's sources.
type Diagnostic struct {
	File     string // path relative to the site root, slash-separated
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based; 0 when unknown
	Message  string
	Severity Severity
}

// String formats the diagnostic as `file:line:col: message`, the form
// editors and terminals recognise.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(d.Line))
		if d.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(d.Col))
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List collects diagnostics from a build. It is an error when it holds at
// least one diagnostic of Error severity.
type List []Diagnostic

// Add appends a diagnostic of Error severity.
func (l *List) Add(file string, line int, msg string) {
	*l = append(*l, Diagnostic{File: file, Line: line, Message: msg})
}

// Warn appends a diagnostic of Warning severity.
func (l *List) Warn(file string, line int, msg string) {
	*l = append(*l, Diagnostic{File: file, Line: line, Message: msg, Severity: Warning})
}

// Sort orders diagnostics by file, line and message so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool { return Less(l[i], l[j]) })
}

// Less reports whether a comes before b: by file, then line, then
// message.
func Less(a, b Diagnostic) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Message < b.Message
}

// Errors returns only the diagnostics of Error severity.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the diagnostics of Warning severity.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Error joins every diagnostic, one per line, so a List can be returned
// as an error.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Count writes n with noun, in the singular for one: "1 error",
// "2 errors", "0 warnings". noun must take a plain -s plural.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
