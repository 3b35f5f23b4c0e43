-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 6: the joint meeting's lifecycle, yearly theme plans, the
-- topic backlog (议题征集) and follow-ups of agenda items.

ALTER TABLE meeting ADD COLUMN held_at TEXT;
ALTER TABLE meeting ADD COLUMN minutes_at TEXT;
ALTER TABLE meeting ADD COLUMN closed_at TEXT;
CREATE INDEX meeting_series ON meeting (series_id);

-- A topic a unit suggested, waiting for a street's meeting.
CREATE TABLE topic (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid            TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  title           TEXT NOT NULL,
  description     TEXT,
  street_id       INTEGER REFERENCES street (id) ON DELETE SET NULL,
  unit_id         INTEGER REFERENCES unit (id) ON DELETE SET NULL,
  suggested_on    TEXT,
  minutes_planned INTEGER,
  status          TEXT,            -- waiting, scheduled, done, withdrawn
  meeting_id      INTEGER REFERENCES meeting (id) ON DELETE SET NULL
);
CREATE INDEX topic_street ON topic (street_id, status);

-- One theme per series and month (一月一主题).
CREATE TABLE meeting_theme (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  series_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  month      TEXT NOT NULL,        -- YYYY-MM
  theme      TEXT NOT NULL,
  UNIQUE (series_id, month)
);

ALTER TABLE agenda_item ADD COLUMN source TEXT;
ALTER TABLE agenda_item ADD COLUMN topic_id INTEGER REFERENCES topic (id) ON DELETE SET NULL;
ALTER TABLE agenda_item ADD COLUMN responsible_unit_id INTEGER REFERENCES unit (id) ON DELETE SET NULL;
ALTER TABLE agenda_item ADD COLUMN measures TEXT;
ALTER TABLE agenda_item ADD COLUMN deadline TEXT;
ALTER TABLE agenda_item ADD COLUMN outcome TEXT;
ALTER TABLE agenda_item ADD COLUMN carried_from_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL;
CREATE INDEX agenda_item_problem ON agenda_item (problem_id);
CREATE INDEX agenda_item_agreement ON agenda_item (agreement_id);
