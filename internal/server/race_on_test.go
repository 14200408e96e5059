//go:build race

package server_test

// raceDetector tells tests that would only be slower under the race detector, never more
// telling, to leave that run to the plain one.
const raceDetector = true
