package site

import (
	"fmt"
	neturl "net/url"
	"strings"
	"unicode"
)

// EscapePath percent-encodes each segment of a site-relative URL path, so
// that a page or file whose name holds a character with a meaning in URLs
// ("what?.md", "c#sharp.md", a space) or any non-ASCII letter is reached
// by the address written in links, the sitemap, the feed and JSON-LD.
// Pages and files keep their names as they are everywhere else: in the
// output folder and as keys.
func EscapePath(p string) string {
	if plainPath(p) {
		return p // the common case: every page's URL is asked for often
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = neturl.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// plainPath reports whether p holds only characters a path carries as
// they are: unreserved ASCII, sub-delimiters PathEscape keeps, and "/".
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~/", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// nameProblem says why a file or folder name cannot be part of a URL, or
// "" when it can: control characters and the characters that reorder text
// (bidirectional controls such as U+202E) would make an address that reads
// differently from where it leads.
func nameProblem(name string) string {
	for _, r := range name {
		switch {
		case r == 0x200E || r == 0x200F || r == 0x061C || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
			return fmt.Sprintf("the name %q holds an invisible character that reorders text (U+%04X), which would make its address read differently from where it leads: rename it", name, r)
		case unicode.IsControl(r):
			return fmt.Sprintf("the name %q holds a control character (U+%04X): rename it", name, r)
		}
	}
	return ""
}
