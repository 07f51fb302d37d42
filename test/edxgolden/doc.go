// Package edxgolden holds the golden tests of the built-in edxapp role:
// for each override layout under testdata/layouts, the LMS and Studio
// config files that edxplay renders must be byte-identical to those that
// ansible-playbook renders from the upstream Open edX edxapp role
// (recorded in expected/ by testdata/regen.sh).
package edxgolden
