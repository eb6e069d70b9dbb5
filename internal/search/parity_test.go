package search

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/internal/testsite"
)

// parityJS runs static/js/search.js's tokenizing and normalizing under
// Node, with the stemmers of static/js/snowball-*.js (argv[1], a JSON list
// of their paths, as search pages load one each): it reads
// {"m": manifest fields, "text": …} on stdin and writes [[word, term], …].
const parityJS = `
JSON.parse(process.argv[1]).forEach(function (f) { require(f); });
import(require('url').pathToFileURL(process.argv[2]).href).then(function (search) {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(search.textTerms(input.m, input.text)));
});
`

// jsFiles returns the paths of static/js/snowball-runtime.js and
// snowball-*.js, classic scripts in the order a page loads them (as a
// JSON list, for parityJS), and of a copy of the module static/js/search.js, with the dom.js it
// imports, in a folder whose package.json says its .js files are ES
// modules, as Node needs to be told.
func jsFiles(t *testing.T) (stemmers, search string) {
	t.Helper()
	src := filepath.Join("..", "..", "static", "js")
	var paths []string
	for _, name := range append([]string{"runtime"}, slices.Sorted(maps.Keys(snowball))...) {
		p, err := filepath.Abs(filepath.Join(src, "snowball-"+name+".js"))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	list, err := json.Marshal(paths)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"search.js", "dom.js"} {
		data, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"type": "module"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return string(list), filepath.Join(dir, "search.js")
}

// TestGoAndJavaScriptAgree feeds the same text (testdata/parity, a few
// hundred words in each language with a stemmer, and text of scripts
// written without spaces) to the Go indexer and to search.js under Node,
// and expects the same words with the same terms: a word the browser
// normalizes differently from the index is a word search cannot find.
func TestGoAndJavaScriptAgree(t *testing.T) {
	testsite.SkipShort(t, "runs search.js under Node on text in every language: run without -short")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to run search.js: %v", err)
	}
	snowball, search := jsFiles(t)
	tests := []struct{ file, lang string }{
		{"en.txt", "en"}, {"es.txt", "es"}, {"pt.txt", "pt-BR"}, {"fr.txt", "fr"}, {"de.txt", "de"},
		{"zh.txt", "zh"}, {"ja.txt", "ja"}, {"ko.txt", "ko"}, {"th.txt", "th"}, {"ar.txt", "ar"},
		{"edge.txt", "en"}, {"edge.txt", "de"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.file, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join("testdata", "parity", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			l := LanguageOf(tt.lang)
			in, err := json.Marshal(map[string]any{
				"m":    map[string]string{"lang": l.Code(), "stem": l.Stemmer(), "stop": strings.Join(l.StopWords(), " "), "fold": FoldTable()},
				"text": string(text),
			})
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(node, "-e", parityJS, snowball, search)
			cmd.Stdin = strings.NewReader(string(in))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, stderr(err))
			}
			var got [][2]string
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("node wrote %.200s: %v", out, err)
			}
			var want [][2]string
			stemmed := 0
			for _, tok := range l.Tokens(string(text)) {
				w := string(text[tok.Start:tok.End])
				want = append(want, [2]string{w, tok.Term})
				if tok.Term != "" && tok.Term != fold(lower(w)) {
					stemmed++
				}
			}
			if len(want) < 20 {
				t.Fatalf("only %d words in %s", len(want), tt.file)
			}
			if l.Stemmer() != "" && tt.file != "edge.txt" && stemmed < len(want)/5 {
				t.Errorf("only %d of %d words stemmed: is the stemmer running?", stemmed, len(want))
			}
			bad := 0
			for i := range max(len(got), len(want)) {
				var g, w [2]string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					bad++
					if bad <= 10 {
						t.Errorf("word %d: search.js %q → %q, Go %q → %q", i, g[0], g[1], w[0], w[1])
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d words differ", bad, len(want))
			}
			t.Logf("%d words, %d stemmed, all the same", len(want), stemmed)
		})
	}
}

func stderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// packsJS runs search.js's reading of the manifest's lens under Node: it reads
// {"m": manifest, "lens": the lens} on stdin and writes
// where each document's entry is in its pack, [[first byte, length], …].
const packsJS = `
JSON.parse(process.argv[1]).forEach(function (f) { require(f); });
import(require('url').pathToFileURL(process.argv[2]).href).then(function (search) {
  const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  process.stdout.write(JSON.stringify(search.lens(input.m, input.lens)));
});
`

// TestGoAndJavaScriptAgreeOnPacks builds an index of many document packs
// and expects the byte ranges search.js computes from the manifest and
// its lens to hold each document's entry: a range one byte off is a
// result the browser cannot show.
func TestGoAndJavaScriptAgreeOnPacks(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is needed to run search.js: %v", err)
	}
	snowball, search := jsFiles(t)
	docs := syntheticDocs(300)
	docs[7].Sections = append(docs[7].Sections, Section{Heading: "Ünïcode", Text: strings.Repeat("日本語のテキスト ", 900)}) // bigger than a pack
	idx := mustBuild(t, docs, Options{PackBytes: 8 << 10})
	r := newReader(t, idx)
	if len(r.m.DocPacks) < 10 || r.m.Lens == "" {
		t.Fatalf("%d document packs, lens %q: the test wants many", len(r.m.DocPacks), r.m.Lens)
	}
	in, err := json.Marshal(map[string]any{"m": r.m, "lens": r.m.Lens})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", packsJS, snowball, search)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr(err))
	}
	var ranges [][2]int
	if err := json.Unmarshal(out, &ranges); err != nil || len(ranges) != len(docs) {
		t.Fatalf("node wrote %.200s (%v), want %d ranges", out, err, len(docs))
	}
	id := 0
	for n, count := range r.m.DocPacks {
		for range count {
			var e docEntry
			rg := ranges[id]
			if err := json.Unmarshal(r.slice(n, rg[0], rg[1]), &e); err != nil || e.URL != r.meta(id).URL {
				t.Errorf("document %d: search.js reads bytes %d+%d of pack %d: %q (%v), want %s", id, rg[0], rg[1], n, e.URL, err, r.meta(id).URL)
			}
			id++
		}
	}
}

// TestSnowballFiles checks static/js/snowball-*.js against the Go side:
// one file for each language with a stemmer in Go (the search page loads
// the one of its index's language, layouts/search.html), each registering
// that language only, and the vendored runtime they share once, in
// snowball-runtime.js, and in no language's file.
func TestSnowballFiles(t *testing.T) {
	src := filepath.Join("..", "..", "static", "js")
	files, err := filepath.Glob(filepath.Join(src, "snowball*.js"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(snowball)+1 {
		t.Errorf("static/js has %d snowball*.js files (%q), want the runtime and one for each of Go's %d stemmers", len(files), files, len(snowball))
	}
	const begin, end = "// --- snowball-stemmers 0.6.0: runtime ---\n", "// --- end of runtime ---\n"
	runtime, err := os.ReadFile(filepath.Join(src, "snowball-runtime.js"))
	if err != nil {
		t.Fatal(err)
	}
	if i, j := strings.Index(string(runtime), begin), strings.Index(string(runtime), end); i < 0 || j < i {
		t.Errorf("snowball-runtime.js: no vendored runtime between %q and %q", begin, end)
	}
	for code := range snowball {
		data, err := os.ReadFile(filepath.Join(src, "snowball-"+code+".js"))
		if err != nil {
			t.Errorf("language %q has a stemmer in Go: %v", code, err)
			continue
		}
		s := string(data)
		if strings.Contains(s, begin) || strings.Contains(s, "var SnowballProgram = function") {
			t.Errorf("snowball-%s.js holds a copy of the runtime: it takes snowball-runtime.js's", code)
		}
		if n := strings.Count(s, "algorithms."); n != 1 || !strings.Contains(s, "algorithms."+code+" = ") {
			t.Errorf("snowball-%s.js registers %d stemmers, want its own (algorithms.%s) only", code, n, code)
		}
	}
	// The search page loads the file of the languages it lists.
	layout, err := os.ReadFile(filepath.Join("..", "..", "layouts", "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(layout), `{{- if eq $code `)
	list, _, _ = strings.Cut(list, "}}")
	var listed []string
	for _, f := range strings.Fields(list) {
		listed = append(listed, strings.Trim(f, `"`))
	}
	slices.Sort(listed)
	want := slices.Sorted(maps.Keys(snowball))
	if !ok || !slices.Equal(listed, want) {
		t.Errorf("layouts/search.html loads the stemmers of %q, want those of %q", listed, want)
	}
}
