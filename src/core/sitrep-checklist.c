/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-checklist.c: the guide's Incident Commander checklist
 *
 * The texts are the guide's lines word for word: responders learn the guide,
 * and a checklist that paraphrases it makes them read twice.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-checklist.h"
#include "sitrep-enum-strings.h"

static const SitrepChecklistItem default_items[] = {
  { SITREP_PHASE_INITIAL, "acknowledge", N_("Acknowledge the alert/incident") },
  { SITREP_PHASE_INITIAL, "real-incident",
    N_("Determine if this is a real incident requiring response") },
  { SITREP_PHASE_INITIAL, "declare", N_("Declare the incident and its severity level") },
  { SITREP_PHASE_INITIAL, "channel", N_("Create incident channel (e.g., #incident-20250408-1)") },
  { SITREP_PHASE_INITIAL, "page", N_("Page required responders") },
  { SITREP_PHASE_INITIAL, "assign-roles",
    N_("Assign initial roles (Comms Lead, Ops Lead, Scribe)") },

  { SITREP_PHASE_ASSESSMENT, "known-unknown", N_("Establish what we know and don't know") },
  { SITREP_PHASE_ASSESSMENT, "affected-systems", N_("Identify affected systems and services") },
  { SITREP_PHASE_ASSESSMENT, "customer-impact", N_("Determine customer impact") },
  { SITREP_PHASE_ASSESSMENT, "priorities", N_("Set initial response priorities") },
  { SITREP_PHASE_ASSESSMENT, "more-responders", N_("Decide if additional responders are needed") },

  { SITREP_PHASE_COORDINATION, "status-updates",
    N_("Hold regular status updates (every 15-30 min)") },
  { SITREP_PHASE_COORDINATION, "action-items", N_("Track action items and owners") },
  { SITREP_PHASE_COORDINATION, "communications",
    N_("Ensure communications are going out as needed") },
  { SITREP_PHASE_COORDINATION, "escalations", N_("Manage escalations to additional teams") },
  { SITREP_PHASE_COORDINATION, "severity-review",
    N_("Consider if severity level needs adjustment") },

  { SITREP_PHASE_RESOLUTION, "service-restored", N_("Confirm that service has been restored") },
  { SITREP_PHASE_RESOLUTION, "verify", N_("Verify with monitoring and spot checks") },
  { SITREP_PHASE_RESOLUTION, "communicate-resolution",
    N_("Communicate resolution to stakeholders") },
  { SITREP_PHASE_RESOLUTION, "schedule-postmortem", N_("Schedule postmortem") },
  { SITREP_PHASE_RESOLUTION, "close", N_("Declare incident closed") },
};

/* The Major Incident Protocol's command structure, war room, communication
 * and post-incident sections, as things the IC can tick off. */
static const SitrepChecklistItem major_items[] = {
  { SITREP_PHASE_MAJOR, "major-deputy",
    N_("Assign a Deputy Incident Commander (supports IC and can take over if needed)") },
  { SITREP_PHASE_MAJOR, "major-planning",
    N_("Assign a Planning Lead (manages resources and plans next steps)") },
  { SITREP_PHASE_MAJOR, "major-liaison",
    N_("Assign a Customer Liaison (focuses on customer impact and communication)") },
  { SITREP_PHASE_MAJOR, "major-war-room",
    N_("Set up the war room (primary and backup video conference, "
       "incident channel #major-incident-[date], document collaboration)") },
  { SITREP_PHASE_MAJOR, "major-exec-brief",
    N_("Initial executive brief within 30 minutes of declaration") },
  { SITREP_PHASE_MAJOR, "major-exec-updates", N_("Executive updates every hour") },
  { SITREP_PHASE_MAJOR, "major-exec-summary",
    N_("Executive summary within 1 hour of resolution") },
  { SITREP_PHASE_MAJOR, "major-public-statement",
    N_("Initial public statement within 1 hour of confirmation") },
  { SITREP_PHASE_MAJOR, "major-external-updates",
    N_("External updates at least every 2 hours") },
  { SITREP_PHASE_MAJOR, "major-external-approval",
    N_("All external communications must be approved by Communications Lead and Legal") },
  { SITREP_PHASE_MAJOR, "major-hot-wash", N_("Initial hot wash within 24 hours") },
  { SITREP_PHASE_MAJOR, "major-postmortem", N_("Formal postmortem within 72 hours") },
  { SITREP_PHASE_MAJOR, "major-exec-review", N_("Executive review within 1 week") },
  { SITREP_PHASE_MAJOR, "major-follow-up", N_("30-day follow-up on action items") },
};

static SitrepChecklistItem translated_default[G_N_ELEMENTS (default_items)];
static SitrepChecklistItem translated_major[G_N_ELEMENTS (major_items)];

/* Translate once, after the application has set up its locale. */
static void
ensure_translated (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gsize i = 0; i < G_N_ELEMENTS (default_items); i++)
        {
          translated_default[i] = default_items[i];
          translated_default[i].text = _(default_items[i].text);
        }
      for (gsize i = 0; i < G_N_ELEMENTS (major_items); i++)
        {
          translated_major[i] = major_items[i];
          translated_major[i].text = _(major_items[i].text);
        }
      g_once_init_leave (&initialized, 1);
    }
}

/**
 * sitrep_checklist_default_items:
 * @n_items: (out) (optional): the number of items
 *
 * Returns: (transfer none) (array length=n_items): the guide's Incident
 *   Commander Checklist, in the guide's order, phase by phase.
 */
const SitrepChecklistItem *
sitrep_checklist_default_items (gsize *n_items)
{
  ensure_translated ();
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (translated_default);
  return translated_default;
}

/**
 * sitrep_checklist_major_items:
 * @n_items: (out) (optional): the number of items
 *
 * Returns: (transfer none) (array length=n_items): the Major Incident
 *   Protocol as checklist items, all in %SITREP_PHASE_MAJOR.
 */
const SitrepChecklistItem *
sitrep_checklist_major_items (gsize *n_items)
{
  ensure_translated ();
  if (n_items != NULL)
    *n_items = G_N_ELEMENTS (translated_major);
  return translated_major;
}

/**
 * sitrep_checklist_item_to_body:
 * @item: the item
 * @incident_id: the incident's uuid
 * @position: the item's place in the list
 *
 * Builds the body of a fresh, unticked `checklist` record. Its id is
 * "<incident_id>:<item key>".
 *
 * Returns: (transfer full): a new JSON object
 */
JsonObject *
sitrep_checklist_item_to_body (const SitrepChecklistItem *item,
                               const char                *incident_id,
                               guint                      position)
{
  JsonObject *body;

  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (incident_id != NULL, NULL);

  body = json_object_new ();
  json_object_set_string_member (body, "incident_id", incident_id);
  json_object_set_string_member (body, "phase", sitrep_phase_to_string (item->phase));
  json_object_set_string_member (body, "key", item->key);
  json_object_set_string_member (body, "text", item->text);
  json_object_set_int_member (body, "position", position);
  json_object_set_boolean_member (body, "done", FALSE);
  json_object_set_null_member (body, "done_by");
  json_object_set_null_member (body, "done_at");

  return body;
}
