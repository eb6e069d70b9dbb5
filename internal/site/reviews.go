package site

import (
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/yamlx"
)

// checkReviews warns about pages whose review is overdue and reports review
// dates in the future. A page whose review_every was reported as bad gets
// no overdue warning: the default interval is not the one its author meant.
func (s *Site) checkReviews(diags *diag.List) {
	for _, p := range s.Pages {
		if p.FM.Reviewed.IsZero() {
			continue
		}
		line := p.FM.Line("reviewed")
		reviewed := p.FM.Reviewed.Format(yamlx.DateLayout)
		if s.Config.RequireReviewer && len(p.FM.ReviewedBy) == 0 {
			diags.Warn(p.File, line, "reviewed "+reviewed+" without reviewed_by: name who reviewed it, e.g. reviewed_by: {name: Dr A. Patel, role: Clinical safety officer} (require_reviewer in guidepost.yaml)")
		}
		if changed := p.GitLastmod.UTC().Format(yamlx.DateLayout); !p.GitLastmod.IsZero() && changed > reviewed {
			diags.Warn(p.File, line, "changed since review: the file last changed on "+changed+" (git), after its review on "+reviewed+": review the change and update `reviewed`")
		}
		if p.FM.Reviewed.After(s.Now) {
			diags.Add(p.File, line, "reviewed date "+p.FM.Reviewed.Format(yamlx.DateLayout)+" is in the future: use the date the review happened")
			continue
		}
		if _, set := p.FM.Lines["review_every"]; set && p.FM.ReviewEvery.IsZero() {
			continue // its interval was reported as bad
		}
		if due := p.ReviewDue(); s.Now.After(due) {
			every := p.FM.ReviewEvery
			if every.IsZero() {
				every = s.Config.ReviewEvery
			}
			diags.Warn(p.File, line, "review overdue since "+due.Format(yamlx.DateLayout)+" (last reviewed "+p.FM.Reviewed.Format(yamlx.DateLayout)+", reviewed every "+every.String()+"): check the page against its sources and update `reviewed`")
		}
	}
}
