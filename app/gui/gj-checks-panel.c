/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gj-checks-panel.h"
#include "gj-store-checks.h"

struct _GjChecksPanel
{
  GtkWidget      parent_instance;

  /* Template children */
  GtkLabel      *accepted_label;
  GtkWidget     *cancel_button;
  GtkListBox    *list;
  GtkSpinner    *spinner;
  GtkStack      *state_stack;
  GtkLabel      *summary_label;

  GjStore       *store;
  GListModel    *findings;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (GjChecksPanel, gj_checks_panel, GTK_TYPE_WIDGET)

enum
{
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (GjChecksPanel *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *accepted = NULL;
  guint n, n_accepted = 0;

  if (self->findings == NULL)
    {
      gtk_label_set_label (self->summary_label, "");
      gtk_label_set_label (self->accepted_label, "");
      return;
    }

  n = g_list_model_get_n_items (self->findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GjFinding) finding = g_list_model_get_item (self->findings, i);

      if (gj_finding_get_accepted (finding))
        n_accepted++;
    }

  summary = g_strdup_printf (ngettext ("%u problem found", "%u problems found", n), n);
  gtk_label_set_label (self->summary_label, summary);

  if (n_accepted > 0)
    accepted = g_strdup_printf (ngettext ("%u accepted as an exception", "%u accepted as exceptions",
                                          n_accepted),
                                n_accepted);
  gtk_label_set_label (self->accepted_label, accepted != NULL ? accepted : "");
}

static void
update_actions (GjChecksPanel *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.run", self->store != NULL && !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "checks.cancel", running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
}

/* Accepting and withdrawing ------------------------------------------------ */

static void
show_error (GjChecksPanel *self,
            const char    *heading,
            const char    *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_accepted (GjChecksPanel *self,
              GjFinding     *finding,
              const char    *reason)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!gj_store_accept_finding (self->store, finding, reason, &error))
    show_error (self, reason != NULL ? _("Could Not Accept the Exception") : _("Could Not Withdraw the Exception"),
                error->message);
  update_summary (self);
}

static void
reason_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "accept", reason[0] != '\0');
}

static void
accept_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GjChecksPanel    *self)
{
  GjFinding *finding = g_object_get_data (G_OBJECT (dialog), "finding");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "accept") && reason[0] != '\0')
    set_accepted (self, finding, reason);
}

static void
accept_clicked_cb (GjChecksPanel *self,
                   GtkButton     *button)
{
  GjFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  GtkWidget *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Accept as an Exception?"), gj_finding_get_message (finding));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why this is right as it is"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "accept", _("_Accept"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "accept", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "finding", g_object_ref (finding), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reason_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (accept_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
withdraw_clicked_cb (GjChecksPanel *self,
                     GtkButton     *button)
{
  set_accepted (self, g_object_get_data (G_OBJECT (button), "finding"), NULL);
}

/* Rows --------------------------------------------------------------------- */

static gboolean
not_accepted (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_boolean (to, !g_value_get_boolean (from));
  return TRUE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GjChecksPanel *self = user_data;
  GjFinding *finding = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *message = gtk_label_new (gj_finding_get_message (finding));
  GtkWidget *badge = gtk_label_new (_("Accepted"));
  GtkWidget *reason = gtk_label_new (NULL);
  GtkWidget *accept = gtk_button_new_with_mnemonic (_("Accept as _Exception…"));
  GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), message);

  gtk_widget_add_css_class (badge, "success");
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (status), badge);
  gtk_box_append (GTK_BOX (status), reason);
  gtk_box_append (GTK_BOX (text), status);
  gtk_box_append (GTK_BOX (box), text);

  gtk_widget_set_valign (accept, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (accept), "finding", g_object_ref (finding), g_object_unref);
  g_object_set_data_full (G_OBJECT (withdraw), "finding", g_object_ref (finding), g_object_unref);
  g_signal_connect_object (accept, "clicked", G_CALLBACK (accept_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (withdraw, "clicked", G_CALLBACK (withdraw_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), accept);
  gtk_box_append (GTK_BOX (box), withdraw);

  /* Accepting or withdrawing changes the finding in place: the row follows. */
  g_object_bind_property (finding, "accepted", status, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (finding, "accepted", withdraw, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (finding, "accepted", accept, "visible", G_BINDING_SYNC_CREATE,
                               not_accepted, NULL, NULL, NULL);
  g_object_bind_property (finding, "reason", reason, "label", G_BINDING_SYNC_CREATE);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "finding", g_object_ref (finding), g_object_unref);
  return row;
}

static void
row_activated_cb (GjChecksPanel *self,
                  GtkListBoxRow *row)
{
  GjFinding *finding = g_object_get_data (G_OBJECT (row), "finding");

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

/* Running ------------------------------------------------------------------ */

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GjStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *findings = NULL;

  store = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    findings = gj_store_run_checks (store, NULL, NULL, cancellable, &error);

  if (findings == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, findings, g_object_unref);
}

static void
set_findings (GjChecksPanel *self,
              GListModel    *findings)
{
  g_set_object (&self->findings, findings);
  gtk_list_box_bind_model (self->list, findings, create_row, self, NULL);
  update_summary (self);
  if (findings == NULL)
    gtk_stack_set_visible_child_name (self->state_stack, "start");
  else
    gtk_stack_set_visible_child_name (self->state_stack,
                                      g_list_model_get_n_items (findings) > 0 ? "list" : "empty");
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GjChecksPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) findings = g_task_propagate_pointer (G_TASK (result), &error);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* A newer run or another store took over: this answer is stale. */
  if (cancellable != self->cancellable)
    return;

  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  update_actions (self);

  if (findings != NULL)
    {
      set_findings (self, findings);
      return;
    }

  set_findings (self, NULL);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && !g_error_matches (error, GJ_STORE_ERROR, GJ_STORE_ERROR_CANCELLED))
    show_error (self, _("The Checks Failed"), error->message);
}

void
gj_checks_panel_run (GjChecksPanel *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GJ_IS_CHECKS_PANEL (self));

  if (self->store == NULL || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_set_spinning (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "running");
  gtk_label_set_label (self->summary_label, _("Checking…"));
  gtk_label_set_label (self->accepted_label, "");
  update_actions (self);

  task = g_task_new (NULL, self->cancellable, run_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, gj_checks_panel_run);
  g_task_set_task_data (task, g_strdup (gj_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, run_thread);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  gj_checks_panel_run (GJ_CHECKS_PANEL (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  GjChecksPanel *self = GJ_CHECKS_PANEL (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Object ------------------------------------------------------------------- */

static void
gj_checks_panel_dispose (GObject *object)
{
  GjChecksPanel *self = GJ_CHECKS_PANEL (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GJ_TYPE_CHECKS_PANEL);
  /* The template's top box is not bound: unparent it here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->findings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_checks_panel_parent_class)->dispose (object);
}

static void
gj_checks_panel_class_init (GjChecksPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gj_checks_panel_dispose;

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GJ_TYPE_FINDING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/gongjian/Gongjian/ui/gj-checks-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, accepted_label);
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, list);
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, state_stack);
  gtk_widget_class_bind_template_child (widget_class, GjChecksPanel, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "checks.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "checks.cancel", NULL, cancel_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "checkspanel");
}

static void
gj_checks_panel_init (GjChecksPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

GtkWidget *
gj_checks_panel_new (void)
{
  return g_object_new (GJ_TYPE_CHECKS_PANEL, NULL);
}

void
gj_checks_panel_set_store (GjChecksPanel *self,
                           GjStore       *store)
{
  g_return_if_fail (GJ_IS_CHECKS_PANEL (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      gtk_spinner_set_spinning (self->spinner, FALSE);
    }
  g_set_object (&self->store, store);
  set_findings (self, NULL);
  update_actions (self);
}

gboolean
gj_checks_panel_is_running (GjChecksPanel *self)
{
  g_return_val_if_fail (GJ_IS_CHECKS_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

GListModel *
gj_checks_panel_get_findings (GjChecksPanel *self)
{
  g_return_val_if_fail (GJ_IS_CHECKS_PANEL (self), NULL);

  return self->findings;
}

GtkListBox *
gj_checks_panel_get_list (GjChecksPanel *self)
{
  g_return_val_if_fail (GJ_IS_CHECKS_PANEL (self), NULL);

  return self->list;
}
