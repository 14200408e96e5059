package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// An evaluation collection in the format of ../shared/eval/README.md: needs, solutions and
// graded judgements of which solutions serve which need.
type (
	EvalNeed struct {
		ID          string   `json:"id"`
		Lang        string   `json:"lang"`
		Title       string   `json:"title"`
		Description string   `json:"description"`
		Tags        []string `json:"tags"`
		CareSetting []string `json:"care_setting"`
	}
	EvalSolution struct {
		ID          string   `json:"id"`
		Lang        string   `json:"lang"`
		Title       string   `json:"title"`
		Description string   `json:"description"`
		Provider    string   `json:"provider"`
		Tags        []string `json:"tags"`
		TRL         int      `json:"trl"`
	}
	Collection struct {
		Needs     []EvalNeed
		Solutions []EvalSolution
		// Grades[need][solution] is 1, 2 or 3; a missing pair is 0.
		Grades map[string]map[string]int
	}
)

// ReadJSONLines decodes one value per non-empty line of path into out.
func ReadJSONLines[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// ReadCollection reads needs.jsonl, solutions.jsonl and qrels.tsv from dir.
func ReadCollection(dir string) (Collection, error) {
	var c Collection
	var err error
	if c.Needs, err = ReadJSONLines[EvalNeed](filepath.Join(dir, "needs.jsonl")); err != nil {
		return c, err
	}
	if c.Solutions, err = ReadJSONLines[EvalSolution](filepath.Join(dir, "solutions.jsonl")); err != nil {
		return c, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "qrels.tsv"))
	if err != nil {
		return c, err
	}
	c.Grades = map[string]map[string]int{}
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		g, err := strconv.Atoi(f[2])
		if err != nil {
			return c, fmt.Errorf("qrels: %q: %w", line, err)
		}
		if c.Grades[f[0]] == nil {
			c.Grades[f[0]] = map[string]int{}
		}
		c.Grades[f[0]][f[1]] = g
	}
	return c, nil
}

// Scores are the collection's measures, means over needs, as ../shared/eval/README.md
// defines them.
type Scores struct {
	NDCG10, Recall5, MRR float64
}

// Score measures runs: for each need id, solution ids best first.
func (c Collection) Score(runs map[string][]string) Scores {
	var s Scores
	var mrrNeeds int
	for _, n := range c.Needs {
		grades := c.Grades[n.ID]
		run := runs[n.ID]
		// nDCG@10 with gain 2^g − 1 and a log2 discount.
		var dcg float64
		for i, id := range run[:min(10, len(run))] {
			dcg += (math.Pow(2, float64(grades[id])) - 1) / math.Log2(float64(i)+2)
		}
		ideal := make([]int, 0, len(grades))
		for _, g := range grades {
			ideal = append(ideal, g)
		}
		slices.Sort(ideal)
		slices.Reverse(ideal)
		var idcg float64
		for i, g := range ideal[:min(10, len(ideal))] {
			idcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i)+2)
		}
		if idcg > 0 {
			s.NDCG10 += dcg / idcg
		}
		// Recall@5 of the grade ≥ 2 solutions.
		relevant, found := 0, 0
		for id, g := range grades {
			if g >= 2 {
				relevant++
				if slices.Contains(run[:min(5, len(run))], id) {
					found++
				}
			}
		}
		if relevant > 0 {
			s.Recall5 += float64(found) / float64(relevant)
		}
		// MRR over needs with a grade-3 solution.
		has3 := false
		for _, g := range grades {
			has3 = has3 || g == 3
		}
		if has3 {
			mrrNeeds++
			for i, id := range run {
				if grades[id] == 3 {
					s.MRR += 1 / float64(i+1)
					break
				}
			}
		}
	}
	n := float64(len(c.Needs))
	s.NDCG10 /= n
	s.Recall5 /= n
	if mrrNeeds > 0 {
		s.MRR /= float64(mrrNeeds)
	}
	return s
}
