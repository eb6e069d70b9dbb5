// Package decision is the model, validator and engine of guidepost's
// decision trees.
//
// A tree is a content folder: its _index.md holds the tree's metadata and
// scenarios, every other Markdown file is a [Node] — a question (it has
// options) or an outcome (it has a verdict). The site generator parses the
// files and builds a [Tree] with [New]; this package does no parsing and no
// I/O, so the same code validates trees at build time, renders the no-JS
// pages, and runs in the browser compiled to WebAssembly. For that reason it
// imports only small standard packages (no fmt, no encoding/json).
//
// # Fragments
//
// A [Session] (the answers given so far) is shared through the URL fragment.
// [Session.Fragment] encodes it as
//
//	a=2.1.3
//
// that is the version prefix "a=" followed by the 1-based number of the
// option chosen at each question, from the start, joined by dots. The empty
// string is the start of the tree (no answers). The format uses only
// characters that need no escaping in a URL, is short enough to read aloud,
// and is canonical: numbers are plain decimal without sign or leading zero,
// so every session has exactly one fragment. [Tree.Resume] reverses it,
// tolerating one leading '#' (as found in location.hash), and rejects
// anything else — malformed text, an option number the question does not
// have, answers past an outcome — with an error a reader can understand.
// A future format change would use a different prefix ("b="), so links
// already shared are recognised rather than misread.
package decision
