/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-application-conflicts.c: refused edits asked about one at a time
 *
 * Whenever the list of edits the server refused changes, the oldest one
 * not put off is asked about in a dialog on the window in use; "Later"
 * and "Edit" put it off until the header's "edits to settle" asks again.
 */
#define G_LOG_DOMAIN "sitrep-application"

#include "config.h"

#include "sitrep-application-private.h"
#include "sitrep-conflict-dialog.h"
#include "sitrep-context-store.h"

static gboolean show_next_conflict (gpointer data);

static void
on_conflict_response (SitrepApplication *self,
                      const char        *response)
{
  /* Put off (the header's "edits to settle" asks again), or being edited
   * from both: not asked again now. Any other answer settles it. */
  if (g_str_equal (response, "later") || g_str_equal (response, "edit"))
    g_hash_table_add (self->conflicts_put_off, g_memdup2 (&self->conflict_shown, sizeof (gint64)));
}

/* Refused edits are asked about one at a time, on the window in use,
 * whenever the list of them changes. */
static gboolean
show_next_conflict (gpointer data)
{
  SitrepApplication *self = data;
  g_autoptr(GPtrArray) conflicts = NULL;
  SitrepRefusedEdit *next = NULL;
  GtkWindow *window;

  self->conflicts_idle_id = 0;

  if (self->conflict_dialog != NULL || self->context == NULL)
    return G_SOURCE_REMOVE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  conflicts = sitrep_context_dup_refused_edits (self->context);
  for (guint i = 0; conflicts != NULL && i < conflicts->len && next == NULL; i++)
    {
      SitrepRefusedEdit *conflict = conflicts->pdata[i];

      if (!g_hash_table_contains (self->conflicts_put_off, &conflict->id))
        next = conflict;
    }
  if (window == NULL || next == NULL)
    return G_SOURCE_REMOVE;

  self->conflict_shown = next->id;
  self->conflict_dialog = sitrep_conflict_dialog_new (window, self->context, next);
  g_object_add_weak_pointer (G_OBJECT (self->conflict_dialog), (gpointer *) &self->conflict_dialog);
  g_signal_connect_object (self->conflict_dialog, "response", G_CALLBACK (on_conflict_response),
                           self, G_CONNECT_SWAPPED);
  /* When it closes, the next conflict not put off is asked about. */
  g_signal_connect_object (self->conflict_dialog, "destroy", G_CALLBACK (_sitrep_application_on_conflicts_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->conflict_dialog));

  return G_SOURCE_REMOVE;
}

void
_sitrep_application_on_conflicts_changed (SitrepApplication *self)
{
  if (self->conflicts_idle_id == 0)
    self->conflicts_idle_id = g_idle_add (show_next_conflict, self);
}

/* The header's "edits to settle": what was put off is asked again, from
 * the oldest. */
void
_sitrep_application_settle_conflicts (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  SitrepApplication *self = SITREP_APPLICATION (user_data);

  g_hash_table_remove_all (self->conflicts_put_off);
  if (self->conflict_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->conflict_dialog));
      return;
    }
  g_clear_handle_id (&self->conflicts_idle_id, g_source_remove);
  show_next_conflict (self);
}
