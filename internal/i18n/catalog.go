package i18n

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	xmessage "golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Catalog is the strings, digits and date formats of one language.
type Catalog struct {
	tag    language.Tag
	file   *file
	digits [10]string
	dates  *cldrDate
	long   []dateToken
	month  []dateToken
	// fixed holds, escaped as HTML, each string without placeholders or
	// plural forms: what T gives without values, asked for many times a
	// page, made once.
	fixed map[string]template.HTML
}

// cldrDate is a language's Gregorian calendar data from CLDR (gendates).
type cldrDate struct {
	long, monthYear    string
	months, standAlone [12]string
}

func newCatalog(tag language.Tag, lf *file) *Catalog {
	c := &Catalog{tag: tag, file: lf, fixed: map[string]template.HTML{}}
	for key, m := range lf.msgs {
		if m.forms == nil && !strings.Contains(m.text, "{") {
			c.fixed[key] = template.HTML(htmlText.Replace(m.text))
		}
	}
	p := xmessage.NewPrinter(tag)
	for d := range 10 {
		c.digits[d] = p.Sprint(number.Decimal(d))
	}
	for t := tag; ; t = t.Parent() {
		if d, ok := cldrDates[t.String()]; ok {
			c.dates = &d
			c.long, c.month = parsePattern(d.long), parsePattern(d.monthYear)
			break
		}
		if t.IsRoot() {
			break
		}
	}
	return c
}

// Tag returns the language of the catalog.
func (c *Catalog) Tag() language.Tag { return c.tag }

// File names the string file the catalog comes from ("i18n/es.yaml").
func (c *Catalog) File() string { return c.file.name }

// Dir returns "rtl" for a language written right to left, else "ltr".
func (c *Catalog) Dir() string { return Direction(c.tag) }

// rtlScripts are the scripts written right to left (ISO 15924).
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true, "Adlm": true,
	"Rohg": true, "Mand": true, "Samr": true, "Mend": true, "Yezi": true,
}

// Direction returns "rtl" when the language is written right to left —
// its script, given or the likely one (ar → Arab), is Arabic, Hebrew,
// Syriac, Thaana, N'Ko, Adlam… — and "ltr" otherwise.
func Direction(tag language.Tag) string {
	s, _ := tag.Script()
	if rtlScripts[s.String()] {
		return "rtl"
	}
	return "ltr"
}

// DirectionOf is Direction for a language tag as text; "ltr" for one
// that does not parse.
func DirectionOf(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return "ltr"
	}
	return Direction(tag)
}

// Number writes n in the language's digits (Arabic: ٣), without
// grouping, as decide.js and search.js do.
func (c *Catalog) Number(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteString(c.digits[r-'0'])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lookup returns the message of key and, for one with plural forms, the
// text for the number given as "count".
func (c *Catalog) text(key string, args []any) (string, map[string]any, error) {
	m := c.file.msgs[key]
	if m == nil {
		return "", nil, fmt.Errorf("no string %q in %s: add it to the theme's %s.yaml and its translations", key, c.file.name, Reference)
	}
	if len(args)%2 != 0 {
		return "", nil, fmt.Errorf("string %q: give its values as pairs of name and value (T %q \"count\" 3)", key, key)
	}
	vals := map[string]any{}
	for i := 0; i < len(args); i += 2 {
		name, ok := args[i].(string)
		if !ok {
			return "", nil, fmt.Errorf("string %q: value %d's name is %v, not text", key, i/2+1, args[i])
		}
		vals[name] = args[i+1]
	}
	if m.forms == nil {
		return m.text, vals, nil
	}
	n, ok := toInt(vals["count"])
	if !ok {
		return "", nil, fmt.Errorf("string %q has plural forms: give the number that chooses one as \"count\"", key)
	}
	form := plural.Cardinal.MatchPlural(c.tag, n, 0, 0, 0, 0)
	if t, ok := m.forms[form]; ok {
		return t, vals, nil
	}
	return m.forms[plural.Other], vals, nil
}

func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int64:
		return int(n), true
	case int32:
		return int(n), true
	case uint:
		return int(n), true
	}
	return 0, false
}

// fill replaces the placeholders of t with the values, each through
// format.
func fill(key, t string, vals map[string]any, format func(any) string) (string, error) {
	if !strings.Contains(t, "{") {
		return t, nil
	}
	var err error
	out := placeholder.ReplaceAllStringFunc(t, func(p string) string {
		name := p[1 : len(p)-1]
		v, ok := vals[name]
		if !ok {
			if err == nil {
				err = fmt.Errorf("string %q: no value for {%s}: give it as T %q %q …", key, name, key, name)
			}
			return p
		}
		return format(v)
	})
	return out, err
}

func (c *Catalog) plain(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case template.HTML:
		return string(x)
	case time.Time:
		s, _ := c.Date("long", x)
		return s
	case fmt.Stringer:
		return x.String()
	}
	if n, ok := toInt(v); ok {
		return c.Number(n)
	}
	return fmt.Sprint(v)
}

// T returns the text of key in the language, with its placeholders
// filled in from args, pairs of name and value ("count", 3). Numbers are
// written in the language's digits, dates in its long format.
func (c *Catalog) T(key string, args ...any) (string, error) {
	t, vals, err := c.text(key, args)
	if err != nil {
		return "", err
	}
	return fill(key, t, vals, c.plain)
}

var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// HTML is T for a page: the text is escaped, and so are the values but
// those of type template.HTML, which are put in as they are (a link in a
// sentence).
func (c *Catalog) HTML(key string, args ...any) (template.HTML, error) {
	if h, ok := c.fixed[key]; ok && len(args) == 0 {
		return h, nil
	}
	t, vals, err := c.text(key, args)
	if err != nil {
		return "", err
	}
	s, err := fill(key, htmlText.Replace(t), vals, func(v any) string {
		if h, ok := v.(template.HTML); ok {
			return string(h)
		}
		return htmlText.Replace(c.plain(v))
	})
	return template.HTML(s), err
}

// Date formats t in the language's CLDR pattern: style "long" ("1
// December 2026", "1 de diciembre de 2026") or "month" ("December 2026").
func (c *Catalog) Date(style string, t time.Time) (string, error) {
	if t.IsZero() {
		return "", nil
	}
	if c.dates == nil {
		return "", fmt.Errorf("guidepost has no date formats for language %q: use one of %s, or add it to internal/i18n/gendates", c.tag, strings.Join(slices.Sorted(maps.Keys(cldrDates)), ", "))
	}
	var toks []dateToken
	switch style {
	case "long":
		toks = c.long
	case "month":
		toks = c.month
	default:
		return "", fmt.Errorf("date style %q: use \"long\" (1 December 2026) or \"month\" (December 2026)", style)
	}
	var b strings.Builder
	for _, tk := range toks {
		if tk.Field == "" {
			b.WriteString(tk.Text)
			continue
		}
		switch tk.Field {
		case "d":
			b.WriteString(c.Number(t.Day()))
		case "dd":
			b.WriteString(c.pad(t.Day()))
		case "M", "L":
			b.WriteString(c.Number(int(t.Month())))
		case "MM", "LL":
			b.WriteString(c.pad(int(t.Month())))
		case "MMM", "MMMM":
			b.WriteString(c.dates.months[t.Month()-1])
		case "LLL", "LLLL":
			b.WriteString(c.dates.standAlone[t.Month()-1])
		case "yy":
			b.WriteString(c.pad(t.Year() % 100))
		default: // y, yyyy
			b.WriteString(c.Number(t.Year()))
		}
	}
	return b.String(), nil
}

func (c *Catalog) pad(n int) string {
	if n < 10 {
		return c.digits[0] + c.Number(n)
	}
	return c.Number(n)
}

// dateToken is a literal text or a field ("d", "MMMM", "y") of a CLDR
// date pattern.
type dateToken struct {
	Text  string `json:"t,omitempty"`
	Field string `json:"f,omitempty"`
}

// parsePattern splits a CLDR date pattern: runs of one ASCII letter are
// fields, text in single quotes and every other character literal text.
func parsePattern(p string) []dateToken {
	var out []dateToken
	lit := func(s string) {
		if n := len(out); n > 0 && out[n-1].Field == "" {
			out[n-1].Text += s
		} else {
			out = append(out, dateToken{Text: s})
		}
	}
	for i := 0; i < len(p); {
		ch := p[i]
		switch {
		case ch == '\'':
			if i+1 < len(p) && p[i+1] == '\'' {
				lit("'")
				i += 2
				continue
			}
			// Quoted text up to the closing quote; '' in it is a quote.
			j := i + 1
			var text strings.Builder
			for j < len(p) {
				if p[j] == '\'' {
					if j+1 < len(p) && p[j+1] == '\'' {
						text.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				text.WriteByte(p[j])
				j++
			}
			lit(text.String())
			i = j + 1
		case ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z':
			j := i
			for j < len(p) && p[j] == ch {
				j++
			}
			out = append(out, dateToken{Field: p[i:j]})
			i = j
		default:
			j := i + 1
			for j < len(p) && p[j] != '\'' && !(p[j] >= 'a' && p[j] <= 'z' || p[j] >= 'A' && p[j] <= 'Z') {
				j++
			}
			lit(p[i:j])
			i = j
		}
	}
	return out
}

// Script is what a page gives decide.js and search.js: the strings whose
// keys start with one of the prefixes, the language's digits, plural
// rules' language and date formats. The scripts fill placeholders and
// choose plural forms (Intl.PluralRules) as T does.
type Script struct {
	Lang    string         `json:"lang"`
	Dir     string         `json:"dir"`
	Digits  string         `json:"digits"`
	Date    *ScriptDate    `json:"date,omitempty"`
	Strings map[string]any `json:"strings"`
}

// ScriptDate is the long date format of a language for the scripts.
type ScriptDate struct {
	Long       []dateToken `json:"long"`
	Months     [12]string  `json:"months"`
	StandAlone *[12]string `json:"standAlone,omitempty"` // when not Months
}

// JSON returns the Script of the language for the string keys starting
// with any of prefixes ("decide.", "verdict."), as JSON safe to put in a
// <script type="application/json"> element.
func (c *Catalog) JSON(prefixes ...string) ([]byte, error) {
	s := Script{Lang: c.tag.String(), Dir: c.Dir(), Digits: strings.Join(c.digits[:], ""), Strings: map[string]any{}}
	if c.dates != nil {
		s.Date = &ScriptDate{Long: c.long, Months: c.dates.months}
		if c.dates.standAlone != c.dates.months {
			s.Date.StandAlone = &c.dates.standAlone
		}
	}
	for k, m := range c.file.msgs {
		if !slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(k, p) }) {
			continue
		}
		if m.forms == nil {
			s.Strings[k] = m.text
			continue
		}
		f := map[string]string{}
		for form, t := range m.forms {
			f[formNames[form]] = t
		}
		s.Strings[k] = f
	}
	return json.Marshal(s) // sorted keys; <, > and & escaped
}
