/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "gj-store.h"

G_BEGIN_DECLS

/*
 * Is this record already in the store? The CSV importer asks it for every
 * row, and the unit form asks it while a unit is typed by hand, to warn
 * before a second copy of the same organisation is saved.
 */

/* How a duplicate was recognised, strongest first. */
typedef enum
{
  GJ_DUPLICATE_MATCH_NONE,
  GJ_DUPLICATE_MATCH_UUID,          /* the same UUID (a row of our own export) */
  GJ_DUPLICATE_MATCH_CREDIT_CODE,   /* units: the same 统一社会信用代码 */
  GJ_DUPLICATE_MATCH_CODE,          /* the same code (unit_id, agreement_id …) */
  GJ_DUPLICATE_MATCH_NAME_ADDRESS,  /* units: the same name and address, spaces,
                                     * punctuation and full/half width ignored */
  GJ_DUPLICATE_MATCH_TITLE,         /* agreements: the same title and unit;
                                     * list items: the same list and title */
} GjDuplicateMatch;

/* A short translated phrase for @how ("same credit code"). */
const char *gj_duplicate_match_to_string      (GjDuplicateMatch  how);

/*
 * The key names and addresses are compared by: NFKC (full-width letters,
 * digits, brackets and the ideographic space become their half-width
 * forms), then every space and punctuation mark dropped, then case
 * folded. "洛阳市 第一（中学）" and "洛阳市第一(中学)" give the same key.
 * Never NULL ("" for NULL).
 */
char       *gj_duplicate_normalize            (const char       *text);

/*
 * The stored unit that is the same organisation as the one described, or
 * NULL (without an error) when there is none. A non-empty @credit_code is
 * looked up first; when it matches nothing, @name and @address (either may
 * be NULL) are compared normalised (gj_duplicate_normalize()), and both
 * must be equal. A name alone (no address) matches a stored unit with the
 * same name and no address. A stored unit with another credit code is never
 * the same as one described with a credit code. @how (may be NULL) says which rule matched.
 *
 * The credit code goes through its index; the name comparison reads the
 * names and addresses of all units (milliseconds for 10,000): call it when
 * a form field is left, not on every keystroke.
 */
GjRecord   *gj_store_find_duplicate_unit      (GjStore          *store,
                                               const char       *credit_code,
                                               const char       *name,
                                               const char       *address,
                                               GjDuplicateMatch *how,
                                               GError          **error);

/*
 * The stored record that @record (not yet saved, or saved: itself is never
 * returned) duplicates, by the rules of its kind: UUID; then for units the
 * credit code, the code, the name and address; for agreements the code, then
 * title and unit; for list items list and title; for other kinds the code.
 */
GjRecord   *gj_store_find_duplicate           (GjStore          *store,
                                               GjRecord         *record,
                                               GjDuplicateMatch *how,
                                               GError          **error);

/*
 * The same for many records: every record of one type read once into
 * memory, for an importer comparing thousands of rows. Records inserted
 * through the import are added with gj_duplicate_index_add() so later
 * rows find them.
 */
typedef struct _GjDuplicateIndex GjDuplicateIndex;

GjDuplicateIndex *gj_duplicate_index_new      (GjStore          *store,
                                               GType             type,
                                               GError          **error);
void              gj_duplicate_index_free     (GjDuplicateIndex *index);
/* The id of the record @record duplicates, 0 when none. */
gint64            gj_duplicate_index_lookup   (GjDuplicateIndex *index,
                                               GjRecord         *record,
                                               GjDuplicateMatch *how);
/* Makes @record (with its id) findable by later lookups. */
void              gj_duplicate_index_add      (GjDuplicateIndex *index,
                                               GjRecord         *record);
/* The keys of @record under its kind's rules, strongest first, each
 * prefixed with its GjDuplicateMatch as a digit; for finding duplicates
 * inside one file. NULL-terminated. */
char            **gj_duplicate_keys           (GjRecord         *record);

/* The identifier that tells two records apart even when the weaker rules
 * (name and address, title) match them: units' credit code, agreements'
 * code; NULL when the record has none. */
char             *gj_duplicate_identity       (GjRecord         *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GjDuplicateIndex, gj_duplicate_index_free)

G_END_DECLS
