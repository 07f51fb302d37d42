// Package roles embeds edxplay's built-in roles (the Open edX roles and
// the demo role); built-in playbooks find them in their roles/ directory.
package roles

import "embed"

// FS holds the built-in roles, one directory per role.
//
//go:embed all:demo all:common_vars all:common all:edxapp all:nginx all:supervisor all:forum all:xqueue all:mysql all:mongo all:memcached all:redis all:rabbitmq all:elasticsearch all:loadbalancer all:backup
var FS embed.FS
