package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/edxplay/edxplay/internal/playbook"
)

// errorText is what follows "ERROR! " for err. A load error located in a
// file reads as ansible-playbook words it: the message of the innermost
// located error first, then where it appears to be and the offending line.
func errorText(err error) string {
	var pe *playbook.Error
	if !errors.As(err, &pe) || pe.Pos.Line == 0 {
		return err.Error()
	}
	for {
		var inner *playbook.Error
		if pe.Err == nil || !errors.As(pe.Err, &inner) || inner.Pos.Line == 0 {
			break
		}
		pe = inner
	}
	msg := pe.Msg
	if pe.Err != nil {
		msg += ": " + pe.Err.Error()
	}
	return msg + "\n\n" + errorLocation(pe.Pos)
}

// errorLocation words pos as ansible-playbook does under a load error,
// quoting the offending line when the file can be read.
func errorLocation(pos playbook.Pos) string {
	path := pos.File
	data, err := os.ReadFile(path)
	if abs, aerr := filepath.Abs(path); err == nil && aerr == nil {
		path = abs
	}
	s := fmt.Sprintf("The error appears to be in '%s': line %d, column %d, but may\n"+
		"be elsewhere in the file depending on the exact syntax problem.\n", path, pos.Line, pos.Col)
	lines := strings.Split(string(data), "\n")
	if err != nil || pos.Line > len(lines) {
		return s
	}
	prev := ""
	if pos.Line > 1 {
		prev = lines[pos.Line-2]
	}
	target := strings.TrimRight(lines[pos.Line-1], "\r")
	return s + "\nThe offending line appears to be:\n\n" + strings.TrimRight(prev, "\r") + "\n" + target + "\n" +
		strings.Repeat(" ", max(pos.Col-1, 0)) + "^ here"
}
