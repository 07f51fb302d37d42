package jinja

import (
	"regexp"
	"strings"
)

// gonja parses the conditional expression `A if C else B` only at the top
// of a {{ }} tag (without nesting), so rewriteConditionals rewrites every
// conditional expression of a template source, before gonja parses it,
// into operators and internal filters gonja understands:
//
//	((((C)|__ansible_truth) and ((A)|__ansible_box)) or ((B)|__ansible_box))|__ansible_unbox
//
// `and`/`or` short-circuit, so only the chosen branch is evaluated; the
// truth filter applies Python truthiness to C; the box keeps a falsy or
// undefined branch value from being skipped by `or`. Without `else`, the
// unbox filter turns the false outcome into Jinja2's implicit Undefined.
// Branch boundaries follow Jinja2's grammar: A and B end at a comma, colon,
// keyword `=`, closing bracket or the end of the tag, and B may itself be a
// conditional. Line breaks are kept so parse errors keep their lines.

// Internal filters the conditional rewrite introduces.
const (
	truthFilter = "__ansible_truth"
	boxFilter   = "__ansible_box"
	unboxFilter = "__ansible_unbox"
)

var (
	rawBlockEnd = regexp.MustCompile(`\{%[-+]?\s*endraw\s*[-+]?%\}`)
	// topLevelCondTags are the {% %} statements whose expression may be a
	// conditional without parentheses in Jinja2 (for, if and elif parse
	// theirs with_condexpr=False: `for x in y if z` is a loop filter).
	topLevelCondTags = map[string]bool{"set": true, "do": true, "with": true}
)

// rewriteConditionals returns src with its conditional expressions made
// parseable by gonja; src is returned unchanged when it has none.
func rewriteConditionals(src string) string {
	if !strings.Contains(src, "if") {
		return src
	}
	var b strings.Builder
	changed := false
	i := 0
	for i < len(src) {
		open := nextTagStart(src, i)
		if open < 0 {
			break
		}
		b.WriteString(src[i:open])
		if strings.HasPrefix(src[open:], "{#") {
			end := strings.Index(src[open:], "#}")
			if end < 0 {
				i = open
				break
			}
			b.WriteString(src[open : open+end+2])
			i = open + end + 2
			continue
		}
		next, text, ok := rewriteTag(src, open)
		b.WriteString(text)
		changed = changed || ok
		i = next
	}
	if !changed {
		return src
	}
	b.WriteString(src[i:])
	return b.String()
}

// nextTagStart finds the next `{{`, `{%` or `{#` at or after i.
func nextTagStart(src string, i int) int {
	for j := i; j+1 < len(src); j++ {
		if src[j] == '{' && (src[j+1] == '{' || src[j+1] == '%' || src[j+1] == '#') {
			return j
		}
	}
	return -1
}

// rewriteTag rewrites the tag opening at open. It returns where scanning
// resumes, the text to emit up to there, and whether anything changed. A
// {% raw %} block is returned whole.
func rewriteTag(src string, open int) (int, string, bool) {
	bodyStart := open + 2
	if bodyStart < len(src) && (src[bodyStart] == '-' || src[bodyStart] == '+') {
		bodyStart++
	}
	toks, closeEnd, ok := lexTag(src, bodyStart, src[open+1] == '{')
	if !ok {
		return len(src), src[open:], false
	}
	if src[open+1] == '%' && len(toks) > 0 && toks[0].text(src) == "raw" {
		if loc := rawBlockEnd.FindStringIndex(src[closeEnd:]); loc != nil {
			return closeEnd + loc[1], src[open : closeEnd+loc[1]], false
		}
		return len(src), src[open:], false
	}
	r := &condRewriter{src: src, toks: toks}
	if len(toks) == 0 || !r.match() || !r.hasIf() {
		return closeEnd, src[open:closeEnd], false
	}
	var body string
	switch {
	case src[open+1] == '{':
		body = r.list(0, len(toks), true)
	case len(toks) > 0 && topLevelCondTags[toks[0].text(src)]:
		body = toks[0].text(src) + r.gap(0) + r.list(1, len(toks), true)
	default:
		body = r.plain(0, len(toks))
	}
	out := src[open:toks[0].start] + body + src[toks[len(toks)-1].end:closeEnd]
	return closeEnd, out, true
}

// condRewriter rewrites the tokens of one tag.
type condRewriter struct {
	src  string
	toks []tagToken
	pair map[int]int // index of an opening bracket -> its closing bracket
}

// match pairs the brackets; false when they are unbalanced.
func (r *condRewriter) match() bool {
	r.pair = map[int]int{}
	var stack []int
	for i, t := range r.toks {
		switch t.kind {
		case tokOpen:
			stack = append(stack, i)
		case tokClose:
			if len(stack) == 0 {
				return false
			}
			r.pair[stack[len(stack)-1]] = i
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

func (r *condRewriter) hasIf() bool {
	for _, t := range r.toks {
		if t.kind == tokName && t.text(r.src) == "if" {
			return true
		}
	}
	return false
}

// gap returns the source between token i and token i+1.
func (r *condRewriter) gap(i int) string {
	if i+1 >= len(r.toks) {
		return ""
	}
	return r.src[r.toks[i].end:r.toks[i+1].start]
}

// plain renders tokens [lo, hi) as they are, rewriting the conditionals
// inside brackets.
func (r *condRewriter) plain(lo, hi int) string {
	var b strings.Builder
	for i := lo; i < hi; i++ {
		b.WriteString(r.toks[i].text(r.src))
		if j, ok := r.pair[i]; ok {
			b.WriteString(r.gap(i))
			if j > i+1 {
				b.WriteString(r.list(i+1, j, true))
				b.WriteString(r.gap(j - 1))
			}
			b.WriteString(r.toks[j].text(r.src))
			i = j
		}
		if i+1 < hi {
			b.WriteString(r.gap(i))
		}
	}
	return b.String()
}

// list renders tokens [lo, hi) split at separators (`,`, `:`, `=`) of
// their own nesting level, each item possibly a conditional.
func (r *condRewriter) list(lo, hi int, cond bool) string {
	var b strings.Builder
	start := lo
	for i := lo; i <= hi; i++ {
		if i < hi {
			if j, ok := r.pair[i]; ok {
				i = j
				continue
			}
			if !r.toks[i].isSeparator(r.src) {
				continue
			}
		}
		if start < i {
			b.WriteString(r.item(start, i, cond))
			if i < hi {
				b.WriteString(r.gap(i - 1))
			}
		}
		if i < hi {
			b.WriteString(r.toks[i].text(r.src))
			if i+1 < hi {
				b.WriteString(r.gap(i))
			}
		}
		start = i + 1
	}
	return b.String()
}

// item renders one list item [lo, hi), rewriting `A if C [else B]`.
func (r *condRewriter) item(lo, hi int, cond bool) string {
	ifAt, elseAt := r.findIfElse(lo, hi, cond)
	condEnd := hi
	if elseAt >= 0 {
		condEnd = elseAt
	}
	if ifAt <= lo || condEnd <= ifAt+1 || elseAt == hi-1 {
		return r.plain(lo, hi)
	}
	a, c := r.plain(lo, ifAt), r.plain(ifAt+1, condEnd)
	spaces := r.gap(ifAt-1) + r.gap(ifAt)
	expr := "(((" + c + ")|" + truthFilter + ") and ((" + a + ")|" + boxFilter + "))"
	if elseAt >= 0 {
		spaces += r.gap(elseAt-1) + r.gap(elseAt)
		expr = "(" + expr + " or ((" + r.item(elseAt+1, hi, true) + ")|" + boxFilter + "))"
	}
	return "(" + expr + "|" + unboxFilter + onlyNewlines(spaces) + ")"
}

// findIfElse locates the `if` and `else` keywords of a conditional at the
// item's own nesting level (-1 when absent).
func (r *condRewriter) findIfElse(lo, hi int, cond bool) (ifAt, elseAt int) {
	ifAt, elseAt = -1, -1
	for i := lo; cond && i < hi; i++ {
		if j, ok := r.pair[i]; ok {
			i = j
			continue
		}
		if r.toks[i].kind != tokName {
			continue
		}
		switch word := r.toks[i].text(r.src); {
		case word == "if" && ifAt < 0:
			ifAt = i
		case word == "else" && ifAt >= 0:
			return ifAt, i
		}
	}
	return ifAt, elseAt
}

// onlyNewlines keeps the line breaks of s (dropped whitespace), so the
// lines of the rest of the template do not move.
func onlyNewlines(s string) string {
	return strings.Repeat("\n", strings.Count(s, "\n"))
}
