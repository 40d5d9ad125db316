/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Each page of the demo incident at 1.5× text (the GtkSettings DPI a
 * "Large Text" desktop gives GTK: 144 instead of 96): no label that can
 * neither wrap nor ellipsize runs past the edge of its window or of the
 * scrolled view it is in, where its end would be cut off. With
 * $SITREP_TEST_SCREENSHOTS set, each page is saved as large-PAGE.png. */

#include "config.h"

#include "gui-test-apps.h"

typedef struct
{
  GuiTestApp  app;
  char       *incident_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  gui_test_app_start (&f->app, NULL, "alice", NULL);
  f->incident_id = sitrep_context_add_demo (f->app.context, &error);
  g_assert_no_error (error);
  gui_test_app_open_page (&f->app, f->incident_id, "overview");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gui_test_app_stop (&f->app);
  g_free (f->incident_id);
}

static gboolean
can_shrink (GtkLabel *label)
{
  return gtk_label_get_wrap (label) || gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE;
}

/* The area @widget is seen through without a way to scroll sideways: its
 * nearest scrolled window that does not scroll horizontally, or the
 * window. */
static GtkWidget *
viewport_of (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkPolicyType hpolicy;

      if (GTK_IS_NATIVE (w))
        return w;
      if (!GTK_IS_SCROLLED_WINDOW (w))
        continue;
      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (w), &hpolicy, NULL);
      if (hpolicy == GTK_POLICY_NEVER || hpolicy == GTK_POLICY_EXTERNAL)
        return w;
      /* It scrolls: whatever is wider can be reached. */
      return NULL;
    }
  return NULL;
}

static void
find_clipped (GtkWidget  *widget,
              const char *page,
              GString    *clipped)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget) && !can_shrink (GTK_LABEL (widget)) &&
      gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    {
      GtkWidget *view = viewport_of (widget);
      graphene_rect_t bounds;

      /* GTK gives a label at least its minimum width, so what can be cut
       * off is what reaches past the edge of the view it is seen in. */
      if (view == NULL)
        goto children;
      if (gtk_widget_compute_bounds (widget, view, &bounds) &&
          (bounds.origin.x < -0.5 ||
           bounds.origin.x + bounds.size.width > gtk_widget_get_width (view) + 0.5))
        g_string_append_printf (clipped, "  [%s] \"%s\" (%s at x %.0f, %.0f wide, in %d)\n", page,
                                gtk_label_get_text (GTK_LABEL (widget)),
                                gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget))
                                ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : "GtkLabel",
                                bounds.origin.x, bounds.size.width, gtk_widget_get_width (view));
    }

children:
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_clipped (c, page, clipped);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const char *pages[] = {
    "overview", "roles", "checklist", "timeline", "comms", "postmortem",
  };
  GtkWidget *window = GTK_WIDGET (f->app.window);
  AdwViewStack *stack = _sitrep_window_get_pages (f->app.window);
  g_autoptr(GString) clipped = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("large-%s.png", pages[i]);

      g_assert_true (gtk_widget_activate_action (window, "win.page", "s", pages[i]));
      WAIT_UNTIL (gtk_widget_get_mapped (adw_view_stack_get_child_by_name (stack, pages[i])));
      WAIT_IDLE ();
      {
        GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (window),
                                                                  gtk_native_get_surface (GTK_NATIVE (window)));
        GdkRectangle screen;

        gdk_monitor_get_geometry (monitor, &screen);
        if (gtk_widget_get_width (window) > screen.width)
          g_string_append_printf (clipped, "  [%s] the window is %d wide, wider than the %d of the screen\n",
                                  pages[i], gtk_widget_get_width (window), screen.width);
      }
      find_clipped (window, pages[i], clipped);
      gui_test_save_screenshot (window, name);
    }

  if (clipped->len > 0)
    g_test_fail_printf ("Labels cut off at 1.5× text:\n%s", clipped->str);
}

int
main (int   argc,
      char *argv[])
{
  gui_test_init (&argc, &argv);

  /* 96 dpi × 1.5, in GtkSettings' 1024ths. */
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", 144 * 1024, NULL);
  /* Squeezers and revealers settle at once: what is checked and saved is
   * where they end, not a frame of their transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  /* The app's style sheet, which an AdwApplication would load: the
   * badges and chips take the room they take in the app. */
  {
    GtkCssProvider *css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/sitrep/Sitrep/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    g_object_unref (css);
  }

  g_test_add ("/gui/large-text/pages", Fixture, NULL, fixture_set_up, test_pages,
              fixture_tear_down);

  return g_test_run ();
}
