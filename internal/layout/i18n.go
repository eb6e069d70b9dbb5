package layout

import (
	"html"
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/flowchart"
	"github.com/guidepost/guidepost/internal/i18n"
	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/theme"
)

// stringSets keeps the string files of the last few theme lookups read:
// every page of a build, in every language, uses the same one.
var stringSets struct {
	sync.Mutex
	last []stringSet
}

type stringSet struct {
	stack *theme.Stack
	set   *i18n.Set
	diags diag.List
}

// Strings returns the string files of the site's theme lookup (package
// i18n), read once per lookup, with the problems found in them.
func Strings(s *site.Site) (*i18n.Set, diag.List) {
	stringSets.Lock()
	defer stringSets.Unlock()
	for _, e := range stringSets.last {
		if e.stack == s.Theme {
			return e.set, e.diags
		}
	}
	var diags diag.List
	set := i18n.Load(s.Theme, &diags)
	stringSets.last = append(stringSets.last, stringSet{s.Theme, set, diags})
	if len(stringSets.last) > 4 {
		stringSets.last = stringSets.last[1:]
	}
	return set, diags
}

// Catalog returns the strings of the site's language, or the problems
// that keep it from having them, each naming a file: a string file's
// syntax, a missing file or key.
func Catalog(s *site.Site) (*i18n.Catalog, diag.List) {
	set, diags := Strings(s)
	if len(diags.Errors()) > 0 {
		return nil, diags
	}
	c, err := set.For(s.Config.Language)
	if err == nil {
		return c, diags
	}
	out := append(diag.List(nil), diags...)
	if m, ok := err.(*i18n.MissingError); ok && len(m.Keys) > 0 {
		for _, k := range m.Keys {
			out.Add(m.File, 0, "missing key "+strconv.Quote(k)+" (the theme's "+i18n.Reference+".yaml has it): add it, translated")
		}
		return nil, out
	}
	line := 0
	if s.Config.Lines != nil {
		line = s.Config.Lines["language"]
	}
	out.Add(config.FileName, line, err.Error())
	return nil, out
}

// catalog returns the strings of the language of the site being rendered,
// as Use found them.
func (f *Funcs) catalog() (*i18n.Catalog, error) {
	ss := f.strings.Load()
	return ss.c, ss.err
}

// addI18n adds the functions of the theme's strings to m:
//
//	T "key" ["name" value]…  the string for the site's language, placeholders
//	                         filled in ({count} also chooses the plural form)
//	localDate "long" t       t as the language writes dates: "1 December 2026",
//	                         "1 de diciembre de 2026"; "month": "December 2026"
//	linkHTML "#id" (T "k")   a link, to give T as the value of a placeholder
//	langDir                  "rtl" or "ltr", the direction of the site's language
//	                         (languages: … direction: in guidepost.yaml, else the language's own)
//	i18nJSON "decide." …     the strings with those prefixes, digits and date
//	                         format, as JSON for a <script type="application/json">
//	siteText "disclaimer"    the config's disclaimer or footer_note, or its
//	                         default in the site's language
//	verdictLabel v           "Avoid", "Caution", "Allowed with conditions"
//	treeMap tree             the tree's diagram, mirrored for a right-to-left language
func (f *Funcs) addI18n(m template.FuncMap) {
	m["T"] = func(key string, args ...any) (template.HTML, error) {
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		return c.HTML(key, args...)
	}
	m["localDate"] = func(style string, t time.Time) (string, error) {
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		return c.Date(style, t)
	}
	m["linkHTML"] = func(href string, text template.HTML) template.HTML {
		return template.HTML(`<a href="` + html.EscapeString(href) + `">` + string(text) + `</a>`)
	}
	m["langDir"] = func() string { return f.site.Load().Language.Dir }
	m["i18nJSON"] = func(prefixes ...string) (template.JS, error) {
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		data, err := c.JSON(prefixes...)
		return template.JS(data), err
	}
	m["siteText"] = func(name string) (string, error) {
		cfg := f.site.Load().Config
		var v, def, key string
		switch name {
		case "disclaimer":
			v, def, key = cfg.Disclaimer, config.DefaultDisclaimer, "footer.disclaimer"
		case "footer_note":
			v, def, key = cfg.FooterNote, defaultFooterNote, "footer.note"
		default:
			return "", errUnknownSiteText(name)
		}
		if v != def {
			return v, nil
		}
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		return c.T(key)
	}
	m["verdictLabel"] = func(v decision.Verdict) (string, error) {
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		return verdictLabel(c, v), nil
	}
	m["treeMap"] = func(t *decision.Tree) (template.HTML, error) {
		c, err := f.catalog()
		if err != nil {
			return "", err
		}
		return FlowChartIn(c, t), nil
	}
}

// defaultFooterNote is config's footer_note when guidepost.yaml sets none.
const defaultFooterNote = "Built with guidepost"

type errUnknownSiteText string

func (e errUnknownSiteText) Error() string {
	return "siteText " + strconv.Quote(string(e)) + `: use "disclaimer" or "footer_note"`
}

// verdictLabel is the words shown for a verdict in the catalog's language.
func verdictLabel(c *i18n.Catalog, v decision.Verdict) string {
	switch v {
	case decision.Avoid, decision.Caution, decision.Allowed:
		if s, err := c.T("verdict." + string(v)); err == nil {
			return s
		}
	}
	return string(v)
}

// FlowChartIn returns the diagram of a tree as inline SVG with the texts of
// the catalog's language, read right to left for a right-to-left one.
func FlowChartIn(c *i18n.Catalog, t *decision.Tree) template.HTML {
	if t == nil {
		return ""
	}
	return template.HTML(flowchart.SVG(t, flowchart.Options{
		VerdictLabel: func(v decision.Verdict) string { return verdictLabel(c, v) },
		Text: func(key string, args ...any) string {
			s, err := c.T("map."+key, args...)
			if err != nil {
				return ""
			}
			return s
		},
		RTL: c.Dir() == "rtl",
	}))
}

// generatedTitles are the keys of the titles of the pages the build makes.
var generatedTitles = map[site.Kind]string{
	site.KindSearch: "search.title",
	site.Kind404:    "notfound.title",
	site.KindMap:    "map.title",
}

// LocalizeTitles gives the pages the build makes (search, not found, a
// tree's map, and the taxonomies guidepost has built in when the site does
// not name its own) their titles in the site's language, which <title>,
// breadcrumbs and lists show. Problems with the strings are reported when
// the pages render.
func (f *Funcs) LocalizeTitles(s *site.Site) {
	c, err := f.catalog()
	if err != nil {
		return
	}
	for _, p := range s.Pages {
		if key := generatedTitles[p.Kind]; key != "" {
			if title, err := c.T(key); err == nil {
				p.FM.Title = title
			}
		}
	}
	if _, custom := s.Config.Lines["taxonomies"]; custom {
		return // the site named its taxonomies itself
	}
	for _, t := range s.Taxonomies {
		if title, err := c.T("taxonomy." + t.Name); err == nil {
			t.Title = title
			if t.Page != nil {
				t.Page.FM.Title = title
			}
		}
	}
}
