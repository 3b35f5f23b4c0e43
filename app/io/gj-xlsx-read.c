/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading the first worksheet of an .xlsx workbook: libarchive + libxml2. */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gj-io.h"
#include "gj-xlsx-read.h"

/* Excel's own limits, and what a sane office file stays under. */
#define MAX_ROWS        1048576
#define MAX_COLUMNS     16384
#define MAX_PART_SIZE   (256 * 1024 * 1024)
#define MAX_TOTAL_SIZE  (768 * 1024 * 1024)
#define MAX_CELLS       (32 * 1024 * 1024)
#define LAST_SERIAL     2958465.0   /* 9999-12-31 */

struct _GjXlsxTable
{
  char     *sheet_name;
  gboolean  date1904;
  GArray   *rows;          /* GjXlsxRow */
};

typedef struct
{
  const char *name;        /* the file, for messages */
  GHashTable *parts;       /* lower-case part name → GBytes */
  gboolean    date1904;
  GPtrArray  *shared;      /* char *: the shared strings */
  GArray     *date_xf;     /* gboolean per cell format (xf) */
  char       *sheet_name;
} Book;

/* ---- Dates ---------------------------------------------------------------------- */

static gboolean
serial_to_dmy (double    serial,
               gboolean  date1904,
               GDate    *date)
{
  double day = floor (serial);

  if (!isfinite (serial) || serial < 0 || serial >= LAST_SERIAL + 1)
    return FALSE;
  if (date1904)
    {
      if (day > LAST_SERIAL - 1462)
        return FALSE;
      g_date_set_dmy (date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, (guint) day);
      return TRUE;
    }
  /* 1 is 1900-01-01; 60 is the 29 February 1900 that Lotus 1-2-3 counted
   * and Excel still does: no day. From 61 on the count is one ahead. */
  if (day < 1 || day == 60)
    return FALSE;
  if (day < 60)
    g_date_set_dmy (date, 31, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (date, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, (guint) day);
  return TRUE;
}

char *
gj_xlsx_serial_to_date (double   serial,
                        gboolean date1904)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!serial_to_dmy (serial, date1904, &date))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* A date cell's text: the day, and the time of day when there is one. */
static char *
serial_to_text (double   serial,
                gboolean date1904)
{
  double seconds = round ((serial - floor (serial)) * 86400.0);
  g_autofree char *day = NULL;

  if (seconds >= 86400)
    {
      serial = floor (serial) + 1;
      seconds = 0;
    }
  day = gj_xlsx_serial_to_date (serial, date1904);
  if (day == NULL || seconds <= 0)
    return g_steal_pointer (&day);
  return g_strdup_printf ("%s %02d:%02d:%02d", day, (int) seconds / 3600, ((int) seconds / 60) % 60,
                          (int) seconds % 60);
}

/* The serial of an ISO date (cells of type "d"), or -1. */
static double
date_to_serial (const char *text,
                gboolean    date1904)
{
  int y, m, d;
  GDate date, epoch;
  double serial;

  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, d, m, y);
  if (date1904)
    g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1904);
  else if (y > 1900 || m > 2)
    g_date_set_dmy (&epoch, 30, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (&epoch, 31, G_DATE_DECEMBER, 1899);
  serial = g_date_days_between (&epoch, &date);
  return serial >= 0 ? serial : -1;
}

/* Whether a number format shows a date (and not only a time). */
static gboolean
is_date_format (const char *code)
{
  gboolean date = FALSE, month = FALSE, time = FALSE;

  if (code == NULL || g_ascii_strcasecmp (code, "General") == 0)
    return FALSE;
  for (const char *p = code; *p && *p != ';'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (*p == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
          continue;
        }
      if ((*p == '\\' || *p == '_' || *p == '*') && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '[')
        {
          const char *end = strchr (p, ']');

          if (end == NULL)
            break;
          /* [h]:mm elapsed time; [Red], [$-804], [DBNum1] say nothing */
          if (strchr ("hHmMsS", p[1]) != NULL)
            time = TRUE;
          p = end;
          continue;
        }
      if (g_ascii_strncasecmp (p, "am/pm", 5) == 0)
        {
          p += 4;
          continue;
        }
      if (g_ascii_strncasecmp (p, "a/p", 3) == 0)
        {
          p += 2;
          continue;
        }
      if (c == 'y' || c == 'd')
        date = TRUE;
      else if (c == 'm')
        month = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
    }
  return date || (month && !time);
}

static gboolean
is_date_format_id (guint id)
{
  /* The built-in formats: 14–17 and 22 everywhere; 27–31, 36, 50–54, 57
   * and 58 are the dates of the Chinese, Japanese and Korean locales. */
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54)
         || id == 57 || id == 58;
}

/* ---- Errors ----------------------------------------------------------------------- */

static void
set_not_a_workbook (GError     **error,
                    const char  *name,
                    const char  *why)
{
  /* TRANSLATORS: %s: a file name, then why it cannot be read as an Excel workbook */
  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: cannot be read as an Excel workbook (.xlsx): %s"), name, why);
}

/* ---- The zip ----------------------------------------------------------------------- */

static gboolean
has_zip_directory (const guint8 *data,
                   gsize         len)
{
  /* The end-of-central-directory record: 22 bytes and a comment of at
   * most 64 KiB, at the very end. A truncated zip has lost it. */
  gsize stop = len > 22 + 65535 ? len - 22 - 65535 : 0;

  if (len < 22)
    return FALSE;
  for (gsize i = len - 22 + 1; i-- > stop;)
    if (memcmp (data + i, "PK\x05\x06", 4) == 0)
      return TRUE;
  return FALSE;
}

static const char *
zip_error (struct archive *a)
{
  const char *msg = archive_error_string (a);

  return msg != NULL ? msg : "?";
}

static gboolean
wanted_part (const char *lower)
{
  return g_str_has_suffix (lower, ".xml") || g_str_has_suffix (lower, ".rels") || g_str_equal (lower, "mimetype");
}

static GHashTable *
read_zip (const char  *name,
          GBytes      *bytes,
          GError     **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  gsize len, total = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  struct archive *a;
  struct archive_entry *entry;
  int rc;

  if (len >= 8 && memcmp (data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
    {
      set_not_a_workbook (error, name,
                          _("it is an Excel 97–2003 workbook (.xls) or a password-protected one; "
                            "save it in Excel as “Excel Workbook (*.xlsx)” without a password"));
      return NULL;
    }
  if (len < 4 || (memcmp (data, "PK\x03\x04", 4) != 0 && memcmp (data, "PK\x05\x06", 4) != 0))
    {
      set_not_a_workbook (error, name, _("it is not a zip archive, as every .xlsx file is"));
      return NULL;
    }
  if (!has_zip_directory (data, len))
    {
      set_not_a_workbook (error, name, _("the zip archive is damaged or truncated (its directory is missing)"));
      return NULL;
    }

  a = archive_read_new ();
  archive_read_support_format_zip (a);
  if (archive_read_open_memory (a, data, len) != ARCHIVE_OK)
    {
      g_autofree char *why = g_strdup_printf (_("the zip archive is damaged: %s"), zip_error (a));

      set_not_a_workbook (error, name, why);
      archive_read_free (a);
      return NULL;
    }
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *path = archive_entry_pathname_utf8 (entry);
      g_autofree char *lower = NULL;
      g_autoptr(GByteArray) buf = NULL;
      char chunk[65536];
      la_ssize_t n;

      if (path == NULL)
        path = archive_entry_pathname (entry);
      if (path == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      while (*path == '/')
        path++;
      lower = g_ascii_strdown (path, -1);
      if (!wanted_part (lower))
        continue;
      buf = g_byte_array_new ();
      while ((n = archive_read_data (a, chunk, sizeof chunk)) > 0)
        {
          total += n;
          if (buf->len + (gsize) n > MAX_PART_SIZE || total > MAX_TOTAL_SIZE)
            {
              g_autofree char *why = g_strdup_printf (_("the part “%s” is too large"), path);

              set_not_a_workbook (error, name, why);
              archive_read_free (a);
              return NULL;
            }
          g_byte_array_append (buf, (const guint8 *) chunk, n);
        }
      if (n < 0)
        {
          g_autofree char *why = g_strdup_printf (_("the zip archive is damaged (%s: %s)"), path,
                                                  zip_error (a));

          set_not_a_workbook (error, name, why);
          archive_read_free (a);
          return NULL;
        }
      g_hash_table_replace (parts, g_steal_pointer (&lower), g_byte_array_free_to_bytes (g_steal_pointer (&buf)));
    }
  if (rc != ARCHIVE_EOF)
    {
      g_autofree char *why = g_strdup_printf (_("the zip archive is damaged: %s"), zip_error (a));

      set_not_a_workbook (error, name, why);
      archive_read_free (a);
      return NULL;
    }
  archive_read_free (a);
  return g_steal_pointer (&parts);
}

static GBytes *
get_part (Book       *book,
          const char *part)
{
  g_autofree char *lower = g_ascii_strdown (part, -1);

  return g_hash_table_lookup (book->parts, lower);
}

/* @target of a relationship of @source, as a part name. */
static char *
resolve_target (const char *source,
                const char *target)
{
  g_autofree char *dir = NULL;
  g_autofree char *joined = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    {
      dir = g_path_get_dirname (source);
      joined = g_str_equal (dir, ".") ? g_strdup (target) : g_strconcat (dir, "/", target, NULL);
    }
  segments = g_strsplit (joined, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (*segments[i] == '\0' || g_str_equal (segments[i], "."))
        continue;
      if (g_str_equal (segments[i], ".."))
        {
          if (out->len > 0)
            g_ptr_array_remove_index (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, segments[i]);
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

static char *
rels_part (const char *part)
{
  g_autofree char *dir = g_path_get_dirname (part);
  g_autofree char *base = g_path_get_basename (part);

  if (*part == '\0')
    return g_strdup ("_rels/.rels");
  if (g_str_equal (dir, "."))
    return g_strconcat ("_rels/", base, ".rels", NULL);
  return g_strconcat (dir, "/_rels/", base, ".rels", NULL);
}

/* ---- XML ------------------------------------------------------------------------- */

static void
init_libxml (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      xmlInitParser ();
      g_once_init_leave (&once, 1);
    }
}

static xmlDoc *
parse_part (Book        *book,
            const char  *part,
            GBytes      *bytes,
            GError     **error)
{
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlDoc *doc;

  if (ctxt == NULL)
    {
      g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_FAILED, _("%s: out of memory"), book->name);
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, data, (int) MIN (len, G_MAXINT), part, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strstrip (g_strdelimit (g_strdup (e != NULL && e->message != NULL ? e->message : "?"),
                                                       "\r\n", ' '));
      g_autofree char *why = g_strdup_printf (_("its part “%s” is not well-formed XML (line %d: %s)"), part,
                                              e != NULL ? e->line : 0, msg);

      set_not_a_workbook (error, book->name, why);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

static gboolean
is_named (xmlNode    *node,
          const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name);
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *n = node != NULL ? node->children : NULL; n != NULL; n = n->next)
    if (is_named (n, name))
      return n;
  return NULL;
}

/* An attribute by its local name, in any namespace. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    if (g_str_equal ((const char *) a->name, name))
      {
        xmlChar *v = xmlNodeGetContent ((xmlNode *) a);
        char *out = g_strdup ((const char *) v);

        xmlFree (v);
        return out;
      }
  return NULL;
}

static gboolean
is_true (const char *value)
{
  return value != NULL && (g_str_equal (value, "1") || g_ascii_strcasecmp (value, "true") == 0);
}

typedef struct
{
  char *id;
  char *type;
  char *target;   /* resolved */
} Rel;

static void
rel_free (Rel *rel)
{
  g_free (rel->id);
  g_free (rel->type);
  g_free (rel->target);
  g_free (rel);
}

/* The relationships of @part (none when it has no .rels part). */
static GPtrArray *
read_rels (Book        *book,
           const char  *part,
           GError     **error)
{
  g_autofree char *name = rels_part (part);
  GBytes *bytes = get_part (book, name);
  GPtrArray *rels = g_ptr_array_new_with_free_func ((GDestroyNotify) rel_free);
  xmlDoc *doc;

  if (bytes == NULL)
    return rels;
  doc = parse_part (book, name, bytes, error);
  if (doc == NULL)
    {
      g_ptr_array_unref (rels);
      return NULL;
    }
  for (xmlNode *n = xmlDocGetRootElement (doc)->children; n != NULL; n = n->next)
    {
      g_autofree char *target = NULL;
      g_autofree char *mode = NULL;
      Rel *rel;

      if (!is_named (n, "Relationship"))
        continue;
      target = get_attr (n, "Target");
      mode = get_attr (n, "TargetMode");
      if (target == NULL || g_strcmp0 (mode, "External") == 0)
        continue;
      rel = g_new0 (Rel, 1);
      rel->id = get_attr (n, "Id");
      rel->type = get_attr (n, "Type");
      rel->target = resolve_target (part, target);
      g_ptr_array_add (rels, rel);
    }
  xmlFreeDoc (doc);
  return rels;
}

static const Rel *
find_rel (GPtrArray  *rels,
          const char *type_suffix,
          const char *id)
{
  for (guint i = 0; i < rels->len; i++)
    {
      const Rel *rel = g_ptr_array_index (rels, i);

      if (id != NULL && g_strcmp0 (rel->id, id) != 0)
        continue;
      if (type_suffix != NULL && (rel->type == NULL || !g_str_has_suffix (rel->type, type_suffix)))
        continue;
      return rel;
    }
  return NULL;
}

/* ---- Strings ------------------------------------------------------------------------ */

/* Office writes characters XML cannot hold as _xHHHH_ (and a literal
 * "_x" as _x005F_x). */
static char *
decode_text (const char *text)
{
  GString *out;

  if (strstr (text, "_x") == NULL)
    return g_strdup (text);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p;)
    {
      if (p[0] == '_' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3])
          && g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]) && p[6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (p[2]) << 12) | (g_ascii_xdigit_value (p[3]) << 8)
                       | (g_ascii_xdigit_value (p[4]) << 4) | g_ascii_xdigit_value (p[5]);

          if (g_unichar_validate (c) && c != 0)
            {
              g_string_append_unichar (out, c);
              p += 7;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *first;   /* the first error libxml2 reported */
  int   line;
} ReaderErrors;

static void
on_reader_error (void                    *data,
                 const char              *msg,
                 xmlParserSeverities      severity,
                 xmlTextReaderLocatorPtr  locator)
{
  ReaderErrors *e = data;

  if (e->first != NULL || severity == XML_PARSER_SEVERITY_WARNING
      || severity == XML_PARSER_SEVERITY_VALIDITY_WARNING)
    return;
  e->first = g_strstrip (g_strdelimit (g_strdup (msg), "\r\n", ' '));
  e->line = xmlTextReaderLocatorLineNumber (locator);
}

static xmlTextReader *
open_reader (Book         *book,
             const char   *part,
             GBytes       *bytes,
             ReaderErrors *errors)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlTextReader *reader = xmlReaderForMemory (data, (int) MIN (len, G_MAXINT), part, NULL, XML_PARSE_NONET);

  if (reader != NULL)
    xmlTextReaderSetErrorHandler (reader, on_reader_error, errors);
  return reader;
}

static gboolean
reader_failed (Book          *book,
               const char    *part,
               ReaderErrors  *errors,
               GError       **error)
{
  g_autofree char *why = g_strdup_printf (_("its part “%s” is not well-formed XML (line %d: %s)"), part,
                                          errors->line, errors->first ? errors->first : "?");

  set_not_a_workbook (error, book->name, why);
  g_free (errors->first);
  return FALSE;
}

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

static gboolean
read_shared_strings (Book        *book,
                     const char  *part,
                     GError     **error)
{
  GBytes *bytes = get_part (book, part);
  ReaderErrors errors = { NULL, 0 };
  xmlTextReader *reader;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_si = FALSE, in_t = FALSE;
  int phonetic = 0, rc;

  if (bytes == NULL)
    return TRUE;
  reader = open_reader (book, part, bytes, &errors);
  if (reader == NULL)
    return reader_failed (book, part, &errors, error);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      gboolean empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (g_str_equal (name, "si"))
            {
              g_string_truncate (text, 0);
              in_si = !empty;
              phonetic = 0;
              if (empty)
                g_ptr_array_add (book->shared, g_strdup (""));
            }
          else if (in_si && g_str_equal (name, "rPh") && !empty)
            phonetic++;
          else if (in_si && phonetic == 0 && g_str_equal (name, "t") && !empty)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (g_str_equal (name, "si") && in_si)
            {
              g_ptr_array_add (book->shared, decode_text (text->str));
              in_si = FALSE;
            }
          else if (g_str_equal (name, "rPh") && phonetic > 0)
            phonetic--;
          else if (g_str_equal (name, "t"))
            in_t = FALSE;
        }
      else if (in_t && is_text_node (type))
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
    }
  xmlFreeTextReader (reader);
  if (rc != 0 || errors.first != NULL)
    return reader_failed (book, part, &errors, error);
  return TRUE;
}

static gboolean
read_styles (Book        *book,
             const char  *part,
             GError     **error)
{
  GBytes *bytes = get_part (book, part);
  g_autoptr(GHashTable) formats = NULL;
  xmlNode *root, *xfs;
  xmlDoc *doc;

  if (bytes == NULL)
    return TRUE;
  doc = parse_part (book, part, bytes, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  formats = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (xmlNode *n = first_child (first_child (root, "numFmts"), "numFmt"); n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *code = NULL;

      if (!is_named (n, "numFmt"))
        continue;
      id = get_attr (n, "numFmtId");
      code = get_attr (n, "formatCode");
      if (id != NULL)
        g_hash_table_insert (formats, GUINT_TO_POINTER (atoi (id)), GINT_TO_POINTER (is_date_format (code) ? 1 : -1));
    }
  xfs = first_child (root, "cellXfs");
  for (xmlNode *n = xfs != NULL ? xfs->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *id_text = NULL;
      gpointer custom;
      guint id;
      gboolean date;

      if (!is_named (n, "xf"))
        continue;
      id_text = get_attr (n, "numFmtId");
      id = id_text != NULL ? (guint) atoi (id_text) : 0;
      custom = g_hash_table_lookup (formats, GUINT_TO_POINTER (id));
      date = custom != NULL ? GPOINTER_TO_INT (custom) > 0 : is_date_format_id (id);
      g_array_append_val (book->date_xf, date);
    }
  xmlFreeDoc (doc);
  return TRUE;
}

/* ---- The sheet ---------------------------------------------------------------------- */

/* "B7" → column 1, row 7; FALSE when it is no reference. */
static gboolean
parse_ref (const char *ref,
           guint      *column,
           guint      *row)
{
  guint64 c = 0, r = 0;
  const char *p = ref;

  for (; g_ascii_isalpha (*p); p++)
    {
      c = c * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (c > MAX_COLUMNS)
        return FALSE;
    }
  if (p == ref)
    return FALSE;
  for (const char *q = p; *q; q++)
    {
      if (!g_ascii_isdigit (*q))
        return FALSE;
      r = r * 10 + (*q - '0');
      if (r > MAX_ROWS)
        return FALSE;
    }
  *column = (guint) c - 1;
  *row = (guint) r;   /* 0 when the reference names only the column */
  return TRUE;
}

char *
gj_xlsx_column_name (guint column)
{
  char buf[16];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  column++;
  while (column > 0 && i > 0)
    {
      buf[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (buf + i);
}

static void
cell_clear (GjXlsxCell *cell)
{
  g_clear_pointer (&cell->text, g_free);
}

static void
row_clear (GjXlsxRow *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    cell_clear (&row->cells[i]);
  g_clear_pointer (&row->cells, g_free);
  row->n_cells = 0;
}

typedef struct
{
  guint      column;
  GjXlsxCell cell;
} Placed;

typedef struct
{
  Book       *book;
  const char *part;
  GArray     *rows;        /* GjXlsxRow: the table's */
  gsize       n_cells;     /* over all rows */

  guint       row;         /* the row being read */
  GArray     *placed;      /* Placed, of this row */
  guint       next_column;

  /* the cell being read */
  guint       column;
  char       *type;
  guint       style;
  GString    *value;       /* <v> */
  GString    *inline_text; /* <is><t> */
  gboolean    has_value, has_inline;
} SheetRead;

static void
set_cell_error (SheetRead   *s,
                GError     **error,
                const char  *why)
{
  g_autofree char *col = gj_xlsx_column_name (s->column);

  /* TRANSLATORS: file, sheet name, row number, column letter, what is wrong */
  g_set_error (error, GJ_IO_ERROR, GJ_IO_ERROR_PARSE, _("%s: sheet “%s”, row %u, column %s: %s"), s->book->name,
               s->book->sheet_name, s->row, col, why);
}

static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == 0)
    return g_strdup ("0");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.15g", value));
}

static gboolean
finish_cell (SheetRead  *s,
             GError    **error)
{
  GjXlsxCell cell = { GJ_XLSX_CELL_EMPTY, NULL, 0 };
  const char *type = s->type != NULL ? s->type : "n";
  const char *v = s->value->str;

  if (g_str_equal (type, "inlineStr") || (s->has_inline && !s->has_value))
    {
      cell.kind = GJ_XLSX_CELL_TEXT;
      cell.text = decode_text (s->has_inline ? s->inline_text->str : v);
    }
  else if (!s->has_value || s->value->len == 0)
    ;   /* <v/>: nothing in it */
  else if (g_str_equal (type, "s"))
    {
      char *end;
      guint64 index = g_ascii_strtoull (v, &end, 10);

      if (end == v || index >= s->book->shared->len)
        {
          g_autofree char *why = g_strdup_printf (_("the cell refers to shared string “%s”, which the workbook does not have"), v);

          set_cell_error (s, error, why);
          return FALSE;
        }
      cell.kind = GJ_XLSX_CELL_TEXT;
      cell.text = g_strdup (g_ptr_array_index (s->book->shared, index));
    }
  else if (g_str_equal (type, "str"))
    {
      cell.kind = GJ_XLSX_CELL_TEXT;
      cell.text = decode_text (v);
    }
  else if (g_str_equal (type, "b"))
    {
      cell.kind = GJ_XLSX_CELL_BOOLEAN;
      cell.number = g_strstrip (s->value->str)[0] == '1' || g_ascii_strcasecmp (v, "true") == 0;
      cell.text = g_strdup (cell.number ? "TRUE" : "FALSE");
    }
  else if (g_str_equal (type, "e"))
    {
      cell.kind = GJ_XLSX_CELL_ERROR;
      cell.text = g_strdup (v);
    }
  else if (g_str_equal (type, "d"))
    {
      /* An ISO 8601 date (Strict OOXML, or newer Excel). */
      cell.kind = GJ_XLSX_CELL_DATE;
      cell.number = date_to_serial (v, s->book->date1904);
      cell.text = g_strdup (v);
      if (strlen (cell.text) >= 10 && cell.text[10] == 'T')
        cell.text[10] = ' ';
      if (g_str_has_suffix (cell.text, " 00:00:00") || g_str_has_suffix (cell.text, " 00:00"))
        cell.text[10] = '\0';
    }
  else
    {
      char *end;
      double number;

      g_strstrip (s->value->str);
      number = g_ascii_strtod (v, &end);
      if (end == v || *end != '\0' || !isfinite (number))
        {
          g_autofree char *why = g_strdup_printf (_("“%s” is not a number"), v);

          set_cell_error (s, error, why);
          return FALSE;
        }
      cell.number = number;
      if (s->style < s->book->date_xf->len && g_array_index (s->book->date_xf, gboolean, s->style)
          && (cell.text = serial_to_text (number, s->book->date1904)) != NULL)
        cell.kind = GJ_XLSX_CELL_DATE;
      else
        {
          cell.kind = GJ_XLSX_CELL_NUMBER;
          cell.text = format_number (number);
        }
    }
  if (cell.kind == GJ_XLSX_CELL_TEXT && *cell.text == '\0')
    {
      g_free (cell.text);
      cell.text = NULL;
      cell.kind = GJ_XLSX_CELL_EMPTY;
    }
  if (cell.kind != GJ_XLSX_CELL_EMPTY)
    {
      Placed placed = { s->column, cell };

      g_array_append_val (s->placed, placed);
    }
  return TRUE;
}

static gboolean
finish_row (SheetRead  *s,
            GError    **error)
{
  GjXlsxRow row = { s->row, 0, NULL };

  for (guint i = 0; i < s->placed->len; i++)
    row.n_cells = MAX (row.n_cells, g_array_index (s->placed, Placed, i).column + 1);
  if (row.n_cells == 0)
    return TRUE;
  s->n_cells += row.n_cells;
  if (s->n_cells > MAX_CELLS)
    {
      g_autofree char *why = g_strdup_printf (_("sheet “%s” is too large (more than %u cells)"), s->book->sheet_name,
                                              (guint) MAX_CELLS);

      set_not_a_workbook (error, s->book->name, why);
      return FALSE;
    }
  row.cells = g_new0 (GjXlsxCell, row.n_cells);
  for (guint i = 0; i < s->placed->len; i++)
    {
      Placed *p = &g_array_index (s->placed, Placed, i);

      /* A cell given twice: the later one counts. */
      cell_clear (&row.cells[p->column]);
      row.cells[p->column] = p->cell;
      p->cell.text = NULL;
    }
  for (guint i = 0; i < row.n_cells; i++)
    if (row.cells[i].text == NULL)
      row.cells[i].text = g_strdup ("");
  g_array_set_size (s->placed, 0);
  g_array_append_val (s->rows, row);
  return TRUE;
}

static void
placed_clear (Placed *p)
{
  cell_clear (&p->cell);
}

static gboolean
read_sheet (Book        *book,
            const char  *part,
            GArray      *rows,
            GError     **error)
{
  GBytes *bytes = get_part (book, part);
  ReaderErrors errors = { NULL, 0 };
  SheetRead s = { book, part, rows, 0 };
  xmlTextReader *reader;
  gboolean in_data = FALSE, in_row = FALSE, in_cell = FALSE, in_v = FALSE, in_is = FALSE, in_t = FALSE;
  gboolean ok = TRUE;
  int phonetic = 0, rc;

  if (bytes == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("the workbook lists the sheet “%s”, but its part “%s” is missing"),
                                              book->sheet_name, part);

      set_not_a_workbook (error, book->name, why);
      return FALSE;
    }
  reader = open_reader (book, part, bytes, &errors);
  if (reader == NULL)
    return reader_failed (book, part, &errors, error);
  s.placed = g_array_new (FALSE, TRUE, sizeof (Placed));
  g_array_set_clear_func (s.placed, (GDestroyNotify) placed_clear);
  s.value = g_string_new (NULL);
  s.inline_text = g_string_new (NULL);

  while (ok && (rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      gboolean empty = type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement (reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (!in_data)
            in_data = g_str_equal (name, "sheetData") && !empty;
          else if (!in_row && g_str_equal (name, "row"))
            {
              xmlChar *r = xmlTextReaderGetAttribute (reader, BAD_CAST "r");
              guint64 number = s.row + 1;

              if (r != NULL)
                {
                  char *end;

                  number = g_ascii_strtoull ((const char *) r, &end, 10);
                  if (*end != '\0' || number == 0)
                    number = 0;
                }
              if (number == 0 || number > MAX_ROWS)
                {
                  g_autofree char *why = g_strdup_printf (_("sheet “%s” has a row numbered “%s”"), book->sheet_name,
                                                          r != NULL ? (const char *) r : "");

                  set_not_a_workbook (error, book->name, why);
                  ok = FALSE;
                }
              xmlFree (r);
              s.row = (guint) number;
              s.next_column = 0;
              in_row = !empty;
              if (ok && empty)
                ok = finish_row (&s, error);
            }
          else if (in_row && !in_cell && g_str_equal (name, "c"))
            {
              xmlChar *r = xmlTextReaderGetAttribute (reader, BAD_CAST "r");
              xmlChar *t = xmlTextReaderGetAttribute (reader, BAD_CAST "t");
              xmlChar *style = xmlTextReaderGetAttribute (reader, BAD_CAST "s");
              guint column = s.next_column, row = 0;

              if (r != NULL && !parse_ref ((const char *) r, &column, &row))
                {
                  g_autofree char *why = g_strdup_printf (_("“%s” is not a cell reference"), (const char *) r);

                  s.column = s.next_column;
                  set_cell_error (&s, error, why);
                  ok = FALSE;
                }
              else if (column >= MAX_COLUMNS)
                {
                  s.column = MAX_COLUMNS - 1;
                  set_cell_error (&s, error, _("the row has more cells than Excel allows"));
                  ok = FALSE;
                }
              s.column = column;
              s.next_column = column + 1;
              g_free (s.type);
              s.type = g_strdup ((const char *) t);
              s.style = style != NULL ? (guint) g_ascii_strtoull ((const char *) style, NULL, 10) : 0;
              g_string_truncate (s.value, 0);
              g_string_truncate (s.inline_text, 0);
              s.has_value = s.has_inline = FALSE;
              xmlFree (r);
              xmlFree (t);
              xmlFree (style);
              in_cell = !empty;
              phonetic = 0;
              if (ok && empty)
                ok = finish_cell (&s, error);
            }
          else if (in_cell && !in_is && g_str_equal (name, "v"))
            {
              s.has_value = TRUE;
              in_v = !empty;
            }
          else if (in_cell && g_str_equal (name, "is"))
            {
              s.has_inline = TRUE;
              in_is = !empty;
            }
          else if (in_is && g_str_equal (name, "rPh") && !empty)
            phonetic++;
          else if (in_is && phonetic == 0 && g_str_equal (name, "t") && !empty)
            in_t = TRUE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (in_v && g_str_equal (name, "v"))
            in_v = FALSE;
          else if (in_t && g_str_equal (name, "t"))
            in_t = FALSE;
          else if (in_is && g_str_equal (name, "rPh") && phonetic > 0)
            phonetic--;
          else if (in_is && g_str_equal (name, "is"))
            in_is = FALSE;
          else if (in_cell && g_str_equal (name, "c"))
            {
              in_cell = in_v = in_is = in_t = FALSE;
              ok = finish_cell (&s, error);
            }
          else if (in_row && g_str_equal (name, "row"))
            {
              in_row = in_cell = FALSE;
              ok = finish_row (&s, error);
            }
          else if (in_data && g_str_equal (name, "sheetData"))
            break;
        }
      else if (is_text_node (type))
        {
          if (in_v)
            g_string_append (s.value, (const char *) xmlTextReaderConstValue (reader));
          else if (in_t)
            g_string_append (s.inline_text, (const char *) xmlTextReaderConstValue (reader));
        }
    }
  xmlFreeTextReader (reader);
  g_array_unref (s.placed);
  g_string_free (s.value, TRUE);
  g_string_free (s.inline_text, TRUE);
  g_free (s.type);
  if (!ok)
    {
      g_free (errors.first);
      return FALSE;
    }
  if (rc < 0 || errors.first != NULL)
    return reader_failed (book, part, &errors, error);
  return TRUE;
}

/* ---- The workbook ------------------------------------------------------------------------ */

static gboolean
is_opendocument (Book *book)
{
  GBytes *mimetype = get_part (book, "mimetype");
  gsize len;
  const char *data;

  if (mimetype == NULL)
    return get_part (book, "content.xml") != NULL;
  data = g_bytes_get_data (mimetype, &len);
  return len >= 35 && memcmp (data, "application/vnd.oasis.opendocument.", 35) == 0;
}

static GjXlsxTable *
read_book (Book    *book,
           GError **error)
{
  g_autoptr(GjXlsxTable) table = g_new0 (GjXlsxTable, 1);
  g_autoptr(GPtrArray) root_rels = NULL;
  g_autoptr(GPtrArray) rels = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *sheet_part = NULL;
  g_autofree char *first_part = NULL;
  g_autofree char *first_name = NULL;
  const Rel *rel;
  xmlDoc *doc;
  xmlNode *root, *pr;

  root_rels = read_rels (book, "", error);
  if (root_rels == NULL)
    return NULL;
  rel = find_rel (root_rels, "/officeDocument", NULL);
  workbook = g_strdup (rel != NULL ? rel->target : "xl/workbook.xml");
  if (get_part (book, workbook) == NULL)
    {
      if (is_opendocument (book))
        set_not_a_workbook (error, book->name,
                            _("it is an OpenDocument spreadsheet (.ods); in LibreOffice, save it as "
                              "“Excel 2007-365 (.xlsx)”"));
      else
        set_not_a_workbook (error, book->name, _("it is a zip archive, but holds no Excel workbook"));
      return NULL;
    }
  rels = read_rels (book, workbook, error);
  if (rels == NULL)
    return NULL;
  doc = parse_part (book, workbook, get_part (book, workbook), error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);
  pr = first_child (root, "workbookPr");
  if (pr != NULL)
    {
      g_autofree char *date1904 = get_attr (pr, "date1904");

      book->date1904 = is_true (date1904);
    }
  /* The first worksheet that is not hidden (the first at all if all are). */
  for (xmlNode *n = first_child (first_child (root, "sheets"), "sheet"); n != NULL; n = n->next)
    {
      g_autofree char *id = NULL;
      g_autofree char *state = NULL;
      const Rel *sheet_rel;

      if (!is_named (n, "sheet"))
        continue;
      id = get_attr (n, "id");
      state = get_attr (n, "state");
      sheet_rel = id != NULL ? find_rel (rels, "/worksheet", id) : NULL;
      if (sheet_rel == NULL)
        continue;   /* a chart sheet, a dialog sheet … */
      if (first_part == NULL)
        {
          first_part = g_strdup (sheet_rel->target);
          first_name = get_attr (n, "name");
        }
      if (state == NULL || g_str_equal (state, "visible"))
        {
          sheet_part = g_strdup (sheet_rel->target);
          book->sheet_name = get_attr (n, "name");
          break;
        }
    }
  xmlFreeDoc (doc);
  if (sheet_part == NULL && first_part != NULL)
    {
      sheet_part = g_steal_pointer (&first_part);
      book->sheet_name = g_steal_pointer (&first_name);
    }
  if (sheet_part == NULL)
    {
      set_not_a_workbook (error, book->name, _("the workbook has no worksheet"));
      return NULL;
    }
  if (book->sheet_name == NULL)
    book->sheet_name = g_strdup ("");

  rel = find_rel (rels, "/styles", NULL);
  if (!read_styles (book, rel != NULL ? rel->target : "xl/styles.xml", error))
    return NULL;
  rel = find_rel (rels, "/sharedStrings", NULL);
  if (!read_shared_strings (book, rel != NULL ? rel->target : "xl/sharedStrings.xml", error))
    return NULL;

  table->rows = g_array_new (FALSE, TRUE, sizeof (GjXlsxRow));
  g_array_set_clear_func (table->rows, (GDestroyNotify) row_clear);
  table->date1904 = book->date1904;
  table->sheet_name = g_strdup (book->sheet_name);
  if (!read_sheet (book, sheet_part, table->rows, error))
    return NULL;
  return g_steal_pointer (&table);
}

GjXlsxTable *
gj_xlsx_table_read_bytes (const char  *name,
                          GBytes      *bytes,
                          GError     **error)
{
  Book book = { name };
  GjXlsxTable *table;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  init_libxml ();
  book.parts = read_zip (name, bytes, error);
  if (book.parts == NULL)
    return NULL;
  book.shared = g_ptr_array_new_with_free_func (g_free);
  book.date_xf = g_array_new (FALSE, TRUE, sizeof (gboolean));
  table = read_book (&book, error);
  g_hash_table_unref (book.parts);
  g_ptr_array_unref (book.shared);
  g_array_unref (book.date_xf);
  g_free (book.sheet_name);
  return table;
}

GjXlsxTable *
gj_xlsx_table_read (const char  *path,
                    GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  name = g_path_get_basename (path);
  return gj_xlsx_table_read_bytes (name, bytes, error);
}

void
gj_xlsx_table_free (GjXlsxTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->rows, g_array_unref);
  g_free (table->sheet_name);
  g_free (table);
}

const char *
gj_xlsx_table_get_sheet_name (GjXlsxTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->sheet_name;
}

gboolean
gj_xlsx_table_get_date1904 (GjXlsxTable *table)
{
  g_return_val_if_fail (table != NULL, FALSE);
  return table->date1904;
}

guint
gj_xlsx_table_get_n_rows (GjXlsxTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->rows->len;
}

const GjXlsxRow *
gj_xlsx_table_get_row (GjXlsxTable *table,
                       guint        index)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (index < table->rows->len, NULL);
  return &g_array_index (table->rows, GjXlsxRow, index);
}

const GjXlsxCell *
gj_xlsx_row_get_cell (const GjXlsxRow *row,
                      guint            column)
{
  g_return_val_if_fail (row != NULL, NULL);
  return column < row->n_cells ? &row->cells[column] : NULL;
}

const char *
gj_xlsx_row_get_text (const GjXlsxRow *row,
                      guint            column)
{
  const GjXlsxCell *cell = gj_xlsx_row_get_cell (row, column);

  return cell != NULL ? cell->text : "";
}
