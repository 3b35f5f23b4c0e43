-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 8: saved map views, the slides of the review-meeting
-- presentation (extent + theme + layers, with a title).

CREATE TABLE saved_view (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  name       TEXT NOT NULL,
  position   INTEGER,
  min_lon    REAL,
  min_lat    REAL,
  max_lon    REAL,
  max_lat    REAL,
  zoom       REAL,
  theme      TEXT,
  layers     TEXT,          -- comma list: grids,stations,labels …
  title      TEXT,
  subtitle   TEXT
);
CREATE INDEX saved_view_position ON saved_view (position);
