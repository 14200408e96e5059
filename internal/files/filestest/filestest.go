// Package filestest gives tests a bucket for attachments in a folder removed after them.
package filestest

import (
	"testing"

	"github.com/tillsammans/tillsammans/internal/files"
)

// Open returns a bucket in a fresh temporary folder, closed after the test.
func Open(tb testing.TB) *files.Bucket {
	tb.Helper()
	f, err := files.OpenDir(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}
