package lookups

import "strings"

// csvState is a state of Python's csv reader (Modules/_csv.c).
type csvState int

const (
	csvStartRecord csvState = iota
	csvStartField
	csvInField
	csvInQuoted
	csvQuoteInQuoted
)

// pyCSVRows splits text into rows as Python's csv.reader with the excel
// dialect and a delimiter: quoted fields with doubled quotes, text after a
// closing quote kept (strict off), an empty line an empty row. Unlike
// encoding/csv's LazyQuotes, a quote inside an unquoted field or after a
// closing quote is literal and does not open a field that runs on.
func pyCSVRows(text string, delim rune) [][]string {
	var rows [][]string
	var row []string
	var field strings.Builder
	state := csvStartRecord
	save := func() { row = append(row, field.String()); field.Reset() }
	end := func() { rows = append(rows, row); row = nil; state = csvStartRecord }
	afterCR := false // a record just ended at \r: its \n is part of that end
	for _, c := range text {
		newline := c == '\n' || c == '\r'
		if c == '\n' && afterCR {
			afterCR = false
			continue
		}
		afterCR = c == '\r'
		switch state {
		case csvStartRecord, csvStartField:
			switch {
			case newline && state == csvStartRecord:
				end()
			case newline:
				save()
				end()
			case c == '"':
				state = csvInQuoted
			case c == delim:
				save()
				state = csvStartField
			default:
				field.WriteRune(c)
				state = csvInField
			}
		case csvInField, csvQuoteInQuoted:
			switch {
			case state == csvQuoteInQuoted && c == '"':
				field.WriteRune(c)
				state = csvInQuoted
			case c == delim:
				save()
				state = csvStartField
			case newline:
				save()
				end()
			default:
				field.WriteRune(c)
				state = csvInField
			}
		case csvInQuoted:
			if c == '"' {
				state = csvQuoteInQuoted
			} else {
				field.WriteRune(c)
			}
		}
	}
	if state != csvStartRecord {
		save()
		rows = append(rows, row)
	}
	return rows
}
