package playbook

import (
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// Error is a load error located in a source file. Its message reads
// "file:line:col: message", followed by ": cause" when it wraps another error.
type Error struct {
	Pos Pos
	Msg string
	Err error
}

// Error formats the error with its position.
func (e *Error) Error() string {
	s := e.Pos.String() + ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

// errorf builds a positioned load error.
func errorf(pos Pos, format string, args ...any) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// wrapf wraps a cause (typically an error from a nested file) with the
// position of the statement that led to it.
func wrapf(pos Pos, err error, format string, args ...any) error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Err: err}
}

var yamlLineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntaxError turns a yaml.v3 parse error of data into a positioned
// error naming the file and line.
func yamlSyntaxError(file string, data []byte, err error) error {
	m := yamlLineRe.FindStringSubmatch(err.Error())
	if m == nil {
		// yaml.v3 gives no line for bytes its reader rejects (control
		// characters, invalid UTF-8): name the first such byte.
		line, col := badByte(data)
		return &Error{Pos: Pos{File: file, Line: line, Col: col}, Msg: "yaml syntax error", Err: err}
	}
	line, _ := strconv.Atoi(m[1])
	if isParserProblem(m[2]) {
		// yaml.v3 reports parser (not scanner) errors with a 0-based line.
		line++
	}
	return &Error{Pos: Pos{File: file, Line: line, Col: 1}, Msg: "yaml syntax error: " + m[2]}
}

// isParserProblem reports whether a yaml.v3 message comes from its parser,
// whose line numbers are 0-based, rather than its scanner.
func isParserProblem(msg string) bool {
	switch msg {
	case "did not find expected <document start>", "did not find expected node content",
		"did not find expected key", "did not find expected '-' indicator",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'":
		return true
	}
	return false
}

// badByte returns the line and column (1-based) of the first byte of data
// that YAML does not allow: a control character other than tab, newline
// and carriage return, or invalid UTF-8. It returns 0, 0 when there is none.
func badByte(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size <= 1, r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f:
			return line, col
		case r == '\n':
			line, col = line+1, 0
		}
		col++
		data = data[size:]
	}
	return 0, 0
}
