// Package frontmatter splits a content file into its front matter (YAML
// between --- lines, or TOML between +++ lines as Hugo writes it) and
// Markdown body and decodes the front matter into typed fields, reporting
// every problem with the line of the content file it concerns.
//
// Besides guidepost's own fields it reads the fields Hugo, Jekyll and
// MkDocs made standard (description, lastmod, publishDate, expiryDate,
// slug, url, linkTitle, keywords, author(s), images, toc, type, sitemap,
// categories, params, …), with the meaning those tools give them.
package frontmatter

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/suggest"
	"github.com/guidepost/guidepost/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// Source is a reference cited by a page: the decision engine's type, so a
// tree's outcomes take their pages' sources as they are.
type Source = decision.Source

// Reviewer is who reviewed a page: reviewed_by in its front matter.
type Reviewer struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
}

// Option is one answer of a decision-tree question: the decision engine's
// type, with Pos.Line set to the line of its `- label:` entry (the site
// sets Pos.File).
type Option = decision.Option

// Scenario is a decision-tree test case, the decision engine's type, with
// Pos.Line set to the line of its `- answers:` entry.
type Scenario = decision.Scenario

// FrontMatter holds every field a content file may set.
type FrontMatter struct {
	Title    string
	Summary  string
	Date     time.Time
	Reviewed time.Time
	// ReviewedBy names who did the review of Reviewed.
	ReviewedBy    []Reviewer
	ReviewEvery   Interval
	Draft         bool
	Weight        int
	Tags          []string
	Jurisdictions []string
	Aliases       []string
	AliasLines    []int `json:"-"` // the line of each of Aliases
	Sources       []Source
	Layout        string
	// SearchWeight multiplies the page's rank in search; 0 leaves the
	// page out of search. Nil when the page does not set it.
	SearchWeight *float64

	// The fields of Hugo, Jekyll and MkDocs. Description is the meta
	// description, and the summary when Summary is empty.
	Description string
	Lastmod     time.Time
	// PublishDate: the page is left out of builds before it.
	PublishDate time.Time
	// ExpiryDate: the page is left out of builds from it on.
	ExpiryDate time.Time
	// Slug replaces the last part of the page's URL; URL replaces the
	// whole URL path.
	Slug, URL string
	// LinkTitle is the shorter title of links to the page (menus,
	// breadcrumbs, lists); "" uses Title.
	LinkTitle string
	Keywords  []string
	Authors   []string
	// Images are the page's images for sharing (OpenGraph); the first is
	// og:image. ImageLines holds the line of each.
	Images     []string
	ImageLines []int `json:"-"`
	// TOC turns the page's table of contents on or off; nil leaves the
	// layout's default.
	TOC *bool
	// Type is the page's content type: layouts/<type>/single.html is
	// looked up before the section's.
	Type string
	// TranslationKey links a page to its translations when their file
	// names differ (see docs/languages.md).
	TranslationKey string
	// TranslationStatus says whether a translation has been reviewed by
	// someone fluent in its language: "unreviewed" (the theme shows a
	// note) or "reviewed"; "" on an original.
	TranslationStatus string
	Sitemap           SitemapOptions
	Categories        []string
	// Terms holds the terms of the taxonomies a site adds in
	// guidepost.yaml, by taxonomy (plural) name.
	Terms map[string][]string `json:",omitempty"`
	// Params are the custom fields: the mapping under `params:` and the
	// top-level keys the site declares in guidepost.yaml
	// (front_matter: {extra: […]}), as templates see them in .Params.
	Params map[string]any `json:",omitempty"`
	// Unknown are the top-level keys that are no field of every site, as
	// ParseOpen leaves them for Resolve.
	Unknown []UnknownKey `json:"-"`

	// Decision-tree fields: Start and Scenarios on a tree's _index.md,
	// Options and Help on a question, Verdict and Safeguards on an outcome.
	Start      string
	Scenarios  []Scenario
	Options    []Option
	Help       string
	Verdict    string
	Safeguards []string

	// Lines maps each key present to its line in the content file.
	Lines map[string]int
}

// SitemapOptions are a page's `sitemap:` settings, as Hugo has them.
type SitemapOptions struct {
	Disable    bool
	Priority   *float64 `json:",omitempty"`
	ChangeFreq string   `json:",omitempty"`
}

// BuiltinTaxonomies are the taxonomies whose terms have fields of their
// own in FrontMatter.
var BuiltinTaxonomies = []string{"tags", "jurisdictions", "categories"}

// TermsOf returns the page's terms of the taxonomy named (plural) name.
// Keywords and authors may be taxonomies too, as in Hugo sites.
func (fm *FrontMatter) TermsOf(name string) []string {
	switch name {
	case "tags":
		return fm.Tags
	case "jurisdictions":
		return fm.Jurisdictions
	case "categories":
		return fm.Categories
	case "keywords":
		return fm.Keywords
	case "authors":
		return fm.Authors
	}
	return fm.Terms[name]
}

// Vocabulary is what a site adds, in guidepost.yaml, to the keys front
// matter may hold.
type Vocabulary struct {
	// Taxonomies are the plural names of the site's taxonomies; those
	// without a field of their own (see TermsOf) are decoded into Terms.
	Taxonomies []string
	// Extra are top-level keys the site declares; their values reach
	// templates in Params.
	Extra []string
}

// Line returns the line of key in the file, or the first line when the key
// is absent.
func (fm *FrontMatter) Line(key string) int {
	if l, ok := fm.Lines[key]; ok {
		return l
	}
	return 1
}

// Document is a content file split into front matter and body.
type Document struct {
	FrontMatter FrontMatter
	Body        []byte
	BodyLine    int // number of file lines before Body
}

var bom = []byte("\xef\xbb\xbf")

// Parse splits and decodes src, the contents of file, with the keys every
// site accepts. Problems are added to diags; the returned Document is
// usable for further checks either way.
func Parse(file string, src []byte, diags *diag.List) *Document {
	return ParseWith(file, src, diags, nil)
}

// ParseWith is Parse for a site whose guidepost.yaml adds taxonomies and
// custom keys (vocab may be nil).
func ParseWith(file string, src []byte, diags *diag.List, vocab *Vocabulary) *Document {
	return parse(file, src, diags, vocab, false)
}

// ParseOpen is Parse that keeps the keys that are not fields of every
// site in FrontMatter.Unknown, unreported, for Resolve to decode once the
// site's vocabulary is known. A site's pages are parsed so, and their
// parse kept while guidepost.yaml changes.
func ParseOpen(file string, src []byte, diags *diag.List) *Document {
	return parse(file, src, diags, nil, true)
}

func parse(file string, src []byte, diags *diag.List, vocab *Vocabulary, deferred bool) *Document {
	doc := &Document{}
	if !utf8.Valid(src) {
		line := 1 + bytes.Count(src[:firstInvalid(src)], []byte("\n"))
		diags.Add(file, line, "file is not valid UTF-8 text: save it as UTF-8 (is it a binary file with a .md name?)")
		return doc
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		diags.Add(file, line, "file holds a NUL byte, so it is not text: is it a binary file with a .md name? Rename it or save it as UTF-8 text")
		return doc
	}
	src = bytes.TrimPrefix(src, bom)
	fmSrc, body, bodyLine, ok := split(src)
	isTOML := false
	if !ok && bytes.HasPrefix(src, []byte("+++")) {
		fmSrc, body, bodyLine, ok = splitFence(src, "+++")
		isTOML = true
	}
	if !ok {
		if len(bytes.TrimSpace(src)) == 0 {
			diags.Add(file, 1, "file is empty: add front matter with at least a title, e.g. ---\\ntitle: My page\\n---")
		} else if bytes.HasPrefix(src, []byte("+++")) {
			diags.Add(file, 1, "TOML front matter is not closed: add a line with only +++ after the last front matter line")
		} else if bytes.HasPrefix(src, []byte("---")) {
			diags.Add(file, 1, "front matter is not closed: add a line with only --- after the last front matter line")
		} else {
			diags.Add(file, 1, "missing front matter: start the file with a --- line, then `title: …`, then another --- line")
		}
		return doc
	}
	doc.Body, doc.BodyLine = body, bodyLine
	if i := loneCR(fmSrc); i >= 0 {
		line := 2 + bytes.Count(fmSrc[:i], []byte("\n"))
		diags.Add(file, line, "front matter line ends in a lone carriage return (old Mac line endings): save the file with LF or CRLF line endings")
		return doc
	}
	d := &yamlx.Decoder{File: file, LineOffset: 1, Diags: diags}
	before := len(*diags)
	var n *yaml.Node
	if isTOML {
		n = d.ParseTOML(fmSrc)
	} else {
		n = d.Parse(fmSrc)
	}
	if n == nil && len(*diags) > before {
		return doc // invalid YAML or TOML: its error is enough, the title may be there
	}
	decode(d, n, &doc.FrontMatter)
	if !deferred {
		doc.FrontMatter.Resolve(file, vocab, diags)
	}
	if doc.FrontMatter.Title == "" {
		line := doc.FrontMatter.Line("title")
		if line == 1 {
			line = 2
		}
		diags.Add(file, line, "missing title: add `title: …` to the front matter")
	}
	return doc
}

// loneCR returns the index of the first \r not followed by \n, or -1.
// YAML ends a line there but the rest of guidepost counts \n only, so
// reported lines would not match the file.
func loneCR(b []byte) int {
	for i, c := range b {
		if c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			return i
		}
	}
	return -1
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// split returns the front matter between the opening and closing `---`
// lines, the body after it and the number of lines before the body.
// CRLF line endings are accepted.
func split(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	return splitFence(src, "---")
}

// splitFence is split with another fence line, such as TOML's +++.
func splitFence(src []byte, fence string) (fm, body []byte, bodyLine int, ok bool) {
	first, _, found := bytes.Cut(src, []byte("\n"))
	if !found || string(bytes.TrimRight(first, " \t\r")) != fence {
		return nil, nil, 0, false
	}
	line := 1
	start := len(first) + 1
	for off := start; off <= len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		var l []byte
		if end < 0 {
			l = src[off:]
		} else {
			l = src[off : off+end]
		}
		line++
		if string(bytes.TrimRight(l, " \t\r")) == fence {
			fm = src[start:off]
			if end < 0 {
				return fm, nil, line, true
			}
			return fm, src[off+end+1:], line, true
		}
		if end < 0 {
			break
		}
		off += end + 1
	}
	return nil, nil, 0, false
}

// fieldDecoder decodes one front matter field's value into fm.
type fieldDecoder func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node)

// standardFields are the decoders of the fields every site has, made
// once: decode binds the ones a page uses.
var standardFields = map[string]fieldDecoder{
	"title":       func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Title = d.String(v, "title") },
	"summary":     func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Summary = d.String(v, "summary") },
	"date":        func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Date = d.Date(v, "date") },
	"reviewed":    func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Reviewed = d.Date(v, "reviewed") },
	"reviewed_by": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.ReviewedBy = decodeReviewers(d, v) },
	"review_every": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.ReviewEvery = DecodeInterval(d, v, "review_every")
	},
	"draft":  func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Draft = d.Bool(v, "draft") },
	"weight": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Weight = d.Int(v, "weight") },
	"tags":   func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Tags = d.Strings(v, "tags") },
	"jurisdictions": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.Jurisdictions = d.Strings(v, "jurisdictions")
	},
	"aliases": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.Aliases, fm.AliasLines = d.Strings(v, "aliases"), scalarLines(d, v)
	},
	"sources": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Sources = decodeSources(d, v) },
	"layout":  func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Layout = d.String(v, "layout") },
	"search_weight": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		w := d.Number(v, "search_weight (0 leaves the page out of search, 1 is the default)", 0, 10)
		fm.SearchWeight = &w
	},
	"start":      func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Start = d.String(v, "start") },
	"scenarios":  func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Scenarios = decodeScenarios(d, v) },
	"options":    func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Options = decodeOptions(d, v) },
	"help":       func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Help = d.String(v, "help") },
	"verdict":    func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Verdict = d.String(v, "verdict") },
	"safeguards": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Safeguards = d.Strings(v, "safeguards") },

	// The fields Hugo, Jekyll and MkDocs made standard.
	"description": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Description = d.String(v, "description") },
	"lastmod":     func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Lastmod = d.Date(v, "lastmod") },
	"publishDate": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.PublishDate = d.Date(v, "publishDate") },
	"expiryDate":  func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.ExpiryDate = d.Date(v, "expiryDate") },
	"slug":        func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Slug = d.String(v, "slug") },
	"url":         func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.URL = d.String(v, "url") },
	"linkTitle":   func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.LinkTitle = d.String(v, "linkTitle") },
	"keywords":    func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Keywords = d.Strings(v, "keywords") },
	"author": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.Authors = append(fm.Authors, d.Strings(v, "author")...)
	},
	"authors": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.Authors = append(fm.Authors, d.Strings(v, "authors")...)
	},
	"images": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.Images, fm.ImageLines = d.Strings(v, "images"), scalarLines(d, v)
	},
	"toc": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		on := d.Bool(v, "toc")
		fm.TOC = &on
	},
	"type": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Type = d.String(v, "type") },
	"translationKey": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.TranslationKey = d.String(v, "translationKey")
	},
	"translation_status": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		fm.TranslationStatus = d.String(v, "translation_status")
		if fm.TranslationStatus != "unreviewed" && fm.TranslationStatus != "reviewed" {
			d.Error(v, "translation_status must be unreviewed (the page shows that no one fluent in its language has reviewed the translation yet) or reviewed, got "+strconv.Quote(fm.TranslationStatus))
			fm.TranslationStatus = ""
		}
	},
	"sitemap":    func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Sitemap = decodeSitemap(d, v) },
	"categories": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) { fm.Categories = d.Strings(v, "categories") },
	"params": func(d *yamlx.Decoder, fm *FrontMatter, v *yaml.Node) {
		if isNull(v) {
			return
		}
		if v.Kind != yaml.MappingNode {
			d.Error(v, "params must be a mapping of your own fields, e.g. params: {audience: clinicians}")
			return
		}
		var m map[string]any
		if err := v.Decode(&m); err != nil {
			d.Error(v, "params cannot be read: "+err.Error())
			return
		}
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		for k, val := range m {
			fm.Params[k] = val
		}
	},
}

// fieldNames are the fields every site has, sorted.
var fieldNames = func() []string {
	var out []string
	for k := range standardFields {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}()

// fieldAliases are other spellings of standard fields: Hugo reads its
// front matter keys whatever their case, and sites written for older Hugo
// spell these in lower case or by their aliases.
var fieldAliases = map[string]string{
	"publishdate": "publishDate", "pubdate": "publishDate",
	"expirydate": "expiryDate", "unpublishdate": "expiryDate",
	"linktitle": "linkTitle", "translationkey": "translationKey",
	"modified": "lastmod",
}

func decode(d *yamlx.Decoder, n *yaml.Node, fm *FrontMatter) {
	fields := map[string]yamlx.Field{}
	if n != nil && n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			fields[k.Value] = fieldFor(d, n, fm, k)
		}
	}
	fm.Lines = d.Mapping(n, "front matter", fields)
}

// fieldFor returns the decoder of the front matter key k of mapping n.
func fieldFor(d *yamlx.Decoder, n *yaml.Node, fm *FrontMatter, k *yaml.Node) yamlx.Field {
	key := k.Value
	// Keys of Hugo, Jekyll and MkDocs that have no meaning here: say what
	// to do instead of only "unknown".
	if hint, ok := notCarried[key]; ok {
		return func(v *yaml.Node) { d.Error(keyNode(n, key, v), "`"+key+"` "+hint) }
	}
	if canonical, ok := fieldAliases[key]; ok {
		key = canonical
	}
	if decode, ok := standardFields[key]; ok {
		return func(v *yaml.Node) { decode(d, fm, v) }
	}
	// Other keys may be the site's own (a taxonomy or a custom key its
	// guidepost.yaml declares): they are kept, and Resolve reports the
	// ones the site's vocabulary does not know.
	return func(v *yaml.Node) {
		fm.Unknown = append(fm.Unknown, UnknownKey{Key: k.Value, Line: d.Line(k), Value: v})
	}
}

// UnknownKey is a top-level front matter key that is not a field every
// site has: a taxonomy or custom key of the site, or a mistake.
type UnknownKey struct {
	Key   string
	Line  int        // in the content file
	Value *yaml.Node // its lines are front matter lines (the file's, less 1)
}

// Resolve decodes the page's unknown keys with the site's vocabulary: a
// taxonomy's terms go to Terms, a custom key's value to Params. Any other
// is reported as an unknown key with the key it probably meant. Resolve
// replaces Terms and Params rather than change the maps the front matter
// shares with its parsed copy.
func (fm *FrontMatter) Resolve(file string, vocab *Vocabulary, diags *diag.List) {
	if len(fm.Unknown) == 0 {
		return
	}
	d := &yamlx.Decoder{File: file, LineOffset: 1, Diags: diags}
	var terms map[string][]string
	params := maps.Clone(fm.Params)
	var taxonomies, extra []string
	if vocab != nil {
		taxonomies, extra = vocab.Taxonomies, vocab.Extra
	}
	for _, u := range fm.Unknown {
		switch {
		case slices.Contains(taxonomies, u.Key):
			if terms == nil {
				terms = maps.Clone(fm.Terms)
				if terms == nil {
					terms = map[string][]string{}
				}
			}
			terms[u.Key] = d.Strings(u.Value, u.Key)
		case slices.Contains(extra, u.Key):
			var val any
			if err := u.Value.Decode(&val); err != nil {
				d.Error(u.Value, u.Key+" cannot be read: "+err.Error())
				continue
			}
			if params == nil {
				params = map[string]any{}
			}
			params[u.Key] = val
		default:
			known := slices.Concat(fieldNames, taxonomies, extra)
			msg := "unknown key " + strconv.Quote(u.Key) + " in front matter"
			if c := suggest.Closest(u.Key, known, 2); c != "" {
				msg += ": did you mean " + strconv.Quote(c) + "?"
			} else {
				msg += ": put your own fields under params:, or declare the key in guidepost.yaml (front_matter: {extra: [" + u.Key + "]})"
			}
			diags.Add(file, u.Line, msg)
		}
	}
	if terms != nil {
		fm.Terms = terms
	}
	fm.Params = params
}

// keyNode returns the key node of value v in the mapping n, or v.
func keyNode(n *yaml.Node, key string, v *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i]
		}
	}
	return v
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// decodeSitemap decodes `sitemap: {disable, priority, changefreq}`.
func decodeSitemap(d *yamlx.Decoder, n *yaml.Node) SitemapOptions {
	var o SitemapOptions
	d.Mapping(n, "sitemap", map[string]yamlx.Field{
		"disable": func(v *yaml.Node) { o.Disable = d.Bool(v, "sitemap.disable") },
		"priority": func(v *yaml.Node) {
			before := len(*d.Diags)
			if p := d.Number(v, "sitemap.priority", 0, 1); len(*d.Diags) == before {
				o.Priority = &p
			}
		},
		"changefreq": func(v *yaml.Node) {
			o.ChangeFreq = d.String(v, "sitemap.changefreq")
			switch o.ChangeFreq {
			case "", "always", "hourly", "daily", "weekly", "monthly", "yearly", "never":
			default:
				d.Error(v, "sitemap.changefreq must be one of always, hourly, daily, weekly, monthly, yearly, never, got "+strconv.Quote(o.ChangeFreq))
				o.ChangeFreq = ""
			}
		},
	})
	return o
}

// notCarried are keys other generators read that guidepost does not,
// with what to write instead.
var notCarried = map[string]string{
	"menu":          "is Hugo's menu entry: guidepost's menus are in guidepost.yaml (menus:); remove it",
	"cascade":       "is Hugo's: guidepost does not pass front matter down to other pages; set the fields on each page",
	"outputs":       "is Hugo's: guidepost writes HTML pages only; remove it",
	"resources":     "is Hugo's: link a bundle's files from the Markdown instead; remove it",
	"build":         "is Hugo's: use draft: true to leave a page out; remove it",
	"headless":      "is Hugo's: guidepost publishes every page that is not a draft; remove it",
	"markup":        "is Hugo's: guidepost reads Markdown only; remove it",
	"permalink":     "is Jekyll's: write url: /the/path/ instead",
	"published":     "is Jekyll's: write draft: true to leave the page out",
	"redirect_from": "is Jekyll's: write aliases: [/old/path/] instead",
	"excerpt":       "is Jekyll's: write summary: … instead",
	"category":      "is Jekyll's: write categories: [name] instead",
	"hide":          "is MkDocs Material's: write toc: false to hide the table of contents; remove it",
	"template":      "is MkDocs': write layout: NAME for a layout of layouts/NAME.html instead",
}

// decodeReviewers decodes reviewed_by: a name, a mapping {name, role}, or
// a list of either.
func decodeReviewers(d *yamlx.Decoder, n *yaml.Node) []Reviewer {
	one := func(item *yaml.Node) (Reviewer, bool) {
		var r Reviewer
		switch item.Kind {
		case yaml.ScalarNode:
			r.Name = strings.TrimSpace(d.String(item, "reviewed_by"))
		case yaml.MappingNode:
			d.Mapping(item, "reviewed_by", map[string]yamlx.Field{
				"name": func(v *yaml.Node) { r.Name = strings.TrimSpace(d.String(v, "reviewer name")) },
				"role": func(v *yaml.Node) { r.Role = strings.TrimSpace(d.String(v, "reviewer role")) },
			})
		default:
			d.Error(item, "reviewed_by must name who reviewed the page: a name, {name: …, role: …}, or a list of them")
			return r, false
		}
		if r.Name == "" {
			d.Error(item, "reviewed_by has no name: write reviewed_by: {name: Dr A. Patel, role: Clinical safety officer}")
			return r, false
		}
		return r, true
	}
	var out []Reviewer
	if n.Kind == yaml.SequenceNode {
		for _, item := range n.Content {
			if r, ok := one(item); ok {
				out = append(out, r)
			}
		}
		return out
	}
	if r, ok := one(n); ok {
		out = append(out, r)
	}
	return out
}

func decodeSources(d *yamlx.Decoder, n *yaml.Node) []Source {
	var out []Source
	d.List(n, "sources", func(item *yaml.Node) {
		s := Source{Line: d.Line(item)}
		d.Mapping(item, "a source", map[string]yamlx.Field{
			"title": func(v *yaml.Node) { s.Title = d.String(v, "source title") },
			"url": func(v *yaml.Node) {
				s.URL = d.String(v, "source url")
				s.Line = d.Line(v)
			},
			"publisher": func(v *yaml.Node) { s.Publisher = d.String(v, "source publisher") },
			"date":      func(v *yaml.Node) { s.Date = d.String(v, "source date") },
		})
		if item.Kind == yaml.MappingNode && s.Title == "" {
			d.Error(item, "source has no title: add `title: …` to this source")
		}
		out = append(out, s)
	})
	return out
}

// scalarLines returns the line of each string yamlx.Decoder.Strings
// decodes from n, in the same order.
func scalarLines(d *yamlx.Decoder, n *yaml.Node) []int {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []int{d.Line(n)}
	case yaml.SequenceNode:
		var out []int
		for _, item := range n.Content {
			if item.Kind == yaml.ScalarNode {
				out = append(out, d.Line(item))
			}
		}
		return out
	}
	return nil
}

func decodeOptions(d *yamlx.Decoder, n *yaml.Node) []Option {
	var out []Option
	d.List(n, "options", func(item *yaml.Node) {
		o := Option{Pos: decision.Pos{Line: d.Line(item)}}
		d.Mapping(item, "an option", map[string]yamlx.Field{
			"label": func(v *yaml.Node) { o.Label = d.String(v, "option label") },
			"next":  func(v *yaml.Node) { o.Next = d.String(v, "option next") },
		})
		out = append(out, o)
	})
	return out
}

func decodeScenarios(d *yamlx.Decoder, n *yaml.Node) []Scenario {
	var out []Scenario
	d.List(n, "scenarios", func(item *yaml.Node) {
		s := Scenario{Pos: decision.Pos{Line: d.Line(item)}}
		d.Mapping(item, "a scenario", map[string]yamlx.Field{
			"name":    func(v *yaml.Node) { s.Name = d.String(v, "scenario name") },
			"answers": func(v *yaml.Node) { s.Answers = d.Strings(v, "scenario answers") },
			"expect":  func(v *yaml.Node) { s.Expect = d.String(v, "scenario expect") },
		})
		if item.Kind == yaml.MappingNode && s.Expect == "" {
			d.Error(item, "scenario has no expect: add `expect: <outcome id>`")
		}
		out = append(out, s)
	})
	return out
}

// Interval is a review interval such as 12mo, 2y or 90d.
type Interval struct {
	Years, Months, Days int
}

// IsZero reports whether no interval was set.
func (i Interval) IsZero() bool { return i == Interval{} }

// After returns t plus the interval.
func (i Interval) After(t time.Time) time.Time { return t.AddDate(i.Years, i.Months, i.Days) }

// String returns the interval as written, e.g. "12mo".
func (i Interval) String() string {
	switch {
	case i.Years != 0:
		return strconv.Itoa(i.Years) + "y"
	case i.Months != 0:
		return strconv.Itoa(i.Months) + "mo"
	default:
		return strconv.Itoa(i.Days) + "d"
	}
}

// MaxIntervalYears bounds review intervals: a page reviewed less often
// than every ten years has no review schedule to speak of, and the bound
// keeps the due dates computed from an interval in range.
const MaxIntervalYears = 10

// ParseInterval parses "12mo", "1y", "6w" or "90d": a whole number of
// units, more than zero and at most MaxIntervalYears.
func ParseInterval(s string) (Interval, bool) {
	for _, u := range []struct {
		suffix string
		max    int
	}{
		{"mo", 12 * MaxIntervalYears},
		{"y", MaxIntervalYears},
		{"w", 52 * MaxIntervalYears},
		{"d", 365 * MaxIntervalYears},
	} {
		num, ok := bytes.CutSuffix([]byte(s), []byte(u.suffix))
		if !ok {
			continue
		}
		n, err := strconv.Atoi(string(num))
		if err != nil || n <= 0 || n > u.max {
			return Interval{}, false
		}
		switch u.suffix {
		case "mo":
			return Interval{Months: n}, true
		case "y":
			return Interval{Years: n}, true
		case "w":
			return Interval{Days: 7 * n}, true
		default:
			return Interval{Days: n}, true
		}
	}
	return Interval{}, false
}

// DecodeInterval decodes a review interval such as 12mo. A bad one is
// reported and decodes to the zero Interval.
func DecodeInterval(d *yamlx.Decoder, n *yaml.Node, name string) Interval {
	if n.Kind != yaml.ScalarNode {
		d.String(n, name) // reports the wrong type
		return Interval{}
	}
	s := d.String(n, name)
	iv, ok := ParseInterval(s)
	if !ok {
		d.Error(n, name+" must be a period like 12mo, 2y, 6w or 90d, from 1d to "+strconv.Itoa(MaxIntervalYears)+"y, got "+strconv.Quote(s))
	}
	return iv
}
