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
 * ([{document, section, url}] in the reconciler's order), aliases (names,
 * sorted), other_names ([{name, since, until, by, identifier,
 * deprecated}]), status, official, registered (true, false or null),
 * identifier, sources, conflicts (the distinct finding kinds), sets (the
 * redirect, empty and retry sets it is in: exporter.c).  Lists of
 * strings are sorted.  The schema is schema/http_status.schema.json.
 *
 * Every string goes through SQLite's json_quote(): no escaping here.
 */
#include "exporter.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../store/db.h"

#include <stdlib.h>
#include <string.h>

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends ["a","b"] of v sorted. */
static int add_list(sqlite3_stmt *q, struct sdb_buf *b, char *const *v,
		    size_t n, int sort)
{
	const char **s = sdb_xcalloc(n ? n : 1, sizeof(*s));
	size_t i;
	int rc = 0;

	for (i = 0; i < n; i++)
		s[i] = v[i];
	if (sort && n)
		qsort(s, n, sizeof(*s), str_cmp);
	sdb_buf_addch(b, '[');
	for (i = 0; i < n && !rc; i++) {
		if (i)
			sdb_buf_addch(b, ',');
		rc = sdb_export_json_string(q, b, s[i]);
	}
	sdb_buf_addch(b, ']');
	free(s);
	return rc;
}

static int add_record(sqlite3_stmt *q, struct sdb_buf *b,
		      const struct sdb_record *r)
{
	char *names[SDB_NSTATUS + SDB_NSETS], **aliases;
	size_t i, n = 0;
	int rc = 0;

	sdb_buf_addf(b, "{\"code\":%d,\"name\":", r->code);
	rc |= sdb_export_json_string(q, b, r->name);
	sdb_buf_adds(b, ",\"class\":");
	rc |= sdb_export_json_string(q, b, r->class_name);
	sdb_buf_adds(b, ",\"description\":");
	rc |= sdb_export_json_string(q, b, r->description);
	sdb_buf_adds(b, ",\"references\":[");
	for (i = 0; i < r->nrefs; i++) {
		sdb_buf_adds(b, i ? ",{\"document\":" : "{\"document\":");
		rc |= sdb_export_json_string(q, b, r->refs[i].document);
		sdb_buf_adds(b, ",\"section\":");
		rc |= sdb_export_json_string(q, b, r->refs[i].section);
		sdb_buf_adds(b, ",\"url\":");
		rc |= sdb_export_json_string(q, b, r->refs[i].url);
		sdb_buf_addch(b, '}');
	}
	sdb_buf_adds(b, "],\"aliases\":");
	aliases = sdb_xcalloc(r->naliases ? r->naliases : 1, sizeof(*aliases));
	for (i = 0; i < r->naliases; i++)
		aliases[i] = r->aliases[i].name;
	rc |= add_list(q, b, aliases, r->naliases, 1);
	free(aliases);
	sdb_buf_adds(b, ",\"other_names\":[");
	for (i = 0; i < r->naliases; i++) {
		const struct sdb_record_alias *a = &r->aliases[i];

		sdb_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
		rc |= sdb_export_json_string(q, b, a->name);
		sdb_buf_adds(b, ",\"since\":");
		rc |= sdb_export_json_string(q, b, a->since);
		sdb_buf_adds(b, ",\"until\":");
		rc |= sdb_export_json_string(q, b, a->until);
		sdb_buf_adds(b, ",\"by\":");
		rc |= sdb_export_json_string(q, b, a->by);
		sdb_buf_adds(b, ",\"identifier\":");
		rc |= sdb_export_json_string(q, b, a->ident);
		sdb_buf_addf(b, ",\"deprecated\":%s}", a->deprecated ? "true" : "false");
	}
	sdb_buf_adds(b, "],\"status\":");
	for (i = 0; i < SDB_NSTATUS; i++)
		if (r->statuses & (1u << i))
			names[n++] = (char *)sdb_status_name((enum sdb_status)i);
	rc |= add_list(q, b, names, n, 1);
	sdb_buf_addf(b, ",\"official\":%s,\"registered\":%s,\"identifier\":",
		     r->official ? "true" : "false",
		     r->registered < 0 ? "null" : r->registered ? "true" : "false");
	rc |= sdb_export_json_string(q, b, r->ident);
	/* already JSON, made by SQLite (records.h) */
	sdb_buf_adds(b, ",\"sources\":");
	sdb_buf_adds(b, r->sources ? r->sources : "[]");
	sdb_buf_adds(b, ",\"conflicts\":");
	rc |= add_list(q, b, r->conflicts, r->nconflicts, 1);
	sdb_buf_adds(b, ",\"sets\":");
	for (i = 0, n = 0; i < SDB_NSETS; i++)
		if (sdb_export_sets(r->code) & (1u << i))
			names[n++] = (char *)sdb_set_names[i];
	rc |= add_list(q, b, names, n, 1);
	sdb_buf_addch(b, '}');
	return rc ? -1 : 0;
}

int sdb_export_json(const struct sdb_records *r, const struct sdb_export_opts *o,
		    sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	sqlite3_stmt *q;
	size_t i;
	int n = 0;

	if (sdb_db_prepare(db, "SELECT json_quote(?1)", &q, err))
		return SDB_EXPORT_EDB;
	sdb_buf_addch(out, '[');
	for (i = 0; i < r->n; i++) {
		if (!sdb_export_includes(o, &r->v[i]))
			continue;
		sdb_buf_adds(out, n++ ? ",\n" : "\n");
		if (add_record(q, out, &r->v[i])) {
			sqlite3_finalize(q);
			sdb_db_error(db, err, "cannot write JSON");
			return SDB_EXPORT_EDB;
		}
	}
	sdb_buf_adds(out, n ? "\n]\n" : "]\n");
	sqlite3_finalize(q);
	return 0;
}
