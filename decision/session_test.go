package decision_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/decision"
)

// action is one thing a reader does; err is a substring of the error it
// must return, "" for success. For Back, err "false" means it returns false.
type action struct {
	do   string // "answer", "label", "back", "change"
	a, b int
	text string
	err  string
}

func answer(i int) action             { return action{do: "answer", a: i} }
func label(l string) action           { return action{do: "label", text: l} }
func back() action                    { return action{do: "back"} }
func change(step, opt int) action     { return action{do: "change", a: step, b: opt} }
func fails(a action, e string) action { a.err = e; return a }

// state is what the reader sees after the actions.
type state struct {
	current   string
	outcome   bool
	answered  int
	remaining int
	fragment  string
	trail     string // "question=option, ..."
}

func TestSession(t *testing.T) {
	tree := loadTree(t, "testdata/whatsapp.txt")
	tests := []struct {
		name    string
		actions []action
		want    state
	}{
		{"start", nil, state{"jurisdiction", false, 0, 4, "", ""}},
		{"one answer", []action{answer(0)},
			state{"us-covered-entity", false, 1, 3, "a=1", "jurisdiction=0"}},
		{"longest path to an outcome", []action{answer(0), answer(0), answer(0), answer(1)},
			state{"us-phi-no-baa", true, 4, 0, "a=1.1.1.2", "jurisdiction=0, us-covered-entity=0, us-phi=0, us-baa=1"}},
		{"outcome after one answer", []action{answer(2)},
			state{"india-conditions", true, 1, 0, "a=3", "jurisdiction=2"}},
		{"remaining follows the branch", []action{answer(1)},
			state{"uk-approved", false, 1, 1, "a=2", "jurisdiction=1"}},
		{"answer at an outcome fails", []action{answer(2), fails(answer(0), "is an outcome")},
			state{"india-conditions", true, 1, 0, "a=3", "jurisdiction=2"}},
		{"option out of range fails", []action{fails(answer(4), "no option 4"), fails(answer(-1), "no option -1")},
			state{"jurisdiction", false, 0, 4, "", ""}},
		{"answer by label", []action{label("United Kingdom"), label("No")},
			state{"uk-no-approval", true, 2, 0, "a=2.2", "jurisdiction=1, uk-approved=1"}},
		{"unknown label lists the valid ones", []action{fails(label("France"), `valid answers: "United States", "United Kingdom", "India", "Elsewhere"`)},
			state{"jurisdiction", false, 0, 4, "", ""}},
		{"label at an outcome fails", []action{label("India"), fails(label("India"), "is an outcome")},
			state{"india-conditions", true, 1, 0, "a=3", "jurisdiction=2"}},
		{"change at start", []action{fails(change(0, 0), "no question has been answered yet")},
			state{"jurisdiction", false, 0, 4, "", ""}},
		{"back at start", []action{fails(back(), "false")},
			state{"jurisdiction", false, 0, 4, "", ""}},
		{"back from an outcome", []action{answer(0), answer(1), back()},
			state{"us-covered-entity", false, 1, 3, "a=1", "jurisdiction=0"}},
		{"back to start", []action{answer(0), back(), fails(back(), "false")},
			state{"jurisdiction", false, 0, 4, "", ""}},
		{"change the first answer drops the rest", []action{answer(0), answer(0), answer(0), change(0, 1)},
			state{"uk-approved", false, 1, 1, "a=2", "jurisdiction=1"}},
		{"change a middle answer", []action{answer(0), answer(0), answer(0), change(1, 1)},
			state{"us-not-covered", true, 2, 0, "a=1.2", "jurisdiction=0, us-covered-entity=1"}},
		{"change the last answer at an outcome", []action{answer(1), answer(0), change(1, 1)},
			state{"uk-no-approval", true, 2, 0, "a=2.2", "jurisdiction=1, uk-approved=1"}},
		{"change a step not yet answered", []action{answer(0), fails(change(1, 0), "only steps 0 to 0 have been answered"), fails(change(-1, 0), "cannot change")},
			state{"us-covered-entity", false, 1, 3, "a=1", "jurisdiction=0"}},
		{"change to a missing option leaves the session alone", []action{answer(0), answer(0), fails(change(0, 9), "no option 9")},
			state{"us-phi", false, 2, 2, "a=1.1", "jurisdiction=0, us-covered-entity=0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tree.Begin()
			for i, a := range tt.actions {
				if err := act(s, a); err != a.err {
					t.Fatalf("action %d (%s): error %q, want %q", i, a.do, err, a.err)
				}
			}
			if got := stateOf(s); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// act performs a on s and returns "" or the part of its error that the
// action expects (the whole error when it does not contain it).
func act(s *decision.Session, a action) string {
	var err error
	switch a.do {
	case "answer":
		err = s.Answer(a.a)
	case "label":
		err = s.AnswerLabel(a.text)
	case "change":
		err = s.Change(a.a, a.b)
	case "back":
		if !s.Back() {
			return "false"
		}
		return ""
	}
	if err == nil {
		return ""
	}
	if a.err != "" && strings.Contains(err.Error(), a.err) {
		return a.err
	}
	return err.Error()
}

func stateOf(s *decision.Session) state {
	var st state
	if n := s.Current(); n != nil {
		st.current = n.ID
	}
	st.outcome = s.Outcome() != nil
	if st.outcome && s.Outcome() != s.Current() {
		st.current += " (Outcome differs from Current)"
	}
	st.answered, st.remaining = s.Progress()
	st.fragment = s.Fragment()
	var trail []string
	for _, step := range s.Trail() {
		trail = append(trail, step.Question.ID+"="+strconv.Itoa(step.Option))
	}
	st.trail = strings.Join(trail, ", ")
	return st
}

// TestTrailIsACopy checks that changing a returned trail or a clone does
// not change the session.
func TestTrailIsACopy(t *testing.T) {
	s := loadTree(t, "testdata/whatsapp.txt").Begin()
	if err := s.Answer(0); err != nil {
		t.Fatal(err)
	}
	s.Trail()[0].Option = 3
	c := s.Clone()
	if err := c.Change(0, 1); err != nil {
		t.Fatal(err)
	}
	if got := s.Fragment(); got != "a=1" {
		t.Errorf("session changed through its trail or clone: fragment %q, want a=1", got)
	}
}

// TestFragmentAt checks the fragments that reopen each earlier question,
// as the summary of answers links to them.
func TestFragmentAt(t *testing.T) {
	s, err := loadTree(t, "testdata/whatsapp.txt").Resume("a=1.1.1.2")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"", "a=1", "a=1.1", "a=1.1.1", "a=1.1.1.2", "a=1.1.1.2"}
	for n, w := range want {
		if got := s.FragmentAt(n); got != w {
			t.Errorf("FragmentAt(%d) = %q, want %q", n, got, w)
		}
	}
	if got := s.FragmentAt(-1); got != "" {
		t.Errorf("FragmentAt(-1) = %q, want \"\"", got)
	}
}

// TestResumeRoundTrip walks every path of the tree and checks that each
// session's fragment reopens the same session.
func TestResumeRoundTrip(t *testing.T) {
	tree := loadTree(t, "testdata/whatsapp.txt")
	var walk func(s *decision.Session)
	count := 0
	walk = func(s *decision.Session) {
		count++
		r, err := tree.Resume(s.Fragment())
		if err != nil {
			t.Fatalf("Resume(%q): %v", s.Fragment(), err)
		}
		if got, want := stateOf(r), stateOf(s); got != want {
			t.Errorf("Resume(%q) = %+v, want %+v", s.Fragment(), got, want)
		}
		if r2, err := tree.Resume("#" + s.Fragment()); err != nil || stateOf(r2) != stateOf(s) {
			t.Errorf("Resume(#%s) differs: %v", s.Fragment(), err)
		}
		if s.Outcome() != nil {
			return
		}
		for i := range s.Current().Options {
			c := s.Clone()
			if err := c.Answer(i); err != nil {
				t.Fatal(err)
			}
			walk(c)
		}
	}
	walk(tree.Begin())
	if count != 13 { // 5 questions and 8 outcomes, each reached by one path
		t.Errorf("walked %d sessions, want 13", count)
	}
}

func TestResumeErrors(t *testing.T) {
	tree := loadTree(t, "testdata/whatsapp.txt")
	tests := []struct{ fragment, err string }{
		{"garbage", `this link is not a saved set of answers: "garbage" should look like "a=2.1.3"`},
		{"b=1", `"b=1" should look like "a=2.1.3"`},
		{"A=1", `"A=1" should look like "a=2.1.3"`},
		{"a=", `answer 1 is "", not an option number`},
		{"a=1..2", `answer 2 is "", not an option number`},
		{"a=.1", `answer 1 is "", not an option number`},
		{"a=1.", `answer 2 is "", not an option number`},
		{"a=0", `answer 1 is "0", not an option number`},
		{"a=01", `answer 1 is "01", not an option number`},
		{"a=+1", `answer 1 is "+1", not an option number`},
		{"a=-1", `answer 1 is "-1", not an option number`},
		{"a=1e2", `answer 1 is "1e2", not an option number`},
		{"a= 1", `answer 1 is " 1", not an option number`},
		{"a=99999", `answer 1 is "99999", not an option number`},
		{"##a=1", `"#a=1" should look like`},
		{"a=5", `answer 1 is option 5, but the question "Where does your practice see patients?" has only 4 options`},
		{"a=1.3", `answer 2 is option 3, but the question "Is your practice a HIPAA covered entity?" has only 2 options`},
		{"a=3.1", `it gives 2 answers, but an outcome ("Permitted with conditions") is reached after 1`},
		{"a=1.1.1.2.1", `it gives 5 answers, but an outcome ("Do not send patient health information over WhatsApp") is reached after 4`},
		{"a=" + strings.Repeat("1.", 13) + "1", "it gives 14 answers, more than the tool has questions"},
		{"a=" + strings.Repeat("x", 100), `answer 1 is "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"…, not an option number`},
	}
	for _, tt := range tests {
		t.Run(tt.fragment, func(t *testing.T) {
			s, err := tree.Resume(tt.fragment)
			if err == nil {
				t.Fatalf("Resume(%q) = %q, want error", tt.fragment, s.Fragment())
			}
			if s != nil {
				t.Errorf("Resume(%q) returned a session with its error", tt.fragment)
			}
			if !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Resume(%q) error\n%s\nwant it to contain\n%s", tt.fragment, err, tt.err)
			}
		})
	}
}

// TestMaxRemaining checks the longest question-paths, also on a cyclic tree
// (which must not hang) and for unknown IDs.
func TestMaxRemaining(t *testing.T) {
	tests := []struct {
		file string
		want map[string]int
	}{
		{"testdata/whatsapp.txt", map[string]int{
			"jurisdiction": 4, "us-covered-entity": 3, "us-phi": 2, "us-baa": 1, "uk-approved": 1,
			"us-phi-no-baa": 0, "elsewhere": 0, "no-such-node": 0,
		}},
		{"testdata/validate/cycle.txt", map[string]int{"a": 3, "b": 2, "c": 1, "d": 1, "yes": 0}},
		{"testdata/validate/unknown-next.txt", map[string]int{"q": 1}},
	}
	for _, tt := range tests {
		tree := loadTree(t, tt.file)
		for id, want := range tt.want {
			if got := tree.MaxRemaining(id); got != want {
				t.Errorf("%s: MaxRemaining(%q) = %d, want %d", tt.file, id, got, want)
			}
		}
	}
}

// TestBrokenTrees checks that the engine reports, rather than crashes on,
// trees the validator would reject.
func TestBrokenTrees(t *testing.T) {
	tests := []struct {
		file     string
		fragment string
		err      string
	}{
		{"testdata/validate/start-unknown.txt", "a=1", "its first question is missing"},
		{"testdata/validate/unknown-next.txt", "a=1", `leads to "yse", which is not a node`},
		{"testdata/validate/neither.txt", "a=2.1", `"no" has no options`},
		{"testdata/validate/cycle.txt", "a=" + strings.Repeat("1.", 5) + "1", "more than the tool has questions"},
	}
	for _, tt := range tests {
		tree := loadTree(t, tt.file)
		_, err := tree.Resume(tt.fragment)
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%s: Resume(%q) error %v, want it to contain %q", tt.file, tt.fragment, err, tt.err)
		}
	}
	// A tree not made by New still works.
	lit := &decision.Tree{Start: "q", Nodes: []*decision.Node{
		{ID: "q", Options: []decision.Option{{Label: "A", Next: "o"}, {Label: "B", Next: "o"}}},
		{ID: "o", Verdict: decision.Allowed},
	}}
	s, err := lit.Resume("a=2")
	if err != nil || s.Outcome() == nil || s.Outcome().ID != "o" {
		t.Errorf("literal tree: Resume(a=2) = %v, %v; want outcome o", s, err)
	}
	if got := lit.MaxRemaining("q"); got != 1 {
		t.Errorf("literal tree: MaxRemaining(q) = %d, want 1", got)
	}
}

// TestNewSortsWithoutTouchingInput checks that New orders nodes by ID and
// leaves the caller's slice as it was.
func TestNewSortsWithoutTouchingInput(t *testing.T) {
	in := []*decision.Node{{ID: "c"}, {ID: "a"}, nil, {ID: "b"}}
	tree := decision.New("t", "T", "a", decision.Pos{}, in, nil)
	var got []string
	for _, n := range tree.Nodes {
		got = append(got, n.ID)
	}
	if !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("tree.Nodes = %v, want [a b c]", got)
	}
	if in[0].ID != "c" {
		t.Errorf("New reordered its argument")
	}
	if tree.Node("b") == nil || tree.Node("z") != nil {
		t.Errorf("Node lookup wrong")
	}
}
