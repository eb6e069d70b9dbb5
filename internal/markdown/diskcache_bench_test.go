package markdown

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkHighlightCache compares, per code block, storing a highlighted
// block (put, then one Flush per 1000 blocks, as a build does), reading it
// back in a later build, and lexing it.
func BenchmarkHighlightCache(b *testing.B) {
	html := strings.Repeat(`<span class="line"><span class="cl"><span class="kd">func</span> <span class="nf">f</span>()</span></span>`+"\n", 20)
	code := strings.Repeat("func f(x int) int {\n\treturn x * 2 // double\n}\n", 7)
	b.Run("store", func(b *testing.B) {
		c, err := OpenHighlightCache(filepath.Join(b.TempDir(), "highlight"), 1<<40)
		if err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			c.put(newDiskKey("go", fmt.Sprint(i)), html)
			if i++; i%1000 == 0 {
				if err := c.Flush(); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "highlight")
		w, err := OpenHighlightCache(dir, 1<<40)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			w.put(newDiskKey("go", fmt.Sprint(i)), html)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		c, err := OpenHighlightCache(dir, 1<<40)
		if err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			if _, ok := c.get(newDiskKey("go", fmt.Sprint(i%1000))); !ok {
				b.Fatal("miss")
			}
			i++
		}
	})
	b.Run("lex", func(b *testing.B) {
		r := newCodeRenderer(nil)
		for b.Loop() {
			r.lex("go", code)
		}
	})
}
