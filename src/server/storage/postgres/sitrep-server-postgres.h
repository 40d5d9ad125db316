/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-postgres.h: the PostgreSQL backend of the server's storage */

#pragma once

#include "sitrep-server-storage.h"

G_BEGIN_DECLS

/* The schema version this build creates and migrates to. */
#define SITREP_SERVER_POSTGRES_SCHEMA_VERSION 1

SitrepServerStorage *sitrep_server_postgres_open (const char  *conninfo,
                                                  GError     **error);

G_END_DECLS
