/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-json.c: the small json-glib helpers */

#include "config.h"

#include <string.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"

static void
test_getters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) o =
    sitrep_protocol_parse_object ("{\"s\":\"x\",\"n\":null,\"i\":1,\"t\":true,\"f\":false,"
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
  g_autoptr(JsonObject) o = sitrep_protocol_parse_object (text, &error);
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

/* json-glib's own writer makes 1e+20 into "1e+20.0", which is not JSON. */
static void
test_doubles_written_as_json (void)
{
  static const struct {
    double value;
    const char *text;
  } rows[] = {
    { 2.5, "{\"d\":2.5}" },
    { 100.0, "{\"d\":100.0}" },
    { 1e20, "{\"d\":1e+20}" },
    { 1e-7, "{\"d\":9.9999999999999995e-08}" },
    { -0.0, "{\"d\":-0.0}" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(JsonObject) back = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      json_object_set_double_member (o, "d", rows[i].value);
      text = sitrep_json_to_string (o);
      g_assert_cmpstr (text, ==, rows[i].text);
      back = sitrep_protocol_parse_object (text, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (json_object_get_double_member (back, "d"), ==, rows[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/json/getters", test_getters);
  g_test_add_func ("/core/json/roundtrip-and-copy", test_roundtrip_and_copy);
  g_test_add_func ("/core/json/doubles-written-as-json", test_doubles_written_as_json);

  return g_test_run ();
}
