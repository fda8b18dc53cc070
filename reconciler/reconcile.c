/*
 * reconcile.c - conflicts and canonical records from the claims.
 *
 * The policy (README.md, "How the canonical value is chosen"):
 *
 *  - references: the newest document any source cites for the code (RFCs
 *    by number, a higher number being newer; drafts and other documents
 *    below every RFC), as cited by the highest-ranked source citing it;
 *    that source's citations for the code are the canonical references;
 *  - name: the highest-ranked name among the sources citing that newest
 *    document, else the highest-ranked name; other names are aliases;
 *  - description: the highest-ranked source's;
 *  - class: from the code's first digit;
 *  - status: every status any source's notes state (note_status), and
 *    'unofficial' when no registry-like source lists the code.
 *
 * Rank is the manifest's; ties go to the source name that sorts first.
 * Every canonical field records the claim it came from and the rule.
 */
#include "reconcile.h"
#include "../store/db.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <string.h>

struct rclaim {
	int id, rank, entry, link;
	char *source, *field, *value, *section, *url;
};

struct group {			/* the claims of one code, best rank first */
	int code;
	struct rclaim *v;
	size_t n, alloc;
};

static void group_clear(struct group *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		free(g->v[i].source);
		free(g->v[i].field);
		free(g->v[i].value);
		free(g->v[i].section);
		free(g->v[i].url);
	}
	g->n = 0;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? sdb_xstrdup((const char *)s) : NULL;
}

static int is(const struct rclaim *c, const char *field)
{
	return !strcmp(c->field, field);
}

/* How new a document is: its RFC number, or 0 for anything else. */
static long doc_age(const char *doc)
{
	return !strncmp(doc, "RFC ", 4) ? strtol(doc + 4, NULL, 10) : 0;
}

/*
 * What settle() derives from a group in one pass.  The claims come
 * ordered by rank, source, entry, so a source's claims are one run, and a
 * row's (entry's) claims one run inside it.
 */
struct facts {
	unsigned char *cited;	/* claim i cites a document */
	size_t *row_start, *row_end;	/* the run of claim i's row */
	size_t *src_start;	/* first claim of claim i's source */
	unsigned char *src_newest;	/* by src_start: cites the newest */
	size_t alloc;
};

static void facts_grow(struct facts *f, size_t n)
{
	if (n <= f->alloc)
		return;
	f->alloc = n * 2;
	f->cited = sdb_xrealloc(f->cited, f->alloc);
	f->src_newest = sdb_xrealloc(f->src_newest, f->alloc);
	f->row_start = sdb_xrealloc(f->row_start, f->alloc * sizeof(size_t));
	f->row_end = sdb_xrealloc(f->row_end, f->alloc * sizeof(size_t));
	f->src_start = sdb_xrealloc(f->src_start, f->alloc * sizeof(size_t));
}

static void facts_release(struct facts *f)
{
	free(f->cited);
	free(f->src_newest);
	free(f->row_start);
	free(f->row_end);
	free(f->src_start);
}

/*
 * Which claims cite a document: a row's labels, or its links' targets
 * when it has no label (a code linking to its section).  Returns the
 * newest document cited, or NULL.
 */
static const struct rclaim *find_cited(const struct group *g, struct facts *f)
{
	const struct rclaim *newest = NULL;
	size_t i = 0, j, k;

	while (i < g->n) {
		int label = 0;

		for (j = i; j < g->n && g->v[j].entry == g->v[i].entry &&
		     !strcmp(g->v[j].source, g->v[i].source); j++)
			label |= is(&g->v[j], "reference");
		for (k = i; k < j; k++) {
			f->row_start[k] = i;
			f->row_end[k] = j;
			f->cited[k] = is(&g->v[k], "reference") ||
				      (!label && is(&g->v[k], "reference_target"));
			if (f->cited[k] && (!newest || doc_age(g->v[k].value) >
					     doc_age(newest->value)))
				newest = &g->v[k];
		}
		i = j;
	}
	for (i = 0; i < g->n; i++) {
		f->src_start[i] = i && !strcmp(g->v[i].source, g->v[i - 1].source)
				  ? f->src_start[i - 1] : i;
		if (f->src_start[i] == i)
			f->src_newest[i] = 0;
		if (newest && f->cited[i] && !strcmp(g->v[i].value, newest->value))
			f->src_newest[f->src_start[i]] = 1;
	}
	return newest;
}

/* Sources with a claim of field (any claim when field is NULL). */
static size_t count_sources(const struct group *g, const struct facts *f,
			    const char *field, int cited_only, int newest_only)
{
	size_t i, n = 0, last = (size_t)-1;

	for (i = 0; i < g->n; i++) {
		if (f->src_start[i] == last || (field && !is(&g->v[i], field)) ||
		    (cited_only && !f->cited[i]) ||
		    (newest_only && !f->src_newest[f->src_start[i]]))
			continue;
		last = f->src_start[i];
		n++;
	}
	return n;
}

struct stmts {
	sqlite3_stmt *canon, *ref, *alias, *src;
};

/*
 * The claim holding the URL of the link a citation comes from: a target
 * naming the same document, or one naming none (its value is its URL:
 * a label "Status change of HTTP experiments to Historic").
 */
static const struct rclaim *link_target(const struct group *g,
					const struct facts *f, size_t i)
{
	const struct rclaim *c = &g->v[i], *t;
	size_t k;

	if (is(c, "reference_target"))
		return c;
	for (k = f->row_start[i]; c->link && k < f->row_end[i]; k++) {
		t = &g->v[k];
		if (is(t, "reference_target") && t->link == c->link &&
		    (!strcmp(t->value, c->value) ||
		     (t->url && !strcmp(t->value, t->url))))
			return t;
	}
	return NULL;
}

static int bind_opt_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
		 : sqlite3_bind_null(st, i);
}

static int settle(sqlite3 *db, struct stmts *s, const struct group *g,
		  struct facts *f, struct sdb_error *err)
{
	static const char *const classes[] = {
		"", "Informational", "Success", "Redirection", "Client Error",
		"Server Error"
	};
	const struct rclaim *newest, *name = NULL, *desc = NULL;
	const char *name_rule = NULL, *ref_rule = "newest-document";
	const char *desc_rule = NULL;
	struct sdb_buf k1 = SDB_BUF_INIT, k2 = SDB_BUF_INIT;
	size_t i, citing;
	int ord = 0, rc = -1;

	facts_grow(f, g->n);
	newest = find_cited(g, f);
	citing = count_sources(g, f, NULL, 1, 0);
	if (citing == 1)
		ref_rule = "only-source";
	else if (newest && count_sources(g, f, NULL, 1, 1) == citing)
		ref_rule = "unanimous";

	/* the name: from a source citing the newest document, best first */
	for (i = 0; newest && i < g->n && !name; i++)
		if (is(&g->v[i], "name") && f->src_newest[f->src_start[i]]) {
			name = &g->v[i];
			name_rule = "newest-document";
		}
	for (i = 0; i < g->n && !name; i++)
		if (is(&g->v[i], "name")) {
			name = &g->v[i];
			name_rule = "highest-rank";
		}
	if (name) {
		int same = 1;

		for (i = 0; i < g->n; i++)
			if (is(&g->v[i], "name") && strcmp(g->v[i].value, name->value))
				same = 0;
		if (count_sources(g, f, "name", 0, 0) == 1)
			name_rule = "only-source";
		else if (same)
			name_rule = "unanimous";
	}
	for (i = 0; i < g->n && !desc; i++)
		if (is(&g->v[i], "description")) {
			desc = &g->v[i];
			desc_rule = count_sources(g, f, "description", 0, 0) == 1
				    ? "only-source" : "highest-rank";
		}

	if (sqlite3_bind_int(s->canon, 1, g->code) ||
	    bind_opt_text(s->canon, 2, name ? name->value : NULL) ||
	    (name ? sqlite3_bind_int(s->canon, 3, name->id)
		  : sqlite3_bind_null(s->canon, 3)) ||
	    bind_opt_text(s->canon, 4, name_rule) ||
	    bind_opt_text(s->canon, 5, classes[g->code / 100]) ||
	    bind_opt_text(s->canon, 6, desc ? desc->value : NULL) ||
	    (desc ? sqlite3_bind_int(s->canon, 7, desc->id)
		  : sqlite3_bind_null(s->canon, 7)) ||
	    bind_opt_text(s->canon, 8, desc_rule) ||
	    sqlite3_step(s->canon) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(s->canon);

	/* references: the chosen source's citations, each document once */
	for (i = newest ? f->src_start[newest - g->v] : g->n;
	     i < g->n && f->src_start[i] == f->src_start[newest - g->v]; i++) {
		const struct rclaim *c = &g->v[i], *t;

		if (!f->cited[i])
			continue;
		t = link_target(g, f, i);
		if (sqlite3_bind_int(s->ref, 1, g->code) ||
		    sqlite3_bind_int(s->ref, 2, ord + 1) ||
		    bind_opt_text(s->ref, 3, c->value) ||
		    bind_opt_text(s->ref, 4, c->section ? c->section
					     : t && !strcmp(t->value, c->value)
					     ? t->section : NULL) ||
		    bind_opt_text(s->ref, 5, t ? t->url : NULL) ||
		    sqlite3_bind_int(s->ref, 6, c->id) ||
		    bind_opt_text(s->ref, 7, ref_rule) ||
		    sqlite3_step(s->ref) != SQLITE_DONE)
			goto fail;
		ord += sqlite3_changes(db) > 0;
		sqlite3_reset(s->ref);
	}

	/* aliases: names that are not the canonical one, best claim each */
	if (name)
		sdb_name_key(&k1, name->value);
	for (i = 0; name && i < g->n; i++) {
		if (!is(&g->v[i], "name"))
			continue;
		sdb_buf_reset(&k2);
		sdb_name_key(&k2, g->v[i].value);
		if (!strcmp(k1.s, k2.s))
			continue;
		if (sqlite3_bind_int(s->alias, 1, g->code) ||
		    bind_opt_text(s->alias, 2, g->v[i].value) ||
		    sqlite3_bind_int(s->alias, 3, g->v[i].id) ||
		    sqlite3_step(s->alias) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(s->alias);
	}
	for (i = 0; i < g->n; i++) {
		if (f->src_start[i] != i)
			continue;
		if (sqlite3_bind_int(s->src, 1, g->code) ||
		    bind_opt_text(s->src, 2, g->v[i].source) ||
		    sqlite3_step(s->src) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(s->src);
	}
	rc = 0;
	goto out;
fail:
	sdb_db_error(db, err, "cannot store canonical records");
out:
	sdb_buf_release(&k1);
	sdb_buf_release(&k2);
	return rc;
}

static const char *const clear_sql =
	"DELETE FROM conflict;"
	"DELETE FROM canonical;"
	"DELETE FROM canonical_reference;"
	"DELETE FROM canonical_alias;"
	"DELETE FROM canonical_status;"
	"DELETE FROM canonical_source;"
	"INSERT OR IGNORE INTO conflict (code, field, kind, minor, value, claim)"
	" SELECT code, field, kind, minor, value, claim FROM conflict_row;";

/* After the records exist: what the sources and registries say of them. */
static const char *const finish_sql =
	"UPDATE canonical SET official = EXISTS (SELECT 1 FROM claim c"
	" JOIN registry_like r ON r.name = c.source"
	" WHERE c.code = canonical.code),"
	" registered = CASE"
	"  WHEN EXISTS (SELECT 1 FROM claim c JOIN source s ON s.name = c.source"
	"   WHERE s.kind = 'registry' AND c.code = canonical.code) THEN 1"
	"  WHEN EXISTS (SELECT 1 FROM code_range g JOIN source s ON s.name = g.source"
	"   WHERE s.kind = 'registry' AND canonical.code BETWEEN g.first AND g.last)"
	"   THEN 0 END;"
	"INSERT OR IGNORE INTO canonical_status (code, status, claim)"
	" SELECT c.code, n.status, c.id FROM claim c"
	" JOIN source s ON s.name = c.source"
	" JOIN note_status n ON lower(c.value) LIKE n.pattern"
	" WHERE c.field = 'note' ORDER BY c.code, s.rank DESC, c.source, c.id;"
	"INSERT OR IGNORE INTO canonical_status (code, status, claim)"
	" SELECT code, 'unofficial', NULL FROM canonical WHERE NOT official;";

int sdb_reconcile(sqlite3 *db, struct sdb_error *err)
{
	static const char *const sql[] = {
		"SELECT c.id, s.rank, c.entry, c.link, c.source, c.field, c.value,"
		" c.section, c.url, c.code FROM claim c"
		" JOIN source s ON s.name = c.source"
		" ORDER BY c.code, s.rank DESC, c.source, c.entry, c.id",
		"INSERT INTO canonical (code, name, name_claim, name_rule, class,"
		" description, description_claim, description_rule, official)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)",
		"INSERT OR IGNORE INTO canonical_reference (code, ord, document,"
		" section, url, claim, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		("INSERT OR IGNORE INTO canonical_alias (code, alias, claim)"
		 " VALUES (?1, ?2, ?3)"),
		"INSERT OR IGNORE INTO canonical_source (code, source) VALUES (?1, ?2)",
	};
	sqlite3_stmt *st[5] = { NULL, NULL, NULL, NULL, NULL };
	struct stmts s;
	struct group g;
	struct facts f;
	size_t i;
	int rc = -1, step;

	memset(&g, 0, sizeof(g));
	memset(&f, 0, sizeof(f));
	if (sqlite3_exec(db, clear_sql, NULL, NULL, NULL) != SQLITE_OK)
		return sdb_db_error(db, err, "cannot find conflicts");
	for (i = 0; i < 5; i++)
		if (sqlite3_prepare_v2(db, sql[i], -1, &st[i], NULL) != SQLITE_OK) {
			sdb_db_error(db, err, "cannot prepare reconciliation");
			goto out;
		}
	s.canon = st[1];
	s.ref = st[2];
	s.alias = st[3];
	s.src = st[4];
	while ((step = sqlite3_step(st[0])) == SQLITE_ROW) {
		int code = sqlite3_column_int(st[0], 9);
		struct rclaim *c;

		if (g.n && code != g.code) {
			if (settle(db, &s, &g, &f, err))
				goto out;
			group_clear(&g);
		}
		g.code = code;
		sdb_grow_array((void **)&g.v, &g.alloc, g.n + 1, sizeof(*g.v));
		c = &g.v[g.n++];
		c->id = sqlite3_column_int(st[0], 0);
		c->rank = sqlite3_column_int(st[0], 1);
		c->entry = sqlite3_column_int(st[0], 2);
		c->link = sqlite3_column_int(st[0], 3);
		c->source = col_dup(st[0], 4);
		c->field = col_dup(st[0], 5);
		c->value = col_dup(st[0], 6);
		c->section = col_dup(st[0], 7);
		c->url = col_dup(st[0], 8);
	}
	if (step != SQLITE_DONE) {
		sdb_db_error(db, err, "cannot read claims");
		goto out;
	}
	if (g.n && settle(db, &s, &g, &f, err))
		goto out;
	if (sqlite3_exec(db, finish_sql, NULL, NULL, NULL) != SQLITE_OK) {
		sdb_db_error(db, err, "cannot settle statuses");
		goto out;
	}
	rc = 0;
out:
	group_clear(&g);
	free(g.v);
	facts_release(&f);
	for (i = 0; i < 5; i++)
		sqlite3_finalize(st[i]);
	return rc;
}
