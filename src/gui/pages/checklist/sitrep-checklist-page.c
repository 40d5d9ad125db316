/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-checklist"

#include "config.h"

#include "sitrep-gui-util.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-checklist-page-private.h"
#include "sitrep-checklist-row.h"
#include "sitrep-enum-strings.h"
#include "sitrep-json.h"

/* The IC checklist of an incident by phase. Rows are kept by item id and
 * follow their task in place (SitrepChecklistRow), so that a tick from
 * someone else does not take the keyboard focus away from the row the
 * user is on. */

#define N_PHASES (SITREP_PHASE_MAJOR + 1)

typedef struct
{
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  AdwEntryRow         *add_row;
  GtkWidget           *add_button;
} PhaseGroup;

struct _SitrepChecklistPage
{
  SitrepIncidentPage parent_instance;

  GHashTable     *items;     /* id → SitrepChecklistRow, owned by its list */
  PhaseGroup      phases[N_PHASES];

  GtkWidget      *scroller;
  GtkBox         *groups_box;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (SitrepChecklistPage, sitrep_checklist_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepContext *
page_context (SitrepChecklistPage *self)
{
  return sitrep_incident_page_get_context (SITREP_INCIDENT_PAGE (self));
}

static SitrepIncident *
page_incident (SitrepChecklistPage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static SitrepWorkspace *
page_workspace (SitrepChecklistPage *self)
{
  return sitrep_incident_page_get_workspace (SITREP_INCIDENT_PAGE (self));
}

static void
on_done_toggled (SitrepChecklistRow  *row,
                 gboolean             done,
                 SitrepChecklistPage *self)
{
  SitrepRecordObject *task = SITREP_RECORD_OBJECT (sitrep_checklist_row_get_task (row));
  g_autoptr(GError) error = NULL;

  if (page_context (self) == NULL)
    return;

  if (!sitrep_workspace_set_checklist_done (page_workspace (self),
                                            sitrep_record_object_get_id (task), done, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      sitrep_checklist_row_show_task (row);
    }
}

static void
remove_row (SitrepChecklistPage *self,
            GtkWidget           *row)
{
  gtk_list_box_remove (GTK_LIST_BOX (gtk_widget_get_parent (row)), row);
}

static void
clear_items (SitrepChecklistPage *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_iter_remove (&iter);
      remove_row (self, value);
    }
}

/* The progress of each phase and of the whole checklist, counted from the
 * rows as they show their tasks. */
static void
update_progress (SitrepChecklistPage *self)
{
  guint done[N_PHASES] = { 0, };
  guint total[N_PHASES] = { 0, };
  guint all_done = 0, all_total = 0;
  g_autofree char *progress = NULL;
  GHashTableIter iter;
  gpointer value;

  if (page_incident (self) == NULL)
    return;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GtkWidget *list = gtk_widget_get_parent (value);

      for (SitrepPhase phase = SITREP_PHASE_INITIAL; phase < N_PHASES; phase++)
        if (list == GTK_WIDGET (self->phases[phase].list))
          {
            total[phase]++;
            if (sitrep_checklist_row_get_done (value))
              done[phase]++;
          }
    }

  for (SitrepPhase phase = SITREP_PHASE_INITIAL; phase < N_PHASES; phase++)
    {
      PhaseGroup *group = &self->phases[phase];
      gboolean shown = TRUE;
      g_autofree char *description = NULL;

      /* The protocol's items outlive standing it down, but are shown only
       * while it is on. */
      if (phase == SITREP_PHASE_MAJOR)
        shown = total[phase] > 0 && sitrep_incident_get_major (page_incident (self));

      gtk_widget_set_visible (GTK_WIDGET (group->group), shown);
      if (!shown)
        continue;

      /* Translators: progress of a checklist phase, "3 of 6 done" */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", total[phase]), done[phase], total[phase]);
      adw_preferences_group_set_description (group->group, description);
      all_done += done[phase];
      all_total += total[phase];
    }

  /* Translators: progress of the whole checklist, "12 of 21 done" */
  progress = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", all_total), all_done, all_total);
  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 all_total > 0 ? (double) all_done / all_total : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, progress, -1);
}

static void
sitrep_checklist_page_refresh (SitrepIncidentPage *page)
{
  SitrepChecklistPage *self = SITREP_CHECKLIST_PAGE (page);
  GListModel *records = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (page_incident (self) == NULL)
    return;

  records = sitrep_workspace_get_checklist (sitrep_incident_page_get_workspace (page));
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(SitrepRecordObject) record = g_list_model_get_item (records, i);
      const char *record_id = sitrep_record_object_get_id (record);
      JsonObject *body = sitrep_record_object_get_body (record);
      SitrepPhase phase = SITREP_PHASE_INITIAL;
      GtkWidget *row;

      sitrep_phase_from_string (sitrep_json_get_string (body, "phase"), &phase);
      row = g_hash_table_lookup (self->items, record_id);
      if (row != NULL && gtk_widget_get_parent (row) != GTK_WIDGET (self->phases[phase].list))
        {
          g_hash_table_remove (self->items, record_id);
          remove_row (self, row);
          row = NULL;
        }
      if (row == NULL)
        {
          row = sitrep_checklist_row_new (SITREP_CHECKLIST_TASK (record));
          g_signal_connect (row, "done-toggled", G_CALLBACK (on_done_toggled), self);
          g_signal_connect_swapped (row, "notify::done", G_CALLBACK (update_progress), self);
          g_hash_table_insert (self->items, g_strdup (record_id), row);
          gtk_list_box_append (self->phases[phase].list, row);
        }
      else
        sitrep_checklist_row_set_task (SITREP_CHECKLIST_ROW (row), SITREP_CHECKLIST_TASK (record));

      g_hash_table_add (seen, g_strdup (record_id));
    }

  /* Items deleted meanwhile (an IC's own item taken back). */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (!g_hash_table_contains (seen, key))
        {
          g_hash_table_iter_remove (&iter);
          remove_row (self, value);
        }
    }

  update_progress (self);
}

static void
add_item (SitrepChecklistPage *self,
          SitrepPhase          phase)
{
  AdwEntryRow *row = self->phases[phase].add_row;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (page_incident (self) == NULL || page_context (self) == NULL)
    return;

  id = sitrep_workspace_add_checklist_item (page_workspace (self), phase,
                                          gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  if (id == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (row));
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* The focus stays here, ready for the next item. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

/* The phase whose "add an item" row or button @widget is. */
static SitrepPhase
phase_of (SitrepChecklistPage *self,
          gpointer             widget)
{
  for (SitrepPhase phase = SITREP_PHASE_INITIAL; phase < N_PHASES; phase++)
    if (widget == (gpointer) self->phases[phase].add_row
        || widget == (gpointer) self->phases[phase].add_button)
      return phase;

  g_return_val_if_reached (SITREP_PHASE_INITIAL);
}

static void
on_add_activated (AdwEntryRow         *row,
                  SitrepChecklistPage *self)
{
  add_item (self, phase_of (self, row));
}

static void
on_add_clicked (GtkButton           *button,
                SitrepChecklistPage *self)
{
  add_item (self, phase_of (self, button));
}

static int
sort_rows (GtkListBoxRow *a,
           GtkListBoxRow *b,
           gpointer       user_data)
{
  SitrepChecklistRow *ia = SITREP_IS_CHECKLIST_ROW (a) ? SITREP_CHECKLIST_ROW (a) : NULL;
  SitrepChecklistRow *ib = SITREP_IS_CHECKLIST_ROW (b) ? SITREP_CHECKLIST_ROW (b) : NULL;
  gint64 pa, pb;

  /* The "add an item" row stays last. */
  if (ia == NULL || ib == NULL)
    return (ia == NULL) - (ib == NULL);
  pa = sitrep_checklist_row_get_position (ia);
  pb = sitrep_checklist_row_get_position (ib);
  if (pa != pb)
    return pa < pb ? -1 : 1;
  return g_strcmp0 (sitrep_record_object_get_id (SITREP_RECORD_OBJECT (sitrep_checklist_row_get_task (ia))),
                    sitrep_record_object_get_id (SITREP_RECORD_OBJECT (sitrep_checklist_row_get_task (ib))));
}

static void
build_groups (SitrepChecklistPage *self)
{
  for (SitrepPhase phase = SITREP_PHASE_INITIAL; phase < N_PHASES; phase++)
    {
      PhaseGroup *group = &self->phases[phase];
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *add_row = adw_entry_row_new ();
      GtkWidget *add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
      const char *label = sitrep_phase_get_label (phase);
      /* Translators: %s is a phase, e.g. "Add the item to Resolution Phase" */
      g_autofree char *add_tip = g_strdup_printf (_("Add the item to %s"), label);

      group->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      adw_preferences_group_set_title (group->group, label);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_list_box_set_sort_func (GTK_LIST_BOX (list), sort_rows, NULL, NULL);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row),
                                     _("Add an item to this phase"));
      g_signal_connect (add_row, "entry-activated", G_CALLBACK (on_add_activated), self);

      gtk_widget_set_valign (add_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (add_button, "flat");
      gtk_widget_set_tooltip_text (add_button, add_tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, add_tip, -1);
      g_signal_connect (add_button, "clicked", G_CALLBACK (on_add_clicked), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (add_row), add_button);

      gtk_list_box_append (GTK_LIST_BOX (list), add_row);
      adw_preferences_group_add (group->group, list);
      gtk_widget_set_visible (GTK_WIDGET (group->group), phase != SITREP_PHASE_MAJOR);
      gtk_box_append (self->groups_box, GTK_WIDGET (group->group));

      group->list = GTK_LIST_BOX (list);
      group->add_row = ADW_ENTRY_ROW (add_row);
      group->add_button = add_button;
    }
}

static void
sitrep_checklist_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepChecklistPage *self = SITREP_CHECKLIST_PAGE (page);

  clear_items (self);
  for (SitrepPhase phase = SITREP_PHASE_INITIAL; phase < N_PHASES; phase++)
    gtk_editable_set_text (GTK_EDITABLE (self->phases[phase].add_row), "");

  sitrep_checklist_page_refresh (page);
}

static gboolean
sitrep_checklist_page_wants_change (SitrepIncidentPage *page,
                                    const char         *coll)
{
  return g_str_equal (coll, "checklist") || g_str_equal (coll, "incidents");
}

static void
sitrep_checklist_page_dispose (GObject *object)
{
  SitrepChecklistPage *self = SITREP_CHECKLIST_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_CHECKLIST_PAGE);

  G_OBJECT_CLASS (sitrep_checklist_page_parent_class)->dispose (object);
}

static void
sitrep_checklist_page_finalize (GObject *object)
{
  SitrepChecklistPage *self = SITREP_CHECKLIST_PAGE (object);

  g_clear_pointer (&self->items, g_hash_table_unref);

  G_OBJECT_CLASS (sitrep_checklist_page_parent_class)->finalize (object);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_checklist_page_build (SitrepIncidentPage *page)
{
  SitrepChecklistPage *self = SITREP_CHECKLIST_PAGE (page);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  build_groups (self);
}

static void
sitrep_checklist_page_class_init (SitrepChecklistPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_checklist_page_dispose;
  object_class->finalize = sitrep_checklist_page_finalize;
  page_class->build = sitrep_checklist_page_build;
  page_class->incident_changed = sitrep_checklist_page_incident_changed;
  page_class->refresh = sitrep_checklist_page_refresh;
  page_class->wants_change = sitrep_checklist_page_wants_change;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-checklist-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepChecklistPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepChecklistPage, groups_box);
  gtk_widget_class_bind_template_child (widget_class, SitrepChecklistPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SitrepChecklistPage, progress_bar);
}

static void
sitrep_checklist_page_init (SitrepChecklistPage *self)
{
}

/**
 * sitrep_checklist_page_new:
 *
 * Returns: (transfer floating): a new checklist page; give it a context
 *   and an incident (#SitrepIncidentPage)
 */
GtkWidget *
sitrep_checklist_page_new (void)
{
  return g_object_new (SITREP_TYPE_CHECKLIST_PAGE, NULL);
}

AdwPreferencesGroup *
_sitrep_checklist_page_get_group (SitrepChecklistPage *self,
                                  SitrepPhase          phase)
{
  return self->phases[phase].group;
}

GtkListBox *
_sitrep_checklist_page_get_list (SitrepChecklistPage *self,
                                 SitrepPhase          phase)
{
  return self->phases[phase].list;
}

AdwEntryRow *
_sitrep_checklist_page_get_add_row (SitrepChecklistPage *self,
                                    SitrepPhase          phase)
{
  return self->phases[phase].add_row;
}

AdwActionRow *
_sitrep_checklist_page_get_item_row (SitrepChecklistPage *self,
                                     const char          *item_id)
{
  gpointer row = g_hash_table_lookup (self->items, item_id);

  return row ? ADW_ACTION_ROW (row) : NULL;
}

GtkCheckButton *
_sitrep_checklist_page_get_item_check (SitrepChecklistPage *self,
                                       const char          *item_id)
{
  gpointer row = g_hash_table_lookup (self->items, item_id);

  return row ? sitrep_checklist_row_get_check (SITREP_CHECKLIST_ROW (row)) : NULL;
}

GtkLabel *
_sitrep_checklist_page_get_progress_label (SitrepChecklistPage *self)
{
  return self->progress_label;
}
