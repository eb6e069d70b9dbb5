package corpus

import (
	"fmt"
	"strings"
)

// snippet is generated code in one language for page i; variant tells two
// blocks of one page apart.
type snippet struct {
	lang string
	code func(i, variant int) string
}

// snippets are realistic blocks of code, different for every page (names
// and numbers derive from the page), in the languages a guidance site
// about messaging integrations would show.
var snippets = []snippet{
	{"go", func(i, v int) string {
		return fmt.Sprintf(`// Allowed%[1]d reports whether a message may be sent (page %[1]d, block %[2]d).
func Allowed%[1]d(ctx context.Context, p *Patient, msg Message) (bool, error) {
	if p == nil || !p.Consent.Recorded {
		return false, fmt.Errorf("patient %%q: no recorded consent", p.ID)
	}
	switch msg.Kind {
	case KindReminder, KindAdmin:
		return true, nil
	case KindClinical:
		ok, err := vendorAgreement(ctx, %[3]d)
		if err != nil {
			return false, fmt.Errorf("check agreement: %%w", err)
		}
		return ok && msg.Encrypted && len(msg.Body) < %[4]d, nil
	}
	return false, nil
}
`, i, v, i%97, 1000+i%4000)
	}},
	{"python", func(i, v int) string {
		return fmt.Sprintf(`from dataclasses import dataclass
from datetime import date, timedelta

RETENTION_YEARS = %[3]d


@dataclass
class Conversation%[1]d:
    """A conversation exported to the record (page %[1]d, block %[2]d)."""

    patient_id: str
    started: date
    messages: list[str]

    def expires(self) -> date:
        return self.started + timedelta(days=365 * RETENTION_YEARS)

    def needs_export(self, today: date) -> bool:
        return bool(self.messages) and today - self.started > timedelta(hours=%[4]d)
`, i, v, 6+i%10, 12+i%24)
	}},
	{"javascript", func(i, v int) string {
		return fmt.Sprintf(`// Page %[1]d, block %[2]d: warn before a message leaves the practice.
export function checkMessage%[1]d(message, patient) {
  const problems = [];
  if (!patient.consent) {
    problems.push("No recorded consent for " + patient.name);
  }
  if (message.attachments.length > %[3]d) {
    problems.push("Too many attachments: " + message.attachments.length);
  }
  for (const a of message.attachments) {
    if (a.type.startsWith("image/") && !a.clinicalSystem) {
      problems.push("Clinical images belong in the image system: " + a.name);
    }
  }
  return { ok: problems.length === 0, problems, checkedAt: Date.now() };
}
`, i, v, 1+i%5)
	}},
	{"typescript", func(i, v int) string {
		return fmt.Sprintf(`// Page %[1]d, block %[2]d.
interface Policy%[1]d {
  jurisdiction: "US" | "UK" | "EU" | "IN" | "AU";
  requiresAgreement: boolean;
  retentionDays: number;
}

export const policy%[1]d: Policy%[1]d = {
  jurisdiction: "%[3]s",
  requiresAgreement: %[4]t,
  retentionDays: %[5]d,
};

export function isExpired(sent: Date, p: Policy%[1]d = policy%[1]d): boolean {
  const ageDays = (Date.now() - sent.getTime()) / 86_400_000;
  return ageDays > p.retentionDays;
}
`, i, v, []string{"US", "UK", "EU", "IN", "AU"}[i%5], i%2 == 0, 365*(1+i%8))
	}},
	{"sql", func(i, v int) string {
		return fmt.Sprintf(`-- Page %[1]d, block %[2]d: conversations not yet copied to the record.
SELECT c.id,
       c.patient_id,
       count(m.id)        AS messages,
       max(m.sent_at)     AS last_message
FROM conversations AS c
JOIN messages AS m ON m.conversation_id = c.id
LEFT JOIN record_exports AS e ON e.conversation_id = c.id
WHERE e.id IS NULL
  AND c.clinic_id = %[3]d
  AND m.sent_at < now() - interval '%[4]d hours'
GROUP BY c.id, c.patient_id
HAVING count(m.id) > %[5]d
ORDER BY last_message DESC
LIMIT 100;
`, i, v, 100+i, 12+i%36, i%3)
	}},
	{"yaml", func(i, v int) string {
		return fmt.Sprintf(`# Messaging policy for site %[1]d (block %[2]d)
policy:
  name: clinic-%[1]d-messaging
  jurisdiction: %[3]s
  channels:
    - name: whatsapp
      allowed_for: [reminders, admin]
      agreement_signed: %[4]t
    - name: portal
      allowed_for: [clinical, images, results]
  retention:
    years: %[5]d
    export_within_hours: 24
  devices:
    owned_by: practice
    backups: disabled
    lock: biometric
`, i, v, []string{"United States", "United Kingdom", "European Union", "India"}[i%4], i%2 == 1, 6+i%10)
	}},
	{"json", func(i, v int) string {
		return fmt.Sprintf(`{
  "page": %[1]d,
  "block": %[2]d,
  "consent": {
    "recorded": true,
    "method": "%[3]s",
    "date": "2025-%02[4]d-%02[5]d"
  },
  "safeguards": ["encryption", "agreement", "audit-log"],
  "retention": { "years": %[6]d, "exportWithinHours": 24 },
  "contacts": [
    { "role": "privacy officer", "ext": %[7]d },
    { "role": "practice manager", "ext": %[8]d }
  ]
}
`, i, v, []string{"verbal", "written", "electronic"}[i%3], 1+i%12, 1+i%28, 6+i%10, 2000+i%1000, 3000+i%1000)
	}},
	{"bash", func(i, v int) string {
		return fmt.Sprintf(`#!/usr/bin/env bash
# Page %[1]d, block %[2]d: export yesterday's chats to the record system.
set -euo pipefail

EXPORT_DIR="/srv/exports/clinic-%[1]d"
mkdir -p "$EXPORT_DIR"
for chat in "$EXPORT_DIR"/incoming/*.txt; do
  [ -e "$chat" ] || continue
  patient=$(basename "$chat" .txt)
  if ! grep -q "consent: yes" "$chat"; then
    echo "skipping $patient: no consent recorded" >&2
    continue
  fi
  curl --fail --silent -X POST "https://records.example.org/api/v%[3]d/notes" \
    -H "Content-Type: text/plain" --data-binary "@$chat"
  shred -u "$chat"
done
`, i, v, 1+i%3)
	}},
	{"rust", func(i, v int) string {
		return fmt.Sprintf(`/// Page %[1]d, block %[2]d: how long a message must be kept.
pub fn retention_%[1]d(kind: MessageKind, jurisdiction: &str) -> Option<Duration> {
    let years = match (kind, jurisdiction) {
        (MessageKind::Clinical, "US") => %[3]d,
        (MessageKind::Clinical, _) => 8,
        (MessageKind::Admin, _) => 2,
        (MessageKind::Reminder, _) => return None,
    };
    Some(Duration::from_secs(years * 365 * 24 * 3600))
}

#[cfg(test)]
mod tests {
    #[test]
    fn reminders_are_not_kept() {
        assert!(super::retention_%[1]d(super::MessageKind::Reminder, "UK").is_none());
    }
}
`, i, v, 6+i%5)
	}},
	{"java", func(i, v int) string {
		return fmt.Sprintf(`// Page %[1]d, block %[2]d.
public final class ConsentCheck%[1]d {
    private final Clock clock;
    private final int maxAgeDays = %[3]d;

    public ConsentCheck%[1]d(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    public boolean isValid(Consent consent) {
        if (consent == null || !consent.isRecorded()) {
            return false;
        }
        long age = ChronoUnit.DAYS.between(consent.getDate(), LocalDate.now(clock));
        return age <= maxAgeDays && consent.covers(Channel.MESSAGING);
    }
}
`, i, v, 365+i%365)
	}},
}

// pageSnippets returns the two distinct code blocks of page i as fenced
// Markdown.
func pageSnippets(i int) [2]string {
	a := i % len(snippets)
	b := (i*3 + 5) % len(snippets)
	if b == a {
		b = (b + 1) % len(snippets)
	}
	var out [2]string
	for k, s := range []snippet{snippets[a], snippets[b]} {
		out[k] = "```" + s.lang + "\n" + strings.TrimLeft(s.code(i, k+1), "\n") + "```\n"
	}
	return out
}
