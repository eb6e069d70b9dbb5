package contentcheck

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/site"
)

// TestEveryOutcomeIsSourcedDatedAndPlaced checks what a reader needs to
// weigh a verdict of the decision tool: the documents it rests on, when it
// was last checked, and where it applies. Questions of this site state
// rules in their help and text, so they cite and date them too.
func TestEveryOutcomeIsSourcedDatedAndPlaced(t *testing.T) {
	s := loadRepoSite(t)
	outcomes, questions := 0, 0
	for _, p := range s.Pages {
		if p.Kind != site.KindNode || p.Node == nil {
			continue
		}
		var missing []string
		if len(p.FM.Sources) == 0 {
			missing = append(missing, "sources")
		}
		if p.FM.Reviewed.IsZero() {
			missing = append(missing, "reviewed")
		}
		if p.Node.IsOutcome() {
			outcomes++
			if len(p.FM.Jurisdictions) == 0 {
				missing = append(missing, "jurisdictions")
			}
		} else {
			questions++
		}
		if len(missing) > 0 {
			t.Errorf("%s:%d: %q lacks %s", p.File, p.FM.Line("title"), p.Node.ID, strings.Join(missing, ", "))
		}
	}
	if outcomes < 27 || questions < 25 {
		t.Errorf("checked %d outcomes and %d questions, want the WhatsApp tree's 27 and 25 at least", outcomes, questions)
	}
}

// TestEverySourceCanBeOpened checks every page's sources, tree nodes and
// section pages included: each has a title and a URL, and the URL names a
// document, not just a site's home page.
func TestEverySourceCanBeOpened(t *testing.T) {
	s := loadRepoSite(t)
	cited := 0
	for _, p := range s.Pages {
		for _, src := range p.FM.Sources {
			cited++
			where := p.File + ":" + strconv.Itoa(src.Line)
			if strings.TrimSpace(src.Title) == "" || strings.TrimSpace(src.URL) == "" {
				t.Errorf("%s: a source lacks a title or url: %+v", where, src)
				continue
			}
			u, err := url.Parse(src.URL)
			if err != nil {
				t.Errorf("%s: source %q: %v", where, src.Title, err)
				continue
			}
			if u.Host != "" && strings.Trim(u.Path, "/") == "" && u.RawQuery == "" {
				t.Errorf("%s: source %q cites the home page %s; cite the document itself", where, src.Title, src.URL)
			}
		}
	}
	if cited < 100 {
		t.Errorf("found %d cited sources, want the site's hundreds", cited)
	}
}

// TestDecisionToolPagesCiteSources checks that the tools' section page and
// the WhatsApp tree's start page cite sources, and that the start page
// says what each verdict means.
func TestDecisionToolPagesCiteSources(t *testing.T) {
	s := loadRepoSite(t)
	for _, file := range []string{"content/decide/_index.md", "content/decide/whatsapp/_index.md"} {
		p := s.PageByFile(file)
		if p == nil {
			t.Errorf("%s does not exist", file)
			continue
		}
		if len(p.FM.Sources) == 0 || p.FM.Reviewed.IsZero() {
			t.Errorf("%s: want sources and a reviewed date", file)
		}
		text := string(p.Content())
		for _, v := range []string{"Avoid", "Caution", "Allowed with conditions"} {
			if !strings.Contains(text, "<strong>"+v+"</strong>") {
				t.Errorf("%s does not define the verdict %q", file, v)
			}
		}
	}
}
