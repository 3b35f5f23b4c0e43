/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>

#include "gj-online-source.h"
#include "gj-tile-data-private.h"

#define USER_AGENT "Gongjian/" PACKAGE_VERSION " (+https://github.com/gongjian/gongjian)"
/* Tile servers ask for few parallel connections (OpenStreetMap: two). */
#define MAX_CONNS_PER_HOST 2
#define MAX_CONNS 8
/* Seconds before a silent server counts as unreachable. */
#define TIMEOUT 20
/* After the server was unreachable, seconds during which tiles do not try. */
#define OFFLINE_PAUSE 30
/* Cached tiles older than this are asked for again (If-None-Match). */
#define CACHE_MAX_AGE (7 * G_TIME_SPAN_DAY)
#define CACHE_SIZE_LIMIT (200 * 1000 * 1000)

struct _GjOnlineSource
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  char              *cache_key;
  char              *subdomains;
  guint              min_zoom;
  guint              max_zoom;

  SoupSession       *session;
  ShumateFileCache  *cache;

  /* Monotonic time until which the network is not tried, and why. */
  gint64             offline_until;
  char              *offline_reason;
};

G_DEFINE_FINAL_TYPE (GjOnlineSource, gj_online_source, SHUMATE_TYPE_DATA_SOURCE)
G_DEFINE_QUARK (gj-online-source-error-quark, gj_online_source_error)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_CACHE_KEY,
  N_PROPS
};

enum {
  TILE_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  int          x;
  int          y;
  int          zoom;
  GBytes      *cached;
  char        *etag;
  SoupMessage *message;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_pointer (&fetch->cached, g_bytes_unref);
  g_clear_pointer (&fetch->etag, g_free);
  g_clear_object (&fetch->message);
  g_free (fetch);
}

static void
succeed (GTask  *task,
         GBytes *bytes)
{
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

/* Every failure but a cancellation is announced before it is returned. */
static void
fail (GTask  *task,
      GError *error)
{
  GjOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[TILE_ERROR], 0, fetch->x, fetch->y, fetch->zoom, error);
  g_task_return_error (task, error);
}

static gboolean
is_offline (GjOnlineSource *self)
{
  return self->offline_until != 0 && g_get_monotonic_time () < self->offline_until;
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GjOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;
  guint status;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      self->offline_until = g_get_monotonic_time () + OFFLINE_PAUSE * G_USEC_PER_SEC;
      g_free (self->offline_reason);
      self->offline_reason = g_strdup (error->message);
      if (fetch->cached != NULL)
        succeed (task, fetch->cached);
      else
        fail (task, g_error_new_literal (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_UNREACHABLE,
                                         error->message));
      return;
    }

  self->offline_until = 0;
  status = soup_message_get_status (fetch->message);
  headers = soup_message_get_response_headers (fetch->message);

  if (status == SOUP_STATUS_NOT_MODIFIED && fetch->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache, fetch->x, fetch->y, fetch->zoom);
      succeed (task, fetch->cached);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      const char *reason = soup_message_get_reason_phrase (fetch->message);
      g_autofree char *message = g_strdup_printf ("HTTP %u %s", status, reason != NULL ? reason : "");

      /* An old tile beats none. */
      if (fetch->cached != NULL)
        succeed (task, fetch->cached);
      else if (status == SOUP_STATUS_NOT_FOUND)
        fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message));
      else if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
        fail (task, g_error_new_literal (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_REFUSED, message));
      else
        fail (task, g_error_new_literal (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_BAD_RESPONSE, message));
      return;
    }

  /* Some servers answer a bad key with an error page and status 200. */
  if (gj_tile_data_sniff_format (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) == NULL)
    {
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      fail (task, g_error_new (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_REFUSED,
                               "The server sent %s instead of an image", type != NULL ? type : "data"));
      return;
    }

  g_signal_emit_by_name (self, "received-data", fetch->x, fetch->y, fetch->zoom, bytes);
  if (self->cache != NULL)
    shumate_file_cache_store_tile_async (self->cache, fetch->x, fetch->y, fetch->zoom, bytes,
                                         soup_message_headers_get_one (headers, "ETag"),
                                         NULL, NULL, NULL);
  succeed (task, bytes);
}

static void
fetch_from_network (GTask *task)
{
  GjOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autofree char *uri = NULL;

  if (is_offline (self))
    {
      if (fetch->cached != NULL)
        succeed (task, fetch->cached);
      else
        fail (task, g_error_new_literal (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_UNREACHABLE,
                                         self->offline_reason));
      return;
    }

  uri = gj_online_source_dup_tile_uri (self, fetch->x, fetch->y, fetch->zoom);
  fetch->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (fetch->message == NULL)
    {
      fail (task, g_error_new (GJ_ONLINE_SOURCE_ERROR, GJ_ONLINE_SOURCE_ERROR_BAD_RESPONSE,
                               "Not a valid address: %s", uri));
      return;
    }
  if (fetch->cached != NULL && fetch->etag != NULL)
    soup_message_headers_append (soup_message_get_request_headers (fetch->message),
                                 "If-None-Match", fetch->etag);

  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                   "max-conns-per-host", MAX_CONNS_PER_HOST,
                                                   "max-conns", MAX_CONNS,
                                                   "timeout", TIMEOUT,
                                                   NULL);
  soup_session_send_and_read_async (self->session, fetch->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, g_object_ref (task));
}

static void
cache_get_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GjOnlineSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GDateTime) modified = NULL;

  fetch->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &fetch->etag,
                                                      &modified, result, NULL);
  if (fetch->cached != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      /* Shown now; replaced if the server has a newer one. */
      g_signal_emit_by_name (self, "received-data", fetch->x, fetch->y, fetch->zoom, fetch->cached);
      if (modified != NULL && g_date_time_difference (now, modified) < CACHE_MAX_AGE)
        {
          succeed (task, fetch->cached);
          return;
        }
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  fetch_from_network (task);
}

static void
gj_online_source_get_tile_data_async (ShumateDataSource   *source,
                                      int                  x,
                                      int                  y,
                                      int                  zoom,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gj_online_source_get_tile_data_async);
  fetch = g_new0 (Fetch, 1);
  fetch->x = x;
  fetch->y = y;
  fetch->zoom = zoom;
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (zoom < (int) self->min_zoom || zoom > (int) self->max_zoom)
    {
      fail (task, g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "No tiles at zoom level %d", zoom));
      return;
    }

  if (self->cache != NULL)
    shumate_file_cache_get_tile_async (self->cache, x, y, zoom, cancellable,
                                       cache_get_cb, g_steal_pointer (&task));
  else
    fetch_from_network (task);
}

static GBytes *
gj_online_source_get_tile_data_finish (ShumateDataSource  *source,
                                       GAsyncResult       *result,
                                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gj_online_source_constructed (GObject *object)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (object);

  G_OBJECT_CLASS (gj_online_source_parent_class)->constructed (object);

  if (self->cache_key != NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "gongjian", "tiles", NULL);

      self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, self->cache_key, dir);
      /* Only a purge keeps the cache within its limit. */
      shumate_file_cache_purge_cache_async (self->cache, NULL, NULL, NULL);
    }
}

static void
gj_online_source_dispose (GObject *object)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (gj_online_source_parent_class)->dispose (object);
}

static void
gj_online_source_finalize (GObject *object)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (object);

  g_free (self->url_template);
  g_free (self->cache_key);
  g_free (self->subdomains);
  g_free (self->offline_reason);

  G_OBJECT_CLASS (gj_online_source_parent_class)->finalize (object);
}

static void
gj_online_source_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;
    case PROP_CACHE_KEY:
      g_value_set_string (value, self->cache_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_online_source_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GjOnlineSource *self = GJ_ONLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      self->url_template = g_value_dup_string (value);
      break;
    case PROP_CACHE_KEY:
      self->cache_key = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gj_online_source_class_init (GjOnlineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = gj_online_source_constructed;
  object_class->dispose = gj_online_source_dispose;
  object_class->finalize = gj_online_source_finalize;
  object_class->get_property = gj_online_source_get_property;
  object_class->set_property = gj_online_source_set_property;

  source_class->get_tile_data_async = gj_online_source_get_tile_data_async;
  source_class->get_tile_data_finish = gj_online_source_get_tile_data_finish;

  properties[PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE_KEY] =
    g_param_spec_string ("cache-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GjOnlineSource::tile-error:
   * @x: @y: @zoom: the tile
   * @error: why it could not be had, in GJ_ONLINE_SOURCE_ERROR, or
   *   G_IO_ERROR_NOT_FOUND for a tile the server does not have
   */
  signals[TILE_ERROR] =
    g_signal_new ("tile-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_ERROR);
}

static void
gj_online_source_init (GjOnlineSource *self)
{
  self->min_zoom = 0;
  self->max_zoom = 19;
}

GjOnlineSource *
gj_online_source_new (const char *url_template,
                      const char *cache_key)
{
  g_return_val_if_fail (url_template != NULL, NULL);

  return g_object_new (GJ_TYPE_ONLINE_SOURCE,
                       "url-template", url_template,
                       "cache-key", cache_key,
                       NULL);
}

const char *
gj_online_source_get_url_template (GjOnlineSource *self)
{
  g_return_val_if_fail (GJ_IS_ONLINE_SOURCE (self), NULL);

  return self->url_template;
}

void
gj_online_source_set_subdomains (GjOnlineSource *self,
                                 const char     *subdomains)
{
  g_return_if_fail (GJ_IS_ONLINE_SOURCE (self));

  g_free (self->subdomains);
  self->subdomains = g_strdup (subdomains);
}

void
gj_online_source_set_zoom_range (GjOnlineSource *self,
                                 guint           min_zoom,
                                 guint           max_zoom)
{
  g_return_if_fail (GJ_IS_ONLINE_SOURCE (self));
  g_return_if_fail (min_zoom <= max_zoom);

  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;
}

char *
gj_online_source_dup_tile_uri (GjOnlineSource *self,
                               int             x,
                               int             y,
                               int             zoom)
{
  GString *uri;
  char number[16];

  g_return_val_if_fail (GJ_IS_ONLINE_SOURCE (self), NULL);

  uri = g_string_new (self->url_template);
  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (uri, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (uri, "{y}", number, 0);
  g_snprintf (number, sizeof number, "%d", zoom);
  g_string_replace (uri, "{z}", number, 0);
  if (self->subdomains != NULL && *self->subdomains != '\0')
    {
      /* Neighbouring tiles from different hosts, each tile always from the same. */
      number[0] = self->subdomains[(guint) (x + y) % strlen (self->subdomains)];
      number[1] = '\0';
      g_string_replace (uri, "{s}", number, 0);
    }
  return g_string_free (uri, FALSE);
}
