package decision_test

import (
	"fmt"

	"github.com/guidepost/guidepost/decision"
)

// Another program can build a tree, validate it, and walk it as a reader
// does: by the labels of the answers.
func Example() {
	nodes := []*decision.Node{
		{ID: "where", Title: "Where are your patients?", Options: []decision.Option{
			{Label: "United States", Next: "baa"},
			{Label: "Elsewhere", Next: "local"},
		}},
		{ID: "baa", Title: "Does the vendor sign a BAA?", Options: []decision.Option{
			{Label: "Yes", Next: "platform"},
			{Label: "No", Next: "no-phi"},
		}},
		{ID: "platform", Title: "Use the platform that signs the BAA", Verdict: decision.Caution,
			Reviewed: "2026-12-01", Sources: []decision.Source{{Title: "45 CFR 164.502(e)", URL: "https://www.ecfr.gov/"}}},
		{ID: "no-phi", Title: "Keep patient information off it", Verdict: decision.Avoid,
			Reviewed: "2026-12-01", Sources: []decision.Source{{Title: "45 CFR 164.502(e)", URL: "https://www.ecfr.gov/"}}},
		{ID: "local", Title: "Check your local rules", Verdict: decision.Caution,
			Reviewed: "2026-12-01", Sources: []decision.Source{{Title: "Your regulator", URL: "https://example.org/"}}},
	}
	scenarios := []decision.Scenario{{Answers: []string{"United States", "No"}, Expect: "no-phi"}}
	tree := decision.New("whatsapp", "Can I use WhatsApp?", "where", decision.Pos{File: "tree.yaml", Line: 1}, nodes, scenarios)
	if err := tree.Validate().Err(); err != nil {
		fmt.Println("invalid:", err)
		return
	}

	s := tree.Begin()
	for _, answer := range []string{"United States", "Yes"} {
		if err := s.AnswerLabel(answer); err != nil {
			fmt.Println(err)
			return
		}
	}
	out := s.Outcome()
	fmt.Printf("%s (%s), answers in the address: #%s\n", out.Title, out.Verdict, s.Fragment())

	// A broken tree: every problem at the place to fix it.
	nodes[1].Options[1].Next = "nowhere"
	broken := decision.New("whatsapp", "Can I use WhatsApp?", "where", decision.Pos{File: "tree.yaml", Line: 1}, nodes, scenarios)
	for _, p := range broken.Validate() {
		fmt.Println(p.Message[:40] + "…")
	}
	// Output:
	// Use the platform that signs the BAA (caution), answers in the address: #a=1.1
	// option "No" leads to "nowhere", which is…
	// outcome "no-phi" is never reached: no op…
	// scenario 1: answer 2 "No" leads to "nowh…
}
