package review

import (
	"fmt"
	"io"
	"strings"
)

// Format is how a report is written.
type Format string

// The formats of a report.
const (
	Text     Format = "text"     // for a terminal
	Markdown Format = "markdown" // a document a reviewer signs
)

// answers spells out a path's answers.
func answers(a []string) string {
	if len(a) == 0 {
		return "(the start)"
	}
	return strings.Join(a, " › ")
}

func end(p Path) string {
	if p.Outcome == "" {
		return "no outcome"
	}
	return fmt.Sprintf("%s (%s, %s)", p.Title, p.Verdict, p.Outcome)
}

// Section is a titled list of lines of a report.
type Section struct {
	Title string
	Lines []string
}

// Sections turns a report into its sections, in the order a reviewer
// reads them: what changed a verdict first.
func (r *Report) Sections() []Section {
	var out []Section
	add := func(title string, lines []string) {
		if len(lines) > 0 {
			out = append(out, Section{title, lines})
		}
	}
	var verdicts, moved, added, removed []string
	for _, c := range r.VerdictChanged {
		flag := ""
		if c.Permissive {
			flag = " — MORE PERMISSIVE"
		}
		verdicts = append(verdicts, fmt.Sprintf("%s: %s → %s%s; now %s, was %s", answers(c.Answers), c.Old.Verdict, c.New.Verdict, flag, end(c.New), end(c.Old)))
	}
	for _, c := range r.MovedOutcome {
		moved = append(moved, fmt.Sprintf("%s: now %s, was %s", answers(c.Answers), end(c.New), end(c.Old)))
	}
	for _, p := range r.PathsAdded {
		added = append(added, fmt.Sprintf("%s → %s", answers(p.Answers), end(p)))
	}
	for _, p := range r.PathsRemoved {
		removed = append(removed, fmt.Sprintf("%s → %s", answers(p.Answers), end(p)))
	}
	nodes := func(list []NodeChange) []string {
		var lines []string
		for _, n := range list {
			lines = append(lines, fmt.Sprintf("%s (%q): %s", n.ID, n.Title, strings.Join(n.What, "; ")))
		}
		return lines
	}
	add("Paths whose verdict changed", verdicts)
	add("Paths that now end at another outcome", moved)
	add("Paths added", added)
	add("Paths removed", removed)
	add("Questions and outcomes added", nodes(r.NodesAdded))
	add("Questions and outcomes removed", nodes(r.NodesRemoved))
	add("Questions and outcomes changed", nodes(r.NodesChanged))
	add("Scenarios", r.Scenarios)
	return out
}

// Write writes the reports of a comparison with rev in format f.
func Write(w io.Writer, reports []*Report, rev string, f Format) error {
	changed := 0
	for _, r := range reports {
		if !r.Empty() {
			changed++
		}
	}
	var b strings.Builder
	if f == Markdown {
		fmt.Fprintf(&b, "# Decision tool changes since %s\n\n", rev)
		if changed == 0 {
			b.WriteString("No change to any decision tree.\n")
		}
		for _, r := range reports {
			if r.Empty() {
				continue
			}
			fmt.Fprintf(&b, "## Tree `%s`\n\n", r.Tree)
			if r.Permissive() {
				b.WriteString("> **A verdict became more permissive.** Check the paths marked MORE PERMISSIVE against their sources before signing.\n\n")
			}
			for _, s := range r.Sections() {
				fmt.Fprintf(&b, "### %s (%d)\n\n", s.Title, len(s.Lines))
				for _, l := range s.Lines {
					fmt.Fprintf(&b, "- %s\n", l)
				}
				b.WriteString("\n")
			}
		}
		b.WriteString("## Sign-off\n\n| | |\n|---|---|\n| Reviewed by | |\n| Role | |\n| Date | |\n| Decision | approved / changes needed |\n")
	} else {
		if changed == 0 {
			fmt.Fprintf(&b, "no change to any decision tree since %s\n", rev)
		}
		for _, r := range reports {
			if r.Empty() {
				continue
			}
			fmt.Fprintf(&b, "tree %s, changes since %s:\n", r.Tree, rev)
			for _, s := range r.Sections() {
				fmt.Fprintf(&b, "  %s (%d):\n", s.Title, len(s.Lines))
				for _, l := range s.Lines {
					fmt.Fprintf(&b, "    %s\n", l)
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
