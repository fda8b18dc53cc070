/*
 * cli.h - the statusdb command line.  Each command is a function taking
 * argc, argv and the output and error streams, returning an exit status
 * (enum sdb_exit), so tests and fuzzers can drive it in-process.
 */
#ifndef SDB_CLI_H
#define SDB_CLI_H

#include <stdio.h>

#define SDB_VERSION "0.1.0"

typedef int sdb_cmd_fn(int argc, char **argv, FILE *out, FILE *err);

/* The whole command line: "statusdb COMMAND ...". */
int sdb_main(int argc, char **argv, FILE *out, FILE *err);

sdb_cmd_fn sdb_cmd_import;
sdb_cmd_fn sdb_cmd_build;
sdb_cmd_fn sdb_cmd_claims;
sdb_cmd_fn sdb_cmd_conflicts;
sdb_cmd_fn sdb_cmd_show;
sdb_cmd_fn sdb_cmd_coverage;
sdb_cmd_fn sdb_cmd_export;

/* Shared by the commands: "--code 404" and the like. */
int sdb_parse_int_arg(const char *s, int lo, int hi, int *v);

#endif
