-- hostile.sql: canonical records no importer would produce, written
-- straight into the tables the exporters read, to pin how every exporter
-- escapes them (tests/t40-export.sh; the expected exports are hostile.h,
-- hostile.json and hostile.csv).  Control characters, CR, LF, comment
-- ends, trigraphs, printf directives.  (Identifiers are the reconciler's:
-- they are written here as it would give them; how it gives them is
-- tested with an imported hostile source.)
DELETE FROM finding;
DELETE FROM identifier;
DELETE FROM canonical;
DELETE FROM canonical_reference;
DELETE FROM canonical_alias;
DELETE FROM canonical_status;
DELETE FROM listing;
DELETE FROM claim;
DELETE FROM code_range;
DELETE FROM source;

INSERT INTO source (name, file, format, kind, rank, origin, version, entries,
                    bytes) VALUES
  ('hostile', 'tests/data/hostile.md', 'gfm-table', 'community', 0, NULL,
   NULL, 15, 1),
  ('evil */ source /* ??/', 'dir/??/file*/x.md' || char(10) || 'x\',
   'gfm-table', 'registry', 1, NULL, 'v1 */ ' || char(13) || '??=\', 1, 1);

INSERT INTO canonical (code, name, class, description, official,
                       registered, ident) VALUES
  (100, 'Continue', 'Informational', NULL, 1, 1, 'CONTINUE'),
  (101, 'Tab' || char(9) || 'New' || char(10) || 'line' || char(13) || 'CR'
        || char(1) || char(127) || 'del', 'Informational',
   'line one' || char(10) || 'line two' || char(13, 10) || 'three', 1, 1,
   'TAB_NEW_LINE_CR_DEL'),
  (102, 'Ends with a backslash \', 'Informational', 'back\slash\', 0, NULL,
   'ENDS_WITH_A_BACKSLASH'),
  (103, '=cmd|'' /C calc''!A0', 'Informational',
   '=1+2,"x"' || char(13, 10) || '@SUM(A1)', 0, NULL, 'CMD_C_CALC_A0'),
  (200, 'OK', 'Success', NULL, 1, 1, 'OK'),
  (201, 'Créé — ÀÉÎÕÜ ß Þorn ÿ ×÷ 日本 end', 'Success', 'Latin-1', 1, 1,
   'CREE_AEIOU_SS_THORN_Y_END'),
  (202, 'Map', 'Success', 'the map macro is HTTP_STATUS_MAP', 1, 1, 'MAP_202'),
  (203, '   ', 'Success', 'blank name', 1, 1, '203'),
  (204, 'A very long reason phrase that goes on and on, well beyond what '
        || 'an identifier should hold', 'Success', NULL, 1, 1,
   'A_VERY_LONG_REASON_PHRASE_THAT_GOES_ON_AND_ON_WELL'),
  (300, 'Moved', 'Redirection', NULL, 1, 1, 'MOVED'),
  (400, '??/' || char(10) || '??=??(??)??''??<??>??!??-"?', 'Client Error',
   NULL, 1, 1, '400'),
  (404, 'Not Found', 'Client Error', NULL, 0, 0, 'NOT_FOUND'),
  (413, 'Payload Too Large', 'Client Error', NULL, 1, 1, 'PAYLOAD_TOO_LARGE'),
  (418, 'I''m a teapot', 'Client Error', NULL, 0, NULL, 'IM_A_TEAPOT'),
  (500, NULL, 'Server Error', 'no name', 1, NULL, '500'),
  (599, 'Zero-width' || char(0x200B) || 'space', 'Server Error', NULL, 0,
   NULL, 'ZERO_WIDTH_SPACE');

INSERT INTO canonical_reference (code, ord, document, section, url, claim,
                                 rule) VALUES
  (100, 1, 'RFC 7231', '6.2.1', 'http://tools.ietf.org/html/rfc7231#section-6.2.1', 0, 'test'),
  (101, 1, 'evil */ doc /* ??/' || char(10) || 'x \', 'a*/b', 'http://x/*/"y"', 0, 'test'),
  (101, 2, 'RFC %s%n', NULL, NULL, 0, 'test'),
  (103, 1, 'Doc, with "quotes"', '1; 2', NULL, 0, 'test'),
  (500, 2, 'RFC 2', '1.2', 'u2', 0, 'test'),
  (500, 1, 'RFC 1', NULL, 'u1', 0, 'test');

INSERT INTO canonical_alias (code, alias, since, until, by, claim, ident,
                             deprecated) VALUES
  (102, 'Trailing \', NULL, '*/ 2020 ??/', 'x' || char(10) || 'y', 0,
   'TRAILING', 1),
  (200, 'Okay', '2014-06', '2022-06', 'RFC "9110"', 0, 'OKAY', 1),
  (200, 'O.K.', NULL, NULL, 'the registry', 0, NULL, 0),
  (413, 'Request Entity Too Large', '1999-06', '2014-06', 'RFC 7231', 0,
   'REQUEST_ENTITY_TOO_LARGE', 1),
  (418, 'I am a teapot; "short, and stout"', NULL, NULL, NULL, 0,
   'I_AM_A_TEAPOT_SHORT_AND_STOUT', 0);

INSERT INTO canonical_status (code, status, claim) VALUES
  (404, 'deprecated', 0),
  (404, 'unused', 0),
  (102, 'unofficial', NULL),
  (103, 'unofficial', NULL),
  (418, 'unofficial', NULL),
  (599, 'experimental', 0);

INSERT INTO listing (code, source, rank, votes, trust)
  SELECT code, 'hostile', 0, 1, 0 FROM canonical;
INSERT INTO listing (code, source, rank, votes, trust)
  SELECT code, 'evil */ source /* ??/', 1, 1, 1 FROM canonical
  WHERE code >= 400;

INSERT INTO finding (code, kind, field, source, minor) VALUES
  (404, 'name', 'name', '', 0),
  (404, 'name-case', 'name', '', 1),
  (404, 'reference', 'reference', '', 0),
  (418, 'duplicate', 'name', 'hostile', 0),
  (202, 'identifier', 'name', '', 1);

INSERT INTO identifier (ident, code, name, alias, note) VALUES
  ('MAP_202', 202, 'Map', 0, 'Map folds to MAP, which the header uses'
   || ' itself */ ??/' || char(10) || '#define X; 202 is MAP_202');
