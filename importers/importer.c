/*
 * importer.c - the table of importers.  One row per format.
 */
#include "importer.h"

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

const struct sdb_importer *sdb_importer_guess(const struct sdb_input *in)
{
	const struct sdb_importer *im, *best = NULL;
	int score, best_score = 0;

	for (im = sdb_importers; im->name; im++) {
		score = im->sniff(in);
		if (score > best_score) {
			best = im;
			best_score = score;
		}
	}
	return best;
}

int sdb_importer_run(const struct sdb_importer *im, const struct sdb_input *in,
		     struct sdb_claims *out, struct sdb_error *err)
{
	if (im->parse(in, out, err))
		return -1;
	if (!out->entries && !out->nranges)
		return sdb_error_at(err, in, 0, "no status codes found");
	return 0;
}
