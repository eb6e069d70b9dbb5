package decision

// closest returns the ID among nodes with the smallest edit distance to id,
// the first in node order on a tie, or "" when no ID is near enough to be
// a likely typo (a distance of more than half of id's length, or 2).
func closest(id string, nodes []*Node) string {
	best, bestDist := "", -1
	for _, n := range nodes {
		if n.ID == best {
			continue
		}
		if d := editDistance(id, n.ID); bestDist < 0 || d < bestDist {
			best, bestDist = n.ID, d
		}
	}
	if bestDist > max(2, len(id)/2) {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in bytes (node
// IDs are file names, in practice ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
