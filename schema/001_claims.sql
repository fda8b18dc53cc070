-- 001_claims.sql: the sources and every value they state.
--
-- This file, with the others in schema/, is the single source of truth for
-- the database's shape: statusdb embeds them at build time and applies them
-- in file-name order to a new database.  The version is PRAGMA user_version
-- (set by the last file); a database of another version is refused.
--
-- Text from sources reaches these tables only through bound parameters.
-- A source's rows name it (REFERENCES source ... ON DELETE CASCADE says
-- how they relate).  statusdb stores them with foreign keys not enforced:
-- it inserts them after their source and deletes them with it itself
-- (store.c), so PRAGMA foreign_key_check finds nothing (tests/t25).
-- Everything here is written by "statusdb import" and "statusdb build" in
-- one transaction per command, and read back as untrusted data.

-- One row per imported source.  A source named SERIES@VERSION (such as
-- iana@2025-09-15) is one version of the series SERIES: the versions of a
-- series share kind and rank, its newest version votes (stands for the
-- series in conflicts, coverage and the canonical records), and the older
-- ones make its timeline.
CREATE TABLE source (
  name     TEXT PRIMARY KEY,          -- short name, from the manifest or --name
  series   TEXT,                      -- SERIES of SERIES@VERSION, else NULL
  file     TEXT NOT NULL,             -- path as imported, used in provenance
  format   TEXT NOT NULL,             -- importer: mediawiki, gfm-table, ...
  kind     TEXT NOT NULL DEFAULT 'community'
           CHECK (kind = 'registry' OR kind = 'specification' OR
                  kind = 'spec-index' OR kind = 'community' OR
                  kind = 'documents'),
  rank     INTEGER NOT NULL DEFAULT 0, -- authority: higher wins (reconciler)
  origin   TEXT,                      -- what the list is, where it came from
  version  TEXT,                      -- VERSION of SERIES@VERSION, or what
                                      -- the file says (a registry's
                                      -- <updated> date)
  votes    INTEGER NOT NULL DEFAULT 1, -- 0: an older version of its series
  entries  INTEGER NOT NULL,          -- rows (codes or ranges) read
  bytes    INTEGER NOT NULL           -- size of the file imported
);
CREATE INDEX source_by_series ON source (series) WHERE series IS NOT NULL;

-- One row per value a source states about a code.  Provenance: the raw
-- text stands in `file` from line:column to end_line:end_column (1-based;
-- columns count bytes; the end is the last byte, inclusive).
-- (CHECKs are OR chains, not IN lists: SQLite builds a temporary table for
-- an IN list on every row inserted.)
CREATE TABLE claim (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  entry      INTEGER NOT NULL,        -- 1-based row of the source it is from
  code       INTEGER NOT NULL CHECK (code BETWEEN 100 AND 599),
  field      TEXT NOT NULL CHECK (field = 'name' OR field = 'note' OR
             field = 'description' OR field = 'reference' OR
             field = 'reference_target' OR field = 'class' OR
             field = 'identifier'),
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
  end_column INTEGER NOT NULL,
  vid        INTEGER                  -- value.id of a name or a document
                                      -- cited (reference, or a target naming
                                      -- a document); NULL for other fields
);
-- entry too: the reconciler reads a source's first row of a code in
-- order and stops there, with no sort
CREATE INDEX claim_by_source ON claim (source, code, entry);
CREATE INDEX claim_by_value ON claim (vid) WHERE vid IS NOT NULL;

-- Ranges of codes a registry gives one value, such as "105-199 Unassigned".
CREATE TABLE code_range (
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
CREATE INDEX code_range_by_source ON code_range (source);

-- What a document index (the RFC Editor's rfc-index.txt, format
-- rfc-index, kind documents) states about each document, with the same
-- provenance as a claim.  field: title, date ("2022-06" or "1990-04-01"),
-- status ("PROPOSED STANDARD", "NOT ISSUED"), and the relations
-- obsoletes, obsoleted-by, updates, updated-by, whose value is the other
-- document ("RFC 7231").
CREATE TABLE doc_claim (
  id         INTEGER PRIMARY KEY,
  source     TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  document   TEXT NOT NULL,           -- "RFC 9110"
  field      TEXT NOT NULL CHECK (field = 'title' OR field = 'date' OR
             field = 'status' OR field = 'obsoletes' OR
             field = 'obsoleted-by' OR field = 'updates' OR
             field = 'updated-by'),
  value      TEXT NOT NULL,
  raw        TEXT NOT NULL,
  line       INTEGER NOT NULL,
  "column"   INTEGER NOT NULL,
  end_line   INTEGER NOT NULL,
  end_column INTEGER NOT NULL
);
CREATE INDEX doc_claim_by_document ON doc_claim (document, field);
CREATE INDEX doc_claim_obsoletes ON doc_claim (value)
  WHERE field = 'obsoletes';
CREATE INDEX doc_claim_by_source ON doc_claim (source);
