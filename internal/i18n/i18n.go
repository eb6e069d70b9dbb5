// Package i18n holds the words a theme shows around the content — menus'
// labels, "Last reviewed", verdict names, the search page's and the
// decision tool's messages — in every language a site is written in, and
// formats dates and numbers for that language.
//
// # String files
//
// The strings are YAML files named after a BCP 47 language tag, one per
// language, in an i18n/ folder of each layer of the theme lookup (package
// theme): the site's own i18n/, its theme folder's, the built-in theme's.
// Each top-level key is one string:
//
//	verdict.avoid: Avoid
//	decide.progress: Question {n} of at most {count}
//	search.results:
//	  one: "{count} result for “{query}”"
//	  other: "{count} results for “{query}”"
//
// {name} is a placeholder the layout fills in. A string with forms
// (CLDR's plural categories zero, one, two, few, many, other) is chosen by
// the number given as {count}; a file must give every form its language
// uses (Arabic: zero, one, two, few, many, other; Chinese: other, or a
// plain string).
//
// Layers are merged file by file and key by key: a site's i18n/es.yaml
// that sets only verdict.avoid changes that one string of the built-in
// es.yaml. English (en.yaml, merged the same way) is the reference: it has
// every key there is, and a layer's en.yaml may add keys for its own
// layouts.
//
// # Which file a language uses, and missing strings
//
// A site language uses the file of its tag or, when there is none, of the
// nearest tag it falls back to (pt-BR → pt, zh-TW → zh-Hant → zh, en-GB →
// en). There is no fallback from one file to another for single keys: the
// file a language uses must have every key of en.yaml, else the build
// fails naming the file and the key, and a language with no file fails
// naming the file to create. A page never shows a word of another
// language because a translation forgot it.
package i18n

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/suggest"
	"github.com/guidepost/guidepost/internal/theme"
)

// Dir is the folder of the string files in each layer of a theme.
const Dir = "i18n"

// Reference is the language every key is defined in.
const Reference = "en"

// forms are CLDR's plural categories, as written in string files.
var forms = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

var formNames = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two",
	plural.Few: "few", plural.Many: "many", plural.Other: "other",
}

// message is one string of a file: text, or text by plural form.
type message struct {
	text  string
	forms map[plural.Form]string // nil unless the string has forms
	file  string                 // the file it came from, for messages
	line  int
}

// texts returns every text of the message.
func (m *message) texts() []string {
	if m.forms == nil {
		return []string{m.text}
	}
	var out []string
	for _, f := range slices.Sorted(maps.Keys(m.forms)) {
		out = append(out, m.forms[f])
	}
	return out
}

// strings of one language, the layers merged.
type file struct {
	tag  language.Tag
	name string // the file of the first layer that has it: "i18n/es.yaml"
	msgs map[string]*message
}

// Set is the string files of a theme lookup, merged across its layers.
type Set struct {
	files  map[string]*file // by file name's tag, canonical ("pt-BR")
	broken map[string]bool  // tags of files that could not be read
}

var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// Load reads the string files of every layer of stack, later layers first
// so that earlier ones override them key by key. Problems of the files
// themselves (YAML, file names, unknown keys, placeholders and plural
// forms) are added to diags with file:line; whether a language has all
// its strings is For's to say.
func Load(stack *theme.Stack, diags *diag.List) *Set {
	s := &Set{files: map[string]*file{}, broken: map[string]bool{}}
	for i := len(stack.Layers) - 1; i >= 0; i-- {
		l := stack.Layers[i]
		files, err := stack.Files(Dir, []*theme.Layer{l})
		if err != nil {
			if le, ok := err.(*theme.LinksError); ok {
				for _, e := range le.Links {
					diags.Add(e.Name, 1, e.Message())
				}
			} else {
				diags.Add(l.Prefix+Dir, 0, "cannot read the string files: "+err.Error())
				continue
			}
		}
		for _, f := range files {
			ext := path.Ext(f.Rel)
			if ext != ".yaml" && ext != ".yml" || path.Dir(f.Rel) != Dir {
				continue
			}
			s.read(f, diags)
		}
	}
	s.check(diags)
	return s
}

// read merges one file into the set.
func (s *Set) read(f theme.File, diags *diag.List) {
	name := f.Name()
	base := strings.TrimSuffix(path.Base(f.Rel), path.Ext(f.Rel))
	tag, err := language.Parse(base)
	if err != nil {
		diags.Add(name, 0, "the name is not a language tag: name a string file after its language, as es.yaml or pt-BR.yaml")
		return
	}
	src, err := f.Read()
	if err != nil {
		diags.Add(name, 0, "cannot read: "+err.Error())
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line := 0
		if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
		}
		diags.Add(name, line, "not valid YAML: "+err.Error()+" (put a text holding \": \" in quotes)")
		s.broken[tag.String()] = true
		return
	}
	key := tag.String()
	lf := s.files[key]
	if lf == nil {
		lf = &file{tag: tag, msgs: map[string]*message{}}
		s.files[key] = lf
	}
	lf.name = name
	if len(doc.Content) == 0 || len(bytes.TrimSpace(src)) == 0 {
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		diags.Add(name, root.Line, "a string file is a mapping of keys to strings (verdict.avoid: Avoid)")
		return
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		m := &message{file: name, line: k.Line}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!str" {
				diags.Add(name, v.Line, strconv.Quote(k.Value)+" is not text: put it in quotes")
				continue
			}
			m.text = v.Value
		case yaml.MappingNode:
			m.forms = map[plural.Form]string{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				fk, fv := v.Content[j], v.Content[j+1]
				form, ok := forms[fk.Value]
				if !ok || fv.Kind != yaml.ScalarNode {
					diags.Add(name, fk.Line, strconv.Quote(k.Value)+": "+strconv.Quote(fk.Value)+" is not a plural form: use zero, one, two, few, many and other, each with a text")
					continue
				}
				m.forms[form] = fv.Value
			}
			if _, ok := m.forms[plural.Other]; !ok {
				diags.Add(name, v.Line, strconv.Quote(k.Value)+" has plural forms but no \"other\": add it")
				continue
			}
		default:
			diags.Add(name, v.Line, strconv.Quote(k.Value)+" is neither a text nor plural forms (one: …, other: …)")
			continue
		}
		lf.msgs[k.Value] = m
	}
}

// check compares every file with the reference: keys it does not know,
// placeholders it does not give and plural forms a language needs.
func (s *Set) check(diags *diag.List) {
	ref := s.files[Reference]
	if s.broken[Reference] {
		return // reported; every key would seem unknown
	}
	if ref == nil {
		diags.Add(Dir+"/"+Reference+".yaml", 0, "no English strings: every theme needs "+Dir+"/"+Reference+".yaml")
		return
	}
	keys := slices.Sorted(maps.Keys(ref.msgs))
	for _, tag := range slices.Sorted(maps.Keys(s.files)) {
		lf := s.files[tag]
		needed := pluralForms(lf.tag)
		for _, k := range slices.Sorted(maps.Keys(lf.msgs)) {
			m := lf.msgs[k]
			r := ref.msgs[k]
			if r == nil {
				msg := "unknown key " + strconv.Quote(k) + ": the theme's " + Reference + ".yaml has no such string"
				if c := suggest.Closest(k, keys, 3); c != "" {
					msg += " (did you mean " + strconv.Quote(c) + "?)"
				}
				diags.Add(m.file, m.line, msg)
				continue
			}
			if lf == ref {
				continue
			}
			allowed := map[string]bool{}
			for _, t := range r.texts() {
				for _, p := range placeholder.FindAllStringSubmatch(t, -1) {
					allowed[p[1]] = true
				}
			}
			for _, t := range m.texts() {
				for _, p := range placeholder.FindAllStringSubmatch(t, -1) {
					if !allowed[p[1]] {
						diags.Add(m.file, m.line, strconv.Quote(k)+" uses {"+p[1]+"}, which "+Reference+".yaml does not fill in: use "+names(allowed))
					}
				}
			}
			if m.forms != nil {
				if r.forms == nil {
					diags.Add(m.file, m.line, strconv.Quote(k)+" has plural forms but the theme's "+Reference+".yaml gives it one text: write one text")
					continue
				}
				var missing []string
				for _, f := range needed {
					if _, ok := m.forms[f]; !ok {
						missing = append(missing, formNames[f])
					}
				}
				if len(missing) > 0 {
					var all []string
					for _, f := range needed {
						all = append(all, formNames[f])
					}
					form := " lacks the plural form "
					if len(missing) > 1 {
						form = " lacks the plural forms "
					}
					diags.Add(m.file, m.line, strconv.Quote(k)+form+strings.Join(missing, ", ")+
						" ("+display(lf.tag)+" uses "+strings.Join(all, ", ")+")")
				}
			}
		}
	}
}

func names(set map[string]bool) string {
	if len(set) == 0 {
		return "no placeholder"
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(set)) {
		out = append(out, "{"+k+"}")
	}
	return strings.Join(out, ", ")
}

// pluralForms returns the plural categories whole numbers take in a
// language, as CLDR's rules (golang.org/x/text/feature/plural) give them.
func pluralForms(tag language.Tag) []plural.Form {
	seen := map[plural.Form]bool{}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []plural.Form
	for _, f := range []plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other} {
		if seen[f] {
			out = append(out, f)
		}
	}
	return out
}

func display(tag language.Tag) string {
	b, _ := tag.Base()
	return b.String()
}

// Languages returns the tags of the string files there are, sorted.
func (s *Set) Languages() []string {
	var out []string
	for k := range s.files {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MissingError is the error of For: a language without a string file, or
// a string file without every key.
type MissingError struct {
	File string   // the file that lacks them, or is to be created
	Keys []string // the keys it lacks; none when there is no file
	Lang string   // the language asked for
	Have []string // the languages that have files
}

func (e *MissingError) Error() string {
	if len(e.Keys) == 0 {
		return e.File + ": no strings for language " + strconv.Quote(e.Lang) + ": create " + e.File +
			" with every key of the theme's " + Reference + ".yaml translated (there are string files for " + strings.Join(e.Have, ", ") + ")"
	}
	var b strings.Builder
	for i, k := range e.Keys {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(e.File + ": missing key " + strconv.Quote(k) + " (the theme's " + Reference + ".yaml has it)")
	}
	return b.String()
}

// For returns the strings of language lang: those of the file of its tag,
// or of the nearest tag it falls back to. The error is a *MissingError
// when there is no such file or it lacks keys of en.yaml.
func (s *Set) For(lang string) (*Catalog, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("language %q is not a BCP 47 language tag (en, es, pt-BR): %v", lang, err)
	}
	var lf *file
	for t := tag; ; t = t.Parent() {
		if lf = s.files[t.String()]; lf != nil || t.IsRoot() {
			break
		}
	}
	if lf == nil {
		name := Dir + "/" + tag.String() + ".yaml"
		if b, _ := tag.Base(); b.String() != tag.String() {
			name = Dir + "/" + b.String() + ".yaml"
		}
		return nil, &MissingError{File: name, Lang: lang, Have: s.Languages()}
	}
	if ref := s.files[Reference]; ref != nil && lf != ref {
		var missing []string
		for k := range ref.msgs {
			if lf.msgs[k] == nil {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			sort.Strings(missing)
			return nil, &MissingError{File: lf.name, Keys: missing, Lang: lang}
		}
	}
	c := newCatalog(tag, lf)
	if c.dates == nil {
		return nil, fmt.Errorf("guidepost has no date formats for language %q: use one of %s (or add the language to internal/i18n/gendates)", lang, strings.Join(slices.Sorted(maps.Keys(cldrDates)), ", "))
	}
	return c, nil
}
