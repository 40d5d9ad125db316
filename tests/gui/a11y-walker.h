/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Walks a window's widgets as a screen reader meets them and lists the
 * controls it could not name: buttons, entries, switches, check buttons,
 * drop-downs, text views and list rows without an accessible name, and
 * icon-only buttons without a tooltip.
 *
 * The name, as GTK 4.8 gives it to AT-SPI: the accessible label
 * property, else the labels the labelled-by relation points at. GTK has
 * no getter for either before 4.10; gtk/gtktestatcontext.h tells whether
 * they are set and what they hold. A button's label, a check button's
 * label and a preferences row's title reach the name through those
 * (GTK and libadwaita set the relation). A plain list row and a list
 * view's row need a name of their own: GTK 4.8 does not make one from
 * what they show (AT-SPI gives such a row an empty name). A placeholder
 * is not a name.
 *
 * Only what is shown is walked: a widget that is not visible or not
 * child-visible (a stack's other pages, a closed popover, a revealer's
 * folded child) is skipped with everything under it; the tests show each
 * page and dialog in turn so that each is walked once it is on screen. */
#pragma once

#include <adwaita.h>
#include <string.h>

#include "sitrep-gui-util.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget         *root;
  GString           *offenders;
  guint              n_offenders;
  guint              n_checked;
  /* Parts of paths the toolkit owns and the app cannot name: reported,
   * not counted. */
  const char *const *toolkit;
} A11yWalk;

static inline char *
a11y_widget_path (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w)) : NULL;
      g_autofree char *part = id != NULL ? g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id)
                                         : g_strdup (G_OBJECT_TYPE_NAME (w));

      if (path->len > 0)
        g_string_prepend (path, " > ");
      g_string_prepend (path, part);
    }

  return g_string_free (path, FALSE);
}

static inline gboolean
a11y_shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* The text of the shown labels under @widget, joined. */
static inline void
a11y_collect_label_text (GtkWidget *widget,
                         GString   *text)
{
  if (!a11y_shown (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *t = gtk_label_get_text (GTK_LABEL (widget));

      if (t != NULL && t[0] != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", t);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    a11y_collect_label_text (c, text);
}

typedef struct
{
  GtkWidget *widget;
  GtkWidget *found;
} A11yLabelSearch;

/* The one label under @root the relation of @search->widget points at,
 * when it points at exactly one. */
static inline void
a11y_find_labelling (GtkWidget       *root,
                     A11yLabelSearch *search)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root);
       c != NULL && search->found == NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      g_autofree char *mismatch =
        gtk_test_accessible_check_relation (GTK_ACCESSIBLE (search->widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, c, NULL);

      if (mismatch == NULL)
        {
          search->found = c;
          return;
        }
      a11y_find_labelling (c, search);
    }
}

/* Whether a non-empty name reaches AT-SPI through the label property or
 * the labelled-by relation. */
static inline gboolean
a11y_has_accessible_name (A11yWalk  *walk,
                          GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      g_autofree char *empty = gtk_test_accessible_check_property (accessible,
                                                                   GTK_ACCESSIBLE_PROPERTY_LABEL, "");
      if (empty != NULL)
        return TRUE;
    }

  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    {
      A11yLabelSearch search = { widget, NULL };

      a11y_find_labelling (walk->root, &search);
      /* Several labels, or one outside this window: trusted. */
      if (search.found == NULL)
        return TRUE;
      if (GTK_IS_LABEL (search.found))
        {
          const char *t = gtk_label_get_text (GTK_LABEL (search.found));
          return t != NULL && t[0] != '\0';
        }
      return a11y_has_accessible_name (walk, search.found);
    }

  return FALSE;
}

/* GTK tooltip text or markup, the quiet tooltip of sitrep_widget_set_tooltip()
 * (text kept on the widget, handed over in ::query-tooltip), or a
 * ::query-tooltip handler of the widget's own. */
static inline gboolean
a11y_has_tooltip (GtkWidget *widget)
{
  const char *text = gtk_widget_get_tooltip_text (widget);

  if (text != NULL && text[0] != '\0')
    return TRUE;
  text = gtk_widget_get_tooltip_markup (widget);
  if (text != NULL && text[0] != '\0')
    return TRUE;
  if (sitrep_widget_get_tooltip (widget) != NULL)
    return TRUE;
  /* A tooltip made when asked for (the timeline's pin says "Pin" or
   * "Unpin"): GTK asks ::query-tooltip of a widget that has one. */
  return gtk_widget_get_has_tooltip (widget) &&
         g_signal_has_handler_pending (widget, g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET),
                                       0, FALSE);
}

/* A button that shows only an icon. */
static inline gboolean
a11y_icon_only (GtkWidget *widget)
{
  GtkWidget *child;
  const char *label;

  if (GTK_IS_MENU_BUTTON (widget))
    {
      label = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));
      return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL &&
             (label == NULL || label[0] == '\0');
    }
  if (!GTK_IS_BUTTON (widget))
    return FALSE;

  if (GTK_IS_CHECK_BUTTON (widget))
    return FALSE;
  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label != NULL && label[0] != '\0')
    return FALSE;
  if (gtk_button_get_icon_name (GTK_BUTTON (widget)) != NULL)
    return TRUE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_IMAGE (child);
}

static inline void
a11y_offend (A11yWalk   *walk,
             const char *where,
             GtkWidget  *widget,
             const char *problem)
{
  g_autofree char *path = a11y_widget_path (widget);

  for (guint i = 0; walk->toolkit != NULL && walk->toolkit[i] != NULL; i++)
    if (strstr (path, walk->toolkit[i]) != NULL)
      {
        g_test_message ("[%s] %s (the toolkit's own): %s", where, problem, path);
        return;
      }
  walk->n_offenders++;
  g_string_append_printf (walk->offenders, "  [%s] %s: %s\n", where, problem, path);
}

/* A GtkListView's row (GtkListItemWidget is private). */
static inline gboolean
a11y_is_list_item (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* A combo row's list of one shows its choice; the row is named. */
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL)
    return FALSE;
  return parent != NULL && (GTK_IS_LIST_VIEW (parent) || GTK_IS_GRID_VIEW (parent)) &&
         gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM;
}

/* Whether @widget is a control the walk checks. */
static inline gboolean
a11y_is_control (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* A menu button's and a split button's own toggle and button, an
   * entry's text, a spin button's +/- are parts of one control: the
   * outer one is checked. */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || ADW_IS_SPLIT_BUTTON (parent) ||
                         GTK_IS_DROP_DOWN (parent)))
    return FALSE;
  if (GTK_IS_TEXT (widget) && parent != NULL &&
      (GTK_IS_ENTRY (parent) || GTK_IS_SEARCH_ENTRY (parent) || GTK_IS_PASSWORD_ENTRY (parent) ||
       GTK_IS_SPIN_BUTTON (parent)))
    return FALSE;
  if (GTK_IS_BUTTON (widget) && parent != NULL && GTK_IS_SPIN_BUTTON (parent))
    return FALSE;
  /* An entry row's text is named by the row's title, which GTK reads
   * from the row (the text is the row's delegate). */
  if (GTK_IS_TEXT (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL)
    return FALSE;

  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || ADW_IS_SPLIT_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_TEXT_VIEW (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_LIST_BOX_ROW (widget) || a11y_is_list_item (widget);
}

static inline gboolean
a11y_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static inline gboolean
a11y_named (A11yWalk  *walk,
            GtkWidget *widget)
{
  if (a11y_has_accessible_name (walk, widget))
    return TRUE;

  /* Their own text, which GTK hands on as their name. */
  if (GTK_IS_MENU_BUTTON (widget))
    return a11y_nonempty (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
  if (ADW_IS_SPLIT_BUTTON (widget))
    return a11y_nonempty (adw_split_button_get_label (ADW_SPLIT_BUTTON (widget)));
  if (GTK_IS_CHECK_BUTTON (widget))
    return a11y_nonempty (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)));
  if (GTK_IS_BUTTON (widget))
    return a11y_nonempty (gtk_button_get_label (GTK_BUTTON (widget)));

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      /* An entry row names itself by its title. */
      if (ADW_IS_ENTRY_ROW (widget) || ADW_IS_EXPANDER_ROW (widget) || ADW_IS_COMBO_ROW (widget))
        return title != NULL && title[0] != '\0';
    }

  return FALSE;
}

static inline void
a11y_walk_widget (A11yWalk   *walk,
                  const char *where,
                  GtkWidget  *widget)
{
  if (!a11y_shown (widget))
    return;

  if (a11y_is_control (widget))
    {
      walk->n_checked++;
      if (!a11y_named (walk, widget))
        a11y_offend (walk, where, widget, "no accessible name");
      /* The title bar's minimize, maximize and close buttons are GTK's,
       * named by GTK and explained by the window manager's convention. */
      if (a11y_icon_only (widget) && !a11y_has_tooltip (widget) &&
          !GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (widget)))
        a11y_offend (walk, where, widget, "icon-only button without a tooltip");
    }

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    a11y_walk_widget (walk, where, c);
}

/* Walks @root (a window, shown and drawn), adding what it finds to @walk. */
static inline void
a11y_walk (A11yWalk   *walk,
           const char *where,
           GtkWidget  *root)
{
  guint checked = walk->n_checked;

  walk->root = root;
  a11y_walk_widget (walk, where, root);
  g_test_message ("%s: %u controls checked", where, walk->n_checked - checked);
}

G_END_DECLS
