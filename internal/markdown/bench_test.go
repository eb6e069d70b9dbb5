package markdown

import "testing"

// benchPage is a realistic guidance page: headings, a callout, a table,
// links, a footnote and two code blocks.
const benchPage = `Can WhatsApp be used for telemedicine? It depends on where your patients
are and what you send. This page summarises the rules; see the
[decision tool](../decide/whatsapp/_index.md) for your case.

## United States: HIPAA

> [!WARNING] No Business Associate Agreement
> WhatsApp does not sign BAAs, so it must not carry PHI.[^baa]

| Jurisdiction | Law | WhatsApp for PHI |
|:-------------|:----|:----------------:|
| United States | HIPAA | No |
| European Union | GDPR | Only with safeguards |
| India | DPDP Act | With consent |

### What counts as PHI

Names, dates, phone numbers and anything that identifies a patient together
with health information. See [HHS guidance](https://www.hhs.gov/hipaa/).

## Configuration example

` + "```yaml" + `
title: Do not send patient health information over WhatsApp
outcome: stop
review: 2025-01-31
` + "```" + `

` + "```go" + `
func route(j Jurisdiction) Outcome {
	if j == US && !hasBAA {
		return Stop
	}
	return Continue
}
` + "```" + `

## Alternatives

- [x] Signal with disappearing messages
- [ ] A HIPAA-compliant portal, see [alternatives](alternatives.md#portals)

[^baa]: Per the WhatsApp Business terms as of 2024.
`

func BenchmarkRender(b *testing.B) {
	r := New(Options{})
	src := []byte(benchPage)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Render(src, 5, testRewrite); err != nil {
			b.Fatal(err)
		}
	}
}
