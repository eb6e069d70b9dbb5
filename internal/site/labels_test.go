package site

import (
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/diag"
)

func TestNormalizeLabel(t *testing.T) {
	for _, tt := range []struct{ in, want, problem string }{
		{"Café", "Café", ""},
		{"Cafe\u0301", "Caf\u00e9", ""},
		{"  Yes \t please\n", "Yes please", ""},
		{"Yes\u00a0please", "Yes please", ""},
		{"Yes\u200b", "Yes", ""},
		{"\ufeffYes\u00ad", "Yes", ""},
		{"\u200b", "", ""},
		// Joiners and direction marks change how text is drawn: kept.
		{"🧑\u200d⚕\ufe0f", "🧑\u200d⚕\ufe0f", ""},
		{"می\u200cخواهم", "می\u200cخواهم", ""},
		{"نعم\u200f", "نعم\u200f", ""},
		{"Yes\x07", "Yes", "control character"},
		{"Yes\x7f", "Yes", "control character"},
		{"\u202eseY", "seY", "bidirectional control"},
	} {
		got, problem := normalizeLabel(tt.in)
		if got != tt.want || (tt.problem == "") != (problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("normalizeLabel(%+q) = %+q, %q; want %+q, %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestCheckLookalikes(t *testing.T) {
	var d diag.List
	checkLookalikes(&d, "q.md", "q", []string{"Yes", "No", "Ye\u200ds", "YES", "N\u200eo", "Maybe"}, []int{4, 6, 8, 10, 12, 14})
	var lines []string
	for _, x := range d {
		lines = append(lines, x.String())
	}
	got := strings.Join(lines, "\n")
	for _, want := range []string{`q.md:8: option label "Ye\u200ds" looks the same as "Yes" (line 4)`, `q.md:12: option label "N\u200eo" looks the same as "No" (line 6)`} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "q.md:10") || strings.Contains(got, "q.md:14") {
		t.Errorf("a case difference (the validator's to report) or a distinct label reported:\n%s", got)
	}
}
