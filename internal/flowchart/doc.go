// Package flowchart draws a decision tree as an SVG flow chart at build time:
// a layered layout, read left to right, where each question's options lead
// to the next column.
//
// The layout follows the Sugiyama method:
//
//  1. Layers: a node's column is its longest distance from the start, so
//     every answer moves right.
//  2. Virtual nodes: each answer gets a label node in the gap after its
//     question (answers of one question that lead to the same node share
//     one), and an answer that skips columns runs through dummy nodes, so
//     every edge joins neighbouring columns and labels never collide.
//  3. Order: nodes are first ordered as a depth-first walk of the options
//     meets them, then sorted by the barycentre of their neighbours, down
//     and up the columns a few times; the order with the fewest edge
//     crossings is kept.
//  4. Placement: in each column nodes keep their order and are moved as
//     close as their spacing allows to the mean height of their
//     neighbours (an isotonic regression), sweeping forwards and back.
//
// Boxes are sized from their wrapped text, using estimated glyph widths.
// Questions and outcomes carry CSS classes (tm-question, tm-start,
// tm-outcome tm-avoid|tm-caution|tm-allowed): colours belong to the
// stylesheet, so the diagram follows light and dark mode. Every node is a
// link to its page with a <title>. The svg is a labelled group
// (role="group" and aria-label; not role="img", whose content assistive
// technology ignores, so links inside it break WCAG 4.1.2). Its links are
// out of the tab order: pages should list the same nodes as text, which
// keyboard users reach instead. The output is deterministic.
//
// For a page in a language written right to left (Options.RTL) the
// diagram is mirrored: the first question on the right, answers leading
// left, text aligned to the right of its box (but not itself mirrored).
// Its words come from the theme's strings (Options.Text).
package flowchart
