// Package files keeps the contents of uploaded files (app.Blobs) through gocloud.dev/blob:
// a local folder by default. S3-compatible storage for scale is a matter of opening
// another kind of bucket here (s3blob); nothing else changes.
package files

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"gocloud.dev/blob"
	"gocloud.dev/blob/fileblob"
	"gocloud.dev/gcerrors"

	"github.com/tillsammans/tillsammans/internal/app"
)

// Bucket implements app.Blobs.
type Bucket struct {
	b *blob.Bucket
}

var _ app.Blobs = (*Bucket)(nil)

// OpenDir keeps files in a local folder, created if missing. A file is written to a
// temporary name beside its place and renamed when complete, so a reader never sees half a
// file; a crash in between leaves only a stray temporary file.
func OpenDir(dir string) (*Bucket, error) {
	if dir == "" {
		return nil, errors.New("files: no folder given")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("files: %w", err)
	}
	b, err := fileblob.OpenBucket(dir, &fileblob.Options{
		DirFileMode: 0o750,
		// Beside the files rather than in os.TempDir, which may be another file system
		// that a rename cannot cross.
		NoTempDir: true,
		// The database keeps each file's name and type; no .attrs files beside the blobs.
		Metadata: fileblob.MetadataDontWrite,
	})
	if err != nil {
		return nil, fmt.Errorf("files: open %s: %w", dir, err)
	}
	return &Bucket{b: b}, nil
}

// Put writes all of r under key, or nothing: when reading r fails (a body too large, a
// client gone) the write is cancelled and no blob is left.
func (b *Bucket) Put(ctx context.Context, key string, r io.Reader, contentType string) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := b.b.NewWriter(ctx, key, &blob.WriterOptions{ContentType: contentType, IfNotExist: true})
	if err != nil {
		return fmt.Errorf("files: put %s: %w", key, err)
	}
	if _, err := io.Copy(w, r); err != nil {
		cancel() // a cancelled context makes Close discard what was written
		_ = w.Close()
		return fmt.Errorf("files: put %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("files: put %s: %w", key, err)
	}
	return nil
}

// Open reads the blob under key; a missing one is NotFound.
func (b *Bucket) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	r, err := b.b.NewReader(ctx, key, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, app.Errorf(app.NotFound, "err.attachment_not_found")
	}
	if err != nil {
		return nil, fmt.Errorf("files: open %s: %w", key, err)
	}
	return r, nil
}

// Delete removes the blob under key; one already gone is no error.
func (b *Bucket) Delete(ctx context.Context, key string) error {
	err := b.b.Delete(ctx, key)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("files: delete %s: %w", key, err)
	}
	return nil
}

// Close releases the bucket.
func (b *Bucket) Close() error { return b.b.Close() }
