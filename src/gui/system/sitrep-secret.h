/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     sitrep_secret_store_token_async   (const char           *server_url,
                                            const char           *token,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean sitrep_secret_store_token_finish  (GAsyncResult         *result,
                                            GError              **error);
void     sitrep_secret_lookup_token_async  (const char           *server_url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
char    *sitrep_secret_lookup_token_finish (GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
