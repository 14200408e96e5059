package app

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Förstudie.pdf", "Förstudie.pdf"},
		{"Fo\u0308rstudie.PDF", "Förstudie.pdf"}, // macOS sends decomposed å, ä, ö
		{`C:\fakepath\rapport.docx`, "rapport.docx"},
		{"../../etc/passwd", "passwd"},
		{"  .hidden .txt  ", "hidden.txt"},
		{"a<b>c:d\"e|f?g*.csv", "a_b_c_d_e_f_g_.csv"},
		{"faktura\u202Efdp.exe", "fakturafdp.exe"}, // a right-to-left override hides ".exe"
		{"rad\tett\nrad två.txt", "rad ett rad två.txt"},
		{".pdf", "bilaga.pdf"},
		{"", "bilaga"},
		{"utan ändelse", "utan ändelse"},
		{"konstig.ä\u200B", "konstig.ä"},
	}
	for _, tt := range tests {
		got, err := CleanFileName(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CleanFileName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	long, _ := CleanFileName(strings.Repeat("å", 400) + ".pdf")
	if utf8.RuneCountInString(long) != 150 || !strings.HasSuffix(long, "å.pdf") {
		t.Errorf("long name = %q (%d)", long, utf8.RuneCountInString(long))
	}
	if _, err := CleanFileName("journal 19121212-1212.pdf"); err == nil {
		t.Error("a personal identity number in a file name was taken")
	}
}

func TestAttachmentType(t *testing.T) {
	zip := []byte("PK\x03\x04\x14\x00\x00\x00")
	tests := []struct {
		name, head, want string
		ok               bool
	}{
		{"a.pdf", "%PDF-1.7\n", "application/pdf", true},
		{"a.png", "\x89PNG\x0D\x0A\x1A\x0A\x00\x00", "image/png", true},
		{"a.JPG", "\xFF\xD8\xFF\xE0", "image/jpeg", true},
		{"a.txt", "Hej på dig\n", "text/plain", true},
		{"a.csv", "a;b\n1;2\n", "text/csv", true},
		{"a.docx", string(zip), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", true},
		{"a.odt", string(zip), "application/vnd.oasis.opendocument.text", true},
		{"a.pdf", "<!DOCTYPE html><script>", "", false}, // a web page that says it is a PDF
		{"a.txt", "<html><body>", "", false},
		{"a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">", "", false},
		{"a.html", "<html>", "", false},
		{"a.zip", string(zip), "", false},
		{"a.docx", "%PDF-1.7", "", false},
		{"a.exe", "MZ\x90\x00", "", false},
		{"a.pdf", "", "", false},
	}
	for _, tt := range tests {
		got, err := AttachmentType(tt.name, []byte(tt.head))
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("AttachmentType(%q, %q) = %q, %v; want %q", tt.name, tt.head, got, err, tt.want)
		}
	}
}
