package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/build"
	"github.com/guidepost/guidepost/internal/testsite"
)

// The decision tool's browser tests build a small site (testdata/decide:
// config and content, with the repository's layouts/ and static/) and the
// real site, serve them on 127.0.0.1 and drive headless Chromium through
// them, with JavaScript and without.

// decideSmallTree is the path of the test tree's start page.
const decideSmallTree = "/decide/small/"

// decideLabels are every answer label of the test tree: no request may
// carry them.
var decideLabels = []string{"United States", "India", "Somewhere else", "Yes", "No", "Not sure"}

// decideSite builds a site in a temporary folder and returns its output
// folder and build result. content is the folder holding guidepost.yaml
// and content/; layouts/ and static/ always come from the repository. The
// engine's WebAssembly comes from wasmbuild's cache after the first build.
func decideSite(t *testing.T, content string) (string, *build.Result) {
	t.Helper()
	root := t.TempDir()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ from, to string }{
		{filepath.Join(content, "content"), "content"},
		{filepath.Join(repo, "layouts"), "layouts"},
		{filepath.Join(repo, "static"), "static"},
	} {
		if err := os.CopyFS(filepath.Join(root, c.to), os.DirFS(c.from)); err != nil {
			t.Fatalf("copy %s: %v", c.from, err)
		}
	}
	if err := decideCopyFile(filepath.Join(content, "guidepost.yaml"), filepath.Join(root, "guidepost.yaml")); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "public")
	res, err := build.Build(build.Options{Source: root, Dest: dir, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("build the site of %s: %v", content, err)
	}
	return dir, res
}

// decideBrowser starts Chromium for a test (browsertest closes it
// gracefully when the test ends).
func decideBrowser(t *testing.T, opts browsertest.Options) *browsertest.Browser {
	t.Helper()
	return browsertest.New(t, opts)
}

// decideCopyFile copies one file.
func decideCopyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// decideServe builds and serves the small test site, returning its origin.
func decideServe(t *testing.T) string {
	t.Helper()
	dir, _ := decideSite(t, "testdata/decide")
	return browsertest.ServeDir(t, dir)
}

// decideView is what the tool shows, read from the page.
type decideView struct {
	Hash     string   `json:"hash"`
	Path     string   `json:"path"`
	Ready    bool     `json:"ready"`
	View     string   `json:"view"`
	Heading  string   `json:"heading"`
	Verdict  string   `json:"verdict"`
	Progress string   `json:"progress"`
	Options  []string `json:"options"`
	Answers  []string `json:"answers"`
	Alert    string   `json:"alert"`
	Focus    string   `json:"focus"`
	Live     string   `json:"live"`
}

const decideViewJS = `(() => {
  const q = s => document.querySelector(s);
  const text = s => (q(s) ? q(s).textContent.trim().replace(/\s+/g, " ") : "");
  const a = document.activeElement;
  return {
    hash: location.hash, path: location.pathname,
    ready: !!q("article.decision.dt-ready"),
    view: q(".dt") ? (q(".dt").getAttribute("data-view") || "") : "",
    heading: text("#dt-heading"), verdict: text(".dt .verdict-badge"),
    progress: text(".dt-progress-text"),
    options: [...document.querySelectorAll(".dt button.option")].map(b => b.firstChild.textContent.trim()),
    answers: [...document.querySelectorAll(".dt-answers li")].map(li =>
      li.querySelector(".dt-q").textContent.trim() + " = " + li.querySelector(".dt-a").textContent.trim()),
    alert: text(".dt-alert"),
    focus: a ? (a.id || a.tagName.toLowerCase() + ":" + a.textContent.trim().replace(/\s+/g, " ")) : "",
    live: text("#dt-status"),
  };
})()`

func decideRead(t *testing.T, b *browsertest.Browser) decideView {
	t.Helper()
	var v decideView
	b.Run(t, chromedp.Evaluate(decideViewJS, &v))
	return v
}

// decideWait waits until the JavaScript condition holds, then returns the
// view; on timeout it fails with the view as it is. Evaluation errors
// (the page is between documents) count as false.
func decideWait(t *testing.T, b *browsertest.Browser, cond string) decideView {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	var lastErr error
	for {
		var ok bool
		lastErr = chromedp.Run(b.Ctx, chromedp.Evaluate("!!("+cond+")", &ok))
		if lastErr == nil && ok {
			return decideRead(t, b)
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var v decideView
	chromedp.Run(b.Ctx, chromedp.Evaluate(decideViewJS, &v))
	t.Fatalf("waiting for %s (last error: %v)\nthe page shows %+v\nconsole: %v", cond, lastErr, v, b.ConsoleErrors())
	return v
}

// decideOpen loads a page of the tool and waits for the guided version.
func decideOpen(t *testing.T, b *browsertest.Browser, u string) decideView {
	t.Helper()
	b.Run(t, chromedp.Navigate(u))
	return decideWait(t, b, `!!document.querySelector("article.decision.dt-ready") && !!document.getElementById("dt-heading")`)
}

// decideHeading waits until the tool shows the heading.
func decideHeading(t *testing.T, b *browsertest.Browser, heading string) decideView {
	t.Helper()
	return decideWait(t, b, `(document.getElementById("dt-heading") || {}).textContent === `+jsString(heading))
}

// decideClick clicks the tool's button whose first text is label.
func decideClick(t *testing.T, b *browsertest.Browser, action, label string) {
	t.Helper()
	sel := `//div[contains(concat(" ", @class, " "), " dt ")]//button[@data-action="` + action + `"][normalize-space(text()[1])=` + xpathString(label) + `]`
	b.Run(t, chromedp.Click(sel, chromedp.BySearch, chromedp.NodeVisible))
}

func jsString(s string) string {
	data, _ := json.Marshal(s)
	return string(data)
}

func xpathString(s string) string {
	if !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return `'` + s + `'`
}

// decideAssertPrivate fails if a request left the origin or carried an
// answer: a label, or the fragment's answer string.
func decideAssertPrivate(t *testing.T, b *browsertest.Browser, origin string, labels []string, fragments ...string) {
	t.Helper()
	b.AssertSameOrigin(t, origin)
	b.AssertNoConsoleErrors(t)
	for _, r := range b.Requests() {
		decoded, err := url.QueryUnescape(r)
		if err != nil {
			decoded = r
		}
		for _, l := range labels {
			if strings.Contains(decoded, l) {
				t.Errorf("request %s carries the answer %q", r, l)
			}
		}
		for _, f := range fragments {
			if f != "" && strings.Contains(decoded, f) {
				t.Errorf("request %s carries the answers %q", r, f)
			}
		}
	}
}

func TestDecideWalkToOutcome(t *testing.T) {
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	v := decideOpen(t, b, origin+decideSmallTree)
	if v.Progress != "Question 1 of at most 3" || strings.Join(v.Options, "|") != "United States|India|Somewhere else" {
		t.Fatalf("start: %+v", v)
	}
	if v.Focus == "dt-heading" {
		t.Error("the first view took focus on page load")
	}

	steps := []struct {
		click, heading, progress, hash string
	}{
		{"United States", "Is your practice a HIPAA covered entity?", "Question 2 of at most 3", "#a=1"},
		{"Yes", "Do you have a platform whose vendor signs a BAA?", "Question 3 of at most 3", "#a=1.1"},
		{"No", "Do not send patient health information over WhatsApp", "Result after 3 answers", "#a=1.1.2"},
	}
	for _, s := range steps {
		decideClick(t, b, "option", s.click)
		v = decideHeading(t, b, s.heading)
		if v.Progress != s.progress || v.Hash != s.hash || v.Path != decideSmallTree {
			t.Errorf("after %q: progress %q, address %s%s; want %q, %s%s", s.click, v.Progress, v.Path, v.Hash, s.progress, decideSmallTree, s.hash)
		}
		if v.Focus != "dt-heading" {
			t.Errorf("after %q: focus on %q, want the new heading", s.click, v.Focus)
		}
		v = decideWait(t, b, `document.getElementById("dt-status").textContent.includes(`+jsString(s.heading)+`)`)
	}
	if v.View != "outcome" || v.Verdict != "Avoid" {
		t.Errorf("outcome: view %q verdict %q, want outcome Avoid", v.View, v.Verdict)
	}
	want := []string{
		"Where does your practice see patients? = United States",
		"Is your practice a HIPAA covered entity? = Yes",
		"Do you have a platform whose vendor signs a BAA? = No",
	}
	if strings.Join(v.Answers, "\n") != strings.Join(want, "\n") {
		t.Errorf("summary of answers:\n%s\nwant\n%s", strings.Join(v.Answers, "\n"), strings.Join(want, "\n"))
	}
	var outcome struct {
		Safeguards   []string `json:"safeguards"`
		Sources      []string `json:"sources"`
		Reviewed     string   `json:"reviewed"`
		ReviewedLine string   `json:"reviewedLine"`
		Print        bool     `json:"print"`
	}
	b.Run(t, chromedp.Evaluate(`({
		safeguards: [...document.querySelectorAll(".dt .safeguards li")].map(li => li.textContent),
		sources: [...document.querySelectorAll(".dt .sources li a")].map(a => a.href),
		reviewed: document.querySelector(".dt-reviewed time").getAttribute("datetime"),
		reviewedLine: document.querySelector(".dt-reviewed").textContent,
		print: !!document.querySelector('.dt button[data-action="print"]'),
	})`, &outcome))
	if strings.Join(outcome.Safeguards, "|") != "Keep PHI off WhatsApp.|Choose a platform whose vendor signs a BAA." ||
		len(outcome.Sources) != 1 || outcome.Reviewed != "2026-11-24" || !outcome.Print ||
		outcome.ReviewedLine != "Last reviewed 24 November 2026 by Dr A. Patel, Clinical safety officer" {
		t.Errorf("outcome details: %+v", outcome)
	}
	decideAssertPrivate(t, b, origin, decideLabels, "a=1.1.2", "1.1.2")
}

func TestDecideBackAndChange(t *testing.T) {
	testsite.SkipShort(t, "a long walk of the tool in Chromium: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	decideOpen(t, b, origin+decideSmallTree)
	for _, label := range []string{"United States", "Yes", "Yes"} {
		decideClick(t, b, "option", label)
		decideWait(t, b, `location.hash.length > 0 && !!document.getElementById("dt-heading")`)
	}
	v := decideHeading(t, b, "Use the BAA platform for clinical messages")
	if v.Hash != "#a=1.1.1" || v.Verdict != "Allowed with conditions" {
		t.Fatalf("outcome: %+v", v)
	}

	// The tool's Back button returns to the last question.
	decideClick(t, b, "back", "Back")
	v = decideHeading(t, b, "Do you have a platform whose vendor signs a BAA?")
	if v.Hash != "#a=1.1" || len(v.Answers) != 2 {
		t.Errorf("after Back: %+v", v)
	}
	// The browser's back button undoes it.
	b.Run(t, chromedp.Evaluate(`history.back()`, nil))
	v = decideHeading(t, b, "Use the BAA platform for clinical messages")
	if v.Hash != "#a=1.1.1" {
		t.Errorf("after browser back: %+v", v)
	}
	// And forward again.
	b.Run(t, chromedp.Evaluate(`history.forward()`, nil))
	decideHeading(t, b, "Do you have a platform whose vendor signs a BAA?")
	b.Run(t, chromedp.Evaluate(`history.back()`, nil))
	decideHeading(t, b, "Use the BAA platform for clinical messages")

	// Change the second answer: the question comes back with the old
	// answer marked; choosing it again keeps every answer.
	b.Run(t, chromedp.Click(`.dt-answers li:nth-child(2) button[data-action="change"]`, chromedp.NodeVisible))
	v = decideHeading(t, b, "Is your practice a HIPAA covered entity?")
	if v.View != "change" || v.Hash != "#a=1.1.1" {
		t.Errorf("change view: %+v", v)
	}
	var marked string
	b.Run(t, chromedp.Evaluate(`document.querySelector(".dt button.option.is-current").firstChild.textContent`, &marked))
	if marked != "Yes" {
		t.Errorf("the current answer marked is %q, want Yes", marked)
	}
	decideClick(t, b, "option", "Yes")
	v = decideHeading(t, b, "Use the BAA platform for clinical messages")
	if v.Hash != "#a=1.1.1" || len(v.Answers) != 3 {
		t.Errorf("after choosing the same answer: %+v", v)
	}

	// Another answer drops the later ones and takes the new path.
	b.Run(t, chromedp.Click(`.dt-answers li:nth-child(2) button[data-action="change"]`, chromedp.NodeVisible))
	decideHeading(t, b, "Is your practice a HIPAA covered entity?")
	decideClick(t, b, "option", "No")
	v = decideHeading(t, b, "Check your local rules")
	want := "Where does your practice see patients? = United States|Is your practice a HIPAA covered entity? = No"
	if v.Hash != "#a=1.2" || v.Verdict != "Caution" || strings.Join(v.Answers, "|") != want {
		t.Errorf("after changing an answer: %+v", v)
	}

	// Changing the first answer from the outcome's summary.
	b.Run(t, chromedp.Click(`.dt-answers li:nth-child(1) button[data-action="change"]`, chromedp.NodeVisible))
	decideHeading(t, b, "Where does your practice see patients?")
	decideClick(t, b, "option", "India")
	v = decideHeading(t, b, "Permitted with the guidelines' conditions")
	if v.Hash != "#a=2" || len(v.Answers) != 1 {
		t.Errorf("after changing the first answer: %+v", v)
	}

	decideClick(t, b, "restart", "Start over")
	v = decideHeading(t, b, "Where does your practice see patients?")
	if v.Hash != "" || v.Progress != "Question 1 of at most 3" || len(v.Answers) != 0 {
		t.Errorf("after Start over: %+v", v)
	}
	decideAssertPrivate(t, b, origin, decideLabels, "a=1.1.1", "a=1.2", "a=2")
}

func TestDecideSharedLink(t *testing.T) {
	testsite.SkipShort(t, "runs two Chromium sessions: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	want := []string{
		"Where does your practice see patients? = United States",
		"Is your practice a HIPAA covered entity? = Yes",
	}
	check := func(when string, v decideView) {
		t.Helper()
		if v.Heading != "Do you have a platform whose vendor signs a BAA?" || v.Hash != "#a=1.1" ||
			v.Progress != "Question 3 of at most 3" || strings.Join(v.Answers, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %+v", when, v)
		}
	}
	check("opened with #a=1.1", decideOpen(t, b, origin+decideSmallTree+"#a=1.1"))
	b.Run(t, chromedp.Reload())
	check("reloaded", decideWait(t, b, `!!document.querySelector("article.decision.dt-ready") && !!document.getElementById("dt-heading")`))

	// An outcome link, in a new browser as if shared.
	b2 := decideBrowser(t, browsertest.Options{})
	v := decideOpen(t, b2, origin+decideSmallTree+"#a=1.1.3")
	if v.Heading != "Do not send patient health information over WhatsApp" || v.Verdict != "Avoid" || len(v.Answers) != 3 {
		t.Errorf("shared outcome link: %+v", v)
	}

	// Saved answers on a question page are forwarded to the start page.
	v = decideOpen(t, b2, origin+decideSmallTree+"covered/#a=1.1")
	if v.Path != decideSmallTree {
		t.Errorf("a question page with saved answers stayed at %s", v.Path)
	}
	check("forwarded from a question page", v)
	decideAssertPrivate(t, b, origin, decideLabels, "a=1.1")
	decideAssertPrivate(t, b2, origin, decideLabels, "a=1.1")
}

func TestDecideInvalidFragment(t *testing.T) {
	testsite.SkipShort(t, "opens four invalid links in Chromium: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	for _, tc := range []struct {
		fragment, alert string
	}{
		{"#a=9", "has only 3 options"},
		{"#a=2.1", "reached after 1"},
		{"#hello", "not a saved set of answers"},
		{"#a=1.x", "not an option number"},
	} {
		t.Run(tc.fragment, func(t *testing.T) {
			b.Run(t, chromedp.Navigate("about:blank"))
			v := decideOpen(t, b, origin+decideSmallTree+tc.fragment)
			if !strings.Contains(v.Alert, tc.alert) || !strings.Contains(v.Alert, "started again from the first question") {
				t.Errorf("alert %q, want one saying %q and that the tool restarted", v.Alert, tc.alert)
			}
			if v.Heading != "Where does your practice see patients?" || v.Hash != "" || len(v.Answers) != 0 {
				t.Errorf("did not restart: %+v", v)
			}
			var role string
			b.Run(t, chromedp.Evaluate(`document.querySelector(".dt-alert").getAttribute("role")`, &role))
			if role != "alert" {
				t.Errorf("message region has role %q, want alert", role)
			}
			// The next answer clears the message.
			decideClick(t, b, "option", "India")
			v = decideHeading(t, b, "Permitted with the guidelines' conditions")
			if v.Alert != "" {
				t.Errorf("message still shown after answering: %q", v.Alert)
			}
		})
	}
	// A jump to an element of the page is not a saved set of answers.
	v := decideOpen(t, b, origin+decideSmallTree)
	b.Run(t, chromedp.Evaluate(`location.hash = "main"`, nil))
	time.Sleep(200 * time.Millisecond)
	if v = decideRead(t, b); v.Alert != "" || v.Heading != "Where does your practice see patients?" {
		t.Errorf("the skip link's #main was read as answers: %+v", v)
	}
	b.AssertNoConsoleErrors(t)
}

func TestDecideKeyboardOnly(t *testing.T) {
	testsite.SkipShort(t, "walks the tool by keyboard in Chromium: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	decideOpen(t, b, origin+decideSmallTree)
	// tabTo presses Tab until the focused element's text is want.
	tabTo := func(want string) {
		t.Helper()
		for i := 0; i < 40; i++ {
			b.Run(t, chromedp.KeyEvent(kb.Tab))
			var focus string
			b.Run(t, chromedp.Evaluate(`document.activeElement.textContent.trim()`, &focus))
			if focus == want {
				return
			}
		}
		t.Fatalf("Tab never reached %q", want)
	}
	path := []struct{ answer, next string }{
		{"United States", "Is your practice a HIPAA covered entity?"},
		{"Yes", "Do you have a platform whose vendor signs a BAA?"},
		{"Not sure", "Do not send patient health information over WhatsApp"},
	}
	for _, s := range path {
		tabTo(s.answer)
		b.Run(t, chromedp.KeyEvent(kb.Enter))
		if v := decideHeading(t, b, s.next); v.Focus != "dt-heading" {
			t.Fatalf("after Enter on %q focus is on %q, want the new heading", s.answer, v.Focus)
		}
	}
	// Back by keyboard, then Change the first answer and pick India.
	tabTo("Back")
	b.Run(t, chromedp.KeyEvent(kb.Enter))
	decideHeading(t, b, "Do you have a platform whose vendor signs a BAA?")
	tabTo("Change")
	b.Run(t, chromedp.KeyEvent(kb.Enter))
	decideHeading(t, b, "Where does your practice see patients?")
	tabTo("India")
	b.Run(t, chromedp.KeyEvent(kb.Enter))
	v := decideHeading(t, b, "Permitted with the guidelines' conditions")
	if v.Hash != "#a=2" || v.Verdict != "Allowed with conditions" {
		t.Errorf("keyboard walk ended at %+v", v)
	}
	decideAssertPrivate(t, b, origin, decideLabels, "a=1.1.3", "a=2")
}

func TestDecideWithoutJavaScript(t *testing.T) {
	testsite.SkipShort(t, "walks every page of the tool in Chromium: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{NoJavaScript: true})
	b.Run(t, chromedp.Navigate(origin+decideSmallTree))
	path := []struct{ click, page, heading string }{
		{"United States", "/decide/small/covered/", "Is your practice a HIPAA covered entity?"},
		{"Yes", "/decide/small/baa/", "Do you have a platform whose vendor signs a BAA?"},
		{"No", "/decide/small/no-phi/", "Do not send patient health information over WhatsApp"},
	}
	for _, s := range path {
		b.Run(t, chromedp.Click(`//a[contains(@class,"option")][normalize-space(.)=`+xpathString(s.click)+`]`, chromedp.BySearch, chromedp.NodeVisible))
		var heading, loc string
		b.Run(t, chromedp.WaitVisible(`h1`), chromedp.Location(&loc), chromedp.Text(`h1`, &heading))
		if !strings.HasSuffix(loc, s.page) || heading != s.heading {
			t.Fatalf("after %q: at %s with heading %q, want %s %q", s.click, loc, heading, s.page, s.heading)
		}
	}
	var verdict, notice string
	var buttons int
	b.Run(t, chromedp.Text(`.verdict-badge`, &verdict), chromedp.Text(`.verdict-badge + .verdict-notice`, &notice),
		chromedp.Evaluate(`document.querySelectorAll("article.decision button").length`, &buttons))
	if verdict != "Avoid" {
		t.Errorf("verdict %q, want Avoid", verdict)
	}
	if !strings.Contains(notice, "not legal advice") {
		t.Errorf("the verdict is followed by %q, want the notice that it is not legal advice", notice)
	}
	if buttons != 0 {
		t.Errorf("%d buttons on a page without JavaScript, want none (they would do nothing)", buttons)
	}
	// "Start again" returns to the first question.
	b.Run(t, chromedp.Click(`//a[normalize-space(.)="Start again from the first question"]`, chromedp.BySearch))
	var heading string
	b.Run(t, chromedp.WaitVisible(`#dt-heading`), chromedp.Text(`#dt-heading`, &heading))
	if heading != "Where does your practice see patients?" {
		t.Errorf("Start again shows %q", heading)
	}
	b.AssertSameOrigin(t, origin)
	b.AssertNoConsoleErrors(t)
}

func TestDecideNodePageWithJavaScript(t *testing.T) {
	testsite.SkipShort(t, "opens a node page in Chromium (TestDecideWalkToOutcome runs the tool under -short): run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	b.Run(t, chromedp.Navigate(origin+decideSmallTree+"no-phi/"))
	var note, href string
	var print bool
	b.Run(t,
		chromedp.WaitVisible(`.dt-guided`),
		chromedp.Text(`.dt-guided`, &note),
		chromedp.AttributeValue(`.dt-guided a`, "href", &href, nil),
		chromedp.Evaluate(`!!document.querySelector(".dt-nav button")`, &print))
	if !strings.Contains(note, "Start the guided version") || href != decideSmallTree || !print {
		t.Errorf("outcome page: note %q linking to %q, print button %v", note, href, print)
	}
	b.AssertSameOrigin(t, origin)
	b.AssertNoConsoleErrors(t)
}

func TestDecideMap(t *testing.T) {
	testsite.SkipShort(t, "checks the tool's map in Chromium: run without -short")
	t.Parallel()
	origin := decideServe(t)
	b := decideBrowser(t, browsertest.Options{})
	b.Run(t, chromedp.Navigate(origin+decideSmallTree+"map/"))
	var m struct {
		Role   string   `json:"role"`
		Label  string   `json:"label"`
		Links  []string `json:"links"`
		Titles []string `json:"titles"`
		List   int      `json:"list"`
		Scroll bool     `json:"scroll"`
		// Nothing in the svg is in the tab order: the list holds the same
		// links, one tab stop each.
		Tabbable int `json:"tabbable"`
	}
	b.Run(t, chromedp.Evaluate(`(() => {
		const svg = document.querySelector(".treemap-scroll svg.treemap");
		return {
			role: svg.getAttribute("role"), label: svg.getAttribute("aria-label"),
			links: [...svg.querySelectorAll("a")].map(a => a.getAttribute("href")).sort(),
			titles: [...svg.querySelectorAll("a > title")].map(t => t.textContent),
			list: document.querySelectorAll(".map-list a").length,
			tabbable: [...svg.querySelectorAll("a, [tabindex]")].filter(e => e.tabIndex >= 0).length,
			scroll: getComputedStyle(document.querySelector(".treemap-scroll")).overflowX === "auto",
		};
	})()`, &m))
	want := []string{"baa", "covered", "india", "local", "no-phi", "use-baa", "where"}
	for i, w := range want {
		want[i] = decideSmallTree + w + "/"
	}
	if m.Role != "group" || !strings.Contains(m.Label, "3 questions") || !strings.Contains(m.Label, "4 outcomes") {
		t.Errorf("svg role %q label %q", m.Role, m.Label)
	}
	if strings.Join(m.Links, " ") != strings.Join(want, " ") || len(m.Titles) != len(want) {
		t.Errorf("diagram links %v (titles %v), want one per node %v", m.Links, m.Titles, want)
	}
	if m.Tabbable != 0 {
		t.Errorf("%d elements of the diagram are in the tab order, want none", m.Tabbable)
	}
	if m.List < len(want) || !m.Scroll {
		t.Errorf("text list has %d links, scroll container %v", m.List, m.Scroll)
	}
	// A box is a link to its page.
	b.Run(t, chromedp.Click(`svg.treemap a[href$="/covered/"] rect`, chromedp.NodeVisible))
	// Read in one evaluation once the node's page is there: the page's
	// script changes the DOM as it starts, and once in CI the node that
	// WaitVisible found was gone when Text asked for it ("No node with
	// given id found").
	readerWait(t, b, `location.pathname.endsWith("/covered/") && document.querySelector("h1#q-title") !== null`)
	var heading string
	b.Run(t, chromedp.Evaluate(`document.querySelector("h1#q-title").textContent`, &heading))
	if heading != "Is your practice a HIPAA covered entity?" {
		t.Errorf("clicking a box opened %q", heading)
	}
	b.AssertSameOrigin(t, origin)
	b.AssertNoConsoleErrors(t)
}

// TestDecidePhone walks to an outcome on a phone-sized screen and checks
// nothing makes the page scroll sideways. With GUIDEPOST_SCREENSHOTS set
// to a folder it saves screenshots of the start, a question mid-way and
// the outcome at phone and desktop widths.
func TestDecidePhone(t *testing.T) {
	testsite.SkipShort(t, "walks the tool in Chromium at two screen sizes: run without -short")
	t.Parallel()
	origin := decideServe(t)
	shots := os.Getenv("GUIDEPOST_SCREENSHOTS")
	for _, size := range []struct {
		name          string
		width, height int
	}{{"phone", 390, 844}, {"desktop", 1280, 900}} {
		t.Run(size.name, func(t *testing.T) {
			b := decideBrowser(t, browsertest.Options{Width: size.width, Height: size.height})
			// A window cannot be narrower than Chromium's minimum: emulate the
			// phone's viewport instead.
			b.Run(t, chromedp.EmulateViewport(int64(size.width), int64(size.height)))
			snap := func(step string) {
				t.Helper()
				var wide bool
				b.Run(t, chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &wide))
				if wide {
					t.Errorf("%s: the page scrolls sideways at %dpx", step, size.width)
				}
				if shots == "" {
					return
				}
				var png []byte
				b.Run(t, chromedp.FullScreenshot(&png, 100))
				if err := os.WriteFile(filepath.Join(shots, "decide-"+size.name+"-"+step+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			decideOpen(t, b, origin+decideSmallTree)
			snap("1-start")
			decideClick(t, b, "option", "United States")
			decideHeading(t, b, "Is your practice a HIPAA covered entity?")
			decideClick(t, b, "option", "Yes")
			decideHeading(t, b, "Do you have a platform whose vendor signs a BAA?")
			snap("2-midway")
			decideClick(t, b, "option", "No")
			decideHeading(t, b, "Do not send patient health information over WhatsApp")
			snap("3-outcome")
			// Printed, the result shows the verdict with its notice that it is
			// general information, not legal advice, the safeguards, sources
			// and answers, without the page around them or the buttons.
			b.Run(t, emulation.SetEmulatedMedia().WithMedia("print"))
			var shown map[string]bool
			b.Run(t, chromedp.Evaluate(`Object.fromEntries([
				".dt .verdict-badge", ".dt .verdict-notice", ".dt #dt-heading", ".dt .safeguards", ".dt .sources", ".dt-answers", ".dt-print-link",
				".site-header", ".dt-progress", ".dt-nav", ".dt-answers button", ".decision-links", ".dt .dt-body",
			].map(s => [s, [...document.querySelectorAll(s)].some(e => e.getClientRects().length > 0)]))`, &shown))
			for sel, want := range map[string]bool{
				".dt .verdict-badge": true, ".dt .verdict-notice": true, ".dt #dt-heading": true, ".dt .safeguards": true, ".dt .sources": true,
				".dt-answers": true, ".dt-print-link": true,
				".site-header": false, ".dt-progress": false, ".dt-nav": false, ".dt-answers button": false,
				".decision-links": false, ".dt .dt-body": false,
			} {
				if shown[sel] != want {
					t.Errorf("printed, %s shown = %v, want %v", sel, shown[sel], want)
				}
			}
			snap("3-outcome-print")
			b.Run(t, emulation.SetEmulatedMedia().WithMedia(""))
			b.Run(t, chromedp.Navigate(origin+decideSmallTree+"map/"))
			snap("4-map")
			b.AssertNoConsoleErrors(t)
		})
	}
}

// TestDecideRealTree walks the site's own WhatsApp tree in the browser
// along some of its scenarios (the longest and the shortest).
func TestDecideRealTree(t *testing.T) {
	testsite.SkipShort(t, "builds this repository's site and walks its tree in Chromium: run without -short")
	t.Parallel()
	dir, res := decideSite(t, "../..")
	var tree *decision.Tree
	for _, tr := range res.Site.Trees {
		if tr.ID == "whatsapp" {
			tree = tr
		}
	}
	if tree == nil || len(tree.Scenarios) == 0 {
		t.Fatal("the site has no whatsapp tree with scenarios")
	}
	shortest, longest := tree.Scenarios[0], tree.Scenarios[0]
	var labels []string
	for _, sc := range tree.Scenarios {
		if len(sc.Answers) < len(shortest.Answers) {
			shortest = sc
		}
		if len(sc.Answers) > len(longest.Answers) {
			longest = sc
		}
		labels = append(labels, sc.Answers...)
	}
	origin := browsertest.ServeDir(t, dir)
	b := decideBrowser(t, browsertest.Options{})
	start := tree.Node(tree.Start)
	for _, sc := range []decision.Scenario{longest, shortest} {
		v := decideOpen(t, b, origin+"/decide/whatsapp/")
		if v.Heading != start.Title {
			b.Run(t, chromedp.Navigate("about:blank"))
			v = decideOpen(t, b, origin+"/decide/whatsapp/")
		}
		if v.Heading != start.Title {
			t.Fatalf("start page shows %q, want %q", v.Heading, start.Title)
		}
		for _, answer := range sc.Answers {
			before := v.Hash
			decideClick(t, b, "option", answer)
			v = decideWait(t, b, `location.hash !== `+jsString(before))
		}
		want := tree.Node(sc.Expect)
		v = decideHeading(t, b, want.Title)
		if v.View != "outcome" || len(v.Answers) != len(sc.Answers) || v.Verdict == "" {
			t.Errorf("scenario %q: %+v", sc.Name, v)
		}
		// Start over for the next scenario.
		decideClick(t, b, "restart", "Start over")
		decideHeading(t, b, start.Title)
	}
	decideAssertPrivate(t, b, origin, labels)
}

// decideCSP is the strict Content-Security-Policy the site is meant to be
// served with: scripts only from the site, WebAssembly allowed, no inline
// script or style.
const decideCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// TestDecideStrictCSP walks the tool on a server sending decideCSP: a
// blocked script, style or request is reported as a console error.
func TestDecideStrictCSP(t *testing.T) {
	testsite.SkipShort(t, "walks the tool in Chromium under a strict CSP: run without -short")
	t.Parallel()
	dir, _ := decideSite(t, "testdata/decide")
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", decideCSP)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	b := decideBrowser(t, browsertest.Options{})
	b.Run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`document.addEventListener("securitypolicyviolation", e =>
			console.error("CSP blocked " + e.violatedDirective + " " + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber))`).Do(ctx)
		return err
	}))
	decideOpen(t, b, srv.URL+decideSmallTree)
	decideClick(t, b, "option", "United States")
	decideHeading(t, b, "Is your practice a HIPAA covered entity?")
	decideClick(t, b, "option", "No")
	v := decideHeading(t, b, "Check your local rules")
	if v.Verdict != "Caution" {
		t.Errorf("outcome: %+v", v)
	}
	for _, p := range []string{"no-phi/", "map/"} {
		b.Run(t, chromedp.Navigate(srv.URL+decideSmallTree+p))
	}
	decideAssertPrivate(t, b, srv.URL, decideLabels, "a=1.2")
}
