/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-server-delivery-http.c: what the providers' requests and answers
 * have in common: a JSON body, and what an answer means for the delivery
 * (2xx delivered; network errors, 5xx and 429 retried; the rest final,
 * with the provider's own words) */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-server-delivery-private.h"
#include "sitrep-server-private.h"

/* The most of a provider's answer kept as the error */
#define MAX_MESSAGE_CHARS 500

/**
 * _sitrep_delivery_json_message:
 *
 * Returns: (transfer full) (nullable): a request with @json as its body,
 *   or %NULL when @url is not one
 */
SoupMessage *
_sitrep_delivery_json_message (const char *method,
                               const char *url,
                               JsonNode   *json)
{
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg = soup_message_new (method, url);
  char *text;

  if (msg == NULL)
    return NULL;

  text = json_to_string (json, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/json");
  return msg;
}

/* The provider's own words: PagerDuty's `message` and `errors`,
 * Statuspage's `error`, or the answer's text. */
static char *
provider_words (GBytes *answer)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) words = g_string_new (NULL);
  gsize size = 0;
  const char *data = answer != NULL ? g_bytes_get_data (answer, &size) : NULL;
  JsonNode *root;

  if (data == NULL || size == 0)
    return NULL;

  if (json_parser_load_from_data (parser, data, (gssize) size, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      static const char * const members[] = { "message", "error", "errors" };

      for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
        {
          JsonNode *node = json_object_get_member (object, members[i]);

          if (node == NULL)
            continue;
          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_string_append_printf (words, "%s%s", words->len > 0 ? ": " : "",
                                    json_node_get_string (node));
          else if (JSON_NODE_HOLDS_ARRAY (node))
            {
              JsonArray *array = json_node_get_array (node);

              for (guint j = 0; j < json_array_get_length (array); j++)
                {
                  JsonNode *element = json_array_get_element (array, j);

                  if (JSON_NODE_HOLDS_VALUE (element)
                      && json_node_get_value_type (element) == G_TYPE_STRING)
                    g_string_append_printf (words, "%s%s",
                                            words->len == 0 ? "" : (j == 0 ? ": " : "; "),
                                            json_node_get_string (element));
                }
            }
        }
    }

  if (words->len == 0 && g_utf8_validate (data, (gssize) size, NULL))
    g_string_append_len (words, data, (gssize) size);

  g_strstrip (words->str);
  words->len = strlen (words->str);
  if (words->len == 0)
    return NULL;
  if (g_utf8_strlen (words->str, -1) > MAX_MESSAGE_CHARS)
    g_string_truncate (words, g_utf8_offset_to_pointer (words->str, MAX_MESSAGE_CHARS)
                              - words->str);
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/**
 * _sitrep_delivery_classify:
 * @error: (nullable): the transport's error
 * @subject: the provider, as a sentence starts with it ("The webhook")
 * @object: the provider, within a sentence ("the webhook")
 * @message: (out): for an outcome other than delivered, what went wrong
 *
 * Returns: what the answer means for the delivery
 */
SitrepDeliveryOutcome
_sitrep_delivery_classify (SoupMessage   *msg,
                           GBytes        *answer,
                           const GError  *error,
                           const char    *subject,
                           const char    *object,
                           char         **message)
{
  guint status = soup_message_get_status (msg);
  g_autofree char *words = NULL;

  *message = NULL;
  if (error != NULL)
    {
      *message = g_strdup_printf (_("Cannot reach %s: %s"), object, error->message);
      return SITREP_DELIVERY_RETRY;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return SITREP_DELIVERY_DELIVERED;

  words = provider_words (answer);
  if (words == NULL)
    words = g_strdup (soup_message_get_reason_phrase (msg));
  *message = g_strdup_printf (_("%s answered %u: %s"), subject, status,
                              words != NULL ? words : "");

  if (status >= 500 || status == SITREP_STATUS_TOO_MANY_REQUESTS)
    return SITREP_DELIVERY_RETRY;
  return SITREP_DELIVERY_FAILED;
}
