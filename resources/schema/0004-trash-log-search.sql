-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 4: the trash, the change log and the full-text index.

-- A deleted record with everything that belonged to it (payload: JSON),
-- so that restoring brings back its relations too.
CREATE TABLE trash_entry (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  kind        TEXT NOT NULL,
  record_uuid TEXT NOT NULL,
  label       TEXT,
  deleted_at  TEXT NOT NULL,
  actor       TEXT,
  payload     TEXT NOT NULL
);

-- Who changed what when: one row per write.
CREATE TABLE change (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  uuid        TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  at          TEXT NOT NULL,
  actor       TEXT,
  action      TEXT NOT NULL,     -- insert, update, delete, restore, import, restore-backup
  kind        TEXT,
  record_uuid TEXT,
  label       TEXT,
  detail      TEXT               -- JSON: changed fields as [old, new], or counts
);
CREATE INDEX change_record ON change (record_uuid);

-- Chinese substring search: trigram full-text tables, one per searchable
-- kind, whose rowid is the record's id.
CREATE VIRTUAL TABLE grid_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE station_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE unit_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE agreement_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE meeting_fts USING fts5 (text, tokenize = 'trigram');
CREATE VIRTUAL TABLE problem_fts USING fts5 (text, tokenize = 'trigram');

CREATE TRIGGER grid_fts_insert AFTER INSERT ON grid BEGIN
  INSERT INTO grid_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.worker, '')));
END;
CREATE TRIGGER grid_fts_update AFTER UPDATE OF code, name, worker ON grid BEGIN
  DELETE FROM grid_fts WHERE rowid = old.id;
  INSERT INTO grid_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.worker, '')));
END;
CREATE TRIGGER grid_fts_delete AFTER DELETE ON grid BEGIN
  DELETE FROM grid_fts WHERE rowid = old.id;
END;

CREATE TRIGGER station_fts_insert AFTER INSERT ON station BEGIN
  INSERT INTO station_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.address, '')));
END;
CREATE TRIGGER station_fts_update AFTER UPDATE OF code, name, address ON station BEGIN
  DELETE FROM station_fts WHERE rowid = old.id;
  INSERT INTO station_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.address, '')));
END;
CREATE TRIGGER station_fts_delete AFTER DELETE ON station BEGIN
  DELETE FROM station_fts WHERE rowid = old.id;
END;

CREATE TRIGGER unit_fts_insert AFTER INSERT ON unit BEGIN
  INSERT INTO unit_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.credit_code, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.contact_person, '')));
END;
CREATE TRIGGER unit_fts_update AFTER UPDATE OF code, name, credit_code, address, contact_person ON unit BEGIN
  DELETE FROM unit_fts WHERE rowid = old.id;
  INSERT INTO unit_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.credit_code, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.contact_person, '')));
END;
CREATE TRIGGER unit_fts_delete AFTER DELETE ON unit BEGIN
  DELETE FROM unit_fts WHERE rowid = old.id;
END;

CREATE TRIGGER agreement_fts_insert AFTER INSERT ON agreement BEGIN
  INSERT INTO agreement_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.categories, '')));
END;
CREATE TRIGGER agreement_fts_update AFTER UPDATE OF code, title, categories ON agreement BEGIN
  DELETE FROM agreement_fts WHERE rowid = old.id;
  INSERT INTO agreement_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.categories, '')));
END;
CREATE TRIGGER agreement_fts_delete AFTER DELETE ON agreement BEGIN
  DELETE FROM agreement_fts WHERE rowid = old.id;
END;

CREATE TRIGGER meeting_fts_insert AFTER INSERT ON meeting BEGIN
  INSERT INTO meeting_fts (rowid, text) VALUES (new.id, (coalesce(new.title, '') || ' ' || coalesce(new.location, '') || ' ' || coalesce(new.organizer, '')));
END;
CREATE TRIGGER meeting_fts_update AFTER UPDATE OF title, location, organizer ON meeting BEGIN
  DELETE FROM meeting_fts WHERE rowid = old.id;
  INSERT INTO meeting_fts (rowid, text) VALUES (new.id, (coalesce(new.title, '') || ' ' || coalesce(new.location, '') || ' ' || coalesce(new.organizer, '')));
END;
CREATE TRIGGER meeting_fts_delete AFTER DELETE ON meeting BEGIN
  DELETE FROM meeting_fts WHERE rowid = old.id;
END;

CREATE TRIGGER problem_fts_insert AFTER INSERT ON problem BEGIN
  INSERT INTO problem_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.description, '')));
END;
CREATE TRIGGER problem_fts_update AFTER UPDATE OF code, title, description ON problem BEGIN
  DELETE FROM problem_fts WHERE rowid = old.id;
  INSERT INTO problem_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.description, '')));
END;
CREATE TRIGGER problem_fts_delete AFTER DELETE ON problem BEGIN
  DELETE FROM problem_fts WHERE rowid = old.id;
END;

-- Index what the earlier versions already hold.
INSERT INTO grid_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(worker, '')) FROM grid;
INSERT INTO station_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(address, '')) FROM station;
INSERT INTO unit_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(credit_code, '') || ' ' || coalesce(address, '') || ' ' || coalesce(contact_person, '')) FROM unit;
INSERT INTO agreement_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(title, '') || ' ' || coalesce(categories, '')) FROM agreement;
INSERT INTO meeting_fts (rowid, text) SELECT id, (coalesce(title, '') || ' ' || coalesce(location, '') || ' ' || coalesce(organizer, '')) FROM meeting;
INSERT INTO problem_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(title, '') || ' ' || coalesce(description, '')) FROM problem;
