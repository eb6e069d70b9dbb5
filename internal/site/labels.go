package site

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/guidepost/guidepost/internal/diag"
)

// A decision tree's option labels are buttons a reader tells apart by
// sight: two labels that look the same ("Café" composed and decomposed,
// "Yes" and "Yes" with a zero-width space) would be two identical buttons
// leading to different places. Labels are therefore normalised before the
// tree is built (and its validator looks for duplicates), scenario
// answers the same way so they still name the options, and labels that
// still differ only in characters nobody sees are reported.

// normalizeLabel returns a label as it is published: in Unicode NFC,
// without surrounding space, with each run of inner space one space (as
// HTML shows it), and without the characters that are never visible
// (zero-width space, word joiner, byte-order mark, soft hyphen). problem
// is non-empty when the label holds a character it must not: a control
// character, or a bidirectional override that shows its text in another
// order than it is written.
func normalizeLabel(s string) (label, problem string) {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			if problem == "" {
				problem = "holds the control character " + strconv.QuoteRune(r) + ": remove it"
			}
			continue
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			if problem == "" {
				problem = "holds the bidirectional control " + strconv.QuoteRune(r) + ", which can show the label in another order than it is written: remove it"
			}
			continue
		case invisible(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String(), problem
}

// invisible reports characters that never show, whatever surrounds them.
// Joiners (U+200C, U+200D) and direction marks change how the text around
// them is drawn, so they stay in a label, but not in its lookalikeKey.
func invisible(r rune) bool {
	switch r {
	case 0x00ad, 0x034f, 0x180e, 0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff:
		return true
	}
	return false
}

// lookalikeKey is what is left of a normalised label once every
// formatting character (joiners, direction marks) is dropped and letter
// case folded: two labels with the same key look alike on a button.
func lookalikeKey(label string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) && r >= 0xfe00 && r <= 0xfe0f {
			return -1
		}
		return r
	}, label))
}

// checkLookalikes reports options of one question whose labels differ
// but look alike. Labels that are the same but for letter case are the
// tree validator's to report.
func checkLookalikes(diags *diag.List, file, question string, labels []string, lines []int) {
	seen := map[string]int{}
	for i, l := range labels {
		if l == "" {
			continue
		}
		key := lookalikeKey(l)
		first, dup := seen[key]
		if !dup {
			seen[key] = i
			continue
		}
		if strings.EqualFold(labels[first], l) {
			continue
		}
		diags.Add(file, lines[i], "option label "+strconv.Quote(l)+" looks the same as "+strconv.Quote(labels[first])+" (line "+strconv.Itoa(lines[first])+
			") in question "+strconv.Quote(question)+": they differ only in invisible characters; give each option a label a reader can tell apart")
	}
}
