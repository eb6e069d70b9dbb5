package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Section is the text of a page under one heading: what a result's
// excerpt is cut from and what its link points at.
type Section struct {
	Heading string // plain text; "" for the text before the first heading
	Anchor  string // the heading's id, "" when it has none
	Text    string // plain text, whitespace collapsed
}

// blockTags separate words: their text never runs into the next block's.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true,
	"details": true, "div": true, "dl": true, "dt": true, "figcaption": true, "figure": true,
	"footer": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tbody": true, "td": true,
	"tfoot": true, "th": true, "thead": true, "tr": true, "ul": true,
}

// itemTags end an item of text that a reader sees apart from the next: a
// list item, a cell, a paragraph, a minor heading. When one ends without
// punctuation (a list of links, say), " · " keeps it apart from text that
// follows, in excerpts as on the page.
var itemTags = map[string]bool{
	"dd": true, "dt": true, "figcaption": true, "h1": true, "h5": true, "h6": true, "li": true, "p": true,
	"summary": true, "td": true, "th": true,
}

// endsPhrase reports whether text, ignoring trailing spaces, is empty or
// ends in punctuation that already separates it from what follows.
func endsPhrase(text []byte) bool {
	text = bytes.TrimRightFunc(text, unicode.IsSpace)
	if len(text) == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRune(text)
	return strings.ContainsRune(".!?:;,·…—–", r)
}

// skippedTags hold no reader-visible text.
var skippedTags = map[string]bool{"script": true, "style": true, "template": true, "svg": true}

// skippedClasses mark links that only decorate text: heading share anchors
// and footnote references and back-references.
var skippedClasses = []string{"heading-anchor", "footnote-ref", "footnote-backref"}

// sectionHeading reports whether a heading tag starts a new section: the
// levels that get share anchors, so a result can link straight to it.
func sectionHeading(tag string) bool { return tag == "h2" || tag == "h3" || tag == "h4" }

// Sections splits a page's rendered HTML into the text under each h2–h4
// heading. The text before the first heading comes first, with an empty
// Heading; sections without any text or heading are left out.
func Sections(src []byte) []Section {
	var r sectionReader
	s := string(src)
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			lt = len(s)
		}
		if lt > 0 && r.skip == "" {
			r.addText(html.UnescapeString(s[:lt]))
		}
		s = s[lt:]
		if s == "" {
			break
		}
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		gt := tagEnd(s)
		if gt < 0 {
			break
		}
		name, attrs, closing := parseTag(s[1:gt])
		s = s[gt+1:]
		r.tag(name, attrs, closing)
	}
	return r.finish()
}

// sectionReader gathers Sections from a page's text and tags, in order.
type sectionReader struct {
	out    []Section
	cur    Section
	text   []byte // text of the current section, reused
	head   []byte // text of the heading being read, reused
	inHead string // the open section heading's tag, "" outside one
	skip   string // the tag whose content is being skipped
	skipN  int    // nesting depth of skip
	apart  bool   // an item ended without punctuation: mark it off from more text
}

// addText adds unescaped text: to the heading being read, else to the
// section, after " · " when an item ended before it without punctuation.
func (r *sectionReader) addText(t string) {
	switch {
	case r.inHead != "":
		r.head = append(r.head, t...)
	case r.apart && strings.TrimSpace(t) != "":
		r.text = append(r.text, "· "...)
		r.apart = false
		fallthrough
	default:
		r.text = append(r.text, t...)
	}
}

// tag handles a start or end tag named name with its attribute text:
// it skips what holds no reader-visible text, starts and ends section
// headings, and leaves a space, or an item's end, at a block's edges.
func (r *sectionReader) tag(name, attrs string, closing bool) {
	if r.skip != "" {
		r.skipTag(name, attrs, closing)
		return
	}
	if !closing && (skippedTags[name] || (name == "a" && hasClass(attrs, skippedClasses))) {
		r.skip, r.skipN = name, 1
		return
	}
	if sectionHeading(name) {
		r.heading(name, attrs, closing)
		return
	}
	if blockTags[name] {
		r.blockEdge(name, closing)
	}
}

// skipTag follows the nesting of the skipped tag inside skipped content,
// and ends the skip when the tag that began it closes.
func (r *sectionReader) skipTag(name, attrs string, closing bool) {
	if name != r.skip {
		return
	}
	if closing {
		r.skipN--
	} else if !strings.HasSuffix(attrs, "/") {
		r.skipN++
	}
	if r.skipN == 0 {
		r.skip = ""
	}
}

// heading starts a section at a heading's start tag, ending the one
// before, and takes the heading's text at its end tag.
func (r *sectionReader) heading(name, attrs string, closing bool) {
	if !closing {
		r.flush()
		r.cur = Section{Anchor: strings.Clone(attr(attrs, "id"))} // not a slice of the page: it would keep all of it
		r.inHead = name
		r.head = r.head[:0]
	} else if name == r.inHead {
		r.cur.Heading = collapseBytes(r.head)
		r.inHead = ""
	}
}

// blockEdge keeps a block's text from running into the next: a space,
// and at the end of an item without punctuation, a mark to set it apart
// from text that follows.
func (r *sectionReader) blockEdge(name string, closing bool) {
	switch {
	case r.inHead != "":
		r.head = append(r.head, ' ')
	case closing && itemTags[name] && !endsPhrase(r.text):
		r.apart = true
		r.text = append(r.text, ' ')
	default:
		r.text = append(r.text, ' ')
	}
}

// flush ends the current section, keeping it if it has text or a heading.
func (r *sectionReader) flush() {
	r.cur.Text = collapseBytes(r.text)
	if r.cur.Text != "" || r.cur.Heading != "" {
		r.out = append(r.out, r.cur)
	}
	r.text = r.text[:0]
	r.apart = false
}

// finish ends the page, taking the text of a heading left open, and
// returns the sections.
func (r *sectionReader) finish() []Section {
	if r.inHead != "" {
		r.cur.Heading = collapseBytes(r.head)
	}
	r.flush()
	return r.out
}

// tagEnd returns the index of the '>' closing the tag s starts with,
// skipping quoted attribute values; -1 when there is none.
func tagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// parseTag splits the inside of a tag ("a href=x", "/p") into its
// lower-case name, its attribute text and whether it is a closing tag.
func parseTag(in string) (name, attrs string, closing bool) {
	if strings.HasPrefix(in, "/") {
		closing = true
		in = in[1:]
	}
	end := strings.IndexAny(in, " \t\n\r/")
	if end < 0 {
		end = len(in)
	}
	return strings.ToLower(in[:end]), in[end:], closing
}

// attr returns the value of a double-quoted attribute, unescaped.
func attr(attrs, name string) string {
	for rest := attrs; ; {
		i := strings.Index(rest, name+`="`)
		if i < 0 {
			return ""
		}
		if i > 0 && !strings.ContainsRune(" \t\n\r", rune(rest[i-1])) {
			rest = rest[i+len(name):]
			continue
		}
		v := rest[i+len(name)+2:]
		if j := strings.IndexByte(v, '"'); j >= 0 {
			return html.UnescapeString(v[:j])
		}
		return ""
	}
}

// hasClass reports whether the class attribute names one of classes.
func hasClass(attrs string, classes []string) bool {
	for _, c := range strings.Fields(attr(attrs, "class")) {
		for _, want := range classes {
			if c == want {
				return true
			}
		}
	}
	return false
}

// collapse trims s and turns each run of white space into one space, as
// strings.Join(strings.Fields(s), " ") does.
func collapse(s string) string { return collapseBytes([]byte(s)) }

// collapseBytes is collapse of text in bytes, in one allocation.
func collapseBytes(s []byte) string {
	var b strings.Builder
	run := -1 // start of the current run of non-space bytes
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRune(s[i:])
			space = unicode.IsSpace(r)
		}
		if space && run >= 0 {
			if b.Len() == 0 {
				b.Grow(len(s) - run)
			} else {
				b.WriteByte(' ')
			}
			b.Write(s[run:i])
			run = -1
		} else if !space && run < 0 {
			run = i
		}
		i += size
	}
	if run >= 0 {
		if b.Len() == 0 {
			b.Grow(len(s) - run)
		} else {
			b.WriteByte(' ')
		}
		b.Write(s[run:])
	}
	return b.String()
}

// asciiSpace are the ASCII characters unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
