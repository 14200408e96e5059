package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzImportReader: any file reads without panic; every line is either a record or a
// problem that names its line, and the records' checks do not panic either.
func FuzzImportReader(f *testing.F) {
	for _, s := range []string{
		`{"id":"N1","lang":"sv","title":"Trygghetslarm","description":"Larmen når inte fram.","care_setting":"hemtjanst","tags":["larm"]}`,
		"{\"id\":\"N2\"}\n\n{\"id\":\"N2\"}\n",
		`{"id":1}`, `{"id":"N3","extra":true}`, `{"id":"N4"} {"id":"N5"}`, "\xff\xfe{", `[]`, `null`,
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data string) {
		path := filepath.Join(dir, "needs.jsonl")
		if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		lines, problems, err := readJSONLines[needLine](path)
		if err != nil {
			return // an unreadable file, such as one line longer than the limit
		}
		n := strings.Count(data, "\n") + 1
		for _, p := range problems {
			if p.at.line < 1 || p.at.line > n || p.msg == "" {
				t.Fatalf("problem %+v in a file of %d lines", p, n)
			}
		}
		if len(lines)+len(problems) > n {
			t.Fatalf("%d records and %d problems from %d lines", len(lines), len(problems), n)
		}
		checkNeeds(lines)
	})
}
