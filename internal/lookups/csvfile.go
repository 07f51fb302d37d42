package lookups

import (
	"context"
	"errors"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/edxplay/edxplay/internal/jinja2"
)

var csvOptions = []option{
	{name: "col", typ: optRaw, def: jinja2.Str("1")},
	{name: "default", typ: optRaw},
	{name: "delimiter", typ: optRaw, def: jinja2.Str("TAB")},
	{name: "file", typ: optRaw, def: jinja2.Str("ansible.csv")},
	{name: "encoding", typ: optRaw, def: jinja2.Str("utf-8")},
}

func lookupCSVFile(ctx context.Context, r *runner, terms jinja2.Value, kw *jinja2.Dict) ([]jinja2.Value, error) {
	opts, err := options("csvfile", csvOptions, kw)
	if err != nil {
		return nil, err
	}
	list, err := items(terms)
	if err != nil {
		return nil, err
	}
	var out []jinja2.Value
	for _, t := range list {
		pairs, key, ok := parseKV(pyStr(t))
		if !ok {
			return nil, errorf("Search key is required but was not found")
		}
		for _, p := range pairs {
			if _, ok := opts[p.key]; !ok {
				return nil, errorf("%s is not a valid option", p.key)
			}
			opts[p.key] = jinja2.Str(p.value)
		}
		if strOpt(opts, "delimiter") == "TAB" {
			opts["delimiter"] = jinja2.Str("\t")
		}
		path, err := findFile(ctx, r.ctrl, "files", strOpt(opts, "file"), false)
		if err != nil {
			return nil, err
		}
		v, err := readCSV(path, key, opts)
		if err != nil {
			return nil, errorf("csvfile: %s", messageOf(err))
		}
		out = append(out, v...)
	}
	return out, nil
}

// decoders are the encodings csvfile reads: UTF-8 and Latin-1 by their
// Python names.
var decoders = map[string]func([]byte) string{
	"utf-8": utf8Text, "utf8": utf8Text, "u8": utf8Text,
	"latin-1": latin1Text, "latin1": latin1Text, "iso-8859-1": latin1Text, "iso8859-1": latin1Text, "l1": latin1Text,
}

func utf8Text(b []byte) string { return string(b) }

func latin1Text(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// readCSV returns column col of the first row whose first field is key,
// or the default.
func readCSV(path, key string, opts map[string]jinja2.Value) ([]jinja2.Value, error) {
	if path == "" {
		return nil, errors.New("[Errno 2] No such file or directory: b'None'")
	}
	delim := strOpt(opts, "delimiter")
	if utf8.RuneCountInString(delim) != 1 {
		return nil, errors.New("\"delimiter\" must be a 1-character string")
	}
	decode, ok := decoders[strings.ReplaceAll(strings.ToLower(strOpt(opts, "encoding")), "_", "-")]
	if !ok {
		return nil, errors.New("unknown encoding: " + strOpt(opts, "encoding"))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	comma, _ := utf8.DecodeRuneInString(delim)
	for _, row := range pyCSVRows(decode(data), comma) {
		if len(row) == 0 || row[0] != key {
			continue
		}
		col, err := toInt(opts["col"])
		if err != nil {
			return nil, errors.New(messageOf(err))
		}
		n, _ := col.IntValue()
		if n < 0 {
			n += int64(len(row))
		}
		if n < 0 || n >= int64(len(row)) {
			return nil, errors.New("list index out of range")
		}
		return []jinja2.Value{jinja2.Str(row[n])}, nil
	}
	return optionalValue(opts["default"]), nil
}
