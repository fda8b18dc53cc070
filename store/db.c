/*
 * db.c - opening the database and storing claims (see db.h).
 */
#include "db.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

extern const char sdb_schema_sql[];	/* schema/ *.sql, embedded by make */

int sdb_db_error(sqlite3 *db, struct sdb_error *err, const char *what)
{
	int rc = sqlite3_errcode(db);

	snprintf(err->file, sizeof(err->file), "%s",
		 sqlite3_db_filename(db, "main") && *sqlite3_db_filename(db, "main")
		 ? sqlite3_db_filename(db, "main") : "database");
	err->line = err->column = 0;
	snprintf(err->message, sizeof(err->message), "%s: %s%s", what,
		 sqlite3_errmsg(db),
		 rc == SQLITE_BUSY || rc == SQLITE_LOCKED
		 ? " (another statusdb is writing it; try again)" : "");
	return -1;
}

int sdb_db_exec(sqlite3 *db, const char *sql, struct sdb_error *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sdb_db_error(db, err, "cannot run SQL");
	return 0;
}

void sdb_name_key(struct sdb_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			sdb_buf_addch(b, (char)(c + 'a' - 'A'));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			sdb_buf_addch(b, (char)c);
	}
}

static void sql_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct sdb_buf b = SDB_BUF_INIT;
	const unsigned char *s = sqlite3_value_text(argv[0]);

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	sdb_name_key(&b, (const char *)s);
	sqlite3_result_text(ctx, b.s, (int)b.len, SQLITE_TRANSIENT);
	sdb_buf_release(&b);
}

static int user_version(sqlite3 *db, int *v)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int sdb_db_open(sqlite3 **out, const char *path, enum sdb_db_mode mode,
		struct sdb_error *err)
{
	sqlite3 *db = NULL;
	int v;

	*out = NULL;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    (mode == SDB_DB_CREATE ? SQLITE_OPEN_CREATE : 0),
			    NULL) != SQLITE_OK) {
		sdb_error_at_pos(err, path, 0, 0, "cannot open database: %s",
				 db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 0);
	if (sqlite3_create_function(db, "statusdb_key", 1,
				    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				    sql_key, NULL, NULL) != SQLITE_OK ||
	    sdb_db_exec(db, "PRAGMA foreign_keys = ON;"
			" PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY", err))
		goto fail;
	if (user_version(db, &v)) {
		sdb_error_at_pos(err, path, 0, 0, "not a statusdb database: %s",
				 sqlite3_errmsg(db));
		goto fail;
	}
	if (v == 0) {
		/* new: create everything in one transaction */
		if (sdb_db_exec(db, "BEGIN IMMEDIATE", err))
			goto fail;
		if (user_version(db, &v) == 0 && v == 0 &&
		    sqlite3_exec(db, sdb_schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
			sdb_db_error(db, err, "cannot create the schema");
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
		if (sdb_db_exec(db, "COMMIT", err))
			goto fail;
		user_version(db, &v);
	}
	if (v != SDB_SCHEMA_VERSION) {
		sdb_error_at_pos(err, path, 0, 0,
			"database schema version %d, but this statusdb uses %d: "
			"remove the file and run 'statusdb build' again",
			v, SDB_SCHEMA_VERSION);
		goto fail;
	}
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
		 : sqlite3_bind_null(st, i);
}

static int step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
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

int sdb_db_store(sqlite3 *db, const struct sdb_source_meta *meta,
		 const struct sdb_input *in, const struct sdb_claims *c,
		 struct sdb_error *err)
{
	static const char *const sql[] = {
		"DELETE FROM source WHERE name = ?1",
		"INSERT INTO source (name, file, format, kind, rank, origin,"
		" version, entries, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
		"INSERT INTO claim (source, entry, code, field, value, section, url,"
		" link, raw, line, \"column\", end_line, end_column)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
		"INSERT INTO code_range (source, first, last, value, raw, line,"
		" \"column\", end_line, end_column)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	};
	sqlite3_stmt *st[4] = { NULL, NULL, NULL, NULL };
	size_t i;
	int rc = -1;

	for (i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, &st[i], NULL) != SQLITE_OK) {
			sdb_db_error(db, err, "cannot prepare a statement");
			goto out;
		}
	/* claims and ranges go with their source (ON DELETE CASCADE) */
	if (bind_text(st[0], 1, meta->name) || step_done(st[0]))
		goto fail;
	if (bind_text(st[1], 1, meta->name) || bind_text(st[1], 2, in->path) ||
	    bind_text(st[1], 3, meta->format) || bind_text(st[1], 4, meta->kind) ||
	    sqlite3_bind_int(st[1], 5, meta->rank) ||
	    bind_text(st[1], 6, meta->origin) || bind_text(st[1], 7, c->version) ||
	    sqlite3_bind_int(st[1], 8, c->entries) ||
	    sqlite3_bind_int64(st[1], 9, (sqlite3_int64)in->size) ||
	    step_done(st[1]))
		goto fail;
	for (i = 0; i < c->n; i++) {
		const struct sdb_claim *cl = &c->v[i];

		if (bind_text(st[2], 1, meta->name) ||
		    sqlite3_bind_int(st[2], 2, cl->entry) ||
		    sqlite3_bind_int(st[2], 3, cl->code) ||
		    bind_text(st[2], 4, sdb_field_name(cl->field)) ||
		    bind_text(st[2], 5, cl->value) ||
		    bind_text(st[2], 6, cl->section) ||
		    bind_text(st[2], 7, cl->url) ||
		    (cl->link ? sqlite3_bind_int(st[2], 8, cl->link)
			      : sqlite3_bind_null(st[2], 8)) ||
		    bind_span(st[2], 9, in, cl->start, cl->end) ||
		    step_done(st[2]))
			goto fail;
	}
	for (i = 0; i < c->nranges; i++) {
		const struct sdb_range *r = &c->ranges[i];

		if (bind_text(st[3], 1, meta->name) ||
		    sqlite3_bind_int(st[3], 2, r->first) ||
		    sqlite3_bind_int(st[3], 3, r->last) ||
		    bind_text(st[3], 4, r->value) ||
		    bind_span(st[3], 5, in, r->start, r->end) ||
		    step_done(st[3]))
			goto fail;
	}
	rc = 0;
	goto out;
fail:
	sdb_db_error(db, err, "cannot store claims");
out:
	for (i = 0; i < 4; i++)
		sqlite3_finalize(st[i]);
	return rc;
}
