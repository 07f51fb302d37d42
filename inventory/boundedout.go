package inventory

// maxProgramOutput bounds what an inventory script or Python plugin may
// print: a runaway program fails the source instead of exhausting memory
// (boundedout.Buffer).
const maxProgramOutput = 256 << 20
