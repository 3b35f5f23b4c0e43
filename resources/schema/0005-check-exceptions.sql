-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 5: findings of the data checks that a user accepted as
-- exceptions (a river between grids, a station that serves from outside).

CREATE TABLE check_exception (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  key         TEXT NOT NULL UNIQUE,   -- what the finding is about, stable across runs
  type        TEXT NOT NULL,
  reason      TEXT NOT NULL,
  actor       TEXT
);

CREATE INDEX station_place ON station (lon, lat);
CREATE INDEX unit_place ON unit (lon, lat);
