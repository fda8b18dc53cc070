/*
 * csv.c - http_status.csv: the records of http_status.json as RFC 4180
 * CSV, sorted by code, CRLF line endings, a header row:
 *
 *   code,name,class,description,references,urls,aliases,status,official,
 *   registered,identifier,sources,conflicts,sets
 *
 * references are "RFC 7231, Section 6.5.11" (or the document alone), in
 * the reconciler's order, and urls their links in the same order (empty
 * where a reference has none); aliases, status, sources, conflicts and
 * sets (exporter.c) are sorted; each list is joined with "; ".  official is "true" or "false";
 * registered "true", "false" or empty (no registry says).  A missing
 * name or description is an empty field.  A field holding '"', ',', CR or
 * LF is quoted, its quotes doubled.  Values are written exactly as
 * stored: nothing is prefixed to defuse spreadsheet formulas, since the
 * file is data for programs.
 */
#include "exporter.h"
#include "../common/names.h"
#include "../common/util.h"

#include <stdlib.h>
#include <string.h>

static const char header[] =
	"code,name,class,description,references,urls,aliases,status,official,"
	"registered,identifier,sources,conflicts,sets\r\n";

static void add_field(struct sdb_buf *out, const char *s)
{
	size_t i, n = s ? strlen(s) : 0;

	if (!s)
		return;
	if (!memchr(s, '"', n) && !memchr(s, ',', n) && !memchr(s, '\r', n) &&
	    !memchr(s, '\n', n)) {
		sdb_buf_add(out, s, n);
		return;
	}
	sdb_buf_addch(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sdb_buf_addch(out, '"');
		sdb_buf_addch(out, s[i]);
	}
	sdb_buf_addch(out, '"');
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* v joined with "; ", sorted when sort is set. */
static void joined(struct sdb_buf *b, char *const *v, size_t n, int sort)
{
	char **s = sdb_xcalloc(n ? n : 1, sizeof(*s));
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = v[i];
	if (sort && n)
		qsort(s, n, sizeof(*s), str_cmp);
	for (i = 0; i < n; i++) {
		if (i)
			sdb_buf_adds(b, "; ");
		sdb_buf_adds(b, s[i]);
	}
	free(s);
}

int sdb_export_csv(const struct sdb_records *r, const struct sdb_export_opts *o,
		   sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	struct sdb_buf f = SDB_BUF_INIT;
	size_t i, k;

	(void)db;
	(void)err;
	sdb_buf_adds(out, header);
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *rec = &r->v[i];
		char *list[SDB_NSTATUS + SDB_NSETS], **names;
		size_t n = 0;

		if (!sdb_export_includes(o, rec))
			continue;
		sdb_buf_addf(out, "%d,", rec->code);
		add_field(out, rec->name);
		sdb_buf_addch(out, ',');
		add_field(out, rec->class_name);
		sdb_buf_addch(out, ',');
		add_field(out, rec->description);
		sdb_buf_addch(out, ',');
		sdb_buf_reset(&f);
		for (k = 0; k < rec->nrefs; k++) {
			if (k)
				sdb_buf_adds(&f, "; ");
			sdb_export_reference(&f, &rec->refs[k]);
		}
		add_field(out, f.s);
		sdb_buf_addch(out, ',');
		sdb_buf_reset(&f);
		for (k = 0, n = 0; k < rec->nrefs; k++) {
			if (k)
				sdb_buf_adds(&f, "; ");
			sdb_buf_adds(&f, rec->refs[k].url ? rec->refs[k].url : "");
			n += rec->refs[k].url != NULL;
		}
		if (n)	/* no URL at all: an empty field */
			add_field(out, f.s);
		n = 0;
		sdb_buf_addch(out, ',');
		names = sdb_xcalloc(rec->naliases ? rec->naliases : 1, sizeof(*names));
		for (k = 0; k < rec->naliases; k++)
			names[k] = rec->aliases[k].name;
		sdb_buf_reset(&f);
		joined(&f, names, rec->naliases, 1);
		free(names);
		add_field(out, f.s);
		sdb_buf_addch(out, ',');
		for (k = 0; k < SDB_NSTATUS; k++)
			if (rec->statuses & (1u << k))
				list[n++] = (char *)sdb_status_name((enum sdb_status)k);
		sdb_buf_reset(&f);
		joined(&f, list, n, 1);
		add_field(out, f.s);
		sdb_buf_addf(out, ",%s,%s,", rec->official ? "true" : "false",
			     rec->registered < 0 ? "" : rec->registered ? "true"
			     : "false");
		add_field(out, rec->ident);
		sdb_buf_addch(out, ',');
		add_field(out, rec->sources);
		sdb_buf_addch(out, ',');
		sdb_buf_reset(&f);
		joined(&f, rec->conflicts, rec->nconflicts, 1);
		add_field(out, f.s);
		sdb_buf_addch(out, ',');
		for (k = 0, n = 0; k < SDB_NSETS; k++)
			if (sdb_export_sets(rec->code) & (1u << k))
				list[n++] = (char *)sdb_set_names[k];
		sdb_buf_reset(&f);
		joined(&f, list, n, 1);
		add_field(out, f.s);
		sdb_buf_adds(out, "\r\n");
	}
	sdb_buf_release(&f);
	return 0;
}
