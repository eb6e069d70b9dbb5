// Package config loads the site configuration file, guidepost.yaml.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/frontmatter"
	"github.com/guidepost/guidepost/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// FileName is the site configuration file at the root of a site.
const FileName = "guidepost.yaml"

// DefaultBaseURL is used when neither the config nor the command line sets one.
const DefaultBaseURL = "http://localhost:1313/"

// MenuEntry is one link of a navigation menu.
type MenuEntry struct {
	Name string
	// URL is as written in guidepost.yaml until the site is loaded, which
	// checks it and makes a page's .md file or a path with the base path
	// the page's URL path ("/guidance/"); layouts add the base path with
	// relURL, which leaves other sites' URLs as they are.
	URL    string
	Weight int
	Line   int // the line of the entry's url (of the entry without one)
}

// Config is the site configuration.
type Config struct {
	Title          string
	Description    string
	BaseURL        string
	Language       string
	ReviewEvery    frontmatter.Interval
	AllowHTML      bool
	HighlightLight string
	HighlightDark  string
	Menus          map[string][]MenuEntry
	// Theme is a folder, relative to the site, whose layouts/ and static/
	// come between the site's own and the built-in theme's; "" for none.
	Theme string
	// Disclaimer is shown at the foot of every page (inline Markdown);
	// "" shows none.
	Disclaimer string
	// FooterNote is a line of inline Markdown below the footer menu.
	FooterNote string
	// Logo is the URL path of an image shown before the site title; ""
	// shows the title alone.
	Logo string
	// Favicon is the URL path of the site's icon.
	Favicon string
	// RenderTimeout bounds the rendering of one page by its layout.
	RenderTimeout time.Duration
	// GitInfo reads when each page last changed from the site's git
	// history: shown beside its review date, and a page changed after its
	// review is a warning.
	GitInfo bool
	// RequireReviewer makes a review date without reviewed_by a warning,
	// so that check --strict requires it.
	RequireReviewer bool
	// Colors override the theme's colours, by CSS custom property name
	// without "--" ("accent", "header-bg"), for the light and dark schemes.
	Colors Colors
	// Taxonomies are the site's taxonomies, as Hugo names them: the plural
	// name (the front matter key and URL folder, "tags") and the singular.
	// Default: jurisdictions, tags and categories.
	Taxonomies []Taxonomy
	// FrontMatterExtra are top-level front matter keys the site declares
	// (front_matter: {extra: […]}); layouts read them in .Params.
	FrontMatterExtra []string
	// Languages are the languages of a multilingual site (`languages:`),
	// in the order of their weight; empty for a site in one language,
	// Language.
	Languages []Language
	Lines     map[string]int
}

// Taxonomy is one taxonomy of the site.
type Taxonomy struct {
	Singular, Plural string
}

// DefaultTaxonomies are the taxonomies of a site that names none.
var DefaultTaxonomies = []Taxonomy{{"jurisdiction", "jurisdictions"}, {"tag", "tags"}, {"category", "categories"}}

// Vocabulary returns the front matter keys the config adds.
func (c *Config) Vocabulary() *frontmatter.Vocabulary {
	v := &frontmatter.Vocabulary{Extra: c.FrontMatterExtra}
	for _, t := range c.Taxonomies {
		v.Taxonomies = append(v.Taxonomies, t.Plural)
	}
	return v
}

// Colors are colour overrides for the light and the dark colour scheme.
type Colors struct {
	Light, Dark map[string]string
}

// Set reports whether any colour is overridden.
func (c Colors) Set() bool { return len(c.Light)+len(c.Dark) > 0 }

// DefaultDisclaimer is the disclaimer of a site that does not set one:
// guidepost sites give health and legal guidance.
const DefaultDisclaimer = "**General information, not legal advice.** Check the sources, your regulator and your organisation's policies before you act."

// DefaultRenderTimeout is how long a layout may take to render one page.
// A page renders in well under a millisecond: this only stops layouts that
// never end.
const DefaultRenderTimeout = 10 * time.Second

// DefaultFavicon is the icon the built-in theme provides.
const DefaultFavicon = "/favicon.svg"

// ColorNames are the colours a site may set under `colors:`: the custom
// properties of the built-in theme's stylesheet.
var ColorNames = []string{
	"bg", "fg", "muted", "link", "link-visited", "border", "surface", "accent",
	"focus", "focus-fg", "header-bg", "header-fg", "mark-bg",
}

// Default returns the configuration used for keys the file does not set.
func Default() *Config {
	return &Config{
		Title:          "guidepost site",
		Language:       "en",
		ReviewEvery:    frontmatter.Interval{Months: 12},
		HighlightLight: "github",
		HighlightDark:  "github-dark",
		Menus:          map[string][]MenuEntry{},
		Disclaimer:     DefaultDisclaimer,
		FooterNote:     "Built with guidepost",
		Favicon:        DefaultFavicon,
		RenderTimeout:  DefaultRenderTimeout,
		Taxonomies:     slices.Clone(DefaultTaxonomies),
	}
}

// Load reads guidepost.yaml from the site root dir. A missing file yields
// the defaults. Problems are added to diags with file:line.
func Load(dir string, diags *diag.List) *Config {
	cfg := Default()
	src, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return cfg
	}
	if err != nil {
		diags.Add(FileName, 0, "cannot read site config: "+err.Error())
		return cfg
	}
	Parse(src, cfg, diags)
	return cfg
}

// Parse decodes src over cfg.
func Parse(src []byte, cfg *Config, diags *diag.List) {
	d := &yamlx.Decoder{File: FileName, Diags: diags}
	n := d.Parse(src)
	cfg.Lines = d.Mapping(n, "site config", map[string]yamlx.Field{
		"title":       func(v *yaml.Node) { cfg.Title = d.String(v, "title") },
		"description": func(v *yaml.Node) { cfg.Description = d.String(v, "description") },
		"base_url": func(v *yaml.Node) {
			cfg.BaseURL = d.String(v, "base_url")
			if _, err := NormalizeBaseURL(cfg.BaseURL); err != nil {
				d.Error(v, err.Error())
			}
		},
		"language": func(v *yaml.Node) { cfg.Language = d.String(v, "language") },
		"review_every": func(v *yaml.Node) {
			// A bad interval is reported and leaves the default, never zero:
			// every reviewed page would be overdue "every 0d".
			if every := frontmatter.DecodeInterval(d, v, "review_every"); !every.IsZero() {
				cfg.ReviewEvery = every
			}
		},
		"allow_html": func(v *yaml.Node) { cfg.AllowHTML = d.Bool(v, "allow_html") },
		"highlight": func(v *yaml.Node) {
			d.Mapping(v, "highlight", map[string]yamlx.Field{
				"light": func(v *yaml.Node) { cfg.HighlightLight = d.String(v, "highlight.light") },
				"dark":  func(v *yaml.Node) { cfg.HighlightDark = d.String(v, "highlight.dark") },
			})
		},
		"menus":            func(v *yaml.Node) { cfg.Menus = decodeMenus(d, v) },
		"languages":        func(v *yaml.Node) { cfg.Languages = decodeLanguages(d, v) },
		"theme":            func(v *yaml.Node) { cfg.Theme = d.String(v, "theme") },
		"git_info":         func(v *yaml.Node) { cfg.GitInfo = d.Bool(v, "git_info") },
		"require_reviewer": func(v *yaml.Node) { cfg.RequireReviewer = d.Bool(v, "require_reviewer") },
		"render_timeout": func(v *yaml.Node) {
			s := d.String(v, "render_timeout")
			t, err := time.ParseDuration(s)
			if err != nil || t < time.Second || t > time.Hour {
				d.Error(v, "render_timeout must be a duration from 1s to 1h, such as 10s or 2m, got "+strconv.Quote(s))
				return
			}
			cfg.RenderTimeout = t
		},
		"disclaimer":  func(v *yaml.Node) { cfg.Disclaimer = d.String(v, "disclaimer") },
		"footer_note": func(v *yaml.Node) { cfg.FooterNote = d.String(v, "footer_note") },
		"logo":        func(v *yaml.Node) { cfg.Logo = sitePath(d, v, "logo") },
		"favicon":     func(v *yaml.Node) { cfg.Favicon = sitePath(d, v, "favicon") },
		"taxonomies":  func(v *yaml.Node) { cfg.Taxonomies = decodeTaxonomies(d, v) },
		"front_matter": func(v *yaml.Node) {
			d.Mapping(v, "front_matter", map[string]yamlx.Field{
				"extra": func(v *yaml.Node) { cfg.FrontMatterExtra = decodeExtra(d, v, cfg) },
			})
		},
		"colors": func(v *yaml.Node) {
			d.Mapping(v, "colors", map[string]yamlx.Field{
				"light": func(v *yaml.Node) { cfg.Colors.Light = decodeColors(d, v, "colors.light") },
				"dark":  func(v *yaml.Node) { cfg.Colors.Dark = decodeColors(d, v, "colors.dark") },
			})
		},
	})
	cfg.checkLanguages(d)
}

func decodeMenus(d *yamlx.Decoder, n *yaml.Node) map[string][]MenuEntry {
	menus := map[string][]MenuEntry{}
	if n.Kind != yaml.MappingNode {
		d.Error(n, "menus must be a mapping from menu name to a list of entries, e.g. menus: {main: [{name: Guidance, url: /guidance/}]}")
		return menus
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		var entries []MenuEntry
		d.List(n.Content[i+1], "menu "+strconv.Quote(name), func(item *yaml.Node) {
			e := MenuEntry{Line: d.Line(item)}
			d.Mapping(item, "a menu entry", map[string]yamlx.Field{
				"name":   func(v *yaml.Node) { e.Name = d.String(v, "menu entry name") },
				"url":    func(v *yaml.Node) { e.URL, e.Line = d.String(v, "menu entry url"), d.Line(v) },
				"weight": func(v *yaml.Node) { e.Weight = d.Int(v, "menu entry weight") },
			})
			if item.Kind == yaml.MappingNode && (e.Name == "" || e.URL == "") {
				d.Error(item, "menu entry needs both `name` and `url`")
			}
			entries = append(entries, e)
		})
		menus[name] = entries
	}
	return menus
}

// keyName matches what a taxonomy or custom front matter key may be
// named: it is also a URL folder.
var keyName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// decodeTaxonomies decodes `taxonomies:` as Hugo writes it, a mapping from
// singular to plural name ({tag: tags, series: series}); it replaces the
// default ones.
func decodeTaxonomies(d *yamlx.Decoder, n *yaml.Node) []Taxonomy {
	if n.Kind != yaml.MappingNode {
		d.Error(n, "taxonomies must map each taxonomy's singular name to its plural, as in Hugo: {tag: tags, category: categories, jurisdiction: jurisdictions}")
		return slices.Clone(DefaultTaxonomies)
	}
	out := []Taxonomy{}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		plural := d.String(v, "taxonomy "+strconv.Quote(k.Value))
		switch {
		case !keyName.MatchString(plural):
			d.Error(v, "taxonomy name "+strconv.Quote(plural)+" must be lower-case letters, digits, - and _, starting with a letter: it is a front matter key and a URL folder (/"+plural+"/)")
		case slices.Contains(reservedKeys, plural):
			d.Error(v, "taxonomy name "+strconv.Quote(plural)+" is a front matter field of its own: choose another name")
		case seen[plural]:
			d.Error(v, "taxonomy "+strconv.Quote(plural)+" is named twice: remove one")
		default:
			seen[plural] = true
			out = append(out, Taxonomy{Singular: k.Value, Plural: plural})
		}
	}
	return out
}

// reservedKeys are front matter fields that cannot be a taxonomy or a
// custom key: they have a meaning of their own. (tags, jurisdictions,
// categories, keywords and authors are lists that may be taxonomies.)
var reservedKeys = []string{
	"title", "summary", "date", "reviewed", "review_every", "draft", "weight", "aliases", "sources", "layout",
	"search_weight", "start", "scenarios", "options", "help", "verdict", "safeguards", "description", "lastmod",
	"publishDate", "expiryDate", "slug", "url", "linkTitle", "author", "images", "toc", "type",
	"translationKey", "translation_status", "sitemap", "params", "search",
}

// decodeExtra decodes front_matter.extra, the custom top-level keys.
func decodeExtra(d *yamlx.Decoder, n *yaml.Node, cfg *Config) []string {
	var out []string
	d.List(n, "front_matter.extra", func(item *yaml.Node) {
		k := d.String(item, "each key of front_matter.extra")
		switch {
		case k == "":
		case slices.Contains(reservedKeys, k) || slices.Contains([]string{"tags", "jurisdictions", "categories", "keywords", "authors"}, k):
			d.Error(item, "front_matter.extra: "+strconv.Quote(k)+" is a front matter field already: remove it from extra")
		default:
			out = append(out, k)
		}
	})
	return out
}

// sitePath decodes the URL path of a file the site publishes, such as
// "/img/logo.svg".
func sitePath(d *yamlx.Decoder, v *yaml.Node, what string) string {
	s := d.String(v, what)
	if s != "" && (!strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.ContainsAny(s, "?#\\ \t\n\r\x00")) {
		d.Error(v, what+" must be the URL path of a file of the site, such as /img/"+what+".svg (a file static/img/"+what+".svg), got "+strconv.Quote(s))
		return ""
	}
	return s
}

// colorValue matches the CSS colours `colors:` accepts: hex, rgb(), hsl()
// and named colours; nothing that could end the declaration.
var colorValue = regexp.MustCompile(`^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|(rgb|rgba|hsl|hsla)\([0-9., %/a-z]*\)|[a-zA-Z]+)$`)

func decodeColors(d *yamlx.Decoder, n *yaml.Node, what string) map[string]string {
	out := map[string]string{}
	if n.Kind != yaml.MappingNode {
		d.Error(n, what+" must map colour names to CSS colours, e.g. {accent: \"#0b57d0\", header-bg: \"#12263a\"}")
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(ColorNames, k.Value) {
			d.Error(k, "unknown colour "+strconv.Quote(k.Value)+" in "+what+": use one of "+strings.Join(ColorNames, ", "))
			continue
		}
		c := strings.TrimSpace(d.String(v, what+"."+k.Value))
		if !colorValue.MatchString(c) {
			d.Error(v, what+"."+k.Value+" must be a CSS colour such as \"#0b57d0\" or \"rgb(11 87 208)\", got "+strconv.Quote(c))
			continue
		}
		out[k.Value] = c
	}
	return out
}

// NormalizeBaseURL checks that s is an absolute http(s) URL and returns it
// with a trailing slash.
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("base_url must be an absolute http(s) URL such as https://example.org/, got " + strconv.Quote(s))
	}
	switch {
	case u.User != nil:
		return "", errors.New("base_url must not hold a user name or password (" + strconv.Quote(s) + "): every page would publish it; write the address alone, such as " + u.Scheme + "://" + u.Host + u.EscapedPath())
	case u.RawQuery != "" || u.ForceQuery:
		return "", errors.New("base_url must not hold a query (" + strconv.Quote(s) + "): pages are files under a path; remove the part from \"?\"")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "", errors.New("base_url must not hold a fragment (" + strconv.Quote(s) + "): remove the part from \"#\"")
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String(), nil
}
