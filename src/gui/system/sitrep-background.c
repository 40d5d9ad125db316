/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-background"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-background.h"

/* Asks the desktop, through the Background portal, to let the app run
 * with no window open, so that update reminders keep firing: a sandboxed
 * app may be stopped otherwise. Only when the portal is on the bus; a
 * desktop without it lets the app run as it always has.
 *
 * The call (org.freedesktop.portal.Background.RequestBackground) answers
 * with a request object; the answer comes as that object's Response
 * signal, which is subscribed to before the call, on the path the portal
 * makes from the handle_token: the match rule goes to the bus before the
 * call does. */

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define BACKGROUND_INTERFACE "org.freedesktop.portal.Background"
#define REQUEST_INTERFACE "org.freedesktop.portal.Request"

struct _SitrepBackground
{
  GObject          parent_instance;

  GDBusConnection *connection;
  GCancellable    *cancellable;
  char            *request_path;
  guint            response_id;
  gboolean         asked;
  gboolean         granted;
  gboolean         denied;
};

G_DEFINE_FINAL_TYPE (SitrepBackground, sitrep_background, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GRANTED,
  PROP_DENIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
unsubscribe (SitrepBackground *self)
{
  if (self->response_id != 0)
    g_dbus_connection_signal_unsubscribe (self->connection, self->response_id);
  self->response_id = 0;
  g_clear_pointer (&self->request_path, g_free);
}

static void
answer (SitrepBackground *self,
        gboolean          granted)
{
  unsubscribe (self);
  if (granted)
    {
      self->granted = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRANTED]);
    }
  else
    {
      self->denied = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DENIED]);
    }
}

static void
on_response (GDBusConnection *connection,
             const char      *sender,
             const char      *path,
             const char      *interface,
             const char      *signal,
             GVariant        *parameters,
             gpointer         user_data)
{
  SitrepBackground *self = user_data;
  g_autoptr(GVariant) results = NULL;
  guint32 response;
  gboolean background = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ua{sv})")))
    return;
  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &background);
  g_debug ("The Background portal answered %u, background %s", response,
           background ? "allowed" : "refused");
  answer (self, response == 0 && background);
}

static void
subscribe (SitrepBackground *self,
           const char       *path)
{
  unsubscribe (self);
  self->request_path = g_strdup (path);
  self->response_id = g_dbus_connection_signal_subscribe (self->connection, PORTAL_NAME,
                                                          REQUEST_INTERFACE, "Response",
                                                          path, NULL,
                                                          G_DBUS_SIGNAL_FLAGS_NONE,
                                                          on_response, self, NULL);
}

static void
request_sent (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SitrepBackground *self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *handle;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  if (reply == NULL)
    {
      /* A portal without the Background interface: as without a portal. */
      g_message ("The Background portal cannot be asked: %s", error->message);
      unsubscribe (self);
      g_object_unref (self);
      return;
    }

  /* A portal older than handle_token answers on a path of its own. */
  g_variant_get (reply, "(&o)", &handle);
  if (g_strcmp0 (handle, self->request_path) != 0)
    subscribe (self, handle);
  g_object_unref (self);
}

/* The request object's path the portal makes from our token. */
static char *
request_path (GDBusConnection *connection,
              const char      *token)
{
  g_autofree char *sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);

  g_strdelimit (sender, ".", '_');
  return g_strdup_printf (PORTAL_PATH "/request/%s/%s", sender, token);
}

static void
send_request (SitrepBackground *self)
{
  static guint counter;
  g_autofree char *token = g_strdup_printf ("sitrep%u", ++counter);
  g_autofree char *path = request_path (self->connection, token);
  GVariantBuilder options;

  subscribe (self, path);

  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token", g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Reminders for stakeholder updates keep firing "
                                                 "with the window closed")));
  g_variant_builder_add (&options, "{sv}", "autostart", g_variant_new_boolean (FALSE));
  g_dbus_connection_call (self->connection, PORTAL_NAME, PORTAL_PATH, BACKGROUND_INTERFACE,
                          "RequestBackground", g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable,
                          request_sent, g_object_ref (self));
}

static void
owner_found (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SitrepBackground *self = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  if (reply != NULL && !g_cancellable_is_cancelled (self->cancellable))
    send_request (self);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No desktop portal on the bus: %s", error->message);
  g_object_unref (self);
}

/**
 * sitrep_background_request:
 *
 * Asks the portal, once, to let the app run in the background, if the
 * portal is on the bus (its name has an owner). #SitrepBackground:granted
 * or #SitrepBackground:denied become %TRUE with its answer; without a
 * portal neither does.
 */
void
sitrep_background_request (SitrepBackground *self)
{
  g_return_if_fail (SITREP_IS_BACKGROUND (self));

  if (self->asked || self->connection == NULL)
    return;
  self->asked = TRUE;
  /* GetNameOwner, not an auto-starting call: a bus that could start a
   * portal it does not run yet is no reason to start one. */
  g_dbus_connection_call (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "GetNameOwner",
                          g_variant_new ("(s)", PORTAL_NAME), G_VARIANT_TYPE ("(s)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, owner_found,
                          g_object_ref (self));
}

gboolean
sitrep_background_get_granted (SitrepBackground *self)
{
  g_return_val_if_fail (SITREP_IS_BACKGROUND (self), FALSE);

  return self->granted;
}

gboolean
sitrep_background_get_denied (SitrepBackground *self)
{
  g_return_val_if_fail (SITREP_IS_BACKGROUND (self), FALSE);

  return self->denied;
}

static void
sitrep_background_dispose (GObject *object)
{
  SitrepBackground *self = SITREP_BACKGROUND (object);

  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    unsubscribe (self);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (sitrep_background_parent_class)->dispose (object);
}

static void
sitrep_background_finalize (GObject *object)
{
  SitrepBackground *self = SITREP_BACKGROUND (object);

  g_clear_object (&self->cancellable);
  g_free (self->request_path);

  G_OBJECT_CLASS (sitrep_background_parent_class)->finalize (object);
}

static void
sitrep_background_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SitrepBackground *self = SITREP_BACKGROUND (object);

  switch (prop_id)
    {
    case PROP_GRANTED:
      g_value_set_boolean (value, self->granted);
      break;
    case PROP_DENIED:
      g_value_set_boolean (value, self->denied);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_background_class_init (SitrepBackgroundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sitrep_background_dispose;
  object_class->finalize = sitrep_background_finalize;
  object_class->get_property = sitrep_background_get_property;

  /**
   * SitrepBackground:granted:
   *
   * The portal lets the app run with no window open.
   */
  properties[PROP_GRANTED] =
    g_param_spec_boolean ("granted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * SitrepBackground:denied:
   *
   * The portal refused (or the user did): reminders stop with the last
   * window.
   */
  properties[PROP_DENIED] =
    g_param_spec_boolean ("denied", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_background_init (SitrepBackground *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * sitrep_background_new:
 * @connection: (nullable): the session bus, %NULL when the app has none
 *
 * Returns: (transfer full): a client of the Background portal on @connection
 */
SitrepBackground *
sitrep_background_new (GDBusConnection *connection)
{
  SitrepBackground *self = g_object_new (SITREP_TYPE_BACKGROUND, NULL);

  g_set_object (&self->connection, connection);
  return self;
}
