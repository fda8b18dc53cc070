/*
 * output.c - writing what a command made: to standard output, or to a
 * file that is replaced whole or not at all (see cli.h).
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes all of s to fd.  Returns 0, or -1 with errno set. */
static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Writes through to what path names when it is no regular file (a
 * device, a FIFO, a terminal), as a shell redirection would: no
 * temporary file, nothing renamed over it.
 */
static int write_through(const char *cmd, const char *path,
			 const struct sdb_buf *b, FILE *err)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		fprintf(err, "statusdb %s: cannot write '%s': %s\n", cmd,
			sdb_esc(path), errno == ENXIO ? "a FIFO with no reader"
			: strerror(errno));
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (write_all(fd, b->s, b->len) || close(fd)) {
		int e = errno;

		fprintf(err, "statusdb %s: cannot write '%s': %s\n", cmd,
			sdb_esc(path), strerror(e));
		return -1;
	}
	return 0;
}

/* 1 when the file at path holds b's bytes exactly. */
static int holds(const char *path, const struct sdb_buf *b)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t at = 0, n;
	int same = f != NULL;

	while (same && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		same = n <= b->len - at && !memcmp(chunk, b->s + at, n);
		at += n;
	}
	if (f) {
		same = same && !ferror(f) && at == b->len;
		fclose(f);
	}
	return same;
}

int sdb_write_output(const char *cmd, const char *path,
		     const struct sdb_buf *b, FILE *out, FILE *err)
{
	struct sdb_buf tmp = SDB_BUF_INIT, dir = SDB_BUF_INIT;
	char *real = NULL;
	const char *target = path, *slash;
	struct stat st;
	mode_t mode, mask;
	int fd = -1, rc = -1, e;

	if (!path || !strcmp(path, "-")) {
		if (fwrite(b->s, 1, b->len, out) != b->len || fflush(out)) {
			fprintf(err, "statusdb %s: cannot write the output: %s\n",
				cmd, strerror(errno));
			return -1;
		}
		return 0;
	}
	/* a symbolic link: replace what it points to, keep the link */
	if (!lstat(path, &st) && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		if (!real && errno != ENOENT) {
			fprintf(err, "statusdb %s: cannot write '%s': %s\n", cmd,
				sdb_esc(path), strerror(errno));
			return -1;
		}
		if (real)
			target = real;
	}
	if (!stat(target, &st)) {
		if (S_ISDIR(st.st_mode)) {
			fprintf(err, "statusdb %s: cannot write '%s': a directory\n",
				cmd, sdb_esc(path));
			goto out;
		}
		if (!S_ISREG(st.st_mode)) {
			rc = write_through(cmd, target, b, err);
			goto out;
		}
		/* the same bytes: what depends on the file is not rebuilt */
		if (holds(target, b)) {
			rc = 0;
			goto out;
		}
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	/* a new file beside the target, made with O_EXCL: never another's */
	slash = strrchr(target, '/');
	if (slash)
		sdb_buf_add(&dir, target, (size_t)(slash - target) + 1);
	sdb_buf_addf(&tmp, "%s.%s.XXXXXX", dir.s, slash ? slash + 1 : target);
	fd = mkostemp(tmp.s, O_CLOEXEC);
	if (fd < 0) {
		fprintf(err, "statusdb %s: cannot write beside '%s': %s\n", cmd,
			sdb_esc(path), strerror(errno));
		goto out;
	}
	if (write_all(fd, b->s, b->len) || fchmod(fd, mode) || fsync(fd)) {
		e = errno;
		close(fd);
		fd = -1;
		goto failed;
	}
	if (close(fd)) {
		e = errno;
		fd = -1;
		goto failed;
	}
	fd = -1;
	if (rename(tmp.s, target)) {
		e = errno;
		goto failed;
	}
	rc = 0;
	goto out;
failed:
	fprintf(err, "statusdb %s: cannot write '%s': %s\n", cmd, sdb_esc(path),
		strerror(e));
	unlink(tmp.s);
out:
	free(real);
	sdb_buf_release(&tmp);
	sdb_buf_release(&dir);
	return rc;
}

const char *sdb_esc(const char *s)
{
	static struct sdb_buf ring[8];
	static size_t next;
	struct sdb_buf *b = &ring[next++ % 8];
	const unsigned char *p = (const unsigned char *)s;

	sdb_buf_reset(b);
	if (!s)
		return "";
	while (*p) {
		unsigned c = *p;

		if (c < 0x20 || c == 0x7F) {
			sdb_buf_addf(b, "\\x%02X", c);
			p++;
		} else if (c == '\\') {
			sdb_buf_adds(b, "\\\\");
			p++;
		} else if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			sdb_buf_addf(b, "\\u{%04X}", p[1]);	/* C1 */
			p += 2;
		} else if (c == 0xE2 && p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) {
			sdb_buf_addf(b, "\\u{%04X}", 0x2000 + (p[2] & 0x3F));
			p += 3;
		} else if (c == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) {
			sdb_buf_addf(b, "\\u{%04X}", 0x2040 + (p[2] & 0x3F));
			p += 3;
		} else {
			sdb_buf_addch(b, (char)c);
			p++;
		}
	}
	return b->s;
}

int sdb_finish_output(FILE *out, FILE *err, int status)
{
	if (status == SDB_EXIT_OUTPUT)
		return status;	/* the command said why */
	if (fflush(out) || ferror(out)) {
		fprintf(err, "statusdb: cannot write the output: %s\n",
			errno ? strerror(errno) : "write error");
		return SDB_EXIT_OUTPUT;
	}
	return status;
}
