package config

import (
	"reflect"
	"slices"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

// TestParseLanguages checks that `languages:` decodes as Hugo writes it:
// each code's settings, in the order of their weight, every key's line,
// and `language:` naming the default.
func TestParseLanguages(t *testing.T) {
	src := `title: KB
language: en
languages:
  ar:
    name: العربية
    direction: rtl
    weight: 3
  en:
    name: English
    weight: 1
  es:
    name: Español
    weight: 2
    title: Base de conocimiento
    description: Para pruebas.
    disclaimer: No es asesoramiento.
    footer_note: Hecho por *nosotros*
    menus:
      main:
        - name: Guía
          url: /es/guidance/
  pt-br:
menus:
  main:
    - name: Guidance
      url: /guidance/
`
	cfg := Default()
	var diags diag.List
	Parse([]byte(src), cfg, &diags)
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	// pt-br, without settings, has weight 0: first. Equal weights keep
	// the file's order.
	want := []Language{
		{Code: "pt-br", Name: "pt-br", Line: 22},
		{Code: "en", Name: "English", Weight: 1, Line: 8, Lines: map[string]int{"name": 9, "weight": 10}},
		{Code: "es", Name: "Español", Weight: 2, Title: "Base de conocimiento", Description: "Para pruebas.", Disclaimer: "No es asesoramiento.",
			FooterNote: "Hecho por *nosotros*", Line: 11,
			Menus: map[string][]MenuEntry{"main": {{Name: "Guía", URL: "/es/guidance/", Line: 21}}},
			Lines: map[string]int{"name": 12, "weight": 13, "title": 14, "description": 15, "disclaimer": 16, "footer_note": 17, "menus": 18}},
		{Code: "ar", Name: "العربية", Direction: "rtl", Weight: 3, Line: 4, Lines: map[string]int{"name": 5, "direction": 6, "weight": 7}},
	}
	if !reflect.DeepEqual(cfg.Languages, want) {
		t.Errorf("languages\n%+v\nwant\n%+v", cfg.Languages, want)
	}
	if cfg.Language != "en" || !cfg.Multilingual() || cfg.Lines["languages"] != 3 {
		t.Errorf("language %q, multilingual %v, line %d; want en, true, 3", cfg.Language, cfg.Multilingual(), cfg.Lines["languages"])
	}

	es := cfg.ForLanguage("es")
	if es.Language != "es" || es.Title != "Base de conocimiento" || es.Description != "Para pruebas." || es.Disclaimer != "No es asesoramiento." || es.FooterNote != "Hecho por *nosotros*" {
		t.Errorf("ForLanguage(es) = language %q, title %q, description %q, disclaimer %q, footer note %q", es.Language, es.Title, es.Description, es.Disclaimer, es.FooterNote)
	}
	if got := es.Menus["main"]; len(got) != 1 || got[0].Name != "Guía" {
		t.Errorf("Spanish menu %+v, want its own", got)
	}
	ar := cfg.ForLanguage("ar")
	if ar.Title != "KB" || ar.Menus["main"][0].Name != "Guidance" {
		t.Errorf("ForLanguage(ar) = title %q, menu %+v; want the site's", ar.Title, ar.Menus["main"])
	}
	// Loading a language's pages rewrites its menus' URLs: the site's
	// must stay as they are.
	ar.Menus["main"][0].URL = "/ar/guidance/"
	if cfg.Menus["main"][0].URL != "/guidance/" {
		t.Errorf("changing a language's inherited menu changed the site's: %q", cfg.Menus["main"][0].URL)
	}
}

func TestDefaultLanguage(t *testing.T) {
	tests := []struct {
		name, src, want string
		multilingual    bool
	}{
		{"no languages", "title: KB\n", "en", false},
		{"language alone", "language: fr\n", "fr", false},
		{"first by weight", "languages:\n  es: {weight: 2}\n  de: {weight: 1}\n", "de", true},
		{"first written on equal weights", "languages:\n  es:\n  de:\n", "es", true},
		{"named", "language: es\nlanguages:\n  de:\n  es:\n", "es", true},
		{"one language", "languages:\n  pt-br: {name: Português}\n", "pt-br", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			var diags diag.List
			Parse([]byte(tt.src), cfg, &diags)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			if cfg.Language != tt.want || cfg.Multilingual() != tt.multilingual {
				t.Errorf("language %q, multilingual %v; want %q, %v", cfg.Language, cfg.Multilingual(), tt.want, tt.multilingual)
			}
		})
	}
}

func TestParseLanguagesErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		diags []string
	}{
		{"not a BCP 47 tag", "languages:\n  en:\n  english: {}\n",
			[]string{`guidepost.yaml:3: language "english" is not a BCP 47 language tag such as en, es or pt-br: language: tag is not well-formed`}},
		{"underscore", "languages:\n  en:\n  pt_BR:\n",
			[]string{`guidepost.yaml:3: language "pt_BR" must be written in lower case letters, digits and hyphens (it is the URL folder /pt_BR/ and the file suffix .CODE.md): write "pt-br"`}},
		{"unknown language", "languages:\n  en:\n  zz:\n",
			[]string{`guidepost.yaml:3: language "zz" is not a BCP 47 language tag such as en, es or pt-br: language: subtag "zz" is well-formed but unknown`}},
		{"upper case", "languages:\n  en:\n  pt-BR:\n    name: Português\n",
			[]string{`guidepost.yaml:3: language "pt-BR" must be written in lower case letters, digits and hyphens (it is the URL folder /pt-BR/ and the file suffix .CODE.md): write "pt-br"`}},
		{"upper-case language", "languages:\n  EN:\n  es:\n",
			[]string{`guidepost.yaml:2: language "EN" must be written in lower case letters, digits and hyphens (it is the URL folder /EN/ and the file suffix .CODE.md): write "en"`}},
		{"tag that is no URL folder", "languages:\n  en:\n  x-klingon:\n",
			[]string{`guidepost.yaml:3: language "x-klingon" must be a language of two or three letters, then subtags of 2 to 8 letters or digits, such as en, pt-br or zh-hant (it is the URL folder /x-klingon/ and the file suffix .CODE.md)`}},
		{"duplicate code", "languages:\n  en:\n  es: {name: Español}\n  es: {name: Castellano}\n",
			[]string{`guidepost.yaml:4: duplicate key "es" in languages: remove one of them`}},
		{"direction", "languages:\n  en:\n  ar:\n    direction: right-to-left\n",
			[]string{`guidepost.yaml:4: languages.ar.direction must be ltr or rtl, got "right-to-left"`}},
		{"direction in capitals", "languages:\n  en:\n  ar: {direction: RTL}\n",
			[]string{`guidepost.yaml:3: languages.ar.direction must be ltr or rtl, got "RTL"`}},
		{"default not among them", "title: KB\nlanguage: fr\nlanguages:\n  en:\n  es:\n",
			[]string{`guidepost.yaml:2: language "fr" (the default language) is not one of languages: (en, es): add it there, or name one of them`}},
		{"default written after them", "languages:\n  en:\n  es:\nlanguage: pt\n",
			[]string{`guidepost.yaml:4: language "pt" (the default language) is not one of languages: (en, es): add it there, or name one of them`}},
		{"languages as a list", "title: KB\nlanguages: [en, es]\n",
			[]string{"guidepost.yaml:2: languages must map each language's code to its settings, e.g. languages: {en: {name: English}, es: {name: Español}}"}},
		{"languages as text", "languages: en es\n",
			[]string{"guidepost.yaml:1: languages must map each language's code to its settings, e.g. languages: {en: {name: English}, es: {name: Español}}"}},
		{"settings as text", "languages:\n  en:\n  es: Español\n",
			[]string{"guidepost.yaml:3: languages.es must be a mapping of `key: value` lines, got \"Español\""}},
		{"unknown setting", "languages:\n  en:\n  es:\n    nmae: Español\n",
			[]string{`guidepost.yaml:4: unknown key "nmae" in languages.es: did you mean "name"?`}},
		{"Hugo key guidepost does not read", "languages:\n  en:\n  es:\n    languageName: Español\n",
			[]string{`guidepost.yaml:4: unknown key "languageName" in languages.es: known keys are description, direction, disclaimer, footer_note, menus, name, title, weight`}},
		{"weight not a number", "languages:\n  en:\n  es:\n    weight: heavy\n",
			[]string{`guidepost.yaml:4: languages.es.weight must be a whole number, got "heavy"`}},
		{"menus not a mapping", "languages:\n  en:\n  es:\n    menus: [a]\n",
			[]string{"guidepost.yaml:4: menus must be a mapping from menu name to a list of entries, e.g. menus: {main: [{name: Guidance, url: /guidance/}]}"}},
		{"each problem at its line", "languages:\n  EN:\n  es:\n    direction: up\n  f r:\n",
			[]string{
				`guidepost.yaml:2: language "EN" must be written in lower case letters, digits and hyphens (it is the URL folder /EN/ and the file suffix .CODE.md): write "en"`,
				`guidepost.yaml:4: languages.es.direction must be ltr or rtl, got "up"`,
				`guidepost.yaml:5: language "f r" is not a BCP 47 language tag such as en, es or pt-br: language: tag is not well-formed`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.List
			Parse([]byte(tt.src), Default(), &diags)
			diags.Sort()
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.diags) {
				t.Errorf("diagnostics\n%q\nwant\n%q", got, tt.diags)
			}
		})
	}
}
