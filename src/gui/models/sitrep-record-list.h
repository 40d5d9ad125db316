/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "sitrep-record-object.h"

G_BEGIN_DECLS

/**
 * SitrepRecordFilterFunc:
 * @item: a record, with the body it would be listed with
 *
 * Returns: whether @item belongs in the list
 */
typedef gboolean (*SitrepRecordFilterFunc) (SitrepRecordObject *item,
                                            gpointer            user_data);

#define SITREP_TYPE_RECORD_LIST (sitrep_record_list_get_type ())

G_DECLARE_FINAL_TYPE (SitrepRecordList, sitrep_record_list, SITREP, RECORD_LIST, GObject)

SitrepRecordList   *sitrep_record_list_new        (const char             *coll,
                                                   GCompareDataFunc        sort_func,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
const char         *sitrep_record_list_get_coll   (SitrepRecordList       *self);
void                sitrep_record_list_set_filter (SitrepRecordList       *self,
                                                   SitrepRecordFilterFunc  filter,
                                                   gpointer                user_data,
                                                   GDestroyNotify          destroy);
void                sitrep_record_list_reset      (SitrepRecordList       *self,
                                                   GPtrArray              *items);
void                sitrep_record_list_merge      (SitrepRecordList       *self,
                                                   GPtrArray              *items);
gboolean            sitrep_record_list_apply      (SitrepRecordList       *self,
                                                   const char             *id,
                                                   JsonObject             *body,
                                                   gint64                  version);
SitrepRecordObject *sitrep_record_list_lookup     (SitrepRecordList       *self,
                                                   const char             *id);
gboolean            sitrep_record_list_find       (SitrepRecordList       *self,
                                                   const char             *id,
                                                   guint                  *position);

G_END_DECLS
