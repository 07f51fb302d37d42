package jinja

// Unavailable is a raw variable value that exists but cannot be read: a
// template that reads it fails with Err. The engine uses it for the facts
// of hosts that another slice of a sliced run manages.
type Unavailable struct{ Err error }
