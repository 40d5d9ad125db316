/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-bare-window.c: the yardstick of bench-startup, the smallest
 * libadwaita program there is: an AdwApplication (non-unique, like sitrep
 * with --data-dir) whose activate presents one empty AdwApplicationWindow
 * of sitrep's default size. It runs until it is killed. */

#include <adwaita.h>

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("org.example.BenchBareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
