package decision

import "github.com/guidepost/guidepost/internal/suggest"

// closest returns the ID among nodes with the smallest edit distance to id,
// the first in node order on a tie, or "" when no ID is near enough to be
// a likely typo (a distance of more than half of id's length, or 2).
func closest(id string, nodes []*Node) string {
	best, bestDist := "", -1
	for _, n := range nodes {
		if n.ID == best {
			continue
		}
		if d := suggest.Distance(id, n.ID); bestDist < 0 || d < bestDist {
			best, bestDist = n.ID, d
		}
	}
	if bestDist > max(2, len(id)/2) {
		return ""
	}
	return best
}
