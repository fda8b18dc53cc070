/*
 * input.c - reading a source file, mapping offsets to line:column, and
 * the error messages that carry them.
 */
#define _GNU_SOURCE
#include "importer.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void error_vset(struct sdb_error *err, const char *file, int line,
		       int column, const char *fmt, va_list ap)
{
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "-");
	err->line = line;
	err->column = column;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
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

/* 1 when the bytes look like UTF-16: a UTF-16 BOM, or NULs in every
 * other byte of the first ones. */
static int utf16_like(const char *d, size_t n)
{
	size_t i, odd = 0, even = 0, k = n < 256 ? n : 256;

	if (n >= 2 && (((unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE) ||
		       ((unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF)))
		return 1;
	for (i = 0; i < k; i++) {
		if (d[i])
			continue;
		if (i % 2)
			odd++;
		else
			even++;
	}
	return k >= 8 && (odd >= k / 2 - 1 || even >= k / 2 - 1);
}

static int input_check(struct sdb_input *in, struct sdb_error *err)
{
	size_t i, bad, nl = 0;
	const char *nul;

	if (utf16_like(in->data, in->size))
		return sdb_error_at_pos(err, in->path, 0, 0,
			"the file is UTF-16, and statusdb reads UTF-8: convert "
			"it first (iconv -f UTF-16 -t UTF-8)");
	/* a run of BOMs at the start is one BOM: none of them is text */
	in->bom = 0;
	while (in->size - in->bom >= 3 &&
	       !memcmp(in->data + in->bom, "\xEF\xBB\xBF", 3))
		in->bom += 3;
	in->text = in->data + in->bom;
	in->len = in->size - in->bom;

	/* lines end with LF, CRLF, or a lone CR (old Mac files) */
	for (i = 0; i < in->len; i++)
		if (in->text[i] == '\n' ||
		    (in->text[i] == '\r' && (i + 1 == in->len || in->text[i + 1] != '\n')))
			nl++;
	in->lines = sdb_xmalloc((nl + 1) * sizeof(*in->lines));
	in->nlines = 0;
	in->lines[in->nlines++] = 0;
	for (i = 0; i < in->len; i++)
		if (in->text[i] == '\n' ||
		    (in->text[i] == '\r' && (i + 1 == in->len || in->text[i + 1] != '\n')))
			in->lines[in->nlines++] = i + 1;
	/* a final line break does not start another line */
	if (in->nlines > 1 && in->lines[in->nlines - 1] == in->len)
		in->nlines--;

	for (i = 0; i < in->len; i++)
		if (!strchr(" \t\r\n", in->text[i]))
			break;
	if (i == in->len)
		return sdb_error_at(err, in, 0, in->size ? "no text: only white space"
				    : "empty file: no status codes");
	nul = memchr(in->text, '\0', in->len);
	if (nul)
		return sdb_error_at(err, in, (size_t)(nul - in->text),
				    "NUL byte in text (statusdb reads UTF-8 text)");
	bad = sdb_utf8_check(in->text, in->len);
	if (bad < in->len)
		return sdb_error_at(err, in, bad,
				    "invalid UTF-8 byte 0x%02X (statusdb reads UTF-8)",
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

/*
 * Reads fd to its end, refusing more than SDB_MAX_FILE bytes.  Sizes from
 * fstat() are only a hint: /proc files say 0, and a file may grow.
 */
static int read_all(struct sdb_input *in, int fd, size_t hint,
		    struct sdb_error *err)
{
	/* room for the size fstat() gave and one byte more, so that a file
	 * that did not grow is read into one buffer, never copied */
	size_t alloc = hint < 65536 ? 65536 : hint + 1, n = 0;
	char *buf = sdb_xmalloc(alloc + 1);

	for (;;) {
		ssize_t got;

		if (n == alloc) {
			if (alloc > SDB_MAX_FILE) {
				free(buf);
				return sdb_error_at_pos(err, in->path, 0, 0,
					"file too large: more than %u bytes",
					SDB_MAX_FILE);
			}
			alloc *= 2;
			buf = sdb_xrealloc(buf, alloc + 1);
		}
		got = read(fd, buf + n, alloc - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int e = errno;

			free(buf);
			return sdb_error_at_pos(err, in->path, 0, 0,
						"cannot read: %s", strerror(e));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > SDB_MAX_FILE) {
		free(buf);
		return sdb_error_at_pos(err, in->path, 0, 0,
			"file too large: %zu bytes (the limit is %u)", n,
			SDB_MAX_FILE);
	}
	buf[n] = '\0';
	in->data = buf;
	in->size = n;
	return 0;
}

int sdb_input_load(struct sdb_input *in, const char *path,
		   struct sdb_error *err)
{
	struct stat st;
	int fd, rc;

	memset(in, 0, sizeof(*in));
	in->path = path;
	if (!strcmp(path, "-")) {
		in->path = "-";
		if (read_all(in, 0, 0, err))
			return -1;
		return input_check(in, err);
	}
	/* O_NONBLOCK: a FIFO with no writer must not hang the open */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return sdb_error_at_pos(err, path, 0, 0, "cannot open: %s",
					strerror(errno));
	if (fstat(fd, &st)) {
		int e = errno;

		close(fd);
		return sdb_error_at_pos(err, path, 0, 0, "cannot read: %s",
					strerror(e));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return sdb_error_at_pos(err, path, 0, 0,
			"not a regular file (%s): statusdb reads files, or "
			"standard input as '-'",
			S_ISDIR(st.st_mode) ? "a directory" :
			S_ISFIFO(st.st_mode) ? "a FIFO" :
			S_ISCHR(st.st_mode) ? "a character device" :
			S_ISBLK(st.st_mode) ? "a block device" :
			S_ISSOCK(st.st_mode) ? "a socket" : "not a file");
	}
	if ((unsigned long long)st.st_size > SDB_MAX_FILE) {
		close(fd);
		return sdb_error_at_pos(err, path, 0, 0,
			"file too large: %lld bytes (the limit is %u)",
			(long long)st.st_size, SDB_MAX_FILE);
	}
	/* a regular file: reads block as usual */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	rc = read_all(in, fd, (size_t)st.st_size, err);
	close(fd);
	return rc ? -1 : input_check(in, err);
}

void sdb_input_release(struct sdb_input *in)
{
	free(in->data);
	free(in->lines);
	memset(in, 0, sizeof(*in));
}
