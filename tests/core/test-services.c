/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-services.c: the service catalogue's and status page publishing's rules */
#include "config.h"

#include <gio/gio.h>

#include "sitrep-publishing.h"
#include "sitrep-services.h"

static void
test_urls (void)
{
  static const struct { const char *url; gboolean valid; } cases[] = {
    { NULL, TRUE },
    { "", TRUE },
    { "https://grafana.example.com/d/payments", TRUE },
    { "http://wiki.internal:8080/runbooks/payments?x=1#top", TRUE },
    { "HTTPS://Wiki.Example.com/", TRUE },
    { "grafana/payments", FALSE },
    { "ftp://files.example.com/runbook", FALSE },
    { "javascript:alert(1)", FALSE },
    { "https://", FALSE },
    { "https:///path", FALSE },
    { "https://wiki.example.com/a page", FALSE },
    { "file:///etc/passwd", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = sitrep_services_check_url (cases[i].url, "The dashboard", &error);

      g_test_message ("%s", cases[i].url ? cases[i].url : "(null)");
      g_assert_cmpint (valid, ==, cases[i].valid);
      if (!valid)
        g_assert_true (g_str_has_prefix (error->message, "The dashboard must be a web address"));
      else
        g_assert_no_error (error);
    }
}

static void
test_names (void)
{
  static const struct { const char *name; gboolean valid; } cases[] = {
    { "payments", TRUE },
    { "  payment gateway ", TRUE },
    { "", FALSE },
    { "   ", FALSE },
    { NULL, FALSE },
    { "payments, checkout", FALSE },
    { "pay\nments", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (sitrep_services_check_name (cases[i].name, NULL), ==, cases[i].valid);
}

/* Order kept, blanks and repeats (in any case) dropped, the first wins. */
static void
test_teams (void)
{
  const char * const teams[] = { " database-team", "", "platform-team ", "Database-Team",
                                 "   ", "gateway", NULL };
  g_auto(GStrv) normal = sitrep_services_normalise_teams (teams);
  g_autofree char *path = sitrep_services_format_escalation ((const char * const *) normal);
  const char * const none[] = { NULL };

  g_assert_cmpuint (g_strv_length (normal), ==, 3);
  g_assert_cmpstr (path, ==, "database-team → platform-team → gateway");
  g_assert_null (sitrep_services_format_escalation (none));
  g_assert_null (sitrep_services_format_escalation (NULL));
}

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  return json_object_ref (json_node_get_object (node));
}

static void
test_publication (void)
{
  static const struct { const char *body; SitrepPublication state; } cases[] = {
    { "{}", SITREP_PUBLICATION_NONE },
    { "{\"publish\": false, \"delivery\": \"delivered\"}", SITREP_PUBLICATION_NONE },
    { "{\"publish\": true}", SITREP_PUBLICATION_PENDING },
    { "{\"publish\": true, \"approval\": \"none\"}", SITREP_PUBLICATION_PENDING },
    { "{\"publish\": true, \"approval\": \"awaiting\"}", SITREP_PUBLICATION_AWAITING },
    { "{\"publish\": true, \"approval\": \"approved\", \"delivery\": \"pending\"}",
      SITREP_PUBLICATION_PENDING },
    { "{\"publish\": true, \"delivery\": \"delivered\", \"external_id\": \"p31\"}",
      SITREP_PUBLICATION_PUBLISHED },
    { "{\"publish\": true, \"delivery\": \"failed\", \"error\": \"422\"}",
      SITREP_PUBLICATION_FAILED },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) body = parse (cases[i].body);

      g_test_message ("%s", cases[i].body);
      g_assert_cmpint (sitrep_publication_of (body), ==, cases[i].state);
    }
}

/* Only the Communications Lead, only while awaiting. */
static void
test_may_approve (void)
{
  static const struct { const char *body; const char *lead; const char *user; gboolean may; } cases[] = {
    { "{\"publish\": true, \"approval\": \"awaiting\"}", "bob", "bob", TRUE },
    { "{\"publish\": true, \"approval\": \"awaiting\"}", "@Bob", "bob", TRUE },
    { "{\"publish\": true, \"approval\": \"awaiting\"}", "bob", "alice", FALSE },
    { "{\"publish\": true, \"approval\": \"awaiting\"}", NULL, "bob", FALSE },
    { "{\"publish\": true, \"approval\": \"awaiting\"}", "bob", "", FALSE },
    { "{\"publish\": true, \"approval\": \"approved\"}", "bob", "bob", FALSE },
    { "{\"publish\": true, \"approval\": \"none\"}", "bob", "bob", FALSE },
    { "{\"publish\": false, \"approval\": \"awaiting\"}", "bob", "bob", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) body = parse (cases[i].body);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sitrep_publication_may_approve (body, cases[i].lead, cases[i].user, &error),
                       ==, cases[i].may);
      g_assert_true (cases[i].may == (error == NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/services/urls", test_urls);
  g_test_add_func ("/services/names", test_names);
  g_test_add_func ("/services/teams", test_teams);
  g_test_add_func ("/publishing/state", test_publication);
  g_test_add_func ("/publishing/may-approve", test_may_approve);

  return g_test_run ();
}
