-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 7: every search text ends with a space.
--
-- The trigram index finds three or more characters at once. For one or two
-- (医院, 雨诺) the search looks up the index's trigrams that begin with
-- them; with a space after the last field, every two characters of a
-- text begin some trigram, the last ones included.

DROP TRIGGER grid_fts_insert;
DROP TRIGGER grid_fts_update;
CREATE TRIGGER grid_fts_insert AFTER INSERT ON grid BEGIN
  INSERT INTO grid_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.worker, '') || ' '));
END;
CREATE TRIGGER grid_fts_update AFTER UPDATE OF code, name, worker ON grid BEGIN
  DELETE FROM grid_fts WHERE rowid = old.id;
  INSERT INTO grid_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.worker, '') || ' '));
END;
DELETE FROM grid_fts;
INSERT INTO grid_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(worker, '') || ' ') FROM grid;

DROP TRIGGER station_fts_insert;
DROP TRIGGER station_fts_update;
CREATE TRIGGER station_fts_insert AFTER INSERT ON station BEGIN
  INSERT INTO station_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.address, '') || ' '));
END;
CREATE TRIGGER station_fts_update AFTER UPDATE OF code, name, address ON station BEGIN
  DELETE FROM station_fts WHERE rowid = old.id;
  INSERT INTO station_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.address, '') || ' '));
END;
DELETE FROM station_fts;
INSERT INTO station_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(address, '') || ' ') FROM station;

DROP TRIGGER unit_fts_insert;
DROP TRIGGER unit_fts_update;
CREATE TRIGGER unit_fts_insert AFTER INSERT ON unit BEGIN
  INSERT INTO unit_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.credit_code, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.contact_person, '') || ' '));
END;
CREATE TRIGGER unit_fts_update AFTER UPDATE OF code, name, credit_code, address, contact_person ON unit BEGIN
  DELETE FROM unit_fts WHERE rowid = old.id;
  INSERT INTO unit_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.name, '') || ' ' || coalesce(new.credit_code, '') || ' ' || coalesce(new.address, '') || ' ' || coalesce(new.contact_person, '') || ' '));
END;
DELETE FROM unit_fts;
INSERT INTO unit_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(name, '') || ' ' || coalesce(credit_code, '') || ' ' || coalesce(address, '') || ' ' || coalesce(contact_person, '') || ' ') FROM unit;

DROP TRIGGER agreement_fts_insert;
DROP TRIGGER agreement_fts_update;
CREATE TRIGGER agreement_fts_insert AFTER INSERT ON agreement BEGIN
  INSERT INTO agreement_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.categories, '') || ' '));
END;
CREATE TRIGGER agreement_fts_update AFTER UPDATE OF code, title, categories ON agreement BEGIN
  DELETE FROM agreement_fts WHERE rowid = old.id;
  INSERT INTO agreement_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.categories, '') || ' '));
END;
DELETE FROM agreement_fts;
INSERT INTO agreement_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(title, '') || ' ' || coalesce(categories, '') || ' ') FROM agreement;

DROP TRIGGER meeting_fts_insert;
DROP TRIGGER meeting_fts_update;
CREATE TRIGGER meeting_fts_insert AFTER INSERT ON meeting BEGIN
  INSERT INTO meeting_fts (rowid, text) VALUES (new.id, (coalesce(new.title, '') || ' ' || coalesce(new.location, '') || ' ' || coalesce(new.organizer, '') || ' '));
END;
CREATE TRIGGER meeting_fts_update AFTER UPDATE OF title, location, organizer ON meeting BEGIN
  DELETE FROM meeting_fts WHERE rowid = old.id;
  INSERT INTO meeting_fts (rowid, text) VALUES (new.id, (coalesce(new.title, '') || ' ' || coalesce(new.location, '') || ' ' || coalesce(new.organizer, '') || ' '));
END;
DELETE FROM meeting_fts;
INSERT INTO meeting_fts (rowid, text) SELECT id, (coalesce(title, '') || ' ' || coalesce(location, '') || ' ' || coalesce(organizer, '') || ' ') FROM meeting;

DROP TRIGGER problem_fts_insert;
DROP TRIGGER problem_fts_update;
CREATE TRIGGER problem_fts_insert AFTER INSERT ON problem BEGIN
  INSERT INTO problem_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.description, '') || ' '));
END;
CREATE TRIGGER problem_fts_update AFTER UPDATE OF code, title, description ON problem BEGIN
  DELETE FROM problem_fts WHERE rowid = old.id;
  INSERT INTO problem_fts (rowid, text) VALUES (new.id, (coalesce(new.code, '') || ' ' || coalesce(new.title, '') || ' ' || coalesce(new.description, '') || ' '));
END;
DELETE FROM problem_fts;
INSERT INTO problem_fts (rowid, text) SELECT id, (coalesce(code, '') || ' ' || coalesce(title, '') || ' ' || coalesce(description, '') || ' ') FROM problem;
