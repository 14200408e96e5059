package app

import "time"

// Market dialogue meetings (dialogmöten) follow the rules of equal treatment: the
// invitation goes to every supplier in the chosen categories, never to a hand-picked few;
// it says that no procurement has started; and the minutes are published to all
// participants and entered in the need's supplier contact log.

// DialogueType is the event type of market dialogue meetings.
const DialogueType = "dialogue_meeting"

// IsDialogue reports whether the event is a market dialogue meeting.
func (e Event) IsDialogue() bool { return e.Type == DialogueType }

// MinutesDue reports whether the event is a dialogue meeting that is over and whose
// minutes are not yet published.
func (e Event) MinutesDue(now time.Time) bool {
	return e.IsDialogue() && e.MinutesPublishedAt == nil && now.After(e.End)
}

// checkDialogue: a dialogue meeting is about a need and names its categories; whom it
// invites the store decides from them. Other events have neither.
func (in *EventInput) checkDialogue(f FieldErrors) {
	if in.Type != DialogueType {
		in.NeedID, in.Categories = 0, []string{}
		return
	}
	checkTags(f, "categories", &in.Categories)
	if len(in.Categories) == 0 {
		f.Add("categories", "err.dialogue_categories")
	}
	if in.NeedID < 1 {
		f.Add("need_id", "err.dialogue_need")
	}
	in.Audience, in.InvitedOrgIDs = AudienceInvited, []int64{}
}
