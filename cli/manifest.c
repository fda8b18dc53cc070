/*
 * manifest.c - reading sources/manifest.tsv (see manifest.h).
 */
#define _GNU_SOURCE
#include "manifest.h"
#include "../common/buf.h"
#include "../common/util.h"
#include "../store/store.h"

#include <errno.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void sdb_manifest_release(struct sdb_manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].file);
		free(m->v[i].path);
		free(m->v[i].format);
		free(m->v[i].kind);
		free(m->v[i].origin);
	}
	free(m->v);
	free(m->files);
	memset(m, 0, sizeof(*m));
}

/*
 * "tests/data/../../sources/x" -> "sources/x": the path stored as a
 * claim's file should be the one a reader would type.  Lexical only.
 */
static char *normalize_path(const char *p)
{
	struct sdb_buf out = SDB_BUF_INIT;
	size_t *starts = NULL, n = 0, alloc = 0, kept_up = 0;
	int abs = p[0] == '/';

	if (abs)
		sdb_buf_addch(&out, '/');
	while (*p) {
		size_t len = strcspn(p, "/");

		if ((len == 1 && p[0] == '.') || len == 0) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.' && n > kept_up) {
			out.len = starts[--n];
			out.s[out.len] = '\0';
		} else {
			if (len == 2 && p[0] == '.' && p[1] == '.')
				kept_up++;
			sdb_grow_array((void **)&starts, &alloc, n + 1, sizeof(*starts));
			starts[n++] = out.len;
			if (out.len && out.s[out.len - 1] != '/')
				sdb_buf_addch(&out, '/');
			sdb_buf_add(&out, p, len);
		}
		p += len + (p[len] == '/');
	}
	free(starts);
	if (!out.len)
		sdb_buf_addch(&out, '.');
	return sdb_buf_detach(&out);
}

int sdb_manifest_load(struct sdb_manifest *m, const char *path,
		      struct sdb_error *err)
{
	struct sdb_input in;
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) : 0, li, i;
	int rc = 0;

	memset(m, 0, sizeof(*m));
	if (sdb_input_load(&in, path, err)) {
		sdb_input_release(&in);
		return -1;
	}
	for (li = 0; li < in.nlines && !rc; li++) {
		size_t s = in.lines[li], e = sdb_input_line_end(&in, li);
		size_t col[6], colend[6], ncol = 0, p = s;
		struct sdb_manifest_entry *en;
		struct sdb_buf b = SDB_BUF_INIT;
		const char *why;
		char *end;
		long rank;

		if (s == e || in.text[s] == '#')
			continue;
		while (ncol < 6) {
			const char *tab = memchr(in.text + p, '\t', e - p);

			col[ncol] = p;
			colend[ncol] = tab && ncol < 5 ? (size_t)(tab - in.text) : e;
			ncol++;
			if (!tab || ncol == 6)
				break;
			p = (size_t)(tab - in.text) + 1;
		}
		if (ncol < 6) {
			rc = sdb_error_at(err, &in, e,
				"want 6 tab-separated columns (name, file, format, "
				"kind, rank, origin), found %zu", ncol);
			break;
		}
		sdb_grow_array((void **)&m->v, &m->alloc, m->n + 1, sizeof(*m->v));
		en = &m->v[m->n++];
		memset(en, 0, sizeof(*en));
		en->line = (int)li + 1;
		en->name = sdb_xstrndup(in.text + col[0], colend[0] - col[0]);
		en->file = sdb_xstrndup(in.text + col[1], colend[1] - col[1]);
		en->format = sdb_xstrndup(in.text + col[2], colend[2] - col[2]);
		en->kind = sdb_xstrndup(in.text + col[3], colend[3] - col[3]);
		en->origin = sdb_xstrndup(in.text + col[5], colend[5] - col[5]);
		if (dirlen && en->file[0] != '/')
			sdb_buf_add(&b, path, dirlen + 1);
		sdb_buf_adds(&b, en->file);
		en->path = normalize_path(b.s);
		sdb_buf_release(&b);
		errno = 0;
		rank = strtol(in.text + col[4], &end, 10);
		en->rank = rank > 1000000 || rank < -1000000 ? 0 : (int)rank;
		if (sdb_source_name_check(en->name, &why))
			rc = sdb_error_at(err, &in, col[0], "source name '%s': %s",
					  en->name, why);
		else if (!*en->file)
			rc = sdb_error_at(err, &in, col[1], "empty file name");
		else if (!sdb_importer_find(en->format))
			rc = sdb_error_at(err, &in, col[2], "unknown format '%s'",
					  en->format);
		else if (!sdb_kind_valid(en->kind))
			rc = sdb_error_at(err, &in, col[3],
				"unknown kind '%s' (want registry, specification, "
				"spec-index, community or documents)", en->kind);
		else if (end == in.text + col[4] || end != in.text + colend[4] ||
			 errno || rank > 1000000 || rank < -1000000)
			rc = sdb_error_at(err, &in, col[4],
				"rank '%.*s' is not a whole number from -1000000 "
				"to 1000000", (int)(colend[4] - col[4]),
				in.text + col[4]);
	}
	if (!rc && m->n > 1) {
		const char **names = sdb_xcalloc(m->n, sizeof(*names));
		int at;

		for (i = 0; i < m->n; i++)
			names[i] = m->v[i].name;
		if (sdb_first_duplicate(names, m->n, &at)) {
			for (i = 0; strcmp(m->v[i].name, m->v[at].name); i++)
				;
			if ((size_t)at < i) {
				size_t t = i;

				i = (size_t)at;
				at = (int)t;
			}
			rc = sdb_error_at_pos(err, path, m->v[at].line, 1,
				"source '%s' is already named on line %d",
				m->v[at].name, m->v[i].line);
		}
		free(names);
	}
	sdb_input_release(&in);
	if (rc)
		sdb_manifest_release(m);
	return rc;
}

static int file_cmp(const void *a, const void *b)
{
	const struct sdb_manifest_file *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

void sdb_manifest_index(struct sdb_manifest *m)
{
	size_t i;
	struct stat st;

	free(m->files);
	m->files = sdb_xcalloc(m->n ? m->n : 1, sizeof(*m->files));
	m->nfiles = 0;
	for (i = 0; i < m->n; i++) {
		if (stat(m->v[i].path, &st))
			continue;
		m->files[m->nfiles].dev = (unsigned long long)st.st_dev;
		m->files[m->nfiles].ino = (unsigned long long)st.st_ino;
		m->files[m->nfiles++].entry = i;
	}
	if (m->nfiles)
		qsort(m->files, m->nfiles, sizeof(*m->files), file_cmp);
}

const struct sdb_manifest_entry *
sdb_manifest_find_file(const struct sdb_manifest *m, const char *path)
{
	struct stat st;
	size_t lo = 0, hi = m->nfiles;

	if (!m->nfiles || stat(path, &st))
		return NULL;
	/* the first index entry for this file */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sdb_manifest_file *f = &m->files[mid];

		if (f->dev < (unsigned long long)st.st_dev ||
		    (f->dev == (unsigned long long)st.st_dev &&
		     f->ino < (unsigned long long)st.st_ino))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nfiles && m->files[lo].dev == (unsigned long long)st.st_dev &&
	    m->files[lo].ino == (unsigned long long)st.st_ino)
		return &m->v[m->files[lo].entry];
	return NULL;
}
