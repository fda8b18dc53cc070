-- 002_reconcile.sql: how the claims are compared, and what the reconciler
-- settles.  Views group the claims; the reconciler (reconciler/reconcile.c)
-- fills the conflict and canonical_* tables from them after every import,
-- in the import's transaction.  The views call statusdb_key(), which
-- statusdb registers on its connections (cli/db.c): the lowercase letters
-- and digits of a name, so "I'm a teapot" and "I'm a Teapot" share a key.

-- Which status a note states.  A note matches when lower(value) LIKE
-- pattern; notes matching nothing (e.g. "since HTTP/1.1") state no status.
CREATE TABLE IF NOT EXISTS note_status (
  pattern TEXT NOT NULL,
  status  TEXT NOT NULL CHECK (status IN ('unused', 'deprecated',
          'experimental', 'unofficial', 'obsoleted', 'temporary')),
  PRIMARY KEY (pattern, status)
);
INSERT OR IGNORE INTO note_status (pattern, status) VALUES
  ('%unused%', 'unused'),
  ('%deprecated%', 'deprecated'),
  ('%discontinued%', 'deprecated'),
  ('%experimental%', 'experimental'),
  ('%obsolete%', 'obsoleted'),
  ('%temporary%', 'temporary'),
  ('%extension', 'unofficial'),
  ('%unofficial%', 'unofficial'),
  ('%non-standard%', 'unofficial');

-- Registry-like sources: the registry, a specification, or a list citing a
-- specification for every code.  A code none of them lists is unofficial.
CREATE VIEW IF NOT EXISTS registry_like AS
  SELECT name FROM source
  WHERE kind IN ('registry', 'specification', 'spec-index');

-- The documents each row of a source cites for its code: the documents its
-- visible labels name, or, for a row with links but no label naming a
-- document (a code linking to its RFC section), what the links point to.
CREATE VIEW IF NOT EXISTS cited AS
  SELECT c.id AS claim, c.source, c.entry, c.code, c.value AS document,
         c.section, c.field
  FROM claim c
  WHERE c.field = 'reference'
     OR (c.field = 'reference_target' AND NOT EXISTS (
           SELECT 1 FROM claim r
           WHERE r.source = c.source AND r.entry = c.entry
             AND r.field = 'reference'));

-- Every claim behind every conflict, one row each.  kind:
--   name       different reason phrases for one code
--   name-case  phrases that differ only in case, spacing or punctuation
--              (minor)
--   reference  two sources citing no document in common for one code
--   link       a link whose label names another document, or another
--              section, than its URL points to
--   duplicate  one source listing a code twice with different values
CREATE VIEW IF NOT EXISTS conflict_row AS
  SELECT c.code, 'name' AS field, 'name' AS kind, 0 AS minor, c.value,
         c.id AS claim
  FROM claim c
  WHERE c.field = 'name' AND c.code IN (
    SELECT code FROM claim WHERE field = 'name'
    GROUP BY code HAVING count(DISTINCT statusdb_key(value)) > 1)
UNION ALL
  SELECT c.code, 'name', 'name-case', 1, c.value, c.id
  FROM claim c
  JOIN (SELECT code, statusdb_key(value) AS k FROM claim WHERE field = 'name'
        GROUP BY code, k HAVING count(DISTINCT value) > 1) g
    ON g.code = c.code AND g.k = statusdb_key(c.value)
  WHERE c.field = 'name'
UNION ALL
  SELECT x.code, 'reference', 'reference', 0, x.document, x.claim
  FROM cited x
  WHERE x.code IN (
    SELECT a.code
    FROM (SELECT DISTINCT source, code FROM cited) a
    JOIN (SELECT DISTINCT source, code FROM cited) b
      ON a.code = b.code AND a.source < b.source
    WHERE NOT EXISTS (
      SELECT 1 FROM cited p JOIN cited q ON p.document = q.document
      WHERE p.source = a.source AND p.code = a.code
        AND q.source = b.source AND q.code = a.code))
UNION ALL
  SELECT c.code, 'reference', 'link', 0,
         c.value || CASE WHEN c.section IS NULL THEN ''
                         ELSE ', Section ' || c.section END,
         c.id
  FROM claim c
  WHERE c.link IS NOT NULL
    AND c.field IN ('reference', 'reference_target')
    AND EXISTS (SELECT 1 FROM claim l WHERE l.source = c.source
                AND l.link = c.link AND l.field = 'reference')
    AND EXISTS (SELECT 1 FROM claim t WHERE t.source = c.source
                AND t.link = c.link AND t.field = 'reference_target')
    AND NOT EXISTS (
      SELECT 1 FROM claim l JOIN claim t
        ON t.source = l.source AND t.link = l.link
      WHERE l.source = c.source AND l.link = c.link
        AND l.field = 'reference' AND t.field = 'reference_target'
        AND ((l.value = t.value
              AND (l.section IS NULL OR t.section IS NULL OR l.section = t.section))
             -- a URL naming no document contradicts no label
             OR t.value = t.url))
UNION ALL
  SELECT c.code, c.field, 'duplicate', 0, c.value, c.id
  FROM claim c
  JOIN (SELECT source, code, field FROM claim
        WHERE field IN ('name', 'description')
        GROUP BY source, code, field
        HAVING count(DISTINCT entry) > 1 AND count(DISTINCT value) > 1) g
    ON g.source = c.source AND g.code = c.code AND g.field = c.field;

-- The conflicts found by the last reconciliation: conflict_row, stored.
-- One conflict is a (code, field, kind); each row one claim behind a value.
CREATE TABLE IF NOT EXISTS conflict (
  code  INTEGER NOT NULL,
  field TEXT NOT NULL,
  kind  TEXT NOT NULL,
  minor INTEGER NOT NULL,               -- 1: name-case
  value TEXT NOT NULL,
  claim INTEGER NOT NULL,               -- claim.id
  UNIQUE (code, kind, field, value, claim)
);

-- One canonical record per code any source lists.  *_claim is the claim
-- (claim.id) a value was taken from; *_rule says why (README: "How the
-- canonical value is chosen").
CREATE TABLE IF NOT EXISTS canonical (
  code              INTEGER PRIMARY KEY,
  name              TEXT,               -- NULL when no source names it
  name_claim        INTEGER,
  name_rule         TEXT,
  class             TEXT NOT NULL,      -- Informational, Success,
                                        -- Redirection, Client Error,
                                        -- Server Error (from the code)
  description       TEXT,
  description_claim INTEGER,
  description_rule  TEXT,
  official          INTEGER NOT NULL,   -- 1: a registry-like source lists it
  registered        INTEGER             -- 1: a registry lists it; 0: it is
                                        -- in a registry's unassigned range;
                                        -- NULL: no registry says
);

-- The documents that define a code, in order.
CREATE TABLE IF NOT EXISTS canonical_reference (
  code     INTEGER NOT NULL,
  ord      INTEGER NOT NULL,            -- 1, 2, ...
  document TEXT NOT NULL,               -- "RFC 7231"
  section  TEXT,                        -- "6.5.11"
  url      TEXT,                        -- a link to it, when a source has one
  claim    INTEGER NOT NULL,
  rule     TEXT NOT NULL,
  PRIMARY KEY (code, ord),
  UNIQUE (code, document)
);

-- Other names sources give a code: superseded or unofficial phrases.
CREATE TABLE IF NOT EXISTS canonical_alias (
  code  INTEGER NOT NULL,
  alias TEXT NOT NULL,
  claim INTEGER NOT NULL,               -- the highest-ranked claim of it
  PRIMARY KEY (code, alias)
);

-- Status notes: unused, deprecated, experimental, unofficial, obsoleted,
-- temporary.
CREATE TABLE IF NOT EXISTS canonical_status (
  code   INTEGER NOT NULL,
  status TEXT NOT NULL,
  claim  INTEGER,                       -- the note stating it; NULL for
                                        -- 'unofficial' when no registry-like
                                        -- source lists the code
  PRIMARY KEY (code, status)
);

-- The sources that list a code.
CREATE TABLE IF NOT EXISTS canonical_source (
  code   INTEGER NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY (code, source)
);
