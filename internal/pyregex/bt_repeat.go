package pyregex

import "unicode/utf8"

// repeat matches n.subs[0] between n.min and n.max times (count done so
// far), greedy or lazy. As in Python, an iteration that matches the
// empty string ends the loop once min is reached.
func (m *machine) repeat(n *node, count, i int, k func(int) bool) bool {
	canStop := count >= n.min
	canMore := n.max < 0 || count < n.max
	more := func() bool {
		return m.match(n.subs[0], i, func(j int) bool {
			if j == i && count+1 >= n.min {
				return k(j)
			}
			return m.repeat(n, count+1, j, k)
		})
	}
	if n.greedy {
		if canMore && more() {
			return true
		}
		return canStop && m.err == nil && k(i)
	}
	if canStop && k(i) {
		return true
	}
	return canMore && m.err == nil && more()
}

// repeatOne is repeat for a single-character body, iterating rather
// than recursing.
func (m *machine) repeatOne(n *node, i int, k func(int) bool) bool {
	sub := n.subs[0]
	if !n.greedy {
		for count, j := 0, i; ; count++ {
			if count >= n.min && k(j) {
				return true
			}
			if (n.max >= 0 && count >= n.max) || !m.tick() {
				return false
			}
			next, ok := m.one(sub, j)
			if !ok {
				return false
			}
			j = next
		}
	}
	ends := []int{i}
	for j := i; n.max < 0 || len(ends)-1 < n.max; {
		next, ok := m.one(sub, j)
		if !ok || !m.tick() {
			break
		}
		j = next
		ends = append(ends, j)
	}
	if m.err != nil {
		return false
	}
	for c := len(ends) - 1; c >= n.min; c-- {
		if k(ends[c]) {
			return true
		}
		if !m.tick() {
			return false
		}
	}
	return false
}

// look runs a lookahead or a (fixed-width) lookbehind at i. Groups a
// positive lookaround captures are kept, as in Python.
func (m *machine) look(n *node, i int, k func(int) bool) bool {
	start := i
	if n.behind {
		if start = m.back(i, n.width); start < 0 {
			return n.neg && k(i)
		}
	}
	saved := append([]int(nil), m.caps...)
	ok := m.match(n.subs[0], start, func(j int) bool { return !n.behind || j == i })
	if m.err != nil {
		return false
	}
	if n.neg {
		copy(m.caps, saved)
		return !ok && k(i)
	}
	if ok && k(i) {
		return true
	}
	copy(m.caps, saved)
	return false
}

// back returns the position w characters before i, or -1.
func (m *machine) back(i, w int) int {
	for ; w > 0; w-- {
		if i == 0 {
			return -1
		}
		_, size := utf8.DecodeLastRuneInString(m.s[:i])
		i -= size
	}
	return i
}

// atomic matches n.subs[0] once, its first match only, as (?>...).
func (m *machine) atomic(n *node, i int, k func(int) bool) bool {
	saved := append([]int(nil), m.caps...)
	end := -1
	if !m.match(n.subs[0], i, func(j int) bool { end = j; return true }) {
		return false
	}
	if k(end) {
		return true
	}
	copy(m.caps, saved)
	return false
}
