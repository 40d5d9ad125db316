/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-context"

#include "config.h"

#include "sitrep-context.h"

/* Typed times: every field where a person types a time (the capture line,
 * an entry's time, a milestone) reads it here, in the zone the person
 * chose in Preferences as primary — the computer's local zone or UTC — and
 * says when the time needs confirming instead of moving it to another day.
 * The choice is the person's, not the incident's: it lives in GSettings. */

#define TIME_INPUT_ZONE_KEY "time-input-zone"

static GSettings *
dup_settings (void)
{
  GSettingsSchema *schema =
    g_settings_schema_source_lookup (g_settings_schema_source_get_default (), APPLICATION_ID,
                                     TRUE);
  GSettings *settings = NULL;

  if (schema != NULL)
    {
      if (g_settings_schema_has_key (schema, TIME_INPUT_ZONE_KEY))
        settings = g_settings_new (APPLICATION_ID);
      g_settings_schema_unref (schema);
    }

  return settings;
}

/**
 * sitrep_context_get_input_in_utc:
 * @self: (nullable): the context
 *
 * Returns: whether typed times are read as UTC (else in the local zone)
 */
gboolean
sitrep_context_get_input_in_utc (SitrepContext *self)
{
  g_autoptr(GSettings) settings = dup_settings ();

  return settings != NULL &&
         g_settings_get_enum (settings, TIME_INPUT_ZONE_KEY) == SITREP_TIME_INPUT_UTC;
}

/**
 * sitrep_context_dup_input_zone:
 * @self: (nullable): the context
 *
 * Returns: (transfer full): the zone typed times are read in
 */
GTimeZone *
sitrep_context_dup_input_zone (SitrepContext *self)
{
  return sitrep_context_get_input_in_utc (self) ? g_time_zone_new_utc ()
                                                : g_time_zone_new_local ();
}

/**
 * sitrep_context_dup_input_zone_name:
 * @self: (nullable): the context
 * @at: (nullable): the time the name is for (it changes with summer time);
 *   %NULL for now
 *
 * Returns: (transfer full): the abbreviation of the zone typed times are
 *   read in, as a clock shows it: "CET", "CEST", "UTC"
 */
char *
sitrep_context_dup_input_zone_name (SitrepContext *self,
                                    GDateTime     *at)
{
  g_autoptr(GTimeZone) zone = sitrep_context_dup_input_zone (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) there = g_date_time_to_timezone (at ? at : now, zone);

  if (sitrep_context_get_input_in_utc (self))
    return g_strdup ("UTC");
  return g_date_time_format (there, "%Z");
}

/**
 * sitrep_context_format_input_time:
 * @self: (nullable): the context
 * @when: a time
 * @with_date: whether to write the date too
 *
 * Writes @when the way a person would type it back: in the zone typed
 * times are read in, so that what an editor shows reads back unchanged.
 *
 * Returns: (transfer full): e.g. "13:50" or "2026-11-27 13:50:00"
 */
char *
sitrep_context_format_input_time (SitrepContext *self,
                                  GDateTime     *when,
                                  gboolean       with_date)
{
  g_autoptr(GTimeZone) zone = sitrep_context_dup_input_zone (self);
  g_autoptr(GDateTime) there = g_date_time_to_timezone (when, zone);

  return g_date_time_format (there, with_date ? "%Y-%m-%d %H:%M:%S" : "%H:%M");
}

/**
 * sitrep_context_get_incident_start:
 * @incident: (nullable): an incident
 *
 * Returns: (transfer none) (nullable): when @incident began: the earlier
 *   of its detection and its declaration
 */
GDateTime *
sitrep_context_get_incident_start (SitrepIncident *incident)
{
  GDateTime *detected, *declared;

  if (incident == NULL)
    return NULL;

  detected = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DETECTED);
  declared = sitrep_incident_get_milestone (incident, SITREP_MILESTONE_DECLARED);
  if (detected == NULL)
    return declared;
  if (declared == NULL)
    return detected;
  return g_date_time_compare (detected, declared) <= 0 ? detected : declared;
}

/**
 * sitrep_context_parse_time_input:
 * @self: (nullable): the context
 * @text: what the person typed in a time field
 * @incident: (nullable): the incident the time belongs to
 * @check: (out) (optional): whether to ask before using it
 *
 * Reads a typed time (`13:50`, `-5m`, `2026-11-27 13:50`, RFC 3339) in the
 * zone the person chose, today's date there for a clock time. A time more
 * than a few minutes ahead, or before @incident began, comes back as read
 * with @check saying so: ask, never guess.
 *
 * Returns: (transfer full): the time in UTC, or %NULL with @error set
 */
GDateTime *
sitrep_context_parse_time_input (SitrepContext       *self,
                                 const char          *text,
                                 SitrepIncident      *incident,
                                 SitrepCaptureCheck  *check,
                                 GError             **error)
{
  g_autoptr(GTimeZone) zone = sitrep_context_dup_input_zone (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return sitrep_time_parse_input_in_zone (text, now, zone,
                                          sitrep_context_get_incident_start (incident), check,
                                          error);
}

/**
 * sitrep_context_parse_capture:
 * @self: (nullable): the context
 * @input: a capture line, e.g. `13:50 decision: roll back`
 * @incident: (nullable): the incident it is for
 * @default_kind: the kind when none is typed
 * @capture: (out caller-allocates): what it reads as
 * @check: (out): whether to ask before filing it
 *
 * Reads a capture line with its leading time in the chosen zone: see
 * sitrep_capture_parse_in_zone().
 *
 * Returns: %TRUE with @capture filled, or %FALSE with @error set
 */
gboolean
sitrep_context_parse_capture (SitrepContext       *self,
                              const char          *input,
                              SitrepIncident      *incident,
                              SitrepTimelineKind   default_kind,
                              SitrepCapture       *capture,
                              SitrepCaptureCheck  *check,
                              GError             **error)
{
  g_autoptr(GTimeZone) zone = sitrep_context_dup_input_zone (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return sitrep_capture_parse_in_zone (input, now, zone,
                                       sitrep_context_get_incident_start (incident),
                                       default_kind, capture, check, error);
}
