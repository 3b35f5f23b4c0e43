/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV in and out: libcsv parses, uchardet tells the encoding (Excel on
 * Chinese Windows writes GB18030/GBK), GLib converts. */
#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <uchardet.h>

#include "gj-coords.h"
#include "gj-csv-preview.h"
#include "gj-io-private.h"

typedef struct
{
  GPtrArray *cells;      /* of char*: the row being read */
  GPtrArray *rows;       /* of GPtrArray* */
  GArray    *lines;      /* guint: the line each row starts on */
  guint      line;       /* the line being fed to the parser */
  guint      row_line;
} Reader;

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  Reader *r = user_data;

  if (r->cells->len == 0)
    r->row_line = r->line;
  g_ptr_array_add (r->cells, g_strndup (data ? data : "", len));
}

static void
on_row (int   c,
        void *user_data)
{
  Reader *r = user_data;
  gboolean empty = TRUE;

  for (guint i = 0; i < r->cells->len; i++)
    if (*(char *) r->cells->pdata[i] != '\0')
      empty = FALSE;

  /* Blank lines and rows of empty cells say nothing. */
  if (!empty)
    {
      g_ptr_array_add (r->rows, r->cells);
      g_array_append_val (r->lines, r->row_line);
      r->cells = g_ptr_array_new_with_free_func (g_free);
    }
  else
    g_ptr_array_set_size (r->cells, 0);
}

/* Text in UTF-8, whatever the file was in. */
static char *
to_utf8 (const char  *name,
         const char  *data,
         gsize        len,
         const char  *encoding,
         char       **detected,
         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *charset = NULL;
  char *out;

  if (encoding == NULL)
    {
      if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          *detected = g_strdup ("UTF-8 (BOM)");
          data += 3;
          len -= 3;
          encoding = "UTF-8";
        }
      else if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
        encoding = "UTF-16";
      else
        {
          uchardet_t ud = uchardet_new ();

          /* uchardet decides; only when it cannot tell (too little text)
           * does text that is valid UTF-8 count as UTF-8. */
          uchardet_handle_data (ud, data, len);
          uchardet_data_end (ud);
          charset = g_ascii_strup (uchardet_get_charset (ud), -1);
          uchardet_delete (ud);

          if (g_str_has_prefix (charset, "GB") || strcmp (charset, "HZ-GB-2312") == 0)
            encoding = "GB18030";
          else if (strcmp (charset, "ASCII") == 0 || strcmp (charset, "UTF-8") == 0)
            encoding = "UTF-8";
          else if (*charset != '\0')
            encoding = charset;
          else if (g_utf8_validate_len (data, len, NULL))
            encoding = "UTF-8";
          else
            {
              g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING,
                           _("%s: cannot tell the text encoding; save it as UTF-8 or give --encoding (e.g. GB18030)"), name);
              return NULL;
            }
        }
    }

  /* GBK and GB2312 are subsets of GB18030: read them all as GB18030. */
  if (g_ascii_strcasecmp (encoding, "GBK") == 0 || g_ascii_strcasecmp (encoding, "GB2312") == 0 ||
      g_ascii_strcasecmp (encoding, "CP936") == 0 || g_ascii_strcasecmp (encoding, "GB-18030") == 0)
    encoding = "GB18030";
  else if (g_ascii_strcasecmp (encoding, "UTF-8-SIG") == 0 || g_ascii_strcasecmp (encoding, "UTF8-SIG") == 0)
    encoding = "UTF-8";

  if (*detected == NULL)
    *detected = g_strdup (encoding);

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0)
    {
      const char *end;

      if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          len -= 3;
        }
      if (!g_utf8_validate_len (data, len, &end))
        {
          guint line = 1;

          for (const char *p = data; p < end; p++)
            if (*p == '\n')
              line++;
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING,
                       _("%s: line %u: not valid UTF-8; if the file comes from Excel, give --encoding GB18030"), name, line);
          return NULL;
        }
      return g_strndup (data, len);
    }

  out = g_convert (data, len, "UTF-8", encoding, NULL, NULL, &local_error);
  if (out == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING,
                   _("%s: cannot read the text as %s: %s"), name, encoding, local_error->message);
      return NULL;
    }
  /* A BOM that came through a conversion. */
  if (g_str_has_prefix (out, "\xEF\xBB\xBF"))
    memmove (out, out + 3, strlen (out + 3) + 1);
  return out;
}

/* The delimiter that splits the first lines most often, outside quotes.
 * A title row above the header has few, so several lines are counted. */
static char
guess_delimiter (const char *text)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint lines = 0;

  for (const char *p = text; *p && lines < 20; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == '\n' && !quoted)
        lines++;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          counts[i] += *p == candidates[i];
    }
  if (counts[2] > counts[0] && counts[2] >= counts[1])
    return '\t';
  if (counts[1] > counts[0])
    return ';';
  return ',';
}

static gboolean
parse_rows (const char  *name,
            const char  *text,
            char         delimiter,
            Reader      *r,
            GError     **error)
{
  struct csv_parser p;
  const char *line = text;

  if (csv_init (&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI) != 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: out of memory"), name);
      return FALSE;
    }
  csv_set_delim (&p, (unsigned char) delimiter);

  /* Fed a line at a time, so every row knows the line it started on. */
  r->line = 0;
  while (*line)
    {
      const char *nl = strchr (line, '\n');
      gsize n = nl ? (gsize) (nl - line + 1) : strlen (line);

      r->line++;
      if (csv_parse (&p, line, n, on_field, on_row, r) != n)
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                       csv_error (&p) == CSV_EPARSE
                       ? _("%s: line %u: a quote mark stands where it cannot (a quoted cell must start and end with one, and quotes inside it are doubled)")
                       : _("%s: line %u: cannot read the CSV"), name, r->line);
          csv_free (&p);
          return FALSE;
        }
      line += n;
    }
  if (csv_fini (&p, on_field, on_row, r) != 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                   _("%s: line %u: a quoted cell is never closed"), name, r->row_line);
      csv_free (&p);
      return FALSE;
    }
  csv_free (&p);
  return TRUE;
}

void
gj_csv_table_clear (GjCsvTable *table)
{
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_clear_pointer (&table->encoding, g_free);
}

gboolean
gj_csv_read_table (const char  *name,
                   const char  *data,
                   gsize        len,
                   const char  *encoding,
                   char         delimiter,
                   GjCsvTable  *table,
                   GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *detected = NULL;
  Reader r = { 0 };

  memset (table, 0, sizeof *table);
  text = to_utf8 (name, data ? data : "", data ? len : 0, encoding, &detected, error);
  if (text == NULL)
    return FALSE;
  if (delimiter == 0)
    delimiter = guess_delimiter (text);
  r.cells = g_ptr_array_new_with_free_func (g_free);
  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r.lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!parse_rows (name, text, delimiter, &r, error))
    {
      g_ptr_array_unref (r.cells);
      g_ptr_array_unref (r.rows);
      g_array_unref (r.lines);
      return FALSE;
    }
  g_ptr_array_unref (r.cells);
  table->rows = r.rows;
  table->lines = r.lines;
  table->encoding = g_steal_pointer (&detected);
  table->delimiter = delimiter;
  return TRUE;
}

gboolean
gj_csv_import (GjStore                *store,
               const char             *path,
               GBytes                 *bytes,
               const GjImportOptions  *options,
               GjProgressFunc          progress,
               gpointer                user_data,
               GCancellable           *cancellable,
               GjImportResult         *result,
               GError                **error)
{
  GjCsvOptions copts = { 0 };
  GjCsvImportCounts counts = { 0 };
  g_autoptr(GjCsvPreview) preview = NULL;
  GjCrs crs = GJ_CRS_WGS84;

  copts.kind = options->kind;
  copts.encoding = options->encoding;
  copts.crs = options->crs;
  preview = gj_csv_preview_new_from_bytes (store, path, bytes, &copts, cancellable, error);
  if (preview == NULL)
    return FALSE;

  /* The same record again (its UUID, code or credit code) is updated, as
   * importing an edited export expects. */
  if (!gj_csv_preview_import_quiet (preview, store, GJ_DUPLICATES_UPDATE, GJ_CSV_IMPORT_CLEAR_EMPTY,
                                    progress, user_data, cancellable, &counts, error))
    return FALSE;

  if (options->crs != NULL)
    gj_crs_from_string (options->crs, &crs);
  result->kind = g_strdup (gj_csv_preview_get_kind (preview));
  result->format = g_strdup ("CSV");
  result->encoding = g_strdup (gj_csv_preview_get_encoding (preview));
  result->crs = crs;
  result->inserted = counts.created;
  /* As before: every row that found its stored record counts as updated,
   * changed or not (under "update" nothing else is skipped). */
  result->updated = counts.updated + counts.filled + counts.skipped;
  result->skipped = 0;
  result->notes = g_strdup (gj_csv_preview_get_notes (preview));
  return TRUE;
}

/* Export ------------------------------------------------------------------ */

void
gj_csv_append_cell (GString    *line,
                    const char *value,
                    gboolean    first)
{
  gboolean quote;

  if (!first)
    g_string_append_c (line, ',');
  if (value == NULL)
    return;

  /* A cell Excel would run as a formula is neutralised with a quote mark. */
  quote = strpbrk (value, ",\"\r\n") != NULL || g_ascii_isspace (value[0]);
  if (strchr ("=+-@\t\r", value[0]) != NULL && value[0] != '\0')
    {
      g_string_append (line, "\"'");
      quote = TRUE;
    }
  else if (quote)
    g_string_append_c (line, '"');

  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

static char *
member_text (JsonObject *props,
             const char *key)
{
  JsonNode *node = json_object_get_member (props, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      if (t == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (t == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (t == G_TYPE_DOUBLE)
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", json_node_get_double (node)));
      if (t == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    }
  return json_to_string (node, FALSE);
}

gboolean
gj_csv_export (GjStore         *store,
               const char      *path,
               const char      *kind,
               GjProgressFunc   progress,
               gpointer         user_data,
               GCancellable    *cancellable,
               guint           *n_written,
               GError         **error)
{
  const GjKindMap *map = gj_io_kind_map (kind);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) all_props = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  guint n;

  if (!gj_io_collect_table (store, map, &keys, &all_props, error))
    return FALSE;
  n = all_props->len;

  for (guint k = 0; k < keys->len; k++)
    gj_csv_append_cell (out, keys->pdata[k], k == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n; i++)
    {
      JsonObject *props = all_props->pdata[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint k = 0; k < keys->len; k++)
        {
          g_autofree char *value = member_text (props, keys->pdata[k]);

          gj_csv_append_cell (out, value, k == 0);
        }
      g_string_append (out, "\r\n");
      if (progress && (i % 64 == 0 || i + 1 == n))
        progress (i + 1, n, user_data);
    }

  /* g_file_set_contents writes a temporary file and renames it. */
  if (!g_file_set_contents (path, out->str, out->len, error))
    return FALSE;
  if (n_written)
    *n_written = n;
  return TRUE;
}
