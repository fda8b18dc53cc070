/*
 * fuzz_export.c - a libFuzzer target for the whole pipeline: the input
 * imported as a GFM table (the format with the fewest rules on what a
 * name may hold), reconciled in an in-memory database, and exported in
 * every format.  Whatever the names hold, the JSON must be valid JSON,
 * the CSV well-formed (14 fields a record, quotes balanced, CRLF), and the
 * C header printable ASCII with every comment closed where it should be.
 */
#include "../../store/store.h"
#include "../../common/buf.h"
#include "../../common/util.h"
#include "../../exporters/exporter.h"
#include "../../importers/importer.h"
#include "../../reconciler/reconcile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_json(sqlite3 *db, const struct sdb_buf *b)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT json_valid(?1)", -1, &st, NULL))
		abort();
	sqlite3_bind_text(st, 1, b->s, (int)b->len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int(st, 0) != 1)
		abort();
	sqlite3_finalize(st);
}

static void check_csv(const struct sdb_buf *b)
{
	size_t i, fields = 1;
	int quoted = 0;

	for (i = 0; i < b->len; i++) {
		char c = b->s[i];

		if (quoted) {
			if (c == '"' && i + 1 < b->len && b->s[i + 1] == '"')
				i++;
			else if (c == '"')
				quoted = 0;
		} else if (c == '"') {
			quoted = 1;
		} else if (c == ',') {
			fields++;
		} else if (c == '\n') {
			if (i == 0 || b->s[i - 1] != '\r' || fields != 14)
				abort();
			fields = 1;
		} else if (c == '\r' && (i + 1 >= b->len || b->s[i + 1] != '\n')) {
			abort();
		}
	}
	if (quoted || (b->len && b->s[b->len - 1] != '\n'))
		abort();
}

static void check_header(const struct sdb_buf *b)
{
	size_t i;
	enum { CODE, STRING, COMMENT } state = CODE;

	for (i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->s[i];
		char next = i + 1 < b->len ? b->s[i + 1] : '\0';

		if ((c < 0x20 && c != '\n' && c != '\t') || c > 0x7E)
			abort();
		/* no trigraph anywhere; no line continuation in a comment */
		if (c == '?' && next == '?')
			abort();
		if (state == COMMENT && c == '\\' && next == '\n')
			abort();
		if (state == STRING && c == '\n')
			abort();
		if (state == CODE && c == '/' && next == '*') {
			state = COMMENT;
			i++;
		} else if (state == COMMENT && c == '*' && next == '/') {
			state = CODE;
			i++;
		} else if (state == CODE && c == '"') {
			state = STRING;
		} else if (state == STRING && c == '\\') {
			i++;
		} else if (state == STRING && c == '"') {
			state = CODE;
		}
	}
	if (state != CODE)
		abort();
}

/* A flush that keeps what it is handed. */
static int keep(void *arg, struct sdb_buf *out)
{
	sdb_buf_add(arg, out->s, out->len);
	sdb_buf_reset(out);
	return 0;
}

/* The report written again, handed out as it is written: the same bytes. */
static void check_flushed(sqlite3 *db, const struct sdb_exporter *ex,
			  const struct sdb_export_opts *o,
			  const struct sdb_buf *whole)
{
	struct sdb_export_opts f = *o;
	struct sdb_buf kept = SDB_BUF_INIT, rest = SDB_BUF_INIT;
	struct sdb_records recs;
	struct sdb_error e;

	f.flush = keep;
	f.flush_arg = &kept;
	if (sdb_records_load(db, &recs, ex->parts, &e) ||
	    ex->write(&recs, &f, db, &rest, &e))
		abort();
	sdb_records_release(&recs);
	sdb_buf_add(&kept, rest.s, rest.len);
	if (kept.len != whole->len || memcmp(kept.s, whole->s, kept.len))
		abort();
	sdb_buf_release(&kept);
	sdb_buf_release(&rest);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct sdb_exporter *ex;
	struct sdb_source_meta meta = { "fuzz", "gfm-table", "community", 0, NULL };
	struct sdb_export_opts opts = { "HTTP_STATUS_", 0, SDB_INCLUDE_ALL, NULL,
					 NULL, NULL, NULL };
	struct sdb_records recs;
	struct sdb_store *st;
	struct sdb_input in;
	struct sdb_claims c;
	struct sdb_error e;
	sqlite3 *db = NULL;

	sdb_claims_init(&c);
	memset(&recs, 0, sizeof(recs));
	if (sdb_input_init_mem(&in, "fuzz", (const char *)data, size, &e) ||
	    sdb_importer_run(sdb_importer_find("gfm-table"), &in, &c, &e))
		goto out;
	if (sdb_db_open(&db, ":memory:", SDB_DB_WRITE, &e) ||
	    !(st = sdb_store_begin(db, 0, &e)))
		abort();
	if (sdb_store_source(st, &meta, &in, &c, &e) ||
	    sdb_store_finish(st, &e))
		abort();
	sdb_store_release(st);
	for (ex = sdb_exporters; ex->name; ex++) {
		struct sdb_buf b = SDB_BUF_INIT;
		int rc;

		/* each exporter with the parts it reads, as cmd_export.c */
		if (sdb_records_load(db, &recs, ex->parts, &e))
			abort();
		rc = ex->write(&recs, &opts, db, &b, &e);
		sdb_records_release(&recs);
		if (rc == SDB_EXPORT_EDB)
			abort();
		if (!rc && !strcmp(ex->name, "json"))
			check_json(db, &b);
		if (!rc && !strcmp(ex->name, "csv"))
			check_csv(&b);
		if (!rc && !strcmp(ex->name, "c"))
			check_header(&b);
		if (!rc && !strcmp(ex->name, "html"))
			check_flushed(db, ex, &opts, &b);
		sdb_buf_release(&b);
	}
out:
	sdb_records_release(&recs);
	sqlite3_close(db);
	sdb_claims_release(&c);
	sdb_input_release(&in);
	return 0;
}
