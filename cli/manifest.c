/*
 * manifest.c - reading sources/manifest.tsv (see manifest.h).
 */
#define _GNU_SOURCE
#include "manifest.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const kinds[] = {
	"registry", "specification", "spec-index", "community", NULL
};

int sdb_kind_valid(const char *kind)
{
	size_t i;

	for (i = 0; kinds[i]; i++)
		if (!strcmp(kinds[i], kind))
			return 1;
	return 0;
}

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
		char *end;

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
		en->rank = (int)strtol(in.text + col[4], &end, 10);
		if (!*en->name)
			rc = sdb_error_at(err, &in, col[0], "empty source name");
		else if (!*en->file)
			rc = sdb_error_at(err, &in, col[1], "empty file name");
		else if (!sdb_importer_find(en->format))
			rc = sdb_error_at(err, &in, col[2], "unknown format '%s'",
					  en->format);
		else if (!sdb_kind_valid(en->kind))
			rc = sdb_error_at(err, &in, col[3],
				"unknown kind '%s' (want registry, specification, "
				"spec-index or community)", en->kind);
		else if (end == in.text + col[4] || end != in.text + colend[4])
			rc = sdb_error_at(err, &in, col[4],
				"rank '%.*s' is not a whole number",
				(int)(colend[4] - col[4]), in.text + col[4]);
		for (i = 0; !rc && i + 1 < m->n; i++)
			if (!strcmp(m->v[i].name, en->name))
				rc = sdb_error_at(err, &in, col[0],
					"source '%s' is already named on line %d",
					en->name, m->v[i].line);
	}
	sdb_input_release(&in);
	if (rc)
		sdb_manifest_release(m);
	return rc;
}

const struct sdb_manifest_entry *
sdb_manifest_find_file(const struct sdb_manifest *m, const char *path)
{
	struct stat a, b;
	size_t i;

	if (stat(path, &a))
		return NULL;
	for (i = 0; i < m->n; i++)
		if (!stat(m->v[i].path, &b) && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return &m->v[i];
	return NULL;
}
