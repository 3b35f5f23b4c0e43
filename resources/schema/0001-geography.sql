-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 1: the territory — district, streets, communities, grids, stations.
-- Every record: UUID (stable across exports and merges), created/updated times.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);

CREATE TABLE district (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  code       TEXT UNIQUE,
  name       TEXT NOT NULL
);

CREATE TABLE street (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  code        TEXT UNIQUE,
  name        TEXT NOT NULL,
  district_id INTEGER REFERENCES district (id) ON DELETE SET NULL
);
CREATE INDEX street_district ON street (district_id);

CREATE TABLE community (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  code       TEXT UNIQUE,
  name       TEXT NOT NULL,
  street_id  INTEGER REFERENCES street (id) ON DELETE SET NULL
);
CREATE INDEX community_street ON community (street_id);

CREATE TABLE grid (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid          TEXT NOT NULL UNIQUE,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  code          TEXT NOT NULL,
  name          TEXT,
  kind          TEXT,
  street_id     INTEGER REFERENCES street (id) ON DELETE SET NULL,
  community_id  INTEGER REFERENCES community (id) ON DELETE SET NULL,
  households    INTEGER,
  population    INTEGER,
  worker        TEXT,
  worker_phone  TEXT,
  area          REAL,          -- geodesic, m², computed from the polygon
  declared_area REAL,          -- as the source file gave it
  established   TEXT,
  remark        TEXT,
  geometry      BLOB,          -- polygon(s), WGS-84, see gj-geometry.c
  extra         TEXT,          -- JSON object: source properties we keep for round trips
  min_x REAL, max_x REAL, min_y REAL, max_y REAL
);
-- Duplicate codes are a data check, not a constraint: imports must not fail on them.
CREATE INDEX grid_code ON grid (code);
CREATE INDEX grid_street ON grid (street_id);
CREATE INDEX grid_community ON grid (community_id);

CREATE VIRTUAL TABLE grid_rtree USING rtree (id, min_x, max_x, min_y, max_y);

CREATE TRIGGER grid_rtree_insert AFTER INSERT ON grid WHEN new.min_x IS NOT NULL
BEGIN
  INSERT INTO grid_rtree VALUES (new.id, new.min_x, new.max_x, new.min_y, new.max_y);
END;
CREATE TRIGGER grid_rtree_update AFTER UPDATE OF min_x, max_x, min_y, max_y ON grid
BEGIN
  DELETE FROM grid_rtree WHERE id = old.id;
  INSERT INTO grid_rtree SELECT new.id, new.min_x, new.max_x, new.min_y, new.max_y WHERE new.min_x IS NOT NULL;
END;
CREATE TRIGGER grid_rtree_delete AFTER DELETE ON grid
BEGIN
  DELETE FROM grid_rtree WHERE id = old.id;
END;

CREATE TABLE station (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid         TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  code         TEXT,
  name         TEXT NOT NULL,
  kind         TEXT,
  grid_id      INTEGER REFERENCES grid (id) ON DELETE SET NULL,
  street_id    INTEGER REFERENCES street (id) ON DELETE SET NULL,
  community_id INTEGER REFERENCES community (id) ON DELETE SET NULL,
  lon          REAL,
  lat          REAL,
  address      TEXT,
  phone        TEXT,
  contact      TEXT,
  open_hours   TEXT,
  staff        INTEGER,
  floor_area   REAL,
  services     TEXT,           -- JSON array of service names
  opened       TEXT,
  remark       TEXT,
  extra        TEXT
);
CREATE INDEX station_code ON station (code);
CREATE INDEX station_grid ON station (grid_id);
CREATE INDEX station_street ON station (street_id);
