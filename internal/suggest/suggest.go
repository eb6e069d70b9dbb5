// Package suggest finds the name an author probably meant, for "did you
// mean …?" hints in diagnostics. It depends on nothing, so the WebAssembly
// engine may use it too.
package suggest

// Distance is the Levenshtein edit distance between a and b in bytes (the
// names compared are keys, IDs and file names, in practice ASCII).
func Distance(a, b string) int {
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

// Closest returns the candidate nearest to s, the first of them on a tie,
// or "" when none is within maxDist edits.
func Closest(s string, candidates []string, maxDist int) string {
	best, bestDist := "", maxDist+1
	for _, c := range candidates {
		if d := Distance(s, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
