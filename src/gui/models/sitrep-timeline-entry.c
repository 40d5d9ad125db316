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
  char               *body_text;      /* until the body is first needed */
  gboolean            pinned;
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
  g_free (self->body_text);
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
      g_value_set_boxed (value, sitrep_timeline_entry_get_body (self));
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

/**
 * sitrep_timeline_entry_new_unparsed:
 * @body_text: (transfer full): the body as JSON text
 * @occurred_at: the entry's time, read from the body by the store
 * @kind: its kind, likewise
 * @pinned: whether it is pinned, likewise
 *
 * An entry whose body is parsed only when a row first shows it.
 *
 * Returns: (transfer full): the entry
 */
SitrepTimelineEntry *
sitrep_timeline_entry_new_unparsed (const char *id,
                                    char       *body_text,
                                    const char *occurred_at,
                                    const char *kind,
                                    gboolean    pinned)
{
  SitrepTimelineEntry *self = g_object_new (SITREP_TYPE_TIMELINE_ENTRY, NULL);

  self->id = g_strdup (id);
  self->body_text = body_text;
  self->pinned = pinned;
  set_occurred_at (self, occurred_at);
  if (!sitrep_timeline_kind_from_string (kind, &self->kind))
    self->kind = SITREP_KIND_NOTE;

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
  g_clear_pointer (&self->body_text, g_free);
  self->body = json_object_ref (body);
  self->pinned = sitrep_json_get_bool (body, "pinned");
  set_occurred_at (self, sitrep_json_get_string (body, "occurred_at"));

  if (!sitrep_timeline_kind_from_string (sitrep_json_get_string (body, "kind"), &self->kind))
    self->kind = SITREP_KIND_NOTE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

/**
 * sitrep_timeline_entry_get_body:
 *
 * Returns: (transfer none): the body, parsed now if it was not yet
 */
JsonObject *
sitrep_timeline_entry_get_body (SitrepTimelineEntry *self)
{
  if (self->body == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      if (self->body_text != NULL &&
          json_parser_load_from_data (parser, self->body_text, -1, NULL) &&
          (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
        self->body = json_node_dup_object (root);
      else
        self->body = json_object_new ();
      g_clear_pointer (&self->body_text, g_free);
    }

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
  const char *text = sitrep_json_get_string (sitrep_timeline_entry_get_body (self), "text");

  return text ? text : "";
}

const char *
sitrep_timeline_entry_get_author (SitrepTimelineEntry *self)
{
  const char *author = sitrep_json_get_string (sitrep_timeline_entry_get_body (self), "author");

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

  return strcmp (a->id, b->id);
}
