/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-postmortem"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-postmortem-page-private.h"

/* The sections people write: each saves itself a moment after the typing
 * stops, when it loses the focus, and before anything leaves the page (an
 * export, another incident, the window closing), so nothing typed is lost.
 * A change someone else made arrives live in a section nobody is typing
 * in; over unsaved text it is not shown but announced, and the save that
 * follows is checked against what the editor started from, so the server
 * refuses it as a conflict and both texts are offered (the conflict
 * dialog), as for a timeline entry. */

#define SAVE_DELAY_MS 1000
#define DEFAULT_WHYS 5

static const struct {
  const char  *field;
  SectionKind  kind;
} section_specs[SITREP_PM_N_SECTIONS] = {
  [SITREP_PM_SUMMARY] = { "summary", SECTION_LINE },
  [SITREP_PM_ROOT_CAUSE] = { "root_cause", SECTION_TEXT },
  [SITREP_PM_WHYS_PROBLEM] = { "five_whys_problem", SECTION_LINE },
  [SITREP_PM_WHYS] = { "five_whys", SECTION_WHYS },
  [SITREP_PM_WHYS_ROOT_CAUSE] = { "five_whys_root_cause", SECTION_LINE },
  [SITREP_PM_FACTORS] = { "contributing_factors", SECTION_LIST },
  [SITREP_PM_WENT_WELL] = { "went_well", SECTION_LIST },
  [SITREP_PM_WENT_POORLY] = { "went_poorly", SECTION_LIST },
  [SITREP_PM_LESSONS] = { "lessons", SECTION_TEXT },
};

static char *
text_of (Section *s)
{
  if (s->kind == SECTION_LINE)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (s->widget)));

  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (s->widget));
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  }
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text != NULL ? text : "");
  return node;
}

static JsonNode *
why_row_node (AdwEntryRow *row,
              const char  *question)
{
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (o, "question", question);
  json_object_set_string_member (o, "answer", gtk_editable_get_text (GTK_EDITABLE (row)));
  json_node_take_object (node, o);
  return node;
}

/* What the editor holds, as the record would store it. */
static JsonNode *
section_value (Section *s)
{
  g_autofree char *text = NULL;

  if (s->kind == SECTION_WHYS)
    {
      JsonArray *array = json_array_new ();
      JsonNode *node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *opened = s->opened != NULL && JSON_NODE_HOLDS_ARRAY (s->opened)
                          ? json_node_get_array (s->opened) : NULL;

      for (guint i = 0; i < s->page->why_rows->len; i++)
        {
          const char *question = NULL;

          /* A question worded otherwise by whoever wrote it stays so. */
          if (opened != NULL && i < json_array_get_length (opened) &&
              JSON_NODE_HOLDS_OBJECT (json_array_get_element (opened, i)))
            question = sitrep_json_get_string (json_array_get_object_element (opened, i),
                                               "question");
          json_array_add_element (array, why_row_node (s->page->why_rows->pdata[i],
                                                       question != NULL && question[0] != '\0'
                                                       ? question : _("Why?")));
        }
      json_node_take_array (node, array);
      return node;
    }

  text = text_of (s);
  if (s->kind == SECTION_LIST)
    return sitrep_postmortem_section_from_text (s->field, text);
  return string_node (text);
}

static char *
node_key (JsonNode *node)
{
  return node != NULL ? json_to_string (node, FALSE) : g_strdup ("null");
}

static char *
section_key (Section *s)
{
  g_autoptr(JsonNode) node = section_value (s);

  return node_key (node);
}

/* The record's value for a section, as its editor would hold it: a
 * missing text is "", a missing list [], missing whys five empty ones. */
static JsonNode *
record_value (Section                *s,
              SitrepPostmortemRecord *postmortem)
{
  JsonObject *body = sitrep_record_object_get_body (SITREP_RECORD_OBJECT (postmortem));
  JsonNode *member = body != NULL ? json_object_get_member (body, s->field) : NULL;

  switch (s->kind)
    {
    case SECTION_TEXT:
    case SECTION_LINE:
      return string_node (sitrep_json_get_string (body, s->field));

    case SECTION_LIST:
      {
        g_autofree char *text = sitrep_postmortem_dup_section_text (body, s->field);

        return sitrep_postmortem_section_from_text (s->field, text);
      }

    case SECTION_WHYS:
    default:
      if (member != NULL && JSON_NODE_HOLDS_ARRAY (member) &&
          json_array_get_length (json_node_get_array (member)) > 0)
        return json_node_copy (member);
      else
        {
          JsonArray *array = json_array_new ();
          JsonNode *node = json_node_new (JSON_NODE_ARRAY);

          for (guint i = 0; i < DEFAULT_WHYS; i++)
            {
              JsonObject *o = json_object_new ();

              json_object_set_string_member (o, "question", _("Why?"));
              json_object_set_string_member (o, "answer", "");
              json_array_add_object_element (array, o);
            }
          json_node_take_array (node, array);
          return node;
        }
    }
}

static void section_changed (Section *s);
static void remove_why_clicked (GtkButton *button, AdwEntryRow *row);

static void
number_why_rows (SitrepPostmortemPage *self)
{
  for (guint i = 0; i < self->why_rows->len; i++)
    {
      /* Translators: a row of the Five Whys, e.g. "Why? (2)" */
      g_autofree char *title = g_strdup_printf (_("Why? (%u)"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->why_rows->pdata[i]), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->why_rows->pdata[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

static void
why_text_changed (SitrepPostmortemPage *self)
{
  section_changed (&self->sections[SITREP_PM_WHYS]);
}

static void section_focus_left (GtkEventControllerFocus *controller, Section *s);

static AdwEntryRow *
add_why_row (SitrepPostmortemPage *self)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove this why"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this why"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_why_clicked), row, 0);
  g_signal_connect_object (row, "changed", G_CALLBACK (why_text_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (focus, "leave", G_CALLBACK (section_focus_left),
                    &self->sections[SITREP_PM_WHYS]);
  gtk_widget_add_controller (row, focus);

  /* After the problem and the whys before it; the root cause stays last. */
  gtk_list_box_insert (self->whys_list, row, (int) self->why_rows->len + 1);
  g_ptr_array_add (self->why_rows, row);
  number_why_rows (self);
  return ADW_ENTRY_ROW (row);
}

static void
set_why_rows (SitrepPostmortemPage *self,
              JsonArray            *rows)
{
  guint n = json_array_get_length (rows);

  while (self->why_rows->len > n)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->why_rows, self->why_rows->len - 1);

      gtk_list_box_remove (self->whys_list, row);
    }
  while (self->why_rows->len < n)
    add_why_row (self);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (rows, i);
      const char *answer = JSON_NODE_HOLDS_OBJECT (element)
                           ? sitrep_json_get_string (json_node_get_object (element), "answer")
                           : NULL;

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->why_rows->pdata[i])),
                     answer != NULL ? answer : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->why_rows->pdata[i]),
                               answer != NULL ? answer : "");
    }
}

/* Shows @value in the editor, touching only what differs, so a cursor
 * in a line nobody else changed stays where it is. */
static void
section_show (Section  *s,
              JsonNode *value)
{
  s->loading = TRUE;
  if (s->kind == SECTION_WHYS)
    set_why_rows (s->page, json_node_get_array (value));
  else
    {
      g_autofree char *current = text_of (s);
      g_autofree char *text = NULL;

      if (s->kind == SECTION_LIST)
        {
          g_autoptr(JsonObject) holder = json_object_new ();

          json_object_set_member (holder, s->field, json_node_copy (value));
          text = sitrep_postmortem_dup_section_text (holder, s->field);
        }
      else
        text = g_strdup (json_node_get_string (value));

      if (g_strcmp0 (current, text) != 0)
        {
          if (s->kind == SECTION_LINE)
            gtk_editable_set_text (GTK_EDITABLE (s->widget), text);
          else
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (s->widget)),
                                      text, -1);
        }
    }
  s->loading = FALSE;
}

static void
set_notice (Section  *s,
            gboolean  shown)
{
  if (s->notice != NULL)
    gtk_widget_set_visible (s->notice, shown);
}

/* Follows the record: @reset for another incident, whose text replaces
 * whatever the editors hold. */
static void
section_load (Section                *s,
              SitrepPostmortemRecord *postmortem,
              gboolean                reset)
{
  g_autoptr(JsonNode) value = record_value (s, postmortem);
  g_autofree char *current = NULL;
  g_autofree char *value_key = node_key (value);

  current = section_key (s);
  if (!reset && g_strcmp0 (current, s->saved_key) != 0)
    {
      /* Unsaved text: kept, and the change underneath announced. */
      g_autofree char *opened_key = node_key (s->opened);

      set_notice (s, g_strcmp0 (value_key, opened_key) != 0 && g_strcmp0 (value_key, current) != 0);
      return;
    }

  if (g_strcmp0 (current, value_key) != 0)
    section_show (s, value);

  g_free (s->saved_key);
  s->saved_key = section_key (s);
  g_clear_pointer (&s->opened, json_node_unref);
  s->opened = json_node_ref (value);
  s->opened_version = sitrep_record_object_get_version (SITREP_RECORD_OBJECT (postmortem));
  set_notice (s, FALSE);
}

static gboolean
section_save (Section *s)
{
  SitrepPostmortemPage *self = s->page;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonObject) opened = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&s->save_id, g_source_remove);
  if (self->workspace == NULL)
    return TRUE;

  key = section_key (s);
  if (g_strcmp0 (key, s->saved_key) == 0)
    return TRUE;

  fields = json_object_new ();
  json_object_set_member (fields, s->field, section_value (s));
  opened = json_object_new ();
  json_object_set_member (opened, s->field,
                          s->opened != NULL ? json_node_copy (s->opened) : json_node_new (JSON_NODE_NULL));

  if (!sitrep_workspace_edit_postmortem (self->workspace, fields, opened, s->opened_version,
                                         &error))
    {
      /* Kept in the editor, and tried again at the next change. */
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  g_free (s->saved_key);
  s->saved_key = g_steal_pointer (&key);
  /* What the record holds now, as far as this editor knows. */
  g_clear_pointer (&s->opened, json_node_unref);
  s->opened = json_node_ref (json_object_get_member (fields, s->field));
  set_notice (s, FALSE);
  return TRUE;
}

static gboolean
save_timeout (gpointer data)
{
  Section *s = data;

  s->save_id = 0;
  section_save (s);
  return G_SOURCE_REMOVE;
}

static void
section_changed (Section *s)
{
  if (s->loading || s->page->workspace == NULL)
    return;

  g_clear_handle_id (&s->save_id, g_source_remove);
  s->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, s);
  g_source_set_name_by_id (s->save_id, "[sitrep] postmortem save");
}

static void
section_focus_left (GtkEventControllerFocus *controller,
                    Section                 *s)
{
  /* Focus also leaves as the window goes away, when the page's unmap has
   * saved already. */
  if (gtk_widget_get_mapped (GTK_WIDGET (s->page)))
    section_save (s);
}

static void
remove_why_clicked (GtkButton   *button,
                    AdwEntryRow *row)
{
  SitrepPostmortemPage *self =
    SITREP_POSTMORTEM_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row), SITREP_TYPE_POSTMORTEM_PAGE));
  guint index;

  if (self == NULL || !g_ptr_array_find (self->why_rows, row, &index))
    return;

  g_ptr_array_remove_index (self->why_rows, index);
  gtk_list_box_remove (self->whys_list, GTK_WIDGET (row));
  number_why_rows (self);
  section_save (&self->sections[SITREP_PM_WHYS]);
}

/**
 * _sitrep_postmortem_page_add_why:
 *
 * Asks why once more: a new empty row at the end of the chain, focused.
 */
void
_sitrep_postmortem_page_add_why (SitrepPostmortemPage *self)
{
  AdwEntryRow *row = add_why_row (self);

  section_save (&self->sections[SITREP_PM_WHYS]);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
watch (Section   *s,
       GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  s->widget = widget;
  if (s->kind == SECTION_LINE)
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (section_changed), s);
  else
    g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                              G_CALLBACK (section_changed), s);
  g_signal_connect (focus, "leave", G_CALLBACK (section_focus_left), s);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
add_notice (AdwPreferencesGroup *group)
{
  GtkWidget *label = gtk_label_new (_("Someone else changed this section while you were "
                                      "writing. Your text stays here; when it is saved you "
                                      "will be asked which to keep."));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "warning");
  gtk_widget_set_visible (label, FALSE);
  adw_preferences_group_add (group, label);
  return label;
}

/**
 * _sitrep_postmortem_page_init_sections:
 *
 * Connects the editors of the template to their sections.
 */
void
_sitrep_postmortem_page_init_sections (SitrepPostmortemPage *self)
{
  self->why_rows = g_ptr_array_new ();

  for (guint i = 0; i < SITREP_PM_N_SECTIONS; i++)
    {
      self->sections[i].page = self;
      self->sections[i].field = section_specs[i].field;
      self->sections[i].kind = section_specs[i].kind;
    }

  watch (&self->sections[SITREP_PM_SUMMARY], GTK_WIDGET (self->summary_row));
  watch (&self->sections[SITREP_PM_ROOT_CAUSE], GTK_WIDGET (self->root_cause_view));
  watch (&self->sections[SITREP_PM_WHYS_PROBLEM], GTK_WIDGET (self->problem_row));
  watch (&self->sections[SITREP_PM_WHYS_ROOT_CAUSE], GTK_WIDGET (self->root_row));
  watch (&self->sections[SITREP_PM_FACTORS], GTK_WIDGET (self->factors_view));
  watch (&self->sections[SITREP_PM_WENT_WELL], GTK_WIDGET (self->went_well_view));
  watch (&self->sections[SITREP_PM_WENT_POORLY], GTK_WIDGET (self->went_poorly_view));
  watch (&self->sections[SITREP_PM_LESSONS], GTK_WIDGET (self->lessons_view));

  self->sections[SITREP_PM_ROOT_CAUSE].notice = add_notice (self->root_cause_group);
  self->sections[SITREP_PM_FACTORS].notice = add_notice (self->factors_group);
  self->sections[SITREP_PM_WENT_WELL].notice = add_notice (self->went_well_group);
  self->sections[SITREP_PM_WENT_POORLY].notice = add_notice (self->went_poorly_group);
  self->sections[SITREP_PM_LESSONS].notice = add_notice (self->lessons_group);
}

/**
 * _sitrep_postmortem_page_clear_sections:
 *
 * Forgets what the sections matched; called on dispose, after the saves.
 */
void
_sitrep_postmortem_page_clear_sections (SitrepPostmortemPage *self)
{
  for (guint i = 0; i < SITREP_PM_N_SECTIONS; i++)
    {
      g_clear_handle_id (&self->sections[i].save_id, g_source_remove);
      g_clear_pointer (&self->sections[i].saved_key, g_free);
      g_clear_pointer (&self->sections[i].opened, json_node_unref);
    }
  g_clear_pointer (&self->why_rows, g_ptr_array_unref);
}

/**
 * _sitrep_postmortem_page_load_sections:
 * @reset: whether another incident is shown: the editors take its text
 *
 * Shows the workspace's postmortem in the editors.
 */
void
_sitrep_postmortem_page_load_sections (SitrepPostmortemPage *self,
                                       gboolean              reset)
{
  SitrepPostmortemRecord *postmortem = sitrep_workspace_get_postmortem (self->workspace);

  for (guint i = 0; i < SITREP_PM_N_SECTIONS; i++)
    section_load (&self->sections[i], postmortem, reset);
}

/**
 * _sitrep_postmortem_page_save_now:
 *
 * Saves every section whose editor holds unsaved text.
 */
void
_sitrep_postmortem_page_save_now (SitrepPostmortemPage *self)
{
  g_return_if_fail (SITREP_IS_POSTMORTEM_PAGE (self));

  for (guint i = 0; i < SITREP_PM_N_SECTIONS; i++)
    section_save (&self->sections[i]);
}

GtkWidget *
_sitrep_postmortem_page_get_editor (SitrepPostmortemPage *self,
                                    SitrepPmSection       section)
{
  return self->sections[section].widget;
}

GPtrArray *
_sitrep_postmortem_page_get_why_rows (SitrepPostmortemPage *self)
{
  return self->why_rows;
}

GtkWidget *
_sitrep_postmortem_page_get_notice (SitrepPostmortemPage *self,
                                    SitrepPmSection       section)
{
  return self->sections[section].notice;
}
