package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The normalization below is mirrored by static/js/search.js, which gets
// the stop words and the fold table from the manifest so that both sides
// use one list; the tokenizing rules are code on both sides, the stemmers
// are the Snowball project's on both sides (see Language), and a test runs
// both on the same text.

// StopWords are English words too common to index or search for.
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
// makes final sigma ς, and İ into i plus a combining dot (U+0307, which
// maps to nothing). Arabic loses its vowel and Quranic marks (tashkeel)
// and the tatweel that stretches a word, which readers do not type; alef
// with hamza or madda is alef, as readers often type it. No Arabic letter
// is removed.
const foldPairs = "àa áa âa ãa äa åa çc èe ée êe ëe ìi íi îi ïi ñn òo óo ôo õo öo ùu úu ûu üu ýy ÿy āa ăa ąa ćc ĉc ċc čc ďd ēe ĕe ėe ęe ěe ĝg ğg ġg ģg ĥh ĩi īi ĭi įi ĵj ķk ĺl ļl ľl ńn ņn ňn ōo ŏo őo ŕr ŗr řr śs ŝs şs šs ţt ťt ũu ūu ŭu ůu űu ųu ŵw ŷy źz żz žz ơo ưu ǎa ǐi ǒo ǔu ǖu ǘu ǚu ǜu ǟa ǡa ǧg ǩk ǫo ǭo ǰj ǵg ǹn ǻa ȁa ȃa ȅe ȇe ȉi ȋi ȍo ȏo ȑr ȓr ȕu ȗu șs țt ȟh ȧa ȩe ȫo ȭo ȯo ȱo ȳy ḁa ḃb ḅb ḇb ḉc ḋd ḍd ḏd ḑd ḓd ḕe ḗe ḙe ḛe ḝe ḟf ḡg ḣh ḥh ḧh ḩh ḫh ḭi ḯi ḱk ḳk ḵk ḷl ḹl ḻl ḽl ḿm ṁm ṃm ṅn ṇn ṉn ṋn ṍo ṏo ṑo ṓo ṕp ṗp ṙr ṛr ṝr ṟr ṡs ṣs ṥs ṧs ṩs ṫt ṭt ṯt ṱt ṳu ṵu ṷu ṹu ṻu ṽv ṿv ẁw ẃw ẅw ẇw ẉw ẋx ẍx ẏy ẑz ẓz ẕz ẖh ẗt ẘw ẙy ạa ảa ấa ầa ẩa ẫa ậa ắa ằa ẳa ẵa ặa ẹe ẻe ẽe ếe ềe ểe ễe ệe ỉi ịi ọo ỏo ốo ồo ổo ỗo ộo ớo ờo ởo ỡo ợo ụu ủu ứu ừu ửu ữu ựu ỳy ỵy ỷy ỹy ßss æae œoe øo łl đd ðd þth ıi ħh ŧt ƀb ɨi ʉu ςσ " +
	"\u0307 \u064B \u064C \u064D \u064E \u064F \u0650 \u0651 \u0652 \u0653 \u0654 \u0655 \u0656 \u0657 \u0658 \u0659 \u065A \u065B \u065C \u065D \u065E \u065F \u0670 \u06D6 \u06D7 \u06D8 \u06D9 \u06DA \u06DB \u06DC \u06DF \u06E0 \u06E1 \u06E2 \u06E3 \u06E4 \u06E7 \u06E8 \u06EA \u06EB \u06EC \u06ED \u0640 \u0622\u0627 \u0623\u0627 \u0625\u0627 \u0671\u0627"

// foldMap is the fold table by letter.
var foldMap = func() map[rune]string {
	m := map[rune]string{}
	for _, item := range strings.Fields(foldPairs) {
		r, n := utf8.DecodeRuneInString(item)
		m[r] = item[n:]
	}
	return m
}()

// FoldTable returns the fold table in the form the manifest carries it:
// space-separated items, each a letter followed by its replacement.
func FoldTable() string { return foldPairs }

// Token is a word of a text with its normalized term.
type Token struct {
	Term       string // normalized; "" when the word is not indexed
	Start, End int    // byte offsets of the word in the text
}

// english is the default language, of Tokens, Terms and Normalize.
var defaultLanguage = LanguageOf("en")

// Tokens splits English text into words and normalizes each one (see
// Language.Tokens).
func Tokens(text string) []Token { return defaultLanguage.Tokens(text) }

// Terms returns the normalized terms of English text in order, leaving
// out stop words and words too short or too long to index.
func Terms(text string) []string { return defaultLanguage.Terms(text) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) }

// Limits on indexed words, in runes after folding.
const (
	minTermRunes = 2  // shorter words are kept only when they are numbers
	maxTermRunes = 40 // longer "words" are identifiers or junk
)

// Normalize returns the index term of one English word (see
// Language.Normalize).
func Normalize(word string) string { return defaultLanguage.Normalize(word) }

func allDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsNumber(r) {
			return false
		}
	}
	return s != ""
}

// termCache remembers the term of each distinct word seen: a text's words
// repeat, so most are normalized by a map lookup that allocates nothing.
// One goroutine uses a cache at a time.
type termCache map[string]string

// eachTerm calls fn with the terms of text in order, as l.Terms returns
// them.
func (c termCache) eachTerm(l *Language, text string, fn func(term string)) {
	eachWord(text, func(start, end int) {
		l.wordTokens(text, start, end, func(s, e int, pair bool) {
			c.term(l, text[s:e], fn)
		})
	})
}

func (c termCache) term(l *Language, word string, fn func(string)) {
	t, ok := c[word]
	if !ok {
		t = l.Normalize(word)
		c[strings.Clone(word)] = t
	}
	if t != "" {
		fn(t)
	}
}
