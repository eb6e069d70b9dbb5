package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/spanish"
)

// Language is how the words of one language become terms: its stop words
// and its stemmer. How text is split into words does not depend on the
// language but on the script (see Language.Tokens), so a Chinese name on
// an English page is searchable too.
//
// static/js/search.js does the same with what the manifest says: the
// language's code ("lang"), its stop words ("stop") and its stemmer
// ("stem", a Snowball algorithm in static/js/snowball-<stem>.js, which
// the search page of the language loads, generated from the same Snowball
// sources as github.com/blevesearch/snowballstem). A test runs both on the
// same text (TestGoAndJavaScriptAgree); another checks that there is one
// such file for each language in snowball, and no other
// (TestSnowballFiles).
type Language struct {
	code string                       // primary subtag, lower case: "pt" for "pt-BR"
	stop map[string]bool              // folded
	list []string                     // stop words, folded, in the manifest's order
	stem func(*snowballstem.Env) bool // nil: words are not stemmed
	// foldFirst stems the folded word: English's stemmer knows only a-z.
	// The others know their language's accented letters (Spanish "ación",
	// French "é", German "ß"), so they stem before folding.
	foldFirst bool
}

// snowball are the languages with a Snowball stemmer on both sides, by
// code; search.js knows them by the same codes, and layouts/search.html
// lists them to load static/js/snowball-<code>.js.
var snowball = map[string]struct {
	stem      func(*snowballstem.Env) bool
	stop      []string
	foldFirst bool
}{
	"en": {english.Stem, StopWords, true},
	"es": {spanish.Stem, stopES, false},
	"pt": {portuguese.Stem, stopPT, false},
	"fr": {french.Stem, stopFR, false},
	"de": {german.Stem, stopDE, false},
}

// Stop words other than English's: articles, pronouns, prepositions,
// conjunctions and the commonest forms of "to be" and "to have", from
// the Snowball project's lists, leaving out words that also carry
// meaning in guidance (negations such as "no" and "pas", "estado",
// "été").
var (
	stopES = strings.Fields("a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el él ella ellas ellos en entre era es esa esas ese eso esos esta está están estas este esto estos fue ha han hasta hay he la las le les lo los más me mi mí mis mucho muchos muy nada ni nos nosotras nosotros o os otra otras otro otros para pero poco por porque que qué quien quienes se sea ser si sí sin sobre son su sus también te ti tu tú tus un una uno unos vosotras vosotros y ya yo")
	stopPT = strings.Fields("a à ao aos aquela aquele as às até com como da das de do dos e é ela elas ele eles em entre era essa essas esse esses esta está estão estas este estes eu foi há isso isto já lhe lhes mais mas me meu minha muito na nas no nos nós o onde os ou para pela pelas pelo pelos por qual quais quando que quem são se sem ser seu seus sobre sua suas também te tem têm teu tu tua um uma você vocês")
	stopFR = strings.Fields("au aux avec ce ces cet cette dans de des du elle elles en est et être il ils je la le les leur leurs lui ma mais me mes mon ne nos notre nous on ont ou où par pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous")
	stopDE = strings.Fields("als am an auch auf aus bei da dass daß dem den denn der des die dies diese diesem diesen dieser dieses doch du ein eine einem einen einer eines er es für hat haben hatte ich ihr ihre ihrem ihren ihrer ihres im in ist man mit nach noch nur ob oder sein sich sie sind so und um vom von vor war waren werden wie wir wird wurde zu zum zur über")
)

var (
	languagesMu sync.Mutex
	languages   = map[string]*Language{}
)

// LanguageOf returns the Language of a BCP 47 tag ("en", "es", "pt-BR",
// "zh-Hant"): stop words and a Snowball stemmer for English, Spanish,
// Portuguese, French and German; for other languages, neither. An empty
// tag is English.
func LanguageOf(tag string) *Language {
	code := strings.ToLower(tag)
	if i := strings.IndexAny(code, "-_"); i >= 0 {
		code = code[:i]
	}
	if code == "" {
		code = "en"
	}
	languagesMu.Lock()
	defer languagesMu.Unlock()
	if l, ok := languages[code]; ok {
		return l
	}
	l := &Language{code: code, stop: map[string]bool{}, list: []string{}}
	if s, ok := snowball[code]; ok {
		l.stem, l.foldFirst = s.stem, s.foldFirst
		for _, w := range s.stop {
			f := fold(lower(w))
			if !l.stop[f] {
				l.stop[f] = true
				l.list = append(l.list, f)
			}
		}
	}
	languages[code] = l
	return l
}

// Code is the language's primary subtag, lower case ("pt" for "pt-BR").
func (l *Language) Code() string { return l.code }

// Stemmer names the Snowball stemmer of the language as search.js knows
// it (its code), or "" when words are not stemmed.
func (l *Language) Stemmer() string {
	if l.stem == nil {
		return ""
	}
	return l.code
}

// StopWords returns the language's stop words, folded as terms are.
func (l *Language) StopWords() []string { return l.list }

// Script classes of letters. Letters of the scripts written without
// spaces between words (CJK, Thai, Lao, Khmer, Myanmar) are indexed as
// overlapping pairs; other letters make words, as spaces and punctuation
// separate them.
const (
	classWord = iota
	classHan
	classHiragana
	classKatakana
	classHangul
	classThai
	classLao
	classKhmer
	classMyanmar
)

// scriptClass returns the class of a letter or number. Marks are not
// classed: they belong to the letter before them.
func scriptClass(r rune) int {
	if r < 0x0E00 {
		return classWord
	}
	switch {
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.Is(unicode.Hiragana, r):
		return classHiragana
	case unicode.Is(unicode.Katakana, r):
		return classKatakana
	case unicode.Is(unicode.Hangul, r):
		return classHangul
	case unicode.Is(unicode.Thai, r):
		return classThai
	case unicode.Is(unicode.Lao, r):
		return classLao
	case unicode.Is(unicode.Khmer, r):
		return classKhmer
	case unicode.Is(unicode.Myanmar, r):
		return classMyanmar
	}
	return classWord
}

// isProlonged reports the Japanese prolonged sound mark (ー, and its
// half-width form): of no script of its own, it belongs to the kana
// before it.
func isProlonged(r rune) bool { return r == 0x30FC || r == 0xFF70 }

// Tokens splits text into words and normalizes each one. A word is a run
// of letters, combining marks and numbers; within it, letters of a script
// written without spaces (Han, Hiragana, Katakana, Hangul, Thai, Lao,
// Khmer, Myanmar) become overlapping pairs of characters (a character
// with its combining marks), never a pair across two scripts: "東京タワー"
// is 東京, タワ, ワー; a character alone between others is one token.
// Tokens of pairs overlap: each starts at the character after the last
// one's start.
func (l *Language) Tokens(text string) []Token {
	var out []Token
	eachWord(text, func(start, end int) {
		l.wordTokens(text, start, end, func(s, e int, pair bool) {
			var term string
			if pair {
				term = fold(lower(text[s:e]))
			} else {
				term = l.Normalize(text[s:e])
			}
			out = append(out, Token{Term: term, Start: s, End: e})
		})
	})
	return out
}

// Terms returns the terms of text in order, leaving out stop words and
// words too short or too long to index.
func (l *Language) Terms(text string) []string {
	var out []string
	for _, t := range l.Tokens(text) {
		if t.Term != "" {
			out = append(out, t.Term)
		}
	}
	return out
}

// eachWord calls fn with the bounds of each run of letters, marks and
// numbers in text.
func eachWord(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') || r >= utf8.RuneSelf && isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// wordTokens splits the word text[start:end] by script class, calling fn
// with each token's bounds: a word of spaced scripts whole, and the
// pairs (or the single character) of a run of unspaced script.
func (l *Language) wordTokens(text string, start, end int, fn func(s, e int, pair bool)) {
	word := text[start:end]
	plain := true
	for _, r := range word {
		if r >= 0x0E00 && (isProlonged(r) || scriptClass(r) != classWord) {
			plain = false
			break
		}
	}
	if plain {
		fn(start, end, false)
		return
	}
	class := -1     // of the segment being read
	segStart := 0   // of the segment, in word
	var units []int // starts of the segment's characters, in word
	flush := func(at int) {
		switch {
		case class < 0:
		case class == classWord:
			fn(start+segStart, start+at, false)
		case len(units) == 1:
			fn(start+units[0], start+at, true)
		default:
			for k := 0; k+1 < len(units); k++ {
				e := at
				if k+2 < len(units) {
					e = units[k+2]
				}
				fn(start+units[k], start+e, true)
			}
		}
		units = units[:0]
	}
	for i, r := range word {
		var c int
		switch {
		case unicode.IsMark(r):
			if class >= 0 {
				continue // belongs to the character before it
			}
			c = classWord
		case isProlonged(r):
			c = classKatakana
			if class == classHiragana {
				c = classHiragana
			}
		default:
			c = scriptClass(r)
		}
		if c != class {
			flush(i)
			class, segStart = c, i
		}
		if c != classWord {
			units = append(units, i)
		}
	}
	flush(len(word))
}

// lower returns s in lower case as both Go and JavaScript make it: Go's
// strings.ToLower, with final sigma as sigma and without the combining
// dot that JavaScript adds to a lowered İ.
func lower(s string) string {
	s = strings.ToLower(s)
	if strings.ContainsAny(s, "ς\u0307") {
		s = strings.NewReplacer("ς", "σ", "\u0307", "").Replace(s)
	}
	return s
}

// fold replaces the letters of the fold table (see foldPairs).
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f, ok := foldMap[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Normalize returns the index term of one word: lower case, stemmed,
// diacritics of Latin letters and Arabic vowel marks removed. It returns
// "" for stop words and for words outside the length limits. A word of a
// script written without spaces (see Tokens) is only lowered and folded.
func (l *Language) Normalize(word string) string {
	lw := lower(word)
	w := fold(lw)
	if r, _ := utf8.DecodeRuneInString(word); r >= 0x0E00 && (isProlonged(r) || scriptClass(r) != classWord) {
		return w
	}
	n := utf8.RuneCountInString(w)
	if n > maxTermRunes || (n < minTermRunes && !allDigits(w)) || l.stop[w] {
		return ""
	}
	if l.stem != nil {
		if l.foldFirst {
			w = l.stemWord(w)
		} else {
			w = fold(l.stemWord(lw))
		}
	}
	if w == "" || l.stop[w] {
		return ""
	}
	return w
}

func (l *Language) stemWord(w string) string {
	env := snowballstem.NewEnv(w)
	l.stem(env)
	return env.Current()
}
