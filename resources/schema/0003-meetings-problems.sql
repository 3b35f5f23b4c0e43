-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 3: joint meetings with agenda and attendance; the problem wall.

CREATE TABLE meeting (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  code          TEXT,
  ical_uid      TEXT,
  series_id     INTEGER,
  title         TEXT NOT NULL,
  category      TEXT,
  street_id     INTEGER REFERENCES street (id) ON DELETE SET NULL,
  starts_at     TEXT,
  ends_at       TEXT,
  all_day       INTEGER,
  location      TEXT,
  station_id    INTEGER REFERENCES station (id) ON DELETE SET NULL,
  organizer     TEXT,
  status        TEXT,
  minutes       TEXT,
  contact       TEXT,
  contact_phone TEXT,
  remark        TEXT,
  extra         TEXT
);
CREATE INDEX meeting_starts ON meeting (starts_at);
CREATE INDEX meeting_street ON meeting (street_id);
CREATE INDEX meeting_uid ON meeting (ical_uid);

CREATE TABLE problem (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid           TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  code           TEXT,
  title          TEXT NOT NULL,
  description    TEXT,
  category       TEXT,
  source         TEXT,
  meeting_id     INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
  agenda_item_id INTEGER,
  grid_id        INTEGER REFERENCES grid (id) ON DELETE SET NULL,
  lon            REAL,
  lat            REAL,
  lead_unit_id   INTEGER REFERENCES unit (id) ON DELETE SET NULL,
  measures       TEXT,
  deadline       TEXT,
  status         TEXT,
  escalated_to   TEXT,
  reason         TEXT,
  resolved_on    TEXT
);
CREATE INDEX problem_status ON problem (status, deadline);
CREATE INDEX problem_grid ON problem (grid_id);
CREATE INDEX problem_meeting ON problem (meeting_id);

-- One matter (一事一议) of a meeting, with its decision and publish flag (一公开).
CREATE TABLE agenda_item (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid              TEXT NOT NULL UNIQUE,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  meeting_id        INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  position          INTEGER,
  title             TEXT NOT NULL,
  presenter_unit_id INTEGER REFERENCES unit (id) ON DELETE SET NULL,
  minutes_planned   INTEGER,
  discussion        TEXT,
  decision          TEXT,
  publish           INTEGER,
  problem_id        INTEGER REFERENCES problem (id) ON DELETE SET NULL,
  agreement_id      INTEGER REFERENCES agreement (id) ON DELETE SET NULL,
  grid_id           INTEGER REFERENCES grid (id) ON DELETE SET NULL
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

CREATE TABLE attendance (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  unit_id    INTEGER REFERENCES unit (id) ON DELETE CASCADE,
  status     TEXT,               -- invited, present, absent, leave
  substitute TEXT
);
CREATE INDEX attendance_meeting ON attendance (meeting_id);
CREATE INDEX attendance_unit ON attendance (unit_id);

-- Cooperating units of a problem (the lead unit is on the problem itself).
CREATE TABLE problem_unit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  unit_id    INTEGER NOT NULL REFERENCES unit (id) ON DELETE CASCADE
);
CREATE INDEX problem_unit_problem ON problem_unit (problem_id);

CREATE TABLE progress_note (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  problem_id INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  noted_on   TEXT,
  text       TEXT NOT NULL,
  author     TEXT
);
CREATE INDEX progress_note_problem ON progress_note (problem_id);

-- The echo wall (回音壁): the published result of a problem.
CREATE TABLE echo_entry (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid         TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  problem_id   INTEGER NOT NULL REFERENCES problem (id) ON DELETE CASCADE,
  result       TEXT NOT NULL,
  published_on TEXT,
  channel      TEXT
);
CREATE INDEX echo_entry_problem ON echo_entry (problem_id);
