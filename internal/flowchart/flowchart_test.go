package flowchart

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/guidepost/guidepost/decision"
)

var update = flag.Bool("update", false, "rewrite golden files from the current output")

// loadTree reads a tree in the JSON the site emits for it.
func loadTree(t *testing.T, name string) *decision.Tree {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var tr decision.Tree
	if err := json.Unmarshal(data, &tr); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return decision.New(tr.ID, tr.Title, tr.Start, decision.Pos{}, tr.Nodes, nil)
}

func labels(v decision.Verdict) string {
	return map[decision.Verdict]string{"avoid": "Avoid", "caution": "Caution", "allowed": "Allowed with conditions"}[v]
}

func TestGolden(t *testing.T) {
	got := SVG(loadTree(t, "testdata/small.json"), Options{VerdictLabel: labels})
	const golden = "testdata/small.svg"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (go test -update writes it): %v", err)
	}
	if got != string(want) {
		t.Errorf("SVG differs from %s (go test -update rewrites it; look at the picture first):\n%s", golden, got)
	}
}

// trees are the inputs of the property tests: the small tree and the tree
// the decision package tests with.
var trees = []string{"testdata/small.json", "../../decision/testdata/whatsapp.json"}

func TestSVGProperties(t *testing.T) {
	for _, name := range trees {
		t.Run(name, func(t *testing.T) {
			tree := loadTree(t, name)
			out := SVG(tree, Options{VerdictLabel: labels})
			if again := SVG(tree, Options{VerdictLabel: labels}); again != out {
				t.Error("two runs on the same tree differ")
			}
			checkXML(t, out)
			if !strings.HasPrefix(out, `<svg xmlns="http://www.w3.org/2000/svg" class="treemap"`) ||
				!strings.Contains(out, ` role="group" aria-label="Diagram of `) {
				t.Errorf("svg element lacks its class, role or label: %.200s", out)
			}
			reach := reachable(tree)
			for _, n := range tree.Nodes {
				count := strings.Count(out, `href="`+escAttr(n.URL)+`" tabindex="-1"><title>`)
				want := 0
				if reach[n.ID] {
					want = 1
				}
				if count != want {
					t.Errorf("node %s: %d links to %s, want %d", n.ID, count, n.URL, want)
				}
			}
			// Every option has its label somewhere (merged labels join with " · ").
			text := textOf(t, out)
			for _, n := range tree.Nodes {
				if !reach[n.ID] {
					continue
				}
				if !strings.Contains(text, n.Title) {
					t.Errorf("title %q missing from the text", n.Title)
				}
			}
		})
	}
}

func TestNoOverlaps(t *testing.T) {
	for _, name := range trees {
		t.Run(name, func(t *testing.T) {
			g := newGraph(loadTree(t, name))
			g.order()
			g.size(func(v *vnode) string {
				if v.node.IsOutcome() {
					return labels(v.node.Verdict)
				}
				return ""
			})
			w, h := g.place()
			for i, a := range g.nodes {
				if a.x < 0 || a.y-a.h/2 < 0 || a.x+a.w > w || a.y+a.h/2 > h {
					t.Errorf("node %d (%v) lies outside the %vx%v picture", i, a.lines, w, h)
				}
				for j, b := range g.nodes[i+1:] {
					if a.kind == dummy || b.kind == dummy {
						continue
					}
					if a.x < b.x+b.w && b.x < a.x+a.w && a.y-a.h/2 < b.y+b.h/2 && b.y-b.h/2 < a.y+a.h/2 {
						t.Errorf("boxes %d %v and %d %v overlap", i, a.lines, i+1+j, b.lines)
					}
				}
			}
		})
	}
}

func TestLayers(t *testing.T) {
	g := newGraph(loadTree(t, "testdata/small.json"))
	col := map[string]int{}
	for _, v := range g.nodes {
		if v.kind == real {
			col[v.node.ID] = v.col
		}
	}
	// Longest path: "local" is reached after one question and after two.
	want := map[string]int{"where": 0, "covered": 2, "india": 2, "local": 4, "baa": 4, "use-baa": 6, "no-phi": 6}
	for id, c := range want {
		if col[id] != c {
			t.Errorf("%s in column %d, want %d", id, col[id], c)
		}
	}
	if _, ok := col["orphan"]; ok {
		t.Error("an unreachable node was drawn")
	}
	var labelsSeen []string
	dummies := 0
	for _, v := range g.nodes {
		switch v.kind {
		case label:
			labelsSeen = append(labelsSeen, v.lines[0])
		case dummy:
			dummies++
		}
	}
	if got := strings.Join(labelsSeen, "|"); got != "United States|India|Somewhere else|Yes|No|Yes|No · Not sure" {
		t.Errorf("labels %s", got)
	}
	// where → local skips columns 2 and 3: one bend point in column 2 (the
	// label takes column 1, column 3 needs another).
	if dummies != 2 {
		t.Errorf("%d bend points, want 2", dummies)
	}
}

func TestOrderRemovesCrossings(t *testing.T) {
	// A walk meets "shared" first, from a; ordering must put it between
	// a's and b's own outcomes, where no edge crosses.
	out := func(id string) *decision.Node {
		return &decision.Node{ID: id, Title: id, Verdict: decision.Avoid, URL: "/" + id + "/"}
	}
	q := func(id string, next ...string) *decision.Node {
		n := &decision.Node{ID: id, Title: id, URL: "/" + id + "/"}
		for _, m := range next {
			n.Options = append(n.Options, decision.Option{Label: "to " + m, Next: m})
		}
		return n
	}
	tree := decision.New("t", "T", "s", decision.Pos{}, []*decision.Node{
		q("s", "a", "b"), q("a", "shared", "onlyA"), q("b", "onlyB", "shared"),
		out("shared"), out("onlyA"), out("onlyB"),
	}, nil)
	g := newGraph(tree)
	before := g.crossings()
	g.order()
	if before == 0 {
		t.Fatal("the walk order has no crossings: the test tree no longer tests ordering")
	}
	if after := g.crossings(); after != 0 {
		t.Errorf("%d crossings after ordering (%d before), want 0", after, before)
	}
}

func TestCycleTerminates(t *testing.T) {
	tree := decision.New("t", "T", "a", decision.Pos{}, []*decision.Node{
		{ID: "a", Title: "A", Options: []decision.Option{{Label: "x", Next: "b"}, {Label: "y", Next: "c"}}},
		{ID: "b", Title: "B", Options: []decision.Option{{Label: "back", Next: "a"}, {Label: "on", Next: "c"}}},
		{ID: "c", Title: "C", Verdict: decision.Caution},
	}, nil)
	out := SVG(tree, Options{})
	checkXML(t, out)
	if strings.Count(out, `class="tm-edge"`) != 3 {
		t.Errorf("want 3 edges (the one closing the cycle left out):\n%s", out)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  float64
		want string
	}{
		{"", 10, ""},
		{"Yes", 10, "Yes"},
		{"Is your practice a HIPAA covered entity?", 12.6, "Is your practice a|HIPAA covered entity?"},
		{"Supercalifragilistic", 5, "Supercali|fragilisti|c"},
		{"a  b\tc", 10, "a b c"},
	} {
		if got := strings.Join(wrap(tc.in, tc.max), "|"); got != tc.want {
			t.Errorf("wrap(%q, %v) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		for _, l := range wrap(tc.in, tc.max) {
			if width(l) > tc.max && len([]rune(l)) > 1 {
				t.Errorf("wrap(%q): line %q is %v ems, over %v", tc.in, l, width(l), tc.max)
			}
		}
	}
}

func checkXML(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
}

// textOf returns the unescaped text of the SVG's <text> elements, lines
// joined by spaces.
func textOf(t *testing.T, s string) string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var b strings.Builder
	inText := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			inText = e.Name.Local == "tspan"
		case xml.EndElement:
			if e.Name.Local == "text" {
				b.WriteString("\n")
			}
			inText = false
		case xml.CharData:
			if inText {
				b.WriteString(string(e) + " ")
			}
		}
	}
	return regexp.MustCompile(` +\n?`).ReplaceAllStringFunc(b.String(), func(m string) string {
		if strings.HasSuffix(m, "\n") {
			return "\n"
		}
		return " "
	})
}

func escAttr(s string) string { return esc(s) }

// reachable returns the IDs of the nodes a path from the start reaches.
func reachable(t *decision.Tree) map[string]bool {
	seen := map[string]bool{}
	var visit func(id string)
	visit = func(id string) {
		n := t.Node(id)
		if n == nil || seen[id] {
			return
		}
		seen[id] = true
		for _, o := range n.Options {
			visit(o.Next)
		}
	}
	visit(t.Start)
	return seen
}

func TestOrderWhatsApp(t *testing.T) {
	g := newGraph(loadTree(t, "../../decision/testdata/whatsapp.json"))
	before := g.crossings()
	g.order()
	after := g.crossings()
	t.Logf("crossings: %d in walk order, %d after ordering", before, after)
	if after > before {
		t.Errorf("ordering added crossings: %d → %d", before, after)
	}
}

// A right-to-left diagram is the left-to-right one mirrored: the first
// question at the right edge, text anchored at the right of its box and
// the edges flipped, with words in the page's language
// (testdata/small-rtl.svg).
func TestRightToLeft(t *testing.T) {
	tree := loadTree(t, "testdata/small.json")
	arabic := map[string]string{"diagram": "مخطط", "box_question": "سؤال", "box_first": "السؤال الأول", "box_outcome": "نتيجة"}
	got := SVG(tree, Options{VerdictLabel: labels, RTL: true, Text: func(key string, args ...any) string { return arabic[key] }})
	checkXML(t, got)
	const golden = "testdata/small-rtl.svg"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden (go test -update writes it): %v", err)
	}
	if got != string(want) {
		t.Errorf("SVG differs from %s (go test -update rewrites it; look at the picture first):\n%s", golden, got)
	}
	startX := func(svg string) float64 {
		m := regexp.MustCompile(`class="tm-node tm-question tm-start"[^>]*><title>[^<]*</title><rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"`).FindStringSubmatch(svg)
		if m == nil {
			t.Fatalf("no start box in %s", svg)
		}
		x, _ := strconv.ParseFloat(m[1], 64)
		return x
	}
	width := func(svg string) float64 {
		w, _ := strconv.ParseFloat(regexp.MustCompile(`width="([0-9.]+)"`).FindStringSubmatch(svg)[1], 64)
		return w
	}
	ltr := SVG(tree, Options{VerdictLabel: labels})
	if l, r := startX(ltr), startX(got); l > width(ltr)/2 || r < width(got)/2 {
		t.Errorf("first question at x=%v left to right and x=%v right to left; want it at the start side of each (width %v)", l, r, width(got))
	}
	for _, want := range []string{`direction="rtl"`, `transform="matrix(-1 0 0 1 `, `aria-label="مخطط"`, `<title>السؤال الأول</title>`} {
		if !strings.Contains(got, want) {
			t.Errorf("right-to-left SVG lacks %s", want)
		}
	}
}
