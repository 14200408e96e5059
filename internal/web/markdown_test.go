package web

import (
	"regexp"
	"strings"
	"testing"
)

// dangerous finds, in lower-cased HTML, a script-bearing element, an event handler
// attribute or a javascript: URL inside a tag.
var dangerous = regexp.MustCompile(`<(script|iframe|style|object|embed)\b|<[^>]*\son[a-z]+\s*=|<[^>]*(href|src)\s*=\s*["']?\s*javascript:`)

func TestMarkdownIsSanitised(t *testing.T) {
	tests := []struct{ in, want, never string }{
		{"**viktigt**", "<strong>viktigt</strong>", ""},
		{"- ett\n- två", "<li>ett</li>", ""},
		{"<script>alert(1)</script>", "", "<script"},
		{"[x](javascript:alert(1))", "", "javascript:"},
		{`<a href="https://region.example" onclick="steal()">länk</a>`, "", "onclick"},
		{"<img src=x onerror=alert(1)>", "", "onerror"},
		{"https://www.regionjh.se", `href="https://www.regionjh.se"`, ""},
	}
	for _, tt := range tests {
		got := string(markdown(tt.in))
		if tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("markdown(%q) = %q, want %q in it", tt.in, got, tt.want)
		}
		if tt.never != "" && strings.Contains(got, tt.never) {
			t.Errorf("markdown(%q) = %q keeps %q", tt.in, got, tt.never)
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{"**a**", "<script>x</script>", "[a](javascript:b)", "<svg onload=x>", "`<script>`"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := strings.ToLower(string(markdown(s)))
		if bad := dangerous.FindString(out); bad != "" {
			t.Fatalf("markdown(%q) = %q keeps %q", s, out, bad)
		}
	})
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"Öppen beskrivning med **fetstil**.", 100, "Öppen beskrivning med fetstil."},
		{"# Rubrik\nStycke ett\nrad två\n\n- ett\n- två", 100, "Rubrik Stycke ett rad två ett två"},
		{"A &amp; B <script>alert(1)</script> C", 100, "A & B alert(1) C"},
		{"<div onclick=x>block</div>\n\ntext", 100, "text"},
		{"ett två tre fyra fem", 12, "ett två tre…"},
		{"överlångtordutanmellanslag", 5, "överl…"},
		{"", 10, ""},
	}
	for _, tt := range tests {
		if got := plainText(tt.in, tt.limit); got != tt.want {
			t.Errorf("plainText(%q, %d) = %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}
