package site

import (
	"errors"
	"strings"

	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/gitinfo"
)

// readGitInfo sets each page's GitLastmod from the site's git history. A
// site that is not in a git work tree gets one warning, at git_info.
func (s *Site) readGitInfo(diags *diag.List) {
	changed, err := gitinfo.LastChanged(s.Root)
	if err != nil {
		msg := "git_info: cannot read the site's history: " + err.Error()
		if errors.Is(err, gitinfo.ErrNoRepo) {
			msg = "git_info: the site is not in a git repository, so pages have no \"last changed\" date: commit it, or remove git_info"
		}
		diags.Warn(config.FileName, s.Config.Lines["git_info"], msg)
		return
	}
	for _, p := range s.Pages {
		if p.File != "" {
			p.GitLastmod = changed[strings.TrimPrefix(p.File, "./")]
		}
	}
}
