-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 2: resident units, joint-construction agreements, the four lists.

CREATE TABLE unit (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid            TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  code            TEXT,
  name            TEXT NOT NULL,
  kind            TEXT,
  credit_code     TEXT,          -- 统一社会信用代码, kept as text
  address         TEXT,
  contact_person  TEXT,
  contact_phone   TEXT,
  landline        TEXT,
  staff_count     INTEGER,
  party_members   INTEGER,
  party_org       TEXT,
  street_id       INTEGER REFERENCES street (id) ON DELETE SET NULL,
  community_id    INTEGER REFERENCES community (id) ON DELETE SET NULL,
  grid_id         INTEGER REFERENCES grid (id) ON DELETE SET NULL,
  lon             REAL,
  lat             REAL,
  registered_date TEXT,
  verified_date   TEXT,
  remark          TEXT,
  extra           TEXT
);
CREATE INDEX unit_code ON unit (code);
CREATE INDEX unit_credit_code ON unit (credit_code);
CREATE INDEX unit_street ON unit (street_id);
CREATE INDEX unit_grid ON unit (grid_id);

CREATE TABLE agreement (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid              TEXT NOT NULL UNIQUE,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  code              TEXT,
  title             TEXT NOT NULL,
  unit_id           INTEGER REFERENCES unit (id) ON DELETE CASCADE,
  street_id         INTEGER REFERENCES street (id) ON DELETE SET NULL,
  community_id      INTEGER REFERENCES community (id) ON DELETE SET NULL,
  signed_date       TEXT,
  start_date        TEXT,
  end_date          TEXT,
  status            TEXT,         -- set by hand: draft, terminated; the rest is computed
  categories        TEXT,
  content           TEXT,
  funding           REAL,
  unit_contact      TEXT,
  unit_phone        TEXT,
  community_contact TEXT,
  attachment        TEXT,
  previous_id       INTEGER REFERENCES agreement (id) ON DELETE SET NULL,
  remark            TEXT,
  extra             TEXT
);
CREATE INDEX agreement_code ON agreement (code);
CREATE INDEX agreement_unit ON agreement (unit_id);
CREATE INDEX agreement_end ON agreement (end_date);

-- Two-way commitments (双向承诺): side is 'unit' or 'community'.
CREATE TABLE commitment (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid         TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  agreement_id INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  side         TEXT NOT NULL CHECK (side IN ('unit', 'community')),
  content      TEXT NOT NULL,
  due_date     TEXT,
  status       TEXT
);
CREATE INDEX commitment_agreement ON commitment (agreement_id);

-- Yearly evaluation (年度评议), one row per commitment and year.
CREATE TABLE evaluation (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  agreement_id  INTEGER NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  commitment_id INTEGER REFERENCES commitment (id) ON DELETE CASCADE,
  year          INTEGER NOT NULL,
  fulfilled     INTEGER,
  score         REAL,
  comment       TEXT,
  evaluator     TEXT,
  evaluated_on  TEXT
);
CREATE INDEX evaluation_agreement ON evaluation (agreement_id);

-- The four lists: resource, need, project, service (资源/需求/项目/服务清单).
CREATE TABLE list_item (
  id                 INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid               TEXT NOT NULL UNIQUE,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  list               TEXT NOT NULL CHECK (list IN ('resource', 'need', 'project', 'service')),
  title              TEXT NOT NULL,
  category           TEXT,
  quantity           REAL,
  measure            TEXT,
  owner_unit_id      INTEGER REFERENCES unit (id) ON DELETE CASCADE,
  owner_community_id INTEGER REFERENCES community (id) ON DELETE SET NULL,
  grid_id            INTEGER REFERENCES grid (id) ON DELETE SET NULL,
  status             TEXT,
  matched_item_id    INTEGER REFERENCES list_item (id) ON DELETE SET NULL,
  description        TEXT,
  remark             TEXT
);
CREATE INDEX list_item_owner ON list_item (owner_unit_id);
CREATE INDEX list_item_list ON list_item (list, status);
