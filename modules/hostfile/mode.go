package hostfile

import (
	"fmt"
	"strconv"
	"strings"
)

// Permission bit groups as in Python's stat module.
const (
	permBits  = 0o7777
	execBits  = 0o111
	modeSUID  = 0o4000
	modeSGID  = 0o2000
	modeStick = 0o1000
)

// IsOctalMode reports whether spec is an octal mode such as "0644" or "755".
func IsOctalMode(spec string) bool {
	_, err := strconv.ParseUint(spec, 8, 32)
	return err == nil && spec != ""
}

// ResolveMode computes the permission bits that spec gives a file whose
// current bits are cur, with Ansible's rules: octal strings are absolute,
// symbolic modes ("u=rw,g+r", "+x") apply to cur, and a symbolic clause
// without users honours umask. Only permission bits may be set.
func ResolveMode(spec string, cur uint32, isDir bool, umask uint32) (uint32, error) {
	if IsOctalMode(spec) {
		m, _ := strconv.ParseUint(spec, 8, 32)
		if m&^permBits != 0 {
			return 0, fmt.Errorf("invalid mode %q: only permission info is allowed", spec)
		}
		return uint32(m), nil
	}
	mode := cur & permBits
	for _, clause := range strings.Split(spec, ",") {
		var err error
		if mode, err = applyClause(clause, cur&permBits, mode, isDir, umask); err != nil {
			return 0, fmt.Errorf("mode must be in octal or symbolic form: %w", err)
		}
	}
	return mode, nil
}

// applyClause applies one symbolic clause such as "u+rwX" or "go=u-w".
func applyClause(clause string, orig, mode uint32, isDir bool, umask uint32) (uint32, error) {
	opAt := strings.IndexAny(clause, "+-=")
	if opAt < 0 {
		return 0, fmt.Errorf("bad symbolic permission for mode: %s", clause)
	}
	users := clause[:opAt]
	useUmask := users == ""
	if users == "" || users == "a" {
		users = "ugo"
	}
	if strings.Trim(users, "ugo") != "" {
		return 0, fmt.Errorf("bad symbolic permission for mode: %s", clause)
	}
	rest := clause[opAt:]
	for rest != "" {
		op := rest[0]
		end := strings.IndexAny(rest[1:], "+-=")
		perms := rest[1:]
		if end >= 0 {
			perms = rest[1 : end+1]
		}
		rest = rest[1+len(perms):]
		if strings.Trim(perms, "rwxXstugo") != "" {
			return 0, fmt.Errorf("bad symbolic permission for mode: %s", clause)
		}
		for _, u := range users {
			bits := permsFor(byte(u), perms, orig, isDir, useUmask, umask)
			mode = applyOp(byte(u), op, bits, mode)
		}
	}
	return mode, nil
}

// permsFor returns the bits that perms stand for, for user class u.
func permsFor(u byte, perms string, orig uint32, isDir, useUmask bool, umask uint32) uint32 {
	shift := map[byte]uint{'u': 6, 'g': 3, 'o': 0}[u]
	allow := uint32(0o7777)
	if useUmask {
		allow = ^umask & 0o777
	}
	var bits uint32
	for _, p := range perms {
		switch p {
		case 'r':
			bits |= allow & (4 << shift)
		case 'w':
			bits |= allow & (2 << shift)
		case 'x':
			bits |= allow & (1 << shift)
		case 'X':
			if isDir || orig&execBits != 0 {
				bits |= 1 << shift
			}
		case 's':
			bits |= map[byte]uint32{'u': modeSUID, 'g': modeSGID}[u]
		case 't':
			if u == 'o' {
				bits |= modeStick
			}
		case 'u', 'g', 'o':
			src := map[rune]uint{'u': 6, 'g': 3, 'o': 0}[p]
			bits |= ((orig >> src) & 7) << shift
		}
	}
	return bits
}

// applyOp combines bits into mode with operator op for user class u.
func applyOp(u, op byte, bits, mode uint32) uint32 {
	switch op {
	case '=':
		mask := map[byte]uint32{'u': 0o700 | modeSUID, 'g': 0o070 | modeSGID, 'o': 0o007 | modeStick}[u]
		return mode&^mask | bits
	case '+':
		return mode | bits
	default:
		return mode &^ bits
	}
}

// FormatMode formats permission bits as Ansible does ("0644").
func FormatMode(m uint32) string {
	return fmt.Sprintf("%04o", m)
}
