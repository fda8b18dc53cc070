/*
 * mediawiki.h - what the MediaWiki importer's two files share: the state
 * of one import (struct wiki), the preprocessor's regions, and the
 * reading of a cell's markup, which mediawiki_markup.c does for the
 * table reader in mediawiki.c.  Internal to those two files.
 */
#ifndef SDB_MEDIAWIKI_H
#define SDB_MEDIAWIKI_H

#include "importer.h"
#include "text.h"

#include <stddef.h>

struct span {
	size_t start, end;
};

struct row {
	struct span *cells;
	size_t n, alloc;
	size_t start;		/* offset of the "|-" or first cell */
};

/* What the preprocessor takes out of the text before parsing it. */
enum region_kind {
	REGION_COMMENT,		/* <!-- -->: nothing */
	REGION_DROP,		/* <ref>...</ref>: nothing of the cell */
	REGION_LITERAL		/* <nowiki>...</nowiki>: its content as text */
};

struct region {
	size_t start, end;	/* the whole, tags included */
	size_t cstart, cend;	/* the content */
	enum region_kind kind;
};

/* A bracket pair in a cell: "[[ ]]" or "{{ }}", and its first pipes. */
struct pair {
	size_t open, close;	/* offsets of the "[[" and of the "]]" */
	size_t pipe[3];		/* top-level '|' in it, 0: none */
};

/* An external link read in a cell: [url label]. */
struct xlink {
	size_t url, url_end;	/* raw text of the URL */
	size_t label, label_end;/* the label's bytes in the cell's text */
};

/* The first template that shows unknown text, for the error. */
struct tpl_error {
	size_t at;		/* offset of its "{{", or (size_t)-1 */
	char name[64];
};

/*
 * A search remembered: the first match at or after `from` is at `at`
 * (len: none), so a later search from between them needs no scan.
 */
struct memo {
	size_t from, at;
};

struct wiki {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	struct region *regions;	/* in file order, not nested */
	size_t nregions, regions_alloc;
	size_t rcur;		/* first region that may hold a line end */
	struct span heading;	/* current class heading, empty if none */
	struct row header;
	struct row row;
	enum sdb_role *roles;
	int code_col;		/* -1: not a status table */
	int tables;		/* status tables seen */
	/* per cell, reused */
	struct pair *pairs;
	size_t npairs, pairs_alloc;
	struct xlink *links;
	size_t nlinks, links_alloc;
	struct memo close_memo;	/* the cell's last search for ']' */
	struct memo gt_memo;	/* and for '>' */
};

/* Comments and extension tags, in one pass over the file: w->regions. */
void sdb_wiki_find_regions(struct wiki *w);

/* The index of the first region ending after off. */
size_t sdb_wiki_region_after(const struct wiki *w, size_t off);

/*
 * What the cell [start, end) shows, into m (initialized), with its
 * external links in w->links.  A template showing unknown text is
 * skipped, and the first such is reported in *te.
 */
void sdb_wiki_text(struct wiki *w, size_t start, size_t end,
		   struct sdb_mtext *m, struct tpl_error *te);

#endif
