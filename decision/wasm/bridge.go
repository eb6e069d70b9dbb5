package main

import (
	"errors"
	"math"
	"strconv"

	"github.com/guidepost/guidepost/decision"
)

// bridge implements the functions of the guidepostDecision object on plain
// Go values: arguments and results are nil, bool, float64, string, []any
// and map[string]any (results also int), which main_js.go converts from
// and to JavaScript. See the package documentation for the contract.
type bridge struct {
	tree *decision.Tree
}

// load replaces the loaded tree.
func (b *bridge) load(args []any) map[string]any {
	if len(args) < 1 {
		return fail(errors.New("load(tree): the tree is missing; pass JSON.parse of the tree data"))
	}
	t, err := treeFromValue(args[0])
	if err != nil {
		return fail(errors.New("load(tree): " + err.Error()))
	}
	b.tree = t
	return map[string]any{"ok": true}
}

// view describes the node a fragment leads to, with the trail behind it.
func (b *bridge) view(args []any) map[string]any {
	s, err := b.resume(args, "view(fragment)")
	if err != nil {
		return fail(err)
	}
	n := s.Current()
	answered, remaining := s.Progress()
	trail := s.Trail()
	steps := make([]any, len(trail))
	for i, st := range trail {
		steps[i] = map[string]any{
			"step":       i,
			"questionId": st.Question.ID,
			"question":   st.Question.Title,
			"answer":     st.Question.Options[st.Option].Label,
			"option":     st.Option,
			"fragment":   s.FragmentAt(i),
		}
	}
	return map[string]any{
		"ok":        true,
		"node":      nodeValue(n),
		"outcome":   n.IsOutcome(),
		"trail":     steps,
		"answered":  answered,
		"remaining": remaining,
		"fragment":  s.Fragment(),
	}
}

// answer returns the fragment after choosing an option.
func (b *bridge) answer(args []any) map[string]any {
	s, err := b.resume(args, "answer(fragment, optionIndex)")
	if err != nil {
		return fail(err)
	}
	option, err := intArg(args, 1, "answer(fragment, optionIndex): optionIndex")
	if err == nil {
		err = s.Answer(option)
	}
	if err != nil {
		return fail(err)
	}
	return moved(s)
}

// back returns the fragment without its last answer.
func (b *bridge) back(args []any) map[string]any {
	s, err := b.resume(args, "back(fragment)")
	if err != nil {
		return fail(err)
	}
	s.Back()
	return moved(s)
}

// change returns the fragment after re-answering an earlier step.
func (b *bridge) change(args []any) map[string]any {
	s, err := b.resume(args, "change(fragment, step, optionIndex)")
	if err != nil {
		return fail(err)
	}
	step, err := intArg(args, 1, "change(fragment, step, optionIndex): step")
	if err != nil {
		return fail(err)
	}
	option, err := intArg(args, 2, "change(fragment, step, optionIndex): optionIndex")
	if err == nil {
		err = s.Change(step, option)
	}
	if err != nil {
		return fail(err)
	}
	return moved(s)
}

// resume opens the session of the fragment in args[0].
func (b *bridge) resume(args []any, call string) (*decision.Session, error) {
	if b.tree == nil {
		return nil, errors.New("the decision tool has no tree yet: call load(tree) before " + call)
	}
	fragment := ""
	if len(args) > 0 {
		switch f := args[0].(type) {
		case nil:
		case string:
			fragment = f
		default:
			return nil, errors.New(call + ": fragment must be a string, got " + typeName(f))
		}
	}
	s, err := b.tree.Resume(fragment)
	if err != nil {
		return nil, err
	}
	if s.Current() == nil {
		return nil, errors.New("the decision tool is broken: its first question is missing")
	}
	return s, nil
}

// intArg returns args[i] as an int; it must be a whole number.
func intArg(args []any, i int, name string) (int, error) {
	if i >= len(args) {
		return 0, errors.New(name + " is missing")
	}
	f, ok := args[i].(float64)
	if !ok {
		return 0, errors.New(name + " must be a number, got " + typeName(args[i]))
	}
	if f != math.Trunc(f) || math.Abs(f) > 1<<30 {
		return 0, errors.New(name + " must be a whole number, got " + strconv.FormatFloat(f, 'g', -1, 64))
	}
	return int(f), nil
}

func nodeValue(n *decision.Node) map[string]any {
	options := make([]any, len(n.Options))
	for i, o := range n.Options {
		options[i] = map[string]any{"label": o.Label, "index": i}
	}
	safeguards := make([]any, len(n.Safeguards))
	for i, s := range n.Safeguards {
		safeguards[i] = s
	}
	sources := make([]any, len(n.Sources))
	for i, s := range n.Sources {
		sources[i] = map[string]any{"title": s.Title, "url": s.URL, "publisher": s.Publisher, "date": s.Date}
	}
	return map[string]any{
		"id":         n.ID,
		"title":      n.Title,
		"help":       n.Help,
		"url":        n.URL,
		"body":       n.Body,
		"verdict":    string(n.Verdict),
		"safeguards": safeguards,
		"sources":    sources,
		"reviewed":   n.Reviewed,
		"reviewedBy": n.ReviewedBy,
		"options":    options,
	}
}

func moved(s *decision.Session) map[string]any {
	return map[string]any{"ok": true, "fragment": s.Fragment()}
}

func fail(err error) map[string]any {
	return map[string]any{"ok": false, "error": err.Error()}
}
