-- hostile.sql: canonical records no importer would produce, written
-- straight into the tables the exporters read, to pin how every exporter
-- escapes and names them (tests/t40-export.sh; the expected exports are
-- hostile.h, hostile.json and hostile.csv).  Control characters, CR, LF,
-- comment ends, trigraphs, printf directives, identifiers that collide.
DELETE FROM conflict;
DELETE FROM canonical;
DELETE FROM canonical_reference;
DELETE FROM canonical_alias;
DELETE FROM canonical_status;
DELETE FROM canonical_source;
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
                       registered) VALUES
  (100, 'Continue', 'Informational', NULL, 1, 1),
  (101, 'Tab' || char(9) || 'New' || char(10) || 'line' || char(13) || 'CR'
        || char(1) || char(127) || 'del', 'Informational',
   'line one' || char(10) || 'line two' || char(13, 10) || 'three', 1, 1),
  (102, 'Ends with a backslash \', 'Informational', 'back\slash\', 0, NULL),
  (103, '=cmd|'' /C calc''!A0', 'Informational',
   '=1+2,"x"' || char(13, 10) || '@SUM(A1)', 0, NULL),
  (200, 'OK', 'Success', NULL, 1, 1),
  (201, 'Créé — ÀÉÎÕÜ ß Þorn ÿ ×÷ 日本 end', 'Success', 'Latin-1', 1, 1),
  (202, 'Map', 'Success', 'the map macro is HTTP_STATUS_MAP', 1, 1),
  (203, '   ', 'Success', 'blank name', 1, 1),
  (204, 'A very long reason phrase that goes on and on, well beyond what '
        || 'an identifier should hold', 'Success', NULL, 1, 1),
  (205, 'Same Name', 'Success', NULL, 1, 1),
  (206, 'same-name', 'Success', NULL, 1, 1),
  (207, 'Same Name 205', 'Success', 'collides once suffixed', 1, 1),
  (208, 'Supercalifragilisticexpialidocious and antidisestablishmentarianism',
   'Success', 'the identifier ends at a whole word', 1, 1),
  (209, 'Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultra',
   'Success', 'one word longer than an identifier may be', 1, 1),
  (300, 'Moved', 'Redirection', NULL, 1, 1),
  (301, 'Elsewhere', 'Redirection', NULL, 1, 1),
  (302, 'Found', 'Redirection', NULL, 1, 1),
  (303, 'Other', 'Redirection', NULL, 1, 1),
  (400, '??/' || char(10) || '??=??(??)??''??<??>??!??-"?', 'Client Error',
   NULL, 1, 1),
  (404, 'Not Found', 'Client Error', NULL, 0, 0),
  (413, 'Payload Too Large', 'Client Error', NULL, 1, 1),
  (418, 'I''m a teapot', 'Client Error', NULL, 0, NULL),
  (500, NULL, 'Server Error', 'no name', 1, NULL),
  (599, 'Zero-width' || char(0x200B) || 'space', 'Server Error', NULL, 0,
   NULL);

INSERT INTO canonical_reference (code, ord, document, section, url, claim,
                                 rule) VALUES
  (100, 1, 'RFC 7231', '6.2.1', 'http://tools.ietf.org/html/rfc7231#section-6.2.1', 0, 'test'),
  (101, 1, 'evil */ doc /* ??/' || char(10) || 'x \', 'a*/b', 'http://x/*/"y"', 0, 'test'),
  (101, 2, 'RFC %s%n', NULL, NULL, 0, 'test'),
  (103, 1, 'Doc, with "quotes"', '1; 2', NULL, 0, 'test'),
  (500, 2, 'RFC 2', '1.2', 'u2', 0, 'test'),
  (500, 1, 'RFC 1', NULL, 'u1', 0, 'test');

INSERT INTO canonical_alias (code, alias, claim) VALUES
  (102, 'Trailing \', 0),
  (200, 'Okay', 0),
  (200, 'OK!', 0),
  (200, 'O.K.', 0),
  (200, 'o k', 0),
  (300, 'Found', 0),
  (301, 'Gone Away', 0),
  (303, 'Gone-Away', 0),
  (413, 'Request Entity Too Large', 0),
  (413, 'map', 0),
  (418, 'I''m a Teapot', 0),
  (418, 'I am a teapot; "short, and stout"', 0);

INSERT INTO canonical_status (code, status, claim) VALUES
  (404, 'deprecated', 0),
  (404, 'unused', 0),
  (102, 'unofficial', NULL),
  (103, 'unofficial', NULL),
  (418, 'unofficial', NULL),
  (599, 'experimental', 0);

INSERT INTO canonical_source (code, source)
  SELECT code, 'hostile' FROM canonical;
INSERT INTO canonical_source (code, source)
  SELECT code, 'evil */ source /* ??/' FROM canonical WHERE code >= 400;

INSERT INTO conflict (code, field, kind, minor, value, claim) VALUES
  (404, 'name', 'name', 0, 'Not Found', 1),
  (404, 'name', 'name', 0, 'Missing', 2),
  (404, 'name', 'name-case', 1, 'not found', 3),
  (404, 'reference', 'reference', 0, 'RFC 1', 4),
  (418, 'name', 'duplicate', 0, 'x', 5);
