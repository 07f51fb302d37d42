// Package e2e holds edxplay's end-to-end golden tests: every case under
// testdata/cases is a small playbook whose observable results (the files it
// writes under the extra var `out`) were recorded from real ansible-playbook
// by testdata/regen.sh. The tests run the edxplay binary on the same input
// and compare the written tree, the exit code and the PLAY RECAP counts.
// testdata/blocks is the generated block/rescue/always failure matrix, whose
// cases also compare the task results per host (expected.trace).
// Cases under testdata/bad are playbooks that must be rejected with an error
// naming the offending file and line.
package e2e
