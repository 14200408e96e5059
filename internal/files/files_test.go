package files_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/files"
)

var ctx = context.Background()

func open(t *testing.T) (*files.Bucket, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "files") // created by OpenDir
	b, err := files.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b, dir
}

func TestPutOpenDelete(t *testing.T) {
	b, _ := open(t)
	content := []byte("%PDF-1.7\nFörstudie om virtuellt akutrum\n")
	if err := b.Put(ctx, "needs/1/abc", bytes.NewReader(content), "application/pdf"); err != nil {
		t.Fatal(err)
	}
	r, err := b.Open(ctx, "needs/1/abc")
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	r.Close()
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("read back %q, %v", got, err)
	}
	// Keys are never overwritten: a second file under the same key is refused.
	if err := b.Put(ctx, "needs/1/abc", strings.NewReader("other"), "text/plain"); err == nil {
		t.Error("Put replaced an existing blob")
	}
	if err := b.Delete(ctx, "needs/1/abc"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Open(ctx, "needs/1/abc"); app.ErrorCode(err) != app.NotFound {
		t.Fatalf("open after delete: %v, want NotFound", err)
	}
	if err := b.Delete(ctx, "needs/1/abc"); err != nil {
		t.Fatalf("deleting a missing blob: %v", err)
	}
}

// failingReader gives some bytes and then fails, like a body cut off or over its limit.
type failingReader struct{ n int }

var errCut = errors.New("cut off")

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n >= 3 {
		return 0, errCut
	}
	f.n++
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

func TestFailedPutLeavesNothing(t *testing.T) {
	b, dir := open(t)
	err := b.Put(ctx, "needs/2/half", &failingReader{}, "text/plain")
	if !errors.Is(err, errCut) {
		t.Fatalf("put = %v, want the reader's error", err)
	}
	if _, err := b.Open(ctx, "needs/2/half"); app.ErrorCode(err) != app.NotFound {
		t.Fatalf("a failed put left a readable blob: %v", err)
	}
	// Not even a temporary file stays behind.
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("left behind: %s", path)
		}
		return err
	})
	// A cancelled request writes nothing either.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := b.Put(cctx, "needs/2/cancelled", strings.NewReader("data"), "text/plain"); err == nil {
		t.Error("put with a cancelled context succeeded")
	}
	if _, err := os.Stat(filepath.Join(dir, "needs", "2", "cancelled")); err == nil {
		t.Error("a cancelled put left a file")
	}
}

func TestOpenDirNeedsAFolder(t *testing.T) {
	if _, err := files.OpenDir(""); err == nil {
		t.Error("OpenDir accepted no folder")
	}
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	if _, err := files.OpenDir(file); err == nil {
		t.Error("OpenDir accepted a file")
	}
}
