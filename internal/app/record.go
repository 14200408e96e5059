package app

import "time"

// Record is an object of an organisation as its registrar enters it in the diary
// (diarieföring): what it is, whose, from whom and when it came, its state, what it holds
// and what happened to it.
type Record struct {
	Kind         string         `json:"kind"`
	ID           int64          `json:"id"`
	Title        string         `json:"title"`
	Status       string         `json:"status"`
	Organisation OrgRef         `json:"organisation"`
	Sender       UserRef        `json:"sender"`
	Received     time.Time      `json:"received"`
	Content      map[string]any `json:"content"`
	History      []AuditEntry   `json:"history"`
}

// Kinds of objects a registrar exports.
const (
	KindProject        = "project"
	KindApplication    = "application"
	KindEvent          = "event"
	KindPartnerRequest = "partner_request"
)

// RecordKinds lists the kinds of objects a registrar exports, in the order forms show them.
var RecordKinds = []string{KindNeed, KindSolution, KindProject, KindApplication, KindEvent, KindPartnerRequest}
