/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-triage.c: alert facts → severity, the guide's automated triage */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-enum-strings.h"
#include "sitrep-record.h"
#include "sitrep-triage.h"

static const char * const default_critical_services[] = {
  "payments",
  "checkout",
  "authentication",
  "database",
  NULL,
};

/**
 * sitrep_alert_facts_clear:
 *
 * Frees what @facts owns and resets it to "nothing known".
 */
void
sitrep_alert_facts_clear (SitrepAlertFacts *facts)
{
  g_return_if_fail (facts != NULL);

  g_clear_pointer (&facts->service, g_free);
  facts->error_rate = 0.0;
  facts->affected_users = 0;
  facts->revenue_impacting = FALSE;
  facts->severity_hint = SITREP_SEVERITY_NONE;
  g_clear_pointer (&facts->severity_label, g_free);
}

/* Alertmanager sends strings, but hand-written payloads carry numbers and
 * booleans too; accept all scalars as text rather than dropping them. */
static char *
member_as_text (JsonObject *o,
                const char *member)
{
  JsonNode *node;

  if (o == NULL || !json_object_has_member (o, member))
    return NULL;

  node = json_object_get_member (o, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strstrip (g_strdup (json_node_get_string (node)));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
parse_rate (const char *text,
            double     *out)
{
  g_autofree char *copy = NULL;
  gsize len;
  gboolean percent = FALSE;
  char *end = NULL;
  double v;

  if (text == NULL || *text == '\0')
    return FALSE;

  copy = g_strdup (text);
  len = strlen (copy);
  if (copy[len - 1] == '%')
    {
      percent = TRUE;
      copy[len - 1] = '\0';
      g_strchomp (copy);
    }
  if (*copy == '\0')
    return FALSE;

  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v) || v < 0.0)
    return FALSE;

  *out = percent ? v / 100.0 : v;
  return TRUE;
}

static gboolean
parse_count (const char *text,
             gint64     *out)
{
  guint64 v;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &v, NULL))
    return FALSE;

  *out = (gint64) v;
  return TRUE;
}

static gboolean
parse_flag (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "1", NULL };
  static const char * const no[] = { "false", "no", "0", NULL };

  if (text == NULL)
    return FALSE;

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *out = TRUE;
          return TRUE;
        }
    }
  for (guint i = 0; no[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *out = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

/* Alertmanager rules speak in their own words ("critical", "warning"); map
 * them onto the guide's levels. */
static gboolean
parse_hint (const char     *text,
            SitrepSeverity *out)
{
  static const struct {
    const char *word;
    SitrepSeverity severity;
  } words[] = {
    { "critical", SITREP_SEVERITY_P1 },
    { "high", SITREP_SEVERITY_P2 },
    { "error", SITREP_SEVERITY_P2 },
    { "warning", SITREP_SEVERITY_P3 },
    { "medium", SITREP_SEVERITY_P3 },
    { "low", SITREP_SEVERITY_P4 },
    { "info", SITREP_SEVERITY_P4 },
  };
  SitrepSeverity s;

  if (text == NULL)
    return FALSE;

  s = sitrep_severity_from_string (text);
  if (s != SITREP_SEVERITY_NONE)
    {
      *out = s;
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (g_ascii_strcasecmp (text, words[i].word) == 0)
        {
          *out = words[i].severity;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sitrep_alert_facts_from_alert:
 * @facts: (out caller-allocates): facts to fill; any previous content is freed
 * @labels: (nullable): the alert's labels
 * @annotations: (nullable): the alert's annotations
 *
 * Reads `service`, `error_rate`, `affected_users`, `revenue_impacting` and
 * `severity`. A label wins over an annotation of the same name; a value that
 * does not parse counts as absent, so a usable annotation still applies.
 */
void
sitrep_alert_facts_from_alert (SitrepAlertFacts *facts,
                               JsonObject       *labels,
                               JsonObject       *annotations)
{
  JsonObject *sources[] = { labels, annotations };

  g_return_if_fail (facts != NULL);

  /* Not sitrep_alert_facts_clear(): callers may pass an uninitialised struct. */
  facts->service = NULL;
  facts->error_rate = 0.0;
  facts->affected_users = 0;
  facts->revenue_impacting = FALSE;
  facts->severity_hint = SITREP_SEVERITY_NONE;
  facts->severity_label = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *text = member_as_text (sources[i], "service");

      if (text != NULL && *text != '\0')
        {
          facts->service = g_steal_pointer (&text);
          break;
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *text = member_as_text (sources[i], "error_rate");

      if (parse_rate (text, &facts->error_rate))
        break;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *text = member_as_text (sources[i], "affected_users");

      if (parse_count (text, &facts->affected_users))
        break;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *text = member_as_text (sources[i], "revenue_impacting");

      if (parse_flag (text, &facts->revenue_impacting))
        break;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_autofree char *text = member_as_text (sources[i], "severity");

      if (parse_hint (text, &facts->severity_hint))
        {
          facts->severity_label = g_steal_pointer (&text);
          break;
        }
    }
}

/**
 * sitrep_triage_default_critical_services:
 *
 * Returns: (transfer none): the guide's critical services, %NULL-terminated.
 */
const char * const *
sitrep_triage_default_critical_services (void)
{
  return default_critical_services;
}

static gboolean
is_critical (const char         *service,
             const char * const *critical_services)
{
  g_autofree char *folded = NULL;

  if (service == NULL || !g_utf8_validate (service, -1, NULL))
    return FALSE;

  folded = g_utf8_casefold (service, -1);
  for (guint i = 0; critical_services[i] != NULL; i++)
    {
      g_autofree char *candidate = NULL;

      if (!g_utf8_validate (critical_services[i], -1, NULL))
        continue;
      candidate = g_utf8_casefold (critical_services[i], -1);
      if (g_str_equal (folded, candidate))
        return TRUE;
    }

  return FALSE;
}

/**
 * sitrep_triage_match:
 * @critical_services: (nullable): %NULL-terminated list, or %NULL for the
 *   defaults
 *
 * The guide's classify_incident(), with its strict comparisons: 20% on a
 * critical service is not yet P1, 20.01% is.
 *
 * Returns: the first rule that holds, %SITREP_TRIAGE_RULE_NONE if none does
 */
SitrepTriageRule
sitrep_triage_match (const SitrepAlertFacts *facts,
                     const char * const     *critical_services)
{
  g_return_val_if_fail (facts != NULL, SITREP_TRIAGE_RULE_NONE);

  if (critical_services == NULL)
    critical_services = default_critical_services;

  if (is_critical (facts->service, critical_services) && facts->error_rate > 0.20)
    return SITREP_TRIAGE_RULE_CRITICAL_ERRORS;
  if (facts->revenue_impacting)
    return SITREP_TRIAGE_RULE_REVENUE;
  if (facts->error_rate > 0.10)
    return SITREP_TRIAGE_RULE_ERRORS_10;
  if (facts->affected_users > 1000)
    return SITREP_TRIAGE_RULE_USERS_1000;
  if (facts->error_rate > 0.05)
    return SITREP_TRIAGE_RULE_ERRORS_5;
  if (facts->affected_users > 100)
    return SITREP_TRIAGE_RULE_USERS_100;
  return SITREP_TRIAGE_RULE_NONE;
}

/**
 * sitrep_triage_rule_get_severity:
 *
 * Returns: the severity @rule gives, P1 … P4
 */
SitrepSeverity
sitrep_triage_rule_get_severity (SitrepTriageRule rule)
{
  switch (rule)
    {
    case SITREP_TRIAGE_RULE_CRITICAL_ERRORS:
      return SITREP_SEVERITY_P1;
    case SITREP_TRIAGE_RULE_REVENUE:
    case SITREP_TRIAGE_RULE_ERRORS_10:
    case SITREP_TRIAGE_RULE_USERS_1000:
      return SITREP_SEVERITY_P2;
    case SITREP_TRIAGE_RULE_ERRORS_5:
    case SITREP_TRIAGE_RULE_USERS_100:
      return SITREP_SEVERITY_P3;
    case SITREP_TRIAGE_RULE_NONE:
    default:
      return SITREP_SEVERITY_P4;
    }
}

/**
 * sitrep_triage_rule_to_string:
 *
 * Returns: (transfer none): the rule's stable name, as records store it:
 *   "critical_errors", "revenue", "errors_10", "users_1000", "errors_5",
 *   "users_100" or "none"
 */
const char *
sitrep_triage_rule_to_string (SitrepTriageRule rule)
{
  static const char * const names[] = {
    [SITREP_TRIAGE_RULE_CRITICAL_ERRORS] = "critical_errors",
    [SITREP_TRIAGE_RULE_REVENUE] = "revenue",
    [SITREP_TRIAGE_RULE_ERRORS_10] = "errors_10",
    [SITREP_TRIAGE_RULE_USERS_1000] = "users_1000",
    [SITREP_TRIAGE_RULE_ERRORS_5] = "errors_5",
    [SITREP_TRIAGE_RULE_USERS_100] = "users_100",
    [SITREP_TRIAGE_RULE_NONE] = "none",
  };

  if ((guint) rule >= G_N_ELEMENTS (names))
    return "none";
  return names[rule];
}

/**
 * sitrep_triage_classify:
 * @critical_services: (nullable): %NULL-terminated list, or %NULL for the
 *   defaults
 *
 * Returns: P1 … P4, as sitrep_triage_match() decides
 */
SitrepSeverity
sitrep_triage_classify (const SitrepAlertFacts *facts,
                        const char * const     *critical_services)
{
  g_return_val_if_fail (facts != NULL, SITREP_SEVERITY_NONE);

  return sitrep_triage_rule_get_severity (sitrep_triage_match (facts, critical_services));
}

/* "25%", "20.01%", "7.5%": at most four significant digits, never the
 * locale's decimal comma, so the same alert reads the same everywhere. */
static char *
format_rate (double rate)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.4g", rate * 100.0);
  return g_strconcat (buf, "%", NULL);
}

/* Labels come from outside: a service name is shown at most as long as a
 * service record's name may be. */
static char *
format_name (const char *text)
{
  const char *end;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, &end))
    return g_strndup (text, end - text);
  if (strlen (text) <= SITREP_NAME_MAX)
    return g_strdup (text);

  end = g_utf8_find_prev_char (text, text + SITREP_NAME_MAX + 1);
  return g_strndup (text, end - text);
}

/**
 * sitrep_triage_explain:
 * @rule: the rule that decided, as sitrep_triage_match() returned it
 *
 * Says why, with the alert's values: "critical service payments and error
 * rate 25% > 20%", "1500 users affected > 1000".
 *
 * Returns: (transfer full): the explanation, translated, without the
 *   severity itself; short whatever the alert carried
 */
char *
sitrep_triage_explain (const SitrepAlertFacts *facts,
                       SitrepTriageRule        rule)
{
  g_autofree char *service = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *users = NULL;

  g_return_val_if_fail (facts != NULL, NULL);

  service = format_name (facts->service);
  rate = format_rate (facts->error_rate);
  users = g_strdup_printf ("%" G_GINT64_FORMAT, facts->affected_users);

  switch (rule)
    {
    case SITREP_TRIAGE_RULE_CRITICAL_ERRORS:
      /* Translators: why triage chose P1, e.g. "critical service payments and
       * error rate 25% > 20%" */
      return g_strdup_printf (_("critical service %s and error rate %s > 20%%"),
                              service != NULL ? service : "", rate);
    case SITREP_TRIAGE_RULE_REVENUE:
      if (service != NULL)
        /* Translators: why triage chose P2, %s is a service */
        return g_strdup_printf (_("revenue impacting (service %s)"), service);
      return g_strdup (_("revenue impacting"));
    case SITREP_TRIAGE_RULE_ERRORS_10:
      /* Translators: why triage chose P2, e.g. "error rate 12% > 10%" */
      return g_strdup_printf (_("error rate %s > 10%%"), rate);
    case SITREP_TRIAGE_RULE_USERS_1000:
      /* Translators: why triage chose P2, e.g. "1500 users affected > 1000" */
      return g_strdup_printf (_("%s users affected > 1000"), users);
    case SITREP_TRIAGE_RULE_ERRORS_5:
      /* Translators: why triage chose P3, e.g. "error rate 7% > 5%" */
      return g_strdup_printf (_("error rate %s > 5%%"), rate);
    case SITREP_TRIAGE_RULE_USERS_100:
      /* Translators: why triage chose P3, e.g. "150 users affected > 100" */
      return g_strdup_printf (_("%s users affected > 100"), users);
    case SITREP_TRIAGE_RULE_NONE:
    default:
      if (service == NULL && facts->error_rate <= 0.0 && facts->affected_users <= 0)
        return g_strdup (_("no rule matched: the alert gives no service, error rate or "
                           "affected users"));
      /* Translators: why triage chose P4, e.g. "no rule matched (service search,
       * error rate 1%, 20 users affected)" */
      return g_strdup_printf (_("no rule matched (service %s, error rate %s, %s users affected)"),
                              service != NULL ? service : _("none"), rate, users);
    }
}

/**
 * sitrep_triage_result_init:
 * @result: (out caller-allocates): nothing classified yet
 */
void
sitrep_triage_result_init (SitrepTriageResult *result)
{
  g_return_if_fail (result != NULL);

  result->severity = SITREP_SEVERITY_NONE;
  result->rule = SITREP_TRIAGE_RULE_NONE;
  result->reason = NULL;
  result->hint = SITREP_SEVERITY_NONE;
  result->hint_label = NULL;
  result->services = g_ptr_array_new_with_free_func (g_free);
}

void
sitrep_triage_result_clear (SitrepTriageResult *result)
{
  g_return_if_fail (result != NULL);

  g_clear_pointer (&result->reason, g_free);
  g_clear_pointer (&result->hint_label, g_free);
  g_clear_pointer (&result->services, g_ptr_array_unref);
  result->severity = SITREP_SEVERITY_NONE;
  result->rule = SITREP_TRIAGE_RULE_NONE;
  result->hint = SITREP_SEVERITY_NONE;
}

/**
 * sitrep_triage_result_add:
 * @labels: (nullable): one alert's labels (or a group's common labels)
 * @annotations: (nullable): its annotations
 * @in_catalogue: (nullable) (scope call): whether the catalogue marks a
 *   service critical, besides the guide's defaults
 *
 * Classifies one alert and keeps it if it is the most severe so far; of
 * equally severe ones, the first explains. The most severe hint is kept
 * likewise, and the service named, at most %SITREP_NAME_MAX bytes of it.
 */
void
sitrep_triage_result_add (SitrepTriageResult       *result,
                          JsonObject               *labels,
                          JsonObject               *annotations,
                          SitrepTriageCriticalFunc  in_catalogue,
                          gpointer                  user_data)
{
  g_autoptr(GPtrArray) critical = g_ptr_array_new ();
  SitrepAlertFacts alert;
  SitrepTriageRule rule;
  SitrepSeverity severity;

  g_return_if_fail (result != NULL && result->services != NULL);

  sitrep_alert_facts_from_alert (&alert, labels, annotations);

  for (guint i = 0; default_critical_services[i] != NULL; i++)
    g_ptr_array_add (critical, (gpointer) default_critical_services[i]);
  if (alert.service != NULL)
    {
      /* A name fit for an incident's services, however long the label. */
      g_autofree char *name = format_name (alert.service);

      if (in_catalogue != NULL && in_catalogue (alert.service, user_data))
        g_ptr_array_add (critical, alert.service);
      if (!g_ptr_array_find_with_equal_func (result->services, name, g_str_equal, NULL))
        g_ptr_array_add (result->services, g_steal_pointer (&name));
    }
  g_ptr_array_add (critical, NULL);

  rule = sitrep_triage_match (&alert, (const char * const *) critical->pdata);
  severity = sitrep_triage_rule_get_severity (rule);
  if (result->severity == SITREP_SEVERITY_NONE || severity < result->severity)
    {
      result->severity = severity;
      result->rule = rule;
      g_free (result->reason);
      result->reason = sitrep_triage_explain (&alert, rule);
    }
  if (alert.severity_hint != SITREP_SEVERITY_NONE
      && (result->hint == SITREP_SEVERITY_NONE || alert.severity_hint < result->hint))
    {
      result->hint = alert.severity_hint;
      g_free (result->hint_label);
      result->hint_label = g_strdup (alert.severity_label);
    }

  sitrep_alert_facts_clear (&alert);
}
