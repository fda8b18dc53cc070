/*
 * json.c - http_status.json: an array of one object per canonical code,
 * sorted by code, one object a line:
 *
 *   [
 *   {"code":100,"name":"Continue","class":"Informational",...},
 *   ...
 *   ]
 *
 * Keys, in this order: code, name, class, description, references
 * ([{document, section, url}] in the reconciler's order), aliases, status,
 * official, registered (true, false or null), sources, conflicts (the
 * distinct conflict kinds).  Lists of strings are sorted.  The schema is
 * schema/http_status.schema.json.
 *
 * SQLite's JSON functions build every object, so all escaping is theirs.
 * Each nested array is built in a subquery, whose ORDER BY fixes the
 * order of json_group_array(); json() keeps the JSON subtype, which is
 * lost when a value leaves a subquery, so arrays nest instead of being
 * quoted as strings.
 */
#include "exporter.h"
#include "../store/db.h"

static const char records_sql[] =
	"SELECT json_object("
	" 'code', c.code,"
	" 'name', c.name,"
	" 'class', c.class,"
	" 'description', c.description,"
	" 'references', json((SELECT json_group_array(json(ref)) FROM"
	"   (SELECT json_object('document', r.document, 'section', r.section,"
	"     'url', r.url) AS ref"
	"    FROM canonical_reference r WHERE r.code = c.code"
	"    ORDER BY r.ord))),"
	" 'aliases', json((SELECT json_group_array(alias) FROM"
	"   (SELECT alias FROM canonical_alias WHERE code = c.code"
	"    ORDER BY alias))),"
	" 'status', json((SELECT json_group_array(status) FROM"
	"   (SELECT status FROM canonical_status WHERE code = c.code"
	"    ORDER BY status))),"
	" 'official', json(CASE WHEN c.official THEN 'true' ELSE 'false' END),"
	" 'registered', json(CASE c.registered WHEN 1 THEN 'true'"
	"   WHEN 0 THEN 'false' ELSE 'null' END),"
	" 'sources', json((SELECT json_group_array(source) FROM"
	"   (SELECT coalesce(s.series, s.name) AS source FROM listing l"
	"    JOIN source s ON s.name = l.source WHERE l.code = c.code"
	"    AND l.votes = 1 ORDER BY 1))),"
	" 'conflicts', json((SELECT json_group_array(kind) FROM"
	"   (SELECT DISTINCT kind FROM finding WHERE code = c.code"
	"    ORDER BY kind))))"
	" FROM canonical c ORDER BY c.code";

int sdb_export_json(sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, n = 0, ret = 0;

	if (sqlite3_prepare_v2(db, records_sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
		goto out;
	}
	sdb_buf_adds(out, "[");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *rec = (const char *)sqlite3_column_text(st, 0);

		if (!rec) {	/* json_object() never gives NULL: no memory */
			rc = SQLITE_NOMEM;
			break;
		}
		sdb_buf_adds(out, n++ ? ",\n" : "\n");
		sdb_buf_add(out, rec, (size_t)sqlite3_column_bytes(st, 0));
	}
	if (rc != SQLITE_DONE) {
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
		goto out;
	}
	sdb_buf_adds(out, n ? "\n]\n" : "]\n");
out:
	sqlite3_finalize(st);
	return ret;
}
