/*
 * importer.c - the table of importers.  One row per format.
 */
#include "importer.h"

#include "../common/util.h"

#include <string.h>

const struct sdb_importer sdb_importers[] = {
	{ "mediawiki", "MediaWiki table markup ({| ! |- | |}) under ==headings==",
	  sdb_import_mediawiki, sdb_sniff_mediawiki },
	{ "gfm-table", "Markdown with a GFM table whose header names the columns",
	  sdb_import_gfm_table, sdb_sniff_gfm_table },
	{ "linklist", "link-annotated Markdown: [`NNN: Name`](url \"description\")",
	  sdb_import_linklist, sdb_sniff_linklist },
	{ "plaintext", "plain-text list: class headings, \"NNN Name\" lines, paragraphs",
	  sdb_import_plaintext, sdb_sniff_plaintext },
	{ "iana-xml", "the IANA registry's own XML (http-status-codes.xml)",
	  sdb_import_iana_xml, sdb_sniff_iana_xml },
	{ "html", "HTML or XHTML: tables with a header row, or link-annotated lists",
	  sdb_import_html, sdb_sniff_html },
	{ "rfc-index", "the RFC Editor's index (rfc-index.txt): titles, dates, "
	  "statuses, obsoletes/updates", sdb_import_rfc_index,
	  sdb_sniff_rfc_index },
	{ "csv", "CSV (',', ';' or TAB) with a header row naming the columns",
	  sdb_import_csv, sdb_sniff_csv },
	{ "iana-text", "the IANA registry's plain-text page (http-status-codes.txt)",
	  sdb_import_iana_text, sdb_sniff_iana_text },
	{ NULL, NULL, NULL, NULL }
};

const struct sdb_importer *sdb_importer_find(const char *name)
{
	const struct sdb_importer *im;

	for (im = sdb_importers; im->name; im++)
		if (!strcmp(im->name, name))
			return im;
	return NULL;
}

const struct sdb_importer *sdb_importer_guess(const struct sdb_input *in,
					     struct sdb_error *err)
{
	const struct sdb_importer *im, *best = NULL, *second = NULL;
	int score, best_score = 0, second_score = 0;

	for (im = sdb_importers; im->name; im++) {
		score = im->sniff(in);
		if (score > best_score) {
			second = best;
			second_score = best_score;
			best = im;
			best_score = score;
		} else if (score > second_score) {
			second = im;
			second_score = score;
		}
	}
	if (best_score < SDB_SNIFF_LIKELY) {
		sdb_error_at_pos(err, in->path, 0, 0, best
			? "cannot tell the format: it looks a little like %s, "
			  "not enough to be sure; give --format (see 'statusdb "
			  "import --help')"
			: "cannot tell the format%s: no importer recognises it; "
			  "give --format (see 'statusdb import --help')",
			best ? best->name : "");
		return NULL;
	}
	if (second && second_score >= SDB_SNIFF_LIKELY &&
	    second_score > best_score - SDB_SNIFF_MARGIN) {
		sdb_error_at_pos(err, in->path, 0, 0,
			"cannot tell the format: it could be %s or %s; give "
			"--format (see 'statusdb import --help')",
			best->name, second->name);
		return NULL;
	}
	return best;
}

/* 1 when s holds a citation in brackets: "[RFC9110, Section 15.2.1]". */
static int has_bracketed_reference(const char *s)
{
	const char *p;

	for (p = strchr(s, '['); p; p = strchr(p + 1, '[')) {
		const char *q = p + 1;

		while (*q == ' ')
			q++;
		if (sdb_strnieq(q, "rfc", 3) || sdb_strnieq(q, "draft-", 6))
			return 1;
	}
	return 0;
}

/*
 * What every format promises, checked on what an importer read: a name
 * is a phrase, not a citation.  A name holding one means the file was
 * read as another format than it is, or its columns were misread.
 */
static int check_claims(const struct sdb_input *in,
			const struct sdb_claims *out, struct sdb_error *err)
{
	size_t i;

	for (i = 0; i < out->n; i++) {
		const struct sdb_claim *c = &out->v[i];

		if (c->field == SDB_FIELD_NAME && has_bracketed_reference(c->value))
			return sdb_error_at(err, in, c->start,
				"name of %d '%.60s' holds a reference: this is "
				"not a name (is the format right?)",
				c->code, c->value);
	}
	return 0;
}

int sdb_importer_run(const struct sdb_importer *im, const struct sdb_input *in,
		     struct sdb_claims *out, struct sdb_error *err)
{
	if (im->parse(in, out, err))
		return -1;
	if (!out->entries && !out->nranges && !out->ndocs)
		return sdb_error_at(err, in, 0, "no status codes found");
	return check_claims(in, out, err);
}
