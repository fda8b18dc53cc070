/*
 * html_tree.c - the report's page as a light tree in an arena, written
 * with the bytes libxml2's HTML serializer gives the same tree; see
 * html_tree.h for the rules and why.
 */
#include "html_tree.h"
#include "../common/arena.h"
#include "../common/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/entities.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

enum kind { ELEMENT, TEXT, SLOT };

/* A tag or an attribute's name, with what writing it needs to know. */
struct name {
	const char *key;	/* the address it was given at */
	const char *s;		/* its text: a copy */
	size_t len;
	const htmlElemDesc *info;	/* a tag's: libxml2's facts, or NULL */
	unsigned flags;
	char text[24];		/* the copy, when short */
};

enum {
	RAW = 1,	/* a tag whose text is written raw: script, style */
	NOT_P = 2,	/* a tag libxml2 formats: not p, pre, param */
	BOOLEAN = 4,	/* an attribute written without its value */
	URI = 8,	/* an attribute whose value is a URI: href, ... */
	URI_IN_A = 16	/* ... only on a: name */
};

struct attr {
	const struct name *name;
	const char *value;	/* NULL: none */
	size_t len;
	struct attr *next;
};

struct element {
	const struct name *name;	/* the tag */
	struct attr *attrs, *last_attr;
	struct sdb_node *children, *last;
};

struct text {
	const char *s;		/* NUL-terminated */
	size_t len;
};

/* A text takes 40 bytes, an element 64: a big summary is a million. */
struct sdb_node {
	struct sdb_ht *ht;
	struct sdb_node *next;
	enum kind kind;
	union {
		struct element el;
		struct text t;
		int slot;
	} u;
};

/* Names are looked up once: a few dozen literals, found by address. */
#define NAMES 256

struct names {
	struct name v[NAMES];
	size_t n;
};

struct sdb_ht {
	struct sdb_arena arena;	/* the nodes, names and text */
	struct names tags, attrs;
	xmlDocPtr doc;		/* an HTML document, for the escaping */
	xmlBufferPtr quoted;	/* scratch for xmlBufferWriteQuotedString */
	struct sdb_buf scratch;	/* the user's */
	struct sdb_ht *pieces;	/* where its slots' pieces are built */
};

static void *arena(struct sdb_ht *ht, size_t n)
{
	return sdb_arena_alloc(&ht->arena, n);
}

static const char *copy(struct sdb_ht *ht, const char *s, size_t n)
{
	return sdb_arena_strndup(&ht->arena, s, n);
}

struct sdb_ht *sdb_ht_new(void)
{
	struct sdb_ht *ht = sdb_xcalloc(1, sizeof(*ht));

	sdb_buf_init(&ht->scratch);
	ht->doc = htmlNewDocNoDtD(NULL, NULL);
	ht->quoted = xmlBufferCreate();
	if (!ht->doc || !ht->quoted)
		sdb_die("out of memory writing the report");
	return ht;
}

void sdb_ht_reset(struct sdb_ht *ht)
{
	sdb_arena_reset(&ht->arena);
}

void sdb_ht_free(struct sdb_ht *ht)
{
	if (!ht)
		return;
	sdb_arena_release(&ht->arena);
	xmlFreeDoc(ht->doc);
	xmlBufferFree(ht->quoted);
	sdb_buf_release(&ht->scratch);
	sdb_ht_free(ht->pieces);
	free(ht);
}

static void describe(struct name *nm, const char *s, size_t len, int tag)
{
	nm->len = len;
	nm->info = NULL;
	nm->flags = 0;
	if (tag) {
		nm->info = htmlTagLookup((const xmlChar *)s);
		if (!strcasecmp(s, "script") || !strcasecmp(s, "style"))
			nm->flags |= RAW;
		if (s[0] != 'p')
			nm->flags |= NOT_P;
	} else {
		if (htmlIsBooleanAttr((const xmlChar *)s))
			nm->flags |= BOOLEAN;
		if (!strcasecmp(s, "href") || !strcasecmp(s, "action") ||
		    !strcasecmp(s, "src"))
			nm->flags |= URI;
		if (!strcasecmp(s, "name"))
			nm->flags |= URI_IN_A;
	}
}

/*
 * s described.  The report names tags and attributes with literals, so
 * a name is found again by its address (open addressing), then checked
 * against its copy: a buffer given again with other text is no hit.
 * Long names, a table 3/4 full or such a buffer: a name of its own in
 * the arena, freed with the nodes.
 */
static const struct name *intern(struct sdb_ht *ht, const char *s, int tag)
{
	struct names *t = tag ? &ht->tags : &ht->attrs;
	size_t i = (size_t)(((uintptr_t)s >> 3) % NAMES), len;
	struct name *nm;

	for (; t->v[i].key; i = (i + 1) % NAMES)
		if (t->v[i].key == s) {
			if (!strcmp(t->v[i].s, s))
				return &t->v[i];
			break;
		}
	len = strlen(s);
	if (t->v[i].key || t->n >= NAMES / 4 * 3 || len >= sizeof(nm->text)) {
		nm = arena(ht, sizeof(*nm));
		nm->key = NULL;
		nm->s = copy(ht, s, len);
	} else {
		nm = &t->v[i];
		nm->key = s;
		memcpy(nm->text, s, len + 1);
		nm->s = nm->text;
		t->n++;
	}
	describe(nm, nm->s, len, tag);
	return nm;
}

static struct sdb_node *add(struct sdb_ht *ht, struct sdb_node *parent,
			    enum kind kind)
{
	size_t size = offsetof(struct sdb_node, u) +
		      (kind == ELEMENT ? sizeof(struct element)
		       : kind == SLOT ? sizeof(int) : sizeof(struct text));
	struct sdb_node *n = arena(ht, size);

	memset(n, 0, size);
	n->ht = ht;
	n->kind = kind;
	if (parent) {
		struct element *p = &parent->u.el;

		if (p->last)
			p->last->next = n;
		else
			p->children = n;
		p->last = n;
	}
	return n;
}

struct sdb_node *sdb_ht_el(struct sdb_ht *ht, struct sdb_node *parent,
			   const char *tag)
{
	struct sdb_node *n = add(ht, parent, ELEMENT);

	n->u.el.name = intern(ht, tag, 1);
	return n;
}

struct sdb_buf *sdb_ht_scratch(struct sdb_ht *ht)
{
	return &ht->scratch;
}

struct sdb_ht *sdb_ht_of(const struct sdb_node *n)
{
	return n->ht;
}

void sdb_ht_attr(struct sdb_node *n, const char *name, const char *value)
{
	struct attr *a = arena(n->ht, sizeof(*a));

	a->name = intern(n->ht, name, 0);
	a->len = value ? strlen(value) : 0;
	a->value = value ? copy(n->ht, value, a->len) : NULL;
	a->next = NULL;
	if (n->u.el.last_attr)
		n->u.el.last_attr->next = a;
	else
		n->u.el.attrs = a;
	n->u.el.last_attr = a;
}

void sdb_ht_text(struct sdb_node *parent, const char *s, size_t len)
{
	struct sdb_node *n = add(parent->ht, parent, TEXT);

	n->u.t.s = copy(parent->ht, s, len);
	n->u.t.len = len;
}

void sdb_ht_slot(struct sdb_node *parent, int slot)
{
	add(parent->ht, parent, SLOT)->u.slot = slot;
}

/* --- writing ---------------------------------------------------------- */

/* What a write carries down to every node and slot. */
struct writer {
	struct sdb_buf *out;
	sdb_ht_slot_fn fn;
	void *arg;
	sdb_ht_flush_fn flush;
	void *flush_arg;
	size_t flush_at;
	int failed;		/* what flush returned, once not 0 */
	size_t pinned;		/* frames whose open_at is undecided */
};

#define NONE SIZE_MAX

/*
 * An element being written, and what its children so far decide.  The
 * children are those libxml2 would see: a slot's pieces each count, in
 * its place; a slot that writes none is not there.
 */
struct frame {
	const struct sdb_node *el;
	size_t count;		/* children written */
	size_t open_at;		/* the first child is an element: where the
				   newline after the start tag goes if a
				   second child comes; NONE */
	int last_text;		/* the last child is text */
	int block;		/* the last child is a block element: a
				   newline goes after it if an element
				   follows */
};

struct sdb_ht_part {
	struct sdb_ht *ht;
	struct writer *w;
	struct frame *f;	/* the slot's parent's */
};

/* n bytes of s to out, with room for the NUL that ends() puts. */
static inline void put(struct sdb_buf *out, const char *s, size_t n)
{
	if (out->len + n + 1 > out->alloc)
		sdb_buf_grow(out, n);
	memcpy(out->s + out->len, s, n);
	out->len += n;
}

/* out a string again, for its reader. */
static void ends(struct sdb_buf *out)
{
	if (out->s)
		out->s[out->len] = '\0';
}

/* A newline at out's byte at: the bytes from there move on by one. */
static void insert_newline(struct sdb_buf *out, size_t at)
{
	put(out, "\n", 1);
	memmove(out->s + at + 1, out->s + at, out->len - 1 - at);
	out->s[at] = '\n';
}

/* The bytes libxml2's escaping may change (see html_tree.h). */
static const unsigned char escaped[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* below 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['&'] = 1, ['<'] = 1, ['>'] = 1
};

/* 1 when s (n bytes, then a NUL, as every text here) holds one of them;
 * the NUL is one too. */
static int changes(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;

	while (!escaped[*p])
		p++;
	return p < (const unsigned char *)s + n;
}

static void put_free(struct sdb_buf *out, xmlChar *s)
{
	if (!s)
		sdb_die("out of memory writing the report");
	put(out, (const char *)s, strlen((const char *)s));
	xmlFree(s);
}

static void write_text(const struct sdb_node *n, const struct sdb_node *parent,
		       struct sdb_buf *out)
{
	if ((parent && (parent->u.el.name->flags & RAW)) ||	/* raw */
	    !changes(n->u.t.s, n->u.t.len))
		put(out, n->u.t.s, n->u.t.len);
	else
		put_free(out, xmlEncodeEntitiesReentrant(
				      n->ht->doc, (const xmlChar *)n->u.t.s));
}

/* The value, quoted as xmlBufferWriteQuotedString() quotes it. */
static void quoted(struct sdb_ht *ht, const char *v, size_t n,
		   struct sdb_buf *out)
{
	if (!memchr(v, '"', n)) {
		put(out, "\"", 1);
		put(out, v, n);
		put(out, "\"", 1);
		return;
	}
	xmlBufferEmpty(ht->quoted);
	xmlBufferWriteQuotedString(ht->quoted, (const xmlChar *)v);
	put(out, (const char *)xmlBufferContent(ht->quoted),
	    (size_t)xmlBufferLength(ht->quoted));
}

static void write_attr(const struct attr *a, const struct sdb_node *el,
		       struct sdb_buf *out)
{
	xmlChar *esc = NULL, *uri = NULL;
	const char *v = a->value;
	size_t n = a->len;

	put(out, " ", 1);
	put(out, a->name->s, a->name->len);
	if (!v || (a->name->flags & BOOLEAN))
		return;
	put(out, "=", 1);
	if (changes(v, n)) {
		/* as htmlAttrDumpOutput() gets it: the attribute's text */
		xmlAttrPtr t = xmlNewProp(NULL, (const xmlChar *)a->name->s,
					  (const xmlChar *)v);

		esc = t ? xmlNodeListGetString(el->ht->doc, t->children, 0)
			: NULL;
		xmlFreeProp(t);
		if (!esc)
			sdb_die("out of memory writing the report");
		v = (const char *)esc;
		n = strlen(v);
	}
	if ((a->name->flags & URI) ||
	    ((a->name->flags & URI_IN_A) &&
	     !strcasecmp(el->u.el.name->s, "a"))) {
		const xmlChar *t = (const xmlChar *)v;

		while (IS_BLANK_CH(*t))
			t++;
		uri = xmlURIEscapeStr(t, (const xmlChar *)"@/:=?;#%&,+<>");
		if (uri) {
			v = (const char *)uri;
			n = strlen(v);
		}
	}
	quoted(el->ht, v, n, out);
	xmlFree(uri);
	xmlFree(esc);
}

/* libxml2 formats block elements but p, pre and param. */
static int formats(const struct sdb_node *n)
{
	const struct name *nm = n->u.el.name;

	return nm->info && !nm->info->isinline && (nm->flags & NOT_P);
}

static int is_block(const struct sdb_node *n)
{
	return n->kind == ELEMENT && n->u.el.name->info &&
	       !n->u.el.name->info->isinline;
}

static void end_tag(const struct sdb_node *n, struct sdb_buf *out)
{
	put(out, "</", 2);
	put(out, n->u.el.name->s, n->u.el.name->len);
	put(out, ">", 1);
}

/* Whether a child follows c in the tree: 1 surely, 0 not, -1 when only
 * slots follow (they may write nothing). */
static int more_after(const struct sdb_node *c)
{
	int slots = 0;

	for (c = c->next; c; c = c->next) {
		if (c->kind != SLOT)
			return 1;
		slots = 1;
	}
	return slots ? -1 : 0;
}

/*
 * c, a child of f's element, begins (piece: a slot's piece, after which
 * more may come).  The newlines that waited for it: after the start tag
 * when it is the second child and the first was an element; after the
 * last child when that was a block element and this is not text.  When it
 * is the first child and an element, the newline after the start tag goes
 * in now if a second child surely follows, or waits (open_at) when slots
 * decide.  f NULL: a root.
 */
static void child_begins(struct writer *w, struct frame *f,
			 const struct sdb_node *c, int piece)
{
	int text = c->kind == TEXT;

	if (!f)
		return;
	if (f->count == 1 && f->open_at != NONE) {
		insert_newline(w->out, f->open_at);
		f->open_at = NONE;
		w->pinned--;
	}
	if (f->block && !text)
		put(w->out, "\n", 1);
	if (f->count == 0 && !text && formats(f->el)) {
		int more = piece ? -1 : more_after(c);

		if (more > 0) {
			put(w->out, "\n", 1);
		} else if (more < 0) {
			f->open_at = w->out->len;
			w->pinned++;
		}
	}
	f->count++;
}

static void child_ends(struct frame *f, const struct sdb_node *c)
{
	if (!f)
		return;
	f->last_text = c->kind == TEXT;
	/* a block element, then no text: a newline, unless in p, pre, param */
	f->block = is_block(c) && (f->el->u.el.name->flags & NOT_P);
}

static int write_child(struct writer *w, struct frame *f,
		       const struct sdb_node *c, int piece);

static int write_element(struct writer *w, const struct sdb_node *n)
{
	const htmlElemDesc *info = n->u.el.name->info;
	const struct sdb_node *c;
	const struct attr *a;
	struct frame f;
	int rc;

	put(w->out, "<", 1);
	put(w->out, n->u.el.name->s, n->u.el.name->len);
	for (a = n->u.el.attrs; a; a = a->next)
		write_attr(a, n, w->out);
	put(w->out, ">", 1);
	if (info && info->empty)
		return 0;
	f.el = n;
	f.count = 0;
	f.open_at = NONE;
	f.last_text = f.block = 0;
	for (c = n->u.el.children; c; c = c->next)
		if ((rc = write_child(w, &f, c, 0)) != 0)
			return rc;
	if (f.open_at != NONE)
		w->pinned--;	/* one child: no newline after the start tag */
	if (!f.count) {
		if (!info || !info->saveEndTag || !strcmp(info->name, "html") ||
		    !strcmp(info->name, "body"))
			end_tag(n, w->out);
		return 0;
	}
	if (formats(n) && !f.last_text && f.count > 1)
		put(w->out, "\n", 1);
	end_tag(n, w->out);
	return 0;
}

static int write_slot(struct writer *w, struct frame *f,
		      const struct sdb_node *n)
{
	struct sdb_ht_part part;
	int rc;

	if (!w->fn)
		return 0;
	if (!n->ht->pieces)
		n->ht->pieces = sdb_ht_new();
	part.ht = n->ht->pieces;
	part.w = w;
	part.f = f;
	rc = w->fn(w->arg, n->u.slot, &part);
	sdb_ht_reset(part.ht);
	return rc;
}

/* c, a child of f's element (f NULL: a root); piece: a slot's piece,
 * after which more may come. */
static int write_child(struct writer *w, struct frame *f,
		       const struct sdb_node *c, int piece)
{
	int rc = 0;

	switch (c->kind) {
	case SLOT:
		return write_slot(w, f, c);
	case TEXT:
		child_begins(w, f, c, piece);
		write_text(c, f ? f->el : NULL, w->out);
		break;
	case ELEMENT:
		child_begins(w, f, c, piece);
		rc = write_element(w, c);
		break;
	}
	child_ends(f, c);
	return rc;
}

struct sdb_ht *sdb_ht_part_tree(struct sdb_ht_part *part)
{
	return part->ht;
}

int sdb_ht_emit(struct sdb_ht_part *part, const struct sdb_node *piece)
{
	struct writer *w = part->w;
	int rc = write_child(w, part->f, piece, 1);

	sdb_ht_reset(part->ht);
	/* what is written is final when no newline may still go into it */
	if (!rc && !w->failed && w->flush && !w->pinned &&
	    w->out->len >= w->flush_at) {
		ends(w->out);
		w->failed = w->flush(w->flush_arg, w->out);
	}
	return rc ? rc : w->failed;
}

int sdb_ht_write_flushed(const struct sdb_node *n, struct sdb_buf *out,
			 sdb_ht_slot_fn fn, void *arg,
			 sdb_ht_flush_fn flush, void *flush_arg, size_t at)
{
	struct writer w;
	int rc;

	w.out = out;
	w.fn = fn;
	w.arg = arg;
	w.flush = flush;
	w.flush_arg = flush_arg;
	w.flush_at = at;
	w.failed = 0;
	w.pinned = 0;
	/* as a root: no parent, and no next sibling written after it */
	rc = write_child(&w, NULL, n, 0);
	ends(out);
	return rc ? rc : w.failed;
}

int sdb_ht_write(const struct sdb_node *n, struct sdb_buf *out,
		 sdb_ht_slot_fn fn, void *arg)
{
	return sdb_ht_write_flushed(n, out, fn, arg, NULL, NULL, 0);
}
