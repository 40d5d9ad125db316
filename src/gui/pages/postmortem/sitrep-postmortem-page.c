/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-postmortem"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-action-items-group.h"
#include "sitrep-gui-util.h"
#include "sitrep-json.h"
#include "sitrep-postmortem.h"
#include "sitrep-postmortem-page-private.h"
#include "sitrep-resources.h"
#include "sitrep-time.h"

/* The blameless postmortem of an incident, in the guide's template: the
 * Incident Summary and the Timeline read from the incident as it goes on,
 * the sections people write (sitrep-postmortem-page-sections.c), and the
 * export as Markdown, copied or saved, exactly as `sitrep export
 * postmortem` prints it. */

G_DEFINE_FINAL_TYPE (SitrepPostmortemPage, sitrep_postmortem_page, SITREP_TYPE_INCIDENT_PAGE)

static SitrepIncident *
page_incident (SitrepPostmortemPage *self)
{
  return sitrep_incident_page_get_incident (SITREP_INCIDENT_PAGE (self));
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value != NULL ? value : _("Unknown"));
}

static void
update_summary (SitrepPostmortemPage *self)
{
  SitrepIncident *incident = page_incident (self);
  g_autoptr(SitrepPostmortemSummary) summary = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *heading = NULL;

  if (incident == NULL)
    return;

  summary = sitrep_postmortem_summary_new (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (incident)));
  set_row_value (self->date_row, summary->date);
  set_row_value (self->duration_row, summary->duration);
  set_row_value (self->severity_row, summary->severity);
  set_row_value (self->services_row, summary->services);
  set_row_value (self->impact_row, summary->customer_impact);

  ref = sitrep_incident_dup_display_ref (incident);
  /* Translators: the page's heading, e.g. "Postmortem of INC-2026-014" */
  heading = g_strdup_printf (_("Postmortem of %s"), ref);
  gtk_label_set_label (self->heading_label, heading);
}

static void
update_timeline_state (SitrepPostmortemPage *self)
{
  gtk_widget_set_visible (self->timeline_empty_label,
                          self->timeline_model == NULL ||
                          g_list_model_get_n_items (G_LIST_MODEL (self->timeline_model)) == 0);
}

static void
update_switch (SitrepPostmortemPage *self)
{
  SitrepPostmortemRecord *postmortem = sitrep_workspace_get_postmortem (self->workspace);
  gboolean pinned_only = sitrep_postmortem_record_get_pinned_only (postmortem);

  if (gtk_switch_get_active (self->pinned_switch) != pinned_only)
    {
      self->loading_switch = TRUE;
      gtk_switch_set_active (self->pinned_switch, pinned_only);
      self->loading_switch = FALSE;
      gtk_filter_changed (self->pinned_filter, pinned_only ? GTK_FILTER_CHANGE_MORE_STRICT
                                                           : GTK_FILTER_CHANGE_LESS_STRICT);
    }
}

static gboolean
keep_entry (gpointer item,
            gpointer data)
{
  SitrepPostmortemPage *self = data;

  return !gtk_switch_get_active (self->pinned_switch) ||
         sitrep_timeline_entry_get_pinned (SITREP_TIMELINE_ENTRY (item));
}

static void
pinned_switch_changed (SitrepPostmortemPage *self)
{
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (self->pinned_switch);

  gtk_filter_changed (self->pinned_filter, active ? GTK_FILTER_CHANGE_MORE_STRICT
                                                  : GTK_FILTER_CHANGE_LESS_STRICT);
  if (self->loading_switch || self->workspace == NULL)
    return;

  fields = json_object_new ();
  json_object_set_boolean_member (fields, "timeline_pinned_only", active);
  if (!sitrep_workspace_edit_postmortem (self->workspace, fields, NULL, 0, &error))
    sitrep_widget_show_error (GTK_WIDGET (self), error);
}

/* "14:32", or with the date for an entry on another day than the
 * incident's start, as the export writes it. */
static char *
format_entry_time (gpointer   item,
                   GDateTime *occurred_at,
                   gpointer   data)
{
  SitrepPostmortemPage *self = data;
  SitrepIncident *incident = page_incident (self);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *day = NULL;
  g_autofree char *entry_day = NULL;

  if (occurred_at == NULL)
    return g_strdup ("");

  utc = g_date_time_to_utc (occurred_at);
  if (incident != NULL)
    start = sitrep_postmortem_dup_start (sitrep_record_object_get_body (SITREP_RECORD_OBJECT (incident)));
  day = start != NULL ? g_date_time_format (start, "%Y-%m-%d") : NULL;
  entry_day = g_date_time_format (utc, "%Y-%m-%d");
  return g_date_time_format (utc, day == NULL || g_str_equal (day, entry_day)
                                  ? "%H:%M"
                                  /* Translators: a date and time, "2026-12-03 14:32"
                                   * (g_date_time_format() notation) */
                                  : _("%Y-%m-%d %H:%M"));
}

static void
setup_cell (SitrepPostmortemPage *self,
            GtkListItem          *item,
            gboolean              is_time)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *entry = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  GtkExpression *expression;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  if (is_time)
    {
      GtkExpression *when = gtk_property_expression_new (SITREP_TYPE_TIMELINE_ENTRY, entry,
                                                         "occurred-at");

      gtk_widget_add_css_class (label, "numeric");
      expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &when,
                                                G_CALLBACK (format_entry_time), self, NULL);
    }
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      expression = gtk_property_expression_new (SITREP_TYPE_TIMELINE_ENTRY, entry, "text");
    }

  /* Follows the entry as it is edited, pinned or moved. */
  gtk_expression_bind (expression, label, "label", item);
  gtk_list_item_set_child (item, label);
}

static void
setup_time_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SitrepPostmortemPage     *self)
{
  setup_cell (self, item, TRUE);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 SitrepPostmortemPage     *self)
{
  setup_cell (self, item, FALSE);
}

static void
add_column (SitrepPostmortemPage *self,
            const char           *title,
            gboolean              is_time)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", is_time ? G_CALLBACK (setup_time_cell)
                                              : G_CALLBACK (setup_text_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, !is_time);
  if (is_time)
    gtk_column_view_column_set_fixed_width (column, 150);
  gtk_column_view_append_column (self->timeline_view, column);
  g_object_unref (column);
}

/* Everything typed goes to the incident it was typed for. */
static void
save_pending (SitrepPostmortemPage *self)
{
  if (self->workspace != NULL && self->why_rows != NULL)
    _sitrep_postmortem_page_save_now (self);
}

static void
sitrep_postmortem_page_incident_changed (SitrepIncidentPage *page)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (page);
  SitrepWorkspace *workspace = sitrep_incident_page_get_workspace (page);

  save_pending (self);
  g_set_object (&self->workspace, workspace);

  /* The guide's Action Items section: the incident's items, added and
   * edited here as everywhere else. */
  if (self->action_items == NULL && sitrep_incident_page_get_context (page) != NULL)
    {
      self->action_items = sitrep_action_items_group_new (sitrep_incident_page_get_context (page));
      gtk_box_append (GTK_BOX (self->action_items_slot), self->action_items);
    }
  if (self->action_items != NULL)
    sitrep_action_items_group_set_workspace (SITREP_ACTION_ITEMS_GROUP (self->action_items),
                                             workspace);

  gtk_filter_list_model_set_model (self->timeline_model,
                                   workspace != NULL ? sitrep_workspace_get_timeline (workspace)
                                                     : NULL);
  if (workspace == NULL)
    return;

  update_summary (self);
  update_switch (self);
  _sitrep_postmortem_page_load_sections (self, TRUE);
  update_timeline_state (self);
}

static void
sitrep_postmortem_page_refresh (SitrepIncidentPage *page)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (page);

  if (self->workspace == NULL)
    return;

  update_summary (self);
  update_switch (self);
  /* An entry pinned or unpinned stays in the list model. */
  gtk_filter_changed (self->pinned_filter, GTK_FILTER_CHANGE_DIFFERENT);
  _sitrep_postmortem_page_load_sections (self, FALSE);
  update_timeline_state (self);
}

static gboolean
sitrep_postmortem_page_wants_change (SitrepIncidentPage *page,
                                     const char         *coll)
{
  return g_str_equal (coll, "incidents") || g_str_equal (coll, "postmortems") ||
         g_str_equal (coll, "timeline") || g_str_equal (coll, "action_items");
}

static char *
dup_markdown (SitrepPostmortemPage *self)
{
  save_pending (self);
  return self->workspace != NULL ? sitrep_workspace_dup_postmortem_markdown (self->workspace)
                                 : NULL;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (widget);
  g_autofree char *markdown = dup_markdown (self);

  if (markdown == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), markdown);
  sitrep_widget_show_toast (widget, adw_toast_new (_("Postmortem copied as Markdown")));
}

static void
chooser_response (GtkNativeDialog      *chooser,
                  int                   response,
                  SitrepPostmortemPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (markdown = dup_markdown (self)) == NULL)
    return;

  if (!g_file_replace_contents (file, markdown, strlen (markdown), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      sitrep_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: a toast, e.g. "Saved postmortem-INC-2026-014.md" */
  message = g_strdup_printf (_("Saved %s"), name);
  sitrep_widget_show_toast (GTK_WIDGET (self), adw_toast_new (message));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *ref = NULL;
  g_autofree char *name = NULL;

  if (page_incident (self) == NULL || self->chooser != NULL)
    return;

  ref = sitrep_incident_dup_display_ref (page_incident (self));
  name = g_strdup_printf ("postmortem-%s.md", ref);
  self->chooser = gtk_file_chooser_native_new (_("Save the Postmortem"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_set_name (filter, _("Markdown"));
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_why_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (widget);

  if (self->workspace != NULL)
    _sitrep_postmortem_page_add_why (self);
}

static void
sitrep_postmortem_page_unmap (GtkWidget *widget)
{
  /* Another page, or the window closing: what is typed is kept. */
  save_pending (SITREP_POSTMORTEM_PAGE (widget));
  GTK_WIDGET_CLASS (sitrep_postmortem_page_parent_class)->unmap (widget);
}

static void
sitrep_postmortem_page_dispose (GObject *object)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (object);

  save_pending (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->timeline_model != NULL)
    gtk_filter_list_model_set_model (self->timeline_model, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_POSTMORTEM_PAGE);
  _sitrep_postmortem_page_clear_sections (self);
  g_clear_object (&self->timeline_model);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (sitrep_postmortem_page_parent_class)->dispose (object);
}

/* The page's keys work as soon as it is shown (Alt+6 leaves the focus in
 * the view switcher), and only while it is: the window's shortcut manager
 * runs them for the page while it is mapped. */
static void
add_shortcut (GtkEventController *controller,
              GtkShortcutTrigger *trigger,
              const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, gtk_named_action_new (action)));
}

static void
add_shortcuts (SitrepPostmortemPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (controller, gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                "postmortem.copy");
  add_shortcut (controller, gtk_keyval_trigger_new (GDK_KEY_s, GDK_CONTROL_MASK),
                "postmortem.save");
  add_shortcut (controller, gtk_keyval_trigger_new (GDK_KEY_y, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                "postmortem.add-why");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The page's widgets, made when it is first shown (see
 * SitrepIncidentPageClass.build). */
static void
sitrep_postmortem_page_build (SitrepIncidentPage *page)
{
  SitrepPostmortemPage *self = SITREP_POSTMORTEM_PAGE (page);
  GtkCustomFilter *filter;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  filter = gtk_custom_filter_new (keep_entry, self, NULL);
  self->pinned_filter = GTK_FILTER (filter);
  self->timeline_model = gtk_filter_list_model_new (NULL, GTK_FILTER (filter));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->timeline_model)));
  gtk_column_view_set_model (self->timeline_view, GTK_SELECTION_MODEL (selection));
  /* The guide's column names. */
  add_column (self, _("Time (UTC)"), TRUE);
  add_column (self, _("Event"), FALSE);
  g_signal_connect_object (self->timeline_model, "items-changed",
                           G_CALLBACK (update_timeline_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pinned_switch, "notify::active",
                           G_CALLBACK (pinned_switch_changed), self, G_CONNECT_SWAPPED);

  _sitrep_postmortem_page_init_sections (self);
  add_shortcuts (self);
  update_timeline_state (self);
}

static void
sitrep_postmortem_page_class_init (SitrepPostmortemPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SitrepIncidentPageClass *page_class = SITREP_INCIDENT_PAGE_CLASS (klass);

  object_class->dispose = sitrep_postmortem_page_dispose;
  widget_class->unmap = sitrep_postmortem_page_unmap;
  page_class->build = sitrep_postmortem_page_build;
  page_class->incident_changed = sitrep_postmortem_page_incident_changed;
  page_class->refresh = sitrep_postmortem_page_refresh;
  page_class->wants_change = sitrep_postmortem_page_wants_change;

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-postmortem-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, SitrepPostmortemPage, name)
  CHILD (scroller);
  CHILD (heading_label);
  CHILD (summary_row);
  CHILD (date_row);
  CHILD (duration_row);
  CHILD (severity_row);
  CHILD (services_row);
  CHILD (impact_row);
  CHILD (pinned_switch);
  CHILD (timeline_view);
  CHILD (timeline_empty_label);
  CHILD (blameless_box);
  CHILD (root_cause_group);
  CHILD (root_cause_view);
  CHILD (whys_list);
  CHILD (problem_row);
  CHILD (root_row);
  CHILD (factors_group);
  CHILD (factors_view);
  CHILD (went_well_group);
  CHILD (went_well_view);
  CHILD (went_poorly_group);
  CHILD (went_poorly_view);
  CHILD (action_items_slot);
  CHILD (lessons_group);
  CHILD (lessons_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "postmortem.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "postmortem.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "postmortem.add-why", NULL, add_why_action);
}


static void
sitrep_postmortem_page_init (SitrepPostmortemPage *self)
{
}

/**
 * sitrep_postmortem_page_new:
 *
 * Returns: (transfer floating): a new postmortem page; give it a context
 *   and an incident
 */
GtkWidget *
sitrep_postmortem_page_new (void)
{
  return g_object_new (SITREP_TYPE_POSTMORTEM_PAGE, NULL);
}

/**
 * sitrep_postmortem_page_get_action_items_slot:
 *
 * Returns: (transfer none): the box, between What Went Poorly and Lessons
 *   Learned as in the guide's template, that holds the incident's action
 *   items
 */
GtkWidget *
sitrep_postmortem_page_get_action_items_slot (SitrepPostmortemPage *self)
{
  g_return_val_if_fail (SITREP_IS_POSTMORTEM_PAGE (self), NULL);

  sitrep_incident_page_ensure_built (SITREP_INCIDENT_PAGE (self));
  return self->action_items_slot;
}

GListModel *
_sitrep_postmortem_page_get_timeline_model (SitrepPostmortemPage *self)
{
  return G_LIST_MODEL (self->timeline_model);
}

GtkSwitch *
_sitrep_postmortem_page_get_pinned_switch (SitrepPostmortemPage *self)
{
  return self->pinned_switch;
}

/* The incident's action items (a SitrepActionItemsGroup), once the page
 * has a context. */
GtkWidget *
_sitrep_postmortem_page_get_action_items (SitrepPostmortemPage *self)
{
  return self->action_items;
}

/* The summary's rows: date, duration, severity, services, impact. */
AdwActionRow *
_sitrep_postmortem_page_get_summary_row (SitrepPostmortemPage *self,
                                         guint                 n)
{
  AdwActionRow *rows[] = {
    self->date_row, self->duration_row, self->severity_row, self->services_row, self->impact_row,
  };

  g_return_val_if_fail (n < G_N_ELEMENTS (rows), NULL);
  return rows[n];
}
