/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "gj-agreement-panel.h"
#include "gj-store-units.h"

struct _GjAgreementPanel
{
  GtkWidget            parent_instance;

  /* Template children */
  AdwActionRow        *attachment_row;
  AdwPreferencesGroup *basic_group;
  GtkListBox          *community_side_list;
  GtkListBox          *evaluations_list;
  AdwPreferencesGroup *more_group;
  GtkWidget           *open_attachment_button;
  GtkLabel            *status_label;
  AdwPreferencesGroup *term_group;
  GtkLabel            *title_label;
  GtkListBox          *unit_side_list;

  GjRecordForm        *form;
  GjStore             *store;
  GListModel          *commitments;
  /* The commitment row left open, kept open when the rows are read again. */
  gint64               expanded_id;
  GtkWidget           *dialog;
  GtkNativeDialog     *chooser;
};

G_DEFINE_FINAL_TYPE (GjAgreementPanel, gj_agreement_panel, GTK_TYPE_WIDGET)

enum {
  RENEWED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GjFormChoice hand_statuses[] = {
  { "", N_("From the dates") },
  { "draft", N_("Draft") },
  { "terminated", N_("Terminated") },
  { NULL, NULL },
};

static const GjFormChoice commitment_statuses[] = {
  { "", N_("Not set") },
  { "planned", N_("Planned") },
  { "in_progress", N_("In progress") },
  { "done", N_("Kept") },
  { "not_done", N_("Not kept") },
  { NULL, NULL },
};

static GjFormChoice *
translate (const GjFormChoice *choices,
           GjFormChoice       *out)
{
  guint i;

  for (i = 0; choices[i].title != NULL; i++)
    {
      out[i].value = choices[i].value;
      out[i].title = _(choices[i].title);
    }
  out[i].value = NULL;
  out[i].title = NULL;
  return out;
}

static void
toast (GjAgreementPanel *self,
       const char       *text,
       gboolean          undo,
       gboolean          error)
{
  gj_record_form_toast (GTK_WIDGET (self), text, undo, error);
}

static GjRecord *
agreement (GjAgreementPanel *self)
{
  return gj_record_form_get_record (self->form);
}

static gboolean
parse_iso (const char *iso,
           GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static char *
format_iso (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
  return g_strdup (buffer);
}

/* Commitments -------------------------------------------------------------- */

static const char *
commitment_status_title (const char *value)
{
  for (guint i = 1; commitment_statuses[i].title != NULL; i++)
    if (g_strcmp0 (commitment_statuses[i].value, value) == 0)
      return _(commitment_statuses[i].title);
  return value;
}

static void
update_commitment_row (AdwExpanderRow *row,
                       GjRecord       *commitment)
{
  const char *due = gj_record_get_text (commitment, "due_date");
  const char *status = commitment_status_title (gj_record_get_text (commitment, "status"));
  g_autofree char *subtitle = NULL;

  if (due != NULL && status != NULL)
    /* TRANSLATORS: a commitment's due date and status */
    subtitle = g_strdup_printf (_("Due %s · %s"), due, status);
  else if (due != NULL)
    subtitle = g_strdup_printf (_("Due %s"), due);
  else
    subtitle = g_strdup (status != NULL ? status : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gj_record_get_label (commitment));
  adw_expander_row_set_subtitle (row, subtitle);
}

static void
commitment_saved_cb (GjRecordForm *form,
                     const char   *label,
                     GtkWidget    *row)
{
  g_autofree char *text = g_strdup_printf (_("Changed %s"), label);

  update_commitment_row (ADW_EXPANDER_ROW (row), gj_record_form_get_record (form));
  gj_record_form_toast (row, text, TRUE, FALSE);
}

static void
commitment_failed_cb (GjRecordForm *form,
                      const char   *message,
                      GtkWidget    *row)
{
  gj_record_form_toast (row, message, FALSE, TRUE);
}

static void
commitment_expanded_cb (AdwExpanderRow   *row,
                        GParamSpec       *pspec,
                        GjAgreementPanel *self)
{
  GjRecordForm *form = g_object_get_data (G_OBJECT (row), "gj-form");
  gint64 id = gj_record_get_id (gj_record_form_get_record (form));

  if (adw_expander_row_get_expanded (row))
    self->expanded_id = id;
  else if (self->expanded_id == id)
    self->expanded_id = 0;
}

static GtkWidget *
create_commitment_row (gpointer item,
                       gpointer user_data)
{
  GjAgreementPanel *self = user_data;
  GjRecord *commitment = item;
  GjFormChoice statuses[G_N_ELEMENTS (commitment_statuses)];
  g_autoptr(GjRecordForm) form = gj_record_form_new ();
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *remove;

  gj_record_form_set_history (form, gj_record_form_get_history (self->form));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            gj_record_form_add_row (form, GJ_TYPE_COMMITMENT, "content", GJ_FORM_TEXT, NULL));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            gj_record_form_add_row (form, GJ_TYPE_COMMITMENT, "due_date", GJ_FORM_DATE, NULL));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            gj_record_form_add_row (form, GJ_TYPE_COMMITMENT, "status", GJ_FORM_CHOICE,
                                                    translate (commitment_statuses, statuses)));
  gj_record_form_set_record (form, commitment);
  update_commitment_row (ADW_EXPANDER_ROW (row), commitment);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove the commitment"));
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "agreement.remove-commitment");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", gj_record_get_id (commitment));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);

  g_signal_connect_object (form, "saved", G_CALLBACK (commitment_saved_cb), row, 0);
  g_signal_connect_object (form, "failed", G_CALLBACK (commitment_failed_cb), row, 0);
  g_object_set_data_full (G_OBJECT (row), "gj-form", g_steal_pointer (&form), g_object_unref);
  if (gj_record_get_id (commitment) == self->expanded_id)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (commitment_expanded_cb), self, 0);
  return row;
}

static gboolean
is_side (gpointer item,
         gpointer side)
{
  return g_strcmp0 (gj_record_get_text (item, "side"), side) == 0;
}

static GListModel *
side_model (GListModel *all,
            const char *side)
{
  if (all == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (all),
                                                  GTK_FILTER (gtk_custom_filter_new (is_side, (gpointer) side, NULL))));
}

static GtkWidget *
create_evaluation_row (gpointer item,
                       gpointer user_data)
{
  GjRecord *evaluation = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gboolean fulfilled = gj_record_get_bool (evaluation, "fulfilled");

  if (gj_record_is_null (evaluation, "score"))
    /* TRANSLATORS: a yearly evaluation: the year, kept or not */
    title = g_strdup_printf (_("%d · %s"), (int) gj_record_get_int (evaluation, "year"),
                             fulfilled ? _("Kept") : _("Not kept"));
  else
    /* TRANSLATORS: a yearly evaluation: the year, kept or not, the score */
    title = g_strdup_printf (_("%d · %s · %.0f points"), (int) gj_record_get_int (evaluation, "year"),
                             fulfilled ? _("Kept") : _("Not kept"), gj_record_get_real (evaluation, "score"));
  subtitle = g_strjoin (" · ", gj_record_get_text (evaluation, "evaluator") ?: "",
                        gj_record_get_text (evaluation, "evaluated_on") ?: "",
                        gj_record_get_text (evaluation, "comment") ?: "", NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

void
gj_agreement_panel_reload_related (GjAgreementPanel *self)
{
  g_autoptr(GListModel) unit_side = NULL;
  g_autoptr(GListModel) community_side = NULL;
  g_autoptr(GListModel) evaluations = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GJ_IS_AGREEMENT_PANEL (self));

  g_clear_object (&self->commitments);
  if (agreement (self) != NULL && self->store != NULL)
    {
      self->commitments = gj_store_list_commitments (self->store, agreement (self), &error);
      if (error == NULL)
        evaluations = gj_store_list_evaluations (self->store, agreement (self), 0, &error);
      if (error != NULL)
        g_warning ("Could not read the agreement’s commitments: %s", error->message);
    }
  unit_side = side_model (self->commitments, "unit");
  community_side = side_model (self->commitments, "community");
  gtk_list_box_bind_model (self->unit_side_list, unit_side, create_commitment_row, self, NULL);
  gtk_list_box_bind_model (self->community_side_list, community_side, create_commitment_row, self, NULL);
  gtk_list_box_bind_model (self->evaluations_list, evaluations, create_evaluation_row, self, NULL);
}

GListModel *
gj_agreement_panel_get_commitments (GjAgreementPanel *self)
{
  g_return_val_if_fail (GJ_IS_AGREEMENT_PANEL (self), NULL);
  return self->commitments;
}

gboolean
gj_agreement_panel_add_commitment (GjAgreementPanel *self,
                                   const char       *side,
                                   const char       *content)
{
  g_autoptr(GjRecord) commitment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  GjHistory *history;

  g_return_val_if_fail (GJ_IS_AGREEMENT_PANEL (self), FALSE);

  history = gj_record_form_get_history (self->form);
  if (agreement (self) == NULL || history == NULL)
    return FALSE;
  commitment = GJ_RECORD (gj_commitment_new ());
  gj_record_set_int (commitment, "agreement_id", gj_record_get_id (agreement (self)));
  gj_record_set_text (commitment, "side", side);
  gj_record_set_text (commitment, "content", content);
  gj_record_set_text (commitment, "status", "planned");
  label = g_strdup_printf (_("a commitment of “%s”"), gj_record_get_label (agreement (self)));
  /* Open, to type what it is; the history's "changed" reads the rows. */
  self->expanded_id = -1;
  if (!gj_history_insert (history, commitment, label, &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return FALSE;
    }
  self->expanded_id = gj_record_get_id (commitment);
  gj_agreement_panel_reload_related (self);
  text = g_strdup_printf (_("Added %s"), label);
  toast (self, text, TRUE, FALSE);
  return TRUE;
}

/* Showing ------------------------------------------------------------------ */

static void
update_header (GjAgreementPanel *self)
{
  GjRecord *record = agreement (self);
  g_autoptr(GDate) today = gj_today ();
  const char *attachment;
  GjAgreementStatus status;
  static const char *classes[] = { "draft", "pending", "in-force", "expiring", "expired", "terminated" };

  if (record == NULL)
    return;
  status = gj_agreement_get_status (GJ_AGREEMENT (record), today);
  gtk_label_set_label (self->title_label, gj_record_get_label (record));
  gtk_label_set_label (self->status_label, gj_agreement_status_get_title (status));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), gj_agreement_status_to_string (status));

  attachment = gj_record_get_text (record, "attachment");
  if (attachment != NULL)
    {
      g_autofree char *name = g_filename_display_basename (attachment);

      adw_action_row_set_subtitle (self->attachment_row, name);
    }
  else
    adw_action_row_set_subtitle (self->attachment_row, _("None; choose the scanned signed copy"));
  gtk_widget_set_sensitive (self->open_attachment_button, attachment != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.renew",
                                 status != GJ_AGREEMENT_DRAFT && status != GJ_AGREEMENT_TERMINATED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.evaluate", status != GJ_AGREEMENT_DRAFT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.terminate", status != GJ_AGREEMENT_TERMINATED);
}

static void
form_saved_cb (GjAgreementPanel *self)
{
  update_header (self);
}

GjRecord *
gj_agreement_panel_get_record (GjAgreementPanel *self)
{
  g_return_val_if_fail (GJ_IS_AGREEMENT_PANEL (self), NULL);
  return agreement (self);
}

void
gj_agreement_panel_set_record (GjAgreementPanel *self,
                               GjRecord         *record)
{
  GjRecord *old;
  gboolean same;

  g_return_if_fail (GJ_IS_AGREEMENT_PANEL (self));

  old = agreement (self);
  if (old == record)
    return;
  same = old != NULL && record != NULL && gj_record_get_id (old) == gj_record_get_id (record);
  gj_record_form_set_record (self->form, record);
  update_header (self);
  if (!same)
    {
      self->expanded_id = 0;
      gj_agreement_panel_reload_related (self);
    }
}

void
gj_agreement_panel_set_store (GjAgreementPanel *self,
                              GjStore          *store)
{
  g_return_if_fail (GJ_IS_AGREEMENT_PANEL (self));

  g_set_object (&self->store, store);
  gj_record_form_set_record (self->form, NULL);
}

GjRecordForm *
gj_agreement_panel_get_form (GjAgreementPanel *self)
{
  g_return_val_if_fail (GJ_IS_AGREEMENT_PANEL (self), NULL);
  return self->form;
}

/* Renewing ----------------------------------------------------------------- */

gint64
gj_agreement_panel_renew (GjAgreementPanel *self,
                          const char       *start,
                          const char       *end)
{
  g_autoptr(GjRecord) renewed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GJ_IS_AGREEMENT_PANEL (self), 0);

  if (agreement (self) == NULL || self->store == NULL)
    return 0;
  renewed = gj_store_renew_agreement (self->store, agreement (self), start, end, &error);
  if (renewed == NULL)
    {
      toast (self, error->message, FALSE, TRUE);
      return 0;
    }
  /* TRANSLATORS: the new term of a renewed agreement */
  text = g_strdup_printf (_("Renewed “%s” for %s – %s; the new term is a draft until it is signed"),
                          gj_record_get_label (renewed), start, end != NULL ? end : "…");
  toast (self, text, FALSE, FALSE);
  g_signal_emit (self, signals[RENEWED], 0, gj_record_get_id (renewed));
  return gj_record_get_id (renewed);
}

static void
renew_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   GjAgreementPanel *self)
{
  GtkEditable *start = g_object_get_data (G_OBJECT (dialog), "start");
  GtkEditable *end = g_object_get_data (G_OBJECT (dialog), "end");
  g_autofree char *start_date = gj_date_normalize (gtk_editable_get_text (start));
  g_autofree char *end_date = gj_date_normalize (gtk_editable_get_text (end));

  self->dialog = NULL;
  if (!g_str_equal (response, "renew"))
    return;
  if (start_date == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a date; write it as 2024-05-01"),
                                                 gtk_editable_get_text (start));

      toast (self, reason, FALSE, TRUE);
      return;
    }
  gj_agreement_panel_renew (self, start_date, end_date);
}

static GtkWidget *
dialog_entry (GtkWidget  *list,
              const char *title,
              const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static GtkWidget *
boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
new_dialog (GjAgreementPanel *self,
            const char       *heading,
            const char       *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  self->dialog = dialog;
  return dialog;
}

static void
renew_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  GDate old_start, old_end, start, end;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list;

  if (agreement (self) == NULL || self->dialog != NULL)
    return;

  /* The next term starts the day after this one ends and lasts as long. */
  if (parse_iso (gj_record_get_text (agreement (self), "end_date"), &old_end))
    {
      start = old_end;
      g_date_add_days (&start, 1);
    }
  else
    {
      g_autoptr(GDate) today = gj_today ();

      start = *today;
    }
  end = start;
  if (parse_iso (gj_record_get_text (agreement (self), "start_date"), &old_start)
      && g_date_valid (&old_end) && g_date_compare (&old_end, &old_start) > 0)
    g_date_add_days (&end, g_date_days_between (&old_start, &old_end));
  else
    {
      g_date_add_years (&end, 1);
      g_date_subtract_days (&end, 1);
    }
  start_text = format_iso (&start);
  end_text = format_iso (&end);

  body = g_strdup_printf (_("A new term of “%s” with the same unit, content and commitments. "
                            "This term stays as it is, with its evaluations."),
                          gj_record_get_label (agreement (self)));
  dialog = new_dialog (self, _("Renew the Agreement"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "renew", _("_Renew"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "renew", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "renew");
  list = boxed_list ();
  g_object_set_data (G_OBJECT (dialog), "start", dialog_entry (list, _("New term starts"), start_text));
  g_object_set_data (G_OBJECT (dialog), "end", dialog_entry (list, _("New term ends"), end_text));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_signal_connect_object (dialog, "response", G_CALLBACK (renew_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Yearly evaluation -------------------------------------------------------- */

static void
evaluate_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GjAgreementPanel *self)
{
  GPtrArray *verdict_rows = g_object_get_data (G_OBJECT (dialog), "verdicts");
  GtkEditable *year = g_object_get_data (G_OBJECT (dialog), "year");
  GtkEditable *evaluator = g_object_get_data (G_OBJECT (dialog), "evaluator");
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "date");
  GtkSwitch *replace = g_object_get_data (G_OBJECT (dialog), "replace");
  g_autoptr(GPtrArray) verdicts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;
  gint64 year_value;

  self->dialog = NULL;
  if (!g_str_equal (response, "save") || agreement (self) == NULL)
    return;

  if (!g_ascii_string_to_signed (gtk_editable_get_text (year), 10, 1900, 2200, &year_value, NULL))
    {
      text = g_strdup_printf (_("“%s” is not a year"), gtk_editable_get_text (year));
      toast (self, text, FALSE, TRUE);
      return;
    }
  day = gj_date_normalize (gtk_editable_get_text (date));

  for (guint i = 0; i < verdict_rows->len; i++)
    {
      GtkWidget *row = verdict_rows->pdata[i];
      GjRecord *commitment = g_object_get_data (G_OBJECT (row), "commitment");
      GtkSwitch *kept = g_object_get_data (G_OBJECT (row), "kept");
      GtkEditable *score = g_object_get_data (G_OBJECT (row), "score");
      GtkEditable *comment = g_object_get_data (G_OBJECT (row), "comment");
      GjRecord *verdict = GJ_RECORD (gj_evaluation_new ());
      g_autofree char *reason = NULL;

      g_ptr_array_add (verdicts, verdict);
      if (commitment != NULL)
        gj_record_set_int (verdict, "commitment_id", gj_record_get_id (commitment));
      gj_record_set_bool (verdict, "fulfilled", gtk_switch_get_active (kept));
      if (!gj_record_form_parse (verdict, gj_record_class_find_field (GJ_RECORD_GET_CLASS (verdict), "score", NULL),
                                 GJ_FORM_REAL, gtk_editable_get_text (score), &reason))
        {
          toast (self, reason, FALSE, TRUE);
          return;
        }
      gj_record_form_parse (verdict, gj_record_class_find_field (GJ_RECORD_GET_CLASS (verdict), "comment", NULL),
                            GJ_FORM_TEXT, gtk_editable_get_text (comment), NULL);
    }

  if (!gj_store_evaluate_agreement (self->store, agreement (self), (int) year_value, verdicts,
                                    gtk_editable_get_text (evaluator), day,
                                    gtk_switch_get_active (replace) ? GJ_EVALUATE_REPLACE : GJ_EVALUATE_DEFAULT,
                                    &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Saved the %d evaluation of “%s”"), (int) year_value, gj_record_get_label (agreement (self)));
  toast (self, text, FALSE, FALSE);
  gj_agreement_panel_reload_related (self);
}

static GtkWidget *
verdict_row (GPtrArray  *rows,
             GjRecord   *commitment,
             const char *title)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *kept = gtk_switch_new ();
  GtkWidget *score = adw_entry_row_new ();
  GtkWidget *comment = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Kept: switch on; score and comment inside"));
  gtk_switch_set_active (GTK_SWITCH (kept), TRUE);
  gtk_widget_set_valign (kept, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (kept, _("Kept"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), kept);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (score), _("Score (0–100)"));
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (score), GTK_INPUT_PURPOSE_NUMBER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (comment), _("Comment"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), score);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), comment);
  if (commitment != NULL)
    g_object_set_data_full (G_OBJECT (row), "commitment", g_object_ref (commitment), g_object_unref);
  g_object_set_data (G_OBJECT (row), "kept", kept);
  g_object_set_data (G_OBJECT (row), "score", score);
  g_object_set_data (G_OBJECT (row), "comment", comment);
  g_ptr_array_add (rows, row);
  return row;
}

static void
evaluate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  g_autoptr(GDate) today = gj_today ();
  g_autofree char *year = NULL;
  g_autofree char *day = gj_record_form_dup_today ();
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *dialog, *box, *list, *verdicts, *scrolled, *replace_row, *replace;
  guint n = self->commitments != NULL ? g_list_model_get_n_items (self->commitments) : 0;

  if (agreement (self) == NULL || self->dialog != NULL)
    {
      g_ptr_array_unref (rows);
      return;
    }

  year = g_strdup_printf ("%d", g_date_get_year (today));
  dialog = new_dialog (self, _("Yearly Evaluation"),
                       _("For each commitment: was it kept this year? A score and a comment may follow."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = boxed_list ();
  g_object_set_data (G_OBJECT (dialog), "year", dialog_entry (list, _("Year"), year));
  g_object_set_data (G_OBJECT (dialog), "evaluator", dialog_entry (list, _("Evaluator"), g_get_real_name ()));
  g_object_set_data (G_OBJECT (dialog), "date", dialog_entry (list, _("Date"), day));
  replace_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (replace_row), _("Replace that year’s evaluation"));
  replace = gtk_switch_new ();
  gtk_widget_set_valign (replace, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (replace_row), replace);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (replace_row), replace);
  gtk_list_box_append (GTK_LIST_BOX (list), replace_row);
  g_object_set_data (G_OBJECT (dialog), "replace", replace);
  gtk_box_append (GTK_BOX (box), list);

  verdicts = boxed_list ();
  if (n == 0)
    gtk_list_box_append (GTK_LIST_BOX (verdicts), verdict_row (rows, NULL, _("The agreement as a whole")));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjRecord) commitment = g_list_model_get_item (self->commitments, i);
      g_autofree char *title = g_strdup_printf ("%s: %s",
                                                g_strcmp0 (gj_record_get_text (commitment, "side"), "unit") == 0
                                                ? _("Unit") : _("Community"),
                                                gj_record_get_label (commitment));

      gtk_list_box_append (GTK_LIST_BOX (verdicts), verdict_row (rows, commitment, title));
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), verdicts);
  gtk_box_append (GTK_BOX (box), scrolled);

  g_object_set_data_full (G_OBJECT (dialog), "verdicts", rows, (GDestroyNotify) g_ptr_array_unref);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_signal_connect_object (dialog, "response", G_CALLBACK (evaluate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Terminating, deleting ---------------------------------------------------- */

static void
terminate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       GjAgreementPanel *self)
{
  self->dialog = NULL;
  if (g_str_equal (response, "terminate"))
    gj_record_form_save (self->form, "status", "terminated");
}

static void
terminate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (agreement (self) == NULL || self->dialog != NULL)
    return;
  body = g_strdup_printf (_("“%s” ends now, before its term. Its commitments and evaluations are kept."),
                          gj_record_get_label (agreement (self)));
  dialog = new_dialog (self, _("Terminate the Agreement?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "terminate", _("_Terminate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "terminate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (terminate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
trash (GjAgreementPanel *self,
       GjRecord         *record)
{
  g_autoptr(GjRecord) keep = g_object_ref (record);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = g_strdup_printf ("“%s”", gj_record_get_label (record));
  g_autofree char *text = NULL;
  GjHistory *history = gj_record_form_get_history (self->form);

  if (history == NULL)
    return;
  if (!gj_history_delete (history, keep, label, &error))
    {
      toast (self, error->message, FALSE, TRUE);
      return;
    }
  text = g_strdup_printf (_("Moved %s to the trash"), label);
  toast (self, text, TRUE, FALSE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);

  if (agreement (self) != NULL)
    trash (self, agreement (self));
}

static void
add_commitment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  gj_agreement_panel_add_commitment (GJ_AGREEMENT_PANEL (widget), g_variant_get_string (param, NULL),
                                     _("New commitment"));
}

static void
remove_commitment_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  gint64 id = g_variant_get_int64 (param);

  for (guint i = 0; self->commitments != NULL && i < g_list_model_get_n_items (self->commitments); i++)
    {
      g_autoptr(GjRecord) commitment = g_list_model_get_item (self->commitments, i);

      if (gj_record_get_id (commitment) == id)
        {
          trash (self, commitment);
          gj_agreement_panel_reload_related (self);
          return;
        }
    }
}

/* The attachment ----------------------------------------------------------- */

static void
chooser_response_cb (GjAgreementPanel *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);
  if (path != NULL && agreement (self) != NULL)
    gj_record_form_save (self->form, "attachment", path);
}

static void
choose_attachment_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (agreement (self) == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose the Attachment"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (documents, _("Documents and scans"));
  gtk_file_filter_add_suffix (documents, "pdf");
  gtk_file_filter_add_suffix (documents, "doc");
  gtk_file_filter_add_suffix (documents, "docx");
  gtk_file_filter_add_suffix (documents, "ofd");
  gtk_file_filter_add_suffix (documents, "jpg");
  gtk_file_filter_add_suffix (documents, "jpeg");
  gtk_file_filter_add_suffix (documents, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), documents);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

static void
open_attachment_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);
  const char *path = agreement (self) != NULL ? gj_record_get_text (agreement (self), "attachment") : NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *text = g_strdup_printf (_("The attachment “%s” is no longer there; choose it again"), path);

      toast (self, text, FALSE, TRUE);
      return;
    }
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME);
}

static void
show_unit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (widget);

  if (agreement (self) != NULL && !gj_record_is_null (agreement (self), "unit_id"))
    gtk_widget_activate_action (widget, "units.show-unit", "x", gj_record_get_int (agreement (self), "unit_id"));
}

/* GObject ------------------------------------------------------------------ */

static void
gj_agreement_panel_dispose (GObject *object)
{
  GjAgreementPanel *self = GJ_AGREEMENT_PANEL (object);
  GtkWidget *child;

  if (self->dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->dialog, self);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_AGREEMENT_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_object (&self->commitments);

  G_OBJECT_CLASS (gj_agreement_panel_parent_class)->dispose (object);
}

static void
gj_agreement_panel_class_init (GjAgreementPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_agreement_panel_dispose;

  /**
   * GjAgreementPanel::renewed:
   * @id: the new term's agreement
   */
  signals[RENEWED] = g_signal_new ("renewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-agreement-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, attachment_row);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, basic_group);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, community_side_list);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, evaluations_list);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, more_group);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, open_attachment_button);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, term_group);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, GjAgreementPanel, unit_side_list);

  gtk_widget_class_install_action (widget_class, "agreement.renew", NULL, renew_action);
  gtk_widget_class_install_action (widget_class, "agreement.evaluate", NULL, evaluate_action);
  gtk_widget_class_install_action (widget_class, "agreement.terminate", NULL, terminate_action);
  gtk_widget_class_install_action (widget_class, "agreement.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "agreement.add-commitment", "s", add_commitment_action);
  gtk_widget_class_install_action (widget_class, "agreement.remove-commitment", "x", remove_commitment_action);
  gtk_widget_class_install_action (widget_class, "agreement.choose-attachment", NULL, choose_attachment_action);
  gtk_widget_class_install_action (widget_class, "agreement.open-attachment", NULL, open_attachment_action);
  gtk_widget_class_install_action (widget_class, "agreement.show-unit", NULL, show_unit_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "agreementpanel");
}

static void
add (GjAgreementPanel    *self,
     AdwPreferencesGroup *group,
     const char          *field,
     GjFormEdit           edit,
     const GjFormChoice  *choices)
{
  adw_preferences_group_add (group, gj_record_form_add_row (self->form, GJ_TYPE_AGREEMENT, field, edit, choices));
}

static void
gj_agreement_panel_init (GjAgreementPanel *self)
{
  GjFormChoice statuses[G_N_ELEMENTS (hand_statuses)];
  GtkWidget *go, *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->form = gj_record_form_new ();
  g_signal_connect_object (self->form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);

  add (self, self->basic_group, "title", GJ_FORM_TEXT, NULL);
  add (self, self->basic_group, "unit_name", GJ_FORM_NONE, NULL);
  add (self, self->basic_group, "street_name", GJ_FORM_NONE, NULL);
  add (self, self->basic_group, "community_name", GJ_FORM_NONE, NULL);
  add (self, self->term_group, "signed_date", GJ_FORM_DATE, NULL);
  add (self, self->term_group, "start_date", GJ_FORM_DATE, NULL);
  add (self, self->term_group, "end_date", GJ_FORM_DATE, NULL);
  add (self, self->term_group, "status", GJ_FORM_CHOICE, translate (hand_statuses, statuses));
  add (self, self->more_group, "categories", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "content", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "funding", GJ_FORM_REAL, NULL);
  add (self, self->more_group, "unit_contact", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "unit_phone", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "community_contact", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "code", GJ_FORM_TEXT, NULL);
  add (self, self->more_group, "remark", GJ_FORM_TEXT, NULL);

  /* The unit's own form is a click away. */
  go = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_add_css_class (go, "flat");
  gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (go, _("Show the unit"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (go), "agreement.show-unit");
  adw_action_row_add_suffix (ADW_ACTION_ROW (gj_record_form_get_row (self->form, "unit_name")), go);

  label = gtk_label_new (_("No commitments yet"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->unit_side_list, label);
  label = gtk_label_new (_("No commitments yet"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->community_side_list, label);
  label = gtk_label_new (_("Not evaluated yet"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_list_box_set_placeholder (self->evaluations_list, label);
}
