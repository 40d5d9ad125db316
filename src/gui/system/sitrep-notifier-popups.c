/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-notifier"

#include "config.h"

#include <gtk/gtk.h>

#include "sitrep-notifier-private.h"

/* The notification service, spoken to directly on the session bus and
 * never waited for: Notify, CloseNotification and GetCapabilities are
 * asynchronous calls, and the ActionInvoked and NotificationClosed
 * signals route a button back to the application's action. */

static void
popup_action_free (gpointer data)
{
  PopupAction *a = data;

  g_free (a->id);
  g_free (a->label);
  g_free (a->action);
  g_variant_unref (a->target);
  g_free (a);
}

void
_sitrep_notifier_popup_add_action (Popup      *popup,
                                   const char *id,
                                   const char *label,
                                   const char *action,
                                   GVariant   *target)
{
  PopupAction *a = g_new0 (PopupAction, 1);

  a->id = g_strdup (id);
  a->label = g_strdup (label);
  a->action = g_strdup (action);
  a->target = g_variant_ref_sink (target);
  g_ptr_array_add (popup->actions, a);
}

void
_sitrep_notifier_popup_free (gpointer data)
{
  Popup *popup = data;

  g_free (popup->key);
  g_free (popup->summary);
  g_free (popup->body);
  g_ptr_array_unref (popup->actions);
  g_free (popup);
}

void
_sitrep_notifier_close_id (GDBusConnection *bus,
                           guint32          id)
{
  if (bus == NULL || id == 0)
    return;
  g_dbus_connection_call (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NOTIFICATIONS_IFACE,
                          "CloseNotification", g_variant_new ("(u)", id), NULL,
                          G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL, NULL);
}

/* Takes the popup of @key off the screen, or keeps it from getting there. */
void
_sitrep_notifier_popup_close (SitrepNotifier *self,
                              const char     *key)
{
  Popup *popup = g_hash_table_lookup (self->popups, key);

  if (popup == NULL)
    return;
  /* One still on its way is closed when its id comes back. */
  _sitrep_notifier_close_id (self->bus, popup->id);
  g_hash_table_remove (self->popups, key);
}

/* The popup of @key, emptied of its buttons, to be filled and sent. */
Popup *
_sitrep_notifier_popup_get (SitrepNotifier *self,
                            const char     *key)
{
  Popup *popup = g_hash_table_lookup (self->popups, key);

  if (popup == NULL)
    {
      popup = g_new0 (Popup, 1);
      popup->key = g_strdup (key);
      popup->serial = ++self->next_serial;
      popup->actions = g_ptr_array_new_with_free_func (popup_action_free);
      g_hash_table_insert (self->popups, popup->key, popup);
    }
  else
    g_ptr_array_set_size (popup->actions, 0);

  return popup;
}

typedef struct
{
  GWeakRef         notifier;
  GDBusConnection *bus;
  char            *key;
  guint64          serial;
} SendData;

static void
send_data_free (SendData *data)
{
  g_weak_ref_clear (&data->notifier);
  g_object_unref (data->bus);
  g_free (data->key);
  g_free (data);
}


static void
on_notify_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SendData *data = user_data;
  g_autoptr(SitrepNotifier) self = g_weak_ref_get (&data->notifier);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  Popup *popup;
  guint32 id = 0;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL)
    g_variant_get (reply, "(u)", &id);

  popup = self != NULL ? g_hash_table_lookup (self->popups, data->key) : NULL;
  if (popup == NULL || popup->serial != data->serial)
    {
      /* Closed, or the notifier gone, while it was on its way. */
      _sitrep_notifier_close_id (data->bus, id);
      send_data_free (data);
      return;
    }

  popup->in_flight = FALSE;
  if (reply != NULL)
    {
      popup->id = id;
      self->show_failed = FALSE;
    }
  else if (!self->show_failed)
    {
      /* Once, not every tick: no notification service is a setup, not a bug. */
      g_message ("Could not show a notification: %s", error->message);
      self->show_failed = TRUE;
    }

  if (popup->resend)
    _sitrep_notifier_popup_send (self, popup);
  send_data_free (data);
}

void
_sitrep_notifier_popup_send (SitrepNotifier *self,
                             Popup          *popup)
{
  GVariantBuilder actions;
  GVariantBuilder hints;
  g_autofree char *escaped = NULL;
  SendData *data;

  if (popup->in_flight)
    {
      /* Sent again with the id the daemon gives the first. */
      popup->resend = TRUE;
      return;
    }
  popup->resend = FALSE;
  popup->in_flight = TRUE;

  g_variant_builder_init (&actions, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < popup->actions->len; i++)
    {
      PopupAction *a = popup->actions->pdata[i];

      g_variant_builder_add (&actions, "s", a->id);
      g_variant_builder_add (&actions, "s", a->label);
    }

  g_variant_builder_init (&hints, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&hints, "{sv}", "urgency",
                         g_variant_new_byte (popup->critical ? 2 : 1));
  g_variant_builder_add (&hints, "{sv}", "desktop-entry", g_variant_new_string (APPLICATION_ID));

  /* Markup-capable daemons would take an "&" in a title for an entity. */
  if (self->body_markup)
    escaped = g_markup_escape_text (popup->body, -1);

  data = g_new0 (SendData, 1);
  g_weak_ref_init (&data->notifier, self);
  data->bus = g_object_ref (self->bus);
  data->key = g_strdup (popup->key);
  data->serial = popup->serial;

  g_dbus_connection_call (self->bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NOTIFICATIONS_IFACE,
                          "Notify",
                          g_variant_new ("(susssasa{sv}i)", "Sitrep", popup->id, APPLICATION_ID,
                                         popup->summary, escaped != NULL ? escaped : popup->body,
                                         &actions, &hints,
                                         /* An overdue reminder stays until answered. */
                                         popup->critical ? 0 : -1),
                          G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          self->cancellable, on_notify_reply, data);
}

static Popup *
popup_find_id (SitrepNotifier *self,
               guint32         id)
{
  GHashTableIter iter;
  Popup *popup;

  if (id == 0)
    return NULL;
  g_hash_table_iter_init (&iter, self->popups);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &popup))
    if (popup->id == id)
      return popup;
  return NULL;
}

/* A button of the notification: the application's action does the work,
 * so a button, the Overview and D-Bus activation all behave the same. */
static void
on_action_invoked (GDBusConnection *connection,
                   const char      *sender,
                   const char      *path,
                   const char      *iface,
                   const char      *signal,
                   GVariant        *parameters,
                   gpointer         user_data)
{
  SitrepNotifier *self = user_data;
  const char *action_id;
  guint32 id;
  Popup *popup;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(us)")))
    return;
  g_variant_get (parameters, "(u&s)", &id, &action_id);
  popup = popup_find_id (self, id);
  if (popup == NULL || self->application == NULL)
    return;

  for (guint i = 0; i < popup->actions->len; i++)
    {
      PopupAction *a = popup->actions->pdata[i];

      if (g_str_equal (a->id, action_id))
        {
          g_autoptr(GVariant) target = g_variant_ref (a->target);
          g_autofree char *name = g_strdup (a->action);

          /* The action may close the popup, and free it. */
          g_action_group_activate_action (G_ACTION_GROUP (self->application), name, target);
          return;
        }
    }
}

static void
on_notification_closed (GDBusConnection *connection,
                        const char      *sender,
                        const char      *path,
                        const char      *iface,
                        const char      *signal,
                        GVariant        *parameters,
                        gpointer         user_data)
{
  SitrepNotifier *self = user_data;
  guint32 id;
  Popup *popup;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(uu)")))
    return;
  g_variant_get (parameters, "(uu)", &id, NULL);
  popup = popup_find_id (self, id);
  if (popup != NULL && !popup->in_flight)
    g_hash_table_remove (self->popups, popup->key);
}

/* For a reply that may come after the notifier is gone. */
GWeakRef *
_sitrep_notifier_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_take (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static void
on_capabilities (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SitrepNotifier) self = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  self = weak_ref_take (user_data);
  if (self == NULL)
    return;

  if (reply != NULL)
    {
      g_autofree const char **caps = NULL;

      g_variant_get (reply, "(^a&s)", &caps);
      self->body_markup = g_strv_contains (caps, "body-markup");
    }
  else
    g_debug ("No notification capabilities: %s", error->message);

  self->ready = TRUE;
  _sitrep_notifier_present (self);
}

void
_sitrep_notifier_on_bus (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);
  g_autoptr(SitrepNotifier) self = weak_ref_take (user_data);

  if (self == NULL)
    return;
  if (bus == NULL)
    {
      g_message ("No session bus for notifications: %s", error->message);
      return;
    }
  self->bus = g_object_ref (bus);

  self->action_signal_id =
    g_dbus_connection_signal_subscribe (bus, NULL, NOTIFICATIONS_IFACE, "ActionInvoked",
                                        NOTIFICATIONS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_action_invoked, self, NULL);
  self->closed_signal_id =
    g_dbus_connection_signal_subscribe (bus, NULL, NOTIFICATIONS_IFACE, "NotificationClosed",
                                        NOTIFICATIONS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        on_notification_closed, self, NULL);
  g_dbus_connection_call (bus, NOTIFICATIONS_NAME, NOTIFICATIONS_PATH, NOTIFICATIONS_IFACE,
                          "GetCapabilities", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_capabilities,
                          _sitrep_notifier_weak_ref_new (self));
}
