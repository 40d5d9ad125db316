/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-pages-model.c: paging a team, on a real store, without a display
 *
 * What the context writes for a page and refuses, the teams it offers
 * (the catalogue's and those paged before, sorted, each once), and how a
 * page's outcome reads as the server writes it.
 */
#include "config.h"

#include "sitrep-context-store.h"
#include "sitrep-json.h"
#include "sitrep-page-request.h"

typedef struct
{
  char          *dir;
  SitrepContext *context;
  char          *incident_id;
} Fixture;

static JsonObject *
object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("sitrep-pages-XXXXXX", NULL);
  f->context = sitrep_context_new (f->dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "alice");
  f->incident_id = sitrep_context_declare_incident (f->context, "Checkout errors", "checkout", "",
                                                    SITREP_SEVERITY_P2, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->dir);
}

static void
put_service (Fixture    *f,
             const char *name,
             const char *body)
{
  g_autoptr(JsonObject) o = object (body);
  g_autoptr(GError) error = NULL;

  g_assert_true (sitrep_store_put (sitrep_context_get_store (f->context), "services", name, o,
                                   &error));
  g_assert_no_error (error);
}

static void
test_request (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(SitrepRecord) page = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  SitrepRecord *paged;
  guint pending = sitrep_context_get_pending (f->context);

  id = sitrep_context_request_page (f->context, f->incident_id, "  database-team ", "  ",
                                    &error);
  g_assert_no_error (error);
  page = sitrep_store_get (sitrep_context_get_store (f->context), "pages", id);
  g_assert_nonnull (page);
  g_assert_cmpstr (sitrep_json_get_string (page->body, "incident_id"), ==, f->incident_id);
  g_assert_cmpstr (sitrep_json_get_string (page->body, "team"), ==, "database-team");
  g_assert_true (json_object_get_null_member (page->body, "message"));
  g_assert_cmpstr (sitrep_json_get_string (page->body, "requested_by"), ==, "alice");
  g_assert_nonnull (sitrep_json_get_string (page->body, "requested_at"));
  /* What the server writes is the server's. */
  g_assert_false (json_object_has_member (page->body, "delivery"));

  /* The page and its timeline entry, in one transaction. */
  g_assert_cmpuint (sitrep_context_get_pending (f->context), ==, pending + 2);
  timeline = sitrep_context_list_timeline (f->context, f->incident_id);
  paged = timeline->pdata[timeline->len - 1];
  g_assert_cmpstr (sitrep_json_get_string (paged->body, "text"), ==, "Paged database-team");
  g_assert_cmpstr (sitrep_json_get_string (paged->body, "kind"), ==, "action");
  g_assert_cmpstr (sitrep_json_get_string (paged->body, "page_id"), ==, id);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *long_name = g_strnfill (129, 'x');
  guint pending = sitrep_context_get_pending (f->context);
  const char *teams[] = { "", "   ", long_name };

  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = sitrep_context_request_page (f->context, f->incident_id, teams[i],
                                                         "x", &error);

      g_assert_null (id);
      g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *id = sitrep_context_request_page (f->context,
                                                       "00000000-0000-4000-8000-000000000000",
                                                       "db", NULL, &error);

    g_assert_null (id);
    g_assert_error (error, SITREP_STORE_ERROR, SITREP_STORE_ERROR_NOT_FOUND);
  }
  g_assert_cmpuint (sitrep_context_get_pending (f->context), ==, pending);
}

static void
test_team_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_auto(GStrv) none = sitrep_context_dup_team_names (f->context);
  g_auto(GStrv) teams = NULL;
  g_autofree char *joined = NULL;

  g_assert_cmpuint (g_strv_length (none), ==, 0);
  put_service (f, "payments", "{\"owner_team\":\"payments-team\",\"critical\":true,"
                              "\"escalation\":[\"database-team\",\"platform-team\"]}");
  put_service (f, "search", "{\"owner_team\":\"Database-Team\",\"escalation\":[]}");
  put_service (f, "legacy", "{\"owner_team\":null}");
  id = sitrep_context_request_page (f->context, f->incident_id, "sre-oncall", NULL, &error);
  g_assert_no_error (error);

  teams = sitrep_context_dup_team_names (f->context);
  joined = g_strjoinv (",", teams);
  g_assert_cmpstr (joined, ==, "database-team,payments-team,platform-team,sre-oncall");
}

static void
test_outcome (Fixture       *f,
              gconstpointer  data)
{
  static const struct {
    const char         *fields;
    SitrepPageDelivery  delivery;
    const char         *outcome;
  } cases[] = {
    { "", SITREP_PAGE_DELIVERY_PENDING, "Pending…" },
    { ",\"delivery\":\"pending\",\"attempts\":2", SITREP_PAGE_DELIVERY_PENDING,
      "Pending… (2 attempts so far)" },
    { ",\"delivery\":\"pending\",\"attempts\":1", SITREP_PAGE_DELIVERY_PENDING,
      "Pending… (1 attempt so far)" },
    { ",\"delivery\":\"delivered\",\"provider\":\"pagerduty\",\"attempts\":1,"
      "\"delivered_at\":\"2026-11-27T14:41:05Z\"", SITREP_PAGE_DELIVERY_DELIVERED,
      "Delivered at 14:41 via PagerDuty" },
    { ",\"delivery\":\"delivered\",\"provider\":\"webhook\",\"attempts\":3,"
      "\"delivered_at\":\"2026-11-27T14:41:05Z\"", SITREP_PAGE_DELIVERY_DELIVERED,
      "Delivered at 14:41 via webhook" },
    { ",\"delivery\":\"delivered\"", SITREP_PAGE_DELIVERY_DELIVERED, "Delivered" },
    { ",\"delivery\":\"failed\",\"provider\":\"pagerduty\",\"attempts\":1,"
      "\"error\":\"Invalid routing key\"", SITREP_PAGE_DELIVERY_FAILED,
      "Failed: Invalid routing key after 1 attempt" },
    { ",\"delivery\":\"failed\",\"attempts\":10,\"error\":null", SITREP_PAGE_DELIVERY_FAILED,
      "Failed: no reason given after 10 attempts" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"incident_id\":\"%s\",\"team\":\"db\"%s}",
                                               f->incident_id, cases[i].fields);
      g_autoptr(JsonObject) body = object (json);
      g_autoptr(SitrepPageRequest) page =
        sitrep_page_request_new ("0d6c8f52-5a1b-4c3e-9f7d-2b8e1a4c6d01", body, 1);
      g_autofree char *outcome = sitrep_page_request_dup_outcome (page);

      g_test_message ("%s", json);
      g_assert_cmpint (sitrep_page_request_get_delivery (page), ==, cases[i].delivery);
      g_assert_cmpstr (outcome, ==, cases[i].outcome);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Outcomes show times in the computer's zone: UTC here. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/models/pages/request", test_request);
  ADD ("/models/pages/refused", test_refused);
  ADD ("/models/pages/team-names", test_team_names);
  ADD ("/models/pages/outcome", test_outcome);
#undef ADD

  return g_test_run ();
}
