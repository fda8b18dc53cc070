/*
 * report_int.h - what the files of the audit report share: the tree
 * helpers and the page skeleton (report.c), the summary
 * (report_summary.c), the matrix and its evidence (report_matrix.c), the
 * registry's timeline (report_timeline.c).  Internal to exporters/report*.c.
 *
 * Text from the database reaches the tree only through
 * sdb_report_text() and sdb_report_attr() (and the helpers built on
 * them), which show control and bidirectional characters as visible
 * marks; see report.c.
 */
#ifndef SDB_REPORT_INT_H
#define SDB_REPORT_INT_H

#include "exporter.h"
#include "audit.h"

#include "html_tree.h"

#include <stddef.h>

/* How each judgement looks: a symbol repeats the colour. */
struct look {
	const char *symbol;
	const char *label;
	const char *meaning;
};

extern const struct look sdb_report_looks[SDB_NJUDGEMENTS];

/* Per row: the judgements among its cells, and its worst finding. */
struct row_info {
	unsigned kinds;		/* 1 << enum sdb_judgement */
	int findings;		/* 0 none, 1 minor only, 2 a real one */
};

/* What the sections share. */
struct report {
	const struct sdb_audit *a;
	struct row_info *info;	/* per row of a->records */
	char *shown;		/* per row, and one more (0): 1 when the
				   options include the row's code */
	unsigned kinds;		/* the judgements of shown cells */
};

/* --- building the tree (report.c; html_tree.h) ------------------------- */

/* A new element under parent, with a class when cls is set. */
struct sdb_node *sdb_report_el(struct sdb_node *parent, const char *tag, const char *cls);
/* Text from the database, appended to parent as inert text. */
void sdb_report_text(struct sdb_node *parent, const char *s);
/* Text made here (numbers, words); still goes through sdb_report_text(). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void sdb_report_textf(struct sdb_node *parent, const char *fmt, ...);
/* An attribute whose value may come from the database. */
void sdb_report_attr(struct sdb_node *n, const char *name, const char *value);
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void sdb_report_attrf(struct sdb_node *n, const char *name, const char *fmt, ...);
/* An element holding text: sdb_report_el() then sdb_report_text(). */
struct sdb_node *sdb_report_el_text(struct sdb_node *parent, const char *tag,
			      const char *cls, const char *s);
/* The symbol of j, hidden from screen readers (the words say it). */
void sdb_report_add_symbol(struct sdb_node *parent, enum sdb_judgement j);
/* "1xx" for 100..199. */
void sdb_report_class_key(char *k, size_t n, int code);

/*
 * Short strings made of words and numbers, for the parts written once per
 * cell or claim: snprintf() costs some 800 instructions a call, a tenth
 * of the report.  Truncates silently past its size, as snprintf would.
 */
struct sdb_short {
	char s[96];
	size_t n;
};

static inline struct sdb_short *sdb_short_s(struct sdb_short *b,
					    const char *s)
{
	while (*s && b->n + 1 < sizeof(b->s))
		b->s[b->n++] = *s++;
	b->s[b->n] = '\0';
	return b;
}

static inline struct sdb_short *sdb_short_n(struct sdb_short *b, long long v)
{
	char d[24];
	int i = 0;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v
				       : (unsigned long long)v;

	do
		d[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		d[i++] = '-';
	while (i > 0 && b->n + 1 < sizeof(b->s))
		b->s[b->n++] = d[--i];
	b->s[b->n] = '\0';
	return b;
}

/* b emptied, then a, v and c: sdb_short_cat(&b, "c-", 404, "") */
static inline const char *sdb_short_cat(struct sdb_short *b, const char *a,
					long long v, const char *c)
{
	b->n = 0;
	return sdb_short_s(sdb_short_n(sdb_short_s(b, a), v), c)->s;
}

/* --- what the rows hold (report.c) ------------------------------------ */

/* The attributes the filters read, on a row of the matrix or timeline. */
void sdb_report_row_attrs(struct sdb_node *tr, const struct sdb_record *rec,
			  const struct row_info *info);
/* The row of code; records->n (never shown) when there is none. */
size_t sdb_report_row_of(const struct report *rp, int code);
/* The record of code, or NULL. */
const struct sdb_record *sdb_report_rec_of(const struct report *rp,
					   int code);
/* The claim that gave a cell its judgement, or NULL (report_matrix.c). */
const struct sdb_audit_claim *
sdb_report_deciding(const struct sdb_audit *a, const struct sdb_audit_cell *c);

/*
 * --- streaming (report.c) ---------------------------------------------
 *
 * The page's skeleton (html, head, body) is one small tree; its sections
 * are not in it.  Where each goes, the skeleton holds a slot
 * (html_tree.h), and when the skeleton is written each section is built
 * as a tree of its own, written there and freed.  The matrix's rows and
 * the evidence, the two large parts, are slots again, written piece by
 * piece (a class's rows, a cell's evidence), so the page is never in
 * memory whole.
 */

/* The page's slots (sdb_ht_slot()): the body's sections, then the parts
 * of the summary, the footer, the matrix and the evidence. */
enum {
	SDB_REPORT_SLOT_SUMMARY, SDB_REPORT_SLOT_MATRIX,
	SDB_REPORT_SLOT_TIMELINE, SDB_REPORT_SLOT_EVIDENCE_SECTION,
	SDB_REPORT_SLOT_FOOTER, SDB_REPORT_SLOT_CONFLICTS,
	SDB_REPORT_SLOT_SOURCES,
	SDB_REPORT_SLOT_ROWS, SDB_REPORT_SLOT_EVIDENCE,
	SDB_REPORT_SLOT_CLASS_ROWS	/* + the class: 1xx, ... 5xx */
};
/* A new element of a part, in no tree yet: fill it, then sdb_ht_emit()
 * it. */
struct sdb_node *sdb_report_new(struct sdb_ht_part *part, const char *tag,
				const char *cls);

/* --- the sections, each a tree of its own in ht ----------------------- */

/* The summary without its list of real conflicts: it goes in
 * SDB_REPORT_SLOT_CONFLICTS. */
struct sdb_node *sdb_report_summary(struct sdb_ht *ht, const struct report *rp);
void sdb_report_conflicts(struct sdb_ht_part *part, const struct report *rp);
/* The matrix without its rows: they go in SDB_REPORT_SLOT_ROWS. */
struct sdb_node *sdb_report_matrix(struct sdb_ht *ht, const struct report *rp);
void sdb_report_matrix_rows(struct sdb_ht_part *part, const struct report *rp);
void sdb_report_class_rows(struct sdb_ht_part *part, const struct report *rp,
			   int cls);
/* The evidence without its cells: they go in SDB_REPORT_SLOT_EVIDENCE. */
struct sdb_node *sdb_report_evidence(struct sdb_ht *ht,
				     const struct report *rp);
void sdb_report_evidence_cells(struct sdb_ht_part *part,
			       const struct report *rp);
struct sdb_node *sdb_report_timeline(struct sdb_ht *ht,
				     const struct report *rp);

#endif
