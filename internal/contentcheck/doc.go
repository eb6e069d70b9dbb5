// Package contentcheck holds tests of the site published from this
// repository: that every guidance page carries the front matter readers and
// reviewers rely on, and that the home page leads to every jurisdiction.
package contentcheck
