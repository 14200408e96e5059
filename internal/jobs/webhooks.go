package jobs

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/tillsammans/tillsammans/internal/app"
)

// WebhookTimeout bounds one POST to a webhook.
const WebhookTimeout = 10 * time.Second

// webhookWaits are the waits after each failed attempt of a delivery.
var webhookWaits = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour}

// WebhookBackoff waits 1 min, 5 min, 30 min, 2 h and then 12 h after failed attempts, with
// jitter: a receiver that is down for a morning still gets its events.
func WebhookBackoff(attempt int) time.Duration {
	return Jitter(webhookWaits[min(max(attempt, 1), len(webhookWaits))-1])
}

// WebhookStore is what delivering webhooks needs of the store.
type WebhookStore interface {
	StartWebhookDelivery(ctx context.Context, deliveryID int64) (app.WebhookMessage, error)
	RecordWebhookAttempt(ctx context.Context, deliveryID int64, a app.WebhookAttempt, state app.DeliveryState) error
}

// Webhooks delivers the jobs of kind app.JobDeliverWebhook: a signed POST per attempt,
// each attempt recorded; anything but a 2xx answer within WebhookTimeout is retried.
type Webhooks struct {
	Store  WebhookStore
	Client *http.Client // NewWebhookClient
}

// Kind is how the runner runs deliveries.
func (h *Webhooks) Kind() Kind {
	return Kind{Handle: h.Deliver, Timeout: WebhookTimeout + 20*time.Second, Backoff: WebhookBackoff}
}

// Deliver sends one attempt of a delivery.
func (h *Webhooks) Deliver(ctx context.Context, j app.Job) error {
	var p app.WebhookJob
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return fmt.Errorf("webhook job %d: %w", j.ID, err)
	}
	m, err := h.Store.StartWebhookDelivery(ctx, p.DeliveryID)
	if app.ErrorCode(err) == app.NotFound {
		return nil // the webhook was deleted, and its deliveries with it
	}
	if err != nil || m.Withheld {
		return err
	}
	start := time.Now()
	status, err := h.post(ctx, m)
	a := app.WebhookAttempt{StatusCode: status, Duration: time.Since(start), At: start}
	state := app.DeliveryDelivered
	if err != nil {
		a.Error, state = err.Error(), app.DeliveryPending
		if j.Last() {
			state = app.DeliveryFailed
		}
	}
	if rerr := h.Store.RecordWebhookAttempt(ctx, m.DeliveryID, a, state); rerr != nil && app.ErrorCode(rerr) != app.NotFound {
		return errors.Join(err, rerr)
	}
	return err
}

// post sends the delivery's body and returns the status it was answered with.
func (h *Webhooks) post(ctx context.Context, m app.WebhookMessage) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, WebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.URL, bytes.NewReader(m.Body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Tillsammans-Webhooks/1")
	req.Header.Set("X-Tillsammans-Event", string(m.Event))
	req.Header.Set("X-Tillsammans-Delivery", strconv.FormatInt(m.DeliveryID, 10))
	req.Header.Set("X-Tillsammans-Signature", Sign(m.Secret, m.Body))
	res, err := h.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("answered %s", res.Status)
	}
	return res.StatusCode, nil
}

// Sign is the X-Tillsammans-Signature of a body: "sha256=" and the hex HMAC-SHA256 of the
// body under the webhook's secret. Receivers compute the same and compare in constant time.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// errAddressRefused answers a webhook whose name resolves to an address the platform does
// not post to.
var errAddressRefused = errors.New("webhook address refused: loopback, link-local or unspecified")

// NewWebhookClient returns the client deliveries are posted with. It follows no redirect
// (a 3xx is a failed attempt), uses no proxy, and connects to no loopback (unless loopback
// is true, for development and tests), link-local (cloud metadata) or unspecified address,
// whatever name the URL gives: a webhook is not a way into the platform's own network.
func NewWebhookClient(loopback bool) *http.Client {
	dialer := &net.Dialer{Timeout: WebhookTimeout, Control: func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip := net.ParseIP(host)
		if ip == nil || ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsMulticast() || (ip.IsLoopback() && !loopback) {
			return errAddressRefused
		}
		return nil
	}}
	return &http.Client{
		Transport: &http.Transport{
			DialContext:           dialer.DialContext,
			ForceAttemptHTTP2:     true,
			TLSHandshakeTimeout:   WebhookTimeout,
			ResponseHeaderTimeout: WebhookTimeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
