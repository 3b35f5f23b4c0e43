/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The problem wall's page: the board, a move, the filters, the timeline. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gj-problems-page-private.h"
#include "gj-records.h"
#include "gj-store-problems.h"

typedef struct
{
  char      *dir;
  GjStore   *store;
  GtkWidget *window;
  GjProblemsPage *page;
  gint64     unit_id;
  gint64     grid_id;
  gint64     meeting_id;
} Fixture;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GjRecord *
add_problem (Fixture    *f,
             const char *title,
             const char *status,
             const char *deadline,
             const char *category)
{
  g_autoptr(GError) error = NULL;
  GjRecord *p = GJ_RECORD (gj_problem_new ());

  gj_record_set_text (p, "title", title);
  gj_record_set_text (p, "status", status);
  gj_record_set_int (p, "grid_id", f->grid_id);
  if (g_strcmp0 (status, "registered") != 0 || deadline != NULL)
    gj_record_set_int (p, "lead_unit_id", f->unit_id);
  if (deadline != NULL)
    gj_record_set_text (p, "deadline", deadline);
  gj_record_set_text (p, "category", category);
  gj_record_set_text (p, "measures", "组织网格员、物业逐户劝导清理，设置提示牌");
  gj_record_set_int (p, "meeting_id", f->meeting_id);
  if (g_strcmp0 (status, "unsolvable") == 0)
    gj_record_set_text (p, "reason", "涉及产权纠纷，需区级协调");
  if (g_strcmp0 (status, "escalated") == 0)
    gj_record_set_text (p, "escalated_to", "区住建局");
  g_assert_true (gj_store_insert (f->store, p, &error));
  g_assert_no_error (error);
  return p;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GjRecord) unit = GJ_RECORD (gj_unit_new ());
  g_autoptr(GjRecord) street = GJ_RECORD (gj_street_new ());
  g_autoptr(GjRecord) grid = GJ_RECORD (gj_grid_new ());
  g_autoptr(GjRecord) meeting = GJ_RECORD (gj_meeting_new ());
  g_autoptr(GjGeometry) shape = gj_geometry_new (GJ_GEOMETRY_POLYGON);
  static const struct { const char *title, *status, *deadline, *category; } problems[] = {
    { "七二五社区第23网格楼道堆物占用消防通道", "registered", NULL, "安全隐患" },
    { "华侨新村社区第3网格停车位不足，晚间车辆乱停", "assigned", "2025-07-04", "停车管理" },
    { "老旧小区雨污管网堵塞，雨天积水", "in_progress", "2025-07-14", "环境卫生" },
    { "农贸市场周边占道经营", "in_progress", "2025-09-30", "市容秩序" },
    { "小区路灯损坏，夜间出行不便", "assigned", "2025-06-30", "公共设施" },
    { "背街小巷垃圾清运不及时", "resolved", "2025-07-01", "环境卫生" },
    { "社区养老服务站开放时间短", "published", "2025-06-20", "一老一小" },
    { "高层住宅电梯频繁故障", "escalated", "2025-07-08", "安全隐患" },
    { "历史遗留产权不清车棚改造", "unsolvable", "2025-05-01", "物业管理" },
  };

  gj_geometry_begin_polygon (shape);
  gj_geometry_begin_ring (shape);
  gj_geometry_add_point (shape, 112.40, 34.60);
  gj_geometry_add_point (shape, 112.41, 34.60);
  gj_geometry_add_point (shape, 112.41, 34.61);
  gj_geometry_add_point (shape, 112.40, 34.61);
  gj_geometry_add_point (shape, 112.40, 34.60);

  f->dir = g_dir_make_tmp ("gj-test-problems-page-XXXXXX", NULL);
  path = g_build_filename (f->dir, "p.db", NULL);
  f->store = gj_store_open (path, GJ_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  gj_record_set_text (unit, "name", "洛阳市第二人民医院");
  g_assert_true (gj_store_insert (f->store, unit, &error));
  f->unit_id = gj_record_get_id (unit);
  gj_record_set_text (street, "name", "湖北路街道");
  g_assert_true (gj_store_insert (f->store, street, &error));
  gj_record_set_text (grid, "code", "410305001001-001");
  gj_record_set_text (grid, "name", "七二五社区第23网格");
  gj_record_set_int (grid, "street_id", gj_record_get_id (street));
  gj_record_set_geometry (grid, "geometry", shape);
  g_assert_true (gj_store_insert (f->store, grid, &error));
  f->grid_id = gj_record_get_id (grid);
  gj_record_set_text (meeting, "title", "七月联席会议：背街小巷环境整治");
  gj_record_set_text (meeting, "starts_at", "2025-06-28T09:00:00+08:00");
  gj_record_set_int (meeting, "street_id", gj_record_get_id (street));
  g_assert_true (gj_store_insert (f->store, meeting, &error));
  g_assert_no_error (error);
  f->meeting_id = gj_record_get_id (meeting);

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      g_autoptr(GjRecord) p = add_problem (f, problems[i].title, problems[i].status, problems[i].deadline,
                                           problems[i].category);

      if (g_str_equal (problems[i].status, "published"))
        {
          g_autoptr(GjRecord) entry = GJ_RECORD (gj_echo_entry_new ());

          gj_record_set_int (entry, "problem_id", gj_record_get_id (p));
          gj_record_set_text (entry, "result", "养老服务站周末延长开放至晚八点，增设助餐点一处。");
          gj_record_set_text (entry, "published_on", "2025-07-02");
          gj_record_set_text (entry, "channel", "公告栏");
          g_assert_true (gj_store_insert (f->store, entry, &error));
        }
    }

  f->window = adw_application_window_new (NULL);
  f->page = GJ_PROBLEMS_PAGE (gj_problems_page_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gj_problems_page_set_store (f->page, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate (50);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* With GJ_SCREENSHOT_DIR set, the window is saved there as @name.png. */
static void
screenshot (Fixture    *f,
            const char *name)
{
  const char *dir = g_getenv ("GJ_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int w, h;

  if (dir == NULL)
    return;
  iterate (300);
  w = gtk_widget_get_width (f->window);
  h = gtk_widget_get_height (f->window);
  paintable = gtk_widget_paintable_new (f->window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strdup_printf ("%s-%dx%d.png", name, w, h);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_board_and_move (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *registered = gj_problems_page_get_column (f->page, GJ_PROBLEM_REGISTERED);
  GListModel *assigned = gj_problems_page_get_column (f->page, GJ_PROBLEM_ASSIGNED);
  g_autoptr(GjRecord) reg = NULL;
  g_autoptr(GjRecord) card = NULL;
  g_autoptr(GjRecord) stored = NULL;
  GListModel *notes;

  g_assert_cmpuint (g_list_model_get_n_items (registered), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (assigned), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gj_problems_page_get_column (f->page, GJ_PROBLEM_PUBLISHED)), ==, 1);
  /* Today is 2025-07-10: the three open ones past their deadline are red. */
  g_assert_cmpuint (gj_problems_page_get_n_overdue (f->page), ==, 3);
  /* Red cards come first in their column. */
  card = g_list_model_get_item (assigned, 0);
  g_assert_cmpint (gj_problem_get_colour (card, NULL), ==, GJ_DEADLINE_RED);
  screenshot (f, "board");

  /* An illegal drop is refused with the rule, and nothing is written. */
  reg = g_list_model_get_item (registered, 0);
  g_assert_false (gj_problems_page_move (f->page, reg, GJ_PROBLEM_RESOLVED));
  g_assert_nonnull (gj_problems_page_get_last_message (f->page));
  stored = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (reg), &error);
  g_assert_cmpint (gj_problem_get_status (stored), ==, GJ_PROBLEM_REGISTERED);
  g_assert_cmpuint (g_list_model_get_n_items (registered), ==, 1);

  /* Without a unit and a deadline it cannot be assigned either. */
  g_assert_false (gj_problems_page_move (f->page, reg, GJ_PROBLEM_ASSIGNED));
  g_assert_cmpuint (g_list_model_get_n_items (registered), ==, 1);

  /* A legal drop moves the card at once: assigned → in progress. */
  g_clear_object (&card);
  card = g_list_model_get_item (assigned, 0);
  g_assert_true (gj_problems_page_move (f->page, card, GJ_PROBLEM_IN_PROGRESS));
  g_assert_cmpuint (g_list_model_get_n_items (assigned), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gj_problems_page_get_column (f->page, GJ_PROBLEM_IN_PROGRESS)), ==, 3);
  g_clear_object (&stored);
  stored = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (card), &error);
  g_assert_cmpint (gj_problem_get_status (stored), ==, GJ_PROBLEM_IN_PROGRESS);

  /* The moved problem is open in the panel, with its timeline. */
  g_assert_nonnull (gj_problem_panel_get_problem (gj_problems_page_get_panel (f->page)));
  g_assert_cmpint (gj_record_get_id (gj_problem_panel_get_problem (gj_problems_page_get_panel (f->page))), ==,
                   gj_record_get_id (card));
  notes = gj_problem_panel_get_notes (gj_problems_page_get_panel (f->page));
  g_assert_nonnull (notes);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  screenshot (f, "panel");

  /* A side exit asks for the reason: nothing is written until it is given. */
  g_assert_false (gj_problems_page_move (f->page, stored, GJ_PROBLEM_UNSOLVABLE));
  g_clear_object (&stored);
  stored = gj_store_get (f->store, GJ_TYPE_PROBLEM, gj_record_get_id (card), &error);
  g_assert_cmpint (gj_problem_get_status (stored), ==, GJ_PROBLEM_IN_PROGRESS);
}

static void
test_filter_colour (Fixture       *f,
                    gconstpointer  data)
{
  GjRecordTable *table = gj_problems_page_get_table (f->page);

  gj_problems_page_set_visible_view (f->page, "table");
  iterate (500);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, 9);
  gj_problems_page_filter_colour (f->page, GJ_DEADLINE_RED);
  iterate (200);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, 3);
  screenshot (f, "table-red");
  gj_problems_page_filter_colour (f->page, GJ_DEADLINE_GREY);
  iterate (200);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, 3);
  gj_problems_page_filter_colour (f->page, GJ_DEADLINE_GREY + 1);
  iterate (200);
  g_assert_cmpuint (gj_record_table_get_n_items (table), ==, 9);

  gj_problems_page_set_visible_view (f->page, "echo");
  screenshot (f, "echo");
}

static void
test_small_window (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *published = gj_problems_page_get_column (f->page, GJ_PROBLEM_PUBLISHED);
  g_autoptr(GjRecord) p = g_list_model_get_item (published, 0);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_unmaximize (GTK_WINDOW (f->window));
  iterate (200);
  gj_problems_page_show_problem (f->page, gj_record_get_id (p));
  iterate (200);
  g_assert_nonnull (gj_problem_panel_get_problem (gj_problems_page_get_panel (f->page)));
  screenshot (f, "small");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GONGJIAN_TODAY", "2025-07-10", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/problems-page/board-and-move", Fixture, NULL, fixture_setup, test_board_and_move, fixture_teardown);
  g_test_add ("/problems-page/filter-colour", Fixture, NULL, fixture_setup, test_filter_colour, fixture_teardown);
  g_test_add ("/problems-page/small-window", Fixture, NULL, fixture_setup, test_small_window, fixture_teardown);
  return g_test_run ();
}
