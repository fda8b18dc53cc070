/*
 * store.c - storing sources in one transaction per command (see store.h).
 */
#include "store.h"
#include "issues.h"
#include "../common/util.h"
#include "../reconciler/reconcile.h"

#include <stdio.h>
#include <string.h>

/* The statements, prepared once per command. */
enum {
	ST_SOURCE_OLD,		/* the source as stored before, if it was */
	ST_SOURCE_VALUES,	/* its claims per value, to take them off */
	ST_SOURCE_CODES,	/* the codes it listed */
	ST_DELETE_CLAIMS,	/* a source's rows, children first */
	ST_DELETE_RANGES,
	ST_DELETE_DOCS,
	ST_DELETE_LISTINGS,
	ST_DELETE_ISSUES,
	ST_SOURCE_DELETE,
	ST_SOURCE_INSERT,
	ST_CLAIM,
	ST_RANGE,
	ST_DOC,
	ST_LISTING,
	ST_ISSUE,
	ST_VALUE_FIND,
	ST_VALUE_INSERT,
	ST_VALUE_ADD,
	ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	"SELECT kind, series, votes FROM source WHERE name = ?1",
	"SELECT vid, count(*) FROM claim WHERE source = ?1 AND vid IS NOT NULL"
	" GROUP BY vid",
	"SELECT code FROM listing WHERE source = ?1",
	"DELETE FROM claim WHERE source = ?1",
	"DELETE FROM code_range WHERE source = ?1",
	"DELETE FROM doc_claim WHERE source = ?1",
	"DELETE FROM listing WHERE source = ?1",
	"DELETE FROM source_issue WHERE source = ?1",
	"DELETE FROM source WHERE name = ?1",
	"INSERT INTO source (name, series, file, format, kind, rank, origin,"
	" version, votes, entries, bytes)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	"INSERT INTO claim (source, entry, code, field, value, section, url,"
	" link, raw, line, \"column\", end_line, end_column, vid)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	"INSERT INTO code_range (source, first, last, value, raw, line,"
	" \"column\", end_line, end_column)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"INSERT INTO doc_claim (source, document, field, value, raw, line,"
	" \"column\", end_line, end_column)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	"INSERT INTO listing (code, source, rank, votes, trust)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO source_issue (source, code, field, kind, value, claim)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	"SELECT id FROM value WHERE code = ?1 AND field = ?2 AND value = ?3",
	"INSERT INTO value (code, field, value) VALUES (?1, ?2, ?3)",
	"UPDATE value SET claims = claims + ?2, votes = votes + ?3 WHERE id = ?1",
};

/* A value seen by this command: its id and what the command adds. */
struct vslot {
	int code;
	int field;		/* 0: name, 1: document */
	char *text;		/* owned; NULL: an empty slot */
	unsigned hash;
	sqlite3_int64 id;
	int dclaims, dvotes;
};

struct sdb_store {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	int rebuild;		/* the command's sources are the only ones */
	int bulk;		/* no claim is stored yet: indexes dropped,
				   no value to look up */
	int committed;
	unsigned char touched[600];	/* codes whose records change */
	int all;		/* every code changes (the lineage did) */
	struct vslot *slots;	/* open addressing, a power of two */
	size_t nslots, used;
	char **series;		/* series touched, owned */
	size_t nseries, series_alloc;
	char **indexes;		/* CREATE INDEX statements to run again */
	size_t nindexes;
};

static const char *const value_fields[] = { "name", "document" };

static unsigned hash_of(int code, int field, const char *s)
{
	unsigned h = 2166136261u ^ (unsigned)code ^ ((unsigned)field << 12);

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void slots_grow(struct sdb_store *s)
{
	struct vslot *old = s->slots;
	size_t n = s->nslots, i;

	s->nslots = n ? n * 2 : 1024;
	s->slots = sdb_xcalloc(s->nslots, sizeof(*s->slots));
	for (i = 0; i < n; i++) {
		size_t j;

		if (!old[i].text)
			continue;
		for (j = old[i].hash & (s->nslots - 1); s->slots[j].text;
		     j = (j + 1) & (s->nslots - 1))
			;
		s->slots[j] = old[i];
	}
	free(old);
}

/*
 * The value (code, field, text): its slot, found in this command's table,
 * else in the database, else inserted.  Returns NULL on a database error.
 */
static struct vslot *value_slot(struct sdb_store *s, int code, int field,
				const char *text, struct sdb_error *err)
{
	unsigned h = hash_of(code, field, text);
	struct vslot *v;
	size_t j;
	int rc;

	if (2 * (s->used + 1) > s->nslots)
		slots_grow(s);
	for (j = h & (s->nslots - 1); s->slots[j].text; j = (j + 1) & (s->nslots - 1)) {
		v = &s->slots[j];
		if (v->hash == h && v->code == code && v->field == field &&
		    !strcmp(v->text, text))
			return v;
	}
	v = &s->slots[j];
	v->id = 0;
	if (!s->bulk) {
		sqlite3_stmt *st = s->st[ST_VALUE_FIND];

		sqlite3_bind_int(st, 1, code);
		sqlite3_bind_text(st, 2, value_fields[field], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			v->id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			sdb_db_error(s->db, err, "cannot read values");
			return NULL;
		}
	}
	if (!v->id) {
		sqlite3_stmt *st = s->st[ST_VALUE_INSERT];

		sqlite3_bind_int(st, 1, code);
		sqlite3_bind_text(st, 2, value_fields[field], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		if (sdb_db_step_done(st)) {
			sdb_db_error(s->db, err, "cannot store values");
			return NULL;
		}
		v->id = sqlite3_last_insert_rowid(s->db);
	}
	v->code = code;
	v->field = field;
	v->hash = h;
	v->text = sdb_xstrdup(text);
	v->dclaims = v->dvotes = 0;
	s->used++;
	return v;
}

/*
 * Which value a claim gives: 0 a name, 1 a document (a reference's
 * label, or a target naming an RFC or a draft), -1 none.
 */
static int value_field(const struct sdb_claim *c)
{
	if (c->field == SDB_FIELD_NAME)
		return 0;
	if (c->field == SDB_FIELD_REFERENCE)
		return 1;
	if (c->field == SDB_FIELD_REFERENCE_TARGET &&
	    (!strncmp(c->value, "RFC ", 4) || !strncmp(c->value, "draft-", 6)))
		return 1;
	return -1;
}

int sdb_kind_valid(const char *kind)
{
	static const char *const kinds[] = {
		"registry", "specification", "spec-index", "community",
		"documents", NULL
	};
	size_t i;

	for (i = 0; kinds[i]; i++)
		if (!strcmp(kinds[i], kind))
			return 1;
	return 0;
}

static int is_date(const char *v)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? v[i] != '-' : !(v[i] >= '0' && v[i] <= '9'))
			return 0;
	return v[10] == '\0' && !(v[5] == '0' && v[6] == '0') &&
	       !(v[8] == '0' && v[9] == '0') && (v[5] < '1' || v[6] <= '2') &&
	       v[8] <= '3';
}

int sdb_source_name_check(const char *name, const char **why)
{
	const char *at = strchr(name, '@'), *p;

	if (!*name) {
		*why = "a source name cannot be empty";
		return -1;
	}
	if (strlen(name) > 200) {
		*why = "a source name is at most 200 bytes";
		return -1;
	}
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F) {
			*why = "a source name cannot hold control characters";
			return -1;
		}
	if (at && (at == name || strchr(at + 1, '@') || !is_date(at + 1))) {
		*why = "a name with '@' is SERIES@VERSION, VERSION a date "
		       "such as 2025-09-15";
		return -1;
	}
	return 0;
}

static void touch_series(struct sdb_store *s, const char *series)
{
	size_t i;

	for (i = 0; i < s->nseries; i++)
		if (!strcmp(s->series[i], series))
			return;
	sdb_grow_array((void **)&s->series, &s->series_alloc, s->nseries + 1,
		       sizeof(*s->series));
	s->series[s->nseries++] = sdb_xstrdup(series);
}

/*
 * Drops the indexes of the claims and the sources' issues for a load
 * into empty tables; finish() creates them again, sorting once instead of
 * inserting into B-trees row by row.
 */
static int drop_indexes(struct sdb_store *s, struct sdb_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0, i;
	int rc;

	if (sdb_db_prepare(s->db, "SELECT name, sql FROM sqlite_master WHERE"
			   " type = 'index' AND (tbl_name = 'claim' OR"
			   " tbl_name = 'source_issue') AND sql IS NOT NULL"
			   " ORDER BY name", &st, err))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sdb_grow_array((void **)&s->indexes, &alloc, s->nindexes + 1,
			       sizeof(*s->indexes));
		s->indexes[s->nindexes++] = sdb_xstrdup(sdb_col(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sdb_db_error(s->db, err, "cannot read the schema");
	for (i = 0; i < s->nindexes; i++) {
		/* "CREATE INDEX name ON ..." -> "DROP INDEX name" */
		char name[128];
		struct sdb_buf b = SDB_BUF_INIT;

		if (sscanf(s->indexes[i], "CREATE INDEX %127s", name) != 1)
			return sdb_db_corrupt(s->db, err, "an index");
		sdb_buf_addf(&b, "DROP INDEX \"%s\"", name);
		rc = sdb_db_exec(s->db, b.s, err);
		sdb_buf_release(&b);
		if (rc)
			return -1;
	}
	return 0;
}

struct sdb_store *sdb_store_begin(sqlite3 *db, int rebuild,
				  struct sdb_error *err)
{
	struct sdb_store *s = sdb_xcalloc(1, sizeof(*s));
	size_t i;

	s->db = db;
	s->rebuild = rebuild;
	if (sdb_db_exec(db, "BEGIN IMMEDIATE", err)) {
		free(s);
		return NULL;
	}
	for (i = 0; i < ST_COUNT; i++)
		if (sdb_db_prepare(db, sql[i], &s->st[i], err))
			goto fail;
	if (rebuild) {
		/* children first: the unconditional DELETEs truncate */
		if (sdb_db_exec(db, "DELETE FROM claim; DELETE FROM code_range;"
				" DELETE FROM doc_claim; DELETE FROM listing;"
				" DELETE FROM source_issue; DELETE FROM value;"
				" DELETE FROM source;", err))
			goto fail;
		s->all = 1;
		s->bulk = 1;
	} else {
		/* an import into a database without claims loads as build does */
		sqlite3_stmt *st;
		int rc;

		if (sdb_db_prepare(db, "SELECT count(*) FROM (SELECT 1 FROM claim"
				   " LIMIT 1)", &st, err))
			goto fail;
		rc = sqlite3_step(st);
		s->bulk = rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW) {
			sdb_db_error(db, err, "cannot read claims");
			goto fail;
		}
	}
	if (s->bulk && drop_indexes(s, err))
		goto fail;
	return s;
fail:
	sdb_store_release(s);
	return NULL;
}

/* Takes the source called name out, if it was stored. */
static int unstore(struct sdb_store *s, const char *name, struct sdb_error *err)
{
	sqlite3_stmt *st = s->st[ST_SOURCE_OLD];
	int rc, i, votes = 0, found = 0;

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found = 1;
		if (!strcmp(sdb_col(st, 0), "documents"))
			s->all = 1;
		if (sdb_col(st, 1))
			touch_series(s, sdb_col(st, 1));
		votes = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sdb_db_error(s->db, err, "cannot read the sources");
	if (!found)
		return 0;
	/* its claims come off their values' counts */
	st = s->st[ST_SOURCE_VALUES];
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_stmt *add = s->st[ST_VALUE_ADD];
		int n = sqlite3_column_int(st, 1);

		sqlite3_bind_int64(add, 1, sqlite3_column_int64(st, 0));
		sqlite3_bind_int(add, 2, -n);
		sqlite3_bind_int(add, 3, votes ? -n : 0);
		if (sdb_db_step_done(add))
			break;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sdb_db_error(s->db, err, "cannot update values");
	st = s->st[ST_SOURCE_CODES];
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int code = sqlite3_column_int(st, 0);

		if (code < 100 || code > 599) {
			sqlite3_reset(st);
			return sdb_db_corrupt(s->db, err, "a listing of code "
					      "outside 100..599");
		}
		s->touched[code] = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sdb_db_error(s->db, err, "cannot read the listings");
	/*
	 * Its claims, ranges, documents, listings and issues go with it,
	 * deleted here: the schema's ON DELETE CASCADE would do it only with
	 * foreign keys enforced, which costs a lookup per row stored (see
	 * sdb_db_open()).
	 */
	for (i = ST_DELETE_CLAIMS; i <= ST_SOURCE_DELETE; i++) {
		sqlite3_bind_text(s->st[i], 1, name, -1, SQLITE_STATIC);
		if (sdb_db_step_done(s->st[i]))
			return sdb_db_error(s->db, err, "cannot replace the source");
	}
	return 0;
}

static int bind_span(sqlite3_stmt *st, int i, const struct sdb_input *in,
		     size_t start, size_t end)
{
	struct sdb_pos a = sdb_input_pos(in, start);
	struct sdb_pos b = sdb_input_pos(in, end > start ? end - 1 : start);

	/* raw text: bytes of the file between the two positions */
	if (sqlite3_bind_text(st, i, in->text + start, (int)(end - start),
			      SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int(st, i + 1, a.line) != SQLITE_OK ||
	    sqlite3_bind_int(st, i + 2, a.column) != SQLITE_OK ||
	    sqlite3_bind_int(st, i + 3, b.line) != SQLITE_OK ||
	    sqlite3_bind_int(st, i + 4, b.column) != SQLITE_OK)
		return -1;
	return 0;
}

/*
 * The claims' indexes in the order they are stored: by code, and in the
 * file's order within a code (a counting sort: stable, linear).  Every
 * index on the claims then grows at its end, or near it.
 */
static size_t *by_code(const struct sdb_claims *c)
{
	size_t *order = sdb_xmalloc((c->n ? c->n : 1) * sizeof(*order));
	size_t start[601] = { 0 }, i;

	for (i = 0; i < c->n; i++)
		start[c->v[i].code - 100 + 1]++;
	for (i = 1; i <= 600; i++)
		start[i] += start[i - 1];
	for (i = 0; i < c->n; i++)
		order[start[c->v[i].code - 100]++] = i;
	return order;
}

int sdb_store_source(struct sdb_store *s, const struct sdb_source_meta *m,
		     const struct sdb_input *in, const struct sdb_claims *c,
		     struct sdb_error *err)
{
	sqlite3_stmt *st;
	const char *why, *at = strchr(m->name, '@');
	char *series = at ? sdb_xstrndup(m->name, (size_t)(at - m->name)) : NULL;
	const char *version = at ? at + 1 : c->version;
	sqlite3_int64 *ids = NULL;
	unsigned char *listed = NULL;
	size_t i, k, *order = NULL;
	int rc = -1;

	rc = SDB_STORE_EINPUT;
	if (sdb_source_name_check(m->name, &why)) {
		sdb_error_at_pos(err, in->path, 0, 0, "source name '%s': %s",
				 m->name, why);
		goto out;
	}
	if (!sdb_kind_valid(m->kind)) {
		sdb_error_at_pos(err, in->path, 0, 0, "unknown kind '%s'",
				 m->kind);
		goto out;
	}
	if (at && c->version && strcmp(c->version, at + 1)) {
		sdb_error_at_pos(err, in->path, 0, 0,
			"the file says it is version %s, but its source name "
			"'%s' says %s", c->version, m->name, at + 1);
		goto out;
	}
	if (!c->ndocs != !!strcmp(m->kind, "documents")) {
		sdb_error_at_pos(err, in->path, 0, 0, c->ndocs
			? "a document index is a source of kind 'documents', "
			  "not '%s'"
			: "a source of kind '%s' lists documents, not status "
			  "codes: this file lists status codes", m->kind);
		goto out;
	}
	rc = -1;
	if (!s->rebuild && unstore(s, m->name, err))
		goto out;
	if (series)
		touch_series(s, series);
	if (c->ndocs)
		s->all = 1;
	st = s->st[ST_SOURCE_INSERT];
	if (sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC) ||
	    sdb_bind_text(st, 2, series) || sdb_bind_text(st, 3, in->path) ||
	    sdb_bind_text(st, 4, m->format) || sdb_bind_text(st, 5, m->kind) ||
	    sqlite3_bind_int(st, 6, m->rank) || sdb_bind_text(st, 7, m->origin) ||
	    sdb_bind_text(st, 8, version) ||
	    sqlite3_bind_int(st, 9, series ? 0 : 1) ||
	    sqlite3_bind_int(st, 10, c->entries) ||
	    sqlite3_bind_int64(st, 11, (sqlite3_int64)in->size) || sdb_db_step_done(st)) {
		sdb_db_error(s->db, err, "cannot store the source");
		goto out;
	}
	ids = sdb_xmalloc((c->n ? c->n : 1) * sizeof(*ids));
	listed = sdb_xcalloc(600, 1);
	for (i = 0; i < c->n; i++)
		if (c->v[i].code < 100 || c->v[i].code > 599) {
			sdb_error_at(err, in, c->v[i].start,
				     "code %d out of range", c->v[i].code);
			goto out;
		}
	order = by_code(c);
	st = s->st[ST_CLAIM];
	for (k = 0; k < c->n; k++) {
		const struct sdb_claim *cl = &c->v[order[k]];
		struct vslot *v = NULL;
		int field = value_field(cl);

		i = order[k];
		if (field >= 0 && !(v = value_slot(s, cl->code, field,
						   cl->value, err)))
			goto out;
		if (v) {
			v->dclaims++;
			v->dvotes += !series;
		}
		if (sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC) ||
		    sqlite3_bind_int(st, 2, cl->entry) ||
		    sqlite3_bind_int(st, 3, cl->code) ||
		    sqlite3_bind_text(st, 4, sdb_field_name(cl->field), -1,
				      SQLITE_STATIC) ||
		    sqlite3_bind_text(st, 5, cl->value, -1, SQLITE_STATIC) ||
		    sdb_bind_text(st, 6, cl->section) ||
		    sdb_bind_text(st, 7, cl->url) ||
		    (cl->link ? sqlite3_bind_int(st, 8, cl->link)
			      : sqlite3_bind_null(st, 8)) ||
		    bind_span(st, 9, in, cl->start, cl->end) ||
		    (v ? sqlite3_bind_int64(st, 14, v->id)
		       : sqlite3_bind_null(st, 14)) ||
		    sdb_db_step_done(st)) {
			sdb_db_error(s->db, err, "cannot store claims");
			goto out;
		}
		ids[i] = sqlite3_last_insert_rowid(s->db);
		listed[cl->code] = 1;
	}
	st = s->st[ST_LISTING];
	for (i = 100; i < 600; i++) {
		if (!listed[i])
			continue;
		s->touched[i] = 1;
		if (sqlite3_bind_int(st, 1, (int)i) ||
		    sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC) ||
		    sqlite3_bind_int(st, 3, m->rank) ||
		    sqlite3_bind_int(st, 4, series ? 0 : 1) ||
		    sqlite3_bind_int(st, 5, !strcmp(m->kind, "registry") ||
				     !strcmp(m->kind, "specification") ||
				     !strcmp(m->kind, "spec-index")) ||
		    sdb_db_step_done(st)) {
			sdb_db_error(s->db, err, "cannot store listings");
			goto out;
		}
	}
	st = s->st[ST_RANGE];
	for (i = 0; i < c->nranges; i++) {
		const struct sdb_range *r = &c->ranges[i];
		int code;

		for (code = r->first; code <= r->last && code < 600; code++)
			s->touched[code] = 1;
		if (sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC) ||
		    sqlite3_bind_int(st, 2, r->first) ||
		    sqlite3_bind_int(st, 3, r->last) ||
		    sqlite3_bind_text(st, 4, r->value, -1, SQLITE_STATIC) ||
		    bind_span(st, 5, in, r->start, r->end) || sdb_db_step_done(st)) {
			sdb_db_error(s->db, err, "cannot store ranges");
			goto out;
		}
	}
	st = s->st[ST_DOC];
	for (i = 0; i < c->ndocs; i++) {
		const struct sdb_doc_claim *d = &c->docs[i];

		if (sqlite3_bind_text(st, 1, m->name, -1, SQLITE_STATIC) ||
		    sqlite3_bind_text(st, 2, d->document, -1, SQLITE_STATIC) ||
		    sqlite3_bind_text(st, 3, sdb_doc_field_name(d->field), -1,
				      SQLITE_STATIC) ||
		    sqlite3_bind_text(st, 4, d->value, -1, SQLITE_STATIC) ||
		    bind_span(st, 5, in, d->start, d->end) || sdb_db_step_done(st)) {
			sdb_db_error(s->db, err, "cannot store documents");
			goto out;
		}
	}
	if (sdb_find_issues(s->st[ST_ISSUE], m->name, c, ids)) {
		sdb_db_error(s->db, err, "cannot store the source's issues");
		goto out;
	}
	rc = 0;
out:
	free(series);
	free(ids);
	free(order);
	free(listed);
	return rc;
}

/*
 * Makes source name vote (v = 1) or not: its listings follow, and its
 * claims' values gain or lose their votes.
 */
static int set_votes(struct sdb_store *s, const char *name, int v,
		     struct sdb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sdb_db_prepare(s->db, "UPDATE source SET votes = ?2 WHERE name = ?1;",
			   &st, err))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, v);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sdb_db_prepare(s->db, "UPDATE listing SET votes = ?2 WHERE source = ?1",
			   &st, err))
		return rc != SQLITE_DONE ? sdb_db_error(s->db, err, "votes") : -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, v);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    sdb_db_prepare(s->db, "UPDATE value SET votes = votes + ?2 * n FROM"
			   " (SELECT vid, count(*) AS n FROM claim WHERE"
			   " source = ?1 AND vid IS NOT NULL GROUP BY vid) AS x"
			   " WHERE value.id = x.vid", &st, err))
		return rc != SQLITE_DONE ? sdb_db_error(s->db, err, "votes") : -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, v ? 1 : -1);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sdb_db_error(s->db, err, "cannot count votes");
}

/*
 * A series' newest version votes, the others do not; every code of its
 * versions is touched (the timeline changes).  Its versions must share a
 * kind.
 */
static int settle_series(struct sdb_store *s, const char *series,
			 struct sdb_error *err)
{
	sqlite3_stmt *st;
	char **flip = NULL;
	int *to = NULL, rc, kinds = 0;
	size_t n = 0, alloc = 0, i;

	if (sdb_db_prepare(s->db, "SELECT s.name, s.votes, s.version = (SELECT"
			   " max(version) FROM source WHERE series = ?1),"
			   " (SELECT count(DISTINCT kind) FROM source WHERE"
			   " series = ?1) FROM source s WHERE s.series = ?1"
			   " ORDER BY s.name", &st, err))
		return -1;
	sqlite3_bind_text(st, 1, series, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int newest = sqlite3_column_int(st, 2) != 0;

		kinds = sqlite3_column_int(st, 3);
		if ((sqlite3_column_int(st, 1) != 0) == newest)
			continue;
		sdb_grow_array((void **)&flip, &alloc, n + 1, sizeof(*flip));
		to = sdb_xrealloc(to, alloc * sizeof(*to));
		flip[n] = sdb_xstrdup(sdb_col(st, 0));
		to[n++] = newest;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = sdb_db_error(s->db, err, "cannot read the series");
	else if (kinds > 1)
		rc = sdb_error_at_pos(err, sqlite3_db_filename(s->db, "main"),
			0, 0, "the versions of series '%s' must share one kind",
			series);
	else
		rc = 0;
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = set_votes(s, flip[i], to[i], err);
		free(flip[i]);
	}
	free(flip);
	free(to);
	if (rc)
		return -1;
	/* every code of every version: the timeline changes */
	if (sdb_db_prepare(s->db, "SELECT DISTINCT l.code FROM listing l JOIN"
			   " source s ON s.name = l.source WHERE s.series = ?1",
			   &st, err))
		return -1;
	sqlite3_bind_text(st, 1, series, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int code = sqlite3_column_int(st, 0);

		if (code >= 100 && code <= 599)
			s->touched[code] = 1;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : sdb_db_error(s->db, err, "series codes");
}

int sdb_store_finish(struct sdb_store *s, struct sdb_error *err)
{
	size_t i;

	for (i = 0; i < s->nindexes; i++)
		if (sdb_db_exec(s->db, s->indexes[i], err))
			return -1;
	for (i = 0; i < s->nslots; i++) {
		struct vslot *v = &s->slots[i];
		sqlite3_stmt *st = s->st[ST_VALUE_ADD];

		if (!v->text || (!v->dclaims && !v->dvotes))
			continue;
		sqlite3_bind_int64(st, 1, v->id);
		sqlite3_bind_int(st, 2, v->dclaims);
		sqlite3_bind_int(st, 3, v->dvotes);
		if (sdb_db_step_done(st))
			return sdb_db_error(s->db, err, "cannot count values");
	}
	for (i = 0; i < s->nseries; i++)
		if (settle_series(s, s->series[i], err))
			return -1;
	if (sdb_db_exec(s->db, "DELETE FROM value WHERE claims <= 0", err) ||
	    sdb_reconcile(s->db, s->all ? NULL : s->touched, err) ||
	    sdb_db_exec(s->db, "COMMIT", err))
		return -1;
	s->committed = 1;
	return 0;
}

void sdb_store_release(struct sdb_store *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	if (!s->committed)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	for (i = 0; i < s->nslots; i++)
		free(s->slots[i].text);
	free(s->slots);
	for (i = 0; i < s->nseries; i++)
		free(s->series[i]);
	free(s->series);
	for (i = 0; i < s->nindexes; i++)
		free(s->indexes[i]);
	free(s->indexes);
	free(s);
}
