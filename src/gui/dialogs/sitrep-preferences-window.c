/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-preferences-window.h"
#include "sitrep-secret.h"
#include "sitrep-services-page.h"

/* Preferences: the team server (URL, token kept in the keyring, a test of
 * the connection) and the handle this user's edits are signed with.
 * SITREP_SERVER / SITREP_TOKEN in the environment win over both, for
 * kiosks and scripts, and the rows say so. */
struct _SitrepPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  SitrepContext        *context;
  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              from_environment;

  AdwEntryRow          *url_row;
  AdwPasswordEntryRow  *token_row;
  AdwActionRow         *status_row;
  GtkWidget            *test_button;
  GtkWidget            *connect_button;
  AdwEntryRow          *handle_row;
  AdwComboRow          *zone_row;
  GtkSwitch            *approval_switch;
  GtkWidget            *services_page;
};

G_DEFINE_FINAL_TYPE (SitrepPreferencesWindow, sitrep_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (SitrepPreferencesWindow *self,
            const char              *text,
            const char              *css_class)
{
  static const char *classes[] = { "success", "warning", "error", NULL };

  adw_action_row_set_subtitle (self->status_row, text);
  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_row), classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_row), css_class);
}

static char *
entered_url (SitrepPreferencesWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
}

/* The token field starts empty (a secret is not shown again): left empty
 * for the server in use, it means the token in use. */
static char *
entered_token (SitrepPreferencesWindow *self)
{
  g_autofree char *url = entered_url (self);
  char *token = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row))));

  if (token[0] == '\0' && sitrep_context_get_server_token (self->context) != NULL &&
      g_strcmp0 (url, sitrep_context_get_server_url (self->context)) == 0)
    {
      g_free (token);
      token = g_strdup (sitrep_context_get_server_token (self->context));
    }

  return token;
}

static void
test_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SitrepPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_context_test_server_finish (SITREP_CONTEXT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_status (self, error->message, "error");
          gtk_widget_set_sensitive (self->test_button, TRUE);
        }
      g_object_unref (self);
      return;
    }

  set_status (self, _("Connected: the server answered and accepts this token"), "success");
  gtk_widget_set_sensitive (self->test_button, TRUE);
  g_object_unref (self);
}

static void
test_clicked (SitrepPreferencesWindow *self)
{
  g_autofree char *url = entered_url (self);
  g_autofree char *token = entered_token (self);

  if (url[0] == '\0')
    {
      set_status (self, _("Type the server’s address first"), "warning");
      return;
    }

  set_status (self, _("Testing…"), NULL);
  gtk_widget_set_sensitive (self->test_button, FALSE);
  sitrep_context_test_server_async (self->context, url, token, self->cancellable, test_done,
                                    g_object_ref (self));
}

static void
token_stored (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SitrepPreferencesWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!sitrep_secret_store_token_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        g_strdup_printf (_("Connected, but the token could not be kept in the keyring (%s): "
                           "it will be asked for again next time"), error->message);

      set_status (self, message, "warning");
    }

  g_object_unref (self);
}

static void
connect_clicked (SitrepPreferencesWindow *self)
{
  g_autofree char *url = entered_url (self);
  g_autofree char *token = entered_token (self);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "server-url", url);

  sitrep_context_set_server (self->context, url, token);

  if (url[0] == '\0')
    {
      set_status (self, _("Working alone: incidents stay on this computer"), NULL);
      return;
    }

  set_status (self, _("Connecting…"), NULL);
  if (token[0] != '\0' && gtk_editable_get_text (GTK_EDITABLE (self->token_row))[0] != '\0')
    sitrep_secret_store_token_async (url, token, self->cancellable, token_stored,
                                     g_object_ref (self));
}

static void
handle_applied (SitrepPreferencesWindow *self)
{
  g_autofree char *handle = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->handle_row))));

  if (handle[0] == '@')
    memmove (handle, handle + 1, strlen (handle));
  if (strpbrk (handle, " \t") != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->handle_row), "error");
      gtk_widget_error_bell (GTK_WIDGET (self->handle_row));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->handle_row), "error");
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "user-handle", handle);
  sitrep_context_set_user (self->context, handle);
  gtk_editable_set_text (GTK_EDITABLE (self->handle_row), sitrep_context_get_user (self->context));
}

static void
zone_selected (SitrepPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->zone_row);

  if (self->settings != NULL && selected != GTK_INVALID_LIST_POSITION)
    g_settings_set_enum (self->settings, "time-input-zone",
                         selected == 1 ? SITREP_TIME_INPUT_UTC : SITREP_TIME_INPUT_LOCAL);
}

static GtkWidget *
build_time_group (SitrepPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *local_zone = g_date_time_format (now, "%Z");
  g_autofree char *local = NULL;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Time"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Times are always recorded in UTC; this is how the "
                                           "times you type are read, and the clock the "
                                           "timeline shows first"));

  /* Translators: %s is the local time zone's abbreviation, e.g. CET */
  local = g_strdup_printf (_("Local Time (%s)"), local_zone);
  gtk_string_list_append (choices, local);
  gtk_string_list_append (choices, _("UTC"));

  self->zone_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->zone_row), _("Typed Times Are In"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->zone_row), _("13:50 in the timeline or a "
                                                                  "milestone"));
  adw_combo_row_set_model (self->zone_row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (self->zone_row, sitrep_context_get_input_in_utc (self->context)
                                              ? 1 : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->zone_row), self->settings != NULL);
  g_signal_connect_swapped (self->zone_row, "notify::selected", G_CALLBACK (zone_selected), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->zone_row));

  return group;
}

/* The guide: "all external communications must be approved by the
 * Communications Lead and Legal". */
static GtkWidget *
build_publishing_group (SitrepPreferencesWindow *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Status Page"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Updates published from the Updates page are posted "
                                           "to the status page by the team server"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("Publishing Needs the Communications Lead’s _Approval"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("A published update waits until the incident’s Communications "
                                 "Lead approves it in their app"));
  self->approval_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->approval_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->approval_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Publishing needs the Communications Lead’s approval"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->approval_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->approval_switch));
  if (self->settings != NULL)
    g_settings_bind (self->settings, "publish-needs-approval", self->approval_switch, "active",
                     G_SETTINGS_BIND_DEFAULT);
  else
    gtk_widget_set_sensitive (row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}

static void
update_from_engine (SitrepPreferencesWindow *self)
{
  const char *error = sitrep_context_get_sync_error (self->context);

  if (sitrep_context_get_server_url (self->context) == NULL)
    return;

  switch (sitrep_context_get_connection (self->context))
    {
    case SITREP_CONNECTION_ONLINE:
      if (sitrep_context_get_can_edit (self->context))
        set_status (self, _("Online"), "success");
      else
        set_status (self, _("Online, read-only: this token can view but not edit"), "warning");
      break;
    case SITREP_CONNECTION_CONNECTING:
      set_status (self, _("Connecting…"), NULL);
      break;
    case SITREP_CONNECTION_UNAUTHORIZED:
      set_status (self, error ? error : _("The server does not accept this token"), "error");
      break;
    case SITREP_CONNECTION_OFFLINE:
    default:
      set_status (self, error ? error : _("Offline: edits are kept and sent when the server "
                                          "can be reached"), "warning");
      break;
    }
}

/* libadwaita 1.2 gives the password row's show/hide button a tooltip but
 * no accessible name: a screen reader announced a bare "toggle button". */
static void
name_peek_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Show or hide the token"), -1);
      else
        name_peek_button (child);
    }
}

static GtkWidget *
build_page (SitrepPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *server = adw_preferences_group_new ();
  GtkWidget *you = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _("General"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "preferences-system-symbolic");

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (server), _("Team Server"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (server),
                                         self->from_environment
                                         ? _("Set by SITREP_SERVER and SITREP_TOKEN in the "
                                             "environment")
                                         : _("Share incidents with your team through a "
                                             "sitrep-server. Without one, Sitrep works alone on "
                                             "this computer; edits made offline are sent when "
                                             "the server can be reached."));

  self->url_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->url_row),
                                 _("Server address (https://sitrep.example.com/)"));
  gtk_editable_set_text (GTK_EDITABLE (self->url_row),
                         sitrep_context_get_server_url (self->context)
                         ? sitrep_context_get_server_url (self->context) : "");

  self->token_row = ADW_PASSWORD_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->token_row),
                                 _("Token (kept in the keyring)"));
  name_peek_button (GTK_WIDGET (self->token_row));

  self->status_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Connection"));
  set_status (self, sitrep_context_get_server_url (self->context)
                    ? _("Connecting…")
                    : _("Working alone: incidents stay on this computer"), NULL);

  self->test_button = gtk_button_new_with_mnemonic (_("_Test"));
  gtk_widget_set_tooltip_text (self->test_button, _("Ask the server whether it accepts this token"));
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_clicked), self);
  self->connect_button = gtk_button_new_with_mnemonic (_("_Connect"));
  gtk_widget_set_tooltip_text (self->connect_button,
                               _("Use this server from now on (an empty address works alone)"));
  gtk_widget_add_css_class (self->connect_button, "suggested-action");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (connect_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->test_button);
  gtk_box_append (GTK_BOX (buttons), self->connect_button);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->status_row, buttons);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server), GTK_WIDGET (self->url_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server), GTK_WIDGET (self->token_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (server), GTK_WIDGET (self->status_row));
  gtk_widget_set_sensitive (GTK_WIDGET (self->url_row), !self->from_environment);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_row), !self->from_environment);
  gtk_widget_set_sensitive (self->connect_button, !self->from_environment);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (you), _("You"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (you),
                                         _("Your edits, ticks and timeline entries are signed "
                                           "with this handle"));
  self->handle_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->handle_row), _("Your handle"));
  adw_entry_row_set_show_apply_button (self->handle_row, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->handle_row), sitrep_context_get_user (self->context));
  g_signal_connect_swapped (self->handle_row, "apply", G_CALLBACK (handle_applied), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (you), GTK_WIDGET (self->handle_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (server));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (you));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (build_time_group (self)));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page),
                            ADW_PREFERENCES_GROUP (build_publishing_group (self)));

  return page;
}

static void
sitrep_preferences_window_constructed (GObject *object)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (object);
  GSettingsSchema *schema;

  G_OBJECT_CLASS (sitrep_preferences_window_parent_class)->constructed (object);

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            APPLICATION_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new (APPLICATION_ID);
      g_settings_schema_unref (schema);
    }
  self->from_environment = g_getenv ("SITREP_SERVER") != NULL;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (build_page (self)));
  self->services_page = sitrep_services_page_new (self->context);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->services_page));
  adw_preferences_window_set_search_enabled (ADW_PREFERENCES_WINDOW (self), FALSE);

  g_signal_connect_object (self->context, "notify::can-edit", G_CALLBACK (update_from_engine),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::connection",
                           G_CALLBACK (update_from_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::sync-error",
                           G_CALLBACK (update_from_engine), self, G_CONNECT_SWAPPED);
  update_from_engine (self);
}

static void
sitrep_preferences_window_dispose (GObject *object)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sitrep_preferences_window_parent_class)->dispose (object);
}

static void
sitrep_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  SitrepPreferencesWindow *self = SITREP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_preferences_window_class_init (SitrepPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = sitrep_preferences_window_constructed;
  object_class->dispose = sitrep_preferences_window_dispose;
  object_class->set_property = sitrep_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_preferences_window_init (SitrepPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * sitrep_preferences_window_new:
 *
 * Returns: (transfer none): the preferences window, transient for @parent
 */
SitrepPreferencesWindow *
sitrep_preferences_window_new (GtkWindow     *parent,
                               SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       "context", context,
                       NULL);
}

GtkEditable *
_sitrep_preferences_window_get_url (SitrepPreferencesWindow *self)
{
  return GTK_EDITABLE (self->url_row);
}

GtkEditable *
_sitrep_preferences_window_get_token (SitrepPreferencesWindow *self)
{
  return GTK_EDITABLE (self->token_row);
}

GtkEditable *
_sitrep_preferences_window_get_handle (SitrepPreferencesWindow *self)
{
  return GTK_EDITABLE (self->handle_row);
}

const char *
_sitrep_preferences_window_get_status (SitrepPreferencesWindow *self)
{
  return adw_action_row_get_subtitle (self->status_row);
}

AdwComboRow *
_sitrep_preferences_window_get_zone_row (SitrepPreferencesWindow *self)
{
  return self->zone_row;
}

GtkButton *
_sitrep_preferences_window_get_connect (SitrepPreferencesWindow *self)
{
  return GTK_BUTTON (self->connect_button);
}

GtkSwitch *
_sitrep_preferences_window_get_approval_switch (SitrepPreferencesWindow *self)
{
  return self->approval_switch;
}

GtkWidget *
_sitrep_preferences_window_get_services_page (SitrepPreferencesWindow *self)
{
  return self->services_page;
}
