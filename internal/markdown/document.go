package markdown

// Document is a rendered Markdown document.
type Document struct {
	HTML     []byte     // the body HTML
	Headings []Heading  // every heading in order (IDs unique in the document)
	TOC      []TOCEntry // nested h2..h3 entries for a table of contents (empty if fewer than 2)
	IDs      []string   // every id attribute the HTML defines (headings, footnotes, explicit {#id}, raw HTML when allowed)
	Links    []Link     // every link, autolink and image in order, with its 1-based line in the file
}

// Heading is a heading of the document.
type Heading struct {
	Level int    // 1..6
	ID    string // the id attribute: explicit {#id} or a GitHub-style slug
	Text  string // plain text, markup removed
	Line  int    // 1-based line in the file
}

// Link is a link or image destination exactly as written in the source
// (for autolinks, the URL they point at, e.g. "mailto:a@example.org").
type Link struct {
	Dest  string
	Line  int // 1-based line in the file of the link's opening bracket
	Image bool
}

// TOCEntry is one heading in a table of contents with the headings nested
// under it.
type TOCEntry struct {
	Heading
	Children []TOCEntry
}
