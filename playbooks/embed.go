// Package playbooks embeds edxplay's built-in playbooks, so that
// `edxplay run edx-stateless.yml` works from any directory.
package playbooks

import "embed"

// FS holds the built-in playbooks (*.yml) and their vars files.
//
//go:embed *.yml
var FS embed.FS
