package app

import (
	"context"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"
)

// WebhookEvent names what a webhook is told of.
type WebhookEvent string

const (
	// EventNeedPublished: a submitted need became visible to the webhook's organisation.
	EventNeedPublished WebhookEvent = "need.published"
	// EventNeedTransitioned: a need the organisation sees moved to another state.
	EventNeedTransitioned WebhookEvent = "need.transitioned"
	// EventSolutionCreated: a solution entered the catalogue.
	EventSolutionCreated WebhookEvent = "solution.created"
)

// WebhookEvents lists every event in the order forms show them.
var WebhookEvents = []WebhookEvent{EventNeedPublished, EventNeedTransitioned, EventSolutionCreated}

// MaxWebhooks is how many webhooks one organisation may have.
const MaxWebhooks = 10

// WebhookAttempts is how often a delivery is tried before it is given up.
const WebhookAttempts = 6

// Webhook is an organisation's subscription: the events it names are POSTed to URL as
// JSON, signed with a secret that was shown once, when the webhook was made.
type Webhook struct {
	ID           int64          `json:"id"`
	Organisation OrgRef         `json:"organisation"`
	URL          string         `json:"url"`
	Events       []WebhookEvent `json:"events"`
	CreatedBy    *UserRef       `json:"created_by"`
	CreatedAt    time.Time      `json:"created_at"`
}

// OrganisationViewer is whom a webhook receives needs as: its organisation alone. It
// sees the organisation's own needs, those it co-owns or is a named partner of, and
// public ones; not those shown to everyone signed in, which are for people on the
// platform rather than systems outside it, and nothing that a platform admin who
// registered the webhook, or a member's other organisations, could add.
func OrganisationViewer(orgID int64) Viewer { return Viewer{OrgIDs: []int64{orgID}} }

// WebhookInput is what a person gives to register a webhook.
type WebhookInput struct {
	URL    string         `json:"url"`
	Events []WebhookEvent `json:"events"`
}

const maxURLLen = 2000

// Normalise checks the input. The URL must be https; plain http is taken only for this
// machine (localhost, 127.0.0.1, ::1) and only when loopback is true, for development and
// tests. Events are put in their canonical order, once each.
func (in *WebhookInput) Normalise(loopback bool) error {
	f := FieldErrors{}
	in.URL = strings.TrimSpace(in.URL)
	if in.URL == "" {
		f.Add("url", "err.required")
	} else if !webhookURLAllowed(in.URL, loopback) {
		f.Add("url", "err.webhook_url")
	}
	if len(in.Events) == 0 {
		f.Add("events", "err.webhook_events")
	}
	for _, e := range in.Events {
		if !slices.Contains(WebhookEvents, e) {
			f.Add("events", "err.webhook_event")
		}
	}
	var events []WebhookEvent
	for _, e := range WebhookEvents {
		if slices.Contains(in.Events, e) {
			events = append(events, e)
		}
	}
	in.Events = events
	return f.Err()
}

func webhookURLAllowed(raw string, loopback bool) bool {
	u, err := url.Parse(raw)
	if err != nil || len(raw) > maxURLLen || u.User != nil || u.Fragment != "" || u.Hostname() == "" || u.Opaque != "" {
		return false
	}
	host := u.Hostname()
	local := host == "localhost" || strings.HasSuffix(host, ".localhost")
	if ip := net.ParseIP(host); ip != nil {
		local = ip.IsLoopback()
		if ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsMulticast() {
			return false
		}
	}
	switch u.Scheme {
	case "https":
		return !local || loopback
	case "http":
		return local && loopback
	}
	return false
}

// DeliveryState is where one delivery of an event to a webhook stands.
type DeliveryState string

const (
	DeliveryPending   DeliveryState = "pending"   // waiting for its first or next attempt
	DeliveryDelivered DeliveryState = "delivered" // the receiver answered 2xx
	DeliveryFailed    DeliveryState = "failed"    // every attempt failed; given up
	// DeliveryWithheld: the need it is about is no longer one the organisation may see,
	// so nothing was sent.
	DeliveryWithheld DeliveryState = "withheld"
)

// WebhookDelivery is one event for one webhook, with every attempt to send it.
type WebhookDelivery struct {
	ID         int64
	WebhookID  int64
	URL        string
	Event      WebhookEvent
	State      DeliveryState
	Attempts   []WebhookAttempt
	CreatedAt  time.Time
	FinishedAt *time.Time
}

// WebhookAttempt is one POST of a delivery.
type WebhookAttempt struct {
	StatusCode int // 0 when no answer came
	Error      string
	Duration   time.Duration
	At         time.Time
}

// WebhookJob is the payload of a JobDeliverWebhook job.
type WebhookJob struct {
	DeliveryID int64 `json:"delivery_id"`
}

// WebhookMessage is what a worker sends for a delivery: the same body, signed with the
// webhook's secret, on every attempt.
type WebhookMessage struct {
	DeliveryID int64
	URL        string
	Secret     string
	Event      WebhookEvent
	Body       []byte
	// Withheld is set when the delivery is about a need the webhook's organisation may no
	// longer see: nothing is to be sent.
	Withheld bool
}

// WebhookFilter selects webhooks: those of OrgIDs, or of every organisation with AllOrgs.
type WebhookFilter struct {
	OrgIDs  []int64
	AllOrgs bool
	Page
}

// WebhookStore keeps webhooks and what was sent to them. Events are enqueued by the store
// itself, in the transaction of the change they tell of. Not-found webhooks are NotFound;
// an organisation with MaxWebhooks already is a Conflict.
type WebhookStore interface {
	// CreateWebhook registers a webhook of orgID with the secret its deliveries are signed with.
	CreateWebhook(ctx context.Context, orgID, creatorID int64, in WebhookInput, secret string) (Webhook, error)
	Webhook(ctx context.Context, id int64) (Webhook, error)
	// ListWebhooks lists newest first, without secrets.
	ListWebhooks(ctx context.Context, f WebhookFilter) (List[Webhook], error)
	// DeleteWebhook removes a webhook and its deliveries; queued ones are not sent.
	DeleteWebhook(ctx context.Context, id int64) error
	// WebhookDeliveries lists the newest deliveries to the webhooks of orgID.
	WebhookDeliveries(ctx context.Context, orgID int64, limit int) ([]WebhookDelivery, error)
}
