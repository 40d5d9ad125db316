/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "sitrep-enum-strings.h"
#include "sitrep-json.h"
#include "sitrep-time.h"
#include "sitrep-timeline-entry.h"

/* A timeline entry as the scribe's list shows it; its time is parsed once
 * per change into a sort key, so ordering 10,000 rows compares integers. */
struct _SitrepTimelineEntry
{
  GObject             parent_instance;

  char               *id;
  JsonObject         *body;
  GDateTime          *occurred_at;
  gint64              sort_key;
  SitrepTimelineKind  kind;
};

G_DEFINE_FINAL_TYPE (SitrepTimelineEntry, sitrep_timeline_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BODY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_timeline_entry_finalize (GObject *object)
{
  SitrepTimelineEntry *self = SITREP_TIMELINE_ENTRY (object);

  g_free (self->id);
  g_clear_pointer (&self->body, json_object_unref);
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
    case PROP_BODY:
      g_value_set_boxed (value, self->body);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_timeline_entry_class_init (SitrepTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sitrep_timeline_entry_finalize;
  object_class->get_property = sitrep_timeline_entry_get_property;

  /**
   * SitrepTimelineEntry:body:
   *
   * The record's body; notified whenever the entry changes.
   */
  properties[PROP_BODY] =
    g_param_spec_boxed ("body", NULL, NULL, JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_timeline_entry_init (SitrepTimelineEntry *self)
{
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
  SitrepTimelineEntry *self = g_object_new (SITREP_TYPE_TIMELINE_ENTRY, NULL);

  self->id = g_strdup (id);
  sitrep_timeline_entry_set_body (self, body);

  return self;
}

/**
 * sitrep_timeline_entry_set_body:
 *
 * Replaces the body after the record changed, and notifies :body.
 */
void
sitrep_timeline_entry_set_body (SitrepTimelineEntry *self,
                                JsonObject          *body)
{
  g_return_if_fail (SITREP_IS_TIMELINE_ENTRY (self));

  if (self->body == body)
    return;

  g_clear_pointer (&self->body, json_object_unref);
  self->body = json_object_ref (body);

  g_clear_pointer (&self->occurred_at, g_date_time_unref);
  self->occurred_at = sitrep_time_parse (sitrep_json_get_string (body, "occurred_at"));
  self->sort_key = self->occurred_at
                   ? g_date_time_to_unix (self->occurred_at) * G_USEC_PER_SEC +
                     g_date_time_get_microsecond (self->occurred_at)
                   : G_MININT64;

  if (!sitrep_timeline_kind_from_string (sitrep_json_get_string (body, "kind"), &self->kind))
    self->kind = SITREP_KIND_NOTE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

JsonObject *
sitrep_timeline_entry_get_body (SitrepTimelineEntry *self)
{
  return self->body;
}

const char *
sitrep_timeline_entry_get_id (SitrepTimelineEntry *self)
{
  return self->id;
}

const char *
sitrep_timeline_entry_get_text (SitrepTimelineEntry *self)
{
  const char *text = sitrep_json_get_string (self->body, "text");

  return text ? text : "";
}

const char *
sitrep_timeline_entry_get_author (SitrepTimelineEntry *self)
{
  const char *author = sitrep_json_get_string (self->body, "author");

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
  return sitrep_json_get_bool (self->body, "pinned");
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

  return strcmp (a->id, b->id);
}
