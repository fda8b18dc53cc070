/*
 * exporter.c - the table of exporters, and what they share.
 */
#include "exporter.h"
#include "../store/db.h"

#include <string.h>

const struct sdb_exporter sdb_exporters[] = {
	{ "c", "C header http_status.h: enum, X-macro map, reason and "
	  "class functions", sdb_export_c },
	{ "json", "http_status.json: an array of records, one per code",
	  sdb_export_json },
	{ "csv", "http_status.csv: RFC 4180, CRLF line endings",
	  sdb_export_csv },
	{ "html", "report.html: the audit report, one self-contained page "
	  "(also 'statusdb report')", sdb_export_html },
	{ NULL, NULL, NULL }
};

const struct sdb_exporter *sdb_exporter_find(const char *name)
{
	const struct sdb_exporter *ex;

	for (ex = sdb_exporters; ex->name; ex++)
		if (!strcmp(ex->name, name))
			return ex;
	return NULL;
}

int sdb_export_includes(const struct sdb_export_opts *o,
			const struct sdb_record *rec)
{
	switch (o->include) {
	case SDB_INCLUDE_REGISTERED:
		return rec->registered == 1;
	case SDB_INCLUDE_OFFICIAL:
		return rec->official;
	default:
		return 1;
	}
}

void sdb_export_reference(struct sdb_buf *b, const struct sdb_record_ref *f)
{
	sdb_buf_adds(b, f->document);
	if (f->section)
		sdb_buf_addf(b, ", Section %s", f->section);
}

int sdb_export_json_string(sqlite3_stmt *q, struct sdb_buf *b, const char *s)
{
	int rc;

	if (!s) {
		sdb_buf_adds(b, "null");
		return 0;
	}
	sqlite3_bind_text(q, 1, s, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sdb_col(q, 0))
		sdb_buf_add(b, sdb_col(q, 0), (size_t)sqlite3_column_bytes(q, 0));
	sqlite3_reset(q);
	return rc == SQLITE_ROW ? 0 : -1;
}
