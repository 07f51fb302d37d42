package engine

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/internal/jinja"
	"github.com/edxplay/edxplay/internal/playbook"
)

// playSerial is the play's serial with its templated items rendered with
// the play's vars and the extra vars, as ansible-core renders serial when
// the play starts (serial: "{{ edx_serial | default(1) }}").
func (rn *run) playSerial(p *playbook.Play) ([]any, error) {
	out := append([]any{}, p.Serial...)
	for i, it := range out {
		s, ok := it.(string)
		if !ok || !jinja.IsTemplate(s) {
			continue
		}
		v, err := rn.Jinja.Template(s, rn.playStartScope(p))
		if err != nil {
			return nil, fmt.Errorf("%s: serial: %w", p.Pos, err)
		}
		out[i] = strings.TrimSpace(fmt.Sprint(v))
	}
	return out, nil
}

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
