package main

import (
	"strings"
	"testing"
)

// TestTodayMovesReviewDates runs check on a site as of three dates: the
// same site is current, then overdue, as a content owner would see it.
func TestTodayMovesReviewDates(t *testing.T) {
	t.Parallel()
	work, site := newSite(t)
	writeFile(t, site, "content/guidance/dated.md", "---\ntitle: Dated\nreviewed: 2026-06-01\nreview_every: 12mo\n---\nBody.\n")
	for _, tt := range []struct {
		args    []string
		env     []string
		code    int
		overdue bool
	}{
		{[]string{"check", "--strict", "--source", site}, nil, 0, false},
		{[]string{"check", "--strict", "--source", site, "--today", "2027-06-02"}, nil, 1, true},
		{[]string{"check", "--strict", "--source", site}, []string{EnvToday + "=2027-06-02"}, 1, true},
		{[]string{"check", "--strict", "--source", site, "--today", "2027-05-31"}, []string{EnvToday + "=2030-01-01"}, 0, false},
	} {
		res := runCLIEnv(t, work, tt.env, tt.args...)
		overdue := strings.Contains(res.stderr, "content/guidance/dated.md:3: warning: review overdue since 2027-06-01")
		if res.code != tt.code || overdue != tt.overdue {
			t.Errorf("%v %v: exit %d, overdue %v; want %d, %v\n%s", tt.env, tt.args, res.code, overdue, tt.code, tt.overdue, res.stderr)
		}
	}
	for _, bad := range []string{"tomorrow", "2027-02-30", "0001-01-01"} {
		res := runCLI(t, work, "check", "--source", site, "--today", bad)
		if res.code != 2 || !strings.Contains(res.stderr, `--today "`+bad+`": want a date such as 2026-12-01`) {
			t.Errorf("--today %s: exit %d\n%s", bad, res.code, res.stderr)
		}
	}
}
