// Command wasm is the browser bridge to package decision: built with
// GOOS=js GOARCH=wasm, it lets the decision tool's JavaScript walk a tree
// with the same engine the site used to render the no-JS pages.
//
//	GOOS=js GOARCH=wasm go build -trimpath -ldflags=-s -o decision.wasm ./decision/wasm
//
// Once the page has run the program (new Go(), WebAssembly.instantiate,
// go.run), it finds one global object, guidepostDecision, with five
// functions. All of them are stateless apart from the loaded tree: the
// answers live in the URL fragment ("a=2.1.3", see package decision), so
// browser back/forward and shared links just work.
//
// Every function returns an object with a boolean ok. When ok is false the
// object is {ok: false, error: "..."}, where error is a sentence that can be
// shown to the reader as is (after which the page should start over).
// Otherwise:
//
//	load(tree)                        → {ok: true}
//	view(fragment)                    → {ok: true, node, outcome, trail, answered, remaining, fragment}
//	answer(fragment, optionIndex)     → {ok: true, fragment}
//	back(fragment)                    → {ok: true, fragment}
//	change(fragment, step, optionIndex) → {ok: true, fragment}
//
// load takes the tree as a plain object: JSON.parse of the JSON the site
// emits for a decision.Tree (id, title, start, nodes with id, title, help,
// url, body, options [{label, next}], verdict, safeguards, sources [{title,
// url, publisher, date}], reviewed; scenarios are ignored). It must be
// called before the others.
//
// A fragment is location.hash with or without its '#'; "" (or null or
// undefined) is the first question. answer, back and change return the
// fragment to navigate to; back at the first question returns "".
// optionIndex is the 0-based index of node.options, step the 0-based index
// of trail.
//
// view describes the page for a fragment:
//
//	node:      {id, title, help, url, body, verdict, safeguards: [string],
//	            sources: [{title, url, publisher, date}], reviewed,
//	            options: [{label, index}]}  (absent fields are "" or [])
//	outcome:   true when node is an outcome (it then has a verdict, no options)
//	trail:     [{step, questionId, question, answer, option, fragment}], the
//	           answers so far; fragment reopens that question, to change it
//	answered:  questions answered so far
//	remaining: most questions still to come on any path (0 at an outcome)
//	fragment:  the canonical fragment of this view
//
// The conversions between JavaScript and Go values are in files that do
// not need a browser (bridge.go, load.go), tested with plain go test; the
// JavaScript side is tested under Node with
//
//	PATH="$PATH:$(go env GOROOT)/lib/wasm" GOOS=js GOARCH=wasm go test ./decision/wasm/
package main
