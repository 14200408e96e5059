package app

import (
	"context"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Blobs keeps the contents of files by key: a local folder by default, S3-compatible
// storage for scale (internal/files). What a file is, and who may see it, lives in the
// store; a blob is only its bytes.
type Blobs interface {
	// Put writes all of r under key, or nothing: a failed or cancelled write leaves no blob.
	Put(ctx context.Context, key string, r io.Reader, contentType string) error
	// Open reads a blob; a missing one is NotFound.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes a blob; a missing one is no error.
	Delete(ctx context.Context, key string) error
}

// MaxAttachmentSize is the largest file a need or a project space takes.
const MaxAttachmentSize = 10 << 20

// Attachment is a file on a need, or in a project's space.
type Attachment struct {
	ID int64 `json:"id"`
	// ParentID is the need's or the project's id.
	ParentID    int64     `json:"-"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	BlobKey     string    `json:"-"`
	UploadedBy  UserRef   `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// attachmentType is what a file's content must sniff as (by http.DetectContentType) for its
// extension, and the type it is kept and served with.
type attachmentType struct{ sniffed, served string }

// attachmentTypes is the allow list, by extension. Office Open XML and OpenDocument files
// are zip archives to a sniffer, so a zip is taken only under one of their names.
var attachmentTypes = map[string]attachmentType{
	".pdf":  {"application/pdf", "application/pdf"},
	".png":  {"image/png", "image/png"},
	".jpg":  {"image/jpeg", "image/jpeg"},
	".jpeg": {"image/jpeg", "image/jpeg"},
	".txt":  {"text/plain", "text/plain"},
	".csv":  {"text/plain", "text/csv"},
	".docx": {"application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
	".xlsx": {"application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
	".pptx": {"application/zip", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
	".odt":  {"application/zip", "application/vnd.oasis.opendocument.text"},
	".ods":  {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
	".odp":  {"application/zip", "application/vnd.oasis.opendocument.presentation"},
}

// AttachmentAccept lists the allowed extensions for a file input's accept attribute.
const AttachmentAccept = ".pdf,.png,.jpg,.jpeg,.txt,.csv,.docx,.xlsx,.pptx,.odt,.ods,.odp"

// AttachmentType decides a file's type by its content (head is its first 512 bytes or all
// of a shorter file) and checks that the name says the same; it returns the type to keep.
// Anything else, HTML, SVG and scripts among it, is refused.
func AttachmentType(name string, head []byte) (string, error) {
	if len(head) == 0 {
		return "", FieldErrors{"file": "err.file_empty"}.Err()
	}
	want, ok := attachmentTypes[strings.ToLower(path.Ext(name))]
	if !ok {
		return "", FieldErrors{"file": "err.file_type"}.Err()
	}
	sniffed, _, err := mime.ParseMediaType(http.DetectContentType(head))
	if err != nil || sniffed != want.sniffed {
		return "", FieldErrors{"file": "err.file_content"}.Err()
	}
	return want.served, nil
}

const maxFileNameLen = 150

// CleanFileName makes a name given by a browser safe to keep and to offer back: no
// folders, no control or bidirectional-override characters (which can disguise an
// extension), none of the characters file systems refuse, no leading dots, and at most
// 150 characters with the extension kept and lower-cased.
func CleanFileName(name string) (string, error) {
	name = norm.NFC.String(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	stem, raw := name, path.Ext(name)
	ext := strings.ToLower(raw)
	if len(raw) < 2 || len(raw) > 10 || strings.ContainsFunc(raw[1:], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		ext = "" // not an extension: it stays in the name, cleaned
	} else {
		stem = name[:len(name)-len(raw)]
	}
	stem = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, stem)
	stem = strings.Trim(strings.Join(strings.Fields(stem), " "), " .")
	if n := maxFileNameLen - utf8.RuneCountInString(ext); utf8.RuneCountInString(stem) > n {
		stem = strings.TrimRight(string([]rune(stem)[:n]), " .")
	}
	if stem == "" {
		stem = "bilaga"
	}
	name = stem + ext
	if ContainsPersonalNumber(name) {
		return "", FieldErrors{"file": "err.personal_number"}.Err()
	}
	return name, nil
}
