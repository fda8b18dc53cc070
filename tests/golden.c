/*
 * golden.c - golden tests for the importers (cmark's spec examples,
 * jansson's test suites): one case is a file and what statusdb reads in
 * it.
 *
 *   tests/data/golden/FORMAT/CASE.in       the input, as found
 *   tests/data/golden/FORMAT/CASE.claims   every claim and range read
 *   tests/data/golden/FORMAT/CASE.err      or: the error, "line:column: ..."
 *   tests/data/golden/FORMAT/CASE.args     optional: --column ROLE=KEY
 *                                          overrides, one a line
 *
 * For each case the importer FORMAT runs on CASE.in and its output must
 * equal the expected file.  Unless the case's name starts with "as-", the
 * format must also be the one statusdb guesses for the file without
 * --format.  A case that imports is run twice more, with CRLF line ends
 * and behind a BOM, and must read the same; and every claim's raw text
 * must say its value (the provenance check of tests/unit.c; a value
 * wrapped over lines may have other claims of its row inside its span).
 *
 *   golden [-u] [DIR]     -u rewrites the expected files (libxml2's
 *                         runtest -u): review the diff before committing
 *
 * Prints "ok - ..." / "not ok - ..." lines for tests/run.sh, naming the
 * case and the first line that differs.
 */
#define _GNU_SOURCE
#include "../common/buf.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../importers/importer.h"
#include "../importers/text.h"
#include "../store/db.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failed, update;

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct sdb_buf b = SDB_BUF_INIT;
	char chunk[65536];
	size_t got;

	if (!f)
		return NULL;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sdb_buf_add(&b, chunk, got);
	fclose(f);
	*n = b.len;
	return sdb_buf_detach(&b);
}

static int spit(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	fwrite(s, 1, n, f);
	return fclose(f);
}

/* Appends s with backslash, newline, CR and tab escaped. */
static void add_escaped(struct sdb_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\\': sdb_buf_adds(b, "\\\\"); break;
		case '\n': sdb_buf_adds(b, "\\n"); break;
		case '\r': sdb_buf_adds(b, "\\r"); break;
		case '\t': sdb_buf_adds(b, "\\t"); break;
		default: sdb_buf_addch(b, *s);
		}
	}
}

/* Lowercase letters and digits, entities decoded: what raw and value share. */
static char *key(const char *s, size_t n)
{
	struct sdb_buf d = SDB_BUF_INIT, k = SDB_BUF_INIT;
	char *t = sdb_xstrndup(s, n);

	sdb_decode_entities(&d, t, n);
	sdb_name_key(&k, d.s);
	sdb_buf_release(&d);
	free(t);
	return sdb_buf_detach(&k);
}

/*
 * Does the raw text of claim c say its value?  Names, descriptions,
 * notes, classes and identifiers: the same letters and digits.  A
 * reference: its document's digits (or name) and section are in it.  A
 * target: its URL.  Returns NULL when it does, else why not (static).
 */
static const char *raw_says(const char *raw, size_t n, const struct sdb_claim *c)
{
	char *kr = key(raw, n);
	char *kv = key(c->value, strlen(c->value));
	char *ks = key(c->section ? c->section : "", c->section ? strlen(c->section) : 0);
	/* "RFC7231" says RFC 7231; IANA's "RFC-ietf-x" says draft-ietf-x */
	const char *doc = !strncmp(kv, "rfc", 3) ? kv + 3 :
			  !strncmp(kv, "draft", 5) ? kv + 5 : kv;
	const char *why = NULL;

	if (c->field == SDB_FIELD_REFERENCE) {
		if (!strstr(kr, doc) || !strstr(kr, ks))
			why = "raw does not hold the document and section";
	} else if (c->field == SDB_FIELD_REFERENCE_TARGET) {
		char *ku = key(c->url ? c->url : "", c->url ? strlen(c->url) : 0);

		if (!c->url || strcmp(kr, ku))
			why = "raw is not the URL";
		free(ku);
	} else if (strcmp(kr, kv)) {
		why = "raw does not read as the value";
	}
	free(kr);
	free(kv);
	free(ks);
	return why;
}

/*
 * A value wrapped over lines of a fixed-width table has other cells
 * between its pieces: its raw text without the other claims of its row
 * that stand inside it.  The caller frees.
 */
static char *raw_alone(const struct sdb_input *in, const struct sdb_claims *cs,
		       size_t k, size_t *n)
{
	const struct sdb_claim *c = &cs->v[k];
	char *raw = sdb_xstrndup(in->text + c->start, c->end - c->start);
	size_t i;

	for (i = 0; i < cs->n; i++) {
		const struct sdb_claim *o = &cs->v[i];

		if (i != k && o->entry == c->entry && o->start >= c->start &&
		    o->end <= c->end && o->end > o->start)
			memset(raw + (o->start - c->start), ' ',
			       o->end - o->start);
	}
	*n = c->end - c->start;
	return raw;
}

/*
 * What the importer reads in data: the expected file's text.  *prov
 * counts the claims whose raw text does not say their value.
 */
static char *read_case(const char *format, const char *path, const char *data,
		       size_t n, const char *const *columns, int *prov,
		       const char **guessed, int *is_err)
{
	const struct sdb_importer *im = sdb_importer_find(format);
	struct sdb_input in;
	struct sdb_claims c;
	struct sdb_error e;
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	*prov = 0;
	*is_err = 1;
	sdb_claims_init(&c);
	memset(&e, 0, sizeof(e));
	if (sdb_input_init_mem(&in, path, data, n, &e)) {
		sdb_buf_addf(&b, "%d:%d: %s\n", e.line, e.column, e.message);
		goto out;
	}
	in.columns = columns;
	if (guessed) {
		struct sdb_error g;
		const struct sdb_importer *gi = sdb_importer_guess(&in, &g);

		*guessed = gi ? gi->name : NULL;
	}
	if (sdb_importer_run(im, &in, &c, &e)) {
		sdb_buf_addf(&b, "%d:%d: %s\n", e.line, e.column, e.message);
		goto out;
	}
	*is_err = 0;
	if (c.version)
		sdb_buf_addf(&b, "version %s\n", c.version);
	for (i = 0; i < c.n; i++) {
		const struct sdb_claim *cl = &c.v[i];
		struct sdb_pos a = sdb_input_pos(&in, cl->start);
		struct sdb_pos z = sdb_input_pos(&in, cl->end > cl->start ?
						 cl->end - 1 : cl->start);
		const char *why = raw_says(in.text + cl->start,
					   cl->end - cl->start, cl);

		if (why && memchr(in.text + cl->start, '\n', cl->end - cl->start)) {
			size_t rn;
			char *alone = raw_alone(&in, &c, i, &rn);

			why = raw_says(alone, rn, cl);
			free(alone);
		}

		sdb_buf_addf(&b, "%d %d %s \"", cl->entry, cl->code,
			     sdb_field_name(cl->field));
		add_escaped(&b, cl->value);
		sdb_buf_addch(&b, '"');
		if (cl->section) {
			sdb_buf_adds(&b, " section ");
			add_escaped(&b, cl->section);
		}
		if (cl->url) {
			sdb_buf_adds(&b, " <");
			add_escaped(&b, cl->url);
			sdb_buf_addch(&b, '>');
		}
		if (cl->link)
			sdb_buf_addf(&b, " link %d", cl->link);
		sdb_buf_addf(&b, " @%d:%d-%d:%d\n", a.line, a.column, z.line,
			     z.column);
		if (why) {
			if ((*prov)++ < 3)
				printf("#   %s: claim %zu (%d %s): %s: '%.*s'\n",
				       path, i + 1, cl->code,
				       sdb_field_name(cl->field), why,
				       (int)(cl->end - cl->start),
				       in.text + cl->start);
		}
	}
	for (i = 0; i < c.ndocs; i++) {
		const struct sdb_doc_claim *d = &c.docs[i];
		struct sdb_pos a = sdb_input_pos(&in, d->start);
		struct sdb_pos z = sdb_input_pos(&in, d->end > d->start ?
						 d->end - 1 : d->start);

		sdb_buf_addf(&b, "doc %s %s \"", d->document,
			     sdb_doc_field_name(d->field));
		add_escaped(&b, d->value);
		sdb_buf_addf(&b, "\" @%d:%d-%d:%d\n", a.line, a.column,
			     z.line, z.column);
		if (d->field != SDB_DOC_DATE) {
			char *kr = key(in.text + d->start, d->end - d->start);
			char *kv = key(d->value, strlen(d->value)), *doc = NULL;

			/* "RFC0010" names RFC 10 */
			if (sdb_parse_document(in.text + d->start,
					       d->end - d->start, &doc) &&
			    !strcmp(doc, d->value)) {
				free(kr);
				kr = sdb_xstrdup(kv);
			}
			free(doc);
			if (strcmp(kr, kv) && (*prov)++ < 3)
				printf("#   %s: %s %s: raw '%.*s' does not say '%s'\n",
				       path, d->document,
				       sdb_doc_field_name(d->field),
				       (int)(d->end - d->start),
				       in.text + d->start, d->value);
			free(kr);
			free(kv);
		}
	}
	for (i = 0; i < c.nranges; i++) {
		const struct sdb_range *r = &c.ranges[i];
		struct sdb_pos a = sdb_input_pos(&in, r->start);
		struct sdb_pos z = sdb_input_pos(&in, r->end > r->start ?
						 r->end - 1 : r->start);

		sdb_buf_addf(&b, "range %d-%d \"", r->first, r->last);
		add_escaped(&b, r->value);
		sdb_buf_addf(&b, "\" @%d:%d-%d:%d\n", a.line, a.column,
			     z.line, z.column);
	}
out:
	sdb_claims_release(&c);
	sdb_input_release(&in);
	return sdb_buf_detach(&b);
}

/* The first line where a and b differ, for the message. */
static void show_diff(const char *want, const char *got)
{
	int line = 1;
	const char *a = want, *b = got;

	while (*a && *a == *b) {
		if (*a == '\n')
			line++;
		a++;
		b++;
	}
	while (a > want && a[-1] != '\n')
		a--;
	while (b > got && b[-1] != '\n')
		b--;
	printf("#   line %d: want: %.*s\n", line, (int)strcspn(a, "\n"), a);
	printf("#   line %d: got:  %.*s\n", line, (int)strcspn(b, "\n"), b);
}

/* The text with every LF made CRLF; with a BOM in front when bom. */
static char *variant(const char *s, size_t n, int bom, size_t *out_n)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	if (bom) {
		sdb_buf_add(&b, "\xEF\xBB\xBF", 3);
		sdb_buf_add(&b, s, n);
	} else {
		for (i = 0; i < n; i++) {
			if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
				sdb_buf_addch(&b, '\r');
			sdb_buf_addch(&b, s[i]);
		}
	}
	*out_n = b.len;
	return sdb_buf_detach(&b);
}

/* "@1:5-1:9" positions on line 1 moved right by 3 columns (a BOM). */
static char *shift_line1(const char *s)
{
	struct sdb_buf b = SDB_BUF_INIT;
	const char *at;

	while ((at = strstr(s, " @")) != NULL) {
		int l1, c1, l2, c2, used = 0;

		sdb_buf_add(&b, s, (size_t)(at - s));
		if (sscanf(at, " @%d:%d-%d:%d%n", &l1, &c1, &l2, &c2, &used) == 4) {
			sdb_buf_addf(&b, " @%d:%d-%d:%d", l1, l1 == 1 ? c1 + 3 : c1,
				     l2, l2 == 1 ? c2 + 3 : c2);
			s = at + used;
		} else {
			sdb_buf_adds(&b, " @");
			s = at + 2;
		}
	}
	sdb_buf_adds(&b, s);
	return sdb_buf_detach(&b);
}

/* Reads CASE.args: one "ROLE=KEY" a line.  The caller frees both. */
static char **read_args(const char *path, char **text)
{
	size_t n, k = 0;
	char *s = slurp(path, &n), *p, **v;

	*text = s;
	if (!s)
		return NULL;
	v = sdb_xcalloc(n + 2, sizeof(*v));
	for (p = strtok(s, "\n"); p; p = strtok(NULL, "\n"))
		if (*p && *p != '#')
			v[k++] = p;
	return v;
}

static void run_case(const char *dir, const char *format, const char *name)
{
	struct sdb_buf in_path = SDB_BUF_INIT, exp_path = SDB_BUF_INIT;
	struct sdb_buf err_path = SDB_BUF_INIT, args_path = SDB_BUF_INIT;
	char *data, *want, *got, *argtext = NULL, **args;
	const char *guessed = NULL, *exp_file;
	size_t n, wn;
	int prov, is_err, expect_guess = strncmp(name, "as-", 3) != 0;

	sdb_buf_addf(&in_path, "%s/%s/%s.in", dir, format, name);
	sdb_buf_addf(&exp_path, "%s/%s/%s.claims", dir, format, name);
	sdb_buf_addf(&err_path, "%s/%s/%s.err", dir, format, name);
	sdb_buf_addf(&args_path, "%s/%s/%s.args", dir, format, name);
	data = slurp(in_path.s, &n);
	args = read_args(args_path.s, &argtext);
	want = slurp(exp_path.s, &wn);
	exp_file = exp_path.s;
	if (!want) {
		want = slurp(err_path.s, &wn);
		exp_file = err_path.s;
	}
	got = read_case(format, in_path.s, data ? data : "", data ? n : 0,
			(const char *const *)args, &prov,
			expect_guess ? &guessed : NULL, &is_err);
	if (update) {
		const char *target = is_err ? err_path.s : exp_path.s;

		remove(is_err ? exp_path.s : err_path.s);
		if (spit(target, got, strlen(got)))
			printf("not ok - %s/%s: cannot write %s\n", format, name,
			       target);
		free(want);
		want = sdb_xstrdup(got);
	}
	if (!want) {
		printf("not ok - %s/%s: no %s.claims or %s.err (run golden -u)\n",
		       format, name, name, name);
		failed++;
	} else if (strcmp(want, got)) {
		printf("not ok - %s/%s: differs from %s\n", format, name, exp_file);
		show_diff(want, got);
		failed++;
	} else {
		printf("ok - %s/%s reads as %s\n", format, name,
		       is_err ? "its error" : "its claims");
	}
	if (expect_guess) {
		int right = guessed && !strcmp(guessed, format);

		printf("%s - %s/%s: the format is guessed as %s%s%s\n",
		       right ? "ok" : "not ok", format, name, format,
		       right ? "" : ", not ", right ? "" : guessed ? guessed : "none");
		failed += !right;
	}
	if (!is_err && data) {
		size_t vn;
		char *crlf = variant(data, n, 0, &vn), *g2, *shifted;
		int p2, e2;

		g2 = read_case(format, in_path.s, crlf, vn,
			       (const char *const *)args, &p2, NULL, &e2);
		printf("%s - %s/%s: CRLF line ends read the same\n",
		       strcmp(g2, got) ? "not ok" : "ok", format, name);
		failed += strcmp(g2, got) != 0;
		free(g2);
		free(crlf);
		crlf = variant(data, n, 1, &vn);
		g2 = read_case(format, in_path.s, crlf, vn,
			       (const char *const *)args, &p2, NULL, &e2);
		shifted = shift_line1(got);
		printf("%s - %s/%s: a BOM reads the same\n",
		       strcmp(g2, shifted) ? "not ok" : "ok", format, name);
		failed += strcmp(g2, shifted) != 0;
		free(g2);
		free(shifted);
		free(crlf);
		printf("%s - %s/%s: every claim's raw text says its value "
		       "(%d do not)\n", prov ? "not ok" : "ok", format, name, prov);
		failed += prov != 0;
	}
	free(data);
	free(want);
	free(got);
	free(args);
	free(argtext);
	sdb_buf_release(&in_path);
	sdb_buf_release(&exp_path);
	sdb_buf_release(&err_path);
	sdb_buf_release(&args_path);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of DIR's entries ending in suffix, suffix cut, sorted. */
static size_t list(const char *dir, const char *suffix, char ***out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, alloc = 0, sl = strlen(suffix);

	*out = NULL;
	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (e->d_name[0] == '.' || l <= sl ||
		    strcmp(e->d_name + l - sl, suffix))
			continue;
		sdb_grow_array((void **)out, &alloc, n + 1, sizeof(**out));
		(*out)[n++] = sdb_xstrndup(e->d_name, l - sl);
	}
	closedir(d);
	if (n)
		qsort(*out, n, sizeof(**out), by_name);
	return n;
}

int main(int argc, char **argv)
{
	const char *dir = "tests/data/golden";
	char **formats, **cases;
	size_t nf, nc, i, j;
	int total = 0;

	if (argc > 1 && !strcmp(argv[1], "-u")) {
		update = 1;
		argc--;
		argv++;
	}
	if (argc > 1)
		dir = argv[1];
	nf = list(dir, "", &formats);
	for (i = 0; i < nf; i++) {
		struct sdb_buf sub = SDB_BUF_INIT;

		if (strchr(formats[i], '.')) {	/* README.md and the like */
			free(formats[i]);
			continue;
		}
		if (!sdb_importer_find(formats[i])) {
			printf("not ok - golden: %s/%s is no format\n", dir,
			       formats[i]);
			failed++;
			free(formats[i]);
			continue;
		}
		sdb_buf_addf(&sub, "%s/%s", dir, formats[i]);
		nc = list(sub.s, ".in", &cases);
		for (j = 0; j < nc; j++) {
			run_case(dir, formats[i], cases[j]);
			free(cases[j]);
			total++;
		}
		free(cases);
		sdb_buf_release(&sub);
		free(formats[i]);
	}
	free(formats);
	if (!total) {
		printf("not ok - golden: no cases in %s\n", dir);
		failed++;
	}
	return failed ? 1 : 0;
}
