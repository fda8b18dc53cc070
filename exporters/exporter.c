/*
 * exporter.c - the table of exporters, and what they share.
 */
#include "exporter.h"
#include "../store/db.h"

#include <string.h>

const struct sdb_exporter sdb_exporters[] = {
	{ "c", "C header http_status.h: enum, X-macro map, reason and "
	  "class functions", sdb_export_c, 0 },
	{ "json", "http_status.json: an array of records, one per code",
	  sdb_export_json, SDB_RECORDS_SOURCES_JSON | SDB_RECORDS_CONFLICTS },
	{ "csv", "http_status.csv: RFC 4180, CRLF line endings",
	  sdb_export_csv, SDB_RECORDS_SOURCES_TEXT | SDB_RECORDS_CONFLICTS },
	{ "html", "report.html: the audit report, one self-contained page "
	  "(also 'statusdb report')", sdb_export_html, 0 },
	{ NULL, NULL, NULL, 0 }
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

/*
 * Each code of the sets, with what the specification says of it.  Where
 * the sets differ from jshttp/statuses' (redirect: 300, 301, 302, 303,
 * 305, 307, 308; empty: 204, 205, 304; retry: 502, 503, 504), the
 * specification decides: 305 is deprecated and points at a proxy, not
 * at another URI (RFC 9110, Section 15.4.6); RFC 9110 calls 502 and 504
 * neither temporary nor retryable (Sections 15.6.3, 15.6.5), while 429
 * says how long to wait before a new request (RFC 6585, Section 4).
 */
static const struct {
	int code;
	unsigned sets;
} sets[] = {
	/* "If the server has a preferred choice, the server SHOULD generate
	 * a Location header field" (RFC 9110, Section 15.4.1) */
	{ 300, SDB_SET_REDIRECT },
	/* Location: the user agent MAY redirect to it (15.4.2, 15.4.3) */
	{ 301, SDB_SET_REDIRECT },
	{ 302, SDB_SET_REDIRECT },
	/* "redirecting the user agent to a different resource" (15.4.4) */
	{ 303, SDB_SET_REDIRECT },
	/* "A 204 response is terminated by the end of the header section;
	 * it cannot contain content or trailers" (15.3.5, 6.4.1) */
	{ 204, SDB_SET_EMPTY },
	/* "a server MUST NOT generate content in a 205 response" (15.3.6) */
	{ 205, SDB_SET_EMPTY },
	/* the same words for 304 (15.4.5, 6.4.1) */
	{ 304, SDB_SET_EMPTY },
	/* the user agent MAY redirect to the Location, keeping the method
	 * (15.4.8, 15.4.9) */
	{ 307, SDB_SET_REDIRECT },
	{ 308, SDB_SET_REDIRECT },
	/* "MAY include a Retry-After header indicating how long to wait
	 * before making a new request" (RFC 6585, Section 4) */
	{ 429, SDB_SET_RETRY },
	/* "a temporary overload or scheduled maintenance, which will likely
	 * be alleviated after some delay" (15.6.4; Retry-After, 10.2.3) */
	{ 503, SDB_SET_RETRY }
};

const char *const sdb_set_names[SDB_NSETS] = { "redirect", "empty", "retry" };

unsigned sdb_export_sets(int code)
{
	size_t i;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (sets[i].code == code)
			return sets[i].sets;
	return 0;
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
