/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-sqlite.h: the SQLite backend of the server's storage */

#pragma once

#include "sitrep-server-storage.h"

G_BEGIN_DECLS

SitrepServerStorage *sitrep_server_sqlite_open (const char  *path,
                                                GError     **error);

G_END_DECLS
