/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-comms"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-comms-page-private.h"
#include "sitrep-enum-strings.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-status.h"
#include "sitrep-templates.h"

/* The composer: the template and status choices, filling the editors from
 * a template, and checking what is left to fill in. */

SitrepAudience
_sitrep_comms_page_current_audience (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->audience_row);

  return selected < N_AUDIENCES ? (SitrepAudience) selected : SITREP_AUDIENCE_STATUS_PAGE;
}

SitrepRecordObject *
_sitrep_comms_page_current_template (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->template_row);

  return selected < self->templates->len ? self->templates->pdata[selected] : NULL;
}

SitrepStatus
_sitrep_comms_page_current_status (SitrepCommsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  return selected < self->statuses->len ? g_array_index (self->statuses, SitrepStatus, selected)
                                        : SITREP_STATUS_INVALID;
}

char *
_sitrep_comms_page_dup_body_text (SitrepCommsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
_sitrep_comms_page_get_title_text (SitrepCommsPage *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->title_row));
}

void
_sitrep_comms_page_set_editors (SitrepCommsPage *self,
                                const char      *title,
                                const char      *body)
{
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body ? body : "", -1);
}

/* Whether the editors hold text the last fill did not put there. */
gboolean
_sitrep_comms_page_is_dirty (SitrepCommsPage *self)
{
  g_autofree char *body = _sitrep_comms_page_dup_body_text (self);
  const char *title = _sitrep_comms_page_get_title_text (self);

  if (_sitrep_comms_page_is_blank (title) && _sitrep_comms_page_is_blank (body))
    return FALSE;
  return g_strcmp0 (title, self->filled_title ? self->filled_title : "") != 0 ||
         g_strcmp0 (body, self->filled_body ? self->filled_body : "") != 0;
}

/* Templates */

static int
template_position (SitrepCommsPage *self,
                   const char      *id)
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

/* The audience's templates first, then the others, then "Blank". With
 * @first_match, the selection moves to the audience's first template;
 * otherwise it stays on the template it was on. */
void
_sitrep_comms_page_rebuild_templates (SitrepCommsPage *self,
                                      gboolean         first_match)
{
  SitrepAudience audience = _sitrep_comms_page_current_audience (self);
  SitrepRecordObject *selected = _sitrep_comms_page_current_template (self);
  g_autofree char *keep_id = selected ? g_strdup (sitrep_record_object_get_id (selected)) : NULL;
  GListModel *all = NULL;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) _sitrep_comms_page_template_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same = FALSE;
  guint position = 0;
  int found;

  if (page_context (self) == NULL)
    return;

  all = sitrep_context_get_templates (page_context (self));
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(SitrepRecordObject) record = g_list_model_get_item (all, i);

        if (template_is_for (record, audience) != (pass == 0))
          continue;
        g_ptr_array_add (ordered, g_steal_pointer (&record));
      }
  g_ptr_array_add (ordered, NULL);

  for (guint i = 0; i < ordered->len; i++)
    {
      SitrepRecordObject *record = ordered->pdata[i];
      const char *name = record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "name") : NULL;

      if (record == NULL)
        name = _("Blank");
      else if (_sitrep_comms_page_is_blank (name))
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
    position = template_is_for (self->templates->pdata[0], audience) ? 0
                                                                      : self->templates->len - 1;
  else if (found >= 0)
    position = (guint) found;
  else
    position = self->templates->len - 1;
  adw_combo_row_set_selected (self->template_row, position);
  self->updating = FALSE;
}

static void
on_undo_clicked (SitrepCommsPage *self)
{
  _sitrep_comms_page_set_editors (self, self->undo_title, self->undo_body);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

static void
offer_undo (SitrepCommsPage *self,
            const char      *title,
            const char      *body)
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
_sitrep_comms_page_fill_from_template (SitrepCommsPage *self)
{
  SitrepRecordObject *record = _sitrep_comms_page_current_template (self);
  g_autoptr(GHashTable) values = NULL;
  g_auto(SitrepRendered) title = { 0 };
  g_auto(SitrepRendered) body = { 0 };
  g_autofree char *old_title = NULL;
  g_autofree char *old_body = NULL;
  gboolean dirty;

  if (page_context (self) == NULL || page_incident (self) == NULL)
    return;

  values = sitrep_workspace_template_values (page_workspace (self));
  sitrep_template_render (record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "title") ?: "" : "",
                          values, &title);
  sitrep_template_render (record ? sitrep_json_get_string (sitrep_record_object_get_body (record), "body") ?: "" : "",
                          values, &body);

  dirty = _sitrep_comms_page_is_dirty (self);
  old_title = g_strdup (_sitrep_comms_page_get_title_text (self));
  old_body = _sitrep_comms_page_dup_body_text (self);

  g_free (self->filled_title);
  g_free (self->filled_body);
  self->filled_title = g_strdup (title.text);
  self->filled_body = g_strdup (body.text);
  _sitrep_comms_page_set_editors (self, title.text, body.text);

  if (dirty && (g_strcmp0 (old_title, title.text) != 0 || g_strcmp0 (old_body, body.text) != 0))
    offer_undo (self, old_title, old_body);
}

/* Statuses */

void
_sitrep_comms_page_rebuild_statuses (SitrepCommsPage *self)
{
  static const SitrepStatus choices[] = {
    SITREP_STATUS_IDENTIFIED, SITREP_STATUS_MONITORING, SITREP_STATUS_RESOLVED,
  };
  SitrepStatus keep = _sitrep_comms_page_current_status (self);
  SitrepStatus now = page_incident (self) ? sitrep_incident_get_status (page_incident (self))
                                    : SITREP_STATUS_INVALID;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (SitrepStatus));
  SitrepStatus keep_as_is = SITREP_STATUS_INVALID;
  guint position = 0;
  gboolean same;

  g_array_append_val (statuses, keep_as_is);
  g_ptr_array_add (labels, (gpointer) _("Keep as it is"));
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (sitrep_status_can_transition (now, choices[i]))
      {
        g_array_append_val (statuses, choices[i]);
        g_ptr_array_add (labels, (gpointer) sitrep_status_get_label (choices[i]));
      }
  g_ptr_array_add (labels, NULL);

  same = statuses->len == self->statuses->len &&
         memcmp (statuses->data, self->statuses->data, statuses->len * sizeof (SitrepStatus)) == 0;
  if (same)
    return;

  for (guint i = 0; i < statuses->len; i++)
    if (g_array_index (statuses, SitrepStatus, i) == keep)
      position = i;

  self->updating = TRUE;
  g_array_unref (self->statuses);
  self->statuses = g_steal_pointer (&statuses);
  gtk_string_list_splice (self->status_model, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->status_model)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->status_row, position);
  self->updating = FALSE;
}

/* Checking */

/* Takes @flag. */
static void
add_flag (GPtrArray *flags,
          char      *flag)
{
  for (guint i = 0; i < flags->len; i++)
    if (g_str_equal (flags->pdata[i], flag))
      {
        g_free (flag);
        return;
      }
  g_ptr_array_add (flags, flag);
}

/* What is left to fill in @text: any {{name}} (rendering with no values
 * leaves every one in place) and any [blank]. */
static void
collect_flags (const char *text,
               GPtrArray  *flags)
{
  g_auto(SitrepRendered) r = { 0 };

  sitrep_template_render (text, NULL, &r);
  for (guint i = 0; i < r.unknown->len; i++)
    add_flag (flags, g_strdup_printf ("{{%s}}", (char *) r.unknown->pdata[i]));
  for (guint i = 0; i < r.empty->len; i++)
    add_flag (flags, g_strdup_printf ("{{%s}}", (char *) r.empty->pdata[i]));
  for (guint i = 0; i < r.blanks->len; i++)
    add_flag (flags, g_strdup_printf ("[%s]", (char *) r.blanks->pdata[i]));
}

void
_sitrep_comms_page_update_check (SitrepCommsPage *self)
{
  g_autofree char *body = _sitrep_comms_page_dup_body_text (self);
  const char *title = _sitrep_comms_page_get_title_text (self);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
  gboolean empty = _sitrep_comms_page_is_blank (body);

  collect_flags (title, flags);
  collect_flags (body, flags);

  if (flags->len > 0)
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *markup = NULL;

      for (guint i = 0; i < flags->len; i++)
        g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", (char *) flags->pdata[i]);
      markup = g_markup_escape_text (list->str, -1);
      adw_action_row_set_subtitle (self->flag_row, markup);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->flag_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, list->str, -1);
    }
  gtk_widget_set_visible (self->flag_list, flags->len > 0);
  g_ptr_array_unref (self->flags);
  self->flags = g_steal_pointer (&flags);

  gtk_label_set_label (self->preview_title, title);
  gtk_label_set_label (self->preview_body, body);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_title), !_sitrep_comms_page_is_blank (title));
  gtk_widget_set_visible (GTK_WIDGET (self->preview_body), !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_placeholder),
                          empty && _sitrep_comms_page_is_blank (title));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.copy",
                                 page_incident (self) != NULL && !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "comms.send",
                                 page_incident (self) != NULL && page_context (self) != NULL && !empty &&
                                 self->flags->len == 0);
}

/* Selects the first thing left to fill in, so typing replaces it. */
void
_sitrep_comms_page_select_first_flag (SitrepCommsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *body = _sitrep_comms_page_dup_body_text (self);
  const char *first = NULL;
  const char *flag = NULL;
  GtkTextIter start, end;

  for (guint i = 0; i < self->flags->len; i++)
    {
      const char *at = strstr (body, self->flags->pdata[i]);

      if (at != NULL && (first == NULL || at < first))
        {
          first = at;
          flag = self->flags->pdata[i];
        }
    }

  if (first == NULL)
    {
      gtk_text_buffer_get_start_iter (buffer, &start);
      gtk_text_buffer_place_cursor (buffer, &start);
      return;
    }

  gtk_text_buffer_get_iter_at_offset (buffer, &start,
                                      (int) g_utf8_pointer_to_offset (body, first));
  gtk_text_buffer_get_iter_at_offset (buffer, &end,
                                      (int) g_utf8_pointer_to_offset (body, first + strlen (flag)));
  gtk_text_buffer_select_range (buffer, &start, &end);
}
