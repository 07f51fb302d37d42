// Package templates holds the Jinja2 templates shared by the built-in
// roles. templates/ is a sibling of roles/, in the repository as in the
// directory the built-in playbooks are extracted to (DIR/playbooks/roles,
// DIR/playbooks/templates), so a role task names one as
// `src: "{{ role_path }}/../../templates/NAME.j2"`, which both edxplay and
// ansible-playbook resolve, whichever playbook uses the role.
package templates

import "embed"

// FS holds the shared templates (*.j2).
//
//go:embed *.j2
var FS embed.FS
