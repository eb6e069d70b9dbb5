//go:build js && wasm

package main

import "syscall/js"

// globalName is the one global the program defines.
const globalName = "guidepostDecision"

func main() {
	register(&bridge{})
	select {} // keep serving calls from JavaScript
}

// register defines the guidepostDecision global with b's functions.
func register(b *bridge) {
	obj := js.Global().Get("Object").New()
	for _, f := range []struct {
		name string
		fn   func([]any) map[string]any
	}{
		{"load", b.load}, {"view", b.view}, {"answer", b.answer}, {"back", b.back}, {"change", b.change},
	} {
		obj.Set(f.name, js.FuncOf(func(_ js.Value, args []js.Value) any {
			return call(f.fn, args)
		}))
	}
	js.Global().Set(globalName, obj)
}

// call converts args, runs fn and converts its result. A panic becomes an
// {ok: false} result: an uncaught one would end the program and with it
// every later call.
func call(fn func([]any) map[string]any, args []js.Value) (result any) {
	defer func() {
		if r := recover(); r != nil {
			msg := "unexpected failure"
			switch v := r.(type) {
			case error:
				msg += ": " + v.Error()
			case string:
				msg += ": " + v
			}
			result = js.ValueOf(map[string]any{"ok": false, "error": "the decision tool hit an internal error (" + msg + "); please reload the page"})
		}
	}()
	in := make([]any, len(args))
	for i, a := range args {
		in[i] = toGo(a, 0)
	}
	return js.ValueOf(fn(in))
}

// maxDepth bounds the walk of a JavaScript value, which may refer to
// itself; the tree data is a handful of levels deep.
const maxDepth = 16

// toGo converts a JavaScript value to nil, bool, float64, string, []any or
// map[string]any. Functions, symbols, undefined and values nested deeper
// than maxDepth become nil.
func toGo(v js.Value, depth int) any {
	switch v.Type() {
	case js.TypeBoolean:
		return v.Bool()
	case js.TypeNumber:
		return v.Float()
	case js.TypeString:
		return v.String()
	case js.TypeObject:
		if depth >= maxDepth {
			return nil
		}
		if js.Global().Get("Array").Call("isArray", v).Bool() {
			out := make([]any, v.Length())
			for i := range out {
				out[i] = toGo(v.Index(i), depth+1)
			}
			return out
		}
		keys := js.Global().Get("Object").Call("keys", v)
		out := make(map[string]any, keys.Length())
		for i := 0; i < keys.Length(); i++ {
			k := keys.Index(i).String()
			out[k] = toGo(v.Get(k), depth+1)
		}
		return out
	}
	return nil
}
