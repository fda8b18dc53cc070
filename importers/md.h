/*
 * md.h - what the Markdown importers share: parsing with cmark-gfm, the
 * plain text of a node, and where a node's text stands in the file.
 *
 * cmark-gfm gives every node a source position, but inline positions are
 * only hints: after a link title that runs over two lines, the lines of
 * the inlines that follow are off by one, and link destinations and titles
 * have no position at all.  md_locate() checks each hint against the bytes
 * of the file and corrects it; md_link_parts() finds a link's destination
 * and title inside the link's text.
 */
#ifndef SDB_MD_H
#define SDB_MD_H

#include "importer.h"
#include "../common/buf.h"

#include <cmark-gfm.h>

struct md_def {			/* a link reference definition "[x]: url" */
	size_t label_start, label_end;
	size_t url_start, url_end;
};

struct md_doc {
	const struct sdb_input *in;
	cmark_parser *parser;
	cmark_node *root;
	char *buf;		/* text fed to cmark: front matter blanked */
	struct md_def *defs;	/* sorted by url text */
	size_t ndefs;
};

/* Parses in (YAML front matter blanked out, GFM tables on). Returns 0. */
int md_parse(struct md_doc *d, const struct sdb_input *in);
void md_release(struct md_doc *d);

/* Appends the plain text of node's descendants: markup dropped, entities
 * decoded by cmark, <br> and line breaks as spaces. */
void md_text(struct sdb_buf *b, cmark_node *node);

/* 1 for inline HTML that is only a line break tag (<br>, <br/>). */
int md_is_br(cmark_node *node);

/*
 * The offset in in->text where node starts, at or after floor: cmark's
 * position when the bytes there begin with expect (NULL or "": the node's
 * first literal bytes), else the same column on a later line, else the
 * first occurrence of expect at or after floor.  Returns 0, or -1 when
 * node cannot be found.
 */
int md_locate(const struct md_doc *d, cmark_node *node, const char *expect,
	      size_t floor, size_t *off);

/*
 * The span covering node's children, <br> tags at either end left out,
 * located at or after floor.  Returns 0, or -1 when empty or not found.
 */
int md_children_span(const struct md_doc *d, cmark_node *node, size_t floor,
		     size_t *start, size_t *end);

/*
 * For the link whose '[' is at offset at: the span of its destination as
 * written and of its title's text inside the quotes (*title_end == 0 when
 * there is no title), and the offset just past the link.  For reference
 * links the destination is found in its definition.  Returns 0 or -1.
 */
int md_link_parts(const struct md_doc *d, cmark_node *link, size_t at,
		  size_t *url_start, size_t *url_end,
		  size_t *title_start, size_t *title_end, size_t *after);

#endif
