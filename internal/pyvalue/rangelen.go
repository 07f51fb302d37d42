package pyvalue

// RangeLen is len(range(start, stop, step)); step must not be 0.
func RangeLen(start, stop, step int) int {
	if step < 0 {
		start, stop, step = -start, -stop, -step
	}
	if start >= stop {
		return 0
	}
	return (stop-start-1)/step + 1
}
