// Package report turns a run's events into output: the human output that
// mirrors ansible-playbook's (with a PLAY RECAP), JSON Lines events, a
// JUnit XML report and a live progress line on a terminal. A Tee sends one
// event stream to several of them.
package report
