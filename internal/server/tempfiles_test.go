package server_test

import (
	"testing"

	"github.com/tillsammans/tillsammans/internal/files"
)

// tempFiles keeps a test's attachments in a folder that is removed after it.
func tempFiles(tb testing.TB) *files.Bucket {
	tb.Helper()
	f, err := files.OpenDir(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}
