package markdown

import (
	"bytes"
	"regexp"
	"strconv"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// collector walks a parsed document once, filling in the Document's
// headings, ids and links and rewriting link destinations for output.
type collector struct {
	src      []byte
	lines    lineIndex
	rewrite  LinkRewriter
	scanHTML bool // look for id attributes in raw HTML (only when it is emitted)
	doc      *Document
}

func (c *collector) visit(node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	d := c.doc
	switch n := node.(type) {
	case *ast.Heading:
		id := attrString(n, "id")
		d.Headings = append(d.Headings, Heading{Level: n.Level, ID: id, Text: plainText(n, c.src), Line: c.lines.nodeLine(n)})
		d.IDs = append(d.IDs, id)
	case *ast.Link:
		n.Destination = c.link(n, n.Destination, false)
	case *ast.Image:
		n.Destination = c.link(n, n.Destination, true)
	case *ast.AutoLink:
		d.Links = append(d.Links, Link{Dest: autoLinkURL(n, c.src), Line: c.lines.nodeLine(n)})
	case *east.FootnoteLink:
		d.IDs = append(d.IDs, footnoteRefID(n))
	case *east.Footnote:
		d.IDs = append(d.IDs, footnoteID(n))
	case *ast.RawHTML:
		if c.scanHTML {
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				c.htmlIDs(seg.Value(c.src))
			}
		}
	case *ast.HTMLBlock:
		if c.scanHTML {
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				c.htmlIDs(seg.Value(c.src))
			}
			if n.HasClosure() {
				c.htmlIDs(n.ClosureLine.Value(c.src))
			}
		}
	}
	return ast.WalkContinue, nil
}

// link records a link or image and returns the destination to emit.
func (c *collector) link(n ast.Node, dest []byte, image bool) []byte {
	written := string(dest)
	c.doc.Links = append(c.doc.Links, Link{Dest: written, Line: c.lines.nodeLine(n), Image: image})
	if c.rewrite == nil {
		return dest
	}
	return []byte(c.rewrite(written))
}

// autoLinkURL is the URL an autolink points at, as goldmark writes it.
func autoLinkURL(n *ast.AutoLink, src []byte) string {
	url := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(url), []byte("mailto:")) {
		return "mailto:" + string(url)
	}
	return string(url)
}

// htmlIDPattern finds id attributes in raw HTML.
var htmlIDPattern = regexp.MustCompile(`(?i)[\s"']id\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)

func (c *collector) htmlIDs(raw []byte) {
	for _, m := range htmlIDPattern.FindAllSubmatch(raw, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 {
				c.doc.IDs = append(c.doc.IDs, string(g))
				break
			}
		}
	}
}

// footnoteRefID and footnoteID repeat the ids goldmark's footnote renderer
// writes for a reference (fnref:1, fnref1:1, …) and a note (fn:1).
func footnoteRefID(n *east.FootnoteLink) string {
	ref := ""
	if n.RefIndex > 0 {
		ref = strconv.Itoa(n.RefIndex)
	}
	return "fnref" + ref + ":" + strconv.Itoa(n.Index)
}

func footnoteID(n *east.Footnote) string {
	return "fn:" + strconv.Itoa(n.Index)
}
