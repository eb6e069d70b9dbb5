package decision

import (
	"slices"
	"strconv"
	"strings"
)

// ScenarioResult is the outcome of running one scenario.
type ScenarioResult struct {
	Scenario Scenario
	Reached  string // ID of the node the answers led to
	Problem  string // "" when the scenario passed; else what is wrong and what to do
}

// Coverage says how much of a tree its scenarios exercise.
type Coverage struct {
	Outcomes, OutcomesReached, Options, OptionsTaken int
	MissedOutcomes                                   []string // IDs of outcomes no scenario reaches
	MissedOptions                                    []string // "node-id: label" of options no scenario takes
}

// String summarises the coverage, e.g. "scenarios reach 12/12 outcomes and
// take 31/31 options".
func (c Coverage) String() string {
	return "scenarios reach " + strconv.Itoa(c.OutcomesReached) + "/" + strconv.Itoa(c.Outcomes) +
		" outcomes and take " + strconv.Itoa(c.OptionsTaken) + "/" + strconv.Itoa(c.Options) + " options"
}

// RunScenarios walks every scenario from the start and reports, in order,
// where each ended and what went wrong; the coverage counts the outcomes
// reached and options taken by all runs, passing or not.
func (t *Tree) RunScenarios() ([]ScenarioResult, Coverage) {
	x := t.index()
	taken := make([][]bool, len(t.Nodes))
	reached := make([]bool, len(t.Nodes))
	results := make([]ScenarioResult, len(t.Scenarios))
	for i, sc := range t.Scenarios {
		r := t.runScenario(i, sc, func(s Step, n *Node) {
			q := x.byID[s.Question.ID]
			if taken[q] == nil {
				taken[q] = make([]bool, len(s.Question.Options))
			}
			taken[q][s.Option] = true
			reached[x.byID[n.ID]] = true
		})
		results[i] = r
	}
	var c Coverage
	for i, n := range t.Nodes {
		if x.byID[n.ID] != i {
			continue // a duplicate: the engine never visits it
		}
		if n.IsOutcome() {
			c.Outcomes++
			if reached[i] {
				c.OutcomesReached++
			} else {
				c.MissedOutcomes = append(c.MissedOutcomes, n.ID)
			}
		}
		for k, o := range n.Options {
			c.Options++
			if taken[i] != nil && taken[i][k] {
				c.OptionsTaken++
			} else {
				c.MissedOptions = append(c.MissedOptions, n.ID+": "+o.Label)
			}
		}
	}
	return results, c
}

// runScenario walks scenario number i (0-based), calling visit for each
// answer taken with the node it led to.
func (t *Tree) runScenario(i int, sc Scenario, visit func(Step, *Node)) ScenarioResult {
	r := ScenarioResult{Scenario: sc}
	name := "scenario " + strconv.Itoa(i+1)
	if sc.Name != "" {
		name += " (" + strconv.Quote(sc.Name) + ")"
	}
	s := t.Begin()
	if s.cur == nil {
		r.Problem = name + " cannot run: start " + strconv.Quote(t.Start) + " is not a node of this tree; fix start: first"
		return r
	}
	for k, label := range sc.Answers {
		cur := s.cur
		switch {
		case cur.IsOutcome():
			r.Reached = cur.ID
			r.Problem = name + " reaches outcome " + strconv.Quote(cur.ID) + " after " + countAnswers(k) +
				" " + formatAnswers(sc.Answers[:k]) + " but gives " + strconv.Itoa(len(sc.Answers)-k) +
				" more " + formatAnswers(sc.Answers[k:]) + "; remove the extra answers or fix the earlier ones"
			return r
		case len(cur.Options) == 0:
			r.Reached = cur.ID
			r.Problem = name + " reaches " + strconv.Quote(cur.ID) + ", which has neither options nor a verdict, after " +
				countAnswers(k) + " " + formatAnswers(sc.Answers[:k]) + "; fix that node first (" + verdictHint + ")"
			return r
		}
		opt := slices.IndexFunc(cur.Options, func(o Option) bool { return o.Label == label })
		if opt < 0 {
			r.Reached = cur.ID
			r.Problem = name + ": answer " + strconv.Itoa(k+1) + " " + strconv.Quote(label) +
				" is not an option of question " + strconv.Quote(cur.ID) + "; valid answers: " + quoteLabels(cur.Options)
			return r
		}
		if err := s.Answer(opt); err != nil {
			r.Reached = cur.ID
			r.Problem = name + ": answer " + strconv.Itoa(k+1) + " " + strconv.Quote(label) + " leads to " +
				strconv.Quote(cur.Options[opt].Next) + ", which is not a node of this tree; fix that option's next: first"
			return r
		}
		visit(Step{Question: cur, Option: opt}, s.cur)
	}
	r.Reached = s.cur.ID
	if len(s.cur.Options) == 0 && !s.cur.IsOutcome() {
		r.Problem = name + " ends at " + strconv.Quote(s.cur.ID) + " after " + countAnswers(len(sc.Answers)) +
			" " + formatAnswers(sc.Answers) + ", but that node has no verdict, so it is not an outcome; " + verdictHint
		return r
	}
	if !s.cur.IsOutcome() {
		r.Problem = name + " stops at question " + strconv.Quote(s.cur.ID) + " after " + countAnswers(len(sc.Answers)) +
			" " + formatAnswers(sc.Answers) + "; add answers until an outcome is reached (next valid answers: " +
			quoteLabels(s.cur.Options) + ")"
		return r
	}
	switch expect := t.Node(sc.Expect); {
	case sc.Expect == "":
		r.Problem = name + " reaches " + strconv.Quote(r.Reached) + " but has no expect; add expect: with the ID of the outcome it must reach"
	case r.Reached == sc.Expect:
	case expect == nil:
		r.Problem = name + " expected " + sc.Expect + ", reached " + r.Reached + " after answers " + formatAnswers(sc.Answers) +
			"; there is no node " + strconv.Quote(sc.Expect) + ", fix expect:" + t.suggest(sc.Expect)
	case !expect.IsOutcome():
		r.Problem = name + " expected " + sc.Expect + ", reached " + r.Reached + " after answers " + formatAnswers(sc.Answers) +
			"; expect must name an outcome, and " + strconv.Quote(sc.Expect) + " is not one"
	default:
		r.Problem = name + " expected " + sc.Expect + ", reached " + r.Reached + " after answers " + formatAnswers(sc.Answers) +
			"; fix the answers or the tree, or expect " + r.Reached + " if that is the right advice"
	}
	return r
}

// formatAnswers writes labels as a YAML flow list, ready to paste.
func formatAnswers(labels []string) string {
	q := make([]string, len(labels))
	for i, l := range labels {
		q[i] = strconv.Quote(l)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func countAnswers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return strconv.Itoa(n) + " answers"
}
