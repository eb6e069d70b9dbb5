package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The normalization below is mirrored by static/js/search.js, which gets
// the stop words and the fold table from the manifest so that both sides
// use one list; the tokenizing and stemming rules are code on both sides
// and a browser test checks they agree.

// StopWords are words too common to index or search for.
var StopWords = []string{
	"a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at",
	"be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from",
	"had", "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is",
	"it", "its", "me", "my", "of", "on", "or", "our", "she", "so", "than", "that",
	"the", "their", "them", "then", "there", "these", "they", "this", "those", "to",
	"us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
	"with", "would", "you", "your",
}

// foldPairs maps lower-case Latin letters with diacritics to plain letters:
// each space-separated item is a letter followed by its replacement. Two
// items smooth over where JavaScript's toLowerCase differs from Go's: it
// makes final sigma ς, and İ into i plus a combining dot (U+0307, the last
// item, which maps to nothing).
const foldPairs = "àa áa âa ãa äa åa çc èe ée êe ëe ìi íi îi ïi ñn òo óo ôo õo öo ùu úu ûu üu ýy ÿy āa ăa ąa ćc ĉc ċc čc ďd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ĩi īi ĭi įi ĵj ķk ĺl ļl ľl ńn ņn ňn ōo ŏo őo ŕr ŗr řr śs ŝs şs šs ţt ťt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ơo ưu ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǧg ǩk ǫo ǭo ǰj ǵg ǹn ǻa ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy ßss æae œoe øo łl đd ðd þth ıi ħh ŧt ƀb ɨi ʉu ςσ \u0307"

var (
	stopSet = map[string]bool{}
	foldMap = map[rune]string{}
)

func init() {
	for _, w := range StopWords {
		stopSet[w] = true
	}
	for _, item := range strings.Fields(foldPairs) {
		r, n := utf8.DecodeRuneInString(item)
		foldMap[r] = item[n:]
	}
}

// FoldTable returns the fold table in the form the manifest carries it:
// space-separated items, each a letter followed by its replacement.
func FoldTable() string { return foldPairs }

// Token is a word of a text with its normalized term.
type Token struct {
	Term       string // normalized; "" when the word is not indexed
	Start, End int    // byte offsets of the word in the text
}

// Tokens splits text into words — runs of letters, combining marks and
// numbers — and normalizes each one.
func Tokens(text string) []Token {
	var out []Token
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, Token{Term: Normalize(text[start:i]), Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Token{Term: Normalize(text[start:]), Start: start, End: len(text)})
	}
	return out
}

// Terms returns the normalized terms of text in order, leaving out stop
// words and words too short or too long to index.
func Terms(text string) []string {
	var out []string
	for _, t := range Tokens(text) {
		if t.Term != "" {
			out = append(out, t.Term)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) }

// Limits on indexed words, in runes after folding.
const (
	minTermRunes = 2  // shorter words are kept only when they are numbers
	maxTermRunes = 40 // longer "words" are identifiers or junk
)

// Normalize returns the index term of one word: lower case, diacritics of
// Latin letters removed, plural "s" stemmed. It returns "" for stop words
// and for words outside the length limits.
func Normalize(word string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	w := b.String()
	n := utf8.RuneCountInString(w)
	if n > maxTermRunes || (n < minTermRunes && !allDigits(w)) || stopSet[w] {
		return ""
	}
	w = stem(w)
	if stopSet[w] {
		return ""
	}
	return w
}

func allDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsNumber(r) {
			return false
		}
	}
	return s != ""
}

// stem removes English plural endings (after Harman's S-stemmer):
// policies → policy, phones → phone, consents → consent. Words of fewer
// than four letters and endings that are rarely plurals (-ss, -us, -is)
// are left alone.
func stem(w string) string {
	if utf8.RuneCountInString(w) < 4 || !strings.HasSuffix(w, "s") {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && !strings.HasSuffix(w, "eies") && !strings.HasSuffix(w, "aies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "es") && !strings.HasSuffix(w, "aes") && !strings.HasSuffix(w, "ees") && !strings.HasSuffix(w, "oes"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	}
	return w[:len(w)-1]
}

// termCache remembers the term of each distinct word seen: a text's words
// repeat, so most are normalized by a map lookup that allocates nothing.
// One goroutine uses a cache at a time.
type termCache map[string]string

// eachTerm calls fn with the terms of text in order, as Terms returns
// them.
func (c termCache) eachTerm(text string, fn func(term string)) {
	start := -1
	for i, r := range text {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			c.term(text[start:i], fn)
			start = -1
		}
	}
	if start >= 0 {
		c.term(text[start:], fn)
	}
}

func (c termCache) term(word string, fn func(string)) {
	t, ok := c[word]
	if !ok {
		t = Normalize(word)
		c[strings.Clone(word)] = t
	}
	if t != "" {
		fn(t)
	}
}
