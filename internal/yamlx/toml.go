package yamlx

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"go.yaml.in/yaml/v3"
)

// ParseTOML parses src as a TOML document (Hugo's and Zola's front matter
// between +++ lines, Hugo's config.toml) into the tree of YAML nodes that
// Parse would return for the same data, with each key and value at its
// TOML line, so that one set of field decoders, with its messages, serves
// both. Syntax errors and redefined keys are reported with their line. An
// empty document yields a nil node.
//
// The document is first decoded by go-toml, which checks the rules the
// syntax alone does not (a key or table defined twice); its parser, which
// keeps every node's place in the input, then builds the tree.
func (d *Decoder) ParseTOML(src []byte) *yaml.Node {
	var check map[string]any
	if err := toml.Unmarshal(src, &check); err != nil {
		line, msg := 1, err.Error()
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
			msg = de.Error()
			if k := strings.Join(de.Key(), "."); k != "" && !strings.Contains(msg, k) {
				msg += " (key " + k + ")"
			}
		}
		msg = strings.TrimPrefix(msg, "toml: ")
		d.Diags.Add(d.File, line+d.LineOffset, "invalid TOML: "+msg+" (quote text values, write dates as 2024-01-02, and lists as [\"a\", \"b\"])")
		return nil
	}
	p := &unstable.Parser{}
	p.Reset(src)
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	current := root
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			parent, key, line := tomlWalk(p, current, e.Key())
			setKey(parent, key, line, tomlValue(p, e.Value(), line))
		case unstable.Table:
			parent, key, line := tomlWalk(p, root, e.Key())
			current = childMapping(parent, key, line)
		case unstable.ArrayTable:
			parent, key, line := tomlWalk(p, root, e.Key())
			seq := lookup(parent, key)
			if seq == nil || seq.Kind != yaml.SequenceNode {
				seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
				setKey(parent, key, line, seq)
			}
			item := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
			seq.Content = append(seq.Content, item)
			current = item
		}
	}
	if err := p.Error(); err != nil {
		// go-toml accepted the document above, so this is not expected;
		// report it all the same rather than build half a tree.
		d.Diags.Add(d.File, 1+d.LineOffset, "invalid TOML: "+err.Error())
		return nil
	}
	if len(root.Content) == 0 {
		return nil
	}
	return root
}

// tomlWalk follows a dotted key from m, making the mappings it passes
// through, and returns the mapping that holds its last part, that part and
// the key's line.
func tomlWalk(p *unstable.Parser, m *yaml.Node, it unstable.Iterator) (*yaml.Node, string, int) {
	var parts []string
	line := 1
	for it.Next() {
		n := it.Node()
		parts = append(parts, string(n.Data))
		if len(parts) == 1 {
			line = tomlLine(p, n, 1)
		}
	}
	for _, part := range parts[:len(parts)-1] {
		m = childMapping(m, part, line)
	}
	return m, parts[len(parts)-1], line
}

// childMapping returns the mapping at key in m, made when absent. Past an
// array of tables, it is the array's last table, as TOML has it.
func childMapping(m *yaml.Node, key string, line int) *yaml.Node {
	v := lookup(m, key)
	if v != nil && v.Kind == yaml.SequenceNode && len(v.Content) > 0 {
		v = v.Content[len(v.Content)-1]
	}
	if v != nil && v.Kind == yaml.MappingNode {
		return v
	}
	v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
	setKey(m, key, line, v)
	return v
}

func lookup(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func setKey(m *yaml.Node, key string, line int, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	k := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key, Line: line}
	m.Content = append(m.Content, k, v)
}

// tomlLine returns the line of n in the document, or fallback for a node
// that keeps no place (containers do not).
func tomlLine(p *unstable.Parser, n *unstable.Node, fallback int) int {
	if n.Raw.Length == 0 && n.Raw.Offset == 0 {
		return fallback
	}
	return p.Shape(n.Raw).Start.Line
}

// tomlValue converts a TOML value into a YAML node. Numbers are written
// plainly (no 1_000 or 0x), dates as written with T between date and time.
func tomlValue(p *unstable.Parser, n *unstable.Node, line int) *yaml.Node {
	line = tomlLine(p, n, line)
	out := &yaml.Node{Kind: yaml.ScalarNode, Line: line}
	switch n.Kind {
	case unstable.String:
		out.Tag, out.Value = "!!str", string(n.Data)
	case unstable.Bool:
		out.Tag, out.Value = "!!bool", string(n.Data)
	case unstable.Integer:
		out.Tag, out.Value = "!!int", tomlInt(string(n.Data))
	case unstable.Float:
		out.Tag, out.Value = "!!float", tomlFloat(string(n.Data))
	case unstable.LocalDate, unstable.LocalDateTime, unstable.DateTime:
		s := string(n.Data)
		if len(s) > 10 && (s[10] == ' ' || s[10] == 't') {
			s = s[:10] + "T" + s[11:]
		}
		out.Tag, out.Value = "!!timestamp", s
	case unstable.LocalTime:
		out.Tag, out.Value = "!!str", string(n.Data)
	case unstable.Array:
		out.Kind, out.Tag = yaml.SequenceNode, "!!seq"
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind != unstable.Comment {
				out.Content = append(out.Content, tomlValue(p, c, line))
			}
		}
	case unstable.InlineTable:
		out.Kind, out.Tag = yaml.MappingNode, "!!map"
		it := n.Children()
		for it.Next() {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			parent, key, kline := tomlWalk(p, out, kv.Key())
			setKey(parent, key, kline, tomlValue(p, kv.Value(), kline))
		}
	}
	return out
}

func tomlInt(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return strconv.FormatInt(v, 10)
	}
	return s
}

func tomlFloat(s string) string {
	s = strings.ReplaceAll(s, "_", "")
	switch strings.TrimLeft(s, "+-") {
	case "inf":
		if strings.HasPrefix(s, "-") {
			return "-.inf"
		}
		return ".inf"
	case "nan":
		return ".nan"
	}
	return s
}
