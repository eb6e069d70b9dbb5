package config

import (
	"cmp"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/guidepost/guidepost/internal/yamlx"
)

// Language is one language of a multilingual site, as `languages:` in
// guidepost.yaml describes it. Its pages are the content files whose names
// end in .CODE.md (about.es.md), published under /CODE/ — except the
// default language's (`language:`), whose files need no suffix and whose
// pages are at the site's root.
type Language struct {
	// Code is the language's key in guidepost.yaml: a BCP 47 tag in lower
	// case ("es", "pt-br"), which is also its URL folder and file suffix.
	Code string
	// Name is the language's name in itself, for the language switcher
	// ("Español"); default: the code.
	Name string
	// Direction is "ltr" or "rtl"; "" takes the language's own.
	Direction string
	// Weight orders the languages in the switcher (then the code).
	Weight int
	// Title, Description, Disclaimer and FooterNote replace the site's in
	// this language when set.
	Title, Description, Disclaimer, FooterNote string
	// Menus replace the site's menus in this language when set; otherwise
	// the site's menus are used, each entry linking the page's translation
	// when it has one.
	Menus map[string][]MenuEntry
	Line  int            // the line of the language's key
	Lines map[string]int // the line of each of its keys
}

// languageCode is what a language's key may be: a BCP 47 tag in lower
// case, which is also a URL folder.
var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// decodeLanguages decodes `languages:`, a mapping from language code to
// its settings, as Hugo writes it.
func decodeLanguages(d *yamlx.Decoder, n *yaml.Node) []Language {
	if n.Kind != yaml.MappingNode {
		d.Error(n, "languages must map each language's code to its settings, e.g. languages: {en: {name: English}, es: {name: Español}}")
		return nil
	}
	var out []Language
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		l := Language{Code: k.Value, Name: k.Value, Line: d.Line(k)}
		what := "languages." + k.Value
		if problem := codeProblem(k.Value); problem != "" {
			d.Error(k, "language "+strconv.Quote(k.Value)+" "+problem)
			continue
		}
		if seen[k.Value] {
			// Two views of one language would publish every page of
			// it twice, at the same URLs.
			d.Error(k, "duplicate key "+strconv.Quote(k.Value)+" in languages: remove one of them")
			continue
		}
		seen[k.Value] = true
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			out = append(out, l) // es: (no settings)
			continue
		}
		l.Lines = d.Mapping(v, what, map[string]yamlx.Field{
			"name": func(v *yaml.Node) { l.Name = d.String(v, what+".name") },
			"direction": func(v *yaml.Node) {
				l.Direction = d.String(v, what+".direction")
				if l.Direction != "ltr" && l.Direction != "rtl" {
					d.Error(v, what+".direction must be ltr or rtl, got "+strconv.Quote(l.Direction))
					l.Direction = ""
				}
			},
			"weight":      func(v *yaml.Node) { l.Weight = d.Int(v, what+".weight") },
			"title":       func(v *yaml.Node) { l.Title = d.String(v, what+".title") },
			"description": func(v *yaml.Node) { l.Description = d.String(v, what+".description") },
			"disclaimer":  func(v *yaml.Node) { l.Disclaimer = d.String(v, what+".disclaimer") },
			"footer_note": func(v *yaml.Node) { l.FooterNote = d.String(v, what+".footer_note") },
			"menus":       func(v *yaml.Node) { l.Menus = decodeMenus(d, v) },
		})
		out = append(out, l)
	}
	slices.SortStableFunc(out, func(a, b Language) int { return cmp.Compare(a.Weight, b.Weight) })
	return out
}

// codeProblem says why code cannot name a language, "" when it can.
func codeProblem(code string) string {
	if _, err := language.Parse(code); err != nil {
		return "is not a BCP 47 language tag such as en, es or pt-br: " + err.Error()
	}
	if languageCode.MatchString(code) {
		return ""
	}
	use := "(it is the URL folder /" + code + "/ and the file suffix .CODE.md)"
	// language.Parse takes pt_BR for pt-BR: suggest the code that is
	// written as a URL folder may be, when there is one.
	if lower := strings.ToLower(strings.ReplaceAll(code, "_", "-")); languageCode.MatchString(lower) {
		return "must be written in lower case letters, digits and hyphens " + use + ": write " + strconv.Quote(lower)
	}
	return "must be a language of two or three letters, then subtags of 2 to 8 letters or digits, such as en, pt-br or zh-hant " + use
}

// checkLanguages makes `language:` the default of `languages:`: it must
// be one of them, and is the first by weight when not set. A site with one
// language takes that language's settings.
func (c *Config) checkLanguages(d *yamlx.Decoder) {
	if len(c.Languages) == 0 {
		return
	}
	if _, set := c.Lines["language"]; !set {
		c.Language = c.Languages[0].Code
	} else if c.LanguageConfig(c.Language) == nil {
		codes := make([]string, len(c.Languages))
		for i, l := range c.Languages {
			codes[i] = l.Code
		}
		d.Diags.Add(FileName, c.Lines["language"], "language "+strconv.Quote(c.Language)+" (the default language) is not one of languages: ("+strings.Join(codes, ", ")+"): add it there, or name one of them")
		return
	}
	if len(c.Languages) == 1 {
		// A site in one language, with that language's title,
		// description and menus.
		*c = *c.ForLanguage(c.Language)
	}
}

// Multilingual reports whether the site has more than one language.
func (c *Config) Multilingual() bool { return len(c.Languages) > 1 }

// LanguageConfig returns the settings of a language of `languages:`, or
// nil.
func (c *Config) LanguageConfig(code string) *Language {
	for i := range c.Languages {
		if c.Languages[i].Code == code {
			return &c.Languages[i]
		}
	}
	return nil
}

// ForLanguage returns the config of the site's pages in one language of
// `languages:`: Language set to it, and its title, description,
// disclaimer, footer note and menus in place of the site's where it sets
// them. Menus are copied, so that loading one language's pages (which
// rewrites menu URLs) leaves the others' alone.
func (c *Config) ForLanguage(code string) *Config {
	out := *c
	out.Language = code
	l := c.LanguageConfig(code)
	menus := c.Menus
	if l != nil {
		out.Title = cmp.Or(l.Title, c.Title)
		out.Description = cmp.Or(l.Description, c.Description)
		out.Disclaimer = cmp.Or(l.Disclaimer, c.Disclaimer)
		out.FooterNote = cmp.Or(l.FooterNote, c.FooterNote)
		if l.Menus != nil {
			menus = l.Menus
		}
	}
	out.Menus = make(map[string][]MenuEntry, len(menus))
	for name, entries := range menus {
		out.Menus[name] = slices.Clone(entries)
	}
	out.Lines = maps.Clone(c.Lines)
	return &out
}
