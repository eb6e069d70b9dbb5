package importer

import "testing"

// TestPageEdits checks the front matter edits of an import: keys removed
// with all their lines, renamed in place, added at the top, in YAML and
// TOML alike, the rest kept as written.
func TestPageEdits(t *testing.T) {
	tests := []struct {
		name, src string
		edit      func(p *page)
		want      string
	}{
		{
			name: "YAML",
			src:  "---\ntitle: A  # kept as written\nlayout: post\nmenu:\n  main:\n    weight: 2\npermalink: /a/\n---\nBody\n",
			edit: func(p *page) {
				p.drop["layout"], p.drop["menu"] = true, true
				p.rename["permalink"] = "url"
				p.add("date", date("2024-01-02"))
			},
			want: "---\ndate: 2024-01-02\ntitle: A  # kept as written\nurl: /a/\n---\nBody\n",
		},
		{
			name: "TOML",
			src:  "+++\ntitle = \"A\"\nlayout = \"post\"\n[menu.main]\nweight = 2\n[params]\nfoo = 1\n+++\nBody\n",
			edit: func(p *page) {
				p.drop["layout"], p.drop["menu"] = true, true
				p.add("toc", false)
				p.add("title", "not added: the page has one")
			},
			want: "+++\ntoc = false\ntitle = \"A\"\n[params]\nfoo = 1\n+++\nBody\n",
		},
		{
			name: "no front matter",
			src:  "# Heading\n\nText\n",
			edit: func(p *page) { p.add("title", "Heading") },
			want: "---\ntitle: \"Heading\"\n---\n# Heading\n\nText\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{}
			p := readPage("a.md", "content/a.md", []byte(tt.src), r)
			tt.edit(p)
			if got := string(p.bytes()); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if len(r.Items) > 0 {
				t.Errorf("report: %v", r.Items)
			}
		})
	}
}
