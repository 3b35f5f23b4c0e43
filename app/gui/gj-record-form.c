/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include <math.h>

#include "gj-format.h"
#include "gj-record-form.h"

struct _GjRecordForm
{
  GObject     parent_instance;

  GjRecord   *record;
  GjHistory  *history;
  /* field name → its row; the rows belong to the caller's lists. */
  GHashTable *rows;
  /* Set while the form fills its rows: no save then. */
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (GjRecordForm, gj_record_form, G_TYPE_OBJECT)

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Parsing ------------------------------------------------------------------ */

gboolean
gj_record_form_parse (GjRecord       *record,
                      const GjField  *field,
                      GjFormEdit      edit,
                      const char     *text,
                      char          **reason)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (*trimmed == '\0')
    {
      gj_record_set_null (record, field->name);
      return TRUE;
    }

  switch (edit)
    {
    case GJ_FORM_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (trimmed, 10, 0, G_MAXINT32, &value, NULL))
          {
            *reason = g_strdup_printf (_("“%s” is not a whole number"), trimmed);
            return FALSE;
          }
        gj_record_set_int (record, field->name, value);
        return TRUE;
      }
    case GJ_FORM_REAL:
      {
        g_autoptr(GString) plain = g_string_new (trimmed);
        char *end = NULL;
        double value;

        /* 1,234.5 as offices write it. */
        g_string_replace (plain, ",", "", 0);
        g_string_replace (plain, "，", "", 0);
        value = g_ascii_strtod (plain->str, &end);
        if (end == plain->str || *end != '\0' || !isfinite (value) || value < 0)
          {
            *reason = g_strdup_printf (_("“%s” is not a number"), trimmed);
            return FALSE;
          }
        gj_record_set_real (record, field->name, value);
        return TRUE;
      }
    case GJ_FORM_DATE:
      {
        g_autofree char *date = gj_date_normalize (trimmed);

        if (date == NULL)
          {
            *reason = g_strdup_printf (_("“%s” is not a date; write it as 2024-05-01"), trimmed);
            return FALSE;
          }
        gj_record_set_text (record, field->name, date);
        return TRUE;
      }
    case GJ_FORM_LIST:
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;
        g_auto(GStrv) parts = g_regex_split_simple ("[、,，;；]", trimmed, 0, 0);
        g_autofree char *json = NULL;

        json_builder_begin_array (builder);
        for (guint i = 0; parts[i] != NULL; i++)
          {
            g_strstrip (parts[i]);
            if (*parts[i] != '\0')
              json_builder_add_string_value (builder, parts[i]);
          }
        json_builder_end_array (builder);
        root = json_builder_get_root (builder);
        json = json_to_string (root, FALSE);
        gj_record_set_text (record, field->name, json);
        return TRUE;
      }
    case GJ_FORM_TEXT:
    case GJ_FORM_CHOICE:
    case GJ_FORM_NONE:
    default:
      gj_record_set_text (record, field->name, trimmed);
      return TRUE;
    }
}

char *
gj_record_form_edit_text (GjRecord      *record,
                          const GjField *field,
                          GjFormEdit     edit)
{
  g_autofree char *shown = NULL;

  if (gj_record_is_null (record, field->name))
    return g_strdup ("");
  if (edit == GJ_FORM_INT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, gj_record_get_int (record, field->name));
  if (edit == GJ_FORM_REAL)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      double value = gj_record_get_real (record, field->name);

      /* Whole figures without ".0", the rest with what they have. */
      if (value == floor (value) && fabs (value) < 1e15)
        return g_strdup_printf ("%.0f", value);
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
    }
  shown = gj_format_field (record, field);
  return g_strdup (shown != NULL ? shown : "");
}

char *
gj_record_form_dup_today (void)
{
  g_autoptr(GDate) today = gj_today ();
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", today);
  return g_strdup (buffer);
}

void
gj_record_form_toast (GtkWidget  *near,
                      const char *title,
                      gboolean    with_undo,
                      gboolean    error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (near, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *toast;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }
  toast = adw_toast_new (escaped);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  adw_toast_set_timeout (toast, error ? 8 : 5);
  if (error)
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* Saving ------------------------------------------------------------------- */

static void
mark_row (GtkWidget  *row,
          const char *reason)
{
  if (row == NULL)
    return;
  if (reason != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, reason);
}

static void fill_values (GjRecordForm *self);

static gboolean
save_copy (GjRecordForm *self,
           GjRecord     *copy,
           const char   *label,
           GtkWidget    *row)
{
  g_autoptr(GError) error = NULL;

  if (!gj_history_update (self->history, copy, label, &error))
    {
      mark_row (row, error->message);
      g_signal_emit (self, signals[FAILED], 0, error->message);
      return FALSE;
    }

  mark_row (row, NULL);
  /* The stored record now, with what the store worked out (grid, street). */
  g_set_object (&self->record, copy);
  fill_values (self);
  g_signal_emit (self, signals[SAVED], 0, label);
  return TRUE;
}

gboolean
gj_record_form_save_copy (GjRecordForm *self,
                          GjRecord     *copy,
                          const char   *label)
{
  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (copy), FALSE);

  if (self->history == NULL)
    return FALSE;
  return save_copy (self, copy, label, NULL);
}

gboolean
gj_record_form_save (GjRecordForm *self,
                     const char   *name,
                     const char   *text)
{
  GtkWidget *row;
  const GjField *field;
  GjFormEdit edit;
  /* Saving may rebuild the list the row is in (and the form with it). */
  g_autoptr(GjRecordForm) keep = g_object_ref (self);
  g_autoptr(GtkWidget) keep_row = NULL;
  g_autoptr(GjRecord) copy = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), FALSE);

  if (self->record == NULL || self->history == NULL)
    return FALSE;
  field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self->record), name, NULL);
  row = g_hash_table_lookup (self->rows, name);
  if (field == NULL)
    return FALSE;
  if (row != NULL)
    keep_row = g_object_ref (row);
  edit = row != NULL ? GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "gj-edit")) : GJ_FORM_TEXT;

  copy = gj_record_copy (self->record);
  if (!gj_record_form_parse (copy, field, edit, text, &reason))
    {
      mark_row (row, reason);
      g_signal_emit (self, signals[FAILED], 0, reason);
      return FALSE;
    }
  /* Nothing changed: nothing to undo either. */
  if (gj_record_equal_values (copy, self->record, field->name))
    {
      mark_row (row, NULL);
      fill_values (self);
      return TRUE;
    }

  /* “the name of 洛阳某某公司”, for the toast and the undo menu. */
  label = g_strdup_printf (_("%s of “%s”"), _(field->label), gj_record_get_label (self->record));
  return save_copy (self, copy, label, row);
}

static void
entry_applied_cb (AdwEntryRow  *row,
                  GjRecordForm *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "gj-field");

  if (!self->filling)
    gj_record_form_save (self, name, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
entry_changed_cb (AdwEntryRow  *row,
                  GjRecordForm *self)
{
  if (!self->filling)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
choice_selected_cb (AdwComboRow  *row,
                    GParamSpec   *pspec,
                    GjRecordForm *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "gj-field");
  GPtrArray *values = g_object_get_data (G_OBJECT (row), "gj-values");
  guint selected = adw_combo_row_get_selected (row);

  if (self->filling || selected == GTK_INVALID_LIST_POSITION || selected >= values->len)
    return;
  gj_record_form_save (self, name, values->pdata[selected]);
}

/* Rows --------------------------------------------------------------------- */

static guint
choice_index (GPtrArray  *values,
              const char *value)
{
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], value != NULL ? value : "") == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
fill_values (GjRecordForm *self)
{
  GHashTableIter iter;
  gpointer key, value;

  if (self->record == NULL)
    return;

  self->filling = TRUE;
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GjField *field = gj_record_class_find_field (GJ_RECORD_GET_CLASS (self->record), key, NULL);
      GjFormEdit edit = GPOINTER_TO_INT (g_object_get_data (value, "gj-edit"));

      if (field == NULL)
        continue;
      if (ADW_IS_ENTRY_ROW (value))
        {
          g_autofree char *text = gj_record_form_edit_text (self->record, field, edit);

          if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (value)), text) != 0)
            gtk_editable_set_text (GTK_EDITABLE (value), text);
          gtk_widget_remove_css_class (value, "error");
          gtk_widget_set_tooltip_text (value, NULL);
        }
      else if (ADW_IS_COMBO_ROW (value))
        {
          GPtrArray *values = g_object_get_data (value, "gj-values");
          GtkStringList *titles = GTK_STRING_LIST (adw_combo_row_get_model (value));
          const char *current = gj_record_get_text (self->record, key);
          guint index = choice_index (values, current);

          /* A value the data holds that the form does not know is kept. */
          if (index == GTK_INVALID_LIST_POSITION)
            {
              g_ptr_array_add (values, g_strdup (current));
              gtk_string_list_append (titles, current);
              index = values->len - 1;
            }
          adw_combo_row_set_selected (value, index);
          gtk_widget_remove_css_class (value, "error");
        }
      else if (ADW_IS_ACTION_ROW (value))
        {
          g_autofree char *shown = gj_format_field (self->record, field);

          adw_action_row_set_subtitle (value, shown != NULL && *shown != '\0' ? shown : "—");
        }
    }
  self->filling = FALSE;
}

GtkWidget *
gj_record_form_add_row (GjRecordForm       *self,
                        GType               type,
                        const char         *name,
                        GjFormEdit          edit,
                        const GjFormChoice *choices)
{
  g_autoptr(GjRecordClass) klass = NULL;
  const GjField *field;
  GtkWidget *row;

  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), NULL);

  klass = g_type_class_ref (type);
  field = gj_record_class_find_field (klass, name, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (edit == GJ_FORM_NONE)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "property");
    }
  else if (edit == GJ_FORM_CHOICE)
    {
      GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

      for (guint i = 0; choices != NULL && choices[i].title != NULL; i++)
        {
          g_ptr_array_add (values, g_strdup (choices[i].value));
          gtk_string_list_append (titles, choices[i].title);
        }
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (titles));
      g_object_set_data_full (G_OBJECT (row), "gj-values", values, (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (choice_selected_cb), self, 0);
    }
  else
    {
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      if (edit == GJ_FORM_INT)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      else if (edit == GJ_FORM_REAL)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      else if (g_str_has_suffix (field->name, "phone") || g_str_equal (field->name, "landline"))
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_PHONE);
      g_signal_connect_object (row, "apply", G_CALLBACK (entry_applied_cb), self, 0);
      g_signal_connect_object (row, "changed", G_CALLBACK (entry_changed_cb), self, 0);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->label ? _(field->label) : field->name);
  g_object_set_data (G_OBJECT (row), "gj-field", (gpointer) field->name);
  g_object_set_data (G_OBJECT (row), "gj-edit", GINT_TO_POINTER (edit));
  g_hash_table_insert (self->rows, (gpointer) field->name, row);
  return row;
}

GtkWidget *
gj_record_form_get_row (GjRecordForm *self,
                        const char   *field)
{
  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), NULL);

  return g_hash_table_lookup (self->rows, field);
}

/* GObject ------------------------------------------------------------------ */

static void
gj_record_form_dispose (GObject *object)
{
  GjRecordForm *self = GJ_RECORD_FORM (object);

  g_hash_table_remove_all (self->rows);
  g_clear_object (&self->record);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (gj_record_form_parent_class)->dispose (object);
}

static void
gj_record_form_finalize (GObject *object)
{
  GjRecordForm *self = GJ_RECORD_FORM (object);

  g_hash_table_unref (self->rows);

  G_OBJECT_CLASS (gj_record_form_parent_class)->finalize (object);
}

static void
gj_record_form_class_init (GjRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gj_record_form_dispose;
  object_class->finalize = gj_record_form_finalize;

  /**
   * GjRecordForm::saved:
   * @label: what was changed, for a toast ("the name of …")
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * GjRecordForm::failed:
   * @message: why the value was not kept
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gj_record_form_init (GjRecordForm *self)
{
  self->rows = g_hash_table_new (g_str_hash, g_str_equal);
}

GjRecordForm *
gj_record_form_new (void)
{
  return g_object_new (GJ_TYPE_RECORD_FORM, NULL);
}

void
gj_record_form_set_history (GjRecordForm *self,
                            GjHistory    *history)
{
  g_return_if_fail (GJ_IS_RECORD_FORM (self));
  g_return_if_fail (history == NULL || GJ_IS_HISTORY (history));

  g_set_object (&self->history, history);
}

GjHistory *
gj_record_form_get_history (GjRecordForm *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), NULL);

  return self->history;
}

GjRecord *
gj_record_form_get_record (GjRecordForm *self)
{
  g_return_val_if_fail (GJ_IS_RECORD_FORM (self), NULL);

  return self->record;
}

void
gj_record_form_set_record (GjRecordForm *self,
                           GjRecord     *record)
{
  g_return_if_fail (GJ_IS_RECORD_FORM (self));
  g_return_if_fail (record == NULL || GJ_IS_RECORD (record));

  g_set_object (&self->record, record);
  fill_values (self);
}
