/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-timeline-entry.h"

/* A timeline entry as the scribe's list shows it; its time is parsed once
 * per change into a sort key, so ordering 10,000 rows compares integers. */
struct _SitrepTimelineEntry
{
  SitrepRecordObject  parent_instance;

  gboolean            pinned;
  GDateTime          *occurred_at;
  gint64              sort_key;
  SitrepTimelineKind  kind;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineEntry, sitrep_timeline_entry, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_OCCURRED_AT,
  PROP_KIND,
  PROP_TEXT,
  PROP_AUTHOR,
  PROP_PINNED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_timeline_entry_finalize (GObject *object)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  g_clear_pointer (&self->occurred_at, g_date_time_unref);

  G_OBJECT_CLASS (sitrep_timeline_entry_parent_class)->finalize (object);
}

static void
sitrep_timeline_entry_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_OCCURRED_AT:
      g_value_set_boxed (value, self->occurred_at);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_TEXT:
      g_value_set_string (value, sitrep_timeline_entry_get_text (self));
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, sitrep_timeline_entry_get_author (self));
      break;

    case PROP_PINNED:
      g_value_set_boolean (value, self->pinned);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_occurred_at (SitrepTimelineEntry *self,
                 const char          *text)
{
  g_clear_pointer (&self->occurred_at, g_date_time_unref);
  self->occurred_at = sitrep_time_parse (text);
  self->sort_key = self->occurred_at
                   ? g_date_time_to_unix (self->occurred_at) * G_USEC_PER_SEC +
                     g_date_time_get_microsecond (self->occurred_at)
                   : G_MININT64;
}

static void
sitrep_timeline_entry_body_changed (SitrepRecordObject *object,
                                    JsonObject         *body)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  self->pinned = sitrep_json_get_bool (body, "pinned");
  set_occurred_at (self, sitrep_json_get_string (body, "occurred_at"));
  if (!sitrep_timeline_kind_from_string (sitrep_json_get_string (body, "kind"), &self->kind))
    self->kind = SITREP_KIND_NOTE;

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_OCCURRED_AT; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_timeline_entry_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
sitrep_timeline_entry_class_init (SitrepTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SitrepRecordObjectClass *record_class = SITREP_RECORD_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_timeline_entry_finalize;
  object_class->get_property = sitrep_timeline_entry_get_property;
  record_class->body_changed = sitrep_timeline_entry_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  /**
   * SitrepTimelineEntry:occurred-at:
   *
   * When it happened, in UTC; %NULL when the body has no valid time.
   */
  properties[PROP_OCCURRED_AT] =
    g_param_spec_boxed ("occurred-at", NULL, NULL, G_TYPE_DATE_TIME, RO);
  /**
   * SitrepTimelineEntry:kind:
   *
   * A #SitrepTimelineKind.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, SITREP_KIND_NOTE, RO);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, RO);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, RO);
  properties[PROP_PINNED] = g_param_spec_boolean ("pinned", NULL, NULL, FALSE, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_timeline_entry_init (SitrepTimelineEntry *self)
{
  self->sort_key = G_MININT64;
}

/**
 * sitrep_timeline_entry_new:
 *
 * Returns: (transfer full): an entry over @body
 */
SitrepTimelineEntry *
sitrep_timeline_entry_new (const char *id,
                           JsonObject *body)
{
  return SITREP_TIMELINE_ENTRY (sitrep_record_object_new ("timeline", id, body, 0));
}

/**
 * sitrep_timeline_entry_new_unparsed:
 * @incident_id: the incident whose timeline the store listed it in
 * @body_text: (transfer full): the body as JSON text
 * @occurred_at: the entry's time, read from the body by the store
 * @kind: its kind, likewise
 * @pinned: whether it is pinned, likewise
 * @version: the server version of the body
 *
 * An entry whose body is parsed only when a row first shows it.
 *
 * Returns: (transfer full): the entry
 */
SitrepTimelineEntry *
sitrep_timeline_entry_new_unparsed (const char *id,
                                    const char *incident_id,
                                    char       *body_text,
                                    const char *occurred_at,
                                    const char *kind,
                                    gboolean    pinned,
                                    gint64      version)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (sitrep_record_object_new ("timeline", id,
                                                                               NULL, version));

  sitrep_record_object_set_body_text (SITREP_RECORD_OBJECT (self), body_text, incident_id);
  self->pinned = pinned;
  set_occurred_at (self, occurred_at);
  if (!sitrep_timeline_kind_from_string (kind, &self->kind))
    self->kind = SITREP_KIND_NOTE;

  return self;
}

/**
 * sitrep_timeline_entry_get_body:
 *
 * Returns: (transfer none): the body, parsed now if it was not yet
 */
JsonObject *
sitrep_timeline_entry_get_body (SitrepTimelineEntry *self)
{
  return sitrep_record_object_get_body (SITREP_RECORD_OBJECT (self));
}

const char *
sitrep_timeline_entry_get_id (SitrepTimelineEntry *self)
{
  return sitrep_record_object_get_id (SITREP_RECORD_OBJECT (self));
}

/**
 * sitrep_timeline_entry_get_version:
 *
 * Returns: the server version of the entry as shown, 0 when never synced
 */
gint64
sitrep_timeline_entry_get_version (SitrepTimelineEntry *self)
{
  return sitrep_record_object_get_version (SITREP_RECORD_OBJECT (self));
}

const char *
sitrep_timeline_entry_get_text (SitrepTimelineEntry *self)
{
  const char *text = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "text");

  return text ? text : "";
}

const char *
sitrep_timeline_entry_get_author (SitrepTimelineEntry *self)
{
  const char *author = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "author");

  return author ? author : "";
}

SitrepTimelineKind
sitrep_timeline_entry_get_kind (SitrepTimelineEntry *self)
{
  return self->kind;
}

gboolean
sitrep_timeline_entry_get_pinned (SitrepTimelineEntry *self)
{
  return self->pinned;
}

/**
 * sitrep_timeline_entry_get_occurred_at:
 *
 * Returns: (transfer none) (nullable): when it happened, in UTC
 */
GDateTime *
sitrep_timeline_entry_get_occurred_at (SitrepTimelineEntry *self)
{
  return self->occurred_at;
}

gint64
sitrep_timeline_entry_get_sort_key (SitrepTimelineEntry *self)
{
  return self->sort_key;
}

/**
 * sitrep_timeline_entry_compare:
 *
 * Time order; entries of the same instant keep a stable order by id.
 */
int
sitrep_timeline_entry_compare (SitrepTimelineEntry *a,
                               SitrepTimelineEntry *b)
{
  if (a->sort_key != b->sort_key)
    return a->sort_key < b->sort_key ? -1 : 1;

  return strcmp (sitrep_timeline_entry_get_id (a), sitrep_timeline_entry_get_id (b));
}
