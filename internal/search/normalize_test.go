package search

import (
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"WhatsApp", "whatsapp"},
		{"Consents", "consent"},
		{"policies", "polici"}, // Snowball's English stemmer
		{"policy", "polici"},
		{"consultation", "consult"},
		{"phones", "phone"},
		{"BAAs", "baa"},
		{"access", "access"}, // -ss is not a plural
		{"status", "status"}, // nor -us
		{"analysis", "analysi"},
		{"days", "day"},
		{"gas", "gas"},       // too short to stem
		{"Données", "donne"}, // accents folded, then stemmed
		{"São", "sao"},
		{"Straße", "strass"},
		{"Ærø", "aero"},
		{"ΣΟΦΟΣ", "σοφοσ"}, // final sigma folds to sigma
		{"the", ""},        // stop word
		{"Your", ""},       // stop word in any case
		{"x", ""},          // one letter
		{"5", "5"},         // one digit is kept
		{"2023", "2023"},
		{"हिंदी", "हिंदी"},    // combining marks stay in the word
		{"end-to-end", "end"}, // hyphens split words
		{"abcdefghijklmnopqrstuvwxyzabcdefghijklmno", ""}, // over 40 runes
	}
	for _, tt := range tests {
		got := ""
		if terms := Terms(tt.word); len(terms) > 0 {
			got = terms[0]
		}
		if got != tt.want {
			t.Errorf("Terms(%q)[0] = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestTokensKeepOffsets(t *testing.T) {
	text := "Use the BAA — 45 CFR 164.502(e), not WhatsApp."
	var got []string
	for _, tok := range Tokens(text) {
		got = append(got, text[tok.Start:tok.End]+"→"+tok.Term)
	}
	want := []string{"Use→use", "the→", "BAA→baa", "45→45", "CFR→cfr", "164→164", "502→502", "e→", "not→not", "WhatsApp→whatsapp"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens:\n got %q\nwant %q", got, want)
	}
}
