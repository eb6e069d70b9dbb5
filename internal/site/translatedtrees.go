package site

import (
	"cmp"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/guidepost/guidepost/decision"
	"github.com/guidepost/guidepost/internal/diag"
)

// checkTranslatedTrees reports every way a translated decision tree
// differs in structure from the default language's: a translation may
// change the words a reader sees, never where an answer leads, which
// verdict it reaches or on which sources it rests. Each problem is at the
// translation's line.
func (s *Site) checkTranslatedTrees(diags *diag.List) {
	originals := map[string]*decision.Tree{}
	for _, t := range s.Trees {
		originals[t.ID] = t
	}
	for _, v := range s.Languages {
		if v.Language.Default {
			continue
		}
		for _, t := range v.Trees {
			o := originals[t.ID]
			if o == nil {
				diags.Add(t.Pos.File, t.Pos.Line, "translated decision tree "+strconv.Quote(t.ID)+" has no original: "+v.langBase(t.Pos.File)+" does not exist or is not a tree; translate an existing tree, keeping its folder and file names")
				continue
			}
			compareTrees(diags, o, t, v.Language.Code)
			for _, n := range t.Nodes {
				checkTranslatedLabels(diags, n)
			}
		}
	}
}

// checkTranslatedLabels reports a translated question's empty labels and
// labels that are the same but for letter case, which the tree validator
// reports in an original but does not see in a translation: it never
// runs on one, whose structure is the original's.
func checkTranslatedLabels(diags *diag.List, n *decision.Node) {
	seen := map[string]int{}
	for i, o := range n.Options {
		label := strings.TrimSpace(o.Label)
		if label == "" {
			diags.Add(o.Pos.File, o.Pos.Line, "option "+strconv.Itoa(i+1)+" of question "+strconv.Quote(n.ID)+" has an empty label; write the answer the reader will choose")
			continue
		}
		first, dup := seen[strings.ToLower(label)]
		if !dup {
			seen[strings.ToLower(label)] = i
			continue
		}
		other := n.Options[first]
		what := " is used twice in question "
		if strings.TrimSpace(other.Label) != label {
			what = " differs only in letter case from " + strconv.Quote(other.Label) + " in question "
		}
		diags.Add(o.Pos.File, o.Pos.Line, "option label "+strconv.Quote(o.Label)+what+strconv.Quote(n.ID)+
			" (also at line "+strconv.Itoa(other.Pos.Line)+"); give each option a different label")
	}
}

// compareTrees reports how the translated tree t differs in structure
// from its original o.
func compareTrees(diags *diag.List, o, t *decision.Tree, code string) {
	if t.Start != o.Start {
		diags.Add(t.Pos.File, t.Pos.Line, "start is "+strconv.Quote(t.Start)+" but the original's ("+o.Pos.File+") is "+strconv.Quote(o.Start)+": a translation keeps the tree's structure; set start: "+o.Start)
	}
	for _, on := range o.Nodes {
		if t.Node(on.ID) == nil {
			diags.Add(t.Pos.File, t.Pos.Line, "the translation has no node "+strconv.Quote(on.ID)+": translate "+on.Pos.File+" as "+translatedName(on.Pos.File, code)+", so that every answer leads to a page in this language")
		}
	}
	for _, n := range t.Nodes {
		on := o.Node(n.ID)
		if on == nil {
			diags.Add(n.Pos.File, n.Pos.Line, "node "+strconv.Quote(n.ID)+" is not in the original tree ("+path.Dir(o.Pos.File)+"/): a translation has the original's nodes only; remove it or rename it after the node it translates")
			continue
		}
		compareNodes(diags, on, n)
	}
}

// compareNodes reports how a translated node differs in structure from
// its original: options and where they lead, verdict, sources.
func compareNodes(diags *diag.List, o, n *decision.Node) {
	name := strconv.Quote(n.ID)
	if len(n.Options) != len(o.Options) {
		diags.Add(n.Pos.File, lineOr(n.Lines["options"], n.Pos.Line), name+" has "+strconv.Itoa(len(n.Options))+" options but the original ("+o.Pos.File+") has "+strconv.Itoa(len(o.Options))+": translate each option's label and keep the options as they are")
	}
	for i := range min(len(n.Options), len(o.Options)) {
		if n.Options[i].Next != o.Options[i].Next {
			diags.Add(n.Pos.File, n.Options[i].Pos.Line, name+" option "+strconv.Itoa(i+1)+" ("+strconv.Quote(n.Options[i].Label)+") leads to "+strconv.Quote(n.Options[i].Next)+" but in the original to "+strconv.Quote(o.Options[i].Next)+": keep next: "+o.Options[i].Next)
		}
	}
	if n.Verdict != o.Verdict {
		diags.Add(n.Pos.File, lineOr(n.Lines["verdict"], n.Pos.Line), name+" has the verdict "+strconv.Quote(string(n.Verdict))+" but the original ("+o.Pos.File+") "+strconv.Quote(string(o.Verdict))+": a translation never changes a verdict; set verdict: "+string(o.Verdict))
	}
	if missing, extra := diffSources(o.Sources, n.Sources); len(missing)+len(extra) > 0 {
		var parts []string
		if len(missing) > 0 {
			parts = append(parts, "it lacks "+strings.Join(missing, ", "))
		}
		if len(extra) > 0 {
			parts = append(parts, "it adds "+strings.Join(extra, ", "))
		}
		diags.Add(n.Pos.File, lineOr(n.Lines["sources"], n.Pos.Line), name+" cites other sources than the original ("+o.Pos.File+"): "+strings.Join(parts, "; ")+"; copy the original's sources:")
	}
}

// diffSources returns the URLs of sources a has and b lacks, and those b
// has and a lacks.
func diffSources(a, b []decision.Source) (missing, extra []string) {
	urls := func(ss []decision.Source) []string {
		out := make([]string, 0, len(ss))
		for _, s := range ss {
			out = append(out, cmp.Or(s.URL, s.Title))
		}
		return out
	}
	ua, ub := urls(a), urls(b)
	for _, u := range ua {
		if !slices.Contains(ub, u) {
			missing = append(missing, u)
		}
	}
	for _, u := range ub {
		if !slices.Contains(ua, u) {
			extra = append(extra, u)
		}
	}
	return missing, extra
}

func lineOr(line, def int) int {
	if line > 0 {
		return line
	}
	return def
}

// translatedName is the name of a content file's translation into a
// language: content/a/b.md → content/a/b.es.md.
func translatedName(file, code string) string {
	return strings.TrimSuffix(file, ".md") + "." + code + ".md"
}
