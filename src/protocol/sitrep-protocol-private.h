/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-private.h: reading members of the protocol's JSON, for
 * the protocol's own files */

#pragma once

#include "sitrep-protocol.h"

G_BEGIN_DECLS

gboolean      _sitrep_protocol_get_int             (JsonObject  *o,
                                                    const char  *member,
                                                    gint64      *out);
gboolean      _sitrep_protocol_get_bool            (JsonObject  *o,
                                                    const char  *member,
                                                    gboolean    *out);
const char   *_sitrep_protocol_get_nonempty_string (JsonObject  *o,
                                                    const char  *member);
const char   *_sitrep_protocol_get_nullable_string (JsonObject  *o,
                                                    const char  *member,
                                                    gboolean    *ok);
JsonArray    *_sitrep_protocol_get_array           (JsonObject  *o,
                                                    const char  *member);
gboolean      _sitrep_protocol_invalid             (GError     **error,
                                                    const char  *what);
gpointer      _sitrep_protocol_invalid_null        (GError     **error,
                                                    const char  *what);
SitrepRecord *_sitrep_protocol_parse_record        (JsonObject  *o,
                                                    GError     **error);

G_END_DECLS
