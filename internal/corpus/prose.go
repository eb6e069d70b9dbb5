package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Word banks for generated prose. Sentences are assembled from them with a
// per-page random source, so every page reads differently but the corpus
// is the same on every run.
var (
	subjects = []string{
		"A clinic", "The practice manager", "Every clinician", "A locum doctor", "The data protection officer",
		"A community nurse", "The receptionist", "A physiotherapist", "The information governance lead", "A pharmacist",
	}
	actions = []string{
		"must record the patient's consent before the first message",
		"should check the patient's identity on every new number",
		"needs a written agreement with the messaging vendor",
		"has to copy clinically relevant messages into the record",
		"must not send images from a personal phone without a policy",
		"should turn on two-step verification for the account",
		"must tell patients that replies are not monitored out of hours",
		"should keep an audit log of who read which conversation",
		"needs to delete local copies once they are in the record",
		"must explain what the regulator expects before using group chats",
	}
	qualifiers = []string{
		"in most jurisdictions", "unless the regulator says otherwise", "for the retention period",
		"before any clinical detail is shared", "whenever a device is lost", "during an emergency too",
		"even for appointment reminders", "when a carer replies for the patient", "at least once a year",
		"after any security incident",
	}
	reasons = []string{
		"because end-to-end encryption protects messages in transit but not on the phone",
		"since the vendor keeps metadata such as who talked to whom and when",
		"as backups to cloud storage may not be encrypted with the same keys",
		"because the record must show what advice was given",
		"since a lost phone exposes every conversation on it",
		"as the patient may share the chat with family members",
	}
	listItems = []string{
		"Sign a data processing agreement with the vendor",
		"Use a practice-owned phone, not a personal one",
		"Turn on disappearing messages only where records allow it",
		"Lock the app with a PIN or biometrics",
		"Export conversations to the record every day",
		"Disable cloud backups of chats",
		"Review who has access each quarter",
		"Publish a messaging policy for patients",
		"Report incidents to the privacy officer within 24 hours",
		"Train new staff before they use the account",
	}
	tableRows = [][3]string{
		{"Encryption", "yes", "end to end, on by default"},
		{"Agreement", "yes", "signed before first use"},
		{"Audit log", "depends", "kept for six years"},
		{"Consent", "yes", "recorded in the notes"},
		{"Backups", "no", "turned off on the device"},
		{"Identity check", "yes", "on every new number"},
		{"Retention", "depends", "as the regulator sets"},
		{"Training", "yes", "yearly refresher"},
	}
	headingWords = []string{"Consent", "Records", "Identity", "Images", "Groups", "Emergencies", "Backups", "Devices", "Vendors", "Audits"}
)

// sentence returns one generated sentence.
func sentence(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s %s %s.", pick(r, subjects), pick(r, actions), pick(r, qualifiers))
	case 1:
		return fmt.Sprintf("%s %s, %s.", pick(r, subjects), pick(r, actions), pick(r, reasons))
	default:
		return fmt.Sprintf("In %d of %d audits, %s %s.", 1+r.IntN(40), 41+r.IntN(60), strings.ToLower(pick(r, subjects)), pick(r, actions))
	}
}

// paragraph returns n sentences, some with *emphasis* or **strong** text.
func paragraph(r *rand.Rand, n int) string {
	parts := make([]string, n)
	for i := range parts {
		s := sentence(r)
		switch r.IntN(6) {
		case 0:
			s = strings.Replace(s, "consent", "**consent**", 1)
		case 1:
			s = strings.Replace(s, "record", "_record_", 1)
		}
		parts[i] = s
	}
	return strings.Join(parts, " ")
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
