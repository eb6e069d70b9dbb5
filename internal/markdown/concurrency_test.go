package markdown

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestConcurrentRender renders many documents from several goroutines on
// one Renderer and checks each result matches a sequential render. Run
// with -race.
func TestConcurrentRender(t *testing.T) {
	const docs, workers, rounds = 12, 6, 5
	srcs := make([][]byte, docs)
	for i := range srcs {
		srcs[i] = []byte(fmt.Sprintf(
			"# Page %d\n\n## Section\n\n> [!NOTE]\n> See [page](p%d.md).[^1]\n\n```go\nfunc f%d() {}\n```\n\n```yaml\nshared: true\n```\n\n| A | B |\n|---|:-:|\n| %d | x |\n\n[^1]: note\n",
			i, i, i%4, i))
	}
	want := make([][]byte, docs)
	ref := New(Options{})
	for i, src := range srcs {
		doc, err := ref.Render(src, 3, testRewrite)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = doc.HTML
	}

	r := New(Options{})
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*docs)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for round := 0; round < rounds; round++ {
				for k := range srcs {
					i := (k + w) % docs
					doc, err := r.Render(srcs[i], 3, testRewrite)
					if err != nil {
						errs <- err
						continue
					}
					if !bytes.Equal(doc.HTML, want[i]) {
						errs <- fmt.Errorf("document %d differs when rendered concurrently", i)
					}
					if len(doc.Links) != 1 || doc.Links[0].Line != 9 {
						errs <- fmt.Errorf("document %d: links %+v", i, doc.Links)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
