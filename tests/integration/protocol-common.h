/* SPDX-License-Identifier: GPL-3.0-or-later */
/* protocol-common.h: building pushes and checking their results
 *
 * Shared by the files of test-protocol (and the race and durability
 * tests). Mutations are written as JSON text, the way a reader of
 * PROTOCOL.md would write them by hand.
 */

#pragma once

#include "server-fixture.h"

G_BEGIN_DECLS

char       *mut_put            (gint64      mid,
                                const char *coll,
                                const char *id,
                                const char *body);
char       *mut_put_base       (gint64      mid,
                                const char *coll,
                                const char *id,
                                gint64      base_version,
                                const char *body);
char       *mut_patch          (gint64      mid,
                                const char *coll,
                                const char *id,
                                const char *fields);
char       *mut_patch_base     (gint64      mid,
                                const char *coll,
                                const char *id,
                                gint64      base_version,
                                const char *fields);
char       *mut_delete         (gint64      mid,
                                const char *coll,
                                const char *id,
                                gint64      base_version);
char       *incident_body      (const char *title,
                                const char *severity);
char       *timeline_body      (const char *incident_id,
                                const char *text);
char       *push_json          (const char *client_id,
                                const char *first_mutation,
                                ...) G_GNUC_NULL_TERMINATED;
char       *push_jsonv         (const char *client_id,
                                GPtrArray  *mutations);

JsonArray  *push_results       (SitrepTestServer *server,
                                const char       *token,
                                const char       *json,
                                gint64            expected_last_mid);
JsonObject *result_at          (JsonArray        *results,
                                guint             i);
gint64      _assert_applied    (JsonObject       *result,
                                gint64            mid,
                                const char       *file,
                                int               line);
void        _assert_rejected   (JsonObject       *result,
                                gint64            mid,
                                const char       *file,
                                int               line);
JsonObject *_assert_conflict   (JsonObject       *result,
                                gint64            mid,
                                const char       *file,
                                int               line);
guint       count_records      (JsonObject       *snapshot,
                                const char       *coll,
                                const char       *incident_id);
gboolean    json_equal_strings (JsonNode         *a,
                                JsonNode         *b);
char       *fill_id            (const char       *template_,
                                const char       *id);

/* Return the seq of an applied result, the current record of a conflict. */
#define assert_applied(result, mid) _assert_applied ((result), (mid), __FILE__, __LINE__)
#define assert_rejected(result, mid) _assert_rejected ((result), (mid), __FILE__, __LINE__)
#define assert_conflict(result, mid) _assert_conflict ((result), (mid), __FILE__, __LINE__)

#define TEST_TIME "2026-11-27T14:32:00Z"

void add_protocol_push_tests         (void);
void add_protocol_changes_tests      (void);
void add_protocol_alertmanager_tests (void);
void add_protocol_input_tests        (void);
void add_protocol_roles_tests        (void);

G_END_DECLS
