package markdown

// buildTOC nests the h2 and h3 headings: each h3 goes under the h2 before
// it, or at the top level when no h2 precedes it. It returns nil when the
// document has fewer than two such headings, as a contents list of one
// entry helps nobody.
func buildTOC(headings []Heading) []TOCEntry {
	var toc []TOCEntry
	count := 0
	lastH2 := -1
	for _, h := range headings {
		switch h.Level {
		case 2:
			toc = append(toc, TOCEntry{Heading: h})
			lastH2 = len(toc) - 1
		case 3:
			if lastH2 >= 0 {
				toc[lastH2].Children = append(toc[lastH2].Children, TOCEntry{Heading: h})
			} else {
				toc = append(toc, TOCEntry{Heading: h})
			}
		default:
			continue
		}
		count++
	}
	if count < 2 {
		return nil
	}
	return toc
}
