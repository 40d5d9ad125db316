/* SPDX-License-Identifier: GPL-3.0-or-later */
/* notify-fixture.h: the real app, a real notification daemon, a private bus
 *
 * A session bus of the test's own (dbus-daemon --session), the notification-daemon of
 * Debian on it (drawing its popups on the X server of $DISPLAY), a monitor
 * connection that records every Notify call on the bus, and the sitrep
 * binary ($SITREP_BIN) started on it like a user would start it.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One org.freedesktop.Notifications.Notify call, as the daemon got it. */
typedef struct
{
  char   *sender;      /* the app's unique name on the bus */
  char   *summary;
  char   *body;
  GStrv   actions;     /* id, label, id, label… */
  int     urgency;     /* the "urgency" hint, -1 if none */
  gint64  at_us;       /* monotonic */
  guint32 serial;      /* of the call, from sender */
  guint32 id;          /* what the daemon answered, 0 until it did */
} NotifyCall;

typedef struct
{
  GSubprocess     *bus;          /* dbus-daemon */
  char            *address;
  GDBusConnection *connection;   /* the test's own, to call things */
  GDBusConnection *monitor;
  GMutex           lock;
  GPtrArray       *calls;        /* of NotifyCall, under lock */
  GSubprocess     *daemon;
  GSubprocess     *app;
  gint64           app_started_us;
  gboolean         app_exited;
  GCancellable    *cancel;
} NotifyFixture;

typedef gboolean (*NotifyCallMatch) (const NotifyCall *call,
                                     gpointer          user_data);

gboolean    notify_fixture_available   (char              **why);
void        notify_fixture_setup       (NotifyFixture      *fixture);
void        notify_fixture_start_app   (NotifyFixture      *fixture,
                                        const char         *data_dir,
                                        const char * const *env);
void        notify_fixture_stop_app    (NotifyFixture      *fixture);
NotifyCall *notify_fixture_wait        (NotifyFixture      *fixture,
                                        NotifyCallMatch     match,
                                        gpointer            user_data,
                                        guint               timeout_ms);
void        notify_fixture_dump        (NotifyFixture      *fixture);
gboolean    notify_call_mentions       (const NotifyCall   *call,
                                        const char         *text);
char       *notify_fixture_window_names (void);
gboolean    notify_fixture_app_shows    (NotifyFixture *fixture,
                                         const char    *title);
void        notify_fixture_teardown    (NotifyFixture      *fixture);

void        notify_call_free           (NotifyCall         *call);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NotifyCall, notify_call_free)

G_END_DECLS
