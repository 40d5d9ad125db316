/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sitrep-protocol-scan.c: the one gate untrusted text passes before any
 * parser sees it
 *
 * JSON text is checked in a single pass against the whole JSON grammar
 * (RFC 8259, nothing more: no comments, no single quotes, no bare words):
 * valid UTF-8, no NUL raw or escaped, no surrogate but in a pair, no
 * unknown escape, no raw control character in a string, no number json-glib
 * cannot hold, nested at most so deep and at most so large. Only text that passes reaches json-glib, so
 * what the scan took for a string json-glib takes for the same string, and
 * json-glib's recursive parser never sees more nesting than was counted.
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sitrep-protocol-scan.h"

G_DEFINE_QUARK (sitrep-protocol-scan-error-quark, sitrep_protocol_scan_error)

/* The deepest nesting any caller may ask for: the stack of open brackets
 * is this big. */
#define STACK_MAX 64

typedef struct {
  const guchar *start;
  const guchar *p;
  const guchar *end;
  GError      **error;
} Scan;

static gboolean
invalid (Scan       *s,
         const char *what)
{
  g_set_error (s->error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
               _("Invalid JSON at byte %lu: %s"),
               (gulong) (s->p - s->start), what);
  return FALSE;
}

static void
skip_space (Scan *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
    s->p++;
}

static gboolean
scan_hex4 (Scan     *s,
           gunichar *out)
{
  gunichar u = 0;

  if (s->end - s->p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (s->p[i]);

      if (digit < 0)
        return FALSE;
      u = u * 16 + (gunichar) digit;
    }

  s->p += 4;
  *out = u;
  return TRUE;
}

/* After a backslash and a `u`: one character, or a surrogate pair. */
static gboolean
scan_unicode_escape (Scan *s)
{
  gunichar u, low;

  if (!scan_hex4 (s, &u))
    return invalid (s, _("a \\u escape needs four hex digits"));
  if (u == 0)
    return invalid (s, _("\\u0000 (NUL) is not allowed in text"));
  if (u >= 0xDC00 && u <= 0xDFFF)
    return invalid (s, _("a low surrogate without its high surrogate"));
  if (u < 0xD800 || u > 0xDBFF)
    return TRUE;

  if (s->end - s->p < 2 || s->p[0] != '\\' || s->p[1] != 'u')
    return invalid (s, _("a high surrogate without its low surrogate"));
  s->p += 2;
  if (!scan_hex4 (s, &low) || low < 0xDC00 || low > 0xDFFF)
    return invalid (s, _("a high surrogate without its low surrogate"));

  return TRUE;
}

/* At the opening quote; leaves @s after the closing one. */
static gboolean
scan_string (Scan *s)
{
  s->p++;
  while (s->p < s->end)
    {
      guchar c = *s->p;
      gunichar ch;

      if (c == '"')
        {
          s->p++;
          return TRUE;
        }

      if (c == '\\')
        {
          s->p++;
          if (s->p == s->end)
            break;
          c = *s->p++;
          if (c == 'u')
            {
              if (!scan_unicode_escape (s))
                return FALSE;
            }
          else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
            return invalid (s, _("an unknown escape in a string"));
          continue;
        }

      if (c == '\0')
        return invalid (s, _("a NUL byte"));
      if (c < 0x20)
        return invalid (s, _("a control character in a string"));
      if (c < 0x80)
        {
          s->p++;
          continue;
        }

      /* Rejects overlong forms, surrogates and what is past U+10FFFF. */
      ch = g_utf8_get_char_validated ((const char *) s->p, s->end - s->p);
      if (ch == (gunichar) -1 || ch == (gunichar) -2)
        return invalid (s, _("not valid UTF-8"));
      s->p = (const guchar *) g_utf8_next_char (s->p);
    }

  return invalid (s, _("a string without its closing quote"));
}

static gboolean
scan_digits (Scan *s)
{
  const guchar *first = s->p;

  while (s->p < s->end && g_ascii_isdigit (*s->p))
    s->p++;
  return s->p > first;
}

/* json-glib reads an integer into 64 bits and anything else into a
 * double, silently: a number it cannot hold would come back as another
 * number, or be written out as `inf.0`, which is not JSON. */
static gboolean
number_fits (const guchar *start,
             const guchar *end,
             gboolean      integer)
{
  g_autofree char *text = g_strndup ((const char *) start, end - start);
  char *rest = NULL;

  errno = 0;
  if (integer)
    {
      g_ascii_strtoll (text, &rest, 10);
      return errno == 0 && *rest == '\0';
    }

  return isfinite (g_ascii_strtod (text, &rest)) && *rest == '\0';
}

static gboolean
scan_number (Scan *s)
{
  const guchar *start = s->p;
  gboolean integer = TRUE;

  if (*s->p == '-')
    s->p++;
  if (s->p < s->end && *s->p == '0')
    s->p++;
  else if (!scan_digits (s))
    return invalid (s, _("a malformed number"));

  if (s->p < s->end && *s->p == '.')
    {
      integer = FALSE;
      s->p++;
      if (!scan_digits (s))
        return invalid (s, _("a malformed number"));
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      integer = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (!scan_digits (s))
        return invalid (s, _("a malformed number"));
    }

  if (!number_fits (start, s->p, integer))
    return invalid (s, _("a number too large to hold"));

  return TRUE;
}

static gboolean
scan_word (Scan *s)
{
  static const char * const words[] = { "true", "false", "null" };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if ((gsize) (s->end - s->p) >= n && memcmp (s->p, words[i], n) == 0)
        {
          s->p += n;
          return TRUE;
        }
    }

  return invalid (s, _("an unexpected character"));
}

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_CLOSE,   /* just after `[` */
  EXPECT_KEY,
  EXPECT_KEY_OR_CLOSE,     /* just after `{` */
  EXPECT_COLON,
  EXPECT_NEXT,             /* after a value: `,`, a closing bracket, or the end */
} Expect;

/**
 * sitrep_protocol_scan_json:
 * @data: untrusted text, not necessarily nul-terminated
 * @len: its length in bytes
 * @max_size: the largest text accepted
 * @max_depth: the deepest nesting accepted (at most 64)
 *
 * Checks that @data is one JSON value that any parser reads the same:
 * nothing but RFC 8259 JSON, valid UTF-8 without NUL (raw or `\u0000`) or
 * lone surrogates (raw or escaped), at most @max_depth arrays and objects
 * deep and at most @max_size bytes.
 *
 * Returns: %TRUE if it is, or %FALSE with @error set
 *   (%SITREP_PROTOCOL_SCAN_ERROR)
 */
gboolean
sitrep_protocol_scan_json (const char  *data,
                           gsize        len,
                           gsize        max_size,
                           guint        max_depth,
                           GError     **error)
{
  Scan s = { (const guchar *) data, (const guchar *) data, (const guchar *) data + len, error };
  guchar stack[STACK_MAX];
  Expect expect = EXPECT_VALUE;
  guint depth = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (max_depth <= STACK_MAX, FALSE);

  if (len > max_size)
    {
      g_set_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE,
                   _("JSON text is larger than %lu bytes"), (gulong) max_size);
      return FALSE;
    }

  for (;;)
    {
      guchar c;

      skip_space (&s);
      if (s.p == s.end)
        {
          if (expect == EXPECT_NEXT && depth == 0)
            return TRUE;
          return invalid (&s, _("the text ends too early"));
        }
      c = *s.p;

      switch (expect)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              s.p++;
              depth--;
              expect = EXPECT_NEXT;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (c == '{' || c == '[')
            {
              if (depth >= max_depth)
                {
                  g_set_error (error, SITREP_PROTOCOL_SCAN_ERROR,
                               SITREP_PROTOCOL_SCAN_ERROR_TOO_DEEP,
                               _("JSON is nested deeper than %u levels"), max_depth);
                  return FALSE;
                }
              stack[depth++] = c;
              s.p++;
              expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              break;
            }
          if (c == '"' ? !scan_string (&s)
              : c == '-' || g_ascii_isdigit (c) ? !scan_number (&s)
              : !scan_word (&s))
            return FALSE;
          expect = EXPECT_NEXT;
          break;

        case EXPECT_KEY_OR_CLOSE:
          if (c == '}')
            {
              s.p++;
              depth--;
              expect = EXPECT_NEXT;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_KEY:
          if (c != '"')
            return invalid (&s, _("a member name must be a string"));
          if (!scan_string (&s))
            return FALSE;
          expect = EXPECT_COLON;
          break;

        case EXPECT_COLON:
          if (c != ':')
            return invalid (&s, _("a member name must be followed by a colon"));
          s.p++;
          expect = EXPECT_VALUE;
          break;

        case EXPECT_NEXT:
        default:
          if (depth == 0)
            return invalid (&s, _("text after the value"));
          if (c == ',')
            expect = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
          else if ((c == '}' && stack[depth - 1] == '{') || (c == ']' && stack[depth - 1] == '['))
            depth--;
          else
            return invalid (&s, _("an unexpected character"));
          s.p++;
          break;
        }
    }
}

/**
 * sitrep_protocol_scan_text:
 * @data: an untrusted string (an id, a query parameter), not necessarily
 *   nul-terminated
 * @len: its length in bytes
 * @max_size: the longest accepted
 *
 * Returns: %TRUE if @data is valid UTF-8 without NUL or surrogates and at
 *   most @max_size bytes, or %FALSE with @error set
 */
gboolean
sitrep_protocol_scan_text (const char  *data,
                           gsize        len,
                           gsize        max_size,
                           GError     **error)
{
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len > max_size)
    {
      g_set_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_TOO_LARGE,
                   _("Text is longer than %lu bytes"), (gulong) max_size);
      return FALSE;
    }

  /* With a length, g_utf8_validate_len() refuses NUL bytes too. */
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                           _("Text is not valid UTF-8 or holds a NUL"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sitrep_protocol_parse_object_bounded:
 * @data: untrusted JSON text, not necessarily nul-terminated
 * @len: its length in bytes
 * @max_size: the largest text accepted
 * @max_depth: the deepest nesting accepted (at most 64)
 *
 * Scans @data (sitrep_protocol_scan_json()), then parses it; it must be an
 * object.
 *
 * Returns: (transfer full): a mutable object, or %NULL with @error set in
 *   the %SITREP_PROTOCOL_SCAN_ERROR domain
 */
JsonObject *
sitrep_protocol_parse_object_bounded (const char  *data,
                                      gsize        len,
                                      gsize        max_size,
                                      guint        max_depth,
                                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    {
      g_set_error_literal (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                           _("No JSON text"));
      return NULL;
    }

  if (!sitrep_protocol_scan_json (data, len, max_size, max_depth, error))
    return NULL;

  /* Mutable, so callers may edit what they get back. */
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_set_error_literal (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                           local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                           _("JSON text is not an object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * sitrep_protocol_parse_object:
 * @text: (nullable): untrusted, nul-terminated JSON text
 *
 * Parses an object of at most %SITREP_PROTOCOL_MAX_TEXT bytes nested at
 * most %SITREP_PROTOCOL_MAX_DEPTH deep, as a request body must be.
 *
 * Returns: (transfer full) (nullable): the object, or %NULL with @error set
 */
JsonObject *
sitrep_protocol_parse_object (const char  *text,
                              GError     **error)
{
  /* Stop counting past the limit: no need to walk a gigabyte to refuse it. */
  gsize len = text != NULL ? strnlen (text, SITREP_PROTOCOL_MAX_TEXT + 1) : 0;

  return sitrep_protocol_parse_object_bounded (text, len, SITREP_PROTOCOL_MAX_TEXT,
                                               SITREP_PROTOCOL_MAX_DEPTH, error);
}

/**
 * sitrep_protocol_parse_stored:
 * @text: (nullable): a body as stored, which passed the scan when it came in
 *
 * Parses a stored body of any size: a record may grow past what one
 * request can carry, and reading it back must not lose it.
 *
 * Returns: (transfer full) (nullable): the object, or %NULL with @error set
 */
JsonObject *
sitrep_protocol_parse_stored (const char  *text,
                              GError     **error)
{
  return sitrep_protocol_parse_object_bounded (text, text != NULL ? strlen (text) : 0,
                                               G_MAXSIZE, SITREP_PROTOCOL_MAX_DEPTH, error);
}

static char *
decode_component (const char  *text,
                  gsize        len,
                  GError     **error)
{
  g_autofree char *plus = g_strndup (text, len);
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  /* A form's `+` is a space. */
  g_strdelimit (plus, "+", ' ');
  bytes = g_uri_unescape_bytes (plus, -1, NULL, NULL);
  if (bytes == NULL)
    {
      g_set_error_literal (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                           /* xgettext:no-c-format */
                           _("A query parameter has a malformed %-escape"));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!sitrep_protocol_scan_text (data, size, SITREP_PROTOCOL_MAX_TEXT, error))
    return NULL;

  return g_strndup (data, size);
}

/**
 * sitrep_protocol_parse_query:
 * @query: (nullable): the query of a URI as it was sent, still %-escaped
 *
 * Splits a query into its parameters, each name and value decoded and
 * scanned like any other untrusted text. A name given twice, a malformed
 * escape and a value with a NUL, a surrogate or invalid UTF-8 make the
 * whole query invalid.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the parameters, or
 *   %NULL with @error set (%SITREP_PROTOCOL_SCAN_ERROR)
 */
GHashTable *
sitrep_protocol_parse_query (const char  *query,
                             GError     **error)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) parts = NULL;

  if (query == NULL || *query == '\0')
    return g_steal_pointer (&params);

  if (!sitrep_protocol_scan_text (query, strlen (query), SITREP_PROTOCOL_MAX_TEXT, error))
    return NULL;

  parts = g_strsplit (query, "&", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strchr (parts[i], '=');
      gsize name_len = eq != NULL ? (gsize) (eq - parts[i]) : strlen (parts[i]);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (*parts[i] == '\0')
        continue;

      name = decode_component (parts[i], name_len, error);
      if (name == NULL)
        return NULL;
      value = decode_component (eq != NULL ? eq + 1 : "", eq != NULL ? strlen (eq + 1) : 0,
                                error);
      if (value == NULL)
        return NULL;

      if (g_hash_table_contains (params, name))
        {
          g_set_error (error, SITREP_PROTOCOL_SCAN_ERROR, SITREP_PROTOCOL_SCAN_ERROR_INVALID,
                       _("The query parameter %s is given twice"), name);
          return NULL;
        }
      g_hash_table_insert (params, g_steal_pointer (&name), g_steal_pointer (&value));
    }

  return g_steal_pointer (&params);
}
