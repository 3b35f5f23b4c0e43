/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libical/ical.h>

#include "gj-recurrence.h"

/* Steps of the libical iterator one expansion may take, whatever the rule. */
#define MAX_STEPS 200000

G_DEFINE_QUARK (gj-recurrence-error-quark, gj_recurrence_error)

G_DEFINE_BOXED_TYPE (GjRecurrence, gj_recurrence, gj_recurrence_copy, gj_recurrence_free)

/* ---- the editable rule ------------------------------------------------ */

static const char *const weekday_codes[] = { "", "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

void
gj_recurrence_init (GjRecurrence *self)
{
  g_return_if_fail (self != NULL);

  memset (self, 0, sizeof *self);
  self->kind = GJ_RECURRENCE_MONTHLY_BY_DAY;
  self->interval = 1;
  self->month_day = 1;
  self->week = 1;
  self->weekday = G_DATE_MONDAY;
  self->end = GJ_RECURRENCE_END_NEVER;
}

GjRecurrence *
gj_recurrence_copy (const GjRecurrence *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
gj_recurrence_free (GjRecurrence *self)
{
  g_free (self);
}

gboolean
gj_recurrence_equal (const GjRecurrence *a,
                     const GjRecurrence *b)
{
  if (a->kind != b->kind || a->interval != b->interval || a->end != b->end)
    return FALSE;
  switch (a->kind)
    {
    case GJ_RECURRENCE_MONTHLY_BY_DAY:
      if (a->month_day != b->month_day)
        return FALSE;
      break;
    case GJ_RECURRENCE_MONTHLY_BY_WEEKDAY:
      if (a->week != b->week || a->weekday != b->weekday)
        return FALSE;
      break;
    case GJ_RECURRENCE_WEEKLY:
      if (a->weekday != b->weekday)
        return FALSE;
      break;
    default:
      return FALSE;
    }
  switch (a->end)
    {
    case GJ_RECURRENCE_END_NEVER:
      return TRUE;
    case GJ_RECURRENCE_END_UNTIL:
      return a->until_year == b->until_year && a->until_month == b->until_month
             && a->until_day == b->until_day;
    case GJ_RECURRENCE_END_COUNT:
      return a->count == b->count;
    default:
      return FALSE;
    }
}

static GTimeZone *
district_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier (GJ_RECURRENCE_ZONE);

  return zone ? zone : g_time_zone_new_offset (8 * 3600);
}

char *
gj_recurrence_to_rrule (const GjRecurrence *self)
{
  g_autoptr(GString) s = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->interval < 1)
    return NULL;
  s = g_string_new (NULL);
  switch (self->kind)
    {
    case GJ_RECURRENCE_MONTHLY_BY_DAY:
      if (self->month_day < 1 || self->month_day > 31)
        return NULL;
      g_string_append (s, "FREQ=MONTHLY");
      if (self->interval > 1)
        g_string_append_printf (s, ";INTERVAL=%u", self->interval);
      g_string_append_printf (s, ";BYMONTHDAY=%u", self->month_day);
      break;
    case GJ_RECURRENCE_MONTHLY_BY_WEEKDAY:
      if (!g_date_valid_weekday (self->weekday) || !((self->week >= 1 && self->week <= 4) || self->week == -1))
        return NULL;
      g_string_append (s, "FREQ=MONTHLY");
      if (self->interval > 1)
        g_string_append_printf (s, ";INTERVAL=%u", self->interval);
      g_string_append_printf (s, ";BYDAY=%d%s", self->week, weekday_codes[self->weekday]);
      break;
    case GJ_RECURRENCE_WEEKLY:
      if (!g_date_valid_weekday (self->weekday))
        return NULL;
      g_string_append (s, "FREQ=WEEKLY");
      if (self->interval > 1)
        g_string_append_printf (s, ";INTERVAL=%u", self->interval);
      g_string_append_printf (s, ";BYDAY=%s", weekday_codes[self->weekday]);
      break;
    default:
      return NULL;
    }
  switch (self->end)
    {
    case GJ_RECURRENCE_END_NEVER:
      break;
    case GJ_RECURRENCE_END_UNTIL:
      {
        g_autoptr(GTimeZone) zone = NULL;
        g_autoptr(GDateTime) last = NULL;
        g_autoptr(GDateTime) utc = NULL;
        g_autofree char *text = NULL;

        if (!g_date_valid_dmy (self->until_day, self->until_month, self->until_year))
          return NULL;
        zone = district_zone ();
        last = g_date_time_new (zone, self->until_year, self->until_month, self->until_day, 23, 59, 59);
        utc = g_date_time_to_utc (last);
        text = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
        g_string_append_printf (s, ";UNTIL=%s", text);
      }
      break;
    case GJ_RECURRENCE_END_COUNT:
      if (self->count < 1)
        return NULL;
      g_string_append_printf (s, ";COUNT=%u", self->count);
      break;
    default:
      return NULL;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static guint
array_length (const short *array,
              guint        size)
{
  guint n = 0;

  while (n < size && array[n] != ICAL_RECURRENCE_ARRAY_MAX)
    n++;
  return n;
}

static GDateWeekday
weekday_from_ical (icalrecurrencetype_weekday day)
{
  switch (day)
    {
    case ICAL_MONDAY_WEEKDAY: return G_DATE_MONDAY;
    case ICAL_TUESDAY_WEEKDAY: return G_DATE_TUESDAY;
    case ICAL_WEDNESDAY_WEEKDAY: return G_DATE_WEDNESDAY;
    case ICAL_THURSDAY_WEEKDAY: return G_DATE_THURSDAY;
    case ICAL_FRIDAY_WEEKDAY: return G_DATE_FRIDAY;
    case ICAL_SATURDAY_WEEKDAY: return G_DATE_SATURDAY;
    case ICAL_SUNDAY_WEEKDAY: return G_DATE_SUNDAY;
    case ICAL_NO_WEEKDAY:
    default:
      return G_DATE_BAD_WEEKDAY;
    }
}

/* Reads @rrule with libical; FALSE when it is not a rule. */
static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *rule)
{
  if (rrule == NULL || *rrule == '\0')
    return FALSE;
  icalerror_clear_errno ();
  *rule = icalrecurrencetype_from_string (rrule);
  if (rule->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      return FALSE;
    }
  return TRUE;
}

gboolean
gj_recurrence_from_rrule (const char   *rrule,
                          GjRecurrence *out)
{
  struct icalrecurrencetype rule;
  GjRecurrence r;
  guint n_day, n_monthday, n_setpos;

  g_return_val_if_fail (out != NULL, FALSE);

  gj_recurrence_init (out);
  if (!parse_rule (rrule, &rule))
    return FALSE;

  if (array_length (rule.by_second, ICAL_BY_SECOND_SIZE) || array_length (rule.by_minute, ICAL_BY_MINUTE_SIZE)
      || array_length (rule.by_hour, ICAL_BY_HOUR_SIZE) || array_length (rule.by_year_day, ICAL_BY_YEARDAY_SIZE)
      || array_length (rule.by_week_no, ICAL_BY_WEEKNO_SIZE) || array_length (rule.by_month, ICAL_BY_MONTH_SIZE)
      || rule.rscale != NULL)
    return FALSE;
  n_day = array_length (rule.by_day, ICAL_BY_DAY_SIZE);
  n_monthday = array_length (rule.by_month_day, ICAL_BY_MONTHDAY_SIZE);
  n_setpos = array_length (rule.by_set_pos, ICAL_BY_SETPOS_SIZE);

  gj_recurrence_init (&r);
  r.interval = rule.interval > 0 ? (guint) rule.interval : 1;

  if (rule.freq == ICAL_MONTHLY_RECURRENCE && n_monthday == 1 && n_day == 0 && n_setpos == 0)
    {
      if (rule.by_month_day[0] < 1 || rule.by_month_day[0] > 31)
        return FALSE;
      r.kind = GJ_RECURRENCE_MONTHLY_BY_DAY;
      r.month_day = (guint) rule.by_month_day[0];
    }
  else if (rule.freq == ICAL_MONTHLY_RECURRENCE && n_monthday == 0 && n_day == 1 && n_setpos <= 1)
    {
      int pos = icalrecurrencetype_day_position (rule.by_day[0]);

      if (n_setpos == 1)
        {
          if (pos != 0)
            return FALSE;
          pos = rule.by_set_pos[0];
        }
      if (!((pos >= 1 && pos <= 4) || pos == -1))
        return FALSE;
      r.kind = GJ_RECURRENCE_MONTHLY_BY_WEEKDAY;
      r.week = pos;
      r.weekday = weekday_from_ical (icalrecurrencetype_day_day_of_week (rule.by_day[0]));
    }
  else if (rule.freq == ICAL_WEEKLY_RECURRENCE && n_monthday == 0 && n_day == 1 && n_setpos == 0)
    {
      if (icalrecurrencetype_day_position (rule.by_day[0]) != 0)
        return FALSE;
      r.kind = GJ_RECURRENCE_WEEKLY;
      r.weekday = weekday_from_ical (icalrecurrencetype_day_day_of_week (rule.by_day[0]));
    }
  else
    return FALSE;
  if (!g_date_valid_weekday (r.weekday))
    return FALSE;

  if (rule.count > 0)
    {
      r.end = GJ_RECURRENCE_END_COUNT;
      r.count = (guint) rule.count;
    }
  else if (!icaltime_is_null_time (rule.until))
    {
      struct icaltimetype u = rule.until;

      r.end = GJ_RECURRENCE_END_UNTIL;
      if (!u.is_date && icaltime_is_utc (u))
        {
          g_autoptr(GTimeZone) zone = district_zone ();
          g_autoptr(GDateTime) utc = g_date_time_new_utc (u.year, u.month, u.day, u.hour, u.minute, u.second);
          g_autoptr(GDateTime) there = NULL;

          if (utc == NULL)
            return FALSE;
          there = g_date_time_to_timezone (utc, zone);
          r.until_year = (guint16) g_date_time_get_year (there);
          r.until_month = (guint8) g_date_time_get_month (there);
          r.until_day = (guint8) g_date_time_get_day_of_month (there);
        }
      else
        {
          r.until_year = (guint16) u.year;
          r.until_month = (guint8) u.month;
          r.until_day = (guint8) u.day;
        }
      if (!g_date_valid_dmy (r.until_day, r.until_month, r.until_year))
        return FALSE;
    }
  *out = r;
  return TRUE;
}

/* ---- expansion ---------------------------------------------------------- */

typedef struct
{
  gint64  instant;     /* Unix time; all-day: midnight in Asia/Shanghai */
  guint32 julian;      /* the day in Asia/Shanghai (the date, all-day) */
  guint32 wall_julian; /* the day in the series' own zone */
  gboolean is_date;
} Moment;

typedef struct
{
  GTimeZone          *zone;      /* the series' wall-clock zone */
  GTimeZone          *district;
  gboolean            all_day;
  struct icaltimetype dtstart;   /* floating, in @zone */
  guint32             lo, hi;    /* range, Julian days, inclusive */
} Series;

static void
series_clear (Series *s)
{
  g_clear_pointer (&s->zone, g_time_zone_unref);
  g_clear_pointer (&s->district, g_time_zone_unref);
}

static guint32
julian_of (int year,
           int month,
           int day)
{
  GDate d;

  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return 0;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return g_date_get_julian (&d);
}

static gboolean
parse_iso_date (const char *text,
                guint32    *julian)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  *julian = julian_of (y, m, d);
  return *julian != 0;
}

static void
moment_from_datetime (Moment     *m,
                      GDateTime  *dt,
                      Series     *s)
{
  g_autoptr(GDateTime) here = g_date_time_to_timezone (dt, s->district);
  g_autoptr(GDateTime) wall = g_date_time_to_timezone (dt, s->zone);

  m->instant = g_date_time_to_unix (dt);
  m->julian = julian_of (g_date_time_get_year (here), g_date_time_get_month (here), g_date_time_get_day_of_month (here));
  m->wall_julian = julian_of (g_date_time_get_year (wall), g_date_time_get_month (wall), g_date_time_get_day_of_month (wall));
  m->is_date = FALSE;
}

static void
moment_from_date (Moment *m,
                  int     year,
                  int     month,
                  int     day,
                  Series *s)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (s->district, year, month, day, 0, 0, 0);

  m->instant = midnight ? g_date_time_to_unix (midnight) : 0;
  m->julian = m->wall_julian = julian_of (year, month, day);
  m->is_date = TRUE;
}

/* A wall-clock time of the series (as libical gives it) as a moment. */
static gboolean
moment_from_wall (Moment                    *m,
                  const struct icaltimetype *t,
                  Series                    *s)
{
  g_autoptr(GDateTime) dt = NULL;

  if (s->all_day || t->is_date)
    {
      moment_from_date (m, t->year, t->month, t->day, s);
      return m->julian != 0;
    }
  dt = g_date_time_new (s->zone, t->year, t->month, t->day, t->hour, t->minute, t->second);
  if (dt == NULL)
    return FALSE;
  moment_from_datetime (m, dt, s);
  return TRUE;
}

/* An EXDATE or RECURRENCE-ID value: iCalendar ("20250131T143000", "…Z",
 * "20250131") or ISO 8601 text; floating times are in the series' zone. */
static gboolean
parse_moment (const char *text,
              Series     *s,
              Moment     *m)
{
  struct icaltimetype t;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (strchr (text, '-') != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;
      guint32 julian;

      if (parse_iso_date (text, &julian))
        {
          GDate d;

          g_date_clear (&d, 1);
          g_date_set_julian (&d, julian);
          moment_from_date (m, g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), s);
          return TRUE;
        }
      dt = g_date_time_new_from_iso8601 (text, s->zone);
      if (dt == NULL)
        return FALSE;
      moment_from_datetime (m, dt, s);
      return TRUE;
    }

  icalerror_clear_errno ();
  t = icaltime_from_string (text);
  icalerror_clear_errno ();
  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return FALSE;
  if (t.is_date)
    {
      moment_from_date (m, t.year, t.month, t.day, s);
      return m->julian != 0;
    }
  if (icaltime_is_utc (t))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (t.year, t.month, t.day, t.hour, t.minute, t.second);

      if (dt == NULL)
        return FALSE;
      moment_from_datetime (m, dt, s);
      return TRUE;
    }
  return moment_from_wall (m, &t, s);
}

static gboolean
moment_matches (const Moment *occurrence,
                const Moment *other)
{
  if (other->is_date || occurrence->is_date)
    return occurrence->wall_julian == other->wall_julian;
  return occurrence->instant == other->instant;
}

/* The start of a series: "YYYY-MM-DD", or ISO 8601 with an optional
 * "[Zone/Name]" after it. */
static gboolean
series_init (Series      *s,
             const char  *dtstart_iso,
             const char  *range_start_date,
             const char  *range_end_date,
             GError     **error)
{
  guint32 julian;

  memset (s, 0, sizeof *s);
  s->district = district_zone ();
  s->lo = 0;
  s->hi = G_MAXUINT32;

  if ((range_start_date && !parse_iso_date (range_start_date, &s->lo))
      || (range_end_date && !parse_iso_date (range_end_date, &s->hi)))
    {
      g_set_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RANGE,
                   _("The date range “%s” to “%s” is not valid"),
                   range_start_date ? range_start_date : "", range_end_date ? range_end_date : "");
      return FALSE;
    }

  if (dtstart_iso != NULL && parse_iso_date (dtstart_iso, &julian))
    {
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, julian);
      s->all_day = TRUE;
      s->zone = g_time_zone_ref (s->district);
      s->dtstart = icaltime_null_date ();
      s->dtstart.year = g_date_get_year (&d);
      s->dtstart.month = g_date_get_month (&d);
      s->dtstart.day = g_date_get_day (&d);
      return TRUE;
    }

  if (dtstart_iso != NULL)
    {
      const char *bracket = strchr (dtstart_iso, '[');
      g_autofree char *iso = bracket ? g_strndup (dtstart_iso, bracket - dtstart_iso) : g_strdup (dtstart_iso);
      g_autoptr(GTimeZone) named = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autoptr(GDateTime) wall = NULL;

      if (bracket != NULL)
        {
          const char *close = strchr (bracket, ']');
          g_autofree char *name = close ? g_strndup (bracket + 1, close - bracket - 1) : NULL;

          if (name != NULL && *name != '\0' && close[1] == '\0')
            named = g_time_zone_new_identifier (name);
          if (named == NULL)
            goto bad;
        }
      dt = g_date_time_new_from_iso8601 (iso, s->district);
      if (dt == NULL)
        goto bad;
      s->zone = named ? g_time_zone_ref (named) : g_time_zone_ref (g_date_time_get_timezone (dt));
      wall = g_date_time_to_timezone (dt, s->zone);
      s->dtstart = icaltime_null_time ();
      s->dtstart.year = g_date_time_get_year (wall);
      s->dtstart.month = g_date_time_get_month (wall);
      s->dtstart.day = g_date_time_get_day_of_month (wall);
      s->dtstart.hour = g_date_time_get_hour (wall);
      s->dtstart.minute = g_date_time_get_minute (wall);
      s->dtstart.second = g_date_time_get_second (wall);
      s->dtstart.is_date = 0;
      return TRUE;
    }

bad:
  g_set_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_START,
               _("The start time “%s” is not a valid date or time"), dtstart_iso ? dtstart_iso : "");
  return FALSE;
}

/* Keeps UNTIL comparable with the floating wall-clock times the iterator
 * walks: a UTC UNTIL becomes the series' own time, a date its last second. */
static void
fix_until (struct icalrecurrencetype *rule,
           Series                    *s)
{
  struct icaltimetype u = rule->until;

  if (icaltime_is_null_time (u))
    return;
  if (!u.is_date && icaltime_is_utc (u))
    {
      g_autoptr(GDateTime) utc = g_date_time_new_utc (u.year, u.month, u.day, u.hour, u.minute, u.second);
      g_autoptr(GDateTime) wall = NULL;

      if (utc != NULL)
        {
          wall = g_date_time_to_timezone (utc, s->zone);
          u.year = g_date_time_get_year (wall);
          u.month = g_date_time_get_month (wall);
          u.day = g_date_time_get_day_of_month (wall);
          u.hour = g_date_time_get_hour (wall);
          u.minute = g_date_time_get_minute (wall);
          u.second = g_date_time_get_second (wall);
        }
    }
  else if (u.is_date && !s->all_day)
    {
      u.hour = 23;
      u.minute = 59;
      u.second = 59;
    }
  u.zone = NULL;
  u.is_date = s->all_day ? 1 : 0;
  if (s->all_day)
    u.hour = u.minute = u.second = 0;
  rule->until = u;
}

static gboolean
excluded (const Moment *m,
          GArray       *exclusions)
{
  for (guint i = 0; i < exclusions->len; i++)
    if (moment_matches (m, &g_array_index (exclusions, Moment, i)))
      return TRUE;
  return FALSE;
}

static GArray *
expand_moments (Series             *s,
                const char         *rrule,
                const char * const *exdates,
                GError            **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, FALSE, sizeof (Moment));
  g_autoptr(GArray) exclusions = g_array_new (FALSE, FALSE, sizeof (Moment));
  struct icalrecurrencetype rule;
  icalrecur_iterator *it;
  struct icaltimetype next;
  guint steps = 0;

  for (guint i = 0; exdates && exdates[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (exdates[i], ",", -1);

      for (guint j = 0; parts[j]; j++)
        {
          Moment m;

          if (parse_moment (parts[j], s, &m))
            g_array_append_val (exclusions, m);
        }
    }

  if (rrule == NULL || *rrule == '\0')
    {
      Moment m;

      if (moment_from_wall (&m, &s->dtstart, s) && m.julian >= s->lo && m.julian <= s->hi
          && !excluded (&m, exclusions))
        g_array_append_val (result, m);
      return g_steal_pointer (&result);
    }

  if (!parse_rule (rrule, &rule))
    {
      g_set_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RULE,
                   _("The repeat rule “%s” cannot be read"), rrule);
      return NULL;
    }
  fix_until (&rule, s);
  icalerror_clear_errno ();
  it = icalrecur_iterator_new (rule, s->dtstart);
  if (it == NULL)
    {
      icalerror_clear_errno ();
      g_set_error (error, GJ_RECURRENCE_ERROR, GJ_RECURRENCE_ERROR_INVALID_RULE,
                   _("The repeat rule “%s” cannot be used"), rrule);
      return NULL;
    }

  for (next = icalrecur_iterator_next (it);
       !icaltime_is_null_time (next) && steps < MAX_STEPS;
       next = icalrecur_iterator_next (it), steps++)
    {
      Moment m;

      if (!moment_from_wall (&m, &next, s))
        continue;
      if (m.julian > s->hi)
        break;
      if (m.julian < s->lo || excluded (&m, exclusions))
        continue;
      g_array_append_val (result, m);
      if (result->len >= GJ_RECURRENCE_MAX_OCCURRENCES)
        break;
    }
  icalrecur_iterator_free (it);
  icalerror_clear_errno ();
  return g_steal_pointer (&result);
}

static char *
format_moment (const Moment *m,
               Series       *s)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) here = NULL;

  if (m->is_date)
    {
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, m->julian);
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
    }
  utc = g_date_time_new_from_unix_utc (m->instant);
  here = g_date_time_to_timezone (utc, s->district);
  return g_date_time_format (here, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
clear_string (gpointer data)
{
  g_free (*(char **) data);
}

GArray *
gj_recurrence_expand (const char         *dtstart_iso,
                      const char         *rrule,
                      const char * const *exdates,
                      const char         *range_start_date,
                      const char         *range_end_date,
                      GError            **error)
{
  Series s;
  g_autoptr(GArray) moments = NULL;
  GArray *result;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!series_init (&s, dtstart_iso, range_start_date, range_end_date, error))
    {
      series_clear (&s);
      return NULL;
    }
  moments = expand_moments (&s, rrule, exdates, error);
  if (moments == NULL)
    {
      series_clear (&s);
      return NULL;
    }
  result = g_array_sized_new (FALSE, FALSE, sizeof (char *), moments->len);
  g_array_set_clear_func (result, clear_string);
  for (guint i = 0; i < moments->len; i++)
    {
      char *text = format_moment (&g_array_index (moments, Moment, i), &s);

      g_array_append_val (result, text);
    }
  series_clear (&s);
  return result;
}

/* ---- occurrences of a meeting ------------------------------------------ */

struct _GjOccurrence
{
  GObject    parent_instance;

  char      *starts_at;
  char      *ends_at;
  char      *recurrence_id;
  char      *title;
  GjMeeting *meeting;
  gint64     sort_key;
  gboolean   all_day;
  gboolean   is_override;
  gboolean   cancelled;
};

G_DEFINE_FINAL_TYPE (GjOccurrence, gj_occurrence, G_TYPE_OBJECT)

static void
gj_occurrence_finalize (GObject *object)
{
  GjOccurrence *self = GJ_OCCURRENCE (object);

  g_free (self->starts_at);
  g_free (self->ends_at);
  g_free (self->recurrence_id);
  g_free (self->title);
  g_clear_object (&self->meeting);

  G_OBJECT_CLASS (gj_occurrence_parent_class)->finalize (object);
}

static void
gj_occurrence_class_init (GjOccurrenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gj_occurrence_finalize;
}

static void
gj_occurrence_init (GjOccurrence *self)
{
}

const char *
gj_occurrence_get_starts_at (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), NULL);
  return self->starts_at;
}

const char *
gj_occurrence_get_ends_at (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), NULL);
  return self->ends_at;
}

gboolean
gj_occurrence_get_all_day (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), FALSE);
  return self->all_day;
}

const char *
gj_occurrence_get_recurrence_id (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), NULL);
  return self->recurrence_id;
}

GjMeeting *
gj_occurrence_get_meeting (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), NULL);
  return self->meeting;
}

gboolean
gj_occurrence_is_override (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), FALSE);
  return self->is_override;
}

gboolean
gj_occurrence_is_cancelled (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), FALSE);
  return self->cancelled;
}

const char *
gj_occurrence_get_title (GjOccurrence *self)
{
  g_return_val_if_fail (GJ_IS_OCCURRENCE (self), NULL);
  if (self->title != NULL)
    return self->title;
  return self->meeting ? gj_record_get_text (GJ_RECORD (self->meeting), "title") : NULL;
}

void
gj_occurrence_set_title (GjOccurrence *self,
                         const char   *title)
{
  g_return_if_fail (GJ_IS_OCCURRENCE (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

static JsonObject *
parse_extra (GjMeeting *meeting)
{
  const char *text = gj_record_get_text (GJ_RECORD (meeting), "extra");
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (text == NULL || *text == '\0')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_object_ref (json_node_get_object (root));
}

static const char *
extra_string (JsonObject *extra,
              const char *member)
{
  JsonNode *node = extra ? json_object_get_member (extra, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_cancelled (GjMeeting *meeting)
{
  const char *status = gj_record_get_text (GJ_RECORD (meeting), "status");

  return status != NULL && g_ascii_strcasecmp (status, "cancelled") == 0;
}

static gint
compare_occurrences (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const GjOccurrence *x = a, *y = b;

  if (x->sort_key != y->sort_key)
    return x->sort_key < y->sort_key ? -1 : 1;
  return x->is_override - y->is_override;
}

typedef struct
{
  GjMeeting *meeting;
  Moment     rid;
} Override;

/* The series of @master, with the zone it keeps its wall-clock time in. */
static gboolean
master_series_init (GjMeeting   *master,
                    JsonObject  *extra,
                    const char  *range_start_date,
                    const char  *range_end_date,
                    Series      *s,
                    GError     **error)
{
  const char *starts_at = gj_record_get_text (GJ_RECORD (master), "starts_at");
  g_autofree char *starts_with_zone = NULL;

  /* "tzid" in extra: the zone the series was planned in (its DST rules). */
  if (extra_string (extra, "tzid") != NULL && starts_at != NULL && strlen (starts_at) > 10
      && strchr (starts_at, '[') == NULL)
    starts_with_zone = g_strdup_printf ("%s[%s]", starts_at, extra_string (extra, "tzid"));
  return series_init (s, starts_with_zone ? starts_with_zone : starts_at, range_start_date, range_end_date, error);
}

char *
gj_meeting_normalize_recurrence_id (GjMeeting  *master,
                                    const char *recurrence_id)
{
  g_autoptr(JsonObject) extra = NULL;
  char *result = NULL;
  Moment m;
  Series s;

  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);

  if (recurrence_id == NULL)
    return NULL;
  extra = parse_extra (master);
  if (master_series_init (master, extra, NULL, NULL, &s, NULL) && parse_moment (recurrence_id, &s, &m))
    result = format_moment (&m, &s);
  series_clear (&s);
  return result;
}

GListModel *
gj_meeting_occurrences (GjMeeting   *master,
                        GListModel  *overrides,
                        const char  *range_start_date,
                        const char  *range_end_date,
                        GError     **error)
{
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GPtrArray) exdates = g_ptr_array_new ();
  g_autoptr(GArray) moments = NULL;
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (Override));
  g_autoptr(GListStore) store = g_list_store_new (GJ_TYPE_OCCURRENCE);
  const char *ends_at;
  gint64 duration = 0; /* seconds, or days for all-day meetings */
  gboolean has_end = FALSE;
  gboolean master_cancelled;
  Series s;

  g_return_val_if_fail (GJ_IS_MEETING (master), NULL);
  g_return_val_if_fail (overrides == NULL || G_IS_LIST_MODEL (overrides), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ends_at = gj_record_get_text (GJ_RECORD (master), "ends_at");
  extra = parse_extra (master);
  if (!master_series_init (master, extra, range_start_date, range_end_date, &s, error))
    {
      series_clear (&s);
      return NULL;
    }
  master_cancelled = is_cancelled (master);

  if (extra != NULL && json_object_has_member (extra, "exdate"))
    {
      JsonNode *node = json_object_get_member (extra, "exdate");

      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (json_node_get_value_type (item) == G_TYPE_STRING)
                g_ptr_array_add (exdates, (gpointer) json_node_get_string (item));
            }
        }
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (exdates, (gpointer) json_node_get_string (node));
    }
  g_ptr_array_add (exdates, NULL);

  moments = expand_moments (&s, extra_string (extra, "rrule"), (const char * const *) exdates->pdata, error);
  if (moments == NULL)
    {
      series_clear (&s);
      return NULL;
    }

  if (ends_at != NULL)
    {
      Moment a, b;

      if (moment_from_wall (&a, &s.dtstart, &s) && parse_moment (ends_at, &s, &b))
        {
          has_end = TRUE;
          duration = s.all_day ? (gint64) b.julian - (gint64) a.julian : b.instant - a.instant;
          if (duration < 0)
            duration = 0;
        }
    }

  for (guint i = 0; overrides && i < g_list_model_get_n_items (overrides); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (overrides, i);
      g_autoptr(JsonObject) oextra = NULL;
      Override o;

      if (!GJ_IS_MEETING (item) || (GjMeeting *) item == master)
        continue;
      oextra = parse_extra (GJ_MEETING (item));
      if (!parse_moment (extra_string (oextra, "recurrence_id"), &s, &o.rid))
        continue;
      o.meeting = GJ_MEETING (item);
      g_array_append_val (changed, o);

      /* The override shows at its own time, if that is in the range. */
      {
        GjOccurrence *occ;
        const char *ostart = gj_record_get_text (GJ_RECORD (item), "starts_at");
        const char *oend = gj_record_get_text (GJ_RECORD (item), "ends_at");
        Moment at;

        if (ostart == NULL || !parse_moment (ostart, &s, &at))
          at = o.rid;
        if (at.julian < s.lo || at.julian > s.hi)
          continue;
        occ = g_object_new (GJ_TYPE_OCCURRENCE, NULL);
        occ->starts_at = format_moment (&at, &s);
        if (oend != NULL)
          {
            Moment e;

            if (parse_moment (oend, &s, &e))
              occ->ends_at = format_moment (&e, &s);
          }
        occ->recurrence_id = format_moment (&o.rid, &s);
        occ->meeting = g_object_ref (GJ_MEETING (item));
        occ->sort_key = at.instant;
        occ->all_day = at.is_date;
        occ->is_override = TRUE;
        occ->cancelled = master_cancelled || is_cancelled (GJ_MEETING (item));
        g_list_store_append (store, occ);
        g_object_unref (occ);
      }
    }

  for (guint i = 0; i < moments->len; i++)
    {
      const Moment *m = &g_array_index (moments, Moment, i);
      gboolean replaced = FALSE;
      GjOccurrence *occ;

      for (guint j = 0; j < changed->len && !replaced; j++)
        replaced = moment_matches (m, &g_array_index (changed, Override, j).rid);
      if (replaced)
        continue;

      occ = g_object_new (GJ_TYPE_OCCURRENCE, NULL);
      occ->starts_at = format_moment (m, &s);
      occ->recurrence_id = g_strdup (occ->starts_at);
      if (has_end)
        {
          Moment e = *m;

          if (m->is_date)
            {
              GDate d;

              g_date_clear (&d, 1);
              g_date_set_julian (&d, m->julian);
              g_date_add_days (&d, (guint) duration);
              e.julian = g_date_get_julian (&d);
            }
          else
            e.instant += duration;
          occ->ends_at = format_moment (&e, &s);
        }
      occ->meeting = g_object_ref (master);
      occ->sort_key = m->instant;
      occ->all_day = m->is_date;
      occ->cancelled = master_cancelled;
      g_list_store_append (store, occ);
      g_object_unref (occ);
    }

  g_list_store_sort (store, compare_occurrences, NULL);
  series_clear (&s);
  return G_LIST_MODEL (g_steal_pointer (&store));
}
