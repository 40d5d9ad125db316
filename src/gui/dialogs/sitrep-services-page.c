/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-services"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-resources.h"
#include "sitrep-services-page.h"

/* Preferences › Services: the team's service catalogue, one
 * SitrepServiceRow each, edited in place. A service changed elsewhere
 * updates its row only while the row holds no unsaved edit; the unsaved
 * new one sits at the top until saved. On a team server only admins may
 * write the catalogue: an edit the server refuses is said here, with the
 * server's reason, and kept under the window's refused edits. */

struct _SitrepServicesPage
{
  AdwPreferencesPage  parent_instance;

  SitrepContext      *context;
  guint               refresh_id;

  GtkListBox         *list;
  GtkWidget          *add_button;
  GtkLabel           *refused_label;
  AdwMessageDialog   *confirm;      /* weak */
  char               *confirm_name; /* the service it asks about */
};

G_DEFINE_FINAL_TYPE (SitrepServicesPage, sitrep_services_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWindow *
parent_window (SitrepServicesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Deleting */

static void
on_confirm_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  SitrepServicesPage *self = SITREP_SERVICES_PAGE (user_data);
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->confirm_name == NULL)
    return;

  if (!sitrep_context_delete_service (self->context, self->confirm_name, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
  else
    sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (_("Service deleted")));
}

static void
on_row_delete (SitrepServiceRow   *row,
               SitrepServicesPage *self)
{
  const char *name = sitrep_service_row_get_name (row);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Nothing was written yet: nothing to confirm. */
  if (name == NULL)
    {
      gtk_list_box_remove (self->list, GTK_WIDGET (row));
      return;
    }

  /* Translators: %s is a service's name */
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  dialog = adw_message_dialog_new (parent_window (self), heading,
                                   _("It leaves the team’s catalogue: its runbook, dashboard "
                                     "and escalation path are no longer shown. Incidents that "
                                     "name it keep the name."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_free (self->confirm_name);
  self->confirm_name = g_strdup (name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response), self, 0);

  if (self->confirm != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
  self->confirm = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirm);
  gtk_window_present (GTK_WINDOW (dialog));
}

static SitrepServiceRow *
add_row (SitrepServicesPage *self,
         const char         *name)
{
  GtkWidget *row = sitrep_service_row_new (self->context, name);

  g_signal_connect_object (row, "delete", G_CALLBACK (on_row_delete), self, 0);
  gtk_list_box_append (self->list, row);
  return SITREP_SERVICE_ROW (row);
}

/* Refreshing */

/* The new, unsaved service first, then by name. */
static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  const char *na = sitrep_service_row_get_name (SITREP_SERVICE_ROW (a));
  const char *nb = sitrep_service_row_get_name (SITREP_SERVICE_ROW (b));

  if (na == NULL || nb == NULL)
    return (na != NULL) - (nb != NULL);
  return g_utf8_collate (na, nb);
}

static SitrepServiceRow *
find_row (SitrepServicesPage *self,
          const char         *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SITREP_IS_SERVICE_ROW (child) &&
        g_strcmp0 (sitrep_service_row_get_name (SITREP_SERVICE_ROW (child)), name) == 0)
      return SITREP_SERVICE_ROW (child);
  return NULL;
}

static void
refresh_refused (SitrepServicesPage *self)
{
  g_autoptr(GPtrArray) refused = sitrep_context_dup_refused_services (self->context);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < refused->len; i++)
    {
      SitrepRefusedEdit *edit = refused->pdata[i];

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the first %s is a service, the second the server's reason */
      g_string_append_printf (text, _("The server refused the change to “%s”: %s"),
                              edit->rec_id, edit->message ? edit->message : _("no reason given"));
    }
  if (refused->len > 0)
    g_string_append_printf (text, "\n%s",
                            _("The change is kept under refused edits, in the main window’s "
                              "header, to copy or drop; ask an admin to make it."));
  gtk_label_set_text (self->refused_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_label), refused->len > 0);
}

static void
refresh (SitrepServicesPage *self)
{
  GListModel *services = sitrep_context_get_services (self->context);
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  for (guint i = 0; i < g_list_model_get_n_items (services); i++)
    {
      g_autoptr(SitrepService) service = g_list_model_get_item (services, i);
      const char *name = sitrep_service_get_name (service);
      SitrepServiceRow *row;

      g_hash_table_add (live, g_strdup (name));

      row = find_row (self, name);
      if (row == NULL)
        sitrep_service_row_load ((row = add_row (self, name)), service);
      else if (!sitrep_service_row_get_dirty (row) && !sitrep_service_row_shows (row, service))
        sitrep_service_row_load (row, service);
    }

  /* Deleted here or elsewhere (an unsaved new one stays). */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);
      const char *name = SITREP_IS_SERVICE_ROW (child)
                         ? sitrep_service_row_get_name (SITREP_SERVICE_ROW (child)) : NULL;

      if (name != NULL && !g_hash_table_contains (live, name))
        gtk_list_box_remove (self->list, child);
      child = next;
    }

  gtk_list_box_invalidate_sort (self->list);
  refresh_refused (self);
}

static gboolean
refresh_idle (gpointer data)
{
  SitrepServicesPage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (SitrepServicesPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle, self);
}

static void
on_record_changed (SitrepServicesPage *self,
                   const char         *coll)
{
  if (g_str_equal (coll, "services"))
    queue_refresh (self);
}

/* Actions */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SitrepServicesPage *self = SITREP_SERVICES_PAGE (widget);
  SitrepServiceRow *row = find_row (self, NULL);

  if (row == NULL)
    {
      row = add_row (self, NULL);
      gtk_list_box_invalidate_sort (self->list);
    }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  sitrep_service_row_focus_name (row);
}

/* Saves the service the keyboard focus is in. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, SITREP_TYPE_SERVICE_ROW) : NULL;

  if (row != NULL && (sitrep_service_row_get_dirty (SITREP_SERVICE_ROW (row)) ||
                      sitrep_service_row_get_name (SITREP_SERVICE_ROW (row)) == NULL))
    sitrep_service_row_save (SITREP_SERVICE_ROW (row));
  else
    gtk_widget_error_bell (widget);
}

/* GObject */

static void
sitrep_services_page_constructed (GObject *object)
{
  SitrepServicesPage *self = SITREP_SERVICES_PAGE (object);

  G_OBJECT_CLASS (sitrep_services_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "record-changed",
                           G_CALLBACK (on_record_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "conflicts-changed",
                           G_CALLBACK (queue_refresh), self, G_CONNECT_SWAPPED);
  refresh (self);
}

static void
sitrep_services_page_dispose (GObject *object)
{
  SitrepServicesPage *self = SITREP_SERVICES_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->confirm != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirm), (gpointer *) &self->confirm);
      self->confirm = NULL;
    }
  g_clear_object (&self->context);
  g_clear_pointer (&self->confirm_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_SERVICES_PAGE);

  G_OBJECT_CLASS (sitrep_services_page_parent_class)->dispose (object);
}

static void
sitrep_services_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SitrepServicesPage *self = SITREP_SERVICES_PAGE (object);

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
sitrep_services_page_class_init (SitrepServicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sitrep_services_page_constructed;
  object_class->dispose = sitrep_services_page_dispose;
  object_class->set_property = sitrep_services_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-services-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepServicesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, SitrepServicesPage, list);
  gtk_widget_class_bind_template_child (widget_class, SitrepServicesPage, refused_label);

  gtk_widget_class_install_action (widget_class, "services.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "services.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "services.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "services.save", NULL);
}

static void
sitrep_services_page_init (SitrepServicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->list, compare_rows, NULL, NULL);
}

/**
 * sitrep_services_page_new:
 *
 * Returns: (transfer floating): the Services page of Preferences
 */
GtkWidget *
sitrep_services_page_new (SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_SERVICES_PAGE, "context", context, NULL);
}

/* For tests */

SitrepServiceRow *
_sitrep_services_page_find_row (SitrepServicesPage *self,
                                const char         *name)
{
  return find_row (self, name);
}

GtkWidget *
_sitrep_services_page_get_add_button (SitrepServicesPage *self)
{
  return self->add_button;
}

GtkLabel *
_sitrep_services_page_get_refused (SitrepServicesPage *self)
{
  return self->refused_label;
}

AdwMessageDialog *
_sitrep_services_page_get_confirm (SitrepServicesPage *self)
{
  return self->confirm;
}
