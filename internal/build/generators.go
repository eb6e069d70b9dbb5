package build

import (
	"bytes"
	"maps"

	"github.com/guidepost/guidepost/internal/diag"
	"github.com/guidepost/guidepost/internal/site"
)

// generator makes some of the generated files (see generators). A full
// build runs every generator; an Incremental build reruns one only when
// what it reads changed, and runs slow ones after the pages are published
// (see Incremental.Finish).
type generator struct {
	name  string
	reads reads
	// slow generators may take long: the search index of a big site.
	slow bool
	// make writes the generator's files into out. workers bounds the
	// goroutines it may use (0: one per core).
	make func(s *site.Site, out map[string][]byte, diags *diag.List, workers int)
}

// reads is a set of the sources a generator's output depends on.
type reads int

const (
	// readsConfig is guidepost.yaml.
	readsConfig reads = 1 << iota
	// readsContent is anything under content/ (pages, trees).
	readsContent
)

// run makes a generator's files, by logical name, and its problems.
func (g generator) run(s *site.Site, workers int) (map[string][]byte, diag.List) {
	out := map[string][]byte{}
	var diags diag.List
	g.make(s, out, &diags, workers)
	return out, diags
}

// generate runs the generators whose sources changed: fast ones now, slow
// ones only on a full build or when they never ran (else Finish runs them
// later, and their last files stand in meanwhile).
func (b *Incremental) generate(s *site.Site, full bool) {
	for _, g := range generators {
		_, ran := b.gen[g.name]
		if ran && (!b.stale[g.name] || g.slow && !full) {
			continue
		}
		out, diags := g.run(s, b.opts.SearchWorkers)
		b.setGenerated(g.name, out, diags)
	}
}

// setGenerated records a generator's files, counting changes, and
// reports whether they changed.
func (b *Incremental) setGenerated(name string, out map[string][]byte, diags diag.List) bool {
	old, ok := b.gen[name]
	changed := !ok || !maps.EqualFunc(old, out, bytes.Equal)
	if changed {
		b.genVersion++
	}
	b.gen[name], b.genDiag[name], b.stale[name] = out, diags, false
	return changed
}

// pendingSlow reports whether a slow generator has changes to catch up on.
func (b *Incremental) pendingSlow() bool {
	for _, g := range generators {
		if g.slow && b.stale[g.name] {
			return true
		}
	}
	return false
}

// generated is every generator's latest files.
func (b *Incremental) generated() map[string][]byte {
	all := map[string][]byte{}
	for _, g := range generators {
		maps.Copy(all, b.gen[g.name])
	}
	return all
}
