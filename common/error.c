/*
 * error.c - errors with positions (see error.h).
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void sdb_error_print(const struct sdb_error *err, void *stream)
{
	FILE *f = stream;

	if (err->line > 0)
		fprintf(f, "%s:%d:%d: %s\n", err->file, err->line,
			err->column, err->message);
	else
		fprintf(f, "%s: %s\n", err->file, err->message);
}

int sdb_error_at_pos(struct sdb_error *err, const char *file, int line,
		     int column, const char *fmt, ...)
{
	va_list ap;

	snprintf(err->file, sizeof(err->file), "%s", file ? file : "-");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}
