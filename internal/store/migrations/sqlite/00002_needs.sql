-- +goose Up
CREATE TABLE needs (
    id                 INTEGER PRIMARY KEY,
    ref                TEXT UNIQUE,
    org_id             INTEGER NOT NULL REFERENCES organisations (id),
    owner_id           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    title              TEXT NOT NULL,
    sort_key           BLOB NOT NULL,
    how_might_we       TEXT NOT NULL DEFAULT '',
    problem            TEXT NOT NULL DEFAULT '',
    current_practice   TEXT NOT NULL DEFAULT '',
    consequence        TEXT NOT NULL DEFAULT '',
    target_groups      TEXT NOT NULL DEFAULT '',
    constraints_text   TEXT NOT NULL DEFAULT '',
    volume_people      INTEGER NOT NULL DEFAULT 0,
    volume_events      INTEGER NOT NULL DEFAULT 0,
    urgency            TEXT NOT NULL,
    urgency_rank       INTEGER NOT NULL,
    benefit_plan       TEXT NOT NULL DEFAULT '',
    visibility         TEXT NOT NULL,
    state              TEXT NOT NULL,
    route              TEXT NOT NULL DEFAULT '',
    close_reason       TEXT NOT NULL DEFAULT '',
    merged_into        INTEGER REFERENCES needs (id),
    procurement_contact TEXT NOT NULL DEFAULT '',
    dialogue_summary   TEXT NOT NULL DEFAULT '',
    summary_published  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    submitted_at       TIMESTAMP,
    implemented_at     TIMESTAMP,
    state_changed_at   TIMESTAMP NOT NULL
);
CREATE INDEX needs_org ON needs (org_id, id);
CREATE INDEX needs_state ON needs (state, id);
CREATE INDEX needs_visibility ON needs (visibility, state, id);
CREATE INDEX needs_sort ON needs (sort_key, id);
CREATE INDEX needs_urgency ON needs (urgency_rank, id);

CREATE TABLE need_care_settings (
    need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    setting TEXT NOT NULL,
    PRIMARY KEY (need_id, setting)
);
CREATE INDEX need_care_settings_setting ON need_care_settings (setting, need_id);

CREATE TABLE need_tags (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    tag_fold TEXT NOT NULL,
    PRIMARY KEY (need_id, tag_fold)
);
CREATE INDEX need_tags_tag ON need_tags (tag_fold, need_id);

CREATE TABLE need_benefits (
    need_id  INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kpi      TEXT NOT NULL,
    unit     TEXT NOT NULL,
    baseline TEXT NOT NULL,
    target   TEXT NOT NULL,
    PRIMARY KEY (need_id, position)
);

CREATE TABLE need_partners (
    need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    org_id  INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (need_id, org_id)
);
CREATE INDEX need_partners_org ON need_partners (org_id, need_id);

CREATE TABLE need_coowners (
    need_id       INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    org_id        INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    volume_people INTEGER NOT NULL DEFAULT 0,
    volume_events INTEGER NOT NULL DEFAULT 0,
    joined_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    joined_at     TIMESTAMP NOT NULL,
    PRIMARY KEY (need_id, org_id)
);
CREATE INDEX need_coowners_org ON need_coowners (org_id, need_id);

CREATE TABLE need_transitions (
    id         INTEGER PRIMARY KEY,
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    at         TIMESTAMP NOT NULL,
    comment    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX need_transitions_need ON need_transitions (need_id, id);

-- Time spent in each state, kept at every transition, so that figures need no replay.
CREATE TABLE need_state_times (
    need_id INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    state   TEXT NOT NULL,
    seconds INTEGER NOT NULL,
    PRIMARY KEY (need_id, state)
);
CREATE INDEX need_state_times_state ON need_state_times (state, seconds);

CREATE TABLE need_followers (
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (need_id, user_id)
);
CREATE INDEX need_followers_user ON need_followers (user_id);

CREATE TABLE need_questions (
    id          INTEGER PRIMARY KEY,
    need_id     INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    asked_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    asker_org   INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL DEFAULT '',
    answered_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    answered_at TIMESTAMP,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX need_questions_need ON need_questions (need_id, id);

CREATE TABLE need_comments (
    id         INTEGER PRIMARY KEY,
    need_id    INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX need_comments_need ON need_comments (need_id, id);

CREATE TABLE supplier_contacts (
    id             INTEGER PRIMARY KEY,
    need_id        INTEGER NOT NULL REFERENCES needs (id) ON DELETE CASCADE,
    contact_date   TEXT NOT NULL,
    supplier_org   INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    supplier_name  TEXT NOT NULL,
    our_people     TEXT NOT NULL,
    their_people   TEXT NOT NULL,
    channel        TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    info_given     TEXT NOT NULL DEFAULT '',
    info_received  TEXT NOT NULL DEFAULT '',
    summary        TEXT NOT NULL DEFAULT '',
    published      BOOLEAN NOT NULL DEFAULT FALSE,
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX supplier_contacts_need ON supplier_contacts (need_id, id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    need_id    INTEGER REFERENCES needs (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id, read_at);

-- +goose Down
DROP TABLE notifications;
DROP TABLE supplier_contacts;
DROP TABLE need_comments;
DROP TABLE need_questions;
DROP TABLE need_followers;
DROP TABLE need_state_times;
DROP TABLE need_transitions;
DROP TABLE need_coowners;
DROP TABLE need_partners;
DROP TABLE need_benefits;
DROP TABLE need_tags;
DROP TABLE need_care_settings;
DROP TABLE needs;
