// Package config loads the site configuration file, guidepost.yaml.
package config

import (
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
	Name   string
	URL    string
	Weight int
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
	Lines          map[string]int
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
		"language":     func(v *yaml.Node) { cfg.Language = d.String(v, "language") },
		"review_every": func(v *yaml.Node) { cfg.ReviewEvery = frontmatter.DecodeInterval(d, v, "review_every") },
		"allow_html":   func(v *yaml.Node) { cfg.AllowHTML = d.Bool(v, "allow_html") },
		"highlight": func(v *yaml.Node) {
			d.Mapping(v, "highlight", map[string]yamlx.Field{
				"light": func(v *yaml.Node) { cfg.HighlightLight = d.String(v, "highlight.light") },
				"dark":  func(v *yaml.Node) { cfg.HighlightDark = d.String(v, "highlight.dark") },
			})
		},
		"menus": func(v *yaml.Node) { decodeMenus(d, v, cfg) },
	})
}

func decodeMenus(d *yamlx.Decoder, n *yaml.Node, cfg *Config) {
	if n.Kind != yaml.MappingNode {
		d.Error(n, "menus must be a mapping from menu name to a list of entries, e.g. menus: {main: [{name: Guidance, url: /guidance/}]}")
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		name := n.Content[i].Value
		var entries []MenuEntry
		d.List(n.Content[i+1], "menu "+strconv.Quote(name), func(item *yaml.Node) {
			var e MenuEntry
			d.Mapping(item, "a menu entry", map[string]yamlx.Field{
				"name":   func(v *yaml.Node) { e.Name = d.String(v, "menu entry name") },
				"url":    func(v *yaml.Node) { e.URL = d.String(v, "menu entry url") },
				"weight": func(v *yaml.Node) { e.Weight = d.Int(v, "menu entry weight") },
			})
			if item.Kind == yaml.MappingNode && (e.Name == "" || e.URL == "") {
				d.Error(item, "menu entry needs both `name` and `url`")
			}
			entries = append(entries, e)
		})
		cfg.Menus[name] = entries
	}
}

// NormalizeBaseURL checks that s is an absolute http(s) URL and returns it
// with a trailing slash.
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", errors.New("base_url must be an absolute http(s) URL such as https://example.org/, got " + strconv.Quote(s))
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}
