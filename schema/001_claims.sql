-- 001_claims.sql: the sources and every value they state.
--
-- This file, with the others in schema/, is the single source of truth for
-- the database's shape: statusdb embeds them at build time and applies them
-- in file-name order to a new database.  The version is PRAGMA user_version
-- (set by the last file); a database of another version is refused.

-- One row per imported source.
CREATE TABLE IF NOT EXISTS source (
  name     TEXT PRIMARY KEY,          -- short name, from the manifest or --name
  file     TEXT NOT NULL,             -- path as imported, used in provenance
  format   TEXT NOT NULL,             -- importer: mediawiki, gfm-table, ...
  kind     TEXT NOT NULL DEFAULT 'community'
           CHECK (kind IN ('registry', 'specification', 'spec-index', 'community')),
  rank     INTEGER NOT NULL DEFAULT 0, -- authority: higher wins (reconciler)
  origin   TEXT,                      -- what the list is, where it came from
  version  TEXT,                      -- e.g. a registry's <updated> date
  entries  INTEGER NOT NULL,          -- rows (codes or ranges) read
  bytes    INTEGER NOT NULL           -- size of the file imported
);

-- One row per value a source states about a code.  Provenance: the raw
-- text stands in `file` from line:column to end_line:end_column (1-based;
-- columns count bytes; the end is the last byte, inclusive).
CREATE TABLE IF NOT EXISTS claim (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  entry      INTEGER NOT NULL,        -- 1-based row of the source it is from
  code       INTEGER NOT NULL CHECK (code BETWEEN 100 AND 599),
  field      TEXT NOT NULL CHECK (field IN ('name', 'note', 'description',
             'reference', 'reference_target', 'class', 'identifier')),
  value      TEXT NOT NULL,           -- normalized: markup stripped, entities
                                      -- decoded, whitespace folded; for
                                      -- references the document ("RFC 7231")
  section    TEXT,                    -- reference(_target): "6.5.11"
  url        TEXT,                    -- reference_target: the link's URL,
                                      -- decoded (raw has it as written)
  link       INTEGER,                 -- number of the link (in its source) the
                                      -- claim is from: a link's label
                                      -- (reference) and URL (reference_target)
                                      -- share it; NULL when not from a link
  raw        TEXT NOT NULL,           -- the text exactly as in the file
  line       INTEGER NOT NULL,
  "column"   INTEGER NOT NULL,
  end_line   INTEGER NOT NULL,
  end_column INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_by_code ON claim (code, field, source);
CREATE INDEX IF NOT EXISTS claim_by_entry ON claim (source, entry, field);
CREATE INDEX IF NOT EXISTS claim_by_link ON claim (source, link)
  WHERE link IS NOT NULL;

-- Ranges of codes a registry gives one value, such as "105-199 Unassigned".
CREATE TABLE IF NOT EXISTS code_range (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  first      INTEGER NOT NULL,
  last       INTEGER NOT NULL CHECK (last >= first),
  value      TEXT NOT NULL,
  raw        TEXT NOT NULL,
  line       INTEGER NOT NULL,
  "column"   INTEGER NOT NULL,
  end_line   INTEGER NOT NULL,
  end_column INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS code_range_by_source ON code_range (source);
