/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-page-request.h"
#include "sitrep-time.h"

/* A request to page a team (PROTOCOL.md § Integrations): what the app
 * wrote, and what the server wrote back about its delivery. */
struct _SitrepPageRequest
{
  SitrepRecordObject parent_instance;
};

G_DEFINE_FINAL_TYPE (SitrepPageRequest, sitrep_page_request, SITREP_TYPE_RECORD_OBJECT)

enum {
  PROP_0,
  PROP_TEAM,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sitrep_page_request_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SitrepPageRequest *self = SITREP_PAGE_REQUEST (object);

  switch (prop_id)
    {
    case PROP_TEAM:
      g_value_set_string (value, sitrep_page_request_get_team (self));
      break;

    case PROP_OUTCOME:
      g_value_take_string (value, sitrep_page_request_dup_outcome (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_page_request_body_changed (SitrepRecordObject *object,
                                  JsonObject         *body)
{
  g_object_freeze_notify (G_OBJECT (object));
  for (guint i = PROP_TEAM; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (object), properties[i]);
  SITREP_RECORD_OBJECT_CLASS (sitrep_page_request_parent_class)->body_changed (object, body);
  g_object_thaw_notify (G_OBJECT (object));
}

static void
sitrep_page_request_class_init (SitrepPageRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sitrep_page_request_get_property;
  SITREP_RECORD_OBJECT_CLASS (klass)->body_changed = sitrep_page_request_body_changed;

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
  properties[PROP_TEAM] = g_param_spec_string ("team", NULL, NULL, NULL, RO);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, RO);
#undef RO

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sitrep_page_request_init (SitrepPageRequest *self)
{
}

/**
 * sitrep_page_request_new:
 *
 * Returns: (transfer full): the page record @id as the views show it
 */
SitrepPageRequest *
sitrep_page_request_new (const char *id,
                         JsonObject *body,
                         gint64      version)
{
  SitrepPageRequest *self = g_object_new (SITREP_TYPE_PAGE_REQUEST, "coll", "pages", "id", id,
                                          NULL);

  sitrep_record_object_update (SITREP_RECORD_OBJECT (self), body, version);
  return self;
}

static const char *
string_or_empty (SitrepPageRequest *self,
                 const char        *member)
{
  const char *value = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), member);

  return value != NULL ? value : "";
}

const char *
sitrep_page_request_get_team (SitrepPageRequest *self)
{
  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), NULL);

  return string_or_empty (self, "team");
}

const char *
sitrep_page_request_get_message (SitrepPageRequest *self)
{
  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), NULL);

  return string_or_empty (self, "message");
}

const char *
sitrep_page_request_get_requested_by (SitrepPageRequest *self)
{
  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), NULL);

  return string_or_empty (self, "requested_by");
}

const char *
sitrep_page_request_get_requested_at (SitrepPageRequest *self)
{
  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), NULL);

  return string_or_empty (self, "requested_at");
}

/**
 * sitrep_page_request_get_delivery:
 *
 * Returns: how the server's delivery stands; a record the server has not
 *   touched yet is pending
 */
SitrepPageDelivery
sitrep_page_request_get_delivery (SitrepPageRequest *self)
{
  const char *delivery;

  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), SITREP_PAGE_DELIVERY_PENDING);

  delivery = sitrep_record_object_get_string (SITREP_RECORD_OBJECT (self), "delivery");
  if (g_strcmp0 (delivery, "delivered") == 0)
    return SITREP_PAGE_DELIVERY_DELIVERED;
  if (g_strcmp0 (delivery, "failed") == 0)
    return SITREP_PAGE_DELIVERY_FAILED;
  return SITREP_PAGE_DELIVERY_PENDING;
}

static const char *
provider_label (const char *provider)
{
  if (g_strcmp0 (provider, "pagerduty") == 0)
    return "PagerDuty";
  if (g_strcmp0 (provider, "webhook") == 0)
    /* Translators: how a page was delivered: "Delivered at 14:41 via webhook" */
    return _("webhook");
  return provider;
}

/**
 * sitrep_page_request_dup_outcome:
 *
 * Returns: (transfer full): what became of the page, e.g. "Delivered at
 *   14:41 via PagerDuty", "Failed: Invalid routing key after 1 attempt",
 *   "Pending…"; times in the computer's zone
 */
char *
sitrep_page_request_dup_outcome (SitrepPageRequest *self)
{
  SitrepRecordObject *record = SITREP_RECORD_OBJECT (self);
  JsonObject *body = sitrep_record_object_get_body (record);
  const char *provider = sitrep_record_object_get_string (record, "provider");
  gint64 attempts = 0;

  g_return_val_if_fail (SITREP_IS_PAGE_REQUEST (self), NULL);

  if (body != NULL && json_object_has_member (body, "attempts") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (body, "attempts")))
    attempts = MAX (json_object_get_int_member (body, "attempts"), 0);

  switch (sitrep_page_request_get_delivery (self))
    {
    case SITREP_PAGE_DELIVERY_DELIVERED:
      {
        g_autoptr(GDateTime) at =
          sitrep_time_parse (sitrep_record_object_get_string (record, "delivered_at"));
        g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_local (at) : NULL;
        g_autofree char *clock = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;

        if (clock != NULL && provider != NULL)
          /* Translators: a clock time, then a provider such as PagerDuty */
          return g_strdup_printf (_("Delivered at %s via %s"), clock, provider_label (provider));
        if (clock != NULL)
          /* Translators: %s is a clock time */
          return g_strdup_printf (_("Delivered at %s"), clock);
        return g_strdup (_("Delivered"));
      }
    case SITREP_PAGE_DELIVERY_FAILED:
      {
        const char *error = sitrep_record_object_get_string (record, "error");

        if (error == NULL || *error == '\0')
          error = _("no reason given");
        /* Translators: the provider's error message, then how many attempts were made */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Failed: %s after %u attempt",
                                             "Failed: %s after %u attempts", (gulong) attempts),
                                error, (guint) attempts);
      }
    case SITREP_PAGE_DELIVERY_PENDING:
    default:
      if (attempts > 0)
        /* Translators: a page being retried; %u is how many attempts failed so far */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pending… (%u attempt so far)",
                                             "Pending… (%u attempts so far)", (gulong) attempts),
                                (guint) attempts);
      return g_strdup (_("Pending…"));
    }
}
