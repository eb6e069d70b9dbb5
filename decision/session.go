package decision

import (
	"errors"
	"strconv"
	"strings"
)

// Step is one answered question: the question and the index of the chosen
// option in Question.Options.
type Step struct {
	Question *Node
	Option   int
}

// Session is a walk through a tree: the answers given so far. Its methods
// change it in place; use [Session.Clone] to keep a copy. The zero Session
// is not usable: start one with [Tree.Begin] or [Tree.Resume].
type Session struct {
	tree  *Tree
	trail []Step
	cur   *Node // the current node; nil when the tree's start is unknown
}

// Begin starts a session at the tree's start node.
func (t *Tree) Begin() *Session {
	return &Session{tree: t, cur: t.Node(t.Start)}
}

// Clone returns an independent copy of s.
func (s *Session) Clone() *Session {
	c := *s
	c.trail = append([]Step(nil), s.trail...)
	return &c
}

// Current returns the question to answer now, or the outcome reached; nil
// only when the tree's start is not one of its nodes.
func (s *Session) Current() *Node { return s.cur }

// Outcome returns the outcome reached, or nil while questions remain.
func (s *Session) Outcome() *Node {
	if s.cur != nil && s.cur.IsOutcome() {
		return s.cur
	}
	return nil
}

// Answer chooses option (an index into Current().Options) and moves on to
// the node it leads to. On error the session is unchanged.
func (s *Session) Answer(option int) error {
	next, err := s.follow(option)
	if err != nil {
		return err
	}
	s.trail = append(s.trail, Step{Question: s.cur, Option: option})
	s.cur = next
	return nil
}

// follow returns the node that option of the current node leads to.
func (s *Session) follow(option int) (*Node, error) {
	q := s.cur
	switch {
	case q == nil:
		return nil, errors.New("cannot answer: the tree's start " + strconv.Quote(s.tree.Start) + " is not one of its nodes")
	case q.IsOutcome():
		return nil, errors.New("cannot answer: " + strconv.Quote(q.ID) + " is an outcome, there is no question left")
	case len(q.Options) == 0:
		return nil, errors.New("cannot answer: " + strconv.Quote(q.ID) + " has no options")
	case option < 0 || option >= len(q.Options):
		return nil, errors.New("cannot answer " + strconv.Quote(q.ID) + ": there is no option " +
			strconv.Itoa(option) + ", valid options are 0 to " + strconv.Itoa(len(q.Options)-1))
	}
	o := q.Options[option]
	next := s.tree.Node(o.Next)
	if next == nil {
		return nil, errors.New("cannot answer " + strconv.Quote(q.ID) + ": option " + strconv.Quote(o.Label) +
			" leads to " + strconv.Quote(o.Next) + ", which is not a node of the tree")
	}
	return next, nil
}

// AnswerLabel chooses the option of the current question whose label is
// exactly label.
func (s *Session) AnswerLabel(label string) error {
	if s.cur != nil {
		for i, o := range s.cur.Options {
			if o.Label == label {
				return s.Answer(i)
			}
		}
		if len(s.cur.Options) > 0 {
			return errors.New(strconv.Quote(label) + " is not an option of " + strconv.Quote(s.cur.ID) +
				"; valid answers: " + quoteLabels(s.cur.Options))
		}
	}
	return s.Answer(-1) // reports why nothing can be answered here
}

// Back undoes the last answer. It returns false, changing nothing, at the
// start.
func (s *Session) Back() bool {
	if len(s.trail) == 0 {
		return false
	}
	last := s.trail[len(s.trail)-1]
	s.trail = s.trail[:len(s.trail)-1]
	s.cur = last.Question
	return true
}

// Change re-answers step (0-based index into Trail) with option, dropping
// every later answer. On error the session is unchanged.
func (s *Session) Change(step, option int) error {
	if len(s.trail) == 0 {
		return errors.New("cannot change step " + strconv.Itoa(step) + ": no question has been answered yet")
	}
	if step < 0 || step >= len(s.trail) {
		return errors.New("cannot change step " + strconv.Itoa(step) + ": only steps 0 to " +
			strconv.Itoa(len(s.trail)-1) + " have been answered")
	}
	probe := Session{tree: s.tree, cur: s.trail[step].Question}
	if err := probe.Answer(option); err != nil {
		return err
	}
	s.trail = append(s.trail[:step:step], probe.trail[0])
	s.cur = probe.cur
	return nil
}

// Trail returns a copy of the answers given so far, in order.
func (s *Session) Trail() []Step { return append([]Step(nil), s.trail...) }

// Progress returns how many questions have been answered and the most that
// may still come on any path from the current node (0 at an outcome).
func (s *Session) Progress() (answered, remaining int) {
	if s.cur != nil {
		remaining = s.tree.MaxRemaining(s.cur.ID)
	}
	return len(s.trail), remaining
}

// Fragment encodes the answers for a URL fragment, e.g. "a=2.1.3" (see the
// package documentation); "" at the start.
func (s *Session) Fragment() string { return s.FragmentAt(len(s.trail)) }

// FragmentAt encodes the first n answers: the fragment that reopens the
// question of step n. n is clamped to the answers given.
func (s *Session) FragmentAt(n int) string {
	n = min(max(n, 0), len(s.trail))
	if n == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(fragmentPrefix)
	for i, st := range s.trail[:n] {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(st.Option + 1))
	}
	return b.String()
}

// quoteLabels lists the options' labels, quoted and comma-separated.
func quoteLabels(opts []Option) string {
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = strconv.Quote(o.Label)
	}
	return strings.Join(labels, ", ")
}
