package markdown

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkHighlightCache measures one entry's write and read, with a
// payload the size of a highlighted 20-line block.
func BenchmarkHighlightCache(b *testing.B) {
	c, err := OpenHighlightCache(filepath.Join(b.TempDir(), "highlight"), 1<<30)
	if err != nil {
		b.Fatal(err)
	}
	html := strings.Repeat(`<span class="line"><span class="cl"><span class="kd">func</span> <span class="nf">f</span>()</span></span>`+"\n", 20)
	b.Run("put", func(b *testing.B) {
		i := 0
		for b.Loop() {
			c.put(newDiskKey("go", fmt.Sprint(i)), html)
			i++
		}
	})
	b.Run("get", func(b *testing.B) {
		k := newDiskKey("go", "0")
		for b.Loop() {
			if _, ok := c.get(k); !ok {
				b.Fatal("miss")
			}
		}
	})
	b.Run("lex", func(b *testing.B) {
		r := newCodeRenderer(nil)
		code := strings.Repeat("func f(x int) int {\n\treturn x * 2 // double\n}\n", 7)
		for b.Loop() {
			r.lex("go", code)
		}
	})
}
