package decision

import (
	"sort"
	"strconv"

	"github.com/guidepost/guidepost/internal/diag"
)

// Problem is one problem of a tree, at the place to fix it, in the form
// editors and terminals recognise: file:line: message.
type Problem struct {
	Pos
	Message string
}

// Error formats the problem as "file:line: message" ("file: message"
// when it concerns the whole file).
func (p Problem) Error() string { return p.diagnostic().String() }

// diagnostic is the problem as the rest of guidepost reports problems.
func (p Problem) diagnostic() diag.Diagnostic {
	return diag.Diagnostic{File: p.File, Line: p.Line, Message: p.Message}
}

// Problems is every problem Validate found, sorted by file, line and
// message. It is an error when it holds any.
type Problems []Problem

// Add appends a problem at file and line.
func (ps *Problems) Add(file string, line int, msg string) {
	*ps = append(*ps, Problem{Pos: Pos{File: file, Line: line}, Message: msg})
}

// Error is the first problem, and how many more there are.
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problem"
	case 1:
		return ps[0].Error()
	}
	return ps[0].Error() + " (and " + strconv.Itoa(len(ps)-1) + " more)"
}

// Err returns ps as an error, or nil when there are none: `if err :=
// t.Validate().Err(); err != nil`.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

func (ps Problems) sort() {
	sort.SliceStable(ps, func(i, j int) bool { return diag.Less(ps[i].diagnostic(), ps[j].diagnostic()) })
}
