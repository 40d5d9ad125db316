/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-templates.c: built-in templates and placeholder rendering */

#include "config.h"

#include <string.h>

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-record.h"
#include "sitrep-templates.h"

#define TEMPLATE_ID "7c9e6679-7425-40de-944b-e07fc1f90ae7"

/* "a=1;b=;c=  " → a hash table; NULL → NULL */
static GHashTable *
parse_values (const char *spec)
{
  GHashTable *values;
  g_auto(GStrv) pairs = NULL;

  if (spec == NULL)
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pairs = g_strsplit (spec, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (pairs[i][0] == '\0')
        continue;
      g_assert_nonnull (eq);
      g_hash_table_insert (values, g_strndup (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
    }
  return values;
}

static GHashTable *
incident_values (void)
{
  return parse_values ("ref=INC-2025-042;title=Payment service outage;service=payments;"
                       "services=payments, database;severity=P1;status=Identified;"
                       "impact=Customers cannot complete purchases;commander=alice;"
                       "started=14:32 UTC;duration=1 h 5 min;next_update=15:30 UTC;"
                       "last_update=15:00 UTC");
}

static char *
join (GPtrArray *names)
{
  GString *s = g_string_new (NULL);

  g_assert_nonnull (names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (s, FALSE);
}

static const SitrepTemplateBuiltin *
builtin (const char *key)
{
  gsize n = 0;
  const SitrepTemplateBuiltin *all = sitrep_templates_builtins (&n);

  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (all[i].key, key) == 0)
      return &all[i];
  g_assert_not_reached ();
  return NULL;
}

static void
test_builtins (void)
{
  static const struct {
    const char     *key;
    SitrepAudience  audience;
    const char     *status;
  } expected[] = {
    { "status-page-initial", SITREP_AUDIENCE_STATUS_PAGE, "Investigating" },
    { "status-page-update", SITREP_AUDIENCE_STATUS_PAGE, "Identified / Working on Fix" },
    { "status-page-resolution", SITREP_AUDIENCE_STATUS_PAGE, "Resolved" },
    { "customer-support", SITREP_AUDIENCE_CUSTOMERS, NULL },
    { "stakeholder-update", SITREP_AUDIENCE_STAKEHOLDERS, NULL },
    { "executive-update", SITREP_AUDIENCE_EXECUTIVES, NULL },
    { "can-report", SITREP_AUDIENCE_INTERNAL, NULL },
  };
  gsize n = 0;
  const SitrepTemplateBuiltin *all = sitrep_templates_builtins (&n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpstr (all[i].key, ==, expected[i].key);
      g_assert_cmpint (all[i].audience, ==, expected[i].audience);
      g_assert_cmpstr (all[i].status, ==, expected[i].status);
      g_assert_nonnull (all[i].name);
      g_assert_cmpstr (all[i].name, !=, "");
      g_assert_nonnull (all[i].title);
      g_assert_nonnull (all[i].body);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpstr (all[i].name, !=, all[j].name);
    }
}

/* Rendered with an incident's values, the guide's texts come out word for
 * word with the guide's blanks filled. */
static void
test_guide_verbatim (void)
{
  static const struct {
    const char *key;
    const char *title;
    const char *body;
    const char *blanks;
  } rows[] = {
    { "status-page-initial", "Payments - Service Disruption",
      "We are investigating reports of issues with payments. "
      "We will provide updates as we learn more.", "" },
    { "status-page-update", "Payments - Service Disruption Update",
      "We have identified the cause of the disruption with payments and are working on a fix. "
      "Customers cannot complete purchases. "
      "We will continue to provide updates as we make progress.", "" },
    { "status-page-resolution", "Payments - Service Restored",
      "The issues affecting payments have been resolved. [Brief explanation of what happened]. "
      "We apologize for any inconvenience this may have caused. "
      "If you continue to experience issues, please contact support.",
      "Brief explanation of what happened" },
    { "customer-support", "Payments - Customer Support Message",
      "We’re currently experiencing technical difficulties with payments. "
      "Our engineering team has been notified and is working on a fix. "
      "In the meantime, please [alternative payment instructions if applicable].",
      "alternative payment instructions if applicable" },
    { "executive-update", "INC-2025-042 Payment service outage - Executive Update",
      "INC-2025-042 Payment service outage — P1, Identified. "
      "Impact: Customers cannot complete purchases. Started 14:32 UTC (1 h 5 min ago). "
      "Incident Commander: alice. Next update: 15:30 UTC.", "" },
  };
  g_autoptr(GHashTable) values = incident_values ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const SitrepTemplateBuiltin *t = builtin (rows[i].key);
      g_auto(SitrepRendered) title = { 0 };
      g_auto(SitrepRendered) body = { 0 };
      g_autofree char *blanks = NULL;

      sitrep_template_render (t->title, values, &title);
      sitrep_template_render (t->body, values, &body);
      blanks = join (body.blanks);
      g_test_message ("template %s", rows[i].key);
      g_assert_cmpstr (title.text, ==, rows[i].title);
      g_assert_true (sitrep_rendered_is_sendable (&title));
      g_assert_cmpstr (body.text, ==, rows[i].body);
      g_assert_cmpuint (body.unknown->len, ==, 0);
      g_assert_cmpuint (body.empty->len, ==, 0);
      g_assert_cmpstr (blanks, ==, rows[i].blanks);
      g_assert_true (sitrep_rendered_is_sendable (&body) == (rows[i].blanks[0] == '\0'));
    }
}

/* Every built-in uses only the known placeholders; those with things only
 * a person knows keep them as blanks. */
static void
test_builtins_placeholders (void)
{
  static const struct {
    const char *key;
    const char *blanks;
  } rows[] = {
    { "stakeholder-update",
      "what has been done and what we have learned|what happens next" },
    { "can-report", "what is being done, and by whom|people, access or decisions needed" },
  };
  g_autoptr(GHashTable) values = incident_values ();
  g_autoptr(GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  gsize n = 0;
  const SitrepTemplateBuiltin *all = sitrep_templates_builtins (&n);

  for (gsize i = 0; i < n; i++)
    {
      g_auto(SitrepRendered) title = { 0 };
      g_auto(SitrepRendered) body = { 0 };
      g_auto(SitrepRendered) unfilled = { 0 };

      sitrep_template_render (all[i].title, values, &title);
      sitrep_template_render (all[i].body, values, &body);
      g_test_message ("template %s", all[i].key);
      g_assert_cmpuint (title.unknown->len + title.empty->len + title.blanks->len, ==, 0);
      g_assert_cmpuint (body.unknown->len, ==, 0);
      g_assert_cmpuint (body.empty->len, ==, 0);
      g_assert_null (strstr (body.text, "{{"));

      /* with nothing known, every placeholder is flagged empty, none unknown */
      sitrep_template_render (all[i].body, none, &unfilled);
      g_assert_cmpuint (unfilled.unknown->len, ==, 0);
      g_assert_cmpuint (unfilled.empty->len, >, 0);
      g_assert_false (sitrep_rendered_is_sendable (&unfilled));
    }

  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    {
      g_auto(SitrepRendered) body = { 0 };
      g_autofree char *blanks = NULL;

      sitrep_template_render (builtin (rows[r].key)->body, values, &body);
      blanks = join (body.blanks);
      g_assert_cmpstr (blanks, ==, rows[r].blanks);
      g_assert_false (sitrep_rendered_is_sendable (&body));
    }
}

static void
test_builtin_to_body (void)
{
  gsize n = 0;
  const SitrepTemplateBuiltin *all = sitrep_templates_builtins (&n);

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(JsonObject) body = sitrep_template_builtin_to_body (&all[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (sitrep_record_validate ("templates", TEMPLATE_ID, body, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (sitrep_json_get_string (body, "name"), ==, all[i].name);
      g_assert_cmpstr (sitrep_json_get_string (body, "audience"), ==,
                       sitrep_audience_to_string (all[i].audience));
      g_assert_cmpstr (sitrep_json_get_string (body, "title"), ==, all[i].title);
      g_assert_cmpstr (sitrep_json_get_string (body, "body"), ==, all[i].body);
      g_assert_cmpstr (sitrep_json_get_string (body, "builtin_key"), ==, all[i].key);
      g_assert_true (json_object_has_member (body, "status"));
      if (all[i].status == NULL)
        g_assert_true (json_object_get_null_member (body, "status"));
      else
        g_assert_cmpstr (sitrep_json_get_string (body, "status"), ==, all[i].status);
    }
}

typedef struct {
  const char *text;
  const char *values;     /* "name=value;…", NULL for no table */
  const char *expected;
  const char *unknown;    /* names joined by "|" */
  const char *empty;
  const char *blanks;
} RenderCase;

#define VALS "ref=INC-7;title=Checkout slow;service=checkout;impact=;commander=   ;summary=s"

static const RenderCase render_cases[] = {
  /* a value that starts a sentence or line starts with a capital */
  { "{{service}} - Service Disruption", VALS, "Checkout - Service Disruption", "", "", "" },
  { "Slow. {{service}} is down.\n{{service}}", VALS, "Slow. Checkout is down.\nCheckout", "", "", "" },
  /* a value's own spaces don't hide the period that ends it */
  { "Impact: {{impact}}. Next", "impact=Checkout returns an error. ",
    "Impact: Checkout returns an error. Next", "", "", "" },
  { "Incident {{ref}}: {{title}}", VALS, "Incident INC-7: Checkout slow", "", "", "" },
  { "{{ref}}", VALS, "INC-7", "", "", "" },
  { "{{ref}} on {{service}}", VALS, "INC-7 on checkout", "", "", "" },
  { "{{ ref }}/{{\tservice  }}/{{  title}}", VALS, "INC-7/checkout/Checkout slow", "", "", "" },
  { "{{summary}}", VALS, "S", "", "", "" },   /* any name with a value fills */
  { "", VALS, "", "", "", "" },
  { "no placeholders", NULL, "no placeholders", "", "", "" },
  /* unknown: left in the text, each once, in order */
  { "{{foo}} {{ref}} {{foo}} {{ bar }}", VALS, "{{foo}} INC-7 {{foo}} {{bar}}", "foo|bar", "", "" },
  { "{{Ref}}", VALS, "{{Ref}}", "Ref", "", "" },
  { "{{next update}}", VALS, "{{next update}}", "next update", "", "" },
  /* empty: a blank value, or a known name with no value */
  { "Impact: {{impact}}", VALS, "Impact: {{impact}}", "", "impact", "" },
  { "IC: {{ commander }}", VALS, "IC: {{commander}}", "", "commander", "" },
  { "{{next_update}} {{impact}} {{next_update}}", VALS,
    "{{next_update}} {{impact}} {{next_update}}", "", "next_update|impact", "" },
  { "{{ref}} {{zz}} {{impact}}", NULL, "{{ref}} {{zz}} {{impact}}", "zz", "ref|impact", "" },
  /* unbalanced braces are text */
  { "{{ref", VALS, "{{ref", "", "", "" },
  { "ref}} }}", VALS, "ref}} }}", "", "", "" },
  { "{{ref}", VALS, "{{ref}", "", "", "" },
  { "{ref}", VALS, "{ref}", "", "", "" },
  { "{{ {{ref}}", VALS, "{{ INC-7", "", "", "" },
  { "{{{ref}}}", VALS, "{INC-7}", "", "", "" },
  { "{{ref\n}} {{ref}}", VALS, "{{ref\n}} INC-7", "", "", "" },
  { "x {{", VALS, "x {{", "", "", "" },
  /* blanks: "[…]" a person must fill */
  { "Please [do this] now", VALS, "Please [do this] now", "", "", "do this" },
  { "[first] and [ second ] and [first]", VALS, "[first] and [ second ] and [first]", "", "",
    "first|second" },
  { "[Brief explanation]. {{ref}}", VALS, "[Brief explanation]. INC-7", "", "",
    "Brief explanation" },
  { "See [the runbook](https://wiki/x) and [docs][1]", VALS,
    "See [the runbook](https://wiki/x) and [docs][1]", "", "", "" },
  { "- [ ] open\n- [x] done\n- [X] done", VALS, "- [ ] open\n- [x] done\n- [X] done", "", "", "" },
  { "\\[escaped] [] [unclosed", VALS, "\\[escaped] [] [unclosed", "", "", "" },
  { "[outer [inner] rest]", VALS, "[outer [inner] rest]", "", "", "inner" },
  { "[a][b] [c]", VALS, "[a][b] [c]", "", "", "c" },
  { "[two\nlines]", VALS, "[two\nlines]", "", "", "" },
  { "[a] {{foo}} {{impact}}", VALS, "[a] {{foo}} {{impact}}", "foo", "impact", "a" },
  /* optional: left out with no value, with its space and its full stop */
  { "fix. {{impact?}}. We will", VALS, "fix. We will", "", "", "" },
  { "fix. {{ impact? }}. We will", "title=x", "fix. We will", "", "", "" },
  /* …but with no values at all, as a text is checked, it is still to fill */
  { "fix. {{impact?}}. We will", NULL, "fix. {{impact?}}. We will", "", "impact", "" },
  { "fix. {{impact?}}. We will", "impact=Slow", "fix. Slow. We will", "", "", "" },
  { "Impact: {{impact?}}\nNext", VALS, "Impact:\nNext", "", "", "" },
  { "{{impact?}} Next", VALS, "Next", "", "", "" },
  { "a {{zz?}} b", VALS, "a {{zz?}} b", "zz", "", "" },
  /* a value that ends its sentence takes the template's full stop */
  { "Impact: {{impact}}. Next", "impact=Slow.", "Impact: Slow. Next", "", "", "" },
  { "Impact: {{impact}}.", "impact=Down!", "Impact: Down!", "", "", "" },
  { "fix. {{impact?}}. We", "impact=Slow.", "fix. Slow. We", "", "", "" },
  { "{{title}}.{{ref}}", VALS, "Checkout slow.INC-7", "", "", "" },
};

static void
test_render_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      const RenderCase *c = &render_cases[i];
      g_autoptr(GHashTable) values = parse_values (c->values);
      g_auto(SitrepRendered) r = { 0 };
      g_autofree char *unknown = NULL;
      g_autofree char *empty = NULL;
      g_autofree char *blanks = NULL;
      gboolean clean;

      sitrep_template_render (c->text, values, &r);
      unknown = join (r.unknown);
      empty = join (r.empty);
      blanks = join (r.blanks);
      g_test_message ("render case %u: %s", i, c->text);
      g_assert_cmpstr (r.text, ==, c->expected);
      g_assert_cmpstr (unknown, ==, c->unknown);
      g_assert_cmpstr (empty, ==, c->empty);
      g_assert_cmpstr (blanks, ==, c->blanks);

      clean = c->unknown[0] == '\0' && c->empty[0] == '\0' && c->blanks[0] == '\0';
      g_assert_true (sitrep_rendered_is_sendable (&r) == clean);
    }
}

static void
test_rendered_clear (void)
{
  SitrepRendered r = { 0 };

  g_assert_false (sitrep_rendered_is_sendable (&r));   /* nothing rendered yet */

  sitrep_template_render ("{{foo}} [x y]", NULL, &r);
  g_assert_nonnull (r.text);
  sitrep_rendered_clear (&r);
  g_assert_null (r.text);
  g_assert_null (r.unknown);
  g_assert_null (r.empty);
  g_assert_null (r.blanks);
  sitrep_rendered_clear (&r);   /* twice is fine */
}

/* "{{}}" has no name to fill but must not go out as it is either. */
static void
test_render_nameless (void)
{
  g_auto(SitrepRendered) r = { 0 };

  sitrep_template_render ("a {{}} b {{  }}", NULL, &r);
  g_assert_cmpstr (r.text, ==, "a {{}} b {{}}");
  g_assert_cmpuint (r.unknown->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.unknown, 0), ==, "");
  g_assert_cmpuint (r.empty->len, ==, 0);
  g_assert_false (sitrep_rendered_is_sendable (&r));
}

/* Every value ending its own sentence, or none there to give: no built-in
 * renders "..", and the status page update needs no impact to be sent. */
static void
test_builtins_punctuation (void)
{
  g_autoptr(GHashTable) full = parse_values ("ref=INC-2025-042.;title=Payments down.;"
                                             "service=payments.;services=payments, db.;"
                                             "severity=P1.;status=Identified.;impact=Slow.;"
                                             "commander=alice.;started=14:32 UTC.;"
                                             "duration=1 h.;next_update=15:30 UTC.;"
                                             "last_update=15:00 UTC.");
  g_autoptr(GHashTable) no_impact = incident_values ();
  gsize n = 0;
  const SitrepTemplateBuiltin *all = sitrep_templates_builtins (&n);

  g_hash_table_remove (no_impact, "impact");

  for (gsize i = 0; i < n; i++)
    {
      GHashTable *tables[] = { full, no_impact };

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          g_auto(SitrepRendered) title = { 0 };
          g_auto(SitrepRendered) body = { 0 };

          sitrep_template_render (all[i].title, tables[t], &title);
          sitrep_template_render (all[i].body, tables[t], &body);
          g_test_message ("%s, table %u: %s", all[i].key, t, body.text);
          g_assert_null (strstr (title.text, ".."));
          g_assert_null (strstr (body.text, ".."));
          g_assert_null (strstr (body.text, " ."));
        }
    }

  {
    g_auto(SitrepRendered) body = { 0 };

    sitrep_template_render (builtin ("status-page-update")->body, no_impact, &body);
    g_assert_cmpstr (body.text, ==,
                     "We have identified the cause of the disruption with payments and are "
                     "working on a fix. We will continue to provide updates as we make progress.");
    g_assert_true (sitrep_rendered_is_sendable (&body));
  }
}

/* The severity's label has its own parentheses ("P1 (Critical)"): the
 * stakeholder update nests none around it. */
static void
test_stakeholder_status_line (void)
{
  g_autoptr(GHashTable) values = parse_values ("severity=P1 (Critical);status=Identified");
  g_auto(SitrepRendered) body = { 0 };

  sitrep_template_render (builtin ("stakeholder-update")->body, values, &body);
  g_assert_nonnull (strstr (body.text, "Status: Identified, P1 (Critical)\n"));
  g_assert_null (strstr (body.text, "))"));
}

/* Until the server numbers the incident, {{ref}} is a local reference made
 * from its id. */
static void
test_provisional_ref (void)
{
  g_autofree char *ref = sitrep_template_provisional_ref (TEMPLATE_ID);
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(SitrepRendered) r = { 0 };

  g_assert_cmpstr (ref, ==, "INC-local-c1f90ae7");
  g_hash_table_insert (values, (gpointer) "ref", ref);
  sitrep_template_render ("{{ref}} update", values, &r);
  g_assert_cmpstr (r.text, ==, "INC-local-c1f90ae7 update");
  g_assert_true (sitrep_rendered_is_sendable (&r));

  /* Incidents declared one after the other (time-ordered ids) each have
   * their own. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *a = sitrep_id_new ();
      g_autofree char *b = sitrep_id_new ();
      g_autofree char *ref_a = sitrep_template_provisional_ref (a);
      g_autofree char *ref_b = sitrep_template_provisional_ref (b);

      g_assert_cmpstr (ref_a, !=, ref_b);
    }
}

static void
test_placeholder_names (void)
{
  static const char * const expected[] = {
    "ref", "title", "service", "services", "severity", "status", "impact", "commander",
    "started", "duration", "next_update", "last_update",
  };
  const char * const *names = sitrep_template_placeholder_names ();

  g_assert_cmpuint (g_strv_length ((char **) names), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains (names, expected[i]));
}

/* The composer proposes the status-page template that fits the incident:
 * initial before the first update, update after it (or once the cause is
 * identified), resolution when resolved. */
static void
test_choose_stage (void)
{
  const SitrepTemplateBuiltin *builtins;
  const char *statuses[3];
  const char *keys[3];
  guint n = 0;
  gsize n_builtins;
  static const struct {
    SitrepStatus status;
    gboolean     sent_before;
    const char  *key;
  } rows[] = {
    { SITREP_STATUS_INVESTIGATING, FALSE, "status-page-initial" },
    { SITREP_STATUS_INVESTIGATING, TRUE, "status-page-update" },
    /* 40 minutes into an identified incident, nothing posted yet */
    { SITREP_STATUS_IDENTIFIED, FALSE, "status-page-update" },
    { SITREP_STATUS_IDENTIFIED, TRUE, "status-page-update" },
    { SITREP_STATUS_MONITORING, TRUE, "status-page-update" },
    { SITREP_STATUS_RESOLVED, TRUE, "status-page-resolution" },
    { SITREP_STATUS_RESOLVED, FALSE, "status-page-resolution" },
    { SITREP_STATUS_CLOSED, TRUE, "status-page-resolution" },
  };

  builtins = sitrep_templates_builtins (&n_builtins);
  /* The resolution first, to show the order is not what picks. */
  for (int pass = 0; pass < 2; pass++)
    for (gsize i = 0; i < n_builtins; i++)
      if (builtins[i].audience == SITREP_AUDIENCE_STATUS_PAGE &&
          (g_strcmp0 (builtins[i].status, "Resolved") == 0) == (pass == 0))
        {
          g_assert_cmpuint (n, <, 3);
          statuses[n] = builtins[i].status;
          keys[n++] = builtins[i].key;
        }
  g_assert_cmpuint (n, ==, 3);

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      int chosen = sitrep_template_choose (statuses, n, rows[i].status, rows[i].sent_before);

      g_assert_cmpint (chosen, >=, 0);
      g_assert_cmpstr (keys[chosen], ==, rows[i].key);
    }

  /* Templates for any status stand in for a missing stage; none, -1. */
  {
    const char *mixed[] = { "Resolved", NULL, "Investigating" };

    g_assert_cmpint (sitrep_template_choose (mixed, 3, SITREP_STATUS_IDENTIFIED, TRUE), ==, 1);
    g_assert_cmpint (sitrep_template_choose (mixed, 3, SITREP_STATUS_INVESTIGATING, FALSE), ==, 2);
    g_assert_cmpint (sitrep_template_choose (mixed, 0, SITREP_STATUS_INVESTIGATING, FALSE), ==, -1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/core/templates/builtins", test_builtins);
  g_test_add_func ("/core/templates/guide-verbatim", test_guide_verbatim);
  g_test_add_func ("/core/templates/builtins-placeholders", test_builtins_placeholders);
  g_test_add_func ("/core/templates/builtin-to-body", test_builtin_to_body);
  g_test_add_func ("/core/templates/render", test_render_table);
  g_test_add_func ("/core/templates/render-nameless", test_render_nameless);
  g_test_add_func ("/core/templates/rendered-clear", test_rendered_clear);
  g_test_add_func ("/core/templates/placeholder-names", test_placeholder_names);
  g_test_add_func ("/core/templates/builtins-punctuation", test_builtins_punctuation);
  g_test_add_func ("/core/templates/provisional-ref", test_provisional_ref);
  g_test_add_func ("/core/templates/stakeholder-status-line", test_stakeholder_status_line);
  g_test_add_func ("/core/templates/choose-stage", test_choose_stage);

  return g_test_run ();
}
