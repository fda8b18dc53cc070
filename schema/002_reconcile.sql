-- 002_reconcile.sql: what the reconciler (reconciler/) derives from the
-- claims: the distinct values sources give, each classified against the
-- registry's timeline and the RFC lineage; the findings (conflicts); the
-- registry's timeline; and one canonical record per code.  The policy that
-- fills these tables lives in reconciler/policy.c and is described in
-- README.md ("How the canonical value is chosen", "What each claim is").
--
-- An import updates the rows of the codes it touches, in its own
-- transaction; reading commands only read.

-- Which sources list which codes, with the source's rank: one row per
-- (code, source).  votes copies source.votes; trust is 1 for the
-- registry-like kinds (registry, specification, spec-index).  The
-- reconciler reads a code's sources best first, and only as far as it
-- must.
CREATE TABLE listing (
  code   INTEGER NOT NULL,
  source TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  rank   INTEGER NOT NULL,
  votes  INTEGER NOT NULL,
  trust  INTEGER NOT NULL,
  PRIMARY KEY (code, source)
) WITHOUT ROWID;
CREATE INDEX listing_by_source ON listing (source, code);
CREATE INDEX listing_by_rank ON listing (code, rank DESC, source)
  WHERE votes = 1;
CREATE INDEX listing_trusted ON listing (code, rank DESC, source)
  WHERE votes = 1 AND trust = 1;

-- One row per distinct name, and per distinct document cited, that any
-- source gives a code; claim.vid points here.  class:
--   current         what the registry says now (or, for a code no
--                   registry lists, the canonical value)
--   former          what an earlier version of the registry said, or a
--                   name a specification in the current reference's
--                   lineage gave it; since/until give the period
--   obsoleted       a document the current reference's document
--                   obsoletes (directly or through a chain), or that an
--                   earlier version of the registry cited; by: what
--                   replaced it
--   variant         differs from a current or former name only in case,
--                   spacing or punctuation
--   another-status  for a code the registry assigns, a name no version of
--                   it ever gave it (425 Unordered Collection)
--   unregistered    a name of a code the registry does not assign
--   conflict        anything else that differs
CREATE TABLE value (
  id      INTEGER PRIMARY KEY,
  code    INTEGER NOT NULL,
  field   TEXT NOT NULL,               -- 'name' or 'document'
  value   TEXT NOT NULL,
  claims  INTEGER NOT NULL DEFAULT 0,  -- claims giving it
  votes   INTEGER NOT NULL DEFAULT 0,  -- ... from voting sources
  class   TEXT,
  since   TEXT,                        -- dates: "2015-05-19", "2014-06"
  until   TEXT,
  by      TEXT,                        -- what replaced it, or the current
                                       -- value it is a variant of
  why     TEXT,                        -- the evidence, in words
  UNIQUE (code, field, value)
);

-- Disagreements a single source has with itself, found when it is stored:
--   link       a link whose label names another document (or section)
--              than its URL points to; value: the document
--   duplicate  the source lists the code twice with different values
CREATE TABLE source_issue (
  source TEXT NOT NULL REFERENCES source(name) ON DELETE CASCADE,
  code   INTEGER NOT NULL,
  field  TEXT NOT NULL,
  kind   TEXT NOT NULL,
  value  TEXT NOT NULL,
  claim  INTEGER NOT NULL
);
CREATE INDEX source_issue_by_code ON source_issue (code);
CREATE INDEX source_issue_by_source ON source_issue (source);

-- The conflicts: one row per (code, field, kind[, source]).  kind:
--   name       the sources give names that differ beyond case or
--              punctuation (values: value rows of field 'name')
--   name-case  they differ only in case or punctuation
--   reference  a source cites a document other than the current one
--   link, duplicate   see source_issue (source is set)
--   identifier a name gives a C identifier another code owns; the
--              reconciler gave it another one (see identifier)
-- minor: every value involved is current, former, obsoleted or a variant
-- (stale or cosmetic); a finding that is not minor is a real conflict.
-- (The key's columns come first, in its order: SQLite 3.40's
-- integrity_check misreads a WITHOUT ROWID table declared otherwise.)
CREATE TABLE finding (
  code   INTEGER NOT NULL,
  kind   TEXT NOT NULL,
  field  TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',     -- link, duplicate: the source
  minor  INTEGER NOT NULL,
  PRIMARY KEY (code, kind, field, source)
) WITHOUT ROWID;

-- The registry's timeline: for each code, the periods over which its
-- versions gave it the same name, notes and references.  until is the
-- version that changed it (NULL: still so in the newest version); a code
-- the registry stopped listing has a last period with name NULL.
CREATE TABLE timeline (
  series     TEXT NOT NULL,
  code       INTEGER NOT NULL,
  since      TEXT NOT NULL,            -- version date
  until      TEXT,
  name       TEXT,                     -- NULL: not listed (or unnamed)
  notes      TEXT,                     -- "; "-joined
  refs       TEXT,                     -- "RFC 9110, Section 15.5.14; ..."
  first      TEXT NOT NULL,            -- the version source that starts it
  PRIMARY KEY (series, code, since)
) WITHOUT ROWID;

-- One canonical record per code any source lists.  *_claim is the claim
-- (claim.id) a value was taken from; *_rule says why (README: "How the
-- canonical value is chosen").
CREATE TABLE canonical (
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
  registered        INTEGER,            -- 1: the registry lists it; 0: it is
                                        -- in the registry's unassigned
                                        -- ranges; NULL: no registry says
  ident             TEXT                -- C identifier suffix ("NOT_FOUND")
);

-- The documents that define a code, in order.
CREATE TABLE canonical_reference (
  code     INTEGER NOT NULL,
  ord      INTEGER NOT NULL,            -- 1, 2, ...
  document TEXT NOT NULL,               -- "RFC 7231"
  section  TEXT,                        -- "6.5.11"
  url      TEXT,                        -- a link to it, when a source has one
  claim    INTEGER NOT NULL,
  rule     TEXT NOT NULL,
  PRIMARY KEY (code, ord)
) WITHOUT ROWID;

-- The names a code officially had before (former names), and the
-- registry's current name when a higher-ranked source gives another.
CREATE TABLE canonical_alias (
  code       INTEGER NOT NULL,
  alias      TEXT NOT NULL,
  since      TEXT,
  until      TEXT,                      -- NULL: current
  by         TEXT,                      -- what replaced it, or the evidence
  claim      INTEGER NOT NULL,          -- the claim that shows it
  ident      TEXT,                      -- its C identifier suffix, NULL when
                                        -- it makes none of its own
  deprecated INTEGER NOT NULL,          -- 1: a former name (until is set)
  PRIMARY KEY (code, alias)
) WITHOUT ROWID;

-- Statuses: unused, deprecated, experimental, unofficial, obsoleted,
-- temporary.
CREATE TABLE canonical_status (
  code   INTEGER NOT NULL,
  status TEXT NOT NULL,
  claim  INTEGER,                       -- the note stating it; NULL for
                                        -- 'unofficial' when no registry-like
                                        -- source lists the code
  PRIMARY KEY (code, status)
) WITHOUT ROWID;

-- C identifiers given away: each suffix means one code, for good (public
-- API).  note says what was done when a name's suffix was taken.
CREATE TABLE identifier (
  ident  TEXT PRIMARY KEY,              -- "REQUEST_URI_TOO_LONG"
  code   INTEGER NOT NULL,
  name   TEXT,                          -- the phrase it comes from
  alias  INTEGER NOT NULL,              -- 1: an alias's
  note   TEXT
) WITHOUT ROWID;
