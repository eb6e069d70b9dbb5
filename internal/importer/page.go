package importer

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/yamlx"
	"go.yaml.in/yaml/v3"
)

// page is one content file on its way from the source site to the new
// one: its front matter lines, kept as written but for the keys the
// import removes, renames or adds.
type page struct {
	src  string // slash path in the source folder, for the report
	dest string // slash path in the new site ("content/…")

	format   byte     // '-' YAML, '+' TOML, 0 for a file without front matter
	fm       []string // front matter lines, without the fences
	body     []byte
	bodyLine int // the source line the body starts at
	root     *yaml.Node

	drop    map[string]bool
	rename  map[string]string
	adds    []addition
	newBody []byte // when the body was converted
}

type addition struct {
	key   string
	value any // string, int, bool, []string
}

// readPage splits src into front matter and body. A front matter that
// is not valid YAML or TOML is reported and the page is copied as it is.
func readPage(srcPath, dest string, src []byte, r *Report) *page {
	p := &page{src: srcPath, dest: dest, drop: map[string]bool{}, rename: map[string]string{}}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 {
		first := strings.TrimRight(lines[0], " \t\r\n")
		if first == "---" || first == "+++" {
			for i := 1; i < len(lines); i++ {
				if strings.TrimRight(lines[i], " \t\r\n") == first {
					p.format = first[0]
					for _, l := range lines[1:i] {
						p.fm = append(p.fm, strings.TrimRight(l, "\r\n"))
					}
					p.body = []byte(strings.Join(lines[i+1:], ""))
					p.bodyLine = i + 2
					break
				}
			}
		}
	}
	if p.format == 0 {
		p.body = src
		p.bodyLine = 1
		return p
	}
	var diags diag.List
	d := &yamlx.Decoder{File: srcPath, LineOffset: 1, Diags: &diags}
	text := []byte(strings.Join(p.fm, "\n") + "\n")
	if p.format == '+' {
		p.root = d.ParseTOML(text)
	} else {
		p.root = d.Parse(text)
	}
	for _, e := range diags {
		r.add(e.File, e.Line, e.Message+": fix it in the new site")
	}
	if p.root != nil && p.root.Kind != yaml.MappingNode {
		p.root = nil
	}
	return p
}

// get returns the value of a top-level front matter key, or nil.
func (p *page) get(key string) *yaml.Node {
	if p.root == nil {
		return nil
	}
	for i := 0; i+1 < len(p.root.Content); i += 2 {
		if p.root.Content[i].Value == key {
			v := p.root.Content[i+1]
			if v.Kind == yaml.AliasNode {
				v = v.Alias
			}
			return v
		}
	}
	return nil
}

// has reports whether the front matter sets key, or the import adds it.
func (p *page) has(key string) bool {
	if p.get(key) != nil && !p.drop[key] {
		return true
	}
	for old, k := range p.rename {
		if k == key && !p.drop[old] {
			return true
		}
	}
	return slices.ContainsFunc(p.adds, func(a addition) bool { return a.key == key })
}

// line returns the source file line of a top-level key, or the first
// line.
func (p *page) line(key string) int {
	if p.root != nil {
		for i := 0; i+1 < len(p.root.Content); i += 2 {
			if p.root.Content[i].Value == key {
				return p.root.Content[i].Line + 1
			}
		}
	}
	return 1
}

// keys returns the top-level keys in the order written.
func (p *page) keys() []string {
	var out []string
	if p.root != nil {
		for i := 0; i+1 < len(p.root.Content); i += 2 {
			out = append(out, p.root.Content[i].Value)
		}
	}
	return out
}

// str returns a scalar top-level value as text.
func (p *page) str(key string) string {
	if v := p.get(key); v != nil && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		return v.Value
	}
	return ""
}

// strs returns a scalar or a list of scalars as a list.
func (p *page) strs(key string) []string {
	v := p.get(key)
	switch {
	case v == nil:
		return nil
	case v.Kind == yaml.ScalarNode && v.Tag != "!!null":
		return []string{v.Value}
	case v.Kind == yaml.SequenceNode:
		var out []string
		for _, c := range v.Content {
			if c.Kind == yaml.ScalarNode {
				out = append(out, c.Value)
			}
		}
		return out
	}
	return nil
}

func (p *page) add(key string, value any) {
	if !p.has(key) {
		p.adds = append(p.adds, addition{key, value})
	}
}

// bytes returns the page as the new site has it.
func (p *page) bytes() []byte {
	body := p.body
	if p.newBody != nil {
		body = p.newBody
	}
	if p.format == 0 && len(p.adds) == 0 {
		return body
	}
	format := p.format
	if format == 0 {
		format = '-'
	}
	var b bytes.Buffer
	fence := strings.Repeat(string(format), 3)
	b.WriteString(fence + "\n")
	for _, a := range p.adds {
		b.WriteString(formatKey(format, a.key, a.value) + "\n")
	}
	// A key's lines run from its line to the next key's: removed keys
	// take theirs with them.
	starts := map[int]string{}
	if p.root != nil {
		for i := 0; i+1 < len(p.root.Content); i += 2 {
			starts[p.root.Content[i].Line-1] = p.root.Content[i].Value
		}
	}
	current := ""
	for i, l := range p.fm {
		if k, ok := starts[i]; ok {
			current = k
			if nk, ok := p.rename[k]; ok && !p.drop[k] {
				l = renameKey(l, k, nk)
			}
		}
		if p.drop[current] {
			continue
		}
		b.WriteString(l + "\n")
	}
	b.WriteString(fence + "\n")
	b.Write(body)
	return b.Bytes()
}

// renameKey writes the key of a front matter line under another name.
func renameKey(line, old, key string) string {
	trimmed := strings.TrimLeft(line, " \t")
	indent := line[:len(line)-len(trimmed)]
	for _, q := range []string{"", `"`, "'"} {
		if rest, ok := strings.CutPrefix(trimmed, q+old+q); ok {
			return indent + key + rest
		}
	}
	return line
}

// formatKey writes `key: value` (YAML) or `key = value` (TOML).
func formatKey(format byte, key string, v any) string {
	var val string
	switch x := v.(type) {
	case string:
		val = strconv.Quote(x)
	case int:
		val = strconv.Itoa(x)
	case bool:
		val = strconv.FormatBool(x)
	case date:
		val = string(x)
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = strconv.Quote(s)
		}
		val = "[" + strings.Join(q, ", ") + "]"
	}
	if format == '+' {
		return key + " = " + val
	}
	return key + ": " + val
}

// date is a YYYY-MM-DD date, written unquoted.
type date string
