/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: the bounded parser and the small helpers */

#include "config.h"

#include <string.h>

#include "sitrep-json.h"

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

  ok = sitrep_json_from_string (deep32, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);

  refused = sitrep_json_from_string (deep33, &error);
  g_assert_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_DEEP);
  g_assert_null (refused);
  g_assert_nonnull (strstr (error->message, "32"));
  g_clear_error (&error);

  /* deep enough to hurt a recursive parser: refused before it runs */
  g_assert_null (sitrep_json_from_string (deep10000, &error));
  g_assert_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_DEEP);
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

  o = sitrep_json_from_string (text->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (sitrep_json_get_string (o, "a")), ==, 200);

  /* an escaped quote does not end the string early */
  escaped = sitrep_json_from_string ("{\"a\":\"\\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\","
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

  o = sitrep_json_from_string (fits, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);

  /* one byte more */
  fits[limit - 1] = ' ';
  fits[limit] = '}';
  fits[limit + 1] = '\0';
  g_assert_null (sitrep_json_from_string (fits, &error));
  g_assert_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_TOO_LARGE);
}

static void
test_invalid (void)
{
  static const struct {
    const char *text;
    GQuark domain;
    int code;
  } rows[] = {
    { "[1, 2]", 0, SITREP_JSON_ERROR_INVALID },
    { "\"text\"", 0, SITREP_JSON_ERROR_INVALID },
    { "42", 0, SITREP_JSON_ERROR_INVALID },
    { "{\"a\": \xff}", 0, SITREP_JSON_ERROR_INVALID },
    { "{\"a\":", 1, 0 },
    { "{a: 1}", 1, 0 },
    { "", 1, 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) o = sitrep_json_from_string (rows[i].text, &error);

      g_test_message ("row %" G_GSIZE_FORMAT, i);
      g_assert_null (o);
      g_assert_nonnull (error);
      if (rows[i].domain == 0)
        g_assert_error (error, SITREP_JSON_ERROR, rows[i].code);
      else
        g_assert_true (error->domain == JSON_PARSER_ERROR
                       || error->domain == SITREP_JSON_ERROR);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (sitrep_json_from_string (NULL, &error));
    g_assert_error (error, SITREP_JSON_ERROR, SITREP_JSON_ERROR_INVALID);
  }
}

static void
test_getters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o =
    sitrep_json_from_string ("{\"s\":\"x\",\"n\":null,\"i\":1,\"t\":true,\"f\":false,"
                             "\"ts\":\"true\",\"o\":{}}", &error);
  static const struct {
    const char *member;
    const char *string;
    gboolean boolean;
  } rows[] = {
    { "s", "x", FALSE },
    { "n", NULL, FALSE },
    { "i", NULL, FALSE },
    { "t", NULL, TRUE },
    { "f", NULL, FALSE },
    { "ts", "true", FALSE },
    { "o", NULL, FALSE },
    { "missing", NULL, FALSE },
  };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_assert_cmpstr (sitrep_json_get_string (o, rows[i].member), ==, rows[i].string);
      g_assert_cmpint (sitrep_json_get_bool (o, rows[i].member), ==, rows[i].boolean);
    }

  g_assert_null (sitrep_json_get_string (NULL, "s"));
  g_assert_false (sitrep_json_get_bool (NULL, "t"));
}

static void
test_roundtrip_and_copy (void)
{
  static const char *text =
    "{\"a\":1,\"b\":[1,2.5,\"x\",null,true,{\"c\":[]}],\"d\":{\"e\":{\"f\":\"g\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o = sitrep_json_from_string (text, &error);
  g_autoptr(JsonObject) copy = NULL;
  g_autofree char *again = NULL;
  g_autofree char *copy_text = NULL;
  g_autofree char *after = NULL;
  JsonObject *inner;

  g_assert_no_error (error);
  again = sitrep_json_to_string (o);
  g_assert_cmpstr (again, ==, text);

  copy = sitrep_json_copy (o);
  copy_text = sitrep_json_to_string (copy);
  g_assert_cmpstr (copy_text, ==, text);

  /* changing the copy, deep down, leaves the original alone */
  inner = json_object_get_object_member (json_object_get_object_member (copy, "d"), "e");
  json_object_set_string_member (inner, "f", "changed");
  json_array_add_int_element (json_object_get_array_member (copy, "b"), 3);
  json_object_set_int_member (copy, "a", 2);

  after = sitrep_json_to_string (o);
  g_assert_cmpstr (after, ==, text);
  g_assert_cmpstr (json_object_get_string_member (inner, "f"), ==, "changed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/json/depth", test_depth);
  g_test_add_func ("/core/json/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/core/json/size", test_size);
  g_test_add_func ("/core/json/invalid", test_invalid);
  g_test_add_func ("/core/json/getters", test_getters);
  g_test_add_func ("/core/json/roundtrip-and-copy", test_roundtrip_and_copy);

  return g_test_run ();
}
