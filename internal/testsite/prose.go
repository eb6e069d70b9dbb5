package testsite

import (
	"math/rand/v2"
	"strings"
)

// Prose makes reproducible filler text for generated sites: words drawn
// with a Zipf distribution, as in real prose, from the domain words given
// followed by made-up words up to a 6,000-word vocabulary.
type Prose struct {
	Rand  *rand.Rand // the generator behind the words, for other choices
	vocab []string
	zipf  *rand.Zipf
}

// NewProse returns a Prose seeded with seed1 and seed2.
func NewProse(seed1, seed2 uint64, domain []string) *Prose {
	rng := rand.New(rand.NewPCG(seed1, seed2))
	syll := strings.Fields("ka lo mi nu pe ra si to va ze bri cho dra fle gru pla stri tha")
	vocab := append([]string(nil), domain...)
	for len(vocab) < 6000 {
		var b strings.Builder
		for range 2 + rng.IntN(3) {
			b.WriteString(syll[rng.IntN(len(syll))])
		}
		vocab = append(vocab, b.String())
	}
	return &Prose{Rand: rng, vocab: vocab, zipf: rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))}
}

// Words returns n words joined by spaces.
func (p *Prose) Words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = p.vocab[p.zipf.Uint64()]
	}
	return strings.Join(w, " ")
}
