/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-composer-private.h"
#include "sitrep-communication.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-templates.h"

/* The composer's templates: the audience's first, filling the editors
 * from the chosen one, and the Undo for text the fill replaced. */

/* Templates */

static int
template_position (SitrepCommsComposer *self,
                   const char          *id)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      SitrepRecordObject *record = self->templates->pdata[i];

      if (record == NULL ? id == NULL : g_strcmp0 (sitrep_record_object_get_id (record), id) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
template_is_for (SitrepRecordObject *record,
                 SitrepAudience  audience)
{
  SitrepAudience for_audience;

  return record != NULL &&
         sitrep_audience_from_string (sitrep_json_get_string (sitrep_record_object_get_body (record), "audience"),
                                      &for_audience) &&
         for_audience == audience;
}

/* Whether an update already went to @audience about the incident. */
static gboolean
sent_before (SitrepCommsComposer *self,
             SitrepAudience       audience)
{
  g_autoptr(SitrepWorkspace) workspace = NULL;
  GListModel *sent;
  const char *wanted = sitrep_audience_to_string (audience);

  if (self->incident == NULL)
    return FALSE;

  workspace = sitrep_context_open_workspace (self->context, sitrep_incident_get_id (self->incident));
  sent = sitrep_workspace_get_communications (workspace);
  for (guint i = 0; i < g_list_model_get_n_items (sent); i++)
    {
      g_autoptr(SitrepCommunication) c = g_list_model_get_item (sent, i);

      if (g_strcmp0 (sitrep_communication_get_audience (c), wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Of the audience's templates (the first @n of @ordered), the one that
 * fits the incident's stage (sitrep_template_choose()). */
static guint
proposed_template (SitrepCommsComposer *self,
                   GPtrArray           *ordered,
                   guint                n,
                   SitrepAudience       audience)
{
  g_autofree const char **statuses = g_new0 (const char *, n + 1);
  SitrepStatus status = self->incident ? sitrep_incident_get_status (self->incident)
                                       : SITREP_STATUS_INVESTIGATING;
  int chosen;

  for (guint i = 0; i < n; i++)
    statuses[i] = sitrep_json_get_string (sitrep_record_object_get_body (ordered->pdata[i]), "status");

  chosen = sitrep_template_choose (statuses, n, status, sent_before (self, audience));
  return chosen < 0 ? 0 : (guint) chosen;
}

/* The audience's templates first, then the others, then "Blank". With
 * @first_match, the selection moves to the audience's template that fits
 * the incident now (initial, update or resolution);
 * otherwise it stays on the template it was on. */
void
sitrep_comms_composer_rebuild_templates (SitrepCommsComposer *self,
                                         gboolean            first_match)
{
  SitrepAudience audience = sitrep_comms_composer_current_audience (self);
  SitrepRecordObject *selected = sitrep_comms_composer_current_template (self);
  g_autofree char *keep_id = selected ? g_strdup (sitrep_record_object_get_id (selected)) : NULL;
  GListModel *all = NULL;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) _sitrep_comms_composer_template_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same = FALSE;
  guint position = 0;
  guint n_for = 0;
  int found;

  if (self->context == NULL)
    return;

  all = sitrep_context_get_templates (self->context);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(SitrepRecordObject) record = g_list_model_get_item (all, i);

        if (template_is_for (record, audience) != (pass == 0))
          continue;
        if (pass == 0)
          n_for++;
        g_ptr_array_add (ordered, g_steal_pointer (&record));
      }
  g_ptr_array_add (ordered, NULL);

  for (guint i = 0; i < ordered->len; i++)
    {
      SitrepRecordObject *record = ordered->pdata[i];
      const char *name = record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "name") : NULL;

      if (record == NULL)
        name = _("Blank");
      else if (_sitrep_comms_composer_is_blank (name))
        name = _("Untitled template");
      g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);

  /* Rewriting an unchanged list would close the popover under the user. */
  if (ordered->len == self->templates->len)
    {
      same = TRUE;
      for (guint i = 0; same && i < ordered->len; i++)
        {
          SitrepRecordObject *a = ordered->pdata[i];
          SitrepRecordObject *b = self->templates->pdata[i];

          same = (a == NULL && b == NULL) ||
                 (a != NULL && b != NULL && g_str_equal (sitrep_record_object_get_id (a), sitrep_record_object_get_id (b)) &&
                  g_strcmp0 (names->pdata[i],
                             gtk_string_list_get_string (self->template_model, i)) == 0);
        }
    }

  self->updating = TRUE;
  /* The records are taken anyway: an edited template's text is new. */
  g_ptr_array_unref (self->templates);
  self->templates = g_steal_pointer (&ordered);
  if (!same)
    gtk_string_list_splice (self->template_model, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->template_model)),
                            (const char * const *) names->pdata);

  found = template_position (self, keep_id);
  if (first_match)
    position = n_for > 0 ? proposed_template (self, self->templates, n_for, audience)
                         : self->templates->len - 1;
  else if (found >= 0)
    position = (guint) found;
  else
    position = self->templates->len - 1;
  adw_combo_row_set_selected (self->template_row, position);
  self->updating = FALSE;
}

static void
on_undo_clicked (SitrepCommsComposer *self)
{
  sitrep_comms_composer_set_editors (self, self->undo_title, self->undo_body);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
offer_undo (SitrepCommsComposer *self,
            const char          *title,
            const char          *body)
{
  AdwToast *toast;

  g_free (self->undo_title);
  g_free (self->undo_body);
  self->undo_title = g_strdup (title);
  self->undo_body = g_strdup (body);

  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);

  toast = adw_toast_new (_("Text replaced with the template"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
  sitrep_widget_show_toast (GTK_WIDGET (self), toast);
}

/* Renders the chosen template with the incident's values into the
 * editors. What the user had typed is kept for an Undo. */
void
sitrep_comms_composer_fill_from_template (SitrepCommsComposer *self)
{
  SitrepRecordObject *record = sitrep_comms_composer_current_template (self);
  g_autoptr(GHashTable) values = NULL;
  g_auto(SitrepRendered) title = { 0 };
  g_auto(SitrepRendered) body = { 0 };
  g_autofree char *old_title = NULL;
  g_autofree char *old_body = NULL;
  gboolean dirty;

  if (self->context == NULL || self->incident == NULL)
    return;

  {
    g_autoptr(SitrepWorkspace) workspace =
      sitrep_context_open_workspace (self->context, sitrep_incident_get_id (self->incident));

    values = sitrep_workspace_template_values (workspace);
  }
  sitrep_template_render (record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "title") ?: "" : "",
                          values, &title);
  sitrep_template_render (record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "body") ?: "" : "",
                          values, &body);

  dirty = sitrep_comms_composer_is_dirty (self);
  old_title = g_strdup (sitrep_comms_composer_get_title_text (self));
  old_body = sitrep_comms_composer_dup_body_text (self);

  g_free (self->filled_title);
  g_free (self->filled_body);
  self->filled_title = g_strdup (title.text);
  self->filled_body = g_strdup (body.text);
  sitrep_comms_composer_set_editors (self, title.text, body.text);

  if (dirty && (g_strcmp0 (old_title, title.text) != 0 || g_strcmp0 (old_body, body.text) != 0))
    offer_undo (self, old_title, old_body);
}
