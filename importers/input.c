/*
 * input.c - reading a source file, mapping offsets to line:column, and
 * the error messages that carry them.
 */
#include "importer.h"
#include "../common/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sdb_error_print(const struct sdb_error *err, void *stream)
{
	FILE *f = stream;

	if (err->line > 0)
		fprintf(f, "%s:%d:%d: %s\n", err->file, err->line,
			err->column, err->message);
	else
		fprintf(f, "%s: %s\n", err->file, err->message);
}

static void error_vset(struct sdb_error *err, const char *file, int line,
		       int column, const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "-");
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
}

int sdb_error_at_pos(struct sdb_error *err, const char *file, int line,
		     int column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, file, line, column, fmt, ap);
	va_end(ap);
	return -1;
}

int sdb_error_at(struct sdb_error *err, const struct sdb_input *in,
		 size_t off, const char *fmt, ...)
{
	struct sdb_pos p = sdb_input_pos(in, off);
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, in->path, p.line, p.column, fmt, ap);
	va_end(ap);
	return -1;
}

struct sdb_pos sdb_input_pos(const struct sdb_input *in, size_t off)
{
	struct sdb_pos p;
	size_t lo = 0, hi = in->nlines;

	/* the last line starting at or before off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	p.line = (int)lo + 1;
	p.column = (int)(off - in->lines[lo]) + 1 + (lo == 0 ? (int)in->bom : 0);
	return p;
}

size_t sdb_input_line_end(const struct sdb_input *in, size_t i)
{
	size_t end = i + 1 < in->nlines ? in->lines[i + 1] : in->len;

	if (end > in->lines[i] && in->text[end - 1] == '\n')
		end--;
	if (end > in->lines[i] && in->text[end - 1] == '\r')
		end--;
	return end;
}

size_t sdb_input_offset(const struct sdb_input *in, int line, int column)
{
	size_t i, off;

	if (line < 1)
		return 0;
	i = (size_t)line - 1;
	if (i >= in->nlines)
		return in->len;
	if (column < 1)
		column = 1;
	off = in->lines[i] + (size_t)column - 1;
	if (i == 0)
		off = off >= in->bom ? off - in->bom : 0;
	return off < in->len ? off : in->len;
}

static int input_check(struct sdb_input *in, struct sdb_error *err)
{
	size_t i, bad, nl = 0;
	const char *nul;

	in->bom = in->size >= 3 && !memcmp(in->data, "\xEF\xBB\xBF", 3) ? 3 : 0;
	in->text = in->data + in->bom;
	in->len = in->size - in->bom;

	for (i = 0; i < in->len; i++)
		if (in->text[i] == '\n')
			nl++;
	in->lines = sdb_xmalloc((nl + 1) * sizeof(*in->lines));
	in->nlines = 0;
	in->lines[in->nlines++] = 0;
	for (i = 0; i < in->len; i++)
		if (in->text[i] == '\n' && i + 1 <= in->len)
			in->lines[in->nlines++] = i + 1;
	/* a final newline does not start another line */
	if (in->nlines > 1 && in->lines[in->nlines - 1] == in->len)
		in->nlines--;

	for (i = 0; i < in->len; i++)
		if (!strchr(" \t\r\n", in->text[i]))
			break;
	if (i == in->len)
		return sdb_error_at(err, in, 0, "empty file: no status codes");
	nul = memchr(in->text, '\0', in->len);
	if (nul)
		return sdb_error_at(err, in, (size_t)(nul - in->text),
				    "NUL byte in text");
	bad = sdb_utf8_check(in->text, in->len);
	if (bad < in->len)
		return sdb_error_at(err, in, bad,
				    "invalid UTF-8 byte 0x%02X",
				    (unsigned char)in->text[bad]);
	return 0;
}

int sdb_input_init_mem(struct sdb_input *in, const char *path,
		       const char *data, size_t size, struct sdb_error *err)
{
	memset(in, 0, sizeof(*in));
	in->path = path;
	if (size > SDB_MAX_FILE)
		return sdb_error_at_pos(err, path, 0, 0,
			"file too large: %zu bytes (the limit is %u)",
			size, SDB_MAX_FILE);
	in->data = sdb_xmalloc(size + 1);
	memcpy(in->data, data, size);
	in->data[size] = '\0';
	in->size = size;
	return input_check(in, err);
}

int sdb_input_load(struct sdb_input *in, const char *path,
		   struct sdb_error *err)
{
	FILE *f;
	long size;
	size_t got;

	memset(in, 0, sizeof(*in));
	in->path = path;
	f = fopen(path, "rb");
	if (!f)
		return sdb_error_at_pos(err, path, 0, 0, "cannot open: %s",
					strerror(errno));
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		int e = errno;

		fclose(f);
		return sdb_error_at_pos(err, path, 0, 0, "cannot read: %s",
					strerror(e));
	}
	if ((unsigned long)size > SDB_MAX_FILE) {
		fclose(f);
		return sdb_error_at_pos(err, path, 0, 0,
			"file too large: %ld bytes (the limit is %u)",
			size, SDB_MAX_FILE);
	}
	in->data = sdb_xmalloc((size_t)size + 1);
	got = fread(in->data, 1, (size_t)size, f);
	if (ferror(f) || got != (size_t)size) {
		int e = errno;

		fclose(f);
		return sdb_error_at_pos(err, path, 0, 0, "cannot read: %s",
					e ? strerror(e) : "short read");
	}
	fclose(f);
	in->data[got] = '\0';
	in->size = got;
	return input_check(in, err);
}

void sdb_input_release(struct sdb_input *in)
{
	free(in->data);
	free(in->lines);
	memset(in, 0, sizeof(*in));
}
