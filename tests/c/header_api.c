/*
 * header_api.c - drives every part of a generated http_status.h, for
 * tests/t41-header.sh: prints what the maps hold (compared with the JSON
 * export) and what the functions answer (compared with known values),
 * and exits 1 when the maps and the functions disagree.  C89 and C++98,
 * so that it compiles in every mode the header promises.
 */
#include "http_status.h"

#include <stdio.h>
#include <string.h>

static int bad;

static const char *s(const char *p)
{
	return p ? p : "(null)";
}

static void print_code(int code, const char *suffix, const char *phrase,
		       unsigned flags)
{
	static const struct {
		unsigned bit;
		const char *name;
	} st[] = {
		{ HTTP_STATUS_FLAG_DEPRECATED, "deprecated" },
		{ HTTP_STATUS_FLAG_EXPERIMENTAL, "experimental" },
		{ HTTP_STATUS_FLAG_OBSOLETED, "obsoleted" },
		{ HTTP_STATUS_FLAG_TEMPORARY, "temporary" },
		{ HTTP_STATUS_FLAG_UNOFFICIAL, "unofficial" },
		{ HTTP_STATUS_FLAG_UNUSED, "unused" }
	};
	size_t i;
	int n = 0;

	printf("code %d %s %s registered=%d official=%d status=", code,
	       suffix, s(phrase), (flags & HTTP_STATUS_FLAG_REGISTERED) != 0,
	       (flags & HTTP_STATUS_FLAG_OFFICIAL) != 0);
	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++)
		if (flags & st[i].bit)
			printf("%s%s", n++ ? "," : "", st[i].name);
	putchar('\n');
	if (http_status_flags(code) != flags ||
	    http_status_is_registered(code) !=
	    ((flags & HTTP_STATUS_FLAG_REGISTERED) != 0) ||
	    http_status_is_official(code) !=
	    ((flags & HTTP_STATUS_FLAG_OFFICIAL) != 0) ||
	    http_status_from_identifier(suffix) != code ||
	    (phrase ? !http_status_reason(code) ||
	     strcmp(http_status_reason(code), phrase) ||
	     http_status_from_phrase(phrase) != code
	     : http_status_reason(code) != NULL)) {
		fprintf(stderr, "the functions disagree with the map on %d\n",
			code);
		bad = 1;
	}
}

static void print_set(const char *name, int (*in)(int))
{
	int code;

	printf("%s", name);
	for (code = -1; code < 1000; code++)
		if (in(code))
			printf(" %d", code);
	putchar('\n');
}

int main(void)
{
	static const char *const phrases[] = {
		"Not Found", "not found", "Payload Too Large",
		"Request-URI Too Long", "request-uri too long",
		"Unavailable for Legal Reasons", "I'M A TEAPOT", "Nope", ""
	};
	static const char *const idents[] = {
		"NOT_FOUND", "HTTP_STATUS_TOO_EARLY", "PAYLOAD_TOO_LARGE",
		"HTTP_STATUS_PAYLOAD_TOO_LARGE", "306", "HTTP_STATUS_306",
		"HTTP_VERSION_NOT_SUPPORTED",
		"HTTP_STATUS_HTTP_VERSION_NOT_SUPPORTED", "not_found",
		"HTTP_STATUS_", ""
	};
	static const int classes[] = { -1, 99, 100, 199, 226, 308, 418, 599,
				       600 };
	size_t i;

	printf("registry %s\nstatusdb %s\n", HTTP_STATUS_REGISTRY_VERSION,
	       HTTP_STATUS_STATUSDB_VERSION);
#define PRINT_CODE(num, name, phrase, flags) \
	print_code(num, #name, phrase, flags);
	HTTP_STATUS_FLAGS_MAP(PRINT_CODE)
#define PRINT_OTHER(num, name, since, until, suffix) \
	printf("other %d %s %s %s %s\n", num, name, s(since), s(until), \
	       s(suffix));
	HTTP_STATUS_OTHER_NAMES_MAP(PRINT_OTHER)
	print_set("redirect", http_status_is_redirect);
	print_set("empty", http_status_is_empty);
	print_set("retry", http_status_is_retry);
	print_set("registered", http_status_is_registered);
	for (i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		printf("phrase '%s' %d\n", phrases[i],
		       http_status_from_phrase(phrases[i]));
	printf("phrase NULL %d\n", http_status_from_phrase(NULL));
	for (i = 0; i < sizeof(idents) / sizeof(idents[0]); i++)
		printf("identifier '%s' %d\n", idents[i],
		       http_status_from_identifier(idents[i]));
	printf("identifier NULL %d\n", http_status_from_identifier(NULL));
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		printf("class %d %s\n", classes[i],
		       s(http_status_class_name(classes[i])));
	return bad;
}
