/*
 * exporter.c - the table of exporters.  One row per format.
 */
#include "exporter.h"

#include <string.h>

const struct sdb_exporter sdb_exporters[] = {
	{ "c", "C header http_status.h: enum, X-macro map, reason and "
	  "class functions", sdb_export_c },
	{ "json", "http_status.json: an array of records, one per code",
	  sdb_export_json },
	{ "csv", "http_status.csv: RFC 4180, CRLF line endings",
	  sdb_export_csv },
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
