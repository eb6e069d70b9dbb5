//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"
	"testing"
)

// global registers a fresh bridge and returns the guidepostDecision object
// as JavaScript sees it.
func global(t *testing.T) js.Value {
	t.Helper()
	register(&bridge{})
	g := js.Global().Get(globalName)
	for _, fn := range []string{"load", "view", "answer", "back", "change"} {
		if g.Get(fn).Type() != js.TypeFunction {
			t.Fatalf("%s.%s is %s, want a function", globalName, fn, g.Get(fn).Type())
		}
	}
	return g
}

// TestJSBridge runs the script through the JavaScript global: the tree is
// JSON.parse'd by JavaScript, arguments are JavaScript values, and results
// are read back from JavaScript objects. They must match the Go bridge's.
func TestJSBridge(t *testing.T) {
	g := global(t)
	checkGolden(t, runScript(t, func(c jsCall) any {
		args := make([]any, len(c.args))
		for i, a := range c.args {
			if data, ok := a.(rawJSON); ok {
				args[i] = js.Global().Get("JSON").Call("parse", string(data))
				continue
			}
			args[i] = js.ValueOf(a)
		}
		return toGo(g.Call(c.fn, args...), 0)
	}))
}

// TestJSValues checks JavaScript inputs that JSON cannot express.
func TestJSValues(t *testing.T) {
	g := global(t)
	selfRef := js.Global().Get("Object").New()
	selfRef.Set("start", "a")
	selfRef.Set("nodes", js.Global().Get("Array").New(selfRef))
	selfRef.Set("id", "a")
	selfRef.Set("options", js.Global().Get("Array").New(selfRef))

	data := js.Global().Get("JSON").Call("parse", readTree(t))
	tests := []struct {
		name string
		do   func() js.Value
		want string // the result's ok, then its error or fragment
	}{
		{"a tree that refers to itself ends", func() js.Value { return g.Call("load", selfRef) },
			`false load(tree): tree.nodes[0].options[0].next "" is not the id of one of tree.nodes`},
		{"a function is no tree", func() js.Value { return g.Call("load", js.Global().Get("Object")) },
			`false load(tree): tree: want an object, got null`},
		{"the real tree loads", func() js.Value { return g.Call("load", data) }, `true `},
		{"undefined fragment is the start", func() js.Value { return g.Call("answer", js.Undefined(), 3) }, `true a=4`},
		{"location.hash works", func() js.Value { return g.Call("answer", "#a=2", 1) }, `true a=2.2`},
		{"NaN is no option", func() js.Value { return g.Call("answer", "", js.Global().Get("NaN")) },
			`false answer(fragment, optionIndex): optionIndex must be a whole number, got NaN`},
		{"huge numbers are no option", func() js.Value { return g.Call("answer", "", 1e300) },
			`false answer(fragment, optionIndex): optionIndex must be a whole number, got 1e+300`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.do()
			detail := r.Get("error")
			if r.Get("ok").Bool() {
				detail = r.Get("fragment")
			}
			got := strings.TrimSpace(strconv.FormatBool(r.Get("ok").Bool()) + " " + stringOr(detail))
			if got != strings.TrimSpace(tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// TestPanicIsReported checks that a failure inside a call becomes an
// {ok: false} result instead of ending the program.
func TestPanicIsReported(t *testing.T) {
	r := call(func([]any) map[string]any { panic("boom") }, nil).(js.Value)
	if r.Get("ok").Bool() || !strings.Contains(r.Get("error").String(), "internal error (unexpected failure: boom)") {
		t.Errorf("got ok=%v error=%q", r.Get("ok").Bool(), r.Get("error").String())
	}
}

func stringOr(v js.Value) string {
	if v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}
