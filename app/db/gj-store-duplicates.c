/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the stored copy of a record: by UUID, credit code, code, or a
 * normalised name and address. See gj-store-duplicates.h for the rules. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gj-store-duplicates.h"
#include "gj-store-private.h"

const char *
gj_duplicate_match_to_string (GjDuplicateMatch how)
{
  switch (how)
    {
    case GJ_DUPLICATE_MATCH_UUID: return _("same UUID");
    case GJ_DUPLICATE_MATCH_CREDIT_CODE: return _("same credit code");
    case GJ_DUPLICATE_MATCH_CODE: return _("same code");
    case GJ_DUPLICATE_MATCH_NAME_ADDRESS: return _("same name and address");
    case GJ_DUPLICATE_MATCH_TITLE: return _("same title");
    case GJ_DUPLICATE_MATCH_NONE:
    default:
      return "";
    }
}

char *
gj_duplicate_normalize (const char *text)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* NFKC turns the full-width forms (Ａ１（）and U+3000) into ASCII ones. */
  nfkc = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (nfkc ? nfkc : text, -1);
  out = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_ispunct (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
normalize_credit_code (const char *code)
{
  g_autofree char *key = gj_duplicate_normalize (code);

  return g_ascii_strup (key, -1);
}

static gboolean
has_field (GjRecord   *record,
           const char *field)
{
  return gj_record_class_find_field (GJ_RECORD_GET_CLASS (record), field, NULL) != NULL;
}

static const char *
text_or_null (GjRecord   *record,
              const char *field)
{
  const char *s;

  if (!has_field (record, field))
    return NULL;
  s = gj_record_get_text (record, field);
  return s != NULL && *s != '\0' ? s : NULL;
}

char **
gj_duplicate_keys (GjRecord *record)
{
  GPtrArray *keys = g_ptr_array_new ();
  const char *uuid = gj_record_get_uuid (record);
  const char *code = text_or_null (record, "code");

  if (uuid != NULL && *uuid != '\0')
    g_ptr_array_add (keys, g_strdup_printf ("%d:%s", GJ_DUPLICATE_MATCH_UUID, uuid));

  if (GJ_IS_UNIT (record))
    {
      const char *credit = text_or_null (record, "credit_code");
      const char *name = text_or_null (record, "name");

      if (credit != NULL)
        {
          g_autofree char *k = normalize_credit_code (credit);

          if (*k)
            g_ptr_array_add (keys, g_strdup_printf ("%d:%s", GJ_DUPLICATE_MATCH_CREDIT_CODE, k));
        }
      if (code != NULL)
        g_ptr_array_add (keys, g_strdup_printf ("%d:%s", GJ_DUPLICATE_MATCH_CODE, code));
      if (name != NULL)
        {
          g_autofree char *n = gj_duplicate_normalize (name);
          g_autofree char *a = gj_duplicate_normalize (text_or_null (record, "address"));

          if (*n)
            g_ptr_array_add (keys, g_strdup_printf ("%d:%s\x1f%s", GJ_DUPLICATE_MATCH_NAME_ADDRESS, n, a));
        }
    }
  else if (GJ_IS_AGREEMENT (record))
    {
      const char *title = text_or_null (record, "title");

      if (code != NULL)
        g_ptr_array_add (keys, g_strdup_printf ("%d:%s", GJ_DUPLICATE_MATCH_CODE, code));
      if (title != NULL)
        {
          g_autofree char *t = gj_duplicate_normalize (title);

          if (*t)
            g_ptr_array_add (keys, g_strdup_printf ("%d:%s\x1f%" G_GINT64_FORMAT, GJ_DUPLICATE_MATCH_TITLE, t,
                                                        gj_record_get_int (record, "unit_id")));
        }
    }
  else if (GJ_IS_LIST_ITEM (record))
    {
      const char *title = text_or_null (record, "title");

      if (title != NULL)
        {
          g_autofree char *t = gj_duplicate_normalize (title);
          const char *list = text_or_null (record, "list");

          if (*t)
            g_ptr_array_add (keys, g_strdup_printf ("%d:%s\x1f%s", GJ_DUPLICATE_MATCH_TITLE, list ? list : "", t));
        }
    }
  else if (code != NULL)
    g_ptr_array_add (keys, g_strdup_printf ("%d:%s", GJ_DUPLICATE_MATCH_CODE, code));

  g_ptr_array_add (keys, NULL);
  return (char **) g_ptr_array_free (keys, FALSE);
}

char *
gj_duplicate_identity (GjRecord *record)
{
  const char *id = NULL;

  if (GJ_IS_UNIT (record))
    id = text_or_null (record, "credit_code");
  else if (GJ_IS_AGREEMENT (record))
    id = text_or_null (record, "code");
  if (id == NULL)
    return NULL;
  if (GJ_IS_UNIT (record))
    return normalize_credit_code (id);
  return g_strdup (id);
}

/* The index ------------------------------------------------------------------ */

struct _GjDuplicateIndex
{
  GType       type;
  GHashTable *keys;       /* key → id (gint64 in a pointer) */
  GHashTable *identities; /* id → gj_duplicate_identity() */
};

void
gj_duplicate_index_add (GjDuplicateIndex *index,
                        GjRecord         *record)
{
  g_auto(GStrv) keys = NULL;
  gint64 id;

  g_return_if_fail (index != NULL);
  g_return_if_fail (GJ_IS_RECORD (record));

  id = gj_record_get_id (record);
  if (id <= 0)
    return;
  keys = gj_duplicate_keys (record);
  g_hash_table_replace (index->identities, GSIZE_TO_POINTER ((gsize) id), gj_duplicate_identity (record));
  /* The oldest record keeps a key it shares with a newer one. */
  for (guint i = 0; keys[i]; i++)
    if (!g_hash_table_contains (index->keys, keys[i]))
      g_hash_table_insert (index->keys, g_strdup (keys[i]), GSIZE_TO_POINTER ((gsize) id));
}

GjDuplicateIndex *
gj_duplicate_index_new (GjStore  *store,
                        GType     type,
                        GError  **error)
{
  g_autoptr(GListModel) records = NULL;
  GjDuplicateIndex *index;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  records = gj_store_list_full (store, type, NULL, GJ_STORE_LIST_NO_GEOMETRY, error);
  if (records == NULL)
    return NULL;

  index = g_new0 (GjDuplicateIndex, 1);
  index->type = type;
  index->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->identities = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(GjRecord) r = g_list_model_get_item (records, i);

      gj_duplicate_index_add (index, r);
    }
  return index;
}

void
gj_duplicate_index_free (GjDuplicateIndex *index)
{
  if (index == NULL)
    return;
  g_hash_table_unref (index->keys);
  g_hash_table_unref (index->identities);
  g_free (index);
}

gint64
gj_duplicate_index_lookup (GjDuplicateIndex *index,
                           GjRecord         *record,
                           GjDuplicateMatch *how)
{
  g_auto(GStrv) keys = NULL;
  g_autofree char *identity = NULL;
  gint64 self_id;

  g_return_val_if_fail (index != NULL, 0);
  g_return_val_if_fail (GJ_IS_RECORD (record), 0);

  if (how)
    *how = GJ_DUPLICATE_MATCH_NONE;
  self_id = gj_record_get_id (record);
  keys = gj_duplicate_keys (record);
  identity = gj_duplicate_identity (record);
  for (guint i = 0; keys[i]; i++)
    {
      gpointer value;
      GjDuplicateMatch match = (GjDuplicateMatch) (keys[i][0] - '0');

      if (g_hash_table_lookup_extended (index->keys, keys[i], NULL, &value) &&
          (gint64) GPOINTER_TO_SIZE (value) != self_id)
        {
          const char *other = g_hash_table_lookup (index->identities, value);

          /* Same name and address, other credit code: another organisation
           * (a renewed agreement has its own code, the same title). */
          if ((match == GJ_DUPLICATE_MATCH_NAME_ADDRESS || match == GJ_DUPLICATE_MATCH_TITLE) &&
              identity != NULL && other != NULL && strcmp (identity, other) != 0)
            continue;

          if (how)
            *how = match;
          return (gint64) GPOINTER_TO_SIZE (value);
        }
    }
  return 0;
}

/* One record ----------------------------------------------------------------- */

GjRecord *
gj_store_find_duplicate_unit (GjStore           *store,
                              const char        *credit_code,
                              const char        *name,
                              const char        *address,
                              GjDuplicateMatch  *how,
                              GError           **error)
{
  g_autofree char *credit = NULL;
  g_autofree char *want_name = NULL;
  g_autofree char *want_address = NULL;
  sqlite3_stmt *stmt;
  gint64 found = 0;
  int rc;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  if (how)
    *how = GJ_DUPLICATE_MATCH_NONE;

  credit = credit_code ? normalize_credit_code (credit_code) : NULL;
  if (credit != NULL && *credit != '\0')
    {
      /* Stored codes are upper-case ASCII already; a row typed with spaces
       * or in lower case still finds its unit through the index. */
      stmt = gj_store_prepare (store, "SELECT id FROM unit WHERE credit_code = ?1 OR credit_code = ?2 ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, credit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, credit_code, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        found = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          gj_store_set_error (store, rc, error);
          return NULL;
        }
      if (found > 0)
        {
          if (how)
            *how = GJ_DUPLICATE_MATCH_CREDIT_CODE;
          return gj_store_get (store, GJ_TYPE_UNIT, found, error);
        }
    }

  want_name = gj_duplicate_normalize (name);
  if (*want_name == '\0')
    return NULL;
  want_address = gj_duplicate_normalize (address);

  /* Names differ in width and spacing, so no index helps: compare them all
   * (about 10 ms for 10,000 units). */
  stmt = gj_store_prepare (store, "SELECT id, name, address, credit_code FROM unit ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *n = gj_duplicate_normalize ((const char *) sqlite3_column_text (stmt, 1));
      const char *other = (const char *) sqlite3_column_text (stmt, 3);

      /* Only reached when no unit has this credit code: one with another is another organisation. */
      if (credit != NULL && *credit != '\0' && other != NULL && *other != '\0')
        continue;
      g_autofree char *a = NULL;

      if (strcmp (n, want_name) != 0)
        continue;
      a = gj_duplicate_normalize ((const char *) sqlite3_column_text (stmt, 2));
      if (strcmp (a, want_address) == 0)
        {
          found = sqlite3_column_int64 (stmt, 0);
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      gj_store_set_error (store, rc, error);
      return NULL;
    }
  if (found == 0)
    return NULL;
  if (how)
    *how = GJ_DUPLICATE_MATCH_NAME_ADDRESS;
  return gj_store_get (store, GJ_TYPE_UNIT, found, error);
}

GjRecord *
gj_store_find_duplicate (GjStore           *store,
                         GjRecord          *record,
                         GjDuplicateMatch  *how,
                         GError           **error)
{
  g_autoptr(GjDuplicateIndex) index = NULL;
  const char *uuid;
  gint64 id;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);
  g_return_val_if_fail (GJ_IS_RECORD (record), NULL);

  if (how)
    *how = GJ_DUPLICATE_MATCH_NONE;

  uuid = gj_record_get_uuid (record);
  if (uuid != NULL && gj_record_get_id (record) == 0)
    {
      g_autoptr(GError) local_error = NULL;
      GjRecord *same = gj_store_get_by_uuid (store, G_OBJECT_TYPE (record), uuid, &local_error);

      if (same != NULL)
        {
          if (how)
            *how = GJ_DUPLICATE_MATCH_UUID;
          return same;
        }
      if (!g_error_matches (local_error, GJ_STORE_ERROR, GJ_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  if (GJ_IS_UNIT (record))
    {
      GjRecord *same = gj_store_find_duplicate_unit (store, gj_record_get_text (record, "credit_code"),
                                                     gj_record_get_text (record, "name"),
                                                     gj_record_get_text (record, "address"), how, error);

      if (same == NULL || gj_record_get_id (same) != gj_record_get_id (record))
        return same;
      g_object_unref (same);
      if (how)
        *how = GJ_DUPLICATE_MATCH_NONE;
      /* It found the record itself: fall through to the full rules. */
    }

  index = gj_duplicate_index_new (store, G_OBJECT_TYPE (record), error);
  if (index == NULL)
    return NULL;
  id = gj_duplicate_index_lookup (index, record, how);
  return id > 0 ? gj_store_get (store, G_OBJECT_TYPE (record), id, error) : NULL;
}
