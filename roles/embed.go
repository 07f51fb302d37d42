// Package roles embeds edxplay's built-in roles (the Open edX roles and
// the demo role); built-in playbooks find them in their roles/ directory.
package roles

import "embed"

// FS holds the built-in roles, one directory per role.
//
//go:embed all:demo
var FS embed.FS
