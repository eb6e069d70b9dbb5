package e2e

import (
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"

	"github.com/guidepost/guidepost/internal/browsertest"
	"github.com/guidepost/guidepost/internal/testsite"
)

// TestReaderSearchLanguages searches sites written in Chinese, Spanish
// and Arabic (testdata/langs/<language>, each with `language:` set) as a
// reader would, with the network turned off once the search page has
// loaded its index: a two-character Chinese word, a Spanish word in an
// inflected form the pages do not use, and Arabic words written with and
// without vowel marks and a stretched letter. Each page loads the
// Snowball stemmer of its language only (none for Chinese and Arabic). The
// Arabic search page passes axe-core.
func TestReaderSearchLanguages(t *testing.T) {
	testsite.SkipShort(t, "builds three sites and searches each in Chromium: run without -short")
	t.Parallel()
	axe := readerAxeSource(t)
	tests := []struct {
		lang    string
		queries []struct {
			q      string
			titles []string // the results, best first
			marks  []string // every highlighted run of text
		}
	}{
		{"zh", []struct {
			q      string
			titles []string
			marks  []string
		}{
			{"备份", []string{"加密与备份"}, []string{"备份"}},
			{"加密", []string{"加密与备份", "搜索测试站点"}, []string{"加密"}},
			{"患者同意", []string{"患者同意", "搜索测试站点"}, []string{"患者同意", "同意"}},
			{"备", []string{"加密与备份"}, []string{"备份"}}, // a lone character finds the words it begins
		}},
		{"es", []struct {
			q      string
			titles []string
			marks  []string
		}{
			// The page says "documentarse" and "receta"; a reader asks for
			// other forms of the same words.
			{"documentado", []string{"Recetas y derivaciones"}, []string{"documentarse"}},
			{"receta medicos", []string{"Recetas y derivaciones"}, []string{"Recetas", "receta", "médico"}},
			{"cifradas", []string{"Cifrado y copias de seguridad", "Sitio de prueba de búsqueda"}, []string{"Cifrado", "cifrado", "cifradas"}},
		}},
		{"ar", []struct {
			q      string
			titles []string
			marks  []string
		}{
			{"موافقة", []string{"موافقة المريض"}, []string{"موافقة", "الموافقة", "مُوافَقَةِ"}},
			{"مُوافَقَة", []string{"موافقة المريض"}, []string{"موافقة", "الموافقة", "مُوافَقَةِ"}},
			{"الحصول", []string{"موافقة المريض"}, []string{"الحصـــول"}},
			{"التشفير", []string{"التشفير والنسخ الاحتياطي", "موقع اختبار البحث"}, []string{"التشفير"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			origin := browsertest.ServeDir(t, readerBuild(t, "testdata/langs/"+tt.lang))
			b := browsertest.New(t, browsertest.Options{})
			readerVisit(t, b, origin, readerPage{path: "/search/"})
			readerWait(t, b, `guidepostSearch.local()`)
			// The page loads the Snowball stemmer of its language and no
			// other, after the runtime stemmers share: Spanish's; none, nor
			// the runtime, for Chinese and Arabic.
			stemmers := readerEval[[]string](t, b, `performance.getEntriesByType('resource').map(e => e.name).filter(n => /\/snowball/.test(n)).map(n => n.replace(/^.*\/(snowball[^./]*).*$/, '$1'))`)
			if want := map[string][]string{"es": {"snowball-runtime", "snowball-es"}}[tt.lang]; !reflect.DeepEqual(stemmers, want) && (len(stemmers) > 0 || len(want) > 0) {
				t.Errorf("the %s search page loads stemmers %q, want %q", tt.lang, stemmers, want)
			}
			b.Run(t, network.EmulateNetworkConditions(true, 0, -1, -1))
			for _, q := range tt.queries {
				n := readerEval[int](t, b, `guidepostSearch.run(`+readerJS(q.q)+`, "")`)
				v := readerEval[readerSearchView](t, b, readerResults)
				if n != len(q.titles) || !reflect.DeepEqual(v.Titles, q.titles) {
					t.Errorf("offline, %q: %d results %q, want %q (status %q)", q.q, n, v.Titles, q.titles, v.Status)
				}
				for _, m := range v.Marks {
					if !readerContains(q.marks, m) {
						t.Errorf("%q highlights %q, want only %q", q.q, m, q.marks)
					}
				}
				if len(v.Marks) == 0 {
					t.Errorf("%q highlights nothing", q.q)
				}
			}
			b.Run(t, network.EmulateNetworkConditions(false, 0, -1, -1))
			if tt.lang == "ar" {
				for _, v := range readerAxe(t, b, axe) {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, "\n    "+n.Target+": "+strings.ReplaceAll(n.Summary, "\n", " "))
					}
					t.Errorf("Arabic search page: %s: %s%s", v.ID, v.Help, strings.Join(where, ""))
				}
			}
			b.AssertNoConsoleErrors(t)
			b.AssertSameOrigin(t, origin)
		})
	}
}
