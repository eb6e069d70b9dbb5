package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/guidepost/guidepost/internal/corpus"
)

// multiReport is what the multilingual shape measured: each build beside
// the same corpus built as one language, and each language's search index.
type multiReport struct {
	rows   []multiRow
	search []searchSize
	// sourceOne and sourceMulti are the bytes of Markdown of each site.
	sourceOne, sourceMulti int64
}

// multiRow is one measured build and the row it is compared with.
type multiRow struct {
	*series
	files int
	base  string // the row of the same generator's one-language build; "" for itself
}

// searchSize is the search index of one language of one site: the files
// below its search/ folder (the search page, the manifest and the packs).
type searchSize struct {
	site, lang, folder string
	files              int
	bytes              int64
}

// multiRows are the names of the multilingual shape's builds.
func multiRows() (oneLang, multiLang, hugoOne, hugoMulti string) {
	n := len(corpus.Languages())
	return "guidepost build, one language, cold (caches off)",
		fmt.Sprintf("guidepost build, %d languages, cold (caches off)", n),
		"Hugo (full build), one language",
		fmt.Sprintf("Hugo (full build), %d languages", n)
}

// multiCommands are the builds of the multilingual shape: guidepost (and
// Hugo unless -hugo=false) on the one-language site and on the
// multilingual one, each into a new output folder, with no cache.
func (h *harness) multiCommands() (cmds []command, dests []string, bases []string) {
	oneLang, multiLang, hugoOne, hugoMulti := multiRows()
	gp := func(name, source, dest string) command {
		return command{name: name, args: []string{h.bins.guidepost, "build", "--source", source, "--dest", dest},
			env: []string{"GUIDEPOST_CACHE=off"}, before: removeAll(dest), expect: "built "}
	}
	hugo := func(name, source, dest string) command {
		return command{name: name, args: []string{h.bins.hugo, "--source", source, "--destination", dest, "--quiet"},
			before: removeAll(dest, filepath.Join(source, "resources"))}
	}
	out := filepath.Join(h.work, "out")
	add := func(c command, dest, base string) {
		cmds, dests, bases = append(cmds, c), append(dests, dest), append(bases, base)
	}
	add(gp(oneLang, h.sites.guidepostOne, filepath.Join(out, "guidepost-one")), filepath.Join(out, "guidepost-one"), "")
	add(gp(multiLang, h.sites.guidepost, filepath.Join(out, "guidepost")), filepath.Join(out, "guidepost"), oneLang)
	if h.opts.hugo {
		add(hugo(hugoOne, h.sites.hugoOne, filepath.Join(out, "hugo-one")), filepath.Join(out, "hugo-one"), "")
		add(hugo(hugoMulti, h.sites.hugo, filepath.Join(out, "hugo")), filepath.Join(out, "hugo"), hugoOne)
	}
	return cmds, dests, bases
}

// measureMultilingual checks that every site builds, then measures each
// build runs times, alternating between them, and sizes each language's
// search index. The dev server is not measured for this shape.
func (h *harness) measureMultilingual(rep *report) error {
	if h.opts.hugo {
		rep.hugoVersion = hugoVersion(h.bins.hugo)
		h.progress("%s", rep.hugoVersion)
	}
	scratch := filepath.Join(h.work, "scratch")
	if err := os.MkdirAll(scratch, 0o755); err != nil {
		return err
	}
	cmds, dests, bases := h.multiCommands()
	m := &multiReport{
		sourceOne:   treeSize(filepath.Join(h.sites.guidepostOne, "content")),
		sourceMulti: treeSize(filepath.Join(h.sites.guidepost, "content")),
	}
	for i, c := range cmds {
		if _, err := measure(c, -1, scratch); err != nil {
			return fmt.Errorf("first build: %w", err)
		}
		m.rows = append(m.rows, multiRow{series: &series{name: c.name}, files: countFiles(dests[i]), base: bases[i]})
	}
	m.search = append(m.search, searchOf("one language", "all", dests[0], ""))
	for j, l := range corpus.Languages() {
		prefix := l.Code + "/"
		if j == 0 {
			prefix = ""
		}
		m.search = append(m.search, searchOf(fmt.Sprintf("%d languages", len(corpus.Languages())), l.Code, dests[1], prefix))
	}
	all := make([]*series, len(m.rows))
	for i, r := range m.rows {
		all[i] = r.series
	}
	if err := h.runAlternately(rep, cmds, all, scratch); err != nil {
		return err
	}
	rep.multi = m
	return nil
}

// searchOf sizes the search index of the language published under prefix
// in the output folder dest.
func searchOf(site, lang, dest, prefix string) searchSize {
	s := searchSize{site: site, lang: lang, folder: "/" + prefix + "search/"}
	filepath.WalkDir(filepath.Join(dest, prefix, "search"), func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				s.files++
				s.bytes += info.Size()
			}
		}
		return nil
	})
	return s
}

// writeMultilingual prints the multilingual shape's report.
func (r *report) writeMultilingual(w io.Writer) {
	m := r.multi
	n := len(corpus.Languages())
	fmt.Fprintf(w, "## %d short pages: one language, and %d languages of %d pages each\n\n", r.pages, n, r.pages/n)
	fmt.Fprintf(w, "- machine: %d CPUs, %s, %s/%s, %s\n", runtime.NumCPU(), cpuModel(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if r.hugoVersion != "" {
		fmt.Fprintf(w, "- %s\n", r.hugoVersion)
	}
	fmt.Fprintf(w, "- corpus: %d pages (%d originals, each in %d languages) in %d sections; Markdown: one language %.1f MB, %d languages %.1f MB (with translated _index.md)\n",
		r.pages, r.pages/n, n, r.sections, float64(m.sourceOne)/1e6, n, float64(m.sourceMulti)/1e6)
	fmt.Fprintf(w, "- medians of %d runs each, run alternately; date %s\n", r.runs, time.Now().Format("2006-01-02"))
	fmt.Fprintf(w, "- load average (1, 5, 15 min) before the runs: %s; after: %s\n\n", r.loadBefore, r.loadAfter)
	fmt.Fprintln(w, "| build | wall | CPU (user+sys) | peak RSS | output files | wall vs one language | CPU vs one language | peak RSS vs one language |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|")
	byName := map[string]multiRow{}
	for _, row := range m.rows {
		byName[row.name] = row
	}
	for _, row := range m.rows {
		base, ok := byName[row.base]
		if !ok {
			base = row
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %d | %s | %s | %s |\n", row.name, ms(row.medianWall()), ms(row.medianCPU()), mib(row.medianRSS()), row.files,
			ratio(row.medianWall(), base.medianWall()), ratio(row.medianCPU(), base.medianCPU()), ratio(row.medianRSS(), base.medianRSS()))
	}
	fmt.Fprintln(w, "\nSearch index (every file below each language's search/ folder, the search page included):")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| site | language | folder | files | bytes |")
	fmt.Fprintln(w, "|---|---|---|--:|--:|")
	var files int
	var bytes int64
	for i, s := range m.search {
		fmt.Fprintf(w, "| %s | %s | `%s` | %d | %d (%.1f MiB) |\n", s.site, s.lang, s.folder, s.files, s.bytes, float64(s.bytes)/(1<<20))
		if i > 0 {
			files += s.files
			bytes += s.bytes
		}
	}
	fmt.Fprintf(w, "| %d languages | all | | %d | %d (%.1f MiB) |\n", n, files, bytes, float64(bytes)/(1<<20))
	fmt.Fprintln(w, "\nThe dev server is not measured for this shape.")
}
