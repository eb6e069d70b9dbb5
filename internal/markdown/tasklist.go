package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// taskCheckBoxRenderer writes a task list's checkbox with an accessible
// name: the item's text, so assistive technology announces what is (or is
// not) done rather than an unlabelled checkbox.
type taskCheckBoxRenderer struct{}

func (taskCheckBoxRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTaskCheckBox, renderTaskCheckBox)
}

func renderTaskCheckBox(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	box := n.(*east.TaskCheckBox)
	w.WriteString(`<input type="checkbox" disabled=""`)
	if box.IsChecked {
		w.WriteString(` checked=""`)
	}
	if label := plainText(n.Parent(), src); label != "" {
		w.WriteString(` aria-label="` + html.EscapeString(label) + `"`)
	}
	w.WriteString("> ")
	return ast.WalkContinue, nil
}
