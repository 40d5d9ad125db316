/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-roles"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "sitrep-enum-strings.h"
#include "sitrep-enums.h"
#include "sitrep-gui-util.h"
#include "sitrep-resources.h"
#include "sitrep-role-row.h"

/* One ICS role of the Roles page, following its SitrepRoleAssignment (none
 * while nobody ever held it): the holder as the entry's text, unless the
 * user is typing another one. What the user picks is announced with
 * ::assign for the page to write. */
struct _SitrepRoleRow
{
  AdwEntryRow           parent_instance;

  SitrepRole            role;
  SitrepContext        *context;
  SitrepRoleAssignment *assignment;
  char                 *shown;      /* the holder the row last showed */

  GtkWidget            *warning;
  GtkMenuButton        *chooser;
  GtkBox               *handles;
  GtkWidget            *clear;
};

G_DEFINE_FINAL_TYPE (SitrepRoleRow, sitrep_role_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_ROLE,
  PROP_ASSIGNMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ASSIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
role_description (SitrepRole role)
{
  switch (role)
    {
    case SITREP_ROLE_COMMANDER:
      return _("Coordinates the overall response");
    case SITREP_ROLE_DEPUTY_COMMANDER:
      return _("Supports the Incident Commander and can take over if needed");
    case SITREP_ROLE_COMMUNICATIONS:
      return _("Handles internal and external communications");
    case SITREP_ROLE_OPERATIONS:
      return _("Implements technical fixes");
    case SITREP_ROLE_PLANNING:
      return _("Manages resources and plans next steps");
    case SITREP_ROLE_SCRIBE:
      return _("Documents the incident timeline and decisions");
    case SITREP_ROLE_CUSTOMER_LIAISON:
      return _("Focuses on customer impact and communication");
    default:
      return "";
    }
}

/* Whether the user has typed something not applied yet: then someone
 * else's change must not overwrite it. */
static gboolean
is_being_edited (SitrepRoleRow *self)
{
  if ((gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    return FALSE;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->shown ? self->shown : "") != 0;
}

static void
on_person_changed (SitrepRoleRow *self)
{
  sitrep_role_row_show_holder (self, FALSE);
}

static void
on_apply (SitrepRoleRow *self)
{
  g_signal_emit (self, signals[ASSIGN], 0, gtk_editable_get_text (GTK_EDITABLE (self)));
}

static void
on_changed (SitrepRoleRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
}

static void
on_clear_clicked (SitrepRoleRow *self)
{
  g_signal_emit (self, signals[ASSIGN], 0, NULL);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SitrepRoleRow *self = SITREP_ROLE_ROW (widget);
  g_autofree char *handle = g_variant_dup_string (parameter, NULL);

  gtk_menu_button_popdown (self->chooser);
  g_signal_emit (self, signals[ASSIGN], 0, handle);
}

static int
compare_handles (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static void
on_chooser_shown (SitrepRoleRow *self)
{
  g_auto(GStrv) handles = NULL;
  GtkWidget *child;
  GtkWidget *first = NULL;

  if (self->context == NULL)
    return;

  /* The handles change as roles are given out: list them afresh. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->handles))) != NULL)
    gtk_box_remove (self->handles, child);

  handles = sitrep_context_list_handles (self->context);
  /* Alphabetical, so that a name is found where the eye expects it. */
  qsort (handles, g_strv_length (handles), sizeof (char *), compare_handles);
  for (guint i = 0; handles[i] != NULL; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (handles[i]);
      g_autofree char *tooltip = NULL;

      /* Translators: "Make alice Incident Commander" */
      tooltip = g_strdup_printf (_("Make %s %s"), handles[i], sitrep_role_get_label (self->role));
      sitrep_widget_set_tooltip (button, tooltip);
      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "role.choose");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", handles[i]);
      if (g_strcmp0 (handles[i], self->shown) == 0)
        gtk_widget_set_sensitive (button, FALSE);
      gtk_box_append (self->handles, button);
      if (first == NULL && gtk_widget_get_sensitive (button))
        first = button;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
icon_button_describe (GtkWidget  *button,
                      const char *tooltip)
{
  sitrep_widget_set_tooltip (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
set_role (SitrepRoleRow *self,
          SitrepRole     role)
{
  const char *label = sitrep_role_get_label (role);
  /* Translators: %s is a role, e.g. "Choose someone as Scribe" */
  g_autofree char *choose_tip = g_strdup_printf (_("Choose someone as %s"), label);
  g_autofree char *clear_tip = g_strdup_printf (_("Leave %s unassigned"), label);

  self->role = role;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  sitrep_widget_set_tooltip (GTK_WIDGET (self), role_description (role));
  icon_button_describe (GTK_WIDGET (self->chooser), choose_tip);
  icon_button_describe (self->clear, clear_tip);
}

static void
sitrep_role_row_dispose (GObject *object)
{
  SitrepRoleRow *self = SITREP_ROLE_ROW (object);

  if (self->assignment != NULL)
    g_signal_handlers_disconnect_by_data (self->assignment, self);
  g_clear_object (&self->assignment);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_ROLE_ROW);

  G_OBJECT_CLASS (sitrep_role_row_parent_class)->dispose (object);
}

static void
sitrep_role_row_finalize (GObject *object)
{
  SitrepRoleRow *self = SITREP_ROLE_ROW (object);

  g_free (self->shown);

  G_OBJECT_CLASS (sitrep_role_row_parent_class)->finalize (object);
}

static void
sitrep_role_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SitrepRoleRow *self = SITREP_ROLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_ASSIGNMENT:
      g_value_set_object (value, self->assignment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_role_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SitrepRoleRow *self = SITREP_ROLE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROLE:
      set_role (self, g_value_get_enum (value));
      break;

    case PROP_ASSIGNMENT:
      sitrep_role_row_set_assignment (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_role_row_class_init (SitrepRoleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_role_row_dispose;
  object_class->finalize = sitrep_role_row_finalize;
  object_class->get_property = sitrep_role_row_get_property;
  object_class->set_property = sitrep_role_row_set_property;

  /**
   * SitrepRoleRow:role:
   *
   * The role the row is about.
   */
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, SITREP_TYPE_ROLE, SITREP_ROLE_COMMANDER,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * SitrepRoleRow:assignment:
   *
   * The role's record, or %NULL while nobody ever held it.
   */
  properties[PROP_ASSIGNMENT] =
    g_param_spec_object ("assignment", NULL, NULL, SITREP_TYPE_ROLE_ASSIGNMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SitrepRoleRow::assign:
   * @person: (nullable): the handle typed or chosen; %NULL to leave the
   *   role unassigned
   */
  signals[ASSIGN] =
    g_signal_new ("assign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* Referencing the bundle links it in from the static library. */
  g_type_ensure (G_TYPE_RESOURCE);
  (void) sitrep_get_resource ();

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-role-row.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepRoleRow, warning);
  gtk_widget_class_bind_template_child (widget_class, SitrepRoleRow, chooser);
  gtk_widget_class_bind_template_child (widget_class, SitrepRoleRow, handles);
  gtk_widget_class_bind_template_child (widget_class, SitrepRoleRow, clear);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_chooser_shown);

  gtk_widget_class_install_action (widget_class, "role.choose", "s", choose_action);
}

static void
sitrep_role_row_init (SitrepRoleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
sitrep_role_row_new (SitrepRole role)
{
  return g_object_new (SITREP_TYPE_ROLE_ROW, "role", role, NULL);
}

SitrepRole
sitrep_role_row_get_role (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), SITREP_ROLE_COMMANDER);

  return self->role;
}

/* What the role is for, as the guide says. */
const char *
sitrep_role_row_get_description (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return role_description (self->role);
}

/**
 * sitrep_role_row_set_context:
 * @context: (nullable): where the chooser reads the handles in use
 */
void
sitrep_role_row_set_context (SitrepRoleRow *self,
                             SitrepContext *context)
{
  g_return_if_fail (SITREP_IS_ROLE_ROW (self));

  g_set_object (&self->context, context);
}

SitrepRoleAssignment *
sitrep_role_row_get_assignment (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return self->assignment;
}

/**
 * sitrep_role_row_set_assignment:
 * @assignment: (nullable): the role's record
 *
 * Follows @assignment: its holder is shown, and shown again when it
 * changes, unless the user is typing another.
 */
void
sitrep_role_row_set_assignment (SitrepRoleRow        *self,
                                SitrepRoleAssignment *assignment)
{
  g_return_if_fail (SITREP_IS_ROLE_ROW (self));
  g_return_if_fail (assignment == NULL || SITREP_IS_ROLE_ASSIGNMENT (assignment));

  if (self->assignment == assignment)
    return;

  if (self->assignment != NULL)
    g_signal_handlers_disconnect_by_data (self->assignment, self);
  g_set_object (&self->assignment, assignment);
  if (assignment != NULL)
    g_signal_connect_swapped (assignment, "notify::person", G_CALLBACK (on_person_changed), self);

  sitrep_role_row_show_holder (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ASSIGNMENT]);
}

/* Returns: (nullable): the holder the row last showed */
const char *
sitrep_role_row_get_shown (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return self->shown != NULL && self->shown[0] != '\0' ? self->shown : NULL;
}

/**
 * sitrep_role_row_show_holder:
 * @force: overwrite what the user is typing too
 *
 * Shows the assignment's holder (nobody without one).
 */
void
sitrep_role_row_show_holder (SitrepRoleRow *self,
                             gboolean       force)
{
  const char *text;

  g_return_if_fail (SITREP_IS_ROLE_ROW (self));

  text = self->assignment != NULL ? sitrep_role_assignment_get_person (self->assignment) : "";
  if (force || !is_being_edited (self))
    {
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), text) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self), text);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
    }

  g_free (self->shown);
  self->shown = g_strdup (text);
  gtk_widget_set_sensitive (self->clear, text[0] != '\0');
}

/**
 * sitrep_role_row_set_missing:
 * @hint: (nullable): why the role needs someone; %NULL when it does not
 */
void
sitrep_role_row_set_missing (SitrepRoleRow *self,
                             const char    *hint)
{
  g_autofree char *description = NULL;

  g_return_if_fail (SITREP_IS_ROLE_ROW (self));

  if (hint != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
      sitrep_widget_set_tooltip (self->warning, hint);
      /* Translators: a role's description, then why it is flagged */
      description = g_strdup_printf (_("%s. %s"), role_description (self->role), hint);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
      description = g_strdup (role_description (self->role));
    }

  gtk_widget_set_visible (self->warning, hint != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

GtkMenuButton *
sitrep_role_row_get_chooser (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return self->chooser;
}

GtkButton *
sitrep_role_row_get_clear (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return GTK_BUTTON (self->clear);
}

GtkWidget *
sitrep_role_row_get_warning (SitrepRoleRow *self)
{
  g_return_val_if_fail (SITREP_IS_ROLE_ROW (self), NULL);

  return self->warning;
}
