/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SITREP_TYPE_RECORD_OBJECT (sitrep_record_object_get_type ())

G_DECLARE_DERIVABLE_TYPE (SitrepRecordObject, sitrep_record_object, SITREP, RECORD_OBJECT, GObject)

/**
 * SitrepRecordObjectClass:
 * @body_changed: read the typed fields again from the new body; chain up
 *   last so :body is notified after them
 *
 * A record as the views show it. Subclasses expose its fields as
 * properties so templates can bind them.
 */
struct _SitrepRecordObjectClass
{
  GObjectClass parent_class;

  void (*body_changed) (SitrepRecordObject *self,
                        JsonObject         *body);

  /*< private >*/
  gpointer padding[4];
};

SitrepRecordObject *sitrep_record_object_new          (const char         *coll,
                                                       const char         *id,
                                                       JsonObject         *body,
                                                       gint64              version);
GType               sitrep_record_object_type_for_coll (const char        *coll);
const char         *sitrep_record_object_get_coll     (SitrepRecordObject *self);
const char         *sitrep_record_object_get_id       (SitrepRecordObject *self);
gint64              sitrep_record_object_get_version  (SitrepRecordObject *self);
JsonObject         *sitrep_record_object_get_body     (SitrepRecordObject *self);
gboolean            sitrep_record_object_is_parsed    (SitrepRecordObject *self);
const char         *sitrep_record_object_get_incident_id (SitrepRecordObject *self);
void                sitrep_record_object_update       (SitrepRecordObject *self,
                                                       JsonObject         *body,
                                                       gint64              version);
void                sitrep_record_object_set_body_text (SitrepRecordObject *self,
                                                        char               *body_text,
                                                        const char         *incident_id);
const char         *sitrep_record_object_get_string   (SitrepRecordObject *self,
                                                       const char         *member);

G_END_DECLS
