/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-command"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-command-palette.h"
#include "sitrep-gui-util.h"
#include "sitrep-command-runner.h"
#include "sitrep-resources.h"

/* The command palette (Ctrl+K, or the header's button): one line for the
 * incident bot's commands, with the completions of the word at the cursor
 * below it, and under the line what Enter will do, or why it can't. Tab
 * takes the chosen completion, the arrow keys choose, Enter runs, Escape
 * closes. */

struct _SitrepCommandPalette
{
  GtkPopover          parent_instance;

  SitrepContext      *context;
  SitrepIncident     *incident;
  GPtrArray          *completions;  /* SitrepCommandCompletion, as the list shows them */
  GtkStringList      *words;
  GtkSingleSelection *selection;
  gboolean            chosen;       /* an arrow key chose a completion since the last edit */
  gboolean            failed;       /* Enter found it malformed; shown until the next edit */

  GtkEntry           *entry;
  GtkLabel           *hint;
  GtkWidget          *scroller;
  GtkListView        *list;
};

G_DEFINE_FINAL_TYPE (SitrepCommandPalette, sitrep_command_palette, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_INCIDENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  HINT_QUIET,        /* still being typed */
  HINT_DESCRIPTION,  /* what Enter will do */
  HINT_ERROR,        /* why Enter did nothing */
} HintKind;

static void
set_hint (SitrepCommandPalette *self,
          const char           *text,
          HintKind              kind)
{
  gtk_label_set_label (self->hint, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  if (kind == HINT_ERROR)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
    }
  else if (kind == HINT_QUIET)
    gtk_widget_add_css_class (GTK_WIDGET (self->hint), "dim-label");
}

/* The completions of the word at the cursor, and what Enter would do. */
static void
update (SitrepCommandPalette *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  glong cursor = gtk_editable_get_position (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (self->context == NULL)
    return;

  g_clear_pointer (&self->completions, g_ptr_array_unref);
  self->completions = sitrep_command_runner_complete (self->context,
                                                      *text != '\0' ? text : "/", cursor);
  for (guint i = 0; i < self->completions->len; i++)
    g_ptr_array_add (words, ((SitrepCommandCompletion *) self->completions->pdata[i])->word);
  g_ptr_array_add (words, NULL);
  gtk_string_list_splice (self->words, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->words)),
                          (const char * const *) words->pdata);
  gtk_widget_set_visible (self->scroller, self->completions->len > 0);
  self->chosen = FALSE;

  if (*text == '\0')
    {
      set_hint (self, _("Type a command: /incident start, page, status, mitigate, resolve, "
                        "note or role"), HINT_QUIET);
      return;
    }

  description = sitrep_command_runner_describe (self->context, self->incident, text, NULL,
                                                &error);
  if (description != NULL)
    set_hint (self, description, HINT_DESCRIPTION);
  else if (!self->failed && self->completions->len > 0)
    /* A word being typed that a completion finishes is not wrong yet. */
    set_hint (self, _("Tab completes the word, the arrow keys choose"), HINT_QUIET);
  else
    /* Still being typed: said quietly until Enter. */
    set_hint (self, error->message, self->failed ? HINT_ERROR : HINT_QUIET);
}

static void
on_entry_changed (SitrepCommandPalette *self)
{
  self->failed = FALSE;
  update (self);
}

static void
on_cursor_moved (SitrepCommandPalette *self)
{
  update (self);
}

static void
accept (SitrepCommandPalette *self,
        guint                 position)
{
  SitrepCommandCompletion *completion;

  if (self->completions == NULL || position >= self->completions->len)
    return;

  completion = self->completions->pdata[position];
  {
    g_autofree char *line = g_strdup (completion->line);
    glong cursor = completion->cursor;

    gtk_editable_set_text (GTK_EDITABLE (self->entry), line);
    gtk_editable_set_position (GTK_EDITABLE (self->entry), (int) cursor);
  }
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_row_activated (SitrepCommandPalette *self,
                  guint                 position)
{
  accept (self, position);
}

static void
run (SitrepCommandPalette *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  glong position = -1;
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (self->context == NULL)
    return;

  if (!sitrep_command_runner_run (parent != NULL ? parent : GTK_WIDGET (self), self->context,
                                  self->incident, text, &position, &error))
    {
      /* What was typed stays, with the cursor where it goes wrong. */
      self->failed = TRUE;
      set_hint (self, error->message, HINT_ERROR);
      if (position >= 0)
        gtk_editable_set_position (GTK_EDITABLE (self->entry), (int) position);
      gtk_widget_error_bell (GTK_WIDGET (self->entry));
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_entry_activate (SitrepCommandPalette *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  /* A completion chosen with the arrows is taken first, as Tab does. */
  if (self->chosen && selected != GTK_INVALID_LIST_POSITION)
    {
      accept (self, selected);
      return;
    }
  run (self);
}

static void
move_selection (SitrepCommandPalette *self,
                int                   step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->words));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION || !self->chosen)
    selected = step > 0 ? 0 : n - 1;
  else
    selected = (selected + n + step) % n;
  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", selected);
  self->chosen = TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SitrepCommandPalette  *self)
{
  switch (keyval)
    {
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
      {
        guint selected = gtk_single_selection_get_selected (self->selection);

        if (self->completions == NULL || self->completions->len == 0)
          return GDK_EVENT_STOP;  /* Tab stays in the line */
        accept (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
        return GDK_EVENT_STOP;
      }
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
on_shown (SitrepCommandPalette *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "/incident ");
      gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
    }
  update (self);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (item, label);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  GtkStringObject *word = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (word));
  sitrep_widget_name_list_item (gtk_list_item_get_child (item), gtk_string_object_get_string (word));
}

static void
sitrep_command_palette_dispose (GObject *object)
{
  SitrepCommandPalette *self = SITREP_COMMAND_PALETTE (object);

  if (self->list != NULL)
    gtk_list_view_set_model (self->list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->words);
  g_clear_object (&self->context);
  g_clear_object (&self->incident);
  g_clear_pointer (&self->completions, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SITREP_TYPE_COMMAND_PALETTE);

  G_OBJECT_CLASS (sitrep_command_palette_parent_class)->dispose (object);
}

static void
sitrep_command_palette_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  SitrepCommandPalette *self = SITREP_COMMAND_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_INCIDENT:
      g_value_set_object (value, self->incident);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_command_palette_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  SitrepCommandPalette *self = SITREP_COMMAND_PALETTE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      sitrep_command_palette_set_context (self, g_value_get_object (value));
      break;
    case PROP_INCIDENT:
      sitrep_command_palette_set_incident (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sitrep_command_palette_class_init (SitrepCommandPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_command_palette_dispose;
  object_class->get_property = sitrep_command_palette_get_property;
  object_class->set_property = sitrep_command_palette_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SITREP_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INCIDENT] =
    g_param_spec_object ("incident", NULL, NULL, SITREP_TYPE_INCIDENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  (void) sitrep_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/sitrep-command-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, SitrepCommandPalette, entry);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommandPalette, hint);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommandPalette, scroller);
  gtk_widget_class_bind_template_child (widget_class, SitrepCommandPalette, list);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_cursor_moved);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_shown);
}

static void
sitrep_command_palette_init (SitrepCommandPalette *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->words = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->words)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list, factory);

  /* Before the entry's own keys: Tab would move the focus away. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

SitrepContext *
sitrep_command_palette_get_context (SitrepCommandPalette *self)
{
  g_return_val_if_fail (SITREP_IS_COMMAND_PALETTE (self), NULL);

  return self->context;
}

void
sitrep_command_palette_set_context (SitrepCommandPalette *self,
                                    SitrepContext        *context)
{
  g_return_if_fail (SITREP_IS_COMMAND_PALETTE (self));

  if (!g_set_object (&self->context, context))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

SitrepIncident *
sitrep_command_palette_get_incident (SitrepCommandPalette *self)
{
  g_return_val_if_fail (SITREP_IS_COMMAND_PALETTE (self), NULL);

  return self->incident;
}

/**
 * sitrep_command_palette_set_incident:
 * @incident: (nullable): the incident the commands act on
 */
void
sitrep_command_palette_set_incident (SitrepCommandPalette *self,
                                     SitrepIncident       *incident)
{
  g_return_if_fail (SITREP_IS_COMMAND_PALETTE (self));

  if (!g_set_object (&self->incident, incident))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCIDENT]);
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    update (self);
}

GtkEditable *
_sitrep_command_palette_get_entry (SitrepCommandPalette *self)
{
  return GTK_EDITABLE (self->entry);
}

GtkLabel *
_sitrep_command_palette_get_hint (SitrepCommandPalette *self)
{
  return self->hint;
}

GListModel *
_sitrep_command_palette_get_completions (SitrepCommandPalette *self)
{
  return G_LIST_MODEL (self->words);
}
