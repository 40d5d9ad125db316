/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-l10n.c: the app in German (LANGUAGE=de) says nothing in English
 * that the catalogue translates: every page and dialog is walked, and each
 * text a person can see (labels, placeholders, tooltips, titles, menu
 * items, drop-down items) is checked against po/de.po. */

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "gui-test-util.h"
#include "sitrep-gui-util.h"

#include "sitrep-window-private.h"
#include "sitrep-action-items-window.h"
#include "sitrep-briefing-dialog.h"
#include "sitrep-database-dialog.h"
#include "sitrep-incident-action-items-window.h"
#include "sitrep-notifier.h"
#include "sitrep-notifier-private.h"
#include "sitrep-page-dialog.h"
#include "sitrep-snooze-dialog.h"
#include "sitrep-declare-dialog.h"
#include "sitrep-preferences-window.h"
#include "sitrep-reports-window.h"
#include "sitrep-templates-window.h"
#include "sitrep-wall-window.h"
#include "sitrep-core.h"

/* An English message of the catalogue whose German differs: a text equal
 * to it (or, for a format, matching it) is English that should not be. */
typedef struct
{
  char   *msgid;
  char   *plain;   /* without its mnemonic, as a label shows it */
  GRegex *pattern; /* for a message with directives, else NULL */
} English;

static GPtrArray *english;   /* of English* */
static GHashTable *reported; /* texts already reported, so each is listed once */

static void
english_free (English *e)
{
  g_free (e->msgid);
  g_free (e->plain);
  g_clear_pointer (&e->pattern, g_regex_unref);
  g_free (e);
}

/* @text without its mnemonic underscores ("__" is one underscore). */
static char *
strip_mnemonic (const char *text)
{
  char *plain = g_strdup (text);
  char *w = plain;

  for (const char *r = text; *r != '\0'; r++)
    {
      if (*r == '_')
        {
          if (r[1] != '_')
            continue;
          r++;
        }
      *w++ = *r;
    }
  *w = '\0';
  return plain;
}

/* The C string of a PO line's quoted part, escapes undone. */
static void
append_quoted (GString    *out,
               const char *line)
{
  const char *start = strchr (line, '"');
  g_autofree char *inner = NULL;
  g_autofree char *unescaped = NULL;
  gsize len;

  if (start == NULL)
    return;
  len = strlen (start);
  g_assert_cmpint (len, >=, 2);
  inner = g_strndup (start + 1, len - 2);
  unescaped = g_strcompress (inner);
  g_string_append (out, unescaped);
}

/* How many letters a message has outside its directives: "%s · %s" has
 * none, and would match any text. */
static guint
count_letters (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '%' && p[1] != '\0')
        {
          p++;
          while (*p != '\0' && strchr ("0123456789$'-+ #.lhzjt", *p) != NULL)
            p++;
          if (*p == '\0')
            break;
          continue;
        }
      if (g_unichar_isalpha (g_utf8_get_char (p)))
        n++;
    }
  return n;
}

/* Whether a word of three letters or more stands between two of the
 * message's directives. */
static gboolean
has_inner_word (const char *msgid)
{
  const char *first = strchr (msgid, '%');
  const char *last = strrchr (msgid, '%');
  g_autofree char *inner = NULL;

  if (first == NULL || first == last)
    return FALSE;
  /* Past the first directive's conversion, up to the last directive. */
  first++;
  while (*first != '\0' && !g_ascii_isalpha (*first))
    first++;
  if (*first == '\0' || first >= last)
    return FALSE;
  inner = g_strndup (first + 1, last - first - 1);
  return count_letters (inner) >= 3;
}

static GRegex *
pattern_of (const char *msgid)
{
  static GRegex *directive = NULL;
  g_autoptr(GString) pattern = g_string_new ("^");
  g_autoptr(GMatchInfo) match = NULL;
  gint last = 0;

  if (directive == NULL)
    directive = g_regex_new ("%(?:[0-9]+\\$)?[-'+ #0]*[0-9*]*(?:\\.[0-9*]+)?"
                             "(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsaAbBYmdHMSZp]",
                             G_REGEX_OPTIMIZE, 0, NULL);

  if (!g_regex_match (directive, msgid, 0, &match))
    return NULL;
  while (g_match_info_matches (match))
    {
      gint start, end;
      g_autofree char *literal = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      literal = g_regex_escape_string (msgid + last, start - last);
      g_string_append (pattern, literal);
      /* A number is digits; anything else any text. */
      g_string_append (pattern, strchr ("diouxX", msgid[end - 1]) ? "(?:[-+0-9.,]+)" : "(?:.+?)");
      last = end;
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *rest = g_regex_escape_string (msgid + last, -1);

    g_string_append (pattern, rest);
  }
  g_string_append (pattern, "$");
  return g_regex_new (pattern->str, G_REGEX_DOTALL | G_REGEX_OPTIMIZE, 0, NULL);
}

static void
add_english (const char *msgid,
             const char *msgstr)
{
  English *e;

  if (msgid[0] == '\0' || g_strcmp0 (msgid, msgstr) == 0 || count_letters (msgid) < 3)
    return;
  /* Formats of dates (g_date_time_format()) are not texts. */
  if (msgid[0] == '%' && strchr ("aAbBYmdHMSZ", msgid[1]) != NULL && count_letters (msgid) < 6)
    return;
  e = g_new0 (English, 1);
  e->msgid = g_strdup (msgid);
  e->plain = strip_mnemonic (msgid);
  if (strchr (msgid, '%') != NULL)
    {
      /* "%s min" would match German that ends the same way; "%s due %s"
       * says enough between its directives. */
      if (count_letters (msgid) < 6 && !has_inner_word (msgid))
        {
          g_free (e->msgid);
          g_free (e);
          return;
        }
      e->pattern = pattern_of (msgid);
    }
  g_ptr_array_add (english, e);
}

/* Reads po/de.po: every message and its plural, with the translation of
 * its first form. Untranslated and fuzzy messages count as different from
 * the English, which is what makes them reach the screen in English. */
static void
load_catalogue (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", "de.po", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) plural = g_string_new (NULL);
  g_autoptr(GString) msgstr = g_string_new (NULL);
  GString *current = NULL;
  gboolean fuzzy = FALSE;
  gboolean have_entry = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  english = g_ptr_array_new_with_free_func ((GDestroyNotify) english_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; ; i++)
    {
      const char *line = lines[i];

      if (line == NULL || line[0] == '\0')
        {
          if (have_entry)
            {
              const char *translated = fuzzy ? "" : msgstr->str;

              add_english (msgid->str, translated);
              if (plural->len > 0)
                add_english (plural->str, translated);
            }
          g_string_truncate (msgid, 0);
          g_string_truncate (plural, 0);
          g_string_truncate (msgstr, 0);
          current = NULL;
          fuzzy = FALSE;
          have_entry = FALSE;
          if (line == NULL)
            break;
          continue;
        }
      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      else if (line[0] == '#')
        continue;
      else if (g_str_has_prefix (line, "msgid_plural "))
        current = plural;
      else if (g_str_has_prefix (line, "msgid "))
        {
          current = msgid;
          have_entry = TRUE;
        }
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        current = msgstr;
      else if (g_str_has_prefix (line, "msgstr["))
        current = NULL;
      else if (g_str_has_prefix (line, "msgctxt "))
        current = NULL;
      if (current != NULL && (line[0] == '"' || g_str_has_prefix (line, "msg")))
        append_quoted (current, line);
    }

  g_assert_cmpuint (english->len, >, 500);
}

/* Where a text was seen, for the failure message. */
static char *
path_of (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = GTK_IS_BUILDABLE (w) ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (w))
                                            : NULL;

      g_string_prepend (path, id ? id : G_OBJECT_TYPE_NAME (w));
      if (gtk_widget_get_parent (w) != NULL)
        g_string_prepend (path, " > ");
    }
  return g_string_free (path, FALSE);
}

static const char *
english_match (const char *text)
{
  for (guint i = 0; i < english->len; i++)
    {
      English *e = english->pdata[i];

      if (g_str_equal (text, e->msgid) || g_str_equal (text, e->plain))
        return e->msgid;
      if (e->pattern != NULL && g_regex_match (e->pattern, text, 0, NULL))
        return e->msgid;
    }
  return NULL;
}

static void
check_text (GPtrArray  *failures,
            GtkWidget  *widget,
            const char *what,
            const char *text)
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL || text[0] == '\0')
    return;
  /* A label may put several messages on lines of their own. */
  parts = g_strsplit (text, "\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *msgid = english_match (parts[i]);
      g_autofree char *key = NULL;
      g_autofree char *where = NULL;

      if (msgid == NULL)
        continue;
      key = g_strdup_printf ("%s\n%s", what, parts[i]);
      if (!g_hash_table_add (reported, g_strdup (key)))
        continue;
      where = path_of (widget);
      g_ptr_array_add (failures, g_strdup_printf ("%s “%s” (msgid “%s”) at %s",
                                                  what, parts[i], msgid, where));
    }
}

static void check_menu (GPtrArray *failures, GtkWidget *owner, GMenuModel *menu);

static void
check_menu (GPtrArray  *failures,
            GtkWidget  *owner,
            GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        check_text (failures, owner, "menu item", label);
      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) linked = g_menu_link_iter_get_value (links);

          check_menu (failures, owner, linked);
        }
    }
}

/* Every text of @widget and what it holds, shown now or later: a hidden
 * child is still walked, since it is shown at some point. */
static void
walk (GPtrArray *failures,
      GtkWidget *widget)
{
  check_text (failures, widget, "tooltip", gtk_widget_get_tooltip_text (widget));
  check_text (failures, widget, "tooltip", sitrep_widget_get_tooltip (widget));

  if (GTK_IS_LABEL (widget))
    check_text (failures, widget, "label", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_TEXT (widget))
    check_text (failures, widget, "placeholder", gtk_text_get_placeholder_text (GTK_TEXT (widget)));
  else if (GTK_IS_WINDOW (widget))
    check_text (failures, widget, "window title", gtk_window_get_title (GTK_WINDOW (widget)));
  else if (ADW_IS_PREFERENCES_PAGE (widget))
    check_text (failures, widget, "preferences page",
                adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)));

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    check_menu (failures, widget, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
  if (GTK_IS_POPOVER_MENU (widget) && gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)))
    check_menu (failures, widget, gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (widget)));

  if (GTK_IS_DROP_DOWN (widget) && GTK_IS_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget))))
    {
      GtkStringList *items = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (widget)));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
        check_text (failures, widget, "drop-down item", gtk_string_list_get_string (items, i));
    }

  if (ADW_IS_VIEW_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

          check_text (failures, widget, "page title", adw_view_stack_page_get_title (page));
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (failures, child);
}

static void
find_lazy_menu_buttons (GtkWidget *widget,
                        GPtrArray *found)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_is_sensitive (widget) && gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)) == NULL)
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_lazy_menu_buttons (c, found);
}

/* A menu button whose popover or menu is made when it first opens (the
 * main menu, a row's menu) is opened and closed once, so that what it
 * shows is there to walk. */
static void
make_lazy_popovers (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  find_lazy_menu_buttons (root, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = buttons->pdata[i];

      gtk_menu_button_popup (button);
      gtk_menu_button_popdown (button);
    }
  WAIT_IDLE ();
}

static void
assert_german (GtkWidget  *widget,
               const char *name)
{
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);

  WAIT_IDLE ();
  if (gtk_widget_get_mapped (widget))
    make_lazy_popovers (widget);
  walk (failures, widget);
  if (name != NULL)
    gui_test_save_screenshot (widget, name);
  if (failures->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message, "%s shows %u English text(s):",
                              name ? name : G_OBJECT_TYPE_NAME (widget), failures->len);
      for (guint i = 0; i < failures->len; i++)
        g_string_append_printf (message, "\n  %s", (char *) failures->pdata[i]);
      g_test_message ("%s", message->str);
      g_test_fail ();
    }
}

typedef struct
{
  char          *data_dir;
  SitrepContext *context;
  char          *incident_id;
  SitrepWindow  *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->data_dir = g_dir_make_tmp ("sitrep-l10n-XXXXXX", NULL);
  f->context = sitrep_context_new (f->data_dir, &error);
  g_assert_no_error (error);
  sitrep_context_set_user (f->context, "dana");
  f->incident_id = sitrep_context_add_demo (f->context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->incident_id);

  f->window = sitrep_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (sitrep_window_select_incident (f->window, f->incident_id));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_free (f->incident_id);
  g_free (f->data_dir);
}

/* The interface really is in German: without the catalogue every check
 * below would pass on an English window. */
static void
test_catalogue_in_use (void)
{
  g_assert_cmpstr (_("Declare Incident"), !=, "Declare Incident");
  g_assert_cmpstr (sitrep_status_get_label (SITREP_STATUS_INVESTIGATING), ==, "In Untersuchung");
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const char *pages[] = { "overview", "roles", "checklist", "timeline", "comms",
                                 "postmortem" };
  AdwViewStack *stack = _sitrep_window_get_pages (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("l10n-page-%s.png", pages[i]);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.page", "s", pages[i]));
      WAIT_UNTIL (gtk_widget_get_mapped (adw_view_stack_get_child_by_name (stack, pages[i])));
      assert_german (GTK_WIDGET (f->window), name);
    }
}

static void
show_and_check (GtkWindow  *window,
                const char *name)
{
  if (!ADW_IS_MESSAGE_DIALOG (window))
    gtk_window_set_default_size (window, 1000, 700);
  gtk_window_present (window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));
  assert_german (GTK_WIDGET (window), name);
  gui_test_destroy (window);
}

static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  GtkWindow *parent = GTK_WINDOW (f->window);
  g_autoptr(SitrepNotifier) notifier = sitrep_notifier_new (NULL, f->context);
  g_autoptr(GError) db_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                    "file is not a database");
  GtkBuilder *builder;
  GtkWindow *shortcuts;

  show_and_check (GTK_WINDOW (sitrep_declare_dialog_new (parent, f->context)), "l10n-declare.png");
  show_and_check (GTK_WINDOW (sitrep_preferences_window_new (parent, f->context)), "l10n-preferences.png");
  show_and_check (GTK_WINDOW (sitrep_reports_window_new (parent, f->context)), "l10n-reports.png");
  show_and_check (GTK_WINDOW (sitrep_action_items_window_new (parent, f->context)), "l10n-action-items.png");
  show_and_check (GTK_WINDOW (sitrep_templates_window_new (parent, f->context, SITREP_AUDIENCE_STAKEHOLDERS)),
                  "l10n-templates.png");
  show_and_check (GTK_WINDOW (sitrep_briefing_dialog_new (parent, f->context, f->incident_id)),
                  "l10n-briefing.png");
  show_and_check (GTK_WINDOW (sitrep_wall_window_new (NULL, f->context)), "l10n-wall.png");
  show_and_check (GTK_WINDOW (sitrep_incident_action_items_window_present (parent, f->context,
                                                                          f->incident_id,
                                                                          "Checkout errors")),
                  "l10n-incident-action-items.png");
  show_and_check (GTK_WINDOW (sitrep_snooze_dialog_new (parent, f->context, notifier, f->incident_id,
                                                        SITREP_AUDIENCE_EXECUTIVES)),
                  "l10n-snooze.png");
  show_and_check (GTK_WINDOW (sitrep_page_dialog_new (parent, f->context, f->incident_id)),
                  "l10n-page-a-team.png");
  show_and_check (GTK_WINDOW (sitrep_database_dialog_new (NULL, "/tmp/sitrep.db", _("Database Damaged"),
                                                          db_error, FALSE)),
                  "l10n-database.png");

  /* The shortcuts window, as GtkApplication makes it from the resource;
   * walked unshown, because GTK 4.8 warns about a label of its own when
   * it is shown apart from an application window. */
  builder = gtk_builder_new_from_resource ("/io/github/sitrep/Sitrep/help-overlay.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  assert_german (GTK_WIDGET (shortcuts), NULL);
  g_clear_object (&builder);
  gtk_window_destroy (shortcuts);
}

/* What the notifications of the incident's deadlines say, at each level
 * and before and after they are due. */
static void
test_notifications (Fixture       *f,
                    gconstpointer  data)
{
  SitrepWorkspace *workspace = sitrep_context_open_workspace (f->context, f->incident_id);
  SitrepIncident *incident = sitrep_context_lookup_incident (f->context, f->incident_id);
  g_autoptr(GPtrArray) deadlines = sitrep_workspace_dup_deadlines (workspace);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  static const SitrepAlertLevel levels[] = { SITREP_ALERT_WARNING, SITREP_ALERT_OVERDUE };

  g_assert_cmpuint (deadlines->len, >, 0);
  for (guint i = 0; i < deadlines->len; i++)
    {
      const SitrepDeadline *d = deadlines->pdata[i];
      /* Ten minutes before it is due, and ten after. */
      g_autoptr(GDateTime) before = g_date_time_add_minutes (d->due, -10);
      g_autoptr(GDateTime) after = g_date_time_add_minutes (d->due, 10);

      for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
        {
          g_autofree char *upcoming = _sitrep_notifier_describe_due (d, levels[l], before);
          g_autofree char *overdue = _sitrep_notifier_describe_due (d, levels[l], after);
          g_autofree char *body = _sitrep_notifier_describe_body (incident, d, levels[l]);

          check_text (failures, GTK_WIDGET (f->window), "notification summary", upcoming);
          check_text (failures, GTK_WIDGET (f->window), "notification summary", overdue);
          check_text (failures, GTK_WIDGET (f->window), "notification body", body);
        }
    }
  for (guint i = 0; i < failures->len; i++)
    g_test_message ("%s", (char *) failures->pdata[i]);
  g_assert_cmpuint (failures->len, ==, 0);
}

/* An update's text is in the templates' language: the values it is
 * filled with stay English while the interface is German. */
static void
test_template_values (Fixture       *f,
                      gconstpointer  data)
{
  SitrepWorkspace *workspace = sitrep_context_open_workspace (f->context, f->incident_id);
  g_autoptr(GHashTable) values = sitrep_workspace_template_values (workspace);
  const char *duration = g_hash_table_lookup (values, "duration");

  g_assert_cmpstr (g_hash_table_lookup (values, "severity"), ==, "P1 (Critical)");
  g_assert_cmpstr (g_hash_table_lookup (values, "status"), ==,
                   sitrep_status_get_template_label (SITREP_STATUS_IDENTIFIED));
  g_assert_cmpstr (g_hash_table_lookup (values, "status"), ==, "Identified");
  g_assert_nonnull (duration);
  g_assert_true (g_str_has_suffix (duration, " min"));
  /* …while the interface says them in German. */
  g_assert_cmpstr (sitrep_severity_get_info (SITREP_SEVERITY_P1)->name, ==, "Kritisch");
}

int
main (int argc, char *argv[])
{
  /* gettext reads LANGUAGE in any locale but C: the suite runs in C.UTF-8. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gui_test_init (&argc, &argv);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  load_catalogue ();
  reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_test_add_func ("/l10n/catalogue-in-use", test_catalogue_in_use);
  g_test_add ("/l10n/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/l10n/dialogs", Fixture, NULL, fixture_set_up, test_dialogs, fixture_tear_down);
  g_test_add ("/l10n/notifications", Fixture, NULL, fixture_set_up, test_notifications,
              fixture_tear_down);
  g_test_add ("/l10n/template-values", Fixture, NULL, fixture_set_up, test_template_values,
              fixture_tear_down);

  return g_test_run ();
}
