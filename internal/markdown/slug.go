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
type idSet struct {
	used map[string]bool
	// next is, per base, the suffix after the last one unique handed out:
	// the suffixes below it are taken, so they are not probed again and a
	// document with thousands of equal headings takes linear time.
	next map[string]int
}

func newIDSet() *idSet {
	return &idSet{used: map[string]bool{}, next: map[string]int{}}
}

// add marks id as used.
func (s *idSet) add(id string) { s.used[id] = true }

// has reports whether id is used.
func (s *idSet) has(id string) bool { return s.used[id] }

// unique returns base if unused, else the first free base-1, base-2, …,
// and marks the result as used.
func (s *idSet) unique(base string) string {
	id := base
	i := max(s.next[base], 1)
	if s.used[id] {
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return id
}
