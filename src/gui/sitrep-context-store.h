/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The context's store-shaped side: records and conflicts as the store has
 * them, for the application's plumbing, the sync side and tests. Widgets
 * read models (sitrep-context.h) instead. */

#include "sitrep-context.h"
#include "sitrep-store.h"
#include "sitrep-store-sync.h"
#include "sitrep-sync-engine.h"

G_BEGIN_DECLS

SitrepStore    *sitrep_context_get_store          (SitrepContext    *self);
SitrepSyncEngine *sitrep_context_get_sync_engine  (SitrepContext    *self);
GPtrArray      *sitrep_context_list_conflicts     (SitrepContext    *self);
gboolean        sitrep_context_resolve_conflict   (SitrepContext    *self,
                                                   SitrepConflict   *conflict,
                                                   JsonObject       *body,
                                                   GError          **error);
gboolean        sitrep_context_dup_overruled_notice (SitrepContext          *self,
                                                   const SitrepStoreChange  *change,
                                                   char                    **title,
                                                   char                    **body);
GPtrArray      *sitrep_context_list_timeline      (SitrepContext    *self,
                                                   const char       *incident_id);
GPtrArray      *sitrep_context_list_checklist     (SitrepContext       *self,
                                                   const char          *incident_id);
gboolean        sitrep_context_restore_record     (SitrepContext       *self,
                                                   SitrepRecord        *record,
                                                   GError             **error);
GPtrArray      *sitrep_context_list_history       (SitrepContext       *self,
                                                   const char          *coll,
                                                   const char          *id);
GPtrArray      *sitrep_context_list_templates      (SitrepContext       *self);
GPtrArray      *sitrep_context_list_communications (SitrepContext       *self,
                                                    const char          *incident_id);

SitrepRefusedEdit *sitrep_refused_edit_new_from_conflict (const SitrepConflict *conflict);

G_END_DECLS
