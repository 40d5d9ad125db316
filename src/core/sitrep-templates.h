/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-templates.h: built-in communication templates and placeholder
 * rendering */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sitrep-types.h"

G_BEGIN_DECLS

/* @status is the guide's status-page status ("Investigating"), or %NULL
 * when the template fits any status. */
typedef struct {
  const char     *key;
  const char     *name;
  SitrepAudience  audience;
  const char     *status;
  const char     *title;
  const char     *body;
} SitrepTemplateBuiltin;

const SitrepTemplateBuiltin *sitrep_templates_builtins         (gsize                       *n);
const char                  *sitrep_template_stage_status      (SitrepStatus                 status,
                                                                gboolean                     sent_before);
int                          sitrep_template_choose            (const char * const          *statuses,
                                                                guint                        n,
                                                                SitrepStatus                 status,
                                                                gboolean                     sent_before);
JsonObject                  *sitrep_template_builtin_to_body   (const SitrepTemplateBuiltin *t);

/* unknown, empty, blanks: names (char *), each once, in order of first
 * appearance; blanks are the texts inside remaining "[…]" blanks. */
typedef struct {
  char      *text;
  GPtrArray *unknown;
  GPtrArray *empty;
  GPtrArray *blanks;
} SitrepRendered;

void                         sitrep_rendered_clear             (SitrepRendered              *r);
void                         sitrep_template_render            (const char                  *text,
                                                                GHashTable                  *values,
                                                                SitrepRendered              *out);
gboolean                     sitrep_rendered_is_sendable       (const SitrepRendered        *r);
const char * const          *sitrep_template_placeholder_names (void);
char                        *sitrep_template_provisional_ref   (const char                  *incident_id);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SitrepRendered, sitrep_rendered_clear)

G_END_DECLS
