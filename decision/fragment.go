package decision

import (
	"errors"
	"strconv"
	"strings"
)

// fragmentPrefix marks version "a" of the fragment format.
const fragmentPrefix = "a="

// maxOptionDigits bounds an option number in a fragment, far above any real
// question, so parsing cannot overflow.
const maxOptionDigits = 4

// Resume rebuilds the session that [Session.Fragment] encoded. It accepts an
// optional leading '#'; "" (or "#") is the start of the tree. Malformed
// fragments and answers that do not fit the tree (an option the question
// lacks, answers past an outcome) are errors whose message can be shown to
// the reader as is. Resume never panics.
func (t *Tree) Resume(fragment string) (*Session, error) {
	s := t.Begin()
	f := strings.TrimPrefix(fragment, "#")
	if f == "" {
		return s, nil
	}
	nums, err := parseFragment(f, len(t.Nodes))
	if err != nil {
		return nil, err
	}
	for i, n := range nums {
		q := s.cur
		switch {
		case q == nil:
			return nil, errors.New("this decision tool is broken: its first question is missing")
		case q.IsOutcome():
			return nil, errors.New("this link's answers do not fit the decision tool: it gives " +
				strconv.Itoa(len(nums)) + " answers, but an outcome (" + strconv.Quote(q.Title) +
				") is reached after " + strconv.Itoa(i) + "; the tool may have changed since the link was made")
		case len(q.Options) > 0 && n > len(q.Options):
			return nil, errors.New("this link's answers do not fit the decision tool: answer " +
				strconv.Itoa(i+1) + " is option " + strconv.Itoa(n) + ", but the question " +
				strconv.Quote(q.Title) + " has " + countOptions(len(q.Options)) +
				"; the tool may have changed since the link was made")
		}
		if err := s.Answer(n - 1); err != nil {
			return nil, errors.New("this link's answers do not fit the decision tool: answer " +
				strconv.Itoa(i+1) + ": " + err.Error())
		}
	}
	return s, nil
}

// parseFragment returns the 1-based option numbers of f, which has no
// leading '#', checking only its syntax. It refuses more than limit numbers.
func parseFragment(f string, limit int) ([]int, error) {
	rest, ok := strings.CutPrefix(f, fragmentPrefix)
	if !ok {
		return nil, errors.New("this link is not a saved set of answers: " + quoteShort(f) +
			" should look like \"a=2.1.3\"")
	}
	if count := strings.Count(rest, ".") + 1; count > limit {
		return nil, errors.New("this link's answers do not fit the decision tool: it gives " +
			strconv.Itoa(count) + " answers, more than the tool has questions")
	}
	parts := strings.Split(rest, ".")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, ok := parseOptionNumber(p)
		if !ok {
			return nil, errors.New("this link is not a saved set of answers: answer " + strconv.Itoa(i+1) +
				" is " + quoteShort(p) + ", not an option number (the link should look like \"a=2.1.3\")")
		}
		nums[i] = n
	}
	return nums, nil
}

// parseOptionNumber parses a canonical positive decimal: digits only, no
// leading zero, at most maxOptionDigits long.
func parseOptionNumber(p string) (int, bool) {
	if p == "" || len(p) > maxOptionDigits || p[0] == '0' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func countOptions(n int) string {
	if n == 1 {
		return "only 1 option"
	}
	return "only " + strconv.Itoa(n) + " options"
}

// quoteShort quotes s for a message, cutting it when it is long.
func quoteShort(s string) string {
	const max = 40
	if len(s) > max {
		return strconv.Quote(s[:max]) + "…"
	}
	return strconv.Quote(s)
}
