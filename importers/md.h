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
 *
 * Every search stays inside a window [floor, ceil) that the caller takes
 * from the block it reads (md_block_start(), md_block_end()), so that the
 * work per node is bounded by its block, never by the file.  Trees are
 * walked with cmark_iter, never by recursion: a cell may nest inlines
 * 100,000 deep.
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
	const char *buf;	/* text fed to cmark: in->text, or own */
	char *own;		/* in->text with front matter blanked, or NULL
				   when it has none */
	struct md_def *defs;	/* sorted by url text */
	size_t ndefs;
};

/*
 * The allocator md_parse() gives cmark-gfm.  cmark's own aborts when
 * memory runs out; this one calls sdb_die() ("statusdb: fatal: out of
 * memory ...", exit status 70) like every other allocation of statusdb.
 */
cmark_mem *md_allocator(void);

/*
 * The limits md_parse() holds cmark-gfm 0.29.0.gfm.6 (Debian 12's) to,
 * checked at each line before and after it is fed (md_limits.c).  Each
 * stops a cost that grows faster than the file; a file past one is
 * refused at the line (and column) where it passed it.
 *
 * - Memory: while cmark reads the blocks of a file of len bytes it may
 *   ask for MD_BUDGET_PER_BYTE bytes per byte and MD_BUDGET_BASE_MIB MiB
 *   (frees not subtracted).  Real lists take 7 to 35 bytes per byte,
 *   cmark's pathological inputs up to 232, a table of nothing but empty
 *   cells 370.  A table whose header is wider than its rows has no bound:
 *   every row is filled out to the header (gfm.13 caps that).
 * - Nesting: each inline cmark adds to a block walks up to the root (to
 *   rule out a cycle), so a paragraph 20,000 levels down costs 20,000
 *   steps per inline.  md_too_deep() counts a level per ">", two per list
 *   marker (a list and its item) and one per column of indentation (a
 *   list item needs at least two to go on): a bound on the depth the line
 *   can reach.  At 300 levels, 500 KB of inlines took 1.3 times as long
 *   as at 100; at 1,000, 4.4 times; at 3,000, 12 times.
 * - Cells: a table row's cells are appended to a list walked from its
 *   head each time, so a row of c cells costs c * c.  A line may have
 *   MD_MAX_PIPES "|" not escaped: 1 MB of rows of 1,000 cells took 2.6
 *   times as long as of 20.
 * - Images: each link closed walks past every image opener "![" still
 *   open in its paragraph, so the time is openers * links.  Between blank
 *   lines (a paragraph never spans one), the "![" times the "]" may not
 *   pass MD_MAX_IMAGE_WORK: 1,000 "![" then 100,000 "[]()" took 0.5 s,
 *   16,000 "![[]()" then 100,000 "[]()" 9.8 s.
 */
#define MD_BUDGET_PER_BYTE 512
#define MD_BUDGET_BASE_MIB 64
#define MD_MAX_NESTING 256
#define MD_MAX_PIPES 1000
#define MD_MAX_IMAGE_WORK 100000000
void md_asked_reset(void);	/* md_parse(): cmark asked for nothing yet */

/*
 * The offset in the line s (n bytes) at which its block quote markers,
 * list markers and indentation pass MD_MAX_NESTING levels, or SIZE_MAX
 * when they do not (a line of nothing but indentation nests nothing).
 */
size_t md_too_deep(const char *s, size_t n);

struct md_scan {		/* counts since the last blank line */
	size_t images, closers;
	size_t first;		/* offset of the line with the first, or
				   SIZE_MAX */
};
void md_scan_init(struct md_scan *sc);

/*
 * Checks the line [start, end) of buf (in's text, or its copy) against
 * the nesting, pipes and images limits, before it is fed.  Returns 0, or
 * -1 with err set.
 */
int md_check_line(struct md_scan *sc, const struct sdb_input *in,
		  const char *buf, size_t start, size_t end,
		  struct sdb_error *err);

/* After the line at start is fed: 0, or -1 with err set past the budget. */
int md_check_memory(const struct sdb_input *in, size_t start,
		    struct sdb_error *err);

/*
 * Parses in (YAML front matter blanked out, GFM tables on).  Returns 0,
 * or -1 with err set where the file passed one of the limits above; d is
 * then released.
 */
int md_parse(struct md_doc *d, const struct sdb_input *in,
	     struct sdb_error *err);
void md_release(struct md_doc *d);

/*
 * Appends the plain text of node's descendants: markup dropped, entities
 * decoded by cmark, <br> and line breaks as spaces, a space between
 * blocks (paragraphs, list items).
 */
void md_text(struct sdb_buf *b, cmark_node *node);

/*
 * The class a heading names, as the first digit of its codes: "4xx",
 * "4XX Client Error", "Client error responses", "Successful" give 4, 4,
 * 4, 2; a heading naming none ("Status codes", "Extensions") gives 0.
 */
int md_heading_class(const char *text);

/* md_text() of node with whitespace folded (sdb_fold_ws); the caller frees. */
char *md_plain(cmark_node *node);

/* 1 for inline HTML that is only a line break tag (<br>, <br/>). */
int md_is_br(cmark_node *node);

/*
 * Where a block stands: the offset of the start of its first line, and
 * of the end of its last line (before the line break).  0 and in->len
 * when cmark gave it no position.
 */
size_t md_block_start(const struct md_doc *d, cmark_node *block);
size_t md_block_end(const struct md_doc *d, cmark_node *block);

/*
 * The offset in in->text where node starts, inside [floor, ceil):
 * cmark's position when the bytes there begin with expect (NULL: the
 * node's first literal bytes), else the same column on a later line, else
 * the first occurrence of expect.  Returns 0, or -1 when node cannot be
 * found.
 */
int md_locate(const struct md_doc *d, cmark_node *node, const char *expect,
	      size_t floor, size_t ceil, size_t *off);

/*
 * The span covering node's children, <br> tags at either end left out,
 * inside [floor, ceil).  Returns 0, or -1 when empty or not found.
 */
int md_children_span(const struct md_doc *d, cmark_node *node, size_t floor,
		     size_t ceil, size_t *start, size_t *end);

/* 1 when the raw text [start, end), whitespace folded, is value. */
int md_verbatim(const struct md_doc *d, const char *value, size_t start,
		size_t end);

/*
 * The text of the link label whose '[' is at offset at, between its
 * brackets, trimmed.  Returns 0, or -1 when it is empty or not closed
 * before ceil.
 */
int md_label_span(const struct md_doc *d, size_t at, size_t ceil,
		  size_t *start, size_t *end);

/*
 * For the link whose '[' is at offset at: the span of its destination as
 * written and of its title's text inside the quotes (*title_end == 0 when
 * there is no title), and the offset just past the link, all before
 * ceil.  For reference links the destination is found in its definition.
 * Returns 0 or -1.
 */
int md_link_parts(const struct md_doc *d, cmark_node *link, size_t at,
		  size_t ceil, size_t *url_start, size_t *url_end,
		  size_t *title_start, size_t *title_end, size_t *after);

#endif
