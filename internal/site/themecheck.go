package site

import (
	"github.com/guidepost/guidepost/internal/config"
	"github.com/guidepost/guidepost/internal/diag"
)

// checkThemeFiles reports a logo or favicon in guidepost.yaml that no
// static file of the site or its theme provides: every page would show a
// broken image or ask for a missing icon.
func (s *Site) checkThemeFiles(diags *diag.List) {
	for _, f := range []struct{ key, url string }{{"logo", s.Config.Logo}, {"favicon", s.Config.Favicon}} {
		if f.url == "" || s.staticURLs[f.url] {
			continue
		}
		diags.Add(config.FileName, s.Config.Lines[f.key], f.key+" "+f.url+" is not a file of the site: put it at "+StaticDir+f.url+", or change `"+f.key+"`")
	}
}
