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
#include "../cli/db.h"
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

/* Does claim c cite a document (a label, or a link with no label)? */
static int cites(const struct group *g, const struct rclaim *c)
{
	size_t i;

	if (is(c, "reference"))
		return 1;
	if (!is(c, "reference_target"))
		return 0;
	for (i = 0; i < g->n; i++)
		if (is(&g->v[i], "reference") && g->v[i].entry == c->entry &&
		    !strcmp(g->v[i].source, c->source))
			return 0;
	return 1;
}

static int source_cites(const struct group *g, const char *source,
			const char *doc)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].source, source) && cites(g, &g->v[i]) &&
		    !strcmp(g->v[i].value, doc))
			return 1;
	return 0;
}

static int source_cites_any(const struct group *g, const char *source)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].source, source) && cites(g, &g->v[i]))
			return 1;
	return 0;
}

static size_t count_sources(const struct group *g, const char *field)
{
	size_t i, j, n = 0;

	for (i = 0; i < g->n; i++) {
		if (field && !is(&g->v[i], field))
			continue;
		for (j = 0; j < i; j++)
			if ((!field || is(&g->v[j], field)) &&
			    !strcmp(g->v[j].source, g->v[i].source))
				break;
		n += j == i;
	}
	return n;
}

struct stmts {
	sqlite3_stmt *canon, *ref, *alias, *src;
};

/* The URL of the link a label belongs to, when it points to the same
 * document; else NULL.  For a target, its own URL. */
static const struct rclaim *link_target(const struct group *g,
					const struct rclaim *c)
{
	size_t i;

	if (is(c, "reference_target"))
		return c;
	for (i = 0; c->link && i < g->n; i++)
		if (is(&g->v[i], "reference_target") && g->v[i].link == c->link &&
		    !strcmp(g->v[i].source, c->source) &&
		    !strcmp(g->v[i].value, c->value))
			return &g->v[i];
	return NULL;
}

static int settle(sqlite3 *db, struct stmts *s, const struct group *g,
		  struct sdb_error *err)
{
	static const char *const classes[] = {
		"", "Informational", "Success", "Redirection", "Client Error",
		"Server Error"
	};
	const struct rclaim *newest = NULL, *name = NULL, *desc = NULL;
	const char *name_rule = NULL, *ref_rule, *desc_rule = NULL;
	struct sdb_buf k1 = SDB_BUF_INIT, k2 = SDB_BUF_INIT;
	size_t i, j;
	int ord = 0, rc = -1;

	/* the newest document cited, from the best-ranked source citing it */
	for (i = 0; i < g->n; i++)
		if (cites(g, &g->v[i]) &&
		    (!newest || doc_age(g->v[i].value) > doc_age(newest->value)))
			newest = &g->v[i];
	ref_rule = "newest-document";
	if (newest) {
		size_t citing = 0, agree = 0;

		for (i = 0; i < g->n; i++) {
			for (j = 0; j < i; j++)
				if (!strcmp(g->v[j].source, g->v[i].source))
					break;
			if (j < i || !source_cites_any(g, g->v[i].source))
				continue;
			citing++;
			agree += source_cites(g, g->v[i].source, newest->value);
		}
		if (citing == 1)
			ref_rule = "only-source";
		else if (agree == citing)
			ref_rule = "unanimous";
	}

	/* the name: from a source citing the newest document, best first */
	for (i = 0; newest && i < g->n && !name; i++)
		if (is(&g->v[i], "name") &&
		    source_cites(g, g->v[i].source, newest->value))
			name = &g->v[i];
	name_rule = name ? "newest-document" : NULL;
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
		if (count_sources(g, "name") == 1)
			name_rule = "only-source";
		else if (same)
			name_rule = "unanimous";
	}
	for (i = 0; i < g->n && !desc; i++)
		if (is(&g->v[i], "description")) {
			desc = &g->v[i];
			desc_rule = count_sources(g, "description") == 1
				    ? "only-source" : "highest-rank";
		}

	sqlite3_bind_int(s->canon, 1, g->code);
	if ((name ? sqlite3_bind_text(s->canon, 2, name->value, -1, SQLITE_STATIC)
		  : sqlite3_bind_null(s->canon, 2)) ||
	    (name ? sqlite3_bind_int(s->canon, 3, name->id)
		  : sqlite3_bind_null(s->canon, 3)) ||
	    (name_rule ? sqlite3_bind_text(s->canon, 4, name_rule, -1, SQLITE_STATIC)
		       : sqlite3_bind_null(s->canon, 4)) ||
	    sqlite3_bind_text(s->canon, 5, classes[g->code / 100], -1,
			      SQLITE_STATIC) ||
	    (desc ? sqlite3_bind_text(s->canon, 6, desc->value, -1, SQLITE_STATIC)
		  : sqlite3_bind_null(s->canon, 6)) ||
	    (desc ? sqlite3_bind_int(s->canon, 7, desc->id)
		  : sqlite3_bind_null(s->canon, 7)) ||
	    (desc_rule ? sqlite3_bind_text(s->canon, 8, desc_rule, -1, SQLITE_STATIC)
		       : sqlite3_bind_null(s->canon, 8)) ||
	    sqlite3_step(s->canon) != SQLITE_DONE)
		goto fail;
	sqlite3_reset(s->canon);

	/* references: the chosen source's citations, first entry first */
	for (i = 0; newest && i < g->n; i++) {
		const struct rclaim *c = &g->v[i], *t;
		const char *sec;

		if (strcmp(c->source, newest->source) || !cites(g, c))
			continue;
		for (j = 0; j < i; j++)
			if (!strcmp(g->v[j].source, c->source) &&
			    cites(g, &g->v[j]) && !strcmp(g->v[j].value, c->value))
				break;
		if (j < i)
			continue;	/* the same document twice */
		t = link_target(g, c);
		sec = c->section ? c->section : t ? t->section : NULL;
		sqlite3_bind_int(s->ref, 1, g->code);
		sqlite3_bind_int(s->ref, 2, ++ord);
		sqlite3_bind_text(s->ref, 3, c->value, -1, SQLITE_STATIC);
		if ((sec ? sqlite3_bind_text(s->ref, 4, sec, -1, SQLITE_STATIC)
			 : sqlite3_bind_null(s->ref, 4)) ||
		    (t && t->url ? sqlite3_bind_text(s->ref, 5, t->url, -1, SQLITE_STATIC)
				 : sqlite3_bind_null(s->ref, 5)) ||
		    sqlite3_bind_int(s->ref, 6, c->id) ||
		    sqlite3_bind_text(s->ref, 7, ref_rule, -1, SQLITE_STATIC) ||
		    sqlite3_step(s->ref) != SQLITE_DONE)
			goto fail;
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
		sqlite3_bind_int(s->alias, 1, g->code);
		sqlite3_bind_text(s->alias, 2, g->v[i].value, -1, SQLITE_STATIC);
		sqlite3_bind_int(s->alias, 3, g->v[i].id);
		if (sqlite3_step(s->alias) != SQLITE_DONE)
			goto fail;
		sqlite3_reset(s->alias);
	}
	for (i = 0; i < g->n; i++) {
		sqlite3_bind_int(s->src, 1, g->code);
		sqlite3_bind_text(s->src, 2, g->v[i].source, -1, SQLITE_STATIC);
		if (sqlite3_step(s->src) != SQLITE_DONE)
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
		"INSERT INTO canonical_reference (code, ord, document, section, url,"
		" claim, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"INSERT OR IGNORE INTO canonical_alias (code, alias, claim)"
		" VALUES (?1, ?2, ?3)",
		"INSERT OR IGNORE INTO canonical_source (code, source) VALUES (?1, ?2)",
	};
	sqlite3_stmt *st[5] = { NULL, NULL, NULL, NULL, NULL };
	struct stmts s;
	struct group g;
	size_t i;
	int rc = -1, step;

	memset(&g, 0, sizeof(g));
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
			if (settle(db, &s, &g, err))
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
	if (g.n && settle(db, &s, &g, err))
		goto out;
	if (sqlite3_exec(db, finish_sql, NULL, NULL, NULL) != SQLITE_OK) {
		sdb_db_error(db, err, "cannot settle statuses");
		goto out;
	}
	rc = 0;
out:
	group_clear(&g);
	free(g.v);
	for (i = 0; i < 5; i++)
		sqlite3_finalize(st[i]);
	return rc;
}
