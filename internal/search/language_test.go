package search

import (
	"fmt"
	"strings"
	"testing"
)

// TestTokensByScript tokenizes text of every kind of script in the
// languages that read it, and compares each token and its term with the
// golden file testdata/tokens/<name>.golden: one line per token, the
// word as written, then its term ("" for a word left out).
func TestTokensByScript(t *testing.T) {
	tests := []struct {
		name, lang, text string
	}{
		{"english", "en", "Patients' consent: policies, consultations and WhatsApp's end-to-end encryption (2023)."},
		{"spanish", "es", "Los médicos consultan las recetas electrónicas; él no está de acuerdo."},
		{"portuguese", "pt-BR", "As informações médicas são compartilhadas com os pacientes."},
		{"french", "fr", "Les médecins déverrouillés n'ont pas été prévenus qu'un téléphone était perdu."},
		{"german", "de", "Die Ärztinnen überprüfen die Verschlüsselung der Nachrichten für Patienten."},
		{"chinese", "zh", "医生建议患者使用加密的消息应用。药"},
		{"chinese and latin", "zh", "WhatsApp的端到端加密和HIPAA规定"},
		{"japanese", "ja", "東京タワーで医師に相談する。すごーい"},
		{"korean", "ko", "의사와 상담하세요 약"},
		{"thai", "th", "แพทย์ให้คำปรึกษา ยา"},
		{"arabic", "ar", "يَجِبُ الحصـــول على موافقة المريض. أطباء إلى آخر"},
		{"unknown language", "sw", "Madaktari wanashauri wagonjwa"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			fmt.Fprintf(&b, "%s\t%s\n", tt.lang, tt.text)
			for _, tok := range LanguageOf(tt.lang).Tokens(tt.text) {
				fmt.Fprintf(&b, "%s\t%q\n", tt.text[tok.Start:tok.End], tok.Term)
			}
			golden(t, "tokens/"+strings.ReplaceAll(tt.name, " ", "-")+".golden", []byte(b.String()))
		})
	}
}

// TestLanguageOf reads BCP 47 tags by their language.
func TestLanguageOf(t *testing.T) {
	tests := []struct {
		tag, code, stem string
		stops           bool
	}{
		{"", "en", "en", true},
		{"en-GB", "en", "en", true},
		{"es", "es", "es", true},
		{"pt-BR", "pt", "pt", true},
		{"PT_pt", "pt", "pt", true},
		{"fr-CA", "fr", "fr", true},
		{"de", "de", "de", true},
		{"zh-Hant", "zh", "", false},
		{"ar", "ar", "", false},
	}
	for _, tt := range tests {
		l := LanguageOf(tt.tag)
		if l.Code() != tt.code || l.Stemmer() != tt.stem || (len(l.StopWords()) > 0) != tt.stops {
			t.Errorf("LanguageOf(%q): code %q, stemmer %q, %d stop words; want %q, %q, stop words %v", tt.tag, l.Code(), l.Stemmer(), len(l.StopWords()), tt.code, tt.stem, tt.stops)
		}
	}
}

// TestShardsOfPairs indexes Chinese text of 1,200 distinct pairs after
// the same three characters, more than a shard holds: a pair is still found
// in the shard search.js loads for it, a lone character finds the pairs it
// begins, and the pairs do not get a shard each (nor the manifest a key
// each).
func TestShardsOfPairs(t *testing.T) {
	var docs []Doc
	var pairs []string
	firsts := []rune("医患加")
	for i := range 60 {
		var b strings.Builder
		for k := range 20 {
			p := string(firsts[(i+k)%3]) + string(rune(0x4E00+i*20+k))
			pairs = append(pairs, p)
			b.WriteString(p + "。")
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/p%02d/", i), Title: "页", Sections: []Section{{Text: b.String()}}})
	}
	idx := mustBuild(t, docs, Options{MaxShard: 1500, Language: "zh"})
	r := newReader(t, idx)
	if len(r.m.Shards) < 2 || len(r.m.Shards) > len(pairs)/20 {
		t.Errorf("%d shards for %d pairs", len(r.m.Shards), len(pairs))
	}
	for _, p := range pairs {
		if got := r.search(p); len(got) != 1 {
			t.Errorf("%s: %d results, want 1", p, len(got))
		}
	}
	for _, f := range firsts {
		n := 0
		for _, k := range r.prefixKeys(string(f)) {
			for term := range r.shard(k) {
				if strings.HasPrefix(term, string(f)) {
					n++
				}
			}
		}
		if n != len(pairs)/3 {
			t.Errorf("%c begins %d terms in the shards a partial word loads, want %d", f, n, len(pairs)/3)
		}
	}
}
