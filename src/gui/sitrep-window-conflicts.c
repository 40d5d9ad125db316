/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-window-private.h"

/* Edits the server refused stay in the header until someone decides on
 * them: answering "Later" puts the question off, never out of sight. The
 * button asks again (app.settle-conflicts). */

static void
update_settle_button (SitrepWindow *self)
{
  g_autoptr(GPtrArray) edits = sitrep_context_dup_refused_edits (self->context);
  g_autofree char *label = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->settle_button), edits->len > 0);
  if (edits->len == 0)
    return;

  /* Translators: a header button; the server refused edits that wait for a decision */
  label = g_strdup_printf (ngettext ("%u edit to settle", "%u edits to settle", edits->len),
                           edits->len);
  gtk_button_set_label (self->settle_button, label);
}

/**
 * _sitrep_window_init_settle_button:
 *
 * Keeps the header's "edits to settle" button in step with the refused
 * edits of the window's context.
 */
void
_sitrep_window_init_settle_button (SitrepWindow *self)
{
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->settle_button),
                               _("Someone else changed what you edited: choose what stays (Ctrl+Shift+E)"));
  g_signal_connect_object (self->context, "conflicts-changed",
                           G_CALLBACK (update_settle_button), self, G_CONNECT_SWAPPED);
  update_settle_button (self);
}

GtkButton *
_sitrep_window_get_settle_button (SitrepWindow *self)
{
  return self->settle_button;
}
