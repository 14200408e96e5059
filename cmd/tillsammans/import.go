package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/config"
	"github.com/tillsammans/tillsammans/internal/i18n"
	"github.com/tillsammans/tillsammans/internal/store"
)

// importCmd reads needs and solutions as JSON Lines, the format of the matching
// collections (../shared/eval/README.md), and writes them through the store. Every line is
// read and checked, and every organisation and earlier import looked up, before anything
// is written: a bad line stops the import with its file and line number and nothing
// written. A record is known by its id, kept as its ref, so importing again changes
// nothing, and a record whose content changed is updated.
func importCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("import", "tillsammans import [--needs FILE] [--solutions FILE] [--org NAME] [--db DSN]",
		"Import needs and solutions from JSON Lines files, one object a line. Needs become public needs of the\n"+
			"organisation --org in market scan; solutions belong to their provider. Organisations that do not exist\n"+
			"yet are created without an organisation number: complete them on their pages. Importing again changes\n"+
			"nothing but what changed in the files.", stderr)
	needsFile := fs.String("needs", "", `needs, one a line: {"id", "lang", "title", "description", "tags", "care_setting"}`)
	solutionsFile := fs.String("solutions", "", `solutions, one a line: {"id", "lang", "title", "description", "provider", "tags", "trl"}`)
	orgName := fs.String("org", "", "the public organisation that owns the needs; a region of that name is created if none exists (required with --needs)")
	if err := config.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case *needsFile == "" && *solutionsFile == "":
		return errors.New("give --needs FILE, --solutions FILE or both")
	case *needsFile != "" && strings.TrimSpace(*orgName) == "":
		return errors.New("--org NAME is required with --needs")
	}
	var needs []needRecord
	var solutions []solutionRecord
	var problems []problem
	if *needsFile != "" {
		lines, p, err := readJSONLines[needLine](*needsFile)
		if err != nil {
			return err
		}
		problems = append(problems, p...)
		needs, p = checkNeeds(lines)
		problems = append(problems, p...)
	}
	if *solutionsFile != "" {
		lines, p, err := readJSONLines[solutionLine](*solutionsFile)
		if err != nil {
			return err
		}
		problems = append(problems, p...)
		solutions, p = checkSolutions(lines)
		problems = append(problems, p...)
	}
	if len(problems) > 0 {
		return importProblems(problems)
	}

	s, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer s.Close()
	im, err := newImporter(ctx, s)
	if err != nil {
		return err
	}
	var owner *plannedOrg
	if len(needs) > 0 {
		if owner, err = im.needOwner(*orgName); err != nil {
			return err
		}
	}
	if problems, err = im.plan(ctx, owner, needs, solutions); err != nil {
		return err
	}
	if len(problems) > 0 {
		return importProblems(problems)
	}

	total := len(needs) + len(solutions)
	progress := func(done int) { fmt.Fprintf(stderr, "\r%s %d/%d", bar(done, total, 30), done, total) }
	progress(0)
	err = im.write(ctx, owner, needs, solutions, progress)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	if *needsFile != "" {
		fmt.Fprintf(stdout, "needs: %s\n", tally(needs, func(r needRecord) outcome { return r.outcome }))
	}
	if *solutionsFile != "" {
		fmt.Fprintf(stdout, "solutions: %s\n", tally(solutions, func(r solutionRecord) outcome { return r.outcome }))
	}
	if im.created > 0 {
		fmt.Fprintf(stdout, "organisations: %d created, without organisation numbers; complete them on their pages\n", im.created)
	}
	return nil
}

// problem is what is wrong with one line.
type problem struct {
	at  at
	msg string
}

// importProblems lists the bad lines in the order of the files, at most maxProblems.
func importProblems(problems []problem) error {
	const maxProblems = 50
	slices.SortStableFunc(problems, func(a, b problem) int {
		return cmp.Or(cmp.Compare(a.at.file, b.at.file), cmp.Compare(a.at.line, b.at.line))
	})
	var lines []string
	for i, p := range problems {
		if i == maxProblems {
			lines = append(lines, fmt.Sprintf("… and %d more", len(problems)-maxProblems))
			break
		}
		lines = append(lines, fmt.Sprintf("%s: %s", p.at, p.msg))
	}
	return fmt.Errorf("nothing imported:\n  %s", strings.Join(lines, "\n  "))
}

// needLine and solutionLine are the lines of the two files, field for field.
type needLine struct {
	ID          string   `json:"id"`
	Lang        string   `json:"lang"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	CareSetting []string `json:"care_setting"`
}

type solutionLine struct {
	ID          string   `json:"id"`
	Lang        string   `json:"lang"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Provider    string   `json:"provider"`
	Tags        []string `json:"tags"`
	TRL         int      `json:"trl"`
}

// at names a line of a file in messages, as compilers do.
type at struct {
	file string
	line int
}

func (a at) String() string { return fmt.Sprintf("%s:%d", a.file, a.line) }

type numbered[T any] struct {
	at at
	v  T
}

// maxLineBytes bounds one record; the collections' longest lines are about 1 kB.
const maxLineBytes = 1 << 20

// readJSONLines decodes every non-blank line of a file into a T, refusing fields the
// format does not have. Lines that do not decode are problems; an unreadable file is an
// error.
func readJSONLines[T any](path string) ([]numbered[T], []problem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var out []numbered[T]
	var problems []problem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), maxLineBytes)
	n := 0
	for sc.Scan() {
		n++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		a := at{path, n}
		var v T
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		err := dec.Decode(&v)
		if err == nil && dec.More() {
			err = errors.New("more than one JSON value on the line")
		}
		if err != nil {
			problems = append(problems, problem{a, jsonProblem(err)})
			continue
		}
		out = append(out, numbered[T]{a, v})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, nil, fmt.Errorf("%s:%d: line longer than %d bytes", path, n+1, maxLineBytes)
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, problems, nil
}

// jsonProblem words a decoding error for people, without Go's type names.
func jsonProblem(err error) string {
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ) && typ.Field == "":
		return fmt.Sprintf("want a JSON object, not a JSON %s", typ.Value)
	case errors.As(err, &typ):
		want := "text"
		switch typ.Type.Kind() {
		case reflect.Int:
			want = "a whole number"
		case reflect.Slice:
			want = "a list of texts"
		}
		return fmt.Sprintf("%s: want %s, not a JSON %s", typ.Field, want, typ.Value)
	case errors.As(err, &syn), errors.Is(err, io.ErrUnexpectedEOF):
		return "not valid JSON: " + strings.TrimPrefix(err.Error(), "json: ")
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// needRecord is a checked need and, after planning, what becomes of it.
type needRecord struct {
	at  at
	ref string
	in  app.NeedInput
	// existing is the need imported earlier under the same ref, if any.
	existing *app.Need
	outcome  outcome
}

type solutionRecord struct {
	at       at
	provider string
	in       app.SolutionInput
	existing *app.Solution
	outcome  outcome
}

type outcome int

const (
	created outcome = iota
	updated
	unchanged
)

// checkNeeds turns lines into need inputs: public needs with the care settings of the
// platform's list, named by key or by their Swedish or English name.
func checkNeeds(lines []numbered[needLine]) ([]needRecord, []problem) {
	var out []needRecord
	var problems []problem
	seen := map[string]at{}
	for _, l := range lines {
		f := lineFaults{}
		ref := f.checkID(l.v.ID, l.at, seen)
		f.checkLang(l.v.Lang)
		in := app.NeedInput{Title: l.v.Title, Problem: l.v.Description, Tags: l.v.Tags, Visibility: app.VisiblePublic}
		for _, cs := range l.v.CareSetting {
			key, ok := careSettingKey(cs)
			if !ok {
				f.add("care_setting", fmt.Sprintf("unknown care setting %q (known: %s)", cs, careSettingNames()))
				continue
			}
			in.CareSettings = append(in.CareSettings, key)
		}
		f.addErr(in.Normalise(), map[string]string{"problem": "description", "care_settings": "care_setting"})
		if len(f) > 0 {
			problems = append(problems, f.problem(l.at))
			continue
		}
		out = append(out, needRecord{at: l.at, ref: ref, in: in})
	}
	return out, problems
}

func checkSolutions(lines []numbered[solutionLine]) ([]solutionRecord, []problem) {
	var out []solutionRecord
	var problems []problem
	seen := map[string]at{}
	for _, l := range lines {
		f := lineFaults{}
		ref := f.checkID(l.v.ID, l.at, seen)
		f.checkLang(l.v.Lang)
		provider, err := app.NamedOrganisation(l.v.Provider, app.KindCompany)
		f.addErr(err, map[string]string{"name": "provider"})
		if l.v.TRL == 0 {
			f.add("trl", i18n.T("en", "err.required")) // Normalise would take a missing TRL for 1
		}
		in := app.SolutionInput{Ref: &ref, Title: l.v.Title, Description: l.v.Description, Tags: l.v.Tags, TRL: l.v.TRL}
		f.addErr(in.Normalise(), nil)
		if len(f) > 0 {
			problems = append(problems, f.problem(l.at))
			continue
		}
		out = append(out, solutionRecord{at: l.at, provider: provider.Name, in: in})
	}
	return out, problems
}

// lineFaults are the problems of one line by field, in English as every command words
// them; a field keeps its first problem.
type lineFaults map[string]string

func (f lineFaults) add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// addErr adds the field problems of a validation error under the line's own names.
func (f lineFaults) addErr(err error, names map[string]string) {
	if err == nil {
		return
	}
	for field, key := range app.AsError(err).Fields {
		if n, ok := names[field]; ok {
			field = n
		}
		f.add(field, i18n.T("en", key))
	}
}

func (f lineFaults) problem(a at) problem {
	var parts []string
	for field, msg := range f {
		parts = append(parts, fmt.Sprintf("%s: %s", field, msg))
	}
	slices.Sort(parts)
	return problem{a, strings.Join(parts, "; ")}
}

// checkID returns the record's id, which must be there and appear once in the file.
func (f lineFaults) checkID(id string, a at, seen map[string]at) string {
	id, k := app.NormaliseName(id)
	if k != "" {
		f.add("id", i18n.T("en", k))
		return id
	}
	if first, dup := seen[id]; dup {
		f.add("id", fmt.Sprintf("%q is also the id on line %d", id, first.line))
		return id
	}
	seen[id] = a
	return id
}

// checkLang refuses a language the platform does not speak. The platform keeps no
// language per record yet; the text is stored as it is.
func (f lineFaults) checkLang(lang string) {
	if !i18n.Supported(lang) {
		f.add("lang", "want "+strings.Join(i18n.Languages, " or "))
	}
}

// careSettingKey finds a care setting by its key or its Swedish or English name, so that
// "ambulans/prehospital" and "Primary care" are known.
func careSettingKey(s string) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	for _, key := range app.CareSettings {
		for _, name := range []string{key, i18n.T("sv", "setting."+key), i18n.T("en", "setting."+key)} {
			if strings.EqualFold(s, name) {
				return key, true
			}
		}
	}
	return "", false
}

func careSettingNames() string {
	names := make([]string, len(app.CareSettings))
	for i, key := range app.CareSettings {
		names[i] = strings.ToLower(i18n.T("sv", "setting."+key))
	}
	return strings.Join(names, ", ")
}

// importer looks organisations and earlier imports up, then writes.
type importer struct {
	s *store.Store
	// orgs are the organisations by folded name; a name several have maps to nil.
	orgs    map[string]*plannedOrg
	created int // organisations created
	now     time.Time
}

// plannedOrg is an organisation that exists (ref.ID set) or that the import creates.
type plannedOrg struct {
	ref app.OrgRef
	in  app.OrganisationInput // for one to create
}

func newImporter(ctx context.Context, s *store.Store) (*importer, error) {
	refs, err := s.OrganisationRefs(ctx)
	if err != nil {
		return nil, err
	}
	im := &importer{s: s, orgs: map[string]*plannedOrg{}, now: time.Now()}
	for _, r := range refs {
		k := foldName(r.Name)
		if _, taken := im.orgs[k]; taken {
			im.orgs[k] = nil
			continue
		}
		im.orgs[k] = &plannedOrg{ref: r}
	}
	return im, nil
}

func foldName(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// organisation finds an organisation by name or plans to create one of kind.
func (im *importer) organisation(name string, kind app.OrgKind) (*plannedOrg, error) {
	k := foldName(name)
	o, found := im.orgs[k]
	switch {
	case found && o == nil:
		return nil, fmt.Errorf("several organisations are named %q; rename all but one first", name)
	case found:
		return o, nil
	}
	in, err := app.NamedOrganisation(name, kind)
	if err != nil {
		return nil, cliError(err)
	}
	o = &plannedOrg{ref: app.OrgRef{Name: in.Name, Kind: kind}, in: in}
	im.orgs[k] = o
	return o, nil
}

// needOwner is the organisation of --org, which must be a public body: needs belong to
// regions, municipalities, state agencies and health trusts.
func (im *importer) needOwner(name string) (*plannedOrg, error) {
	o, err := im.organisation(name, app.KindRegion)
	if err != nil {
		return nil, fmt.Errorf("--org: %w", err)
	}
	if !o.ref.Kind.IsPublic() {
		return nil, fmt.Errorf("--org %q is a %s organisation; needs belong to public organisations", o.ref.Name, i18n.T("en", "kind."+string(o.ref.Kind)))
	}
	return o, nil
}

// plan finds each record's earlier import and decides what becomes of it. A record may
// not change organisation: the import does not move needs or solutions.
func (im *importer) plan(ctx context.Context, owner *plannedOrg, needs []needRecord, solutions []solutionRecord) ([]problem, error) {
	var problems []problem
	admin := app.Viewer{Admin: true}
	for i := range needs {
		r := &needs[i]
		l, err := im.s.ListNeeds(ctx, admin, app.NeedFilter{Ref: r.ref, Page: app.Page{Limit: 1}})
		if err != nil {
			return nil, err
		}
		if len(l.Items) == 0 {
			r.outcome = created
			continue
		}
		n, err := im.s.Need(ctx, admin, l.Items[0].ID)
		if err != nil {
			return nil, err
		}
		if n.Organisation.ID != owner.ref.ID {
			problems = append(problems, problem{r.at, fmt.Sprintf("need %s was imported into %q, not --org %q", r.ref, n.Organisation.Name, owner.ref.Name)})
			continue
		}
		r.existing, r.outcome = &n, unchanged
		if needChanged(n, r.in) {
			r.outcome = updated
		}
	}
	for i := range solutions {
		r := &solutions[i]
		provider, err := im.organisation(r.provider, app.KindCompany)
		if err != nil {
			problems = append(problems, problem{r.at, fmt.Sprintf("provider: %v", err)})
			continue
		}
		l, err := im.s.ListSolutions(ctx, app.SolutionFilter{Ref: *r.in.Ref, Page: app.Page{Limit: 1}})
		if err != nil {
			return nil, err
		}
		if len(l.Items) == 0 {
			r.outcome = created
			continue
		}
		sol := l.Items[0]
		if sol.Organisation.ID != provider.ref.ID {
			problems = append(problems, problem{r.at, fmt.Sprintf("solution %s belongs to %q, not to provider %q", *r.in.Ref, sol.Organisation.Name, r.provider)})
			continue
		}
		r.existing, r.outcome = &sol, unchanged
		if solutionChanged(sol, r.in) {
			r.outcome = updated
		}
	}
	return problems, nil
}

// needChanged compares what an import writes on a need.
func needChanged(n app.Need, in app.NeedInput) bool {
	return n.Title != in.Title || n.Problem != in.Problem || !slices.Equal(n.Tags, in.Tags) ||
		!slices.Equal(slices.Sorted(slices.Values(n.CareSettings)), slices.Sorted(slices.Values(in.CareSettings)))
}

func solutionChanged(s app.Solution, in app.SolutionInput) bool {
	return s.Title != in.Title || s.Description != in.Description || !slices.Equal(s.Tags, in.Tags) || s.TRL != in.TRL
}

// write creates each organisation at its first use, then each record in a transaction of
// its own. Should the database fail halfway, the records before are kept, and importing
// again goes on from there.
func (im *importer) write(ctx context.Context, owner *plannedOrg, needs []needRecord, solutions []solutionRecord, progress func(int)) error {
	done := 0
	failed := func(a at, err error) error {
		return fmt.Errorf("%s: %w (the %d records before it are imported; import again to go on)", a, cliError(err), done)
	}
	for _, r := range needs {
		if err := im.writeNeed(ctx, owner, r); err != nil {
			return failed(r.at, err)
		}
		done++
		progress(done)
	}
	for _, r := range solutions {
		if err := im.writeSolution(ctx, r); err != nil {
			return failed(r.at, err)
		}
		done++
		progress(done)
	}
	return nil
}

func (im *importer) ensure(ctx context.Context, o *plannedOrg) error {
	if o.ref.ID != 0 {
		return nil
	}
	created, err := im.s.CreateOrganisation(ctx, o.in, 0)
	if err != nil {
		return err
	}
	o.ref.ID = created.ID
	im.created++
	return nil
}

// importedPath is how an imported need comes to be in market scan: along the main path,
// all at the moment of import and by no person, which the history says.
var importedPath = []app.NeedState{app.StateDraft, app.StateSubmitted, app.StateBeingAnalysed, app.StateValidated, app.StateMarketScan}

const importComment = "Importerad med tillsammans import."

func (im *importer) writeNeed(ctx context.Context, owner *plannedOrg, r needRecord) error {
	switch r.outcome {
	case created:
		if err := im.ensure(ctx, owner); err != nil {
			return err
		}
		var history []app.NeedTransition
		from := app.NeedState("")
		for _, to := range importedPath {
			history = append(history, app.NeedTransition{From: from, To: to, At: im.now, Comment: importComment})
			from = to
		}
		return im.s.SeedNeeds(ctx, []app.SeedNeed{{OrgID: owner.ref.ID, Ref: &r.ref, Input: r.in, History: history}})
	case updated:
		in := r.existing.Input()
		in.Title, in.Problem, in.Tags, in.CareSettings = r.in.Title, r.in.Problem, r.in.Tags, r.in.CareSettings
		_, err := im.s.UpdateNeed(ctx, r.existing.ID, in)
		return err
	}
	return nil
}

func (im *importer) writeSolution(ctx context.Context, r solutionRecord) error {
	switch r.outcome {
	case created:
		provider := im.orgs[foldName(r.provider)]
		if err := im.ensure(ctx, provider); err != nil {
			return err
		}
		_, err := im.s.CreateSolution(ctx, provider.ref.ID, 0, r.in)
		return err
	case updated:
		in := r.existing.Input()
		in.Title, in.Description, in.Tags, in.TRL = r.in.Title, r.in.Description, r.in.Tags, r.in.TRL
		_, err := im.s.UpdateSolution(ctx, r.existing.ID, in)
		return err
	}
	return nil
}

// tally counts the outcomes of records.
func tally[R any](rs []R, of func(R) outcome) string {
	var n [3]int
	for _, r := range rs {
		n[of(r)]++
	}
	return counts(n)
}

// counts says "2 created, 18 unchanged", naming updates only when there were some.
func counts(n [3]int) string {
	if n[updated] == 0 {
		return fmt.Sprintf("%d created, %d unchanged", n[created], n[unchanged])
	}
	return fmt.Sprintf("%d created, %d updated, %d unchanged", n[created], n[updated], n[unchanged])
}
