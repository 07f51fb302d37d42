// Package sshtest holds end-to-end tests of the edxplay binary against real
// OpenSSH sshd test hosts started by package testhosts: authentication,
// host key policies, ProxyJump, become, unreachable and interrupted hosts,
// scale, serial batches, failure limits, forks and check mode.
//
// The tests need root (they start sshd in namespaces); without it they are
// skipped, except under CI=true where they fail. Run them with
//
//	go test ./test/sshtest/ -v
package sshtest
