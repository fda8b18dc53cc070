/*
 * c_header.c - http_status.h: the canonical codes as one C header that
 * compiles warning-free as C89 to C23 and as C++98 to C++20:
 *
 *   enum http_status { HTTP_STATUS_CONTINUE = 100, ... };
 *   #define HTTP_STATUS_MAP(XX) XX(100, CONTINUE, "Continue") ...
 *   #define HTTP_STATUS_FLAGS_MAP(XX) XX(100, CONTINUE, "Continue", flags)
 *   #define HTTP_STATUS_OTHER_NAMES_MAP(XX) XX(413, "Payload Too Large",
 *           since, until, "PAYLOAD_TOO_LARGE") ...
 *   http_status_reason(), _class_name(), _flags(), _is_registered(),
 *   _from_phrase(), _from_identifier(), ...
 *
 * Every name it declares comes from one identifier prefix (--prefix):
 * the enumerators take it as given ("HTTP_STATUS_", "HttpStatus_"), the
 * functions in lowercase ("http_status_", "httpstatus_"), the macros in
 * uppercase ("HTTP_STATUS_", "HTTPSTATUS_"), the enum's tag in lowercase
 * without the trailing underscore ("http_status", "httpstatus").  A
 * header made with another prefix can so be included beside this one,
 * or beside llhttp's.  Names the header would declare twice are refused.
 *
 * Identifiers are the reconciler's (reconciler/identifiers.c): public API,
 * each meaning one code for good; --style camel spells the same words in
 * CamelCase.  Aliases, the names a code officially had, are enumerators of
 * the same value; the deprecated ones carry an attribute compilers warn on.
 *
 * Source text never reaches the header unescaped: string literals escape
 * '"', '\', '?' (no trigraphs) and every byte outside printable ASCII as
 * a named or three-digit octal escape; comments fold control characters
 * to spaces, drop non-ASCII and break up the pairs that would end a
 * comment, open one or form a trigraph.
 *
 * The text that does not depend on the records, the prelude and the
 * functions, is in c_header_templates.c, as templates for expand().
 */
#include "c_header_int.h"
#include "exporter.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../reconciler/policy.h"

#include <stdio.h>
#include <string.h>

/* The longest string literal C99 compilers must accept (5.2.4.1); gcc and
 * clang warn with -Wpedantic beyond it. */
#define C_STRING_MAX 4095

/* Appends s as the inside of a C string literal. */
static void add_c_string(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sdb_buf_adds(b, "\\\""); break;
		case '\\': sdb_buf_adds(b, "\\\\"); break;
		case '?': sdb_buf_adds(b, "\\?"); break;
		case '\n': sdb_buf_adds(b, "\\n"); break;
		case '\t': sdb_buf_adds(b, "\\t"); break;
		case '\r': sdb_buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20 || c >= 0x7F)
				sdb_buf_addf(b, "\\%03o", c);
			else
				sdb_buf_addch(b, (char)c);
		}
	}
}

/* Appends s as a C string literal, or NULL. */
static void add_c_literal(struct sdb_buf *b, const char *s)
{
	if (!s) {
		sdb_buf_adds(b, "NULL");
		return;
	}
	sdb_buf_addch(b, '"');
	add_c_string(b, s, strlen(s));
	sdb_buf_addch(b, '"');
}

/*
 * Appends s as text inside a comment: control characters fold to one
 * space, non-ASCII bytes are dropped, and a space goes between the
 * characters of every "* /", "/ *" and "? ?" pair.
 */
static void add_c_comment(struct sdb_buf *b, const char *s)
{
	size_t start = b->len;
	char prev = 0;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80)
			continue;
		if (c < 0x20 || c == 0x7F || c == ' ') {
			if (prev != ' ' && b->len > start)
				sdb_buf_addch(b, prev = ' ');
			continue;
		}
		if ((prev == '*' && c == '/') || (prev == '/' && c == '*') ||
		    (prev == '?' && c == '?'))
			sdb_buf_addch(b, ' ');
		sdb_buf_addch(b, prev = (char)c);
	}
	if (prev == ' ')
		sdb_buf_rtrim(b);
}

/* The names the header declares, all from the identifier prefix. */
struct names {
	const char *prefix;	/* enumerators: "HTTP_STATUS_", "HttpStatus_" */
	char *fn;		/* functions: "http_status_" */
	char *mac;		/* macros: "HTTP_STATUS_" */
	char *tag;		/* the enum's tag: "http_status" */
	int camel;
};

static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }

/*
 * The functions take the prefix in lowercase, the macros in uppercase,
 * each ending in an underscore ("HttpStatus_": httpstatus_reason(),
 * HTTPSTATUS_MAP), so that headers of different prefixes never share a
 * name.
 */
static void names_init(struct names *n, const struct sdb_export_opts *o)
{
	struct sdb_buf f = SDB_BUF_INIT, m = SDB_BUF_INIT;
	const char *p;

	n->camel = o->camel;
	n->prefix = o->prefix ? o->prefix : o->camel ? SDB_EXPORT_PREFIX_CAMEL
		    : SDB_EXPORT_PREFIX;
	for (p = n->prefix; *p; p++) {
		sdb_buf_addch(&f, is_upper(*p) ? (char)(*p - 'A' + 'a') : *p);
		sdb_buf_addch(&m, is_lower(*p) ? (char)(*p - 'a' + 'A') : *p);
	}
	if (!f.len || f.s[f.len - 1] != '_') {
		sdb_buf_addch(&f, '_');
		sdb_buf_addch(&m, '_');
	}
	n->tag = sdb_xstrndup(f.s, f.len - 1);
	n->fn = sdb_buf_detach(&f);
	n->mac = sdb_buf_detach(&m);
}

static void names_release(struct names *n)
{
	free(n->fn);
	free(n->mac);
	free(n->tag);
}

/*
 * Appends tmpl with its placeholders filled in: @P the enumerators'
 * prefix, @F the functions', @M the macros', @T the enum's tag, @N the
 * length of @P.
 */
static void expand(struct sdb_buf *b, const struct names *n, const char *tmpl)
{
	const char *p;

	for (p = tmpl; *p; p++) {
		if (*p != '@' || !p[1]) {
			sdb_buf_addch(b, *p);
			continue;
		}
		switch (*++p) {
		case 'P': sdb_buf_adds(b, n->prefix); break;
		case 'F': sdb_buf_adds(b, n->fn); break;
		case 'M': sdb_buf_adds(b, n->mac); break;
		case 'T': sdb_buf_adds(b, n->tag); break;
		case 'N': sdb_buf_addf(b, "%zu", strlen(n->prefix)); break;
		default: sdb_buf_addch(b, '@'); sdb_buf_addch(b, *p);
		}
	}
}

/*
 * The identifier suffix for ident (a suffix the reconciler gave name):
 * upper snake case as stored, or the same words in CamelCase.
 */
static void add_suffix(struct sdb_buf *b, const struct names *n,
		       const char *ident, const char *name)
{
	char *base, *camel;
	size_t len;

	if (!n->camel || !name) {
		sdb_buf_adds(b, ident);
		return;
	}
	/* what the reconciler added to the name's own suffix: "_122" */
	base = sdb_ident_snake(name, strlen(name));
	len = strlen(base);
	camel = sdb_ident_camel(name, strlen(name));
	sdb_buf_adds(b, camel);
	if (!strncmp(ident, base, len))
		sdb_buf_adds(b, ident + len);
	free(base);
	free(camel);
}

static void add_ident(struct sdb_buf *b, const struct names *n,
		      const char *ident, const char *name)
{
	sdb_buf_adds(b, n->prefix);
	add_suffix(b, n, ident, name);
}

/* The flags of a code, from the most lasting: the status flags follow
 * enum sdb_status, uppercased. */
#define FLAG_SETS 2	/* the first set's bit */
#define FLAG_STATUSES (FLAG_SETS + SDB_NSETS)

static unsigned record_flags(const struct sdb_record *r)
{
	unsigned f = (r->registered == 1) | (unsigned)r->official << 1;

	return f | sdb_export_sets(r->code) << FLAG_SETS |
	       r->statuses << FLAG_STATUSES;
}

/* The name of flag bit i, after the macro prefix and "FLAG_". */
static void add_flag_name(struct sdb_buf *b, unsigned i)
{
	const char *s;

	if (i == 0)
		s = "REGISTERED";
	else if (i == 1)
		s = "OFFICIAL";
	else if (i < FLAG_STATUSES)
		s = sdb_set_names[i - FLAG_SETS];
	else
		s = sdb_status_name((enum sdb_status)(i - FLAG_STATUSES));
	for (; *s; s++)
		sdb_buf_addch(b, is_lower(*s) ? (char)(*s - 'a' + 'A') : *s);
}

#define NFLAGS (FLAG_STATUSES + SDB_NSTATUS)

/* The comment after a code: its references and statuses. */
static void add_note(struct sdb_buf *b, const struct sdb_record *r)
{
	struct sdb_buf t = SDB_BUF_INIT;
	size_t i;
	int any = 0;

	for (i = 0; i < r->nrefs; i++) {
		if (i)
			sdb_buf_adds(&t, "; ");
		sdb_export_reference(&t, &r->refs[i]);
	}
	for (i = 0; i < SDB_NSTATUS; i++)
		if (r->statuses & (1u << i)) {
			sdb_buf_adds(&t, any ? ", " : t.len ? "; " : "");
			sdb_buf_adds(&t, sdb_status_name((enum sdb_status)i));
			any = 1;
		}
	if (t.len) {
		sdb_buf_adds(b, " /* ");
		add_c_comment(b, t.s);
		sdb_buf_adds(b, " */");
	}
	sdb_buf_release(&t);
}

static void add_banner(struct sdb_buf *out, const struct sdb_records *r,
		       const struct sdb_export_opts *o)
{
	size_t i;

	sdb_buf_adds(out, "/* http_status.h - generated by statusdb from the "
		     "sources below; do not edit.\n *\n");
	for (i = 0; i < r->nbanner; i++) {
		/* ")" ends the line: no backslash can splice it */
		sdb_buf_adds(out, " *   ");
		add_c_comment(out, r->banner[i]);
		sdb_buf_adds(out, "\n");
	}
	if (r->nnotes) {
		sdb_buf_adds(out, " *\n * Identifiers a name could not take:\n");
		for (i = 0; i < r->nnotes; i++) {
			sdb_buf_adds(out, " *   ");
			add_c_comment(out, r->notes[i].text);
			sdb_buf_adds(out, "\n");
		}
	}
	sdb_buf_adds(out, " *\n * Regenerate it with: ");
	add_c_comment(out, o->command ? o->command
		      : "statusdb export --format c");
	sdb_buf_adds(out, "\n */\n");
}

/* The version macros and the flags. */
static void add_macros(struct sdb_buf *out, const struct sdb_records *r,
		       const struct sdb_export_opts *o, const struct names *n)
{
	static const char *const flag_notes[] = {
		"the registry lists it",
		"a registry, a specification or a list citing them lists it",
		"it sends the user agent to another URI (RFC 9110, 15.4)",
		"its response has no content (RFC 9110, 6.4.1)",
		"its condition is temporary: the request may succeed later",
	};
	unsigned i;

	expand(out, n, "/*\n * The registry version the data follows (its date; "
	       "\"\" when the\n * database has no registry), and the statusdb "
	       "that wrote this file.\n */\n#define @MREGISTRY_VERSION ");
	add_c_literal(out, r->registry_version ? r->registry_version : "");
	expand(out, n, "\n#define @MSTATUSDB_VERSION ");
	add_c_literal(out, o->version ? o->version : "");
	expand(out, n, "\n\n/* What @MFLAGS_MAP and @Fflags() say of a code, "
	       "a bit each. */\n");
	for (i = 0; i < NFLAGS; i++) {
		expand(out, n, "#define @MFLAG_");
		add_flag_name(out, i);
		sdb_buf_addf(out, " 0x%03xu", 1u << i);
		if (i < FLAG_STATUSES)
			sdb_buf_addf(out, " /* %s */", flag_notes[i]);
		else
			sdb_buf_addf(out, " /* status: %s */",
				     sdb_status_name((enum sdb_status)
						     (i - FLAG_STATUSES)));
		sdb_buf_addch(out, '\n');
	}
	sdb_buf_addch(out, '\n');
}

static const char *const include_notes[] = {
	"every code a source lists",
	"the codes a registry, a specification or a list citing them lists",
	"the codes the registry lists"
};

/* One enumerator line; alias: NULL for the code's own name. */
static void add_enumerator(struct sdb_buf *out, const struct names *n,
			   const struct sdb_record *c,
			   const struct sdb_record_alias *alias, int comma)
{
	sdb_buf_adds(out, "\t");
	if (!alias) {
		add_ident(out, n, c->ident, c->ident_name);
		sdb_buf_addf(out, " = %d%s", c->code, comma ? "," : "");
		add_note(out, c);
		sdb_buf_addch(out, '\n');
		return;
	}
	add_ident(out, n, alias->ident, alias->name);
	if (alias->deprecated) {
		expand(out, n, " @MDEPRECATED(\"use ");
		add_ident(out, n, c->ident, c->ident_name);
		sdb_buf_adds(out, "\")");
	}
	sdb_buf_addf(out, " = %d%s /* %s: ", c->code, comma ? "," : "",
		     alias->deprecated ? "deprecated" : "alias");
	add_c_comment(out, alias->name);
	if (alias->until) {
		sdb_buf_adds(out, " until ");
		add_c_comment(out, alias->until);
	}
	sdb_buf_adds(out, " */\n");
}

static void add_enum(struct sdb_buf *out, const struct sdb_records *r,
		     const struct sdb_export_opts *o, const struct names *n)
{
	size_t i, k, count = 0, done = 0;

	for (i = 0; i < r->n; i++) {
		if (!sdb_export_includes(o, &r->v[i]))
			continue;
		count++;
		for (k = 0; k < r->v[i].naliases; k++)
			count += r->v[i].aliases[k].ident != NULL;
	}
	expand(out, n,
		"/*\n"
		" * Every code, named after its reason phrase (after its number\n"
		" * when it has none that makes a name), with the documents that\n"
		" * define it and its status; aliases, the names it officially\n"
		" * had, follow it, the former ones deprecated.  Codes: ");
	sdb_buf_adds(out, include_notes[o->include]);
	expand(out, n, ".\n */\nenum @T {\n");
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];

		if (!sdb_export_includes(o, c))
			continue;
		add_enumerator(out, n, c, NULL, ++done < count);
		for (k = 0; k < c->naliases; k++)
			if (c->aliases[k].ident)
				add_enumerator(out, n, c, &c->aliases[k],
					       ++done < count);
	}
	sdb_buf_adds(out, "};\n\n");
}

static void add_maps(struct sdb_buf *out, const struct sdb_records *r,
		     const struct sdb_export_opts *o, const struct names *n)
{
	size_t i, k;

	expand(out, n,
		"/*\n"
		" * XX(code, identifier suffix, \"Reason Phrase\") for every\n"
		" * code with a reason phrase, in order of code.\n"
		" */\n"
		"#define @MMAP(XX)");
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];

		if (!c->name || !sdb_export_includes(o, c))
			continue;
		sdb_buf_addf(out, " \\\n\tXX(%d, ", c->code);
		add_suffix(out, n, c->ident, c->ident_name);
		sdb_buf_adds(out, ", ");
		add_c_literal(out, c->name);
		sdb_buf_adds(out, ")");
	}
	expand(out, n,
		"\n\n/*\n"
		" * XX(code, identifier suffix, \"Reason Phrase\" or NULL, flags)\n"
		" * for every code, in order of code: flags are @MFLAG_ bits.\n"
		" */\n"
		"#define @MFLAGS_MAP(XX)");
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];
		unsigned f = record_flags(c), bit;
		int any = 0;

		if (!sdb_export_includes(o, c))
			continue;
		sdb_buf_addf(out, " \\\n\tXX(%d, ", c->code);
		add_suffix(out, n, c->ident, c->ident_name);
		sdb_buf_adds(out, ", ");
		add_c_literal(out, c->name);
		sdb_buf_adds(out, ", ");
		for (bit = 0; bit < NFLAGS; bit++)
			if (f & (1u << bit)) {
				expand(out, n, any ? " | @MFLAG_" : "(@MFLAG_");
				add_flag_name(out, bit);
				any = 1;
			}
		sdb_buf_adds(out, any ? "))" : "0)");
	}
	expand(out, n,
		"\n\n/*\n"
		" * XX(code, \"Name\", \"since\", \"until\", \"IDENTIFIER_SUFFIX\")\n"
		" * for every other name a code officially had or has, in order\n"
		" * of code, then since: since and until are dates, NULL when\n"
		" * unknown or, for until, when it is still the registry's name;\n"
		" * the suffix is its enumerator's, NULL when it has none.\n"
		" */\n"
		"#define @MOTHER_NAMES_MAP(XX)");
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];

		if (!sdb_export_includes(o, c))
			continue;
		for (k = 0; k < c->naliases; k++) {
			const struct sdb_record_alias *a = &c->aliases[k];

			sdb_buf_addf(out, " \\\n\tXX(%d, ", c->code);
			add_c_literal(out, a->name);
			sdb_buf_adds(out, ", ");
			add_c_literal(out, a->since);
			sdb_buf_adds(out, ", ");
			add_c_literal(out, a->until);
			sdb_buf_adds(out, ", ");
			if (a->ident) {
				sdb_buf_addch(out, '"');
				add_suffix(out, n, a->ident, a->name);
				sdb_buf_addch(out, '"');
			} else {
				sdb_buf_adds(out, "NULL");
			}
			sdb_buf_adds(out, ")");
		}
	}
	sdb_buf_adds(out, "\n\n");
}

/* The names the header declares besides the enumerators, after the
 * macro or the function prefix (most in c_header_templates.c). */
static const char *const macro_names[] = {
	"H_", "INLINE", "DEPRECATED", "REGISTRY_VERSION", "STATUSDB_VERSION",
	"MAP", "FLAGS_MAP", "OTHER_NAMES_MAP", "REASON_CASE_", "FLAGS_CASE_",
	"PHRASE_CASE_", "OTHER_CASE_", "IDENT_CASE_", "ALIAS_CASE_", NULL
};
static const char *const function_names[] = {
	"reason", "class_name", "is_informational", "is_success",
	"is_redirection", "is_client_error", "is_server_error", "flags",
	"is_registered", "is_official", "is_redirect", "is_empty", "is_retry",
	"name_eq_", "from_phrase", "id_eq_", "from_identifier", NULL
};

/*
 * Refuses a header that would declare a name twice: two enumerators
 * CamelCase made equal, or an enumerator that is one of the header's own
 * names (a code whose suffix is "MAP", with the default prefix).
 */
static int check_names(const struct sdb_records *r,
		       const struct sdb_export_opts *o, const struct names *n,
		       struct sdb_error *err)
{
	char **v = NULL;
	const struct sdb_record **of = NULL;
	size_t nv = 0, alloc = 0, alloc2 = 0, i, k;
	int at, ret = 0;

#define PUSH(s, rec) do { \
		sdb_grow_array((void **)&v, &alloc, nv + 1, sizeof(*v)); \
		sdb_grow_array((void **)&of, &alloc2, nv + 1, sizeof(*of)); \
		v[nv] = (s); of[nv++] = (rec); \
	} while (0)
	for (i = 0; macro_names[i]; i++) {
		struct sdb_buf b = SDB_BUF_INIT;

		sdb_buf_addf(&b, "%s%s", n->mac, macro_names[i]);
		PUSH(sdb_buf_detach(&b), NULL);
	}
	for (i = 0; i < NFLAGS; i++) {
		struct sdb_buf b = SDB_BUF_INIT;

		sdb_buf_addf(&b, "%sFLAG_", n->mac);
		add_flag_name(&b, (unsigned)i);
		PUSH(sdb_buf_detach(&b), NULL);
	}
	for (i = 0; function_names[i]; i++) {
		struct sdb_buf b = SDB_BUF_INIT;

		sdb_buf_addf(&b, "%s%s", n->fn, function_names[i]);
		PUSH(sdb_buf_detach(&b), NULL);
	}
	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];
		struct sdb_buf b = SDB_BUF_INIT;

		if (!sdb_export_includes(o, c))
			continue;
		add_ident(&b, n, c->ident, c->ident_name);
		PUSH(sdb_buf_detach(&b), c);
		for (k = 0; k < c->naliases; k++) {
			if (!c->aliases[k].ident)
				continue;
			add_ident(&b, n, c->aliases[k].ident,
				  c->aliases[k].name);
			PUSH(sdb_buf_detach(&b), c);
		}
	}
#undef PUSH
	if (sdb_first_duplicate((const char *const *)v, nv, &at)) {
		const struct sdb_record *c = of[at];

		/* the record, when one of the two is the header's own name */
		for (i = 0; !c && i < nv; i++)
			if (!strcmp(v[i], v[at]))
				c = of[i];
		sdb_error_at_pos(err, c && c->name_file ? c->name_file
				 : "database", c ? c->name_line : 0,
				 c ? c->name_column : 0, "%s would be declared "
				 "twice in the header (code %d); choose another "
				 "--prefix or --style", v[at], c ? c->code : 0);
		ret = SDB_EXPORT_EDATA;
	}
	for (i = 0; i < nv; i++)
		free(v[i]);
	free(v);
	free(of);
	return ret;
}

/* Appends tmpl expanded, with the class names filled in (@1 .. @5). */
static void add_functions(struct sdb_buf *out, const struct names *n,
			  const char *tmpl)
{
	struct sdb_buf t = SDB_BUF_INIT;
	const char *p;

	for (p = tmpl; *p; p++) {
		if (*p == '@' && p[1] >= '1' && p[1] <= '5') {
			add_c_string(&t, sdb_class_name((p[1] - '0') * 100),
				     strlen(sdb_class_name((p[1] - '0') * 100)));
			p++;
		} else {
			sdb_buf_addch(&t, *p);
		}
	}
	expand(out, n, t.s);
	sdb_buf_release(&t);
}

int sdb_export_c(const struct sdb_records *r, const struct sdb_export_opts *o,
		 sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	struct names n;
	size_t i, count = 0;
	int rc;

	for (i = 0; i < r->n; i++) {
		const struct sdb_record *c = &r->v[i];

		if (!sdb_export_includes(o, c))
			continue;
		count++;
		if (c->name && strlen(c->name) > C_STRING_MAX) {
			sdb_error_at_pos(err, c->name_file ? c->name_file
					 : "database", c->name_line, c->name_column,
					 "name of %d is %zu bytes, more than the %d "
					 "a C string literal may hold", c->code,
					 strlen(c->name), C_STRING_MAX);
			return SDB_EXPORT_EDATA;
		}
	}
	if (!count) {	/* an empty enum is no C */
		sdb_error_at_pos(err, sqlite3_db_filename(db, "main"), 0, 0,
				 "no canonical records to export");
		return SDB_EXPORT_EDATA;
	}
	names_init(&n, o);
	rc = check_names(r, o, &n, err);
	if (!rc) {
		add_banner(out, r, o);
		expand(out, &n, sdb_c_header_prelude);
		add_macros(out, r, o, &n);
		add_enum(out, r, o, &n);
		add_maps(out, r, o, &n);
		add_functions(out, &n, sdb_c_header_functions);
		add_functions(out, &n, sdb_c_header_lookups);
		sdb_buf_adds(out, "#ifdef __cplusplus\n}\n#endif\n\n"
			     "#endif\n");
	}
	names_release(&n);
	return rc;
}
