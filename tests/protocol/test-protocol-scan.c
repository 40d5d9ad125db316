/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-protocol-scan.c: the gate untrusted text passes before any parser:
 * what it refuses, and that what it lets through parses the same */

#include "config.h"

#include <string.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"

/* {"a": [[[ … ]]]} with the object counting as the first level */
static char *
nested (guint depth)
{
  GString *s = g_string_new ("{\"a\":");

  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, '[');
  g_string_append (s, "1");
  for (guint i = 1; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');

  return g_string_free (s, FALSE);
}

static void
test_depth (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deep32 = nested (32);
  g_autofree char *deep33 = nested (33);
  g_autofree char *deep10000 = nested (10000);
  g_autoptr(JsonObject) ok = NULL;
  g_autoptr(JsonObject) refused = NULL;

  ok = sitrep_protocol_parse_object (deep32, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);

  refused = sitrep_protocol_parse_object (deep33, &error);
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_DEEP);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "32"));
  g_clear_error (&error);

  /* deep enough to hurt a recursive parser: refused before it runs */
  g_assert_null (sitrep_protocol_parse_object (deep10000, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_DEEP);
}

static void
test_brackets_in_strings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("{\"a\":\"");
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(JsonObject) escaped = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append (text, "[{");
  g_string_append (text, "\"}");

  o = sitrep_protocol_parse_object (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sitrep_json_get_string (o, "a")), ==, 200);

  /* an escaped quote does not end the string early */
  escaped = sitrep_protocol_parse_object ("{\"a\":\"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\","
                                     "\"b\":\"\\\\\",\"c\":[]}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sitrep_json_get_string (escaped, "b"), ==, "\\");
}

static void
test_size (void)
{
  g_autoptr(GError) error = NULL;
  const gsize limit = 256 * 1024;
  g_autofree char *fits = g_malloc (limit + 2);
  g_autoptr(JsonObject) o = NULL;

  /* {"a":"xxx…"} of exactly 256 KiB */
  memset (fits, 'x', limit + 1);
  memcpy (fits, "{\"a\":\"", 6);
  fits[limit - 2] = '"';
  fits[limit - 1] = '}';
  fits[limit] = '\0';

  o = sitrep_protocol_parse_object (fits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);

  /* one byte more */
  fits[limit - 1] = ' ';
  fits[limit] = '}';
  fits[limit + 1] = '\0';
  g_assert_null (sitrep_protocol_parse_object (fits, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE);
}

static void
test_invalid (void)
{
  static const struct {
    const char *text;
    GQuark domain;
    int code;
  } rows[] = {
    { "[1, 2]", 0, SITREP_PROTOCOL_SCAN_ERROR_INVALID },
    { "\"text\"", 0, SITREP_PROTOCOL_SCAN_ERROR_INVALID },
    { "42", 0, SITREP_PROTOCOL_SCAN_ERROR_INVALID },
    { "{\"a\": \xff}", 0, SITREP_PROTOCOL_SCAN_ERROR_INVALID },
    { "{\"a\":", 1, 0 },
    { "{a: 1}", 1, 0 },
    { "", 1, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = sitrep_protocol_parse_object (rows[i].text, &error);

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_null (o);
      g_assert_nonnull (error);
      if (rows[i].domain == 0)
        g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, rows[i].code);
      else
        g_assert_true (error->domain == JSON_PARSER_ERROR
                       || error->domain == SITREP_PROTOCOL_SCAN_ERROR);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (sitrep_protocol_parse_object (NULL, &error));
    g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
  }
}

/* What json-glib would read differently, or store as text no client can
 * read back, is refused by the scan itself. */
static void
test_refused_text (void)
{
  static const struct {
    const char *text;
    gsize len;   /* 0: up to the NUL */
  } rows[] = {
    { "{\"a\":\"\\ud800\"}", 0 },
    { "{\"a\":\"\\udc00\"}", 0 },
    { "{\"a\":\"\\ud800x\"}", 0 },
    { "{\"a\":\"\\ud800\\u0041\"}", 0 },
    { "{\"a\":\"\\ud800\\", 0 },
    { "{\"a\":\"\\u0000\"}", 0 },
    { "{\"incidents\\u0000zzz\":1}", 0 },
    { "{\"a\":\"x\0y\"}", 11 },
    { "{\"a\":1}\0", 8 },
    { "{\"a\":\"\xed\xa0\x80\"}", 0 },
    { "{\"a\":\"\xc0\xaf\"}", 0 },
    { "{\"a\":\"\xf4\x90\x80\x80\"}", 0 },
    { "{\"a\":\"\xe2\x82\"}", 0 },
    { "{\"a\":\"tab\there\"}", 0 },
    { "{\"a\":\"\\x41\"}", 0 },
    { "{\"a\":\"\\u12\"}", 0 },
    { "{/*\"*/\"a\":1}", 0 },
    { "{\"a\":1}//", 0 },
    { "{'a':1}", 0 },
    { "{\"a\":tru}", 0 },
    { "{\"a\":01}", 0 },
    { "{\"a\":1.}", 0 },
    { "{\"a\":-}", 0 },
    { "{\"a\":1,}", 0 },
    { "{\"a\":[1,]}", 0 },
    { "{\"a\" 1}", 0 },
    { "{\"a\":1]", 0 },
    { "{\"a\":1}{}", 0 },
    { "{", 0 },
    { "{\"a\":1e999}", 0 },
    { "{\"a\":-1e999}", 0 },
    { "{\"a\":99999999999999999999}", 0 },
    { "{\"a\":-9223372036854775809}", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = rows[i].len != 0 ? rows[i].len : strlen (rows[i].text);
      g_autoptr(JsonObject) o = NULL;

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_false (sitrep_protocol_scan_json (rows[i].text, len, 1024, 32, &error));
      g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
      g_clear_error (&error);

      o = sitrep_protocol_parse_object_bounded (rows[i].text, len, 1024, 32, &error);
      g_assert_null (o);
      g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
    }
}

/* A lone surrogate used to make json-glib read past the closing quote, so
 * nesting after it was never counted and overflowed its stack. */
static void
test_surrogate_cannot_hide_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"a\":\"\\ud800\"x\",\"b\":");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 120000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 120000; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  g_assert_null (sitrep_protocol_parse_object_bounded (text->str, text->len, G_MAXSIZE, 32,
                                                       &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == SITREP_PROTOCOL_SCAN_ERROR);
}

static void
test_accepted_text (void)
{
  static const struct {
    const char *text;
    const char *a;    /* the string member "a" as parsed, or NULL */
  } rows[] = {
    { "{\"a\":\"\\ud83d\\ude00\"}", "\xf0\x9f\x98\x80" },
    { "{\"a\":\"\xf0\x9f\x98\x80 \xc3\xa9\"}", "\xf0\x9f\x98\x80 \xc3\xa9" },
    { "{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\"}", "\"\\/\b\f\n\r\tA" },
    { " \t\r\n{ \"a\" : \"x\" , \"b\" : [ 1 , -0.5e+3 , 2E-2 , true , false , null , { } , [ ] ] }"
      " \n", "x" },
    { "{}", NULL },
    { "{\"a\":\"y\",\"i\":9223372036854775807,\"j\":-9223372036854775808,\"d\":1e308,"
      "\"e\":1e-400}", "y" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = sitrep_protocol_parse_object (rows[i].text, &error);

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_no_error (error);
      g_assert_nonnull (o);
      g_assert_cmpstr (sitrep_json_get_string (o, "a"), ==, rows[i].a);
    }
}

/* A stored body may be larger than one request. */
static void
test_stored (void)
{
  g_autoptr(GString) text = g_string_new ("{\"a\":\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = NULL;

  for (guint i = 0; i < 600 * 1024; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\",\"b\":1}");

  g_assert_null (sitrep_protocol_parse_object (text->str, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);

  o = sitrep_protocol_parse_stored (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sitrep_json_get_string (o, "a")), ==, 600 * 1024);
  g_assert_cmpint (json_object_get_int_member (o, "b"), ==, 1);
}

static void
test_text (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_protocol_scan_text ("caf\xc3\xa9", 5, 10, &error));
  g_assert_no_error (error);
  g_assert_false (sitrep_protocol_scan_text ("a\0b", 3, 10, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sitrep_protocol_scan_text ("\xed\xa0\x80", 3, 10, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sitrep_protocol_scan_text ("abcdef", 6, 5, &error));
  g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE);
}

static void
test_query (void)
{
  static const char * const refused[] = {
    "since=1%00", "since=%00", "since=%zz", "since=1%", "since=1&since=2", "a%00=1",
    "since=%ed%a0%80", "since=%ff",
  };
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) none = NULL;
  g_autoptr(GError) error = NULL;

  params = sitrep_protocol_parse_query ("since=12&wait=3&&limit=%35&q=a+b", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (params, "since"), ==, "12");
  g_assert_cmpstr (g_hash_table_lookup (params, "wait"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (params, "limit"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (params, "q"), ==, "a b");

  none = sitrep_protocol_parse_query (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (none), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GHashTable) bad = sitrep_protocol_parse_query (refused[i], &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (bad);
      g_assert_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID);
      g_clear_error (&error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/protocol/scan/depth", test_depth);
  g_test_add_func ("/protocol/scan/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/protocol/scan/size", test_size);
  g_test_add_func ("/protocol/scan/invalid", test_invalid);
  g_test_add_func ("/protocol/scan/refused-text", test_refused_text);
  g_test_add_func ("/protocol/scan/surrogate-cannot-hide-nesting",
                   test_surrogate_cannot_hide_nesting);
  g_test_add_func ("/protocol/scan/accepted-text", test_accepted_text);
  g_test_add_func ("/protocol/scan/stored", test_stored);
  g_test_add_func ("/protocol/scan/text", test_text);
  g_test_add_func ("/protocol/scan/query", test_query);

  return g_test_run ();
}
