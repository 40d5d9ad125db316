/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-push.c: POST /v1/push
 *
 * The request is parsed and checked as a whole on the main thread; the
 * writer thread then applies it in one transaction: retries (mid <=
 * last_mid) get their stored result back, new mutations are validated,
 * compared-and-set against base_version, written as changes, and their
 * results stored under (client_id, mid) in the same transaction, so a
 * retry after a crash sees exactly what was committed.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-json.h"
#include "sitrep-protocol-scan.h"
#include "sitrep-protocol-push.h"
#include "sitrep-record.h"
#include "sitrep-time.h"
#include "sitrep-server-private.h"
#include "sitrep-server-apply.h"

typedef struct {
  SitrepProtocolPush *push;
  char               *actor;
  SitrepServerRole    role;
} PushJob;

static void
push_job_free (gpointer data)
{
  PushJob *job = data;

  sitrep_protocol_push_free (job->push);
  g_free (job->actor);
  g_free (job);
}

/* PROTOCOL.md: templates and the service catalogue are the admins'. */
static gboolean
may_write (SitrepServerRole  role,
           const char       *coll)
{
  if (g_str_equal (coll, "services") || g_str_equal (coll, "templates"))
    return role >= SITREP_SERVER_ROLE_ADMIN;
  return role >= SITREP_SERVER_ROLE_RESPONDER;
}

static gboolean
version_matches (const SitrepServerRecord *current,
                 gint64                    base_version)
{
  if (current == NULL)
    return base_version == 0;
  return current->version == base_version;
}

/* The whole new body of a patch: the stored one with @fields set on it. */
static JsonObject *
merge_patch (const SitrepServerRecord *current,
             JsonObject               *fields)
{
  g_autoptr(JsonObject) merged = sitrep_protocol_parse_stored (current->body, NULL);

  /* What was stored passed the scan on its way in, whatever its size. */
  if (merged == NULL)
    return NULL;
  sitrep_protocol_merge_patch (merged, fields);

  return g_steal_pointer (&merged);
}

/* Returns the result of @m, or %NULL with @error set when the storage
 * failed (and the whole push must be rolled back). */
static char *
apply_mutation (SitrepServerStorage       *storage,
                const SitrepMutation      *m,
                const SitrepServerAuthor  *author,
                SitrepServerRole           role,
                gboolean                  *changed,
                GError                   **error)
{
  g_autoptr(SitrepServerRecord) current = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) invalid = NULL;
  SitrepServerAuthor this_author = *author;
  gint64 seq;

  this_author.mid = m->mid;

  if (m->problem != NULL)
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_BAD_REQUEST, m->problem);

  if (!may_write (role, m->coll))
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_FORBIDDEN,
                                            _("Only an admin token may change this collection"));

  if (m->op == SITREP_MUTATION_PUT
      && !sitrep_record_validate (m->coll, m->id, m->data, &invalid))
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_BAD_REQUEST,
                                            invalid->message);
  if (m->op == SITREP_MUTATION_PATCH
      && !sitrep_record_validate_patch (m->coll, m->data, &invalid))
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_BAD_REQUEST,
                                            invalid->message);

  if (!storage->vtable->get_record (storage, m->coll, m->id, &current, error))
    return NULL;

  if (m->op != SITREP_MUTATION_PUT && (current == NULL || current->deleted))
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_NOT_FOUND,
                                            _("No such record"));

  if (m->base_version >= 0 && !version_matches (current, m->base_version))
    return sitrep_protocol_result_conflict (m->mid, current);

  switch (m->op)
    {
    case SITREP_MUTATION_PUT:
      body = sitrep_json_copy (m->data);
      break;

    case SITREP_MUTATION_PATCH:
      body = merge_patch (current, m->data);
      /* Text an older server let in: merging would lose the record. */
      if (body == NULL)
        return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_BAD_REQUEST,
                                                _("The stored record cannot be read; "
                                                  "put it whole instead"));
      /* The fields were fine one by one; the record must be too as a whole
       * (a role's incident_id must still match its id, for one). */
      if (!sitrep_record_validate (m->coll, m->id, body, &invalid))
        return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_BAD_REQUEST,
                                                invalid->message);
      break;

    case SITREP_MUTATION_DELETE:
    default:
      break;
    }

  /* A delivery's outcome is written by the server alone. */
  sitrep_server_keep_delivery (current, m->coll, body);

  /* Never stored cut short, never reset: refused whole. */
  if (!sitrep_server_body_fits (body, &invalid))
    return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_TOO_LARGE, invalid->message);

  if (body != NULL && g_str_equal (m->coll, "incidents")
      && !sitrep_server_keep_ref (storage, current, body, error))
    return NULL;

  if (!sitrep_server_write_change (storage, &this_author, sitrep_mutation_op_to_string (m->op),
                                   m->coll, m->id, body, &seq, &invalid))
    {
      if (!g_error_matches (invalid, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE))
        {
          g_propagate_error (error, g_steal_pointer (&invalid));
          return NULL;
        }
      /* The ref made it just too large; nothing was written. */
      return sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_TOO_LARGE,
                                              invalid->message);
    }

  *changed = TRUE;
  return sitrep_protocol_result_applied (m->mid, seq);
}

static guint
fail_storage (SitrepServerStorage  *storage,
              const GError         *error,
              char                **response)
{
  guint status;

  storage->vtable->rollback (storage);
  *response = _sitrep_server_storage_error_json (error, &status);
  return status;
}

static guint
push_write (SitrepServerStorage  *storage,
            gpointer              data,
            char                **response,
            gboolean             *changed)
{
  PushJob *job = data;
  GPtrArray *mutations = job->push->mutations;
  const char *client_id = job->push->client_id;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *ts = sitrep_time_now ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (g_free);
  SitrepServerAuthor author = { client_id, 0, job->actor, ts };
  gint64 last_mid, new_last_mid;

  if (!storage->vtable->begin_write (storage, &error)
      || !storage->vtable->get_client (storage, client_id, &owner, &last_mid, &error))
    return fail_storage (storage, error, response);

  if (owner != NULL && !g_str_equal (owner, job->actor))
    {
      storage->vtable->rollback (storage);
      *response = sitrep_protocol_error_json (SITREP_PROTOCOL_FORBIDDEN,
                                              _("This client_id belongs to another token"));
      return 403;
    }

  if (mutations->len > 0)
    {
      SitrepMutation *first = g_ptr_array_index (mutations, 0);

      /* first->mid - 1 cannot overflow (mids are positive); last_mid + 1 may */
      if (first->mid - 1 > last_mid)
        {
          g_autofree char *message =
            g_strdup_printf (_("The next mid of this client is %lld"),
                             (long long) (last_mid + 1));

          storage->vtable->rollback (storage);
          *response = sitrep_protocol_mid_gap_json (last_mid + 1, message);
          return 409;
        }
    }

  new_last_mid = last_mid;
  for (guint i = 0; i < mutations->len; i++)
    {
      SitrepMutation *m = g_ptr_array_index (mutations, i);
      g_autofree char *result = NULL;

      if (m->mid <= last_mid)
        {
          if (!storage->vtable->get_result (storage, client_id, m->mid, &result, &error))
            return fail_storage (storage, error, response);
          if (result == NULL)
            result = sitrep_protocol_result_rejected (m->mid, SITREP_PROTOCOL_NOT_FOUND,
                                                      _("No result is kept for this mid"));
        }
      else
        {
          result = apply_mutation (storage, m, &author, job->role, changed, &error);
          if (result == NULL
              || !storage->vtable->put_result (storage, client_id, m->mid, result, &error))
            return fail_storage (storage, error, response);
          new_last_mid = m->mid;
        }

      g_ptr_array_add (results, g_steal_pointer (&result));
    }

  if ((new_last_mid != last_mid || owner == NULL) && mutations->len > 0
      && !storage->vtable->set_client (storage, client_id, job->actor, new_last_mid, &error))
    return fail_storage (storage, error, response);

  if (!storage->vtable->commit (storage, &error))
    {
      *changed = FALSE;
      return fail_storage (storage, error, response);
    }

  *response = sitrep_protocol_push_answer_build (new_last_mid,
                                                 (const char * const *) results->pdata,
                                                 results->len);
  return 200;
}

/**
 * _sitrep_server_handle_push:
 *
 * `POST /v1/push`: a malformed request is refused as a whole (400, or 413
 * past 100 mutations); the rest happens on the writer thread.
 */
void
_sitrep_server_handle_push (SitrepServer      *self,
                            SoupServerMessage *msg,
                            JsonObject        *request)
{
  g_autoptr(GError) error = NULL;
  SitrepProtocolPush *push;
  PushJob *job;

  push = sitrep_protocol_push_parse (request, &error);
  if (push == NULL)
    {
      if (g_error_matches (error, SITREP_PROTOCOL_ERROR, SITREP_PROTOCOL_ERROR_TOO_LARGE))
        _sitrep_server_respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE,
                                      SITREP_PROTOCOL_TOO_LARGE, error->message);
      else
        _sitrep_server_respond_error (msg, SOUP_STATUS_BAD_REQUEST,
                                      SITREP_PROTOCOL_BAD_REQUEST, error->message);
      return;
    }

  job = g_new0 (PushJob, 1);
  job->push = push;
  job->actor = g_strdup (_sitrep_server_get_token (msg)->name);
  job->role = sitrep_server_role_from_string (_sitrep_server_get_token (msg)->role);
  _sitrep_server_run_write (self, msg, push_write, job, push_job_free);
}
