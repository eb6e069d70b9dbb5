// Package jscheck type-checks the built-in theme's JavaScript
// (static/js: dom.js, decide.js, search.js, ES modules typed with JSDoc
// under // @ts-check) with the TypeScript compiler, tsc --noEmit in
// strict mode, in its test. It has no other code.
package jscheck
