/*
 * unit.c - tests that drive the library in-process: provenance of every
 * claim of every source, and CRLF/BOM variants giving the same claims.
 *
 * Prints "ok - ..." / "not ok - ..." lines for tests/run.sh to count.
 */
#define _GNU_SOURCE
#include "../cli/cli.h"
#include "../store/db.h"
#include "../store/issues.h"
#include "../cli/manifest.h"
#include "../common/buf.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../importers/importer.h"
#include "../importers/md.h"
#include "../importers/text.h"
#include "tap.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* Offset of 1-based line:column in s, counted here independently. */
static long offset_of(const char *s, size_t n, int line, int col)
{
	size_t i = 0;
	int l = 1;

	while (l < line && i < n)
		if (s[i++] == '\n')
			l++;
	if (l != line || i + (size_t)col - 1 > n)
		return -1;
	return (long)(i + (size_t)col - 1);
}

/* Lowercase letters and digits of s with entities decoded. */
static char *key(const char *s)
{
	struct sdb_buf d = SDB_BUF_INIT, k = SDB_BUF_INIT;

	sdb_decode_entities(&d, s, strlen(s));
	sdb_name_key(&k, d.s);
	sdb_buf_release(&d);
	return sdb_buf_detach(&k);
}

/* raw and url read the same once entities are decoded ("&amp;") */
static int same_key(const char *a, const char *b)
{
	char *ka = key(a), *kb = key(b);
	int same = !strcmp(ka, kb);

	free(ka);
	free(kb);
	return same;
}

/*
 * Every claim: the file holds raw at line:column .. end_line:end_column,
 * and raw says what value says.
 */
static void test_provenance(const char *dbpath)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct sdb_error e;
	char *cur_file = NULL, *text = NULL;
	size_t n = 0;
	int checked = 0, bad = 0;

	if (sdb_db_open(&db, dbpath, SDB_DB_READ, &e)) {
		ok(0, "open %s", dbpath);
		return;
	}
	sqlite3_prepare_v2(db, "SELECT s.file, c.line, c.\"column\", c.end_line,"
		" c.end_column, c.raw, c.field, c.value, c.section, c.url, c.code,"
		" c.source FROM claim c JOIN source s ON s.name = c.source"
		" ORDER BY s.file, c.id", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *file = (const char *)sqlite3_column_text(st, 0);
		const char *raw = (const char *)sqlite3_column_text(st, 5);
		const char *field = (const char *)sqlite3_column_text(st, 6);
		const char *value = (const char *)sqlite3_column_text(st, 7);
		const char *section = (const char *)sqlite3_column_text(st, 8);
		const char *url = (const char *)sqlite3_column_text(st, 9);
		long a, z;
		char *kr, *kv, *ks;
		const char *doc;
		int good;

		if (!cur_file || strcmp(cur_file, file)) {
			free(cur_file);
			free(text);
			cur_file = sdb_xstrdup(file);
			text = slurp(file, &n);
		}
		a = offset_of(text, n, sqlite3_column_int(st, 1),
			      sqlite3_column_int(st, 2));
		z = offset_of(text, n, sqlite3_column_int(st, 3),
			      sqlite3_column_int(st, 4));
		good = text && a >= 0 && z >= a && (size_t)(z - a + 1) == strlen(raw) &&
		       !memcmp(text + a, raw, strlen(raw));
		kr = key(raw);
		kv = key(value);
		ks = key(section ? section : "");
		/* "rfc7231" -> "7231": the label may say RFC7231 or RFC 7231 */
		/* "RFC7231" says RFC 7231; IANA's "RFC-ietf-x" says draft-ietf-x */
		doc = !strncmp(kv, "rfc", 3) ? kv + 3 :
		      !strncmp(kv, "draft", 5) ? kv + 5 : kv;
		if (!strcmp(field, "reference"))
			good = good && strstr(kr, doc) && strstr(kr, ks);
		else if (!strcmp(field, "reference_target"))
			good = good && url && (!strcmp(url, raw) ||
					       same_key(raw, url)) &&
			       (doc != kv ? strstr(kr, doc) != NULL : 1);
		else
			good = good && !strcmp(kr, kv);
		if (!good && bad++ < 5)
			printf("#   %s:%d:%d: %d %s %s: raw '%s' does not hold '%s'\n",
			       file, sqlite3_column_int(st, 1),
			       sqlite3_column_int(st, 2), sqlite3_column_int(st, 10),
			       (const char *)sqlite3_column_text(st, 11), field,
			       raw, value);
		free(kr);
		free(kv);
		free(ks);
		checked++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	free(cur_file);
	free(text);
	ok(checked > 800 && !bad,
	   "provenance: %d claims, %d whose file text does not match", checked, bad);
}

/* Parses a buffer with a format; returns claims as "code field value|..." */
static char *claims_text(const char *format, const char *data, size_t n,
			 int with_pos)
{
	struct sdb_input in;
	struct sdb_claims c;
	struct sdb_error e;
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	sdb_claims_init(&c);
	if (sdb_input_init_mem(&in, "mem", data, n, &e) ||
	    sdb_importer_run(sdb_importer_find(format), &in, &c, &e)) {
		sdb_buf_addf(&b, "error %d:%d: %s", e.line, e.column, e.message);
	} else {
		for (i = 0; i < c.ndocs; i++) {
			struct sdb_pos p = sdb_input_pos(&in, c.docs[i].start);

			sdb_buf_addf(&b, "doc %s %s %s", c.docs[i].document,
				     sdb_doc_field_name(c.docs[i].field),
				     c.docs[i].value);
			if (with_pos)
				sdb_buf_addf(&b, " @%d:%d", p.line, p.column);
			sdb_buf_addch(&b, '\n');
		}
		for (i = 0; i < c.n; i++) {
			struct sdb_pos p = sdb_input_pos(&in, c.v[i].start);

			sdb_buf_addf(&b, "%d %d %s %s %s", c.v[i].entry, c.v[i].code,
				     sdb_field_name(c.v[i].field), c.v[i].value,
				     c.v[i].section ? c.v[i].section : "");
			if (with_pos)
				sdb_buf_addf(&b, " @%d:%d", p.line, p.column);
			sdb_buf_addch(&b, '\n');
		}
	}
	sdb_claims_release(&c);
	sdb_input_release(&in);
	return sdb_buf_detach(&b);
}

/* CRLF line ends and a BOM must not change what a source says. */
static void test_variants(const struct sdb_manifest *m)
{
	size_t i, j, n;

	for (i = 0; i < m->n; i++) {
		char *orig = slurp(m->v[i].path, &n);
		struct sdb_buf crlf = SDB_BUF_INIT, bom = SDB_BUF_INIT;
		char *a, *b, *c, *ap, *bp;

		if (!orig) {
			ok(0, "read %s", m->v[i].path);
			continue;
		}
		for (j = 0; j < n; j++) {
			if (orig[j] == '\n' && (j == 0 || orig[j - 1] != '\r'))
				sdb_buf_addch(&crlf, '\r');
			sdb_buf_addch(&crlf, orig[j]);
		}
		sdb_buf_add(&bom, "\xEF\xBB\xBF", 3);
		sdb_buf_add(&bom, orig, n);
		a = claims_text(m->v[i].format, orig, n, 0);
		b = claims_text(m->v[i].format, crlf.s, crlf.len, 0);
		c = claims_text(m->v[i].format, bom.s, bom.len, 0);
		ok((!strncmp(a, "1 ", 2) || !strncmp(a, "doc ", 4)) && !strcmp(a, b),
		   "%s: CRLF line ends give the same claims", m->v[i].name);
		ok(!strcmp(a, c), "%s: a BOM gives the same claims", m->v[i].name);
		/* and the same lines; with a BOM, line 1 moves 3 columns */
		ap = claims_text(m->v[i].format, orig, n, 1);
		bp = claims_text(m->v[i].format, crlf.s, crlf.len, 1);
		ok(!strcmp(ap, bp), "%s: CRLF keeps every line:column", m->v[i].name);
		free(a);
		free(b);
		free(c);
		free(ap);
		free(bp);
		free(orig);
		sdb_buf_release(&crlf);
		sdb_buf_release(&bom);
	}
}

/*
 * The allocator cmark-gfm gets: when memory runs out it exits 70 with
 * "statusdb: fatal: out of memory ..." instead of cmark's abort().  Run
 * in a child, whose stderr is read back.  (Under AddressSanitizer an
 * impossible allocation is an error report, not NULL: skipped there;
 * tests/t17-markdown.sh runs the real thing under ulimit -v.)
 */
static void test_md_out_of_memory(void)
{
#if defined(__SANITIZE_ADDRESS__)
	puts("# skip: cmark allocator failure path (AddressSanitizer)");
#else
	int fds[2], status = 0;
	char msg[256] = "";
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(fds)) {
		ok(0, "cmark allocator: pipe");
		return;
	}
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		md_allocator()->calloc(SIZE_MAX / 2, 4);
		_exit(0);
	}
	close(fds[1]);
	while (len + 1 < sizeof(msg) &&
	       (got = read(fds[0], msg + len, sizeof(msg) - 1 - len)) > 0)
		len += (size_t)got;
	msg[len] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 70,
	   "cmark allocator: out of memory exits 70 (status %d)", status);
	ok(!strncmp(msg, "statusdb: fatal: out of memory in the Markdown parser", 53),
	   "cmark allocator: out of memory says so (%.60s)", msg);
#endif
}

/*
 * Duplicates are stored by code, field and entry, whatever the order of
 * the claims: 200's names come in the file as entries 3, 1, 2 (a group
 * out of order), 404's in order, and a description between them.
 */
static void test_duplicate_order(void)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *q = NULL;
	struct sdb_claims c;
	sqlite3_int64 ids[6];
	struct sdb_buf got = SDB_BUF_INIT;
	size_t i;
	int rc;

	sdb_claims_init(&c);
	sdb_claims_add(&c, 3, 200, SDB_FIELD_NAME, "Fine", 0, 1);
	sdb_claims_add(&c, 4, 404, SDB_FIELD_NAME, "Not Found", 0, 1);
	sdb_claims_add(&c, 1, 200, SDB_FIELD_NAME, "OK", 0, 1);
	sdb_claims_add(&c, 5, 200, SDB_FIELD_DESCRIPTION, "all good", 0, 1);
	sdb_claims_add(&c, 6, 404, SDB_FIELD_NAME, "Missing", 0, 1);
	sdb_claims_add(&c, 2, 200, SDB_FIELD_NAME, "Okay", 0, 1);
	for (i = 0; i < 6; i++)
		ids[i] = (sqlite3_int64)(10 + i);
	rc = sqlite3_open(":memory:", &db) != SQLITE_OK ||
	     sqlite3_exec(db, "CREATE TABLE source_issue (source, code, field,"
			  " kind, value, claim)", NULL, NULL, NULL) != SQLITE_OK ||
	     sqlite3_prepare_v2(db, "INSERT INTO source_issue (source, code,"
				" field, kind, value, claim) VALUES (?1, ?2, ?3,"
				" ?4, ?5, ?6)", -1, &ins, NULL) != SQLITE_OK;
	ok(!rc && sdb_find_issues(ins, "s", &c, ids) == 0,
	   "duplicates: found and stored");
	if (!rc && sqlite3_prepare_v2(db, "SELECT code, value, claim FROM"
				      " source_issue ORDER BY rowid", -1, &q,
				      NULL) == SQLITE_OK)
		while (sqlite3_step(q) == SQLITE_ROW)
			sdb_buf_addf(&got, "%d %s %d; ", sqlite3_column_int(q, 0),
				     (const char *)sqlite3_column_text(q, 1),
				     sqlite3_column_int(q, 2));
	ok(!strcmp(got.s, "200 OK 12; 200 Okay 15; 200 Fine 10; "
			  "404 Not Found 11; 404 Missing 14; "),
	   "duplicates: by code, field and entry, a group out of file order "
	   "sorted (got %s)", got.s);
	sdb_buf_release(&got);
	sqlite3_finalize(q);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	sdb_claims_release(&c);
}

/* md_too_deep() on a line of prefix repeated k times, then rest. */
static size_t deep(const char *prefix, int k, const char *rest)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t at;
	int i;

	for (i = 0; i < k; i++)
		sdb_buf_adds(&b, prefix);
	sdb_buf_adds(&b, rest);
	at = md_too_deep(b.s, b.len);
	sdb_buf_release(&b);
	return at;
}

/*
 * Nesting a line can reach, against MD_MAX_NESTING (256): a level per
 * ">", two per list marker, one per column of indentation, tabs to the
 * next multiple of 4; the offset given is where the count passes.
 */
static void test_md_nesting(void)
{
	ok(deep("> ", 256, "a\n") == SIZE_MAX, "nesting: 256 block quotes pass");
	ok(deep("> ", 257, "a\n") == 512, "nesting: the 257th block quote, at 512");
	ok(deep(">", 257, "a") == 256, "nesting: \">>>\" counts each");
	ok(deep("- ", 128, "a\n") == SIZE_MAX, "nesting: 128 list markers pass");
	ok(deep("1. ", 128, "a") == SIZE_MAX && deep("10. ", 129, "a") == 512 &&
	   deep("+ ", 129, "") == 256,
	   "nesting: the 129th list marker, ordered or not (%zu, %zu)",
	   deep("10. ", 129, "a"), deep("+ ", 129, ""));
	ok(deep("\t", 64, "a") == SIZE_MAX && deep("\t", 64, " a") == 64,
	   "nesting: a tab is 4 columns, a space 1");
	ok(deep(" \t", 64, "a") == SIZE_MAX && deep(" \t", 64, " a") == 128,
	   "nesting: a tab after a space reaches column 4");
	ok(deep(" ", 300, "") == SIZE_MAX && deep(" ", 300, "\r\n") == SIZE_MAX,
	   "nesting: a line of nothing but spaces nests nothing");
	ok(deep(" ", 300, "a") == 256, "nesting: 300 columns of indentation");
	ok(deep("-", 300, " a") == SIZE_MAX && deep("*", 300, "") == SIZE_MAX,
	   "nesting: \"---\" or \"***\" is no list marker");
	ok(deep("1234567890. ", 200, "") == SIZE_MAX,
	   "nesting: ten digits are no list marker");
}

int main(void)
{
	struct sdb_manifest m;
	struct sdb_error e;
	char dbpath[] = "/tmp/statusdb-unit-XXXXXX";
	char path[64];
	char *argv[] = { (char *)"build", (char *)"--db", path, NULL };
	int fd = mkstemp(dbpath);
	FILE *null = fopen("/dev/null", "w");

	if (fd < 0 || !null)
		return 2;
	close(fd);
	unlink(dbpath);
	snprintf(path, sizeof(path), "%s", dbpath);
	ok(sdb_cmd_build(3, argv, null, stderr) == 0,
	   "statusdb build into a new database");
	test_provenance(dbpath);
	unlink(dbpath);
	test_md_out_of_memory();
	test_duplicate_order();
	test_md_nesting();
	if (sdb_manifest_load(&m, "sources/manifest.tsv", &e)) {
		ok(0, "load sources/manifest.tsv");
	} else {
		test_variants(&m);
		sdb_manifest_release(&m);
	}
	fclose(null);
	return failed ? 1 : 0;
}
