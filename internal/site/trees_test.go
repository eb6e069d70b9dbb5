package site

import (
	"slices"
	"strings"
	"testing"
)

// TestNodeCitations checks the rules a reader relies on to weigh a tree's
// answers: every outcome says where it applies, a question that cites
// sources says when they were checked (and the other way round), and no
// page cites a source readers cannot open. Each problem is reported at
// the line to fix.
func TestNodeCitations(t *testing.T) {
	index := "---\ntitle: T\nstart: q\nscenarios:\n  - answers: [\"Yes\"]\n    expect: yes\n  - answers: [\"No\"]\n    expect: no\n---\n"
	question := "---\ntitle: Q?\n%soptions:\n  - label: \"Yes\"\n    next: yes\n  - label: \"No\"\n    next: no\n---\n"
	outcome := "---\ntitle: %s\nverdict: avoid\n%sreviewed: 2025-12-01\nsources:\n  - title: Rule\n    url: https://example.org/rule\n---\n"
	here := "jurisdictions: [Here]\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []string // file:line: start of message
	}{
		{"complete", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "reviewed: 2025-12-01\nsources:\n  - title: Act\n    url: https://example.org/act\n", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
		}, nil},
		{"question without citations", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
		}, nil},
		{"outcome without jurisdictions", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", ""),
		}, []string{`content/decide/t/no.md:2: outcome "no" has no jurisdictions; add jurisdictions:`}},
		{"question with sources and no reviewed date", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "sources:\n  - title: Act\n    url: https://example.org/act\n", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
		}, []string{`content/decide/t/q.md:3: question "q" cites sources but has no reviewed date`}},
		{"question with a reviewed date and no sources", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "reviewed: 2025-12-01\n", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
		}, []string{`content/decide/t/q.md:3: question "q" has a reviewed date but no sources`}},
		{"question source without a url", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "reviewed: 2025-12-01\nsources:\n  - title: Act\n", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
		}, []string{`content/decide/t/q.md:5: source "Act" has no url; add url:`}},
		{"page source without a url", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  fmtTwo(outcome, "No", here),
			"content/guidance/p.md":   "---\ntitle: P\nsources:\n  - title: Somewhere\n    publisher: Someone\n---\n",
		}, []string{`content/guidance/p.md:4: source "Somewhere" has no url; add url:`}},
		{"outcome source without a url, reported once", map[string]string{
			"content/decide/t/q.md":   strings.Replace(question, "%s", "", 1),
			"content/decide/t/yes.md": fmtTwo(outcome, "Yes", here),
			"content/decide/t/no.md":  "---\ntitle: No\nverdict: avoid\njurisdictions: [Here]\nreviewed: 2025-12-01\nsources:\n  - title: Rule\n---\n",
		}, []string{`content/decide/t/no.md:6: source 1 of outcome "no" has no url`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"content/decide/t/_index.md": index}
			for k, v := range tt.files {
				files[k] = v
			}
			_, got := loadFiles(t, files)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems %q, want %d: %q", len(got), got, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d is %q, want it to start %q", i, got[i], w)
				}
			}
			if !slices.IsSorted(got) {
				t.Errorf("problems not in file order: %q", got)
			}
		})
	}
}

func fmtTwo(format, a, b string) string {
	return strings.Replace(strings.Replace(format, "%s", a, 1), "%s", b, 1)
}
