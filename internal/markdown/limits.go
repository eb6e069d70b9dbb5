package markdown

import (
	"fmt"

	"github.com/guidepost/guidepost/internal/diag"
)

// The limits below bound what one page may ask of goldmark. Its parser
// takes time quadratic in the nesting of lists and block quotes and in
// the link reference definitions of one paragraph, and keeps a few
// hundred bytes per element (a bracket, an emphasis mark, a line, a table
// cell), so a hostile or generated page of a few megabytes used minutes
// and gigabytes. checkLimits scans the source once, cheaply, before
// goldmark sees it, and refuses a page past a limit with the line where
// it was passed. Each limit is far above what a page written by hand
// needs: the repository's largest page uses 1% of maxElements.
const (
	// maxNesting bounds lists and block quotes inside each other.
	maxNesting = 100
	// maxTableColumns bounds a table's columns, maxTableCells its cells
	// (columns × rows: goldmark pads short rows with empty cells).
	maxTableColumns = 1000
	maxTableCells   = 100_000
	// maxRefDefs bounds the link reference definitions (`[x]: url`) in one
	// run of lines without a blank line.
	maxRefDefs = 1000
	// maxElements bounds a page's weighted count of what makes goldmark
	// build nodes: each line counts 2, each list or quote level a line
	// opens 2, each '[' and '#' 2, and each other character that can start an inline element
	// (emphasis, code, links, autolinks, entities, raw HTML, table pipes)
	// 1. Ordinary prose has one per 20 bytes.
	maxElements = 200_000
)

// inlineWeight is what each byte adds to a page's element count.
var inlineWeight = func() (w [256]uint8) {
	for _, c := range []byte("]!*_`~<&|@:.\\{=") {
		w[c] = 1
	}
	w['['] = 2
	w['#'] = 2 // headings: each has an id, a TOC entry, plain text
	return w
}()

// checkLimits returns a diag.List (File left empty) naming the first limit
// src passes and the line where it does, or nil. offset is the number of
// lines of the file before src.
func checkLimits(src []byte, offset int) error {
	fail := func(line int, msg string) error {
		var l diag.List
		l.Add("", offset+line, msg)
		return l
	}
	elements := 0
	tableColumns, tableCells, tableLine := 0, 0, 0
	refDefs := 0
	for line, start := 1, 0; start < len(src); line++ {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		text := src[start:end]
		start = end + 1

		depth, rest := containerPrefix(text)
		if depth > maxNesting {
			return fail(line, fmt.Sprintf("lists and block quotes are nested more than %d levels deep: flatten them", maxNesting))
		}
		// goldmark's work on a line that opens a list item or quote grows
		// with the depth it reaches.
		elements += 2 + 2*depth
		for _, c := range rest {
			elements += int(inlineWeight[c])
		}
		if elements > maxElements {
			return fail(line, fmt.Sprintf("the page has more than %d Markdown elements (lines, list items, links, emphasis, table cells…) by this line: split it into several pages", maxElements))
		}

		if isBlank(rest) {
			tableColumns, refDefs = 0, 0
			continue
		}
		if isRefDef(rest) {
			if refDefs++; refDefs > maxRefDefs {
				return fail(line, fmt.Sprintf("more than %d link reference definitions ([label]: url) without a blank line between them: put a blank line between every few hundred", maxRefDefs))
			}
		}
		if tableColumns > 0 {
			if tableCells += tableColumns; tableCells > maxTableCells {
				return fail(line, fmt.Sprintf("the table that starts on line %d has more than %d cells (columns × rows): split it into several tables", offset+tableLine, maxTableCells))
			}
			continue
		}
		if n := delimiterRowColumns(rest); n > 0 {
			if n > maxTableColumns {
				return fail(line, fmt.Sprintf("the table has %d columns, more than %d: split it into several tables", n, maxTableColumns))
			}
			// The header row above the delimiter row counts too.
			tableColumns, tableCells, tableLine = n, 2*n, line-1
		}
	}
	return nil
}

// containerPrefix reads the block quote markers ('>') and list markers
// ("-", "+", "*", "1." or "1)" followed by a space) a line starts with,
// with the whitespace between them, and returns an upper bound of the
// nesting depth the line can reach and the rest of the line. A list nested by indentation needs two columns a level, so
// whitespace beyond the one space a marker takes counts half a level.
// Lines without a marker only continue open blocks and report depth 0.
func containerPrefix(line []byte) (depth int, rest []byte) {
	markers := 0
	i, ws := 0, 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			ws++
			i++
			continue
		case c == '\t':
			ws += 4
			i++
			continue
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') || (j+1 < len(line) && line[j+1] != ' ' && line[j+1] != '\t') {
				return depthOf(markers, ws), line[i:]
			}
			i = j + 1
		default:
			return depthOf(markers, ws), line[i:]
		}
		markers++
		if i < len(line) && line[i] == ' ' {
			i++ // the space that belongs to the marker
		}
	}
	return depthOf(markers, ws), line[i:]
}

func depthOf(markers, ws int) int {
	if markers == 0 {
		return 0
	}
	return markers + ws/2
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// isRefDef reports whether a line (its container prefix removed) starts
// like a link reference definition: "[label]:".
func isRefDef(b []byte) bool {
	if len(b) < 4 || b[0] != '[' {
		return false
	}
	for i := 1; i+1 < len(b); i++ {
		switch b[i] {
		case ']':
			return i > 1 && b[i+1] == ':'
		case '[':
			return false
		case '\\':
			i++
		}
	}
	return false
}

// delimiterRowColumns returns the number of columns of a table delimiter
// row such as "| --- | :-: |" or "---|---", or 0 when the line is not one.
func delimiterRowColumns(b []byte) int {
	columns, pipes, dashes := 0, 0, false
	for _, c := range b {
		switch c {
		case '|':
			pipes++
			if dashes {
				columns++
			}
			dashes = false
		case '-':
			dashes = true
		case ':', ' ', '\t', '\r':
		default:
			return 0
		}
	}
	if dashes {
		columns++
	}
	if pipes == 0 {
		return 0
	}
	return columns
}
