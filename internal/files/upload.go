package files

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"github.com/tillsammans/tillsammans/internal/app"
)

// What the pages and the API share for the files people upload (a need's attachments, a
// project space's files): taking one file from a multipart form, checked by its content,
// and sending it back as a download that never runs as a page of the platform.

// MaxUploadBody is the body limit of an upload route: one file and the form around it.
const MaxUploadBody = app.MaxAttachmentSize + 64<<10

// Upload takes the file of the multipart form field "file", keeps its content under a new
// key below prefix (e.g. "needs/12") and then its record through record, to which it
// passes the name, type, size and key. Its type is decided by its content, not by what the
// client claims. A record that cannot be written takes its content with it.
func Upload(r *http.Request, blobs app.Blobs, log *slog.Logger, prefix string, record func(app.Attachment) (app.Attachment, error)) (app.Attachment, error) {
	a, err := upload(r, blobs, log, prefix, record)
	if app.ErrorCode(err) == app.Invalid {
		// Read the rest, up to the body limit, so that the client gets the answer with the
		// problem in it rather than a connection reset in the middle of its upload.
		_, _ = io.Copy(io.Discard, r.Body)
	}
	return a, err
}

func upload(r *http.Request, blobs app.Blobs, log *slog.Logger, prefix string, record func(app.Attachment) (app.Attachment, error)) (app.Attachment, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
		}
		if err != nil {
			return app.Attachment{}, bodyError(err)
		}
		if part.FormName() != "file" {
			continue // NextPart skips what is left of it
		}
		if part.FileName() == "" {
			return app.Attachment{}, app.FieldErrors{"file": "err.file_required"}.Err()
		}
		return keep(r.Context(), blobs, log, part.FileName(), part, prefix, record)
	}
}

// keep writes the content first and the record after, so that a record always has its
// content; if the record cannot be written, the content is deleted again.
func keep(ctx context.Context, blobs app.Blobs, log *slog.Logger, fileName string, part io.Reader, prefix string,
	record func(app.Attachment) (app.Attachment, error)) (app.Attachment, error) {
	name, err := app.CleanFileName(fileName)
	if err != nil {
		return app.Attachment{}, err
	}
	body := bufio.NewReaderSize(part, 512)
	head, err := body.Peek(512)
	if err != nil && err != io.EOF {
		return app.Attachment{}, bodyError(err)
	}
	contentType, err := app.AttachmentType(name, head)
	if err != nil {
		return app.Attachment{}, err
	}
	var random [16]byte
	rand.Read(random[:])
	// The key says nothing of the file's name: names are kept only in the database.
	key := prefix + "/" + hex.EncodeToString(random[:])
	content := &sizeLimit{r: body, max: app.MaxAttachmentSize}
	if err := blobs.Put(ctx, key, content, contentType); err != nil {
		if content.err != nil {
			return app.Attachment{}, bodyError(content.err) // the upload's fault, not the storage's
		}
		return app.Attachment{}, err
	}
	a, err := record(app.Attachment{Name: name, ContentType: contentType, Size: content.n, BlobKey: key})
	if err != nil {
		if derr := blobs.Delete(context.WithoutCancel(ctx), key); derr != nil {
			log.Error("file content left without a record", "key", key, "err", derr)
		}
		return app.Attachment{}, err
	}
	return a, nil
}

var errFileTooLarge = errors.New("file too large")

// sizeLimit counts what passes, fails once more than max has, and remembers why reading
// the upload failed.
type sizeLimit struct {
	r      io.Reader
	n, max int64
	err    error
}

func (l *sizeLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.max {
		err = errFileTooLarge
	}
	if err != nil && err != io.EOF {
		l.err = err
	}
	return n, err
}

// bodyError says in the person's terms what was wrong with the body of an upload: too
// large, or broken off or malformed.
func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.Is(err, errFileTooLarge) || errors.As(err, &tooBig) {
		return app.FieldErrors{"file": "err.file_too_large"}.Err()
	}
	return app.FieldErrors{"file": "err.upload_failed"}.Err()
}

// Serve sends a kept file. It is always a download, never shown inline, with the type found
// when it was uploaded and a sandbox around it: a file can never run as a page of the
// platform.
func Serve(w http.ResponseWriter, r *http.Request, blobs app.Blobs, log *slog.Logger, a app.Attachment) error {
	content, err := blobs.Open(r.Context(), a.BlobKey)
	if err != nil {
		return err
	}
	defer content.Close()
	h := w.Header()
	h.Set("Content-Type", a.ContentType)
	h.Set("Content-Disposition", disposition(a.Name))
	h.Set("Content-Length", strconv.FormatInt(a.Size, 10))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return nil
	}
	if _, err := io.Copy(w, content); err != nil {
		log.Warn("file download cut off", "key", a.BlobKey, "err", err)
	}
	return nil
}

// disposition names the file twice: in plain ASCII for old clients, and exactly (RFC 6266,
// RFC 8187) for the rest.
func disposition(name string) string {
	var ascii, exact strings.Builder
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' {
			ascii.WriteByte('_')
		} else {
			ascii.WriteRune(r)
		}
	}
	for _, b := range []byte(name) {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0 {
			exact.WriteByte(b)
		} else {
			fmt.Fprintf(&exact, "%%%02X", b)
		}
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + exact.String()
}
