package modules

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/edxplay/edxplay/modules/hostfile"
)

// fileAttributeNames are the names Ansible gives lsattr's flag letters
// (module_utils.basic.FILE_ATTRIBUTES).
var fileAttributeNames = map[rune]string{
	'A': "noatime", 'a': "append", 'c': "compressed", 'C': "nocow", 'd': "nodump",
	'D': "dirsync", 'e': "extents", 'E': "encrypted", 'h': "blocksize", 'i': "immutable",
	'I': "indexed", 'j': "journalled", 'N': "inline", 's': "zero", 'S': "synchronous",
	't': "notail", 'T': "blockroot", 'u': "undelete", 'X': "compressedraw", 'Z': "compresseddirty",
}

// addStatExtras gathers the extras (hostfile.StatExtrasScript), from the
// probe batch when it has them, and merges them into st.
func addStatExtras(ctx context.Context, fs *hostfile.FS, st map[string]any, path string, follow, mime, attrs bool) error {
	out, ok := "", false
	if c, isCache := fs.Conn.(hostfile.StatExtrasCache); isCache && !follow {
		out, ok = c.CachedStatExtras(fs.Become, path)
	}
	if !ok {
		var err error
		if out, err = fs.Exec(ctx, hostfile.StatExtrasScript(path, follow, mime, attrs)); err != nil {
			return fmt.Errorf("stat %s: %w", path, err)
		}
	}
	if mime {
		st["mimetype"], st["charset"] = "unknown", "unknown"
	}
	for _, line := range strings.Split(out, "\n") {
		tag, val, _ := strings.Cut(line, " ")
		switch tag {
		case "B":
			parseStatBlocks(st, val)
		case "M":
			if mime {
				parseMime(st, val)
			}
		case "T":
			if attrs {
				parseLsattr(st, val)
			}
		}
	}
	return nil
}

func parseStatBlocks(st map[string]any, val string) {
	f := strings.Split(strings.TrimSpace(val), "|")
	if len(f) != 3 {
		return
	}
	for i, key := range []string{"block_size", "blocks", "device_type"} {
		if n, err := strconv.ParseInt(f[i], 10, 64); err == nil {
			st[key] = n
		}
	}
}

// parseMime reads "path: text/plain; charset=us-ascii" as Ansible does:
// the text after the last colon, split at ";".
func parseMime(st map[string]any, val string) {
	i := strings.LastIndex(val, ":")
	if i < 0 {
		return
	}
	typ, cs, ok := strings.Cut(val[i+1:], ";")
	_, enc, ok2 := strings.Cut(cs, "=")
	if !ok || !ok2 {
		return
	}
	st["mimetype"], st["charset"] = strings.TrimSpace(typ), strings.TrimSpace(enc)
}

// parseLsattr reads "VERSION FLAGS PATH" from lsattr -vd.
func parseLsattr(st map[string]any, val string) {
	f := strings.Fields(val)
	if len(f) < 2 {
		return
	}
	flags := strings.ReplaceAll(f[1], "-", "")
	names := []any{}
	for _, c := range flags {
		if n, ok := fileAttributeNames[c]; ok {
			names = append(names, n)
		}
	}
	st["version"], st["attr_flags"], st["attributes"] = f[0], flags, names
}
