package markdown

import (
	"fmt"
	"strings"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// assignHeadingIDs gives every heading an id attribute: the explicit
// `{#id}` the author wrote, else a GitHub-style slug of its text made
// unique in the document. Explicit ids are reserved first, so a slug never
// takes an id the author chose. Two headings with the same explicit id are
// an author error, reported as a diag.List with File left empty.
func assignHeadingIDs(root ast.Node, src []byte, lines lineIndex) error {
	var headings []*ast.Heading
	used := newIDSet()
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *east.FootnoteLink:
			used.add(footnoteRefID(n))
		case *east.Footnote:
			used.add(footnoteID(n))
		}
		return ast.WalkContinue, nil
	})

	var errs diag.List
	explicitLine := map[string]int{}
	for _, h := range headings {
		id := attrString(h, "id")
		if id == "" {
			continue
		}
		line := lines.nodeLine(h)
		if prev, dup := explicitLine[id]; dup {
			errs.Add("", line, fmt.Sprintf(
				"heading id %q is already used by the heading on line %d; give one of them a different {#id}", id, prev))
			continue
		}
		if used.has(id) {
			errs.Add("", line, fmt.Sprintf(
				"heading id %q is also a footnote id; choose an {#id} without ':'", id))
			continue
		}
		explicitLine[id] = line
		used.add(id)
	}
	if len(errs) > 0 {
		return errs
	}
	for _, h := range headings {
		if attrString(h, "id") == "" {
			h.SetAttributeString("id", []byte(used.unique(slugify(plainText(h, src)))))
		}
	}
	return nil
}

// attrString returns the attribute name of n as a string, "" when unset.
func attrString(n ast.Node, name string) string {
	v, ok := n.AttributeString(name)
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return strings.TrimSpace(string(v))
	case string:
		return strings.TrimSpace(v)
	}
	return ""
}
