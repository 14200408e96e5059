package store_test

import (
	"testing"

	"github.com/tillsammans/tillsammans/internal/app"
	"github.com/tillsammans/tillsammans/internal/store"
	"github.com/tillsammans/tillsammans/internal/store/storetest"
)

func TestNeedAttachments(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		u := mustCreateUser(t, s, "karin@region.example", "Karin")
		region := mustCreateOrg(t, s, "Region Jämtland Härjedalen", "232100-0214", u.ID)
		n := mustNeed(t, s, region.ID, u.ID, needInput("Virtuellt akutrum i Härjedalen", app.VisibleOrganisation))
		other := mustNeed(t, s, region.ID, u.ID, needInput("Nattillsyn med kamera", app.VisibleOrganisation))

		a, err := s.AddAttachment(ctx, app.Attachment{NeedID: n.ID, Name: "Förstudie Härjedalen.pdf", ContentType: "application/pdf",
			Size: 123456, BlobKey: "needs/1/aaaa", UploadedBy: app.UserRef{ID: u.ID}})
		if err != nil {
			t.Fatal(err)
		}
		if a.ID == 0 || a.Name != "Förstudie Härjedalen.pdf" || a.Size != 123456 || a.UploadedBy.Name != "Karin" || a.CreatedAt.IsZero() {
			t.Fatalf("added = %+v", a)
		}
		b, err := s.AddAttachment(ctx, app.Attachment{NeedID: n.ID, Name: "mätvärden.csv", ContentType: "text/csv", Size: 10,
			BlobKey: "needs/1/bbbb", UploadedBy: app.UserRef{ID: u.ID}})
		if err != nil {
			t.Fatal(err)
		}
		// The same blob key twice is a conflict, not a second row over one blob.
		_, err = s.AddAttachment(ctx, app.Attachment{NeedID: n.ID, Name: "x.pdf", ContentType: "application/pdf", Size: 1, BlobKey: "needs/1/bbbb"})
		if err == nil {
			t.Fatal("a second row took the same blob key")
		}
		_, err = s.AddAttachment(ctx, app.Attachment{NeedID: 424242, Name: "x.pdf", ContentType: "application/pdf", Size: 1, BlobKey: "needs/x/cccc"})
		wantCode(t, err, app.NotFound)

		list, err := s.Attachments(ctx, n.ID)
		if err != nil || len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID || list[1].BlobKey != "needs/1/bbbb" {
			t.Fatalf("attachments = %+v, %v", list, err)
		}
		if list, _ := s.Attachments(ctx, other.ID); len(list) != 0 {
			t.Fatalf("another need lists %d attachments", len(list))
		}
		got, err := s.Attachment(ctx, n.ID, a.ID)
		if err != nil || got != a {
			t.Fatalf("attachment = %+v, %v; want %+v", got, err, a)
		}
		// An attachment is found only through its own need.
		_, err = s.Attachment(ctx, other.ID, a.ID)
		wantCode(t, err, app.NotFound)
		_, err = s.DeleteAttachment(ctx, other.ID, a.ID)
		wantCode(t, err, app.NotFound)

		gone, err := s.DeleteAttachment(ctx, n.ID, a.ID)
		if err != nil || gone.BlobKey != "needs/1/aaaa" || gone.UploadedBy.ID != u.ID {
			t.Fatalf("deleted = %+v, %v", gone, err)
		}
		_, err = s.Attachment(ctx, n.ID, a.ID)
		wantCode(t, err, app.NotFound)
		_, err = s.DeleteAttachment(ctx, n.ID, a.ID)
		wantCode(t, err, app.NotFound)
		if list, _ := s.Attachments(ctx, n.ID); len(list) != 1 || list[0].ID != b.ID {
			t.Fatalf("after delete = %+v", list)
		}
	})
}
