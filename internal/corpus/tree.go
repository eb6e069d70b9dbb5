package corpus

// The decision tree a corpus may hold (WithTree): a question and two
// verdicts, so that a generated site also has a tree's pages, its JSON
// and the engine.

// TreeDir is the content folder of the tree WithTree adds; its start is
// the question first.md, whose options lead to the verdicts good.md and
// bad.md.
const TreeDir = "decide/pick"

// treeFiles are the tree's content files, by path below content/.
var treeFiles = []struct{ path, data string }{
	{"decide/_index.md", "---\ntitle: Tools\n---\nTools.\n"},
	{TreeDir + "/_index.md", "---\ntitle: Pick one\nreviewed: 2026-01-01\nstart: first\nscenarios:\n  - answers: [\"Yes\"]\n    expect: good\n---\nIntro.\n"},
	{TreeDir + "/first.md", "---\ntitle: Do you need it?\noptions:\n  - label: \"Yes\"\n    next: good\n  - label: \"No\"\n    next: bad\n---\nQuestion text.\n"},
	{TreeDir + "/good.md", "---\ntitle: Go ahead\nverdict: allowed\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: A source\n    url: https://example.org/a\n---\nFine.\n"},
	{TreeDir + "/bad.md", "---\ntitle: Do not\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2026-01-01\nsources:\n  - title: A source\n    url: https://example.org/a\n---\nNo.\n"},
}

// WithTree returns the corpus with a small decision tree in TreeDir,
// in the default language.
func (c Corpus) WithTree() Corpus {
	c.tree = true
	return c
}

// writeTree writes the tree's files into dir's content/ when the corpus
// has one.
func (c Corpus) writeTree(dir string) error {
	if !c.tree {
		return nil
	}
	for _, f := range treeFiles {
		if err := writeFile(dir, "content/"+f.path, f.data); err != nil {
			return err
		}
	}
	return nil
}
