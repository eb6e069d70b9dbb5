package e2e

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/search"
	"github.com/guidepost/guidepost/internal/testsite"
)

// readerResults reads the search page: the status line, each result's
// title, link and highlighted words, and the page's own images (none may
// come from a query).
const readerResults = `(() => ({
  status: document.getElementById("search-status").textContent,
  titles: [...document.querySelectorAll(".result-title")].map(e => e.textContent.trim()),
  hrefs: [...document.querySelectorAll(".result-title a")].map(e => e.getAttribute("href")),
  marks: [...document.querySelectorAll("#search-results mark")].map(e => e.textContent),
  excerpts: [...document.querySelectorAll(".result-excerpt")].map(e => e.textContent),
  images: document.querySelectorAll("#search img, #search script").length,
  pwned: window.pwned === true,
  title: document.title,
}))()`

type readerSearchView struct {
	Status   string   `json:"status"`
	Titles   []string `json:"titles"`
	Hrefs    []string `json:"hrefs"`
	Marks    []string `json:"marks"`
	Excerpts []string `json:"excerpts"`
	Images   int      `json:"images"`
	Pwned    bool     `json:"pwned"`
	Title    string   `json:"title"`
}

// TestReaderSearch searches the test site as a reader would: ranked
// results with highlighted excerpts, the jurisdiction filter, a partial
// last word, several words, nothing found, and a query that tries to
// inject markup.
func TestReaderSearch(t *testing.T) {
	testsite.SkipShort(t, "runs many queries in Chromium: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	const xss = `<img src=x onerror="window.pwned=true">`
	tests := []struct {
		name, query string
		status      string
		titles      []string
		marks       []string // every highlighted word, lower-cased, is one of these
	}{
		{"ranked", "q=consent", "4 results for “consent”",
			[]string{"Patient consent for messaging", "Encryption and WhatsApp", "India", "Check your local rules"}, []string{"consent"}},
		{"filtered", "q=consent&j=european-union", "1 result for “consent” in European Union",
			[]string{"Encryption and WhatsApp"}, []string{"consent"}},
		{"partial word", "q=ENCRYP", "2 results for “ENCRYP”",
			[]string{"Encryption and WhatsApp", "Frequently asked questions"}, []string{"encryption", "encrypts", "encrypted"}},
		{"every word", "q=consent+backups", "1 result for “consent backups”",
			[]string{"Encryption and WhatsApp"}, []string{"consent", "backups"}},
		{"partial word only last", "q=encryp+backups", "No results for “encryp backups”. Try fewer or different words.", nil, nil},
		{"accents and plurals", "q=P%C3%A0tients+records", "1 result for “Pàtients records”",
			[]string{"Patient consent for messaging"}, []string{"patient", "record", "records"}},
		{"nothing", "q=zebra", "No results for “zebra”. Try fewer or different words.", nil, nil},
		{"stop words", "q=the+of", "No results: “the of” has only words too common to search for. Try a more specific word.", nil, nil},
		{"markup", "q=" + url.QueryEscape(xss), "No results for “" + xss + "”. Try fewer or different words.", nil, nil},
	}
	fresh := map[string]readerSearchView{} // by query, each on a page of its own
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			readerVisit(t, b, origin, readerPage{path: "/search/?" + tt.query})
			v := readerEval[readerSearchView](t, b, readerResults)
			fresh[tt.query] = v
			if v.Status != tt.status {
				t.Errorf("status %q, want %q", v.Status, tt.status)
			}
			if !reflect.DeepEqual(v.Titles, tt.titles) && !(len(v.Titles) == 0 && len(tt.titles) == 0) {
				t.Errorf("results %q, want %q", v.Titles, tt.titles)
			}
			if len(tt.titles) > 0 && len(v.Marks) == 0 {
				t.Errorf("no highlighted words in %q", v.Excerpts)
			}
			for _, m := range v.Marks {
				if !readerContains(tt.marks, strings.ToLower(m)) {
					t.Errorf("highlighted %q, want only %q", m, tt.marks)
				}
			}
			for _, h := range v.Hrefs {
				if !strings.HasPrefix(h, "/") || strings.Contains(h, "search") {
					t.Errorf("result links to %q, want a page of the site", h)
				}
			}
			if v.Images != 0 || v.Pwned {
				t.Errorf("the query's markup became page content (%d elements, script ran: %v)", v.Images, v.Pwned)
			}
		})
	}
	// One query after another on the same page, with words reused from
	// those before (the page keeps files and scores), shows what it shows
	// on a page of its own, forwards and backwards.
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	for _, i := range []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 5, 4, 3, 2, 1, 0} {
		tt := tests[i]
		want, ok := fresh[tt.query]
		if !ok {
			continue
		}
		readerRunQuery(t, b, tt.query)
		if got := readerEval[readerSearchView](t, b, readerResults); !reflect.DeepEqual(got, want) {
			t.Errorf("%s after other queries on the page:\n%+v\nwant, as on a page of its own:\n%+v", tt.name, got, want)
		}
	}
	// Each result says where its page sits; an outcome of the decision
	// tool says so, as its verdict holds only for the answers leading to it.
	readerVisit(t, b, origin, readerPage{path: "/search/?q=consent"})
	contexts := readerEval[[]string](t, b, `[...document.querySelectorAll(".search-result")].map(r => r.querySelector(".result-context")?.textContent ?? "")`)
	if want := []string{"Guidance", "Guidance", "Guidance", "An outcome of the decision tool “Can we message patients on WhatsApp?”"}; !reflect.DeepEqual(contexts, want) {
		t.Errorf("result contexts %q, want %q", contexts, want)
	}
	// A result in a section links to that section.
	readerVisit(t, b, origin, readerPage{path: "/search/?q=backups"})
	if v := readerEval[readerSearchView](t, b, readerResults); len(v.Hrefs) != 1 || v.Hrefs[0] != "/guidance/encryption/#consent-records" {
		t.Errorf("result for backups links to %q, want the section /guidance/encryption/#consent-records", v.Hrefs)
	}
	// Typing searches as you go and keeps the URL in step, so the browser's
	// back button and shared links return to the same results.
	b.Run(t, chromedp.Evaluate(`document.getElementById("search-q").value = ""`, nil))
	b.Run(t, chromedp.SendKeys("#search-q", "withdraw", chromedp.ByQuery))
	readerWait(t, b, `document.getElementById("search-status").textContent === "1 result for “withdraw”"`)
	if got := readerEval[string](t, b, `location.search`); got != "?q=withdraw" {
		t.Errorf("URL query %q after typing, want ?q=withdraw", got)
	}
	// With the whole index in the page, results follow the keys: a reader
	// typing a key every 120 ms sees results for the word so far once it
	// has three letters, and nothing flashes for its first two.
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	readerWait(t, b, `guidepostSearch.local()`)
	b.Run(t, chromedp.Evaluate(`window.statuses = []; window.announced = [];
new MutationObserver(() => statuses.push(document.getElementById("search-status").textContent))
  .observe(document.getElementById("search-status"), {childList: true, characterData: true, subtree: true});
new MutationObserver(() => announced.push(document.getElementById("search-announce").textContent))
  .observe(document.getElementById("search-announce"), {childList: true, characterData: true, subtree: true});`, nil))
	for _, key := range []string{"w", "i", "t", "h", "d", "r", "a", "w"} {
		b.Run(t, chromedp.SendKeys("#search-q", key, chromedp.ByQuery), chromedp.Sleep(120*time.Millisecond))
	}
	readerWait(t, b, `document.getElementById("search-status").textContent === "1 result for “withdraw”"`)
	statuses := readerEval[[]string](t, b, `statuses`)
	var partial bool
	for _, st := range statuses {
		if strings.Contains(st, "“w”") || strings.Contains(st, "“wi”") {
			t.Errorf("typing showed %q for a word's first letters", st)
		}
		if strings.Contains(st, "“wit") && !strings.Contains(st, "withdraw”") {
			partial = true
		}
	}
	if !partial {
		t.Errorf("typing a key every 120 ms showed %q: want results for the word so far before it was finished", statuses)
	}
	// Screen readers hear the count once typing has paused, not for each
	// letter.
	readerWait(t, b, `document.getElementById("search-announce").textContent === "1 result for “withdraw”"`)
	if got := readerEval[[]string](t, b, `announced`); !reflect.DeepEqual(got, []string{"1 result for “withdraw”"}) {
		t.Errorf("while typing, screen readers were told %q; want only the final count", got)
	}
	// A submitted search is announced at once.
	b.Run(t, chromedp.Evaluate(`document.getElementById("search-q").value = "consent"; document.querySelector("#search form").requestSubmit()`, nil))
	readerWait(t, b, `document.getElementById("search-status").textContent === "4 results for “consent”"`)
	if got := readerEval[string](t, b, `document.getElementById("search-announce").textContent`); got != "4 results for “consent”" {
		t.Errorf("after submitting, screen readers were told %q, want the count at once", got)
	}
	// A site this small has one shard and one document file, which the
	// search page loads once it is idle with the jurisdictions' lists:
	// from then on search works with the network gone, the first query
	// and the filter too.
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	readerWait(t, b, `guidepostSearch.local()`)
	b.Run(t, network.EmulateNetworkConditions(true, 0, -1, -1))
	for _, i := range []int{1, 2, 3, 5, 6} {
		tt := tests[i]
		readerRunQuery(t, b, tt.query)
		if got := readerEval[readerSearchView](t, b, readerResults); got.Status != tt.status || len(got.Titles)+len(tt.titles) > 0 && !reflect.DeepEqual(got.Titles, tt.titles) {
			t.Errorf("offline, %s: %q %q, want %q %q", tt.name, got.Status, got.Titles, tt.status, tt.titles)
		}
	}
	b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
	b.AssertNoConsoleErrors(t)
	b.AssertSameOrigin(t, origin)
}

// readerRunQuery searches on the open search page for what query, a URL
// query string (q=…&j=…), asks.
func readerRunQuery(t *testing.T, b *browsertest.Browser, query string) {
	t.Helper()
	params, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	readerEval[int](t, b, `guidepostSearch.run(`+readerJS(params.Get("q"))+`, `+readerJS(params.Get("j"))+`)`)
}

func readerContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestReaderSearchWithoutJavaScript expects the search page, with
// scripts off, to say that search needs JavaScript and link the lists of
// pages instead.
func TestReaderSearchWithoutJavaScript(t *testing.T) {
	testsite.SkipShort(t, "opens the search page in Chromium with scripts off: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{NoJavaScript: true})
	var text string
	var links []string
	b.Run(t,
		chromedp.Navigate(origin+"/search/?q=consent"),
		chromedp.Text(".search-nojs", &text, chromedp.ByQuery, chromedp.NodeVisible),
		chromedp.Evaluate(`[...document.querySelectorAll(".search-nojs a")].map(a => a.getAttribute("href"))`, &links),
	)
	if !strings.Contains(text, "Search needs JavaScript") {
		t.Errorf("without JavaScript the page says %q, want it to explain that search needs JavaScript", text)
	}
	for _, want := range []string{"/guidance/", "/decide/", "/jurisdictions/"} {
		if !readerContains(links, want) {
			t.Errorf("without JavaScript the page links %q, want %s among them", links, want)
		}
	}
	b.AssertSameOrigin(t, origin)
}

// TestReaderSearchNormalizesLikeTheIndex checks that search.js turns words
// into the same terms as the Go indexer, or queries would miss.
func TestReaderSearchNormalizesLikeTheIndex(t *testing.T) {
	testsite.SkipShort(t, "normalizes words in Chromium and in Go: run without -short")
	t.Parallel()
	origin := browsertest.ServeDir(t, readerShared(t, "testdata/reader/site"))
	b := browsertest.New(t, browsertest.Options{})
	readerVisit(t, b, origin, readerPage{path: "/search/"})
	words := []string{
		"WhatsApp", "Consents", "policies", "phones", "BAAs", "access", "status", "analysis", "days", "gas",
		"Données", "São", "Straße", "Ærø", "ΣΟΦΟΣ", "the", "Your", "x", "5", "2023", "हिंदी",
		"end-to-end", "164.502(e)", "naïve", "CAFÉS", "Łódź", "İstanbul", "abcdefghijklmnopqrstuvwxyzabcdefghijklmno",
		"ﬁle", "x²", "Ⅻ", "ǅemal", "mother-in-law's", "e-mail", "COVID-19",
	}
	for _, w := range words {
		want := search.Terms(w)
		if want == nil {
			want = []string{}
		}
		got := readerEval[[]string](t, b, `guidepostSearch.terms(`+readerJS(w)+`)`)
		if got == nil {
			got = []string{}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("terms of %q: search.js %q, Go %q", w, got, want)
		}
	}
}
