package flowchart

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// width estimates the width of s in ems in a sans-serif font: no font
// metrics are at hand at build time, so glyphs are grouped by shape, with
// generous widths so text rarely spills out of its box.
func width(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ':
			w += 0.32
		case strings.ContainsRune("il.,:;'|!ijtfI()[]", r):
			w += 0.34
		case strings.ContainsRune("mwMW@%", r):
			w += 0.95
		case r >= 'A' && r <= 'Z':
			w += 0.72
		case r >= '0' && r <= '9':
			w += 0.64
		case r < utf8.RuneSelf:
			w += 0.6
		case wide(r):
			w += 1.0
		default:
			w += 0.66
		}
	}
	return w
}

// wrap breaks s into lines at most max ems wide, between words where it
// can; a word longer than a line is cut.
func wrap(s string, max float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		for width(word) > max {
			cut := fit(word, max)
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		switch {
		case line == "":
			line = word
		case width(line+" "+word) <= max:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fit returns the byte length of the longest prefix of word (at least one
// rune) no wider than max ems.
func fit(word string, max float64) int {
	end := 0
	for i, r := range word {
		next := i + utf8.RuneLen(r)
		if end > 0 && width(word[:next]) > max {
			break
		}
		end = next
	}
	return end
}

// maxWidth returns the width in ems of the widest line.
func maxWidth(lines []string) float64 {
	m := 0.0
	for _, l := range lines {
		m = max(m, width(l))
	}
	return m
}

// wide reports whether r is set a full em wide: Chinese, Japanese and
// Korean characters, their punctuation and full-width forms.
func wide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xff60
}
