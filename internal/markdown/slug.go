package markdown

import (
	"strconv"
	"strings"
	"unicode"
)

// slugify turns heading text into a GitHub-style id: lower-cased, each
// space a '-', punctuation and symbols dropped, letters and digits of any
// script kept, as are '-' and '_'. Text with nothing left becomes
// "section".
func slugify(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// idSet hands out ids unique within one document.
type idSet map[string]bool

// unique returns base if unused, else the first free base-1, base-2, …,
// and marks the result as used.
func (s idSet) unique(base string) string {
	id := base
	for i := 1; s[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s[id] = true
	return id
}
