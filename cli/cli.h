/*
 * cli.h - the statusdb command line.  Each command is a function taking
 * argc, argv and the output and error streams, returning an exit status
 * (enum sdb_exit), so tests and fuzzers can drive it in-process.
 *
 * Options are declared in one table per command (struct sdb_option), which
 * drives both their parsing and the command's --help (git's
 * parse-options).  Options may come before or after operands; "--" ends
 * them.
 */
#ifndef SDB_CLI_H
#define SDB_CLI_H

#include "../common/buf.h"

#include <sqlite3.h>
#include <stdio.h>

#define SDB_VERSION "0.2.0"

typedef int sdb_cmd_fn(int argc, char **argv, FILE *out, FILE *err);

/* The whole command line: "statusdb COMMAND ...". */
int sdb_main(int argc, char **argv, FILE *out, FILE *err);

sdb_cmd_fn sdb_cmd_import;
sdb_cmd_fn sdb_cmd_build;
sdb_cmd_fn sdb_cmd_claims;
sdb_cmd_fn sdb_cmd_conflicts;
sdb_cmd_fn sdb_cmd_show;
sdb_cmd_fn sdb_cmd_coverage;
sdb_cmd_fn sdb_cmd_history;
sdb_cmd_fn sdb_cmd_diff;
sdb_cmd_fn sdb_cmd_export;
sdb_cmd_fn sdb_cmd_report;

struct sdb_exporter;

/*
 * What "statusdb export" does once its options are read (cmd_export.c),
 * shared with "statusdb report" (cmd, in messages): exports the database
 * at dbpath (NULL: the default) with ex, through sdb_write_output() to
 * output.  Returns an exit status.
 */
int sdb_export_write(const char *cmd, const struct sdb_exporter *ex,
		     const char *dbpath, const char *output, FILE *out,
		     FILE *err);

/* --- options --------------------------------------------------------- */

enum sdb_opt_type {
	SDB_OPT_FLAG,		/* int *: set to 1 */
	SDB_OPT_STRING,		/* const char **: not empty */
	SDB_OPT_INT,		/* int *: a whole number from lo to hi */
	SDB_OPT_CHOICE,		/* const char **: one of choices */
	SDB_OPT_LIST		/* const char ***: repeatable, NULL-ended; the
				   parser allocates, the caller frees */
};

struct sdb_option {
	const char *name;	/* long name, without "--"; NULL ends a table */
	char short_name;	/* 0: none */
	enum sdb_opt_type type;
	const char *arg;	/* for --help: "PATH", "N"; NULL for flags */
	const char *help;	/* one line */
	void *value;
	int lo, hi;		/* SDB_OPT_INT */
	const char *const *choices;	/* SDB_OPT_CHOICE, NULL-ended */
};

/*
 * Parses argv (argv[0] is the command's name) by opts.  On success the
 * operands are argv[*first] .. argv[argc - 1] and 0 is returned; --help
 * prints the help to out and returns -1; a bad option prints why (with
 * the usage line) to err and returns SDB_EXIT_USAGE.  nmin and nmax bound
 * the number of operands (nmax -1: any).
 */
int sdb_parse_options(int argc, char **argv, const struct sdb_option *opts,
		      const char *usage, const char *about, int nmin, int nmax,
		      int *first, FILE *out, FILE *err);

/* Frees what SDB_OPT_LIST options allocated (the table's lists). */
void sdb_options_release(const struct sdb_option *opts);

/* "--code 404": a whole number from lo to hi.  Returns 0 or -1. */
int sdb_parse_int_arg(const char *s, int lo, int hi, int *v);

/* --- the database ---------------------------------------------------- */

/*
 * The database a command uses when --db is not given: $STATUSDB_DB; else
 * build/status.db here; else, for reading, the canonical data installed
 * with statusdb when it exists: beside the binary (bin/../share/statusdb,
 * wherever the installed tree is), else SDB_DATADIR/status.db.
 */
const char *sdb_default_db(int write);

/*
 * Opens the database for a command (dbpath NULL: the default), reading or
 * writing; prints why not.  Returns 0 or SDB_EXIT_DB.
 */
int sdb_cli_open(sqlite3 **db, const char *dbpath, int write, FILE *err);

/*
 * The source a name stands for: itself, or the newest version of the
 * series it names.  Returns an owned name, or NULL when there is none.
 */
char *sdb_resolve_source(sqlite3 *db, const char *name);

/* --- output ---------------------------------------------------------- */

/*
 * s made safe for a terminal: control characters (C0, DEL, C1) and the
 * bidirectional controls (U+202A..U+202E, U+2066..U+2069) become \xNN or
 * \u{NNNN}, backslashes \\.  The result lives in a small ring of buffers:
 * use it before making eight more.  NULL gives "".
 */
const char *sdb_esc(const char *s);

/*
 * Writes b, what command cmd made, to path: standard output when path is
 * NULL or "-"; else a file replaced whole or not at all (a new file made
 * beside it, O_EXCL, then renamed over it; a symbolic link keeps pointing
 * at the file it names, now replaced); a regular file that already
 * holds b's bytes is left untouched (so what depends on it is not
 * rebuilt); what is no regular file (a device, a FIFO) is written
 * through, as a shell redirection would.
 * Returns 0, or -1 with a message on err; no temporary file is left.
 */
int sdb_write_output(const char *cmd, const char *path,
		     const struct sdb_buf *b, FILE *out, FILE *err);

/*
 * Ends a command's output: flushes out, and returns SDB_EXIT_OUTPUT with
 * a message when it could not be written (a full disk, a closed pipe),
 * else status.
 */
int sdb_finish_output(FILE *out, FILE *err, int status);

#endif
