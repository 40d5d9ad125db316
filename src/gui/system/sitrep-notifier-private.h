/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sitrep-deadlines.h"
#include <gtk/gtk.h>

#include "sitrep-notifier.h"

G_BEGIN_DECLS

/* What one deadline last put on screen, for tests: the text a user read. */
typedef struct
{
  SitrepAlertLevel  level;
  char             *summary;
  char             *body;
} SitrepNotice;

void          _sitrep_notice_free            (SitrepNotice       *notice);
void          _sitrep_notifier_check_at      (SitrepNotifier     *self,
                                              GDateTime          *now);
SitrepNotice *_sitrep_notifier_dup_notice    (SitrepNotifier     *self,
                                              const char         *incident_id,
                                              SitrepDeadlineKind  kind,
                                              SitrepAudience      audience);

/* sitrep-notifier-text.c */
char         *_sitrep_notifier_incident_name (SitrepIncident       *incident);
char         *_sitrep_notifier_describe_due  (const SitrepDeadline *d,
                                              SitrepAlertLevel      level,
                                              GDateTime            *now);
char         *_sitrep_notifier_describe_body (SitrepIncident       *incident,
                                              const SitrepDeadline *d,
                                              SitrepAlertLevel      level);

/* The notifier's state, shared by sitrep-notifier.c (the clocks: what is
 * due and what to raise) and sitrep-notifier-popups.c (the notification
 * service on the session bus). */
#define NOTIFICATIONS_NAME  "org.freedesktop.Notifications"
#define NOTIFICATIONS_PATH  "/org/freedesktop/Notifications"
#define NOTIFICATIONS_IFACE "org.freedesktop.Notifications"

/* The key of the summary's popup, beside the deadlines' keys. */
#define SUMMARY_KEY "summary"

typedef struct
{
  SitrepNotifier     *notifier;         /* unowned: the notifier owns the entry */
  char               *key;
  char               *incident_id;
  SitrepDeadlineKind  kind;
  SitrepAudience      audience;
  SitrepSeverity      severity;
  GDateTime          *due;
  GDateTime          *last_notified;
  gboolean            alerting;         /* warned or nagged of, not answered since */
  gboolean            pending;          /* to be raised at the next present() */
  gboolean            seen;
  SitrepAlertLevel    level;
  char               *summary;
  char               *body;
} Entry;

/* One button of a popup: the application's action it activates. */
typedef struct
{
  char     *id;
  char     *label;
  char     *action;
  GVariant *target;
} PopupAction;

/* A notification on screen, or on its way there. */
typedef struct
{
  char      *key;
  guint64    serial;
  guint32    id;                        /* the daemon's; 0 until it answered */
  gboolean   in_flight;
  gboolean   resend;                    /* changed while in flight */
  char      *summary;
  char      *body;
  gboolean   critical;
  GPtrArray *actions;                   /* of PopupAction */
} Popup;

struct _SitrepNotifier
{
  GObject          parent_instance;

  GApplication    *application;
  SitrepContext   *context;
  GHashTable      *entries;          /* key → Entry */
  GHashTable      *workspaces;       /* incident id → SitrepWorkspace, the active ones */
  guint            idle_id;
  guint            warn_before_minutes;
  guint            repeat_minutes;
  gboolean         has_active;
  GDateTime       *pass_now;         /* of the pass under way, if any */
  guint            pass_index;
  gboolean         pass_has_active;
  gboolean         pass_restart;

  /* Starting after the first frame. */
  gboolean         started;
  gulong           window_added_id;
  GtkWidget       *first_window;     /* weak */
  gulong           map_id;
  GdkFrameClock   *frame_clock;      /* weak */
  gulong           after_paint_id;
  gulong           loaded_id;        /* waiting for the incidents after the first screen */
  guint            start_id;

  /* The notification service. */
  GCancellable    *cancellable;
  GDBusConnection *bus;
  guint            action_signal_id;
  guint            closed_signal_id;
  gboolean         ready;            /* bus and capabilities known */
  gboolean         body_markup;
  gboolean         show_failed;
  GHashTable      *popups;           /* key → Popup */
  guint64          next_serial;
  GQueue           sent_at;          /* monotonic µs of the recent Notify calls */
  guint            rate_id;
  guint            summary_alerting; /* what the summary on screen counted */
  guint            summary_incidents;

  /* The daily reminder of my overdue action items. */
  GSettings       *action_items_settings;
};

/* sitrep-notifier-popups.c */
void      _sitrep_notifier_popup_add_action (Popup *popup,
                                             const char *id,
                                             const char *label,
                                             const char *action,
                                             GVariant *target);
void      _sitrep_notifier_popup_free (gpointer data);
void      _sitrep_notifier_close_id (GDBusConnection *bus,
                                     guint32 id);
void      _sitrep_notifier_popup_close (SitrepNotifier *self,
                                        const char *key);
Popup *   _sitrep_notifier_popup_get (SitrepNotifier *self,
                                      const char *key);
void      _sitrep_notifier_popup_send (SitrepNotifier *self,
                                       Popup *popup);
GWeakRef *_sitrep_notifier_weak_ref_new (gpointer object);
void      _sitrep_notifier_on_bus (GObject *source,
                                   GAsyncResult *result,
                                   gpointer user_data);

/* sitrep-notifier.c */
void      _sitrep_notifier_present (SitrepNotifier *self);

/* sitrep-notifier-action-items.c: the daily reminder of my overdue
 * action items, one more entry through present()'s rules */
#define ACTION_ITEMS_KEY "action-items"

void       _sitrep_notifier_check_action_items       (SitrepNotifier *self,
                                                      GDateTime      *now);
gboolean   _sitrep_notifier_action_items_add_actions (Entry          *e,
                                                      Popup          *popup);
void       _sitrep_notifier_action_items_start       (SitrepNotifier *self);
void       _sitrep_notifier_action_items_stop        (SitrepNotifier *self);
GDateTime *_sitrep_notifier_action_items_raised_at   (SitrepNotifier *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SitrepNotice, _sitrep_notice_free)

G_END_DECLS
