/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gj-map-private.h"
#include "gj-tile-source.h"

#define DEFAULT_CACHE_SIZE 384

typedef struct _Render Render;

typedef struct
{
  guint64  key;
  GList    link;        /* in priv->lru; data points back here */
  GdkTexture *texture;  /* NULL until first drawn */
  gboolean stale;
  Render  *render;      /* the render in flight for this tile, or NULL */
} Entry;

typedef struct
{
  GTask        *task;
  ShumateTile  *tile;
  GCancellable *cancellable;
  gulong        cancelled_id;
} Waiter;

struct _Render
{
  gatomicrefcount  ref;
  guint64          seq;     /* newer renders first */
  guint64          key;
  guint            zoom, x, y;
  gpointer         state;
  void           (*unref_state) (gpointer state);
  /* Waiters not yet cancelled; "cancelled" handlers count down. */
  int              n_live;
  /* Main thread: the tile was invalidated while this render ran. */
  gboolean         obsolete;
  /* A layer asked: drawn while the tile is in the wanted area. */
  gboolean         layer_request;
  GPtrArray       *waiters;
  /* Worker results. */
  GBytes          *bytes;
  gboolean         drawn;
};

typedef struct
{
  GjStore    *store;
  char       *path;       /* under pool_lock */
  GMutex      pool_lock;
  GPtrArray  *pool;       /* idle worker stores, under pool_lock */

  GHashTable *entries;    /* guint64 key → Entry */
  GQueue      lru;        /* most recent first */
  guint       cache_size;
  GdkTexture *blank;
  double      margin;
  guint       n_pending;

  /* Read by workers: the zoom and tile range a layer shows. */
  int         wanted[5];
} GjTileSourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GjTileSource, gj_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  CHANGED,
  TILE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static inline guint64
make_key (guint zoom,
          guint x,
          guint y)
{
  return ((guint64) zoom << 58) | ((guint64) x << 29) | (guint64) y;
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->cancelled_id);
  g_clear_object (&waiter->cancellable);
  g_clear_object (&waiter->tile);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static Render *
render_ref (Render *render)
{
  g_atomic_ref_count_inc (&render->ref);
  return render;
}

static void
render_unref (Render *render)
{
  if (!g_atomic_ref_count_dec (&render->ref))
    return;
  if (render->state != NULL)
    render->unref_state (render->state);
  g_clear_pointer (&render->waiters, g_ptr_array_unref);
  g_clear_pointer (&render->bytes, g_bytes_unref);
  g_free (render);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->texture);
  g_clear_pointer (&entry->render, render_unref);
  g_free (entry);
}

/* Worker stores: one per thread at a time, reused. */
static GjStore *
acquire_store (GjTileSource *self)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GjStore *store = NULL;

  g_mutex_lock (&priv->pool_lock);
  if (priv->pool->len > 0)
    store = g_ptr_array_steal_index_fast (priv->pool, priv->pool->len - 1);
  else
    path = g_strdup (priv->path);
  g_mutex_unlock (&priv->pool_lock);

  if (store != NULL || path == NULL)
    return store;

  store = gj_store_open (path, GJ_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    g_warning ("Cannot open %s for the map: %s", path, error->message);
  return store;
}

static void
release_store (GjTileSource *self,
               GjStore      *store)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  if (store == NULL)
    return;

  g_mutex_lock (&priv->pool_lock);
  if (g_strcmp0 (priv->path, gj_store_get_path (store)) == 0)
    {
      g_ptr_array_add (priv->pool, store);
      store = NULL;
    }
  g_mutex_unlock (&priv->pool_lock);

  g_clear_object (&store);
}

static GBytes *
draw_tile (GjTileSource *self,
           gpointer      state,
           guint         zoom,
           guint         x,
           guint         y,
           GCancellable *cancellable,
           gboolean     *drawn)
{
  GjStore *store = acquire_store (self);
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, GJ_TILE_SIZE, GJ_TILE_SIZE);
  cr = cairo_create (surface);
  *drawn = GJ_TILE_SOURCE_GET_CLASS (self)->render (self, state, store, cr, zoom, x, y, cancellable);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  release_store (self, store);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * GJ_TILE_SIZE);
  cairo_surface_destroy (surface);
  return bytes;
}

static GdkTexture *
texture_from_bytes (GBytes *bytes)
{
  /* cairo's ARGB32 in memory order on a little-endian machine. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  GdkMemoryFormat format = GDK_MEMORY_B8G8R8A8_PREMULTIPLIED;
#else
  GdkMemoryFormat format = GDK_MEMORY_A8R8G8B8_PREMULTIPLIED;
#endif

  return gdk_memory_texture_new (GJ_TILE_SIZE, GJ_TILE_SIZE, format, bytes,
                                 cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, GJ_TILE_SIZE));
}

static gboolean
is_wanted (GjTileSource *self,
           guint         zoom,
           guint         x,
           guint         y)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  /* Racy by design: a wrong guess costs one tile drawn late or in vain. */
  return (int) zoom == g_atomic_int_get (&priv->wanted[0])
         && (int) x >= g_atomic_int_get (&priv->wanted[1]) - 1
         && (int) y >= g_atomic_int_get (&priv->wanted[2]) - 1
         && (int) x <= g_atomic_int_get (&priv->wanted[3]) + 1
         && (int) y <= g_atomic_int_get (&priv->wanted[4]) + 1;
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GjTileSource *self = source_object;
  Render *render = task_data;

  /* Every tile that asked has scrolled away: do not draw it. */
  if (g_atomic_int_get (&render->n_live) <= 0
      && (!render->layer_request || !is_wanted (self, render->zoom, render->x, render->y)))
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  render->bytes = draw_tile (self, render->state, render->zoom, render->x, render->y,
                             NULL, &render->drawn);
  g_task_return_boolean (task, TRUE);
}

/* One pool for every tile source, a core short of the machine so the main
 * thread keeps one to paint frames with; newest request first, since the
 * tiles asked for last are the ones on screen now. */
static void
pool_run (gpointer data,
          gpointer user_data)
{
  g_autoptr(GTask) task = data;

  render_thread (task, g_task_get_source_object (task), g_task_get_task_data (task), NULL);
}

static int
pool_compare (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Render *ra = g_task_get_task_data ((GTask *) a);
  const Render *rb = g_task_get_task_data ((GTask *) b);

  return ra->seq > rb->seq ? -1 : ra->seq < rb->seq ? 1 : 0;
}

static GThreadPool *
get_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      int n_threads = CLAMP ((int) g_get_num_processors () - 1, 1, 4);
      GThreadPool *new_pool = g_thread_pool_new (pool_run, NULL, n_threads, FALSE, NULL);

      g_thread_pool_set_sort_function (new_pool, pool_compare, NULL);
      g_once_init_leave (&pool, new_pool);
    }
  return pool;
}

static void
on_waiter_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Render *render = user_data;

  g_atomic_int_add (&render->n_live, -1);
}

static void start_render (GjTileSource *self,
                          Entry        *entry);
static void render_done (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data);

static void
add_waiter (Render       *render,
            GTask        *task,
            ShumateTile  *tile)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = g_object_ref (task);
  waiter->tile = g_object_ref (tile);
  g_atomic_int_inc (&render->n_live);
  g_ptr_array_add (render->waiters, waiter);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      /* The render outlives every waiter: no ref needed for the handler. */
      waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled),
                                                    render, NULL);
    }
}

static void
start_render (GjTileSource *self,
              Entry        *entry)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  GjTileSourceClass *klass = GJ_TILE_SOURCE_GET_CLASS (self);
  static guint64 seq;
  GTask *task;
  Render *render;

  g_assert (entry->render == NULL);

  render = g_new0 (Render, 1);
  g_atomic_ref_count_init (&render->ref);
  render->seq = ++seq;
  render->key = entry->key;
  render->zoom = entry->key >> 58;
  render->x = (entry->key >> 29) & ((1u << 29) - 1);
  render->y = entry->key & ((1u << 29) - 1);
  render->state = klass->ref_state ? klass->ref_state (self) : NULL;
  render->unref_state = klass->unref_state;
  render->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  entry->render = render;
  priv->n_pending++;

  task = g_task_new (self, NULL, render_done, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, render_ref (render), (GDestroyNotify) render_unref);
  g_thread_pool_push (get_pool (), task, NULL);
}

static void
finish_waiter (Waiter     *waiter,
               GdkTexture *texture)
{
  if (g_task_return_error_if_cancelled (waiter->task))
    return;
  shumate_tile_set_paintable (waiter->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_state (waiter->tile, SHUMATE_STATE_DONE);
  g_task_return_boolean (waiter->task, TRUE);
}

/* Hands the live waiters of a finished @render to a new render of the same
 * tile, showing them @texture (when there is one) in the meantime. */
static void
requeue_waiters (GjTileSource *self,
                 Entry        *entry,
                 Render       *render,
                 GdkTexture   *texture)
{
  start_render (self, entry);
  for (guint i = 0; i < render->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (render->waiters, i);

      if (g_task_return_error_if_cancelled (waiter->task))
        continue;
      if (texture != NULL)
        shumate_tile_set_paintable (waiter->tile, GDK_PAINTABLE (texture));
      add_waiter (entry->render, waiter->task, waiter->tile);
    }
}

static void
render_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GjTileSource *self = GJ_TILE_SOURCE (object);
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  Render *render = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), NULL);
  Entry *entry = g_hash_table_lookup (priv->entries, &render->key);

  priv->n_pending--;

  /* The cache was cleared under the render (new store): nothing to keep. */
  if (entry == NULL || entry->render != render)
    {
      for (guint i = 0; i < render->waiters->len; i++)
        {
          Waiter *waiter = g_ptr_array_index (render->waiters, i);

          g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Tile dropped");
        }
      return;
    }

  entry->render = NULL;
  g_signal_emit (self, signals[TILE_READY], 0);

  if (!done)
    {
      /* Skipped because every waiter had gone; one may have come back. */
      if (g_atomic_int_get (&render->n_live) > 0)
        requeue_waiters (self, entry, render, NULL);
      else
        for (guint i = 0; i < render->waiters->len; i++)
          g_task_return_error_if_cancelled (((Waiter *) g_ptr_array_index (render->waiters, i))->task);
      render_unref (render);
      return;
    }

  if (render->drawn)
    texture = texture_from_bytes (render->bytes);
  else
    {
      if (priv->blank == NULL)
        priv->blank = texture_from_bytes (render->bytes);
      texture = g_object_ref (priv->blank);
    }
  g_set_object (&entry->texture, texture);
  entry->stale = render->obsolete;

  if (render->obsolete && g_atomic_int_get (&render->n_live) > 0)
    requeue_waiters (self, entry, render, texture);
  else
    for (guint i = 0; i < render->waiters->len; i++)
      finish_waiter (g_ptr_array_index (render->waiters, i), texture);

  render_unref (render);
}

static void
touch_entry (GjTileSourcePrivate *priv,
             Entry               *entry)
{
  g_queue_unlink (&priv->lru, &entry->link);
  g_queue_push_head_link (&priv->lru, &entry->link);
}

static void
trim_cache (GjTileSourcePrivate *priv)
{
  GList *link = priv->lru.tail;

  while (priv->lru.length > priv->cache_size && link != NULL)
    {
      GList *prev = link->prev;
      Entry *entry = link->data;

      if (entry->render == NULL)
        {
          g_queue_unlink (&priv->lru, link);
          g_hash_table_remove (priv->entries, &entry->key);
        }
      link = prev;
    }
}

static Entry *ensure_entry (GjTileSourcePrivate *priv,
                            guint64              key);

static void
gj_tile_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GjTileSource *self = GJ_TILE_SOURCE (source);
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  guint64 key;
  Entry *entry;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_tile_source_fill_tile_async);

  key = make_key (shumate_tile_get_zoom_level (tile), shumate_tile_get_x (tile), shumate_tile_get_y (tile));
  entry = ensure_entry (priv, key);

  /* Whatever we have shows at once, even stale: no blank flash. */
  if (entry->texture != NULL)
    {
      shumate_tile_set_paintable (tile, GDK_PAINTABLE (entry->texture));
      if (!entry->stale)
        {
          shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  if (entry->render == NULL)
    start_render (self, entry);
  add_waiter (entry->render, task, tile);
}

static gboolean
gj_tile_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
clear_cache (GjTileSource *self)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      g_queue_unlink (&priv->lru, &entry->link);
      g_hash_table_iter_remove (&iter);
    }
  g_clear_object (&priv->blank);
}

static void
gj_tile_source_dispose (GObject *object)
{
  GjTileSource *self = GJ_TILE_SOURCE (object);
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  clear_cache (self);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (gj_tile_source_parent_class)->dispose (object);
}

static void
gj_tile_source_finalize (GObject *object)
{
  GjTileSource *self = GJ_TILE_SOURCE (object);
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_hash_table_unref (priv->entries);
  g_ptr_array_unref (priv->pool);
  g_free (priv->path);
  g_mutex_clear (&priv->pool_lock);

  G_OBJECT_CLASS (gj_tile_source_parent_class)->finalize (object);
}

static void
gj_tile_source_class_init (GjTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = gj_tile_source_dispose;
  object_class->finalize = gj_tile_source_finalize;

  source_class->fill_tile_async = gj_tile_source_fill_tile_async;
  source_class->fill_tile_finish = gj_tile_source_fill_tile_finish;

  /**
   * GjTileSource::changed:
   *
   * Cached tiles were invalidated: a view should ask for its tiles again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * GjTileSource::tile-ready:
   *
   * A requested tile was drawn (or dropped): a layer should draw again.
   */
  signals[TILE_READY] = g_signal_new ("tile-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gj_tile_source_init (GjTileSource *self)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  priv->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
  priv->pool = g_ptr_array_new_with_free_func (g_object_unref);
  priv->cache_size = DEFAULT_CACHE_SIZE;
  priv->wanted[0] = -1;
  g_mutex_init (&priv->pool_lock);

  shumate_map_source_set_min_zoom_level (SHUMATE_MAP_SOURCE (self), 0);
  shumate_map_source_set_max_zoom_level (SHUMATE_MAP_SOURCE (self), 20);
  shumate_map_source_set_tile_size (SHUMATE_MAP_SOURCE (self), GJ_TILE_SIZE);
  shumate_map_source_set_projection (SHUMATE_MAP_SOURCE (self), SHUMATE_MAP_PROJECTION_MERCATOR);
}

void
gj_tile_source_set_store (GjTileSource *self,
                          GjStore      *store)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_return_if_fail (GJ_IS_TILE_SOURCE (self));
  g_return_if_fail (store == NULL || GJ_IS_STORE (store));

  if (!g_set_object (&priv->store, store))
    return;

  g_mutex_lock (&priv->pool_lock);
  g_free (priv->path);
  priv->path = store ? g_strdup (gj_store_get_path (store)) : NULL;
  g_ptr_array_set_size (priv->pool, 0);
  g_mutex_unlock (&priv->pool_lock);

  clear_cache (self);
  if (GJ_TILE_SOURCE_GET_CLASS (self)->store_changed != NULL)
    GJ_TILE_SOURCE_GET_CLASS (self)->store_changed (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GjStore *
gj_tile_source_get_store (GjTileSource *self)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_return_val_if_fail (GJ_IS_TILE_SOURCE (self), NULL);

  return priv->store;
}

void
gj_tile_source_set_margin (GjTileSource *self,
                           double        margin)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_return_if_fail (GJ_IS_TILE_SOURCE (self));

  priv->margin = margin;
}

void
gj_tile_source_invalidate (GjTileSource *self,
                           const GjBBox *bbox)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  GHashTableIter iter;
  gpointer value;
  gboolean changed = FALSE;

  g_return_if_fail (GJ_IS_TILE_SOURCE (self));

  g_hash_table_iter_init (&iter, priv->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Entry *entry = value;

      if (bbox != NULL)
        {
          GjBBox tile_box = gj_map_tile_bbox (entry->key >> 58,
                                              (entry->key >> 29) & ((1u << 29) - 1),
                                              entry->key & ((1u << 29) - 1),
                                              priv->margin + 1);

          if (!gj_bbox_meets (&tile_box, bbox))
            continue;
        }

      entry->stale = TRUE;
      if (entry->render != NULL)
        entry->render->obsolete = TRUE;
      changed = TRUE;
    }

  if (bbox == NULL)
    g_clear_object (&priv->blank);

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
gj_tile_source_is_cached (GjTileSource *self,
                          guint         zoom,
                          guint         x,
                          guint         y)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  guint64 key = make_key (zoom, x, y);
  Entry *entry;

  g_return_val_if_fail (GJ_IS_TILE_SOURCE (self), FALSE);

  entry = g_hash_table_lookup (priv->entries, &key);
  return entry != NULL && entry->texture != NULL && !entry->stale;
}

guint
gj_tile_source_get_n_pending (GjTileSource *self)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_return_val_if_fail (GJ_IS_TILE_SOURCE (self), 0);

  return priv->n_pending;
}

GdkTexture *
gj_tile_source_render_tile (GjTileSource *self,
                            guint         zoom,
                            guint         x,
                            guint         y)
{
  GjTileSourceClass *klass = GJ_TILE_SOURCE_GET_CLASS (self);
  g_autoptr(GBytes) bytes = NULL;
  gpointer state;
  gboolean drawn;

  g_return_val_if_fail (GJ_IS_TILE_SOURCE (self), NULL);

  state = klass->ref_state ? klass->ref_state (self) : NULL;
  bytes = draw_tile (self, state, zoom, x, y, NULL, &drawn);
  if (state != NULL)
    klass->unref_state (state);

  return texture_from_bytes (bytes);
}

static Entry *
ensure_entry (GjTileSourcePrivate *priv,
              guint64              key)
{
  Entry *entry = g_hash_table_lookup (priv->entries, &key);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->key = key;
      entry->link.data = entry;
      g_hash_table_insert (priv->entries, &entry->key, entry);
      g_queue_push_head_link (&priv->lru, &entry->link);
      trim_cache (priv);
    }
  else
    touch_entry (priv, entry);
  return entry;
}

GdkTexture *
gj_tile_source_peek (GjTileSource *self,
                     guint         zoom,
                     guint         x,
                     guint         y,
                     gboolean     *fresh)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  guint64 key = make_key (zoom, x, y);
  Entry *entry;

  g_return_val_if_fail (GJ_IS_TILE_SOURCE (self), NULL);

  entry = g_hash_table_lookup (priv->entries, &key);
  if (entry == NULL || entry->texture == NULL)
    {
      *fresh = FALSE;
      return NULL;
    }
  touch_entry (priv, entry);
  *fresh = !entry->stale;
  return entry->texture;
}

void
gj_tile_source_request (GjTileSource *self,
                        guint         zoom,
                        guint         x,
                        guint         y)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);
  Entry *entry;

  g_return_if_fail (GJ_IS_TILE_SOURCE (self));

  entry = ensure_entry (priv, make_key (zoom, x, y));
  if (entry->texture != NULL && !entry->stale)
    return;
  if (entry->render == NULL)
    start_render (self, entry);
  entry->render->layer_request = TRUE;
}

void
gj_tile_source_set_wanted (GjTileSource *self,
                           guint         zoom,
                           int           min_x,
                           int           min_y,
                           int           max_x,
                           int           max_y)
{
  GjTileSourcePrivate *priv = gj_tile_source_get_instance_private (self);

  g_return_if_fail (GJ_IS_TILE_SOURCE (self));

  g_atomic_int_set (&priv->wanted[0], (int) zoom);
  g_atomic_int_set (&priv->wanted[1], min_x);
  g_atomic_int_set (&priv->wanted[2], min_y);
  g_atomic_int_set (&priv->wanted[3], max_x);
  g_atomic_int_set (&priv->wanted[4], max_y);
}
