package engine

import (
	"math"
	"strconv"
	"strings"
)

// serialBatches splits hosts into rolling batches per the play's serial.
func serialBatches(serial []any, hosts []string) [][]string {
	if len(serial) == 0 {
		return [][]string{hosts}
	}
	var out [][]string
	rest := hosts
	i := 0
	for len(rest) > 0 {
		spec := serial[min(i, len(serial)-1)]
		n := batchSize(spec, len(hosts))
		if n <= 0 || n > len(rest) {
			n = len(rest)
		}
		out = append(out, rest[:n])
		rest = rest[n:]
		i++
	}
	return out
}

func batchSize(spec any, total int) int {
	switch v := spec.(type) {
	case int:
		return v
	case float64:
		return int(v)
	case string:
		if strings.HasSuffix(v, "%") {
			pct, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
			if err != nil {
				return total
			}
			return max(1, int(math.Floor(float64(total)*pct/100)))
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return total
		}
		return n
	}
	return total
}
