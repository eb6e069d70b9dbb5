package decision_test

import (
	"strconv"
	"testing"

	"github.com/guidepost/guidepost/decision"
)

// bigTree generates a valid tree of 2*questions+1 nodes. Balanced, question
// i leads to nodes 2i+1 and 2i+2; otherwise (a chain) question i leads to
// an outcome and to question i+1, so the longest path asks every question.
func bigTree(questions int, balanced bool) *decision.Tree {
	total := 2*questions + 1
	id := func(i int) string {
		if i < questions {
			return "q" + strconv.Itoa(i)
		}
		return "o" + strconv.Itoa(i)
	}
	nodes := make([]*decision.Node, total)
	for i := range nodes {
		n := &decision.Node{ID: id(i), Title: "Node " + strconv.Itoa(i), Pos: decision.Pos{File: "content/decide/big/" + id(i) + ".md", Line: 2}}
		switch {
		case i >= questions:
			n.Verdict = decision.Caution
			n.Reviewed = "2026-01-31"
			n.Sources = []decision.Source{{Title: "Rule", URL: "https://example.org/"}}
		case balanced:
			n.Options = []decision.Option{{Label: "Left", Next: id(2*i + 1)}, {Label: "Right", Next: id(2*i + 2)}}
		default:
			next := i + 1
			if i == questions-1 {
				next = total - 1
			}
			n.Options = []decision.Option{{Label: "Stop", Next: id(questions + i)}, {Label: "On", Next: id(next)}}
		}
		nodes[i] = n
	}
	var scenarios []decision.Scenario
	for k := 0; k < 10; k++ {
		var answers []string
		cur := 0
		for cur < questions {
			if balanced {
				choice := (cur + k) % 2 // 0 Left, 1 Right
				answers = append(answers, []string{"Left", "Right"}[choice])
				cur = 2*cur + 1 + choice
				continue
			}
			answers = append(answers, "On")
			cur++
		}
		expect := id(cur)
		if !balanced {
			expect = id(total - 1)
		}
		scenarios = append(scenarios, decision.Scenario{Answers: answers, Expect: expect, Pos: decision.Pos{File: "content/decide/big/_index.md", Line: 5 + k}})
	}
	return decision.New("big", "Big", "q0", decision.Pos{File: "content/decide/big/_index.md", Line: 3}, nodes, scenarios)
}

// TestValidateBigTree checks that 10k-node trees, one of them 5000
// questions deep, validate cleanly (BenchmarkValidate measures how fast).
func TestValidateBigTree(t *testing.T) {
	for _, balanced := range []bool{true, false} {
		tree := bigTree(5000, balanced)
		got := tree.Validate()
		if len(got) != 0 {
			t.Errorf("balanced=%v: %d diagnostics, first: %v", balanced, len(got), got[0])
		}
		want := 5000
		if balanced {
			want = 13 // ⌈log2(10001)⌉ levels of questions
		}
		if r := tree.MaxRemaining("q0"); r != want {
			t.Errorf("balanced=%v: MaxRemaining(q0) = %d, want %d", balanced, r, want)
		}
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, tt := range []struct {
		name     string
		balanced bool
	}{{"balanced-10k", true}, {"chain-10k", false}} {
		b.Run(tt.name, func(b *testing.B) {
			tree := bigTree(5000, tt.balanced)
			for b.Loop() {
				if d := tree.Validate(); len(d) != 0 {
					b.Fatal(d)
				}
			}
		})
	}
}
