/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-history.h"
#include "gj-records.h"

/* Enough for an afternoon of editing; older edits stay in the change log. */
#define MAX_STEPS 200

typedef enum
{
  STEP_UPDATE,
  STEP_INSERT,
  STEP_DELETE,
} StepKind;

typedef struct
{
  StepKind  kind;
  char     *label;
  GjRecord *before;    /* UPDATE, DELETE: the stored values before */
  GjRecord *after;     /* UPDATE, INSERT: the values written */
  gint64    trash_id;  /* INSERT undone, DELETE done: where it waits */
} Step;

struct _GjHistory
{
  GObject    parent_instance;

  GjStore   *store;
  GPtrArray *undo;     /* Step, oldest first */
  GPtrArray *redo;     /* Step, the next redo last */
};

G_DEFINE_FINAL_TYPE (GjHistory, gj_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->label);
  g_clear_object (&step->before);
  g_clear_object (&step->after);
  g_free (step);
}

static void
notify_state (GjHistory *self,
              gboolean   could_undo,
              gboolean   could_redo)
{
  if (could_undo != gj_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != gj_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

gboolean
gj_record_get_place (GjRecord *record,
                     GjBBox   *bbox)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);

  if (gj_record_class_find_field (klass, "geometry", NULL) != NULL)
    {
      GjGeometry *geometry = gj_record_get_geometry (record, "geometry");

      if (geometry == NULL)
        return FALSE;
      *bbox = gj_geometry_get_bbox (geometry);
      return TRUE;
    }
  if (gj_record_class_find_field (klass, "lon", NULL) != NULL
      && !gj_record_is_null (record, "lon") && !gj_record_is_null (record, "lat"))
    {
      bbox->min_x = bbox->max_x = gj_record_get_real (record, "lon");
      bbox->min_y = bbox->max_y = gj_record_get_real (record, "lat");
      return TRUE;
    }
  return FALSE;
}

static void
emit_changed (GjHistory *self,
              GjRecord  *a,
              GjRecord  *b)
{
  GjRecord *any = a != NULL ? a : b;
  GjBBox box, other;
  gboolean has_box = FALSE;

  if (a != NULL && gj_record_get_place (a, &box))
    has_box = TRUE;
  if (b != NULL && gj_record_get_place (b, &other))
    {
      if (has_box)
        {
          box.min_x = MIN (box.min_x, other.min_x);
          box.min_y = MIN (box.min_y, other.min_y);
          box.max_x = MAX (box.max_x, other.max_x);
          box.max_y = MAX (box.max_y, other.max_y);
        }
      else
        box = other;
      has_box = TRUE;
    }
  g_signal_emit (self, signals[CHANGED], 0, G_OBJECT_TYPE (any), has_box ? &box : NULL);
}

/* A station's or unit's grid is where it stands, not something typed. */
static gboolean
assign_grid (GjHistory  *self,
             GjRecord   *record,
             GError    **error)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);
  g_autoptr(GjGrid) grid = NULL;
  g_autoptr(GError) local_error = NULL;

  if (gj_record_class_find_field (klass, "grid_id", NULL) == NULL
      || gj_record_class_find_field (klass, "lon", NULL) == NULL)
    return TRUE;
  if (gj_record_is_null (record, "lon") || gj_record_is_null (record, "lat"))
    return TRUE;

  grid = gj_store_find_grid_at (self->store, gj_record_get_real (record, "lon"),
                                gj_record_get_real (record, "lat"), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (grid != NULL)
    gj_record_set_int (record, "grid_id", gj_record_get_id (GJ_RECORD (grid)));
  else
    gj_record_set_null (record, "grid_id");
  return TRUE;
}

static gboolean
same_values (GjRecord *a,
             GjRecord *b)
{
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (a);

  for (guint i = 0; i < klass->n_fields; i++)
    if (!(klass->fields[i].flags & GJ_FIELD_FLAG_DERIVED)
        && !gj_record_equal_values (a, b, klass->fields[i].name))
      return FALSE;
  return TRUE;
}

/* The stored record as it is now, with its derived fields (street name …)
 * filled, for the caller to show. */
static gboolean
reload (GjHistory  *self,
        GjRecord   *record,
        GError    **error)
{
  g_autoptr(GjRecord) stored = gj_store_get (self->store, G_OBJECT_TYPE (record),
                                             gj_record_get_id (record), error);
  GjRecordClass *klass = GJ_RECORD_GET_CLASS (record);

  if (stored == NULL)
    return FALSE;
  for (guint i = 0; i < klass->n_fields; i++)
    if (klass->fields[i].flags & GJ_FIELD_FLAG_DERIVED)
      {
        const GValue *v = gj_record_peek_value (stored, i);
        GValue copy = G_VALUE_INIT;

        if (v == NULL || !G_IS_VALUE (v))
          continue;
        g_value_init (&copy, G_VALUE_TYPE (v));
        g_value_copy (v, &copy);
        gj_record_take_value (record, i, &copy);
      }
  return TRUE;
}

static void
push (GjHistory *self,
      Step      *step)
{
  gboolean could_undo = gj_history_can_undo (self);
  gboolean could_redo = gj_history_can_redo (self);

  g_ptr_array_set_size (self->redo, 0);
  g_ptr_array_add (self->undo, step);
  if (self->undo->len > MAX_STEPS)
    g_ptr_array_remove_index (self->undo, 0);
  notify_state (self, could_undo, could_redo);
}

gboolean
gj_history_update (GjHistory   *self,
                   GjRecord    *record,
                   const char  *label,
                   GError     **error)
{
  g_autoptr(GjRecord) before = NULL;
  Step *step;

  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);
  g_return_val_if_fail (gj_record_get_id (record) > 0, FALSE);

  before = gj_store_get (self->store, G_OBJECT_TYPE (record), gj_record_get_id (record), error);
  if (before == NULL || !assign_grid (self, record, error))
    return FALSE;
  if (GJ_RECORD_GET_CLASS (record)->prepare_write != NULL)
    GJ_RECORD_GET_CLASS (record)->prepare_write (record);
  if (same_values (before, record))
    return TRUE;
  if (!gj_store_update (self->store, record, error) || !reload (self, record, error))
    return FALSE;

  step = g_new0 (Step, 1);
  step->kind = STEP_UPDATE;
  step->label = g_strdup (label);
  step->before = g_steal_pointer (&before);
  step->after = gj_record_copy (record);
  push (self, step);
  emit_changed (self, step->before, step->after);
  return TRUE;
}

gboolean
gj_history_insert (GjHistory   *self,
                   GjRecord    *record,
                   const char  *label,
                   GError     **error)
{
  Step *step;

  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);

  if (!assign_grid (self, record, error) || !gj_store_insert (self->store, record, error)
      || !reload (self, record, error))
    return FALSE;

  step = g_new0 (Step, 1);
  step->kind = STEP_INSERT;
  step->label = g_strdup (label);
  step->after = gj_record_copy (record);
  push (self, step);
  emit_changed (self, step->after, NULL);
  return TRUE;
}

gboolean
gj_history_delete (GjHistory   *self,
                   GjRecord    *record,
                   const char  *label,
                   GError     **error)
{
  g_autoptr(GjRecord) before = NULL;
  gint64 trash_id = 0;
  Step *step;

  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (GJ_IS_RECORD (record), FALSE);

  before = gj_store_get (self->store, G_OBJECT_TYPE (record), gj_record_get_id (record), error);
  if (before == NULL || !gj_store_delete (self->store, before, &trash_id, error))
    return FALSE;

  step = g_new0 (Step, 1);
  step->kind = STEP_DELETE;
  step->label = g_strdup (label);
  step->before = g_steal_pointer (&before);
  step->trash_id = trash_id;
  push (self, step);
  emit_changed (self, step->before, NULL);
  return TRUE;
}

/* Takes @step back (@undo) or does it again; FALSE leaves it where it was. */
static gboolean
apply (GjHistory  *self,
       Step       *step,
       gboolean    undo,
       GError    **error)
{
  g_autoptr(GjRecord) write = NULL;

  switch (step->kind)
    {
    case STEP_UPDATE:
      write = gj_record_copy (undo ? step->before : step->after);
      if (!gj_store_update (self->store, write, error))
        return FALSE;
      emit_changed (self, step->before, step->after);
      return TRUE;

    case STEP_INSERT:
      if (undo)
        {
          write = gj_record_copy (step->after);
          if (!gj_store_delete (self->store, write, &step->trash_id, error))
            return FALSE;
        }
      else if (!gj_store_restore (self->store, step->trash_id, error))
        return FALSE;
      emit_changed (self, step->after, NULL);
      return TRUE;

    case STEP_DELETE:
      if (undo)
        {
          if (!gj_store_restore (self->store, step->trash_id, error))
            return FALSE;
        }
      else
        {
          write = gj_record_copy (step->before);
          if (!gj_store_delete (self->store, write, &step->trash_id, error))
            return FALSE;
        }
      emit_changed (self, step->before, NULL);
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
move_step (GjHistory  *self,
           GPtrArray  *from,
           GPtrArray  *to,
           gboolean    undo,
           GError    **error)
{
  gboolean could_undo = gj_history_can_undo (self);
  gboolean could_redo = gj_history_can_redo (self);
  Step *step;

  if (from->len == 0)
    return TRUE;
  step = from->pdata[from->len - 1];
  if (!apply (self, step, undo, error))
    return FALSE;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_state (self, could_undo, could_redo);
  return TRUE;
}

gboolean
gj_history_undo (GjHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  return move_step (self, self->undo, self->redo, TRUE, error);
}

gboolean
gj_history_redo (GjHistory  *self,
                 GError    **error)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  return move_step (self, self->redo, self->undo, FALSE, error);
}

gboolean
gj_history_can_undo (GjHistory *self)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  return self->undo->len > 0;
}

gboolean
gj_history_can_redo (GjHistory *self)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), FALSE);
  return self->redo->len > 0;
}

const char *
gj_history_get_undo_label (GjHistory *self)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), NULL);
  return self->undo->len > 0 ? ((Step *) self->undo->pdata[self->undo->len - 1])->label : NULL;
}

const char *
gj_history_get_redo_label (GjHistory *self)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), NULL);
  return self->redo->len > 0 ? ((Step *) self->redo->pdata[self->redo->len - 1])->label : NULL;
}

void
gj_history_clear (GjHistory *self)
{
  gboolean could_undo, could_redo;

  g_return_if_fail (GJ_IS_HISTORY (self));

  could_undo = gj_history_can_undo (self);
  could_redo = gj_history_can_redo (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  notify_state (self, could_undo, could_redo);
}

GjStore *
gj_history_get_store (GjHistory *self)
{
  g_return_val_if_fail (GJ_IS_HISTORY (self), NULL);
  return self->store;
}

static void
gj_history_finalize (GObject *object)
{
  GjHistory *self = GJ_HISTORY (object);

  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (gj_history_parent_class)->finalize (object);
}

static void
gj_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GjHistory *self = GJ_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gj_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gj_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_history_class_init (GjHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gj_history_finalize;
  object_class->get_property = gj_history_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjHistory::changed:
   * @type: the GType of the record written
   * @bbox: (nullable): a GjBBox, the area the record covered before and after
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_POINTER);
}

static void
gj_history_init (GjHistory *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
}

GjHistory *
gj_history_new (GjStore *store)
{
  GjHistory *self;

  g_return_val_if_fail (GJ_IS_STORE (store), NULL);

  self = g_object_new (GJ_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);
  return self;
}
