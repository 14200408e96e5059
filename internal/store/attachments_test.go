package store_test

import (
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

// fileKind is one kind of record that keeps files, with its store methods.
type fileKind struct {
	name   string
	add    func(app.Attachment) (app.Attachment, error)
	list   func(parentID int64) ([]app.Attachment, error)
	get    func(parentID, id int64) (app.Attachment, error)
	delete func(parentID, id int64) (app.Attachment, error)
	// parent and other are two records of the kind.
	parent, other int64
}

// TestAttachments: a need's attachments and a project space's files are kept, listed,
// found only through their own record, and removed alike.
func TestAttachments(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		n := mustNeed(t, s, region.ID, u.ID, needInput("Virtuellt akutrum i Härjedalen", app.VisibleOrganisation))
		other := mustNeed(t, s, region.ID, u.ID, needInput("Nattillsyn med kamera", app.VisibleOrganisation))
		var projects [2]int64
		for i, title := range []string{"Virtuellt akutrum", "Nattillsyn"} {
			p, err := s.CreateProject(ctx, region.ID, u.ID, app.ProjectInput{Title: title, Type: "pilot"})
			if err != nil {
				t.Fatal(err)
			}
			projects[i] = p.ID
		}
		for _, k := range []fileKind{
			{"need", func(a app.Attachment) (app.Attachment, error) { return s.AddAttachment(ctx, a) }, func(id int64) ([]app.Attachment, error) { return s.Attachments(ctx, id) },
				func(p, id int64) (app.Attachment, error) { return s.Attachment(ctx, p, id) },
				func(p, id int64) (app.Attachment, error) { return s.DeleteAttachment(ctx, p, id) }, n.ID, other.ID},
			{"project", func(a app.Attachment) (app.Attachment, error) { return s.AddProjectFile(ctx, a) }, func(id int64) ([]app.Attachment, error) { return s.ProjectFiles(ctx, id) },
				func(p, id int64) (app.Attachment, error) { return s.ProjectFile(ctx, p, id) },
				func(p, id int64) (app.Attachment, error) { return s.DeleteProjectFile(ctx, p, id) }, projects[0], projects[1]},
		} {
			t.Run(k.name, func(t *testing.T) { testFiles(t, k, u.ID) })
		}
	})
}

func testFiles(t *testing.T, k fileKind, userID int64) {
	key := func(x string) string { return k.name + "s/1/" + x }
	a, err := k.add(app.Attachment{ParentID: k.parent, Name: "Förstudie Härjedalen.pdf", ContentType: "application/pdf",
		Size: 123456, BlobKey: key("aaaa"), UploadedBy: app.UserRef{ID: userID}})
	if err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Name != "Förstudie Härjedalen.pdf" || a.Size != 123456 || a.UploadedBy.Name != "Karin" || a.CreatedAt.IsZero() {
		t.Fatalf("added = %+v", a)
	}
	b, err := k.add(app.Attachment{ParentID: k.parent, Name: "mätvärden.csv", ContentType: "text/csv", Size: 10,
		BlobKey: key("bbbb"), UploadedBy: app.UserRef{ID: userID}})
	if err != nil {
		t.Fatal(err)
	}
	// The same blob key twice is a conflict, not a second row over one blob.
	_, err = k.add(app.Attachment{ParentID: k.parent, Name: "x.pdf", ContentType: "application/pdf", Size: 1, BlobKey: key("bbbb")})
	if err == nil {
		t.Fatal("a second row took the same blob key")
	}
	_, err = k.add(app.Attachment{ParentID: 424242, Name: "x.pdf", ContentType: "application/pdf", Size: 1, BlobKey: key("cccc")})
	wantCode(t, err, app.NotFound)

	list, err := k.list(k.parent)
	if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID || list[1].BlobKey != key("bbbb") {
		t.Fatalf("attachments = %+v, %v", list, err)
	}
	if list, _ := k.list(k.other); len(list) != 0 {
		t.Fatalf("another record lists %d attachments", len(list))
	}
	got, err := k.get(k.parent, a.ID)
	if err != nil || got != a {
		t.Fatalf("attachment = %+v, %v; want %+v", got, err, a)
	}
	// An attachment is found only through its own record.
	_, err = k.get(k.other, a.ID)
	wantCode(t, err, app.NotFound)
	_, err = k.delete(k.other, a.ID)
	wantCode(t, err, app.NotFound)

	gone, err := k.delete(k.parent, a.ID)
	if err != nil || gone.BlobKey != key("aaaa") || gone.UploadedBy.ID != userID {
		t.Fatalf("deleted = %+v, %v", gone, err)
	}
	_, err = k.get(k.parent, a.ID)
	wantCode(t, err, app.NotFound)
	_, err = k.delete(k.parent, a.ID)
	wantCode(t, err, app.NotFound)
	if list, _ := k.list(k.parent); len(list) != 1 || list[0].ID != b.ID {
		t.Fatalf("after delete = %+v", list)
	}
}
