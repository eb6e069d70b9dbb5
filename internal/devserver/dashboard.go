package devserver

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"time"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/review"
	"github.com/guidepost/guidepost/internal/site"
	"github.com/guidepost/guidepost/internal/yamlx"
)

// Paths of the authoring dashboard, which only the dev server serves.
const (
	DashboardPath    = "/_guidepost/"
	dashboardCSSPath = "/_guidepost/dashboard.css"
)

var (
	//go:embed dashboard.html
	dashboardHTML string
	//go:embed dashboard.css
	dashboardCSS []byte

	dashboardTmpl = template.Must(template.New("dashboard").Parse(dashboardHTML))
)

// soonDays is how far ahead the dashboard lists reviews falling due.
const soonDays = 60

// dashboardAgainst is the revision the dashboard compares trees with: the
// last commit, so that it shows what the unsaved work changes.
const dashboardAgainst = "HEAD"

type reviewRow struct {
	Title, URL, File, Reviewed, Due, When string
	due                                   time.Time
}

type treeRow struct {
	Title, URL, File, Coverage, NoChanges string
	Nodes, Scenarios                      int
	Changes                               []review.Section
	Permissive                            bool
}

type dashboard struct {
	Site, Home, Today, Against   string
	SoonDays                     int
	Errors, Warnings             []diag.Diagnostic
	Overdue, DueSoon, Unreviewed []reviewRow
	Trees                        []treeRow
}

// serveDashboard answers with the authoring dashboard: reviews overdue and
// falling due, each tree's scenario coverage and what changed in it since
// the last commit, and the last build's problems.
func (s *Server) serveDashboard(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	st, warnings, errs := s.site, s.warnings, s.errs
	s.mu.Unlock()
	d := dashboard{Against: dashboardAgainst, SoonDays: soonDays, Errors: errs, Warnings: warnings, Site: "the site", Home: s.basePath}
	if st != nil {
		d.Site = st.Config.Title
		d.Today = st.Now.Format(yamlx.DateLayout)
		d.reviews(st)
		d.trees(st, s.opts.Source)
	}
	var buf bytes.Buffer
	if err := dashboardTmpl.Execute(&buf, d); err != nil {
		http.Error(w, "dashboard: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	serveBytes(w, r, "dashboard.html", buf.Bytes())
}

// reviews sorts the pages with review dates into overdue and due soon.
func (d *dashboard) reviews(st *site.Site) {
	soon := st.Now.AddDate(0, 0, soonDays)
	for _, p := range st.Pages {
		if p.File == "" {
			continue // generated pages are not reviewed
		}
		row := reviewRow{Title: p.Title(), URL: p.RelPermalink(), File: p.File}
		if p.FM.Reviewed.IsZero() {
			if p.Kind == site.KindPage {
				d.Unreviewed = append(d.Unreviewed, row)
			}
			continue
		}
		row.due = p.ReviewDue()
		row.Reviewed = p.FM.Reviewed.Format(yamlx.DateLayout)
		row.Due = row.due.Format(yamlx.DateLayout)
		row.File = fmt.Sprintf("%s:%d", p.File, p.FM.Line("reviewed"))
		days := int(row.due.Sub(st.Now).Hours() / 24)
		switch {
		case st.Now.After(row.due):
			row.When = plural(-days, "day") + " late"
			d.Overdue = append(d.Overdue, row)
		case !row.due.After(soon):
			row.When = "in " + plural(days, "day")
			d.DueSoon = append(d.DueSoon, row)
		}
	}
	byDue := func(rows []reviewRow) {
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].due.Before(rows[j].due) })
	}
	byDue(d.Overdue)
	byDue(d.DueSoon)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprint(n, " ", word, "s")
}

// trees lists each tree with its coverage and its changes since the last
// commit, when the site is in a git work tree.
func (d *dashboard) trees(st *site.Site, source string) {
	var reports map[string]*review.Report
	note := ""
	old, err := review.TreesAt(source, dashboardAgainst, st.Now)
	switch {
	case errors.Is(err, review.ErrNoGit):
		note = "The site is not in a git repository, so changes cannot be compared."
	case err != nil:
		note = "Changes cannot be compared: " + err.Error()
	default:
		all, err := review.CompareAll(old, st.Trees)
		if err != nil {
			note = "Changes cannot be compared: " + err.Error()
			break
		}
		reports = map[string]*review.Report{}
		for _, r := range all {
			reports[r.Tree] = r
		}
		note = "No change since the last commit."
	}
	for _, t := range st.Trees {
		_, cov := t.RunScenarios()
		row := treeRow{Title: t.Title, File: t.Pos.File, Coverage: cov.String(), Nodes: len(t.Nodes), Scenarios: len(t.Scenarios), NoChanges: note}
		if p := st.PageByFile(t.Pos.File); p != nil {
			row.URL = p.RelPermalink()
		}
		if r := reports[t.ID]; r != nil && !r.Empty() {
			row.Changes, row.Permissive = r.Sections(), r.Permissive()
		}
		d.Trees = append(d.Trees, row)
	}
}
