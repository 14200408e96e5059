package app

import (
	"slices"
	"time"
)

// ProposalStatus is where a need–solution pair stands.
type ProposalStatus string

const (
	ProposalSuggested   ProposalStatus = "suggested"   // by the matcher; not kept until someone acts
	ProposalProposed    ProposalStatus = "proposed"    // by the supplier, with a rationale
	ProposalShortlisted ProposalStatus = "shortlisted" // by the need's owning side
	ProposalDeclined    ProposalStatus = "declined"    // by the need's owning side, with a reason
	ProposalPiloted     ProposalStatus = "piloted"     // tried in a pilot
)

// ProposalStatuses lists every status in the order pages show them.
var ProposalStatuses = []ProposalStatus{ProposalSuggested, ProposalProposed, ProposalShortlisted, ProposalDeclined, ProposalPiloted}

// proposalMoves is what the owning side may do from each status.
var proposalMoves = map[ProposalStatus][]ProposalStatus{
	ProposalSuggested:   {ProposalShortlisted, ProposalDeclined},
	ProposalProposed:    {ProposalShortlisted, ProposalDeclined},
	ProposalShortlisted: {ProposalDeclined, ProposalPiloted},
	ProposalDeclined:    {ProposalShortlisted},
	ProposalPiloted:     {},
}

// ProposalMoves are the decisions open from a status.
func ProposalMoves(from ProposalStatus) []ProposalStatus { return proposalMoves[from] }

// Proposal is a solution put forward for a need, and what the need's side decided.
type Proposal struct {
	ID             int64          `json:"id"`
	NeedID         int64          `json:"need_id"`
	Solution       SolutionRef    `json:"solution"`
	Status         ProposalStatus `json:"status"`
	Rationale      string         `json:"rationale"`
	ProposedBy     *UserRef       `json:"proposed_by"`
	DecidedBy      *UserRef       `json:"decided_by"`
	DecisionReason string         `json:"decision_reason"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// ProposalInput is a supplier's proposal of one of its solutions.
type ProposalInput struct {
	SolutionID int64  `json:"solution_id"`
	Rationale  string `json:"rationale"`
}

// Check requires the solution and a rationale without personal numbers.
func (in *ProposalInput) Check() error {
	f := FieldErrors{}
	if in.SolutionID < 1 {
		f.Add("solution_id", "err.required")
	}
	var err error
	if in.Rationale, err = CheckText("rationale", in.Rationale, true); err != nil {
		for k, v := range AsError(err).Fields {
			f.Add(k, v)
		}
	}
	return f.Err()
}

// ProposalDecision is what the need's owning side decides about a solution.
type ProposalDecision struct {
	Status ProposalStatus `json:"status"`
	Reason string         `json:"reason"`
}

// Check requires a decision and, for a decline, the reason.
func (d *ProposalDecision) Check() error {
	f := FieldErrors{}
	if !slices.Contains([]ProposalStatus{ProposalShortlisted, ProposalDeclined, ProposalPiloted}, d.Status) {
		f.Add("status", "err.proposal_status")
	}
	var err error
	if d.Reason, err = CheckText("reason", d.Reason, d.Status == ProposalDeclined); err != nil {
		for k, v := range AsError(err).Fields {
			f.Add(k, v)
		}
	}
	return f.Err()
}
