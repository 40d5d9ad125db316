/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-declare"

#include "config.h"

#include "sitrep-resources.h"

#include <glib/gi18n.h>

#include "sitrep-combo-labels.h"
#include "sitrep-declare-dialog-private.h"
#include "sitrep-severity.h"
#include "sitrep-triage.h"

/* Declaring asks the guide's classification questions in order and only
 * as far as they matter, suggests the severity they lead to, and lets the
 * IC override it: the suggestion follows the answers until the IC picks a
 * severity by hand. When a service named is critical (the
 * critical-services setting), it also asks the guide's triage question:
 * more than 20% errors there is a P1. */
struct _SitrepDeclareDialog
{
  AdwWindow      parent_instance;

  SitrepContext *context;
  GStrv          critical_services;   /* NULL: the guide's defaults */
  char          *critical_named;      /* the first critical service named */
  gboolean       overridden;
  gboolean       updating;

  AdwEntryRow   *title_row;
  AdwEntryRow   *services_row;
  AdwEntryRow   *impact_row;
  AdwActionRow  *question_rows[3];
  GtkSwitch     *question_switches[3];
  AdwActionRow  *errors_row;
  GtkSwitch     *errors_switch;
  AdwComboRow   *severity_row;
};

G_DEFINE_FINAL_TYPE (SitrepDeclareDialog, sitrep_declare_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum {
  DECLARED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The guide's triage, for the facts the dialog has: a service named, and
 * whether more than 20% of its requests fail. */
static SitrepSeverity
triage_service (SitrepDeclareDialog *self,
                const char          *service,
                gboolean             failing)
{
  SitrepAlertFacts facts = { 0 };

  /* Read once a dialog asks (Preferences and the service catalogue): a
   * change applies to the next declaration. */
  if (self->critical_services == NULL)
    self->critical_services = sitrep_context_dup_critical_services (self->context);

  facts.service = (char *) service;
  facts.error_rate = failing ? 1.0 : 0.0;
  return sitrep_triage_classify (&facts, (const char * const *) self->critical_services);
}

/* Finds the first service named that the triage counts as critical. */
static void
update_critical_named (SitrepDeclareDialog *self)
{
  g_auto(GStrv) services = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->services_row)),
                                       ",", -1);

  g_clear_pointer (&self->critical_named, g_free);
  for (guint i = 0; services[i] != NULL && self->critical_named == NULL; i++)
    {
      const char *service = g_strstrip (services[i]);

      if (service[0] != '\0' && triage_service (self, service, TRUE) == SITREP_SEVERITY_P1)
        self->critical_named = g_strdup (service);
    }
}

static SitrepSeverity
suggested_severity (SitrepDeclareDialog *self)
{
  SitrepSeverity severity = sitrep_severity_classify (gtk_switch_get_active (self->question_switches[0]),
                                                      gtk_switch_get_active (self->question_switches[1]),
                                                      gtk_switch_get_active (self->question_switches[2]));

  if (self->critical_named != NULL)
    severity = MIN (severity, triage_service (self, self->critical_named,
                                              gtk_switch_get_active (self->errors_switch)));
  return severity;
}

static SitrepSeverity
chosen_severity (SitrepDeclareDialog *self)
{
  return SITREP_SEVERITY_P1 + adw_combo_row_get_selected (self->severity_row);
}

static void
update_severity (SitrepDeclareDialog *self)
{
  SitrepSeverity suggested = suggested_severity (self);
  const SitrepSeverityInfo *info;
  g_autofree char *subtitle = NULL;
  gboolean q1 = gtk_switch_get_active (self->question_switches[0]);
  gboolean q2 = gtk_switch_get_active (self->question_switches[1]);

  /* A "yes" settles the severity: the later questions no longer matter. */
  gtk_widget_set_visible (GTK_WIDGET (self->question_rows[1]), !q1);
  gtk_widget_set_visible (GTK_WIDGET (self->question_rows[2]), !q1 && !q2);

  update_critical_named (self);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_row), !q1 && self->critical_named != NULL);
  if (self->critical_named != NULL)
    {
      /* Translators: %s is a service such as "payments" */
      g_autofree char *question = g_strdup_printf (_("Are more than 20%% of requests to %s failing?"),
                                                   self->critical_named);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->errors_row), question);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->errors_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, question, -1);
    }

  if (!self->overridden)
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->severity_row, suggested - SITREP_SEVERITY_P1);
      self->updating = FALSE;
    }

  info = sitrep_severity_get_info (chosen_severity (self));
  if (chosen_severity (self) == suggested)
    /* Translators: e.g. "Suggested: Complete service outage… · response: Immediately · …" */
    subtitle = g_strdup_printf (_("Suggested: %s · response: %s · %s"), info->description,
                                info->respond_label, info->cadence_label);
  else
    /* Translators: %s is a severity such as "P2"; the user chose another one */
    subtitle = g_strdup_printf (_("Chosen by hand; the answers suggest %s. %s · response: %s · %s"),
                                sitrep_severity_get_info (suggested)->id, info->description,
                                info->respond_label, info->cadence_label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->severity_row), subtitle);
}

static void
on_answer_changed (SitrepDeclareDialog *self)
{
  update_severity (self);
}

static void
on_severity_selected (SitrepDeclareDialog *self)
{
  if (self->updating)
    return;

  self->overridden = chosen_severity (self) != suggested_severity (self);
  update_severity (self);
}

static gboolean
has_title (SitrepDeclareDialog *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  for (; *title; title = g_utf8_next_char (title))
    if (!g_unichar_isspace (g_utf8_get_char (title)))
      return TRUE;

  return FALSE;
}

static void
on_title_changed (SitrepDeclareDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "declare.confirm", has_title (self));
}

static void
on_title_activated (SitrepDeclareDialog *self)
{
  if (has_title (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->services_row));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SitrepDeclareDialog *self = SITREP_DECLARE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!has_title (self))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      gtk_widget_error_bell (widget);
      return;
    }

  id = sitrep_context_declare_incident (self->context,
                                        gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->services_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->impact_row)),
                                        chosen_severity (self), &error);
  if (id == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Could Not Declare the Incident"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  g_signal_emit (self, signals[DECLARED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
sitrep_declare_dialog_dispose (GObject *object)
{
  SitrepDeclareDialog *self = SITREP_DECLARE_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->critical_services, g_strfreev);
  g_clear_pointer (&self->critical_named, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_DECLARE_DIALOG);

  G_OBJECT_CLASS (sitrep_declare_dialog_parent_class)->dispose (object);
}

static void
sitrep_declare_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  SitrepDeclareDialog *self = SITREP_DECLARE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_declare_dialog_class_init (SitrepDeclareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_declare_dialog_dispose;
  object_class->set_property = sitrep_declare_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepDeclareDialog::declared:
   * @id: the new incident's id
   *
   * Emitted once the incident is in the store.
   */
  signals[DECLARED] =
    g_signal_new ("declared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-declare-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, services_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, impact_row);
  gtk_widget_class_bind_template_child_full (widget_class, "question1_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_rows[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "question2_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_rows[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "question3_row", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_rows[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "question1_switch", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_switches[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "question2_switch", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_switches[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "question3_switch", FALSE,
                                             G_STRUCT_OFFSET (SitrepDeclareDialog, question_switches[2]));
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, errors_row);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, errors_switch);
  gtk_widget_class_bind_template_child (widget_class, SitrepDeclareDialog, severity_row);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_title_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_answer_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_selected);

  gtk_widget_class_install_action (widget_class, "declare.confirm", NULL, confirm_action);
}

static void
sitrep_declare_dialog_init (SitrepDeclareDialog *self)
{
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < 3; i++)
    {
      const char *question = sitrep_severity_question (i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->question_rows[i]), question);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->question_switches[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, question, -1);
    }

  for (SitrepSeverity s = SITREP_SEVERITY_P1; s <= SITREP_SEVERITY_P4; s++)
    {
      const SitrepSeverityInfo *info = sitrep_severity_get_info (s);
      g_autofree char *label = g_strdup_printf ("%s — %s", info->id, info->name);

      gtk_string_list_append (severities, label);
    }
  self->updating = TRUE;
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  /* "P1 — Critical" reads whole beside however long a suggestion. */
  sitrep_combo_row_show_whole_labels (self->severity_row, FALSE);
  self->updating = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "declare.confirm", FALSE);
  update_severity (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

/**
 * sitrep_declare_dialog_new:
 *
 * Returns: (transfer none): a new dialog, transient for @parent
 */
SitrepDeclareDialog *
sitrep_declare_dialog_new (GtkWindow     *parent,
                           SitrepContext *context)
{
  return g_object_new (SITREP_TYPE_DECLARE_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

GtkEditable *
_sitrep_declare_dialog_get_title (SitrepDeclareDialog *self)
{
  return GTK_EDITABLE (self->title_row);
}

GtkEditable *
_sitrep_declare_dialog_get_services (SitrepDeclareDialog *self)
{
  return GTK_EDITABLE (self->services_row);
}

GtkEditable *
_sitrep_declare_dialog_get_impact (SitrepDeclareDialog *self)
{
  return GTK_EDITABLE (self->impact_row);
}

AdwActionRow *
_sitrep_declare_dialog_get_errors_row (SitrepDeclareDialog *self)
{
  return self->errors_row;
}

GtkSwitch *
_sitrep_declare_dialog_get_errors (SitrepDeclareDialog *self)
{
  return self->errors_switch;
}

GtkSwitch *
_sitrep_declare_dialog_get_question (SitrepDeclareDialog *self,
                                     guint                index)
{
  g_return_val_if_fail (index < 3, NULL);

  return self->question_switches[index];
}

AdwComboRow *
_sitrep_declare_dialog_get_severity (SitrepDeclareDialog *self)
{
  return self->severity_row;
}
