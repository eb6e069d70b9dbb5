package site

import (
	"cmp"
	"path"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/i18n"
	"github.com/guidepost/guidepost/internal/yamlx"
)

// Language is the language of a site's pages.
type Language struct {
	Code string // as guidepost.yaml writes it: "es", "pt-br"
	// Tag is the language's BCP 47 tag in its canonical case, for the
	// lang and hreflang attributes: "es", "pt-BR".
	Tag  string
	Name string // in the language itself: "Español"
	Dir  string // "ltr" or "rtl"
	// Prefix is the URL folder of the language's pages, "es/"; "" for the
	// default language, whose pages are at the site's root.
	Prefix  string
	Default bool
	index   int // the language's place in Site.Languages
}

// newLanguage describes a language of the config.
func newLanguage(cfg *config.Config, code string, def bool) *Language {
	l := &Language{Code: code, Tag: code, Name: code, Default: def}
	if tag, err := language.Parse(code); err == nil {
		l.Tag = tag.String()
	}
	dir := ""
	if lc := cfg.LanguageConfig(code); lc != nil {
		l.Name, dir = lc.Name, lc.Direction
	}
	l.Dir = cmp.Or(dir, i18n.DirectionOf(code))
	if !def {
		l.Prefix = code + "/"
	}
	return l
}

// URL returns the URL path of a page of the language, given the path it
// has in the default language ("/search/" → "/es/search/").
func (l *Language) URL(u string) string {
	if l == nil || l.Prefix == "" {
		return u
	}
	return "/" + l.Prefix + strings.TrimPrefix(u, "/")
}

// Langs returns the sites of each language, in the order of their weight:
// the views of a multilingual site, or the site itself.
func (s *Site) Langs() []*Site {
	if len(s.Languages) == 0 {
		return []*Site{s}
	}
	return s.Languages
}

// Multilingual reports whether the site has pages in several languages.
func (s *Site) Multilingual() bool { return len(s.Languages) > 1 }

// LangURL is RelURL for a URL path of the site's language: "/search/" is
// "/es/search/" with the base path on a Spanish page.
func (s *Site) LangURL(u string) string { return s.RelURL(s.Language.URL(u)) }

// languageOf returns the language code of a content file's suffix
// (about.es.md) when it is one of codes, and the file's name without it
// (content/about.md); "" and the file for a file without one.
func languageOf(file string, codes []string) (code, base string) {
	stem, ok := strings.CutSuffix(file, ".md")
	if !ok {
		return "", file
	}
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || strings.Contains(stem[i:], "/") {
		return "", file
	}
	if c := stem[i+1:]; slices.Contains(codes, c) {
		return c, stem[:i] + ".md"
	}
	return "", file
}

// loadLanguages builds the pages of a multilingual site: one view of the
// site per language, holding that language's pages, home, sections,
// taxonomies, generated pages and trees, all sharing the site's URL and
// file indexes. The site itself then holds every language's pages, the
// default language's home and trees. Load links the pages to their
// translations once the generated pages exist too (linkTranslations).
func (s *Site) loadLanguages(files []string, docs []*frontmatter.Document, drafts bool, diags *diag.List) {
	cfg := s.Config
	codes := make([]string, len(cfg.Languages))
	for i, l := range cfg.Languages {
		codes[i] = l.Code
	}
	byLang := map[string][]int{}
	for i, f := range files {
		code, _ := languageOf(f, codes)
		code = cmp.Or(code, cfg.Language) // no suffix: the default language
		byLang[code] = append(byLang[code], i)
	}
	for i, code := range codes {
		v := *s
		v.Config = cfg.ForLanguage(code)
		v.Language = newLanguage(cfg, code, code == cfg.Language)
		v.Language.index = i
		v.Languages = nil
		v.whole = s
		v.Pages, v.Home, v.Trees, v.Taxonomies = nil, nil, nil, nil
		var fs []string
		var ds []*frontmatter.Document
		for _, j := range byLang[code] {
			fs, ds = append(fs, files[j]), append(ds, docs[j])
		}
		v.buildPages(fs, ds, drafts, diags)
		if v.Home == nil {
			v.Home = v.generatedHome()
			v.Pages = append([]*Page{v.Home}, v.Pages...)
		}
		s.Languages = append(s.Languages, &v)
	}
	for _, v := range s.Languages {
		if v.Language.Default {
			s.Language, s.Home = v.Language, v.Home
			s.Config = v.Config
		}
	}
	s.collectLanguages(func(v *Site) { v.buildTrees(diags) })
	s.checkTranslatedTrees(diags)
}

// collectLanguages runs fn on each language's view, then makes the site's
// own lists those of every language (trees: the default language's).
func (s *Site) collectLanguages(fn func(v *Site)) {
	s.Pages, s.Taxonomies, s.Trees = nil, nil, nil
	for _, v := range s.Languages {
		fn(v)
		s.Pages = append(s.Pages, v.Pages...)
		s.Taxonomies = append(s.Taxonomies, v.Taxonomies...)
		if v.Language.Default {
			s.Trees = v.Trees
		}
	}
}

// translationKey is what a page shares with its translations: its
// front matter's translationKey, else its file without the language
// suffix ("content/about.md"), else (a generated page) its URL in the
// default language.
func (p *Page) translationKey(codes []string) string {
	switch {
	case p.FM.TranslationKey != "":
		return "key:" + p.FM.TranslationKey
	case p.File != "":
		_, base := languageOf(p.File, codes)
		return "file:" + base
	}
	return "url:" + strings.TrimPrefix(p.URL, "/"+p.Site.Language.Prefix)
}

// linkTranslations links each page to its translations, by translation
// key, once every language's pages exist; pages the build makes (home,
// taxonomies, search, 404) are linked by URL.
func (s *Site) linkTranslations(diags *diag.List) {
	codes := make([]string, len(s.Languages))
	for i, v := range s.Languages {
		codes[i] = v.Language.Code
	}
	byKey := map[string][]*Page{}
	for _, v := range s.Languages {
		for _, p := range v.Pages {
			key := p.translationKey(codes)
			if p.Kind == KindHome {
				key = "home"
			}
			slot := byKey[key]
			if slot == nil {
				slot = make([]*Page, len(s.Languages))
				byKey[key] = slot
			}
			if prev := slot[v.Language.index]; prev != nil {
				diags.Add(p.File, p.FM.Line("translationKey"), "two pages in "+v.Language.Name+" are translations of one page ("+prev.File+" and "+p.File+"): give them different translationKeys")
				continue
			}
			slot[v.Language.index] = p
			p.translations = slot
		}
	}
}

// Translation returns the page's translation into a language (by code),
// the page itself for its own language, or nil.
func (p *Page) Translation(code string) *Page {
	for _, t := range p.translations {
		if t != nil && t.Site.Language.Code == code {
			return t
		}
	}
	if p.Site.Language == nil || p.Site.Language.Code == code {
		return p
	}
	return nil
}

// Original returns the default language's page of which p is a
// translation: p itself in the default language, nil when it has none.
func (p *Page) Original() *Page {
	if p.Site.Language == nil || p.Site.Language.Default {
		return p
	}
	for _, t := range p.translations {
		if t != nil && t.Site.Language.Default {
			return t
		}
	}
	return nil
}

// LanguageLink is one language of the language switcher.
type LanguageLink struct {
	Language *Language
	// Page is the page in that language; nil when it is not translated.
	Page    *Page
	Current bool
	// Home is that language's home page, where the switcher leads when
	// the page is not translated.
	Home *Page
	// URL is where the switcher leads, with the base path: Page's URL,
	// else Home's.
	URL string
}

// LanguageLinks lists the site's languages for the page's language
// switcher, in the order of their weight; none in a site of one language.
func (p *Page) LanguageLinks() []LanguageLink {
	whole := p.Site.whole
	if whole == nil || !whole.Multilingual() {
		return nil
	}
	out := make([]LanguageLink, len(whole.Languages))
	for i, v := range whole.Languages {
		out[i] = LanguageLink{Language: v.Language, Home: v.Home, Current: v == p.Site}
		switch {
		case p.Kind == Kind404:
			// Served for any missing URL: the other languages' 404 pages
			// are no better a place to go than their home pages.
			out[i].Page = v.Home
		case i < len(p.translations):
			out[i].Page = p.translations[i]
		}
		if out[i].Page != nil {
			out[i].URL = out[i].Page.RelPermalink()
		} else {
			out[i].URL = v.Home.RelPermalink()
		}
	}
	return out
}

// Versions returns the page in each language of the site, in the order
// of their weight, nil where it has no translation: one slice, shared by
// every version of the page. nil in a site of one language.
func (p *Page) Versions() []*Page { return p.translations }

// Translations returns the page's translations into the other languages,
// in the order of their weight.
func (p *Page) Translations() []*Page {
	var out []*Page
	for _, t := range p.translations {
		if t != nil && t != p {
			out = append(out, t)
		}
	}
	return out
}

// inLanguageOf returns the translation of t into from's language when t is
// a page of the default language that has one: a translated page that
// links an untranslated file ("../guidance/breach.md") reaches the page
// in its reader's language once it exists, and the original until then.
func inLanguageOf(from, t *Page) *Page {
	if from.Site == t.Site || !t.Site.Language.Default || from.Site.Language == nil {
		return t
	}
	if tr := t.Translation(from.Site.Language.Code); tr != nil {
		return tr
	}
	return t
}

// checkTranslations warns of a translation reviewed before its original
// was: the original changed since it was translated.
func (s *Site) checkTranslations(diags *diag.List) {
	for _, p := range s.Pages {
		o := p.Original()
		if o == nil || o == p || p.File == "" || o.FM.Reviewed.IsZero() {
			continue
		}
		if p.FM.Reviewed.Before(o.FM.Reviewed) {
			diags.Warn(p.File, p.FM.Line("reviewed"), "translation may be out of date: "+o.File+" was reviewed on "+o.FM.Reviewed.Format(yamlx.DateLayout)+", after this translation ("+dateOrNone(p.FM.Reviewed)+"); bring the translation up to date and set its reviewed: to the original's date")
		}
	}
}

func dateOrNone(t time.Time) string {
	if t.IsZero() {
		return "no reviewed date"
	}
	return "reviewed " + t.Format(yamlx.DateLayout)
}

// langBase is a content file's name without its language suffix, the
// name its URL and its node's id come from.
func (s *Site) langBase(file string) string {
	if s.whole == nil {
		return file
	}
	_, base := languageOf(file, []string{s.Language.Code})
	return base
}

// nodeID is the id of a tree node's file: its name without .md and
// language suffix.
func (s *Site) nodeID(file string) string {
	return strings.TrimSuffix(path.Base(s.langBase(file)), ".md")
}
