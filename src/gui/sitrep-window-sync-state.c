/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-window-sync-state.c: what the headers say of the server
 *
 * The sync state beside the window controls (or an icon in a narrow
 * window), the banner for a refused or read-only token, and the toast
 * for edits a viewer's token could not save.
 */
#define G_LOG_DOMAIN "sitrep-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-window-private.h"

/* Whether the server refuses the token: what is shown is then only what
 * this computer had, and an empty list says nothing about the server. */
gboolean
_sitrep_window_signed_out (SitrepWindow *self)
{
  return sitrep_context_get_server_url (self->context) != NULL &&
         sitrep_context_get_connection (self->context) == SITREP_CONNECTION_UNAUTHORIZED;
}

/* The header says where the user's edits are: only here, on their way,
 * or shared; and how many are still waiting. A narrow window shows it as
 * an icon in whichever header is on screen. */
void
_sitrep_window_update_sync_label (SitrepWindow *self)
{
  guint pending = sitrep_context_get_pending (self->context);
  const char *error = sitrep_context_get_sync_error (self->context);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  g_autofree char *text = NULL;
  g_autofree char *described = NULL;
  const char *tooltip = NULL;
  const char *css = NULL;
  const char *icon = NULL;
  GtkImage *icons[] = { self->sync_icon, self->sidebar_sync_icon };

  if (sitrep_context_get_server_url (self->context) == NULL)
    {
      text = g_strdup (_("Local only"));
      tooltip = _("No server is set up: incidents are kept on this computer");
      icon = "computer-symbolic";
    }
  else
    {
      switch (sitrep_context_get_connection (self->context))
        {
        case SITREP_CONNECTION_ONLINE:
          if (!sitrep_context_get_can_edit (self->context))
            {
              text = g_strdup (_("Online · read-only"));
              tooltip = _("Read-only: this token can view but not edit");
              icon = "changes-prevent-symbolic";
              css = "warning";
              break;
            }
          text = pending ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Online · %u pending", "Online · %u pending", pending), pending) : g_strdup (_("Online"));
          tooltip = sitrep_context_get_server_url (self->context);
          icon = "network-transmit-receive-symbolic";
          css = "success";
          break;
        case SITREP_CONNECTION_CONNECTING:
          text = g_strdup (_("Connecting…"));
          tooltip = sitrep_context_get_server_url (self->context);
          icon = "emblem-synchronizing-symbolic";
          break;
        case SITREP_CONNECTION_UNAUTHORIZED:
          text = g_strdup (_("Not signed in"));
          tooltip = error ? error : _("The server does not accept this token");
          icon = "dialog-password-symbolic";
          css = "error";
          break;
        case SITREP_CONNECTION_OFFLINE:
        default:
          text = pending ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline · %u pending", "Offline · %u pending", pending), pending)
                         : g_strdup (_("Offline"));
          tooltip = error ? error : _("Edits are kept and sent when the server can be reached");
          icon = "network-offline-symbolic";
          css = "warning";
          break;
        }
    }

  /* Translators: the sync state's icon, for tooltips and screen readers:
   * the state ("Offline · 2 pending"), then why */
  described = g_strdup_printf (_("%s: %s"), text, tooltip);

  gtk_label_set_label (self->sync_label, text);
  sitrep_widget_set_tooltip (GTK_WIDGET (self->sync_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_label), !folded);
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_label), "error");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), css);

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      gtk_image_set_from_icon_name (icons[i], icon);
      sitrep_widget_set_tooltip (GTK_WIDGET (icons[i]), described);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, described, -1);
      gtk_widget_set_visible (GTK_WIDGET (icons[i]), folded);
      gtk_widget_remove_css_class (GTK_WIDGET (icons[i]), "success");
      gtk_widget_remove_css_class (GTK_WIDGET (icons[i]), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (icons[i]), "error");
      if (css != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (icons[i]), css);
    }
}

/* A refused token or a viewer's token is said across the window, with
 * the way to fix it, whichever page or layout is shown. */
void
_sitrep_window_update_auth_state (SitrepWindow *self)
{
  gboolean refused = _sitrep_window_signed_out (self);
  gboolean read_only = !sitrep_context_get_can_edit (self->context);
  gboolean has_local = g_list_model_get_n_items (sitrep_context_get_incidents (self->context)) > 0;

  if (refused)
    {
      gtk_image_set_from_icon_name (self->auth_icon, "dialog-password-symbolic");
      gtk_label_set_label (self->auth_label,
                           has_local
                           ? _("Not signed in: the server refused the token. The incidents "
                               "shown are this computer’s copy and may be out of date.")
                           : _("Not signed in: the server refused the token."));
    }
  else if (read_only)
    {
      gtk_image_set_from_icon_name (self->auth_icon, "changes-prevent-symbolic");
      gtk_label_set_label (self->auth_label, _("Read-only: this token can view but not edit"));
    }
  /* A revealer measures its child even while it is hidden: the banner's
   * wrapping text would be laid out for every frame of every window. It
   * is there only while shown, or on its way in or out. */
  if (refused || read_only)
    gtk_widget_set_visible (gtk_revealer_get_child (self->auth_banner), TRUE);
  gtk_revealer_set_reveal_child (self->auth_banner, refused || read_only);

  _sitrep_window_update_sidebar_state (self);
  _sitrep_window_update_sync_label (self);
  _sitrep_window_update_actions (self);
}

void
_sitrep_window_on_edits_refused (SitrepWindow *self,
                  guint         n_refused)
{
  g_autofree char *message = NULL;
  AdwToast *toast;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u edit was not saved: this token can view but "
                                          "not edit. It is kept under refused edits to copy.",
                                          "%u edits were not saved: this token can view but "
                                          "not edit. They are kept under refused edits to copy.",
                                          n_refused),
                             n_refused);
  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Once the banner has gone, its child goes too. */
void
_sitrep_window_on_auth_banner_revealed (SitrepWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->auth_banner) &&
      !gtk_revealer_get_child_revealed (self->auth_banner))
    gtk_widget_set_visible (gtk_revealer_get_child (self->auth_banner), FALSE);
}
