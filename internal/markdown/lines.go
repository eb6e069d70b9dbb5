package markdown

import (
	"sort"

	"github.com/yuin/goldmark/ast"
)

// lineIndex converts byte offsets in the Markdown source to 1-based lines
// of the file it came from.
type lineIndex struct {
	starts []int // byte offset at which each line of src begins
	offset int   // file lines before src
}

func newLineIndex(src []byte, offset int) lineIndex {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, offset: offset}
}

// line returns the file line holding byte offset pos of src.
func (l lineIndex) line(pos int) int {
	if pos < 0 {
		pos = 0
	}
	n := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > pos })
	return n + l.offset
}

// nodeLine returns the file line where n starts. goldmark records a
// position for blocks and most inlines; otherwise the first text inside n
// or the first line of the enclosing block is used.
func (l lineIndex) nodeLine(n ast.Node) int {
	return l.line(nodePos(n))
}

func nodePos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if t := firstText(n); t != nil {
		return t.Segment.Start
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock {
			if p.Lines().Len() > 0 {
				return p.Lines().At(0).Start
			}
			if pos := p.Pos(); pos >= 0 {
				return pos
			}
		}
	}
	return 0
}

// firstText returns the first Text node inside n, or nil.
func firstText(n ast.Node) *ast.Text {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t
		}
		if t := firstText(c); t != nil {
			return t
		}
	}
	return nil
}
