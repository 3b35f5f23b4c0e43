/* SPDX-License-Identifier: GPL-3.0-or-later */
/* CSV in and out: libcsv parses, uchardet tells the encoding (Excel on
 * Chinese Windows writes GB18030/GBK), GLib converts. */
#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <uchardet.h>

#include "gj-coords.h"
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
      else if (g_utf8_validate_len (data, len, NULL))
        encoding = "UTF-8";
      else
        {
          uchardet_t ud = uchardet_new ();

          uchardet_handle_data (ud, data, len);
          uchardet_data_end (ud);
          charset = g_ascii_strup (uchardet_get_charset (ud), -1);
          uchardet_delete (ud);

          /* GB2312 and GBK are subsets: decode all of them as GB18030, the
           * only one that carries every character Excel may have written. */
          if (g_str_has_prefix (charset, "GB") || strcmp (charset, "HZ-GB-2312") == 0)
            encoding = "GB18030";
          else if (*charset != '\0')
            encoding = charset;
          else
            {
              g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_ENCODING,
                           _("%s: cannot tell the text encoding; save it as UTF-8 or give --encoding (e.g. GB18030)"), name);
              return NULL;
            }
        }
    }

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

static unsigned char
guess_delimiter (const char *text)
{
  const char *nl = strchr (text, '\n');
  gsize n = nl ? (gsize) (nl - text) : strlen (text);
  guint commas = 0, semis = 0, tabs = 0;

  for (gsize i = 0; i < n; i++)
    {
      commas += text[i] == ',';
      semis += text[i] == ';';
      tabs += text[i] == '\t';
    }
  if (tabs > commas && tabs >= semis)
    return '\t';
  if (semis > commas)
    return ';';
  return ',';
}

static gboolean
parse_rows (const char  *name,
            const char  *text,
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
  csv_set_delim (&p, guess_delimiter (text));

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

static guint
filled_cells (GPtrArray *row)
{
  guint n = 0;

  for (guint i = 0; i < row->len; i++)
    if (*g_strstrip ((char *) row->pdata[i]) != '\0')
      n++;
  return n;
}

gboolean
gj_csv_import (GjStore                *store,
               const char             *path,
               GBytes                 *bytes,
               const GjImportOptions  *options,
               GjProgressFunc   progress,
               gpointer         user_data,
               GCancellable    *cancellable,
               GjImportResult  *result,
               GError         **error)
{
  g_autofree char *name = g_filename_display_name (path);
  const char *raw;
  g_autofree char *text = NULL;
  g_autofree char *detected = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree const GjColumn **columns = NULL;
  const GjKindMap *map;
  Reader r = { 0 };
  GPtrArray *header;
  GjLinks *links = NULL;
  guint first = 0;
  gsize len;
  gboolean ok = FALSE;
  gboolean has_name = FALSE;

  const char *kind = options->kind;
  const char *encoding = options->encoding;
  GjCrs crs = GJ_CRS_WGS84;

  if (options->crs != NULL && !gj_crs_from_string (options->crs, &crs))
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED,
                   _("%s: unknown coordinate system “%s” (known: wgs84, cgcs2000, gcj02, bd09)"), name, options->crs);
      return FALSE;
    }
  map = gj_io_kind_map (kind ? kind : "units");
  raw = g_bytes_get_data (bytes, &len);
  if (raw == NULL)
    raw = "";
  text = to_utf8 (name, raw, len, encoding, &detected, error);
  if (text == NULL)
    return FALSE;

  r.cells = g_ptr_array_new_with_free_func (g_free);
  r.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  r.lines = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!parse_rows (name, text, &r, error))
    goto out;

  if (r.rows->len == 0)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: the file holds no rows"), name);
      goto out;
    }

  /* A title row above the header ("涧西区驻区单位名单") has one cell. */
  if (r.rows->len > 1 && filled_cells (r.rows->pdata[0]) == 1 && filled_cells (r.rows->pdata[1]) > 1)
    first = 1;
  header = r.rows->pdata[first];

  /* The table must at least have the field every record needs (the
   * name of a unit, the title of an agreement). */
  {
    g_autoptr(GjRecordClass) klass = g_type_class_ref (map->get_type ());
    const char *required = NULL;

    for (guint i = 0; i < klass->n_fields && required == NULL; i++)
      if ((klass->fields[i].flags & GJ_FIELD_FLAG_REQUIRED) && klass->fields[i].type == GJ_FIELD_TEXT &&
          strcmp (klass->fields[i].name, "code") != 0)
        required = klass->fields[i].name;

    columns = g_new0 (const GjColumn *, header->len);
    for (guint c = 0; c < header->len; c++)
      {
        columns[c] = gj_io_find_column (map, header->pdata[c]);
        if (columns[c] != NULL && g_strcmp0 (columns[c]->field, required) == 0)
          has_name = TRUE;
      }
    if (!has_name && required != NULL)
      {
        g_autofree char *hint = NULL;

        for (guint i = 0; i < map->n_columns && hint == NULL; i++)
          if (g_strcmp0 (map->columns[i].field, required) == 0)
            hint = g_strdelimit (g_strdup (map->columns[i].names), "|", '/');
        g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID,
                     _("%s: line %u: no column holds the %s (a header such as %s); is this a table of %s?"),
                     name, g_array_index (r.lines, guint, first), required, hint ? hint : required, map->kind);
        goto out;
      }
  }

  result->kind = g_strdup (map->kind);
  result->crs = crs;
  result->format = g_strdup ("CSV");
  result->encoding = g_strdup (detected);

  links = gj_links_new (store);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = first + 1; i < r.rows->len; i++)
    {
      GPtrArray *row = r.rows->pdata[i];
      guint line = g_array_index (r.lines, guint, i);
      g_autoptr(GjRecord) record = g_object_new (map->get_type (), NULL);
      g_autoptr(JsonObject) extra = json_object_new ();
      GjRowRefs refs = { { NULL } };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      if (row->len > header->len)
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE,
                       _("%s: line %u: %u cells, but the header has %u columns"), name, line, row->len, header->len);
          goto out;
        }

      for (guint c = 0; c < row->len; c++)
        {
          const GjColumn *col = columns[c];
          const char *cell = g_strstrip ((char *) row->pdata[c]);

          if (col != NULL && col->role == GJ_COLUMN_UUID)
            {
              refs.uuid = *cell ? cell : NULL;
              continue;
            }
          if (col == NULL)
            {
              if (*cell && *(char *) header->pdata[c])
                json_object_set_string_member (extra, header->pdata[c], cell);
              continue;
            }
          switch (col->role)
            {
            case GJ_COLUMN_FIELD:
            case GJ_COLUMN_AGREEMENT_STATUS:
              if (!gj_io_set_field_from_text (record, col->field, cell, &local_error))
                {
                  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: line %u, column “%s”: %s"),
                               name, line, (char *) header->pdata[c], local_error->message);
                  goto out;
                }
              break;
            case GJ_COLUMN_JSON_LIST:
              if (*cell)
                gj_record_set_text (record, col->field, cell);
              break;
            case GJ_COLUMN_GRID_CODE:
              refs.grid_code = *cell ? cell : NULL;
              break;
            case GJ_COLUMN_UNIT_CODE:
              refs.unit_code = *cell ? cell : NULL;
              break;
            case GJ_COLUMN_UNIT_NAME:
              refs.unit_name = *cell ? cell : NULL;
              break;
            case GJ_COLUMN_LEAD_UNIT_CODE:
              refs.lead_unit_code = *cell ? cell : NULL;
              break;
            case GJ_COLUMN_STREET_CODE:
            case GJ_COLUMN_STREET_NAME:
            case GJ_COLUMN_COMMUNITY_CODE:
            case GJ_COLUMN_COMMUNITY_NAME:
            case GJ_COLUMN_DISTRICT_CODE:
            case GJ_COLUMN_DISTRICT_NAME:
              refs.places[col->role] = *cell ? cell : NULL;
              break;
            case GJ_COLUMN_UUID:
            default:
              break;
            }
        }

      if (!gj_io_resolve_row (links, store, record, &refs, extra, crs, &local_error))
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: line %u: %s"), name, line, local_error->message);
          goto out;
        }

      if (!gj_io_upsert (store, links, record, seen, result, &local_error))
        {
          g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_INVALID, _("%s: line %u: %s"), name, line, local_error->message);
          goto out;
        }

      if (progress && (i % 64 == 0 || i + 1 == r.rows->len))
        progress (i - first, r.rows->len - first - 1, user_data);
    }
  ok = TRUE;

out:
  gj_links_free (links);
  if (r.cells)
    g_ptr_array_unref (r.cells);
  if (r.rows)
    g_ptr_array_unref (r.rows);
  if (r.lines)
    g_array_unref (r.lines);
  return ok;
}

/* Export ------------------------------------------------------------------ */

static void
append_cell (GString    *line,
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
    append_cell (out, keys->pdata[k], k == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n; i++)
    {
      JsonObject *props = all_props->pdata[i];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint k = 0; k < keys->len; k++)
        {
          g_autofree char *value = member_text (props, keys->pdata[k]);

          append_cell (out, value, k == 0);
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
