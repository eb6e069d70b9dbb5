package decision_test

import (
	"os"
	"path"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/guidepost/guidepost/decision"
)

// A tree file holds a whole test tree as the site would read it: sections
//
//	-- _index.md --
//	title: ...
//	-- question-id.md --
//	title: ...
//
// each holding the YAML front matter of one file of content/decide/t/.
// Lines before the first section are comments. Reported lines are those of
// the real file, whose front matter starts after a `---` line.
const treeDir = "content/decide/t/"

// loadTree parses the tree file at name, failing the test on bad input.
func loadTree(t testing.TB, name string) *decision.Tree {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("read tree: %v", err)
	}
	tree, err := parseTree(string(data))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tree
}

// parseTree builds a tree from the text of a tree file.
func parseTree(text string) (*decision.Tree, error) {
	var (
		nodes     []*decision.Node
		scenarios []decision.Scenario
		title     string
		start     string
		startPos  = decision.Pos{File: treeDir + "_index.md", Line: 1}
	)
	for _, sec := range splitSections(text) {
		file := treeDir + sec.name
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(sec.body), &doc); err != nil {
			return nil, &sectionError{sec.name, err}
		}
		m := mapping(&doc)
		if sec.name == "_index.md" {
			title = scalar(m["title"])
			if s := m["start"]; s != nil {
				start, startPos.Line = s.Value, line(s)
			}
			for _, item := range seq(m["scenarios"]) {
				f := mapping(item)
				sc := decision.Scenario{Name: scalar(f["name"]), Expect: scalar(f["expect"]), Pos: decision.Pos{File: file, Line: line(item)}}
				for _, a := range seq(f["answers"]) {
					sc.Answers = append(sc.Answers, a.Value)
				}
				scenarios = append(scenarios, sc)
			}
			continue
		}
		n := &decision.Node{
			ID:       strings.TrimSuffix(path.Base(sec.name), ".md"),
			Pos:      decision.Pos{File: file, Line: 1},
			Title:    scalar(m["title"]),
			Help:     scalar(m["help"]),
			Verdict:  decision.Verdict(scalar(m["verdict"])),
			Reviewed: scalar(m["reviewed"]),
			URL:      "/decide/t/" + strings.TrimSuffix(sec.name, ".md") + "/",
			Lines:    map[string]int{},
		}
		for key, v := range m {
			n.Lines[key] = line(v)
		}
		if v := m["title"]; v != nil {
			n.Pos.Line = line(v)
		}
		for _, item := range seq(m["options"]) {
			f := mapping(item)
			n.Options = append(n.Options, decision.Option{Label: scalar(f["label"]), Next: scalar(f["next"]), Pos: decision.Pos{File: file, Line: line(item)}})
		}
		for _, item := range seq(m["safeguards"]) {
			n.Safeguards = append(n.Safeguards, item.Value)
		}
		for _, item := range seq(m["sources"]) {
			f := mapping(item)
			n.Sources = append(n.Sources, decision.Source{Title: scalar(f["title"]), URL: scalar(f["url"]), Publisher: scalar(f["publisher"]), Date: scalar(f["date"])})
		}
		nodes = append(nodes, n)
	}
	return decision.New("t", title, start, startPos, nodes, scenarios), nil
}

type treeUnderTest struct {
	file string
	tree *decision.Tree
}

type section struct{ name, body string }

// splitSections cuts a tree file at its "-- name --" lines.
func splitSections(text string) []section {
	var out []section
	for l := range strings.Lines(text) {
		trimmed := strings.TrimRight(l, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			out = append(out, section{name: trimmed[3 : len(trimmed)-3]})
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].body += l
		}
	}
	return out
}

type sectionError struct {
	name string
	err  error
}

func (e *sectionError) Error() string { return e.name + ": " + e.err.Error() }

// line is the line of v in the real file: one below its line in the
// section, for the opening `---`.
func line(v *yaml.Node) int { return v.Line + 1 }

func mapping(v *yaml.Node) map[string]*yaml.Node {
	if v != nil && v.Kind == yaml.DocumentNode && len(v.Content) > 0 {
		v = v.Content[0]
	}
	m := map[string]*yaml.Node{}
	if v == nil || v.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		m[v.Content[i].Value] = v.Content[i+1]
		// Keep the key's line: it is where an author looks.
		v.Content[i+1].Line = v.Content[i].Line
	}
	return m
}

func seq(v *yaml.Node) []*yaml.Node {
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	return v.Content
}

func scalar(v *yaml.Node) string {
	if v == nil || v.Kind != yaml.ScalarNode {
		return ""
	}
	return v.Value
}
