/* SPDX-License-Identifier: GPL-3.0-or-later */
/* replay.c: runs every file of the given corpus folders (or files) through
 * a fuzz target's entry point once, so that the normal test suite replays
 * the seeds and every crash ever found without libFuzzer */

#include "config.h"

#include <glib.h>

#include "fuzz-entry.h"

static guint
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint n = 0;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (g_ptr_array_index (names, i));
      return n;
    }

  if (!g_file_get_contents (path, &data, &size, &error))
    g_error ("%s", error->message);

  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, size);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, size);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      g_printerr ("usage: %s CORPUS-FOLDER-OR-FILE...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);

  g_print ("# replayed %u inputs\n", n);
  return n > 0 ? 0 : 1;
}
