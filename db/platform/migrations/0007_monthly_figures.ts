/**
 * Figures by month, and people by period. Reports and dashboards read months: each daily rollup
 * gets a monthly twin kept in the same write, so five years of any figure is a few thousand rows
 * instead of hundreds of thousands. Their keys put the month, then the item or service, first:
 * a series for all sites is summed in key order, never sorted. Distinct participants cannot be added up from days (the same
 * person comes back), so period_participants counts them exactly for every month, quarter and
 * year, per site and for all sites together ('' as the site), kept as participants' days change.
 *
 * Revisions also say which revision they replace: a sync will need it to see two corrections made
 * of the same revision on two laptops. Revisions are facts: the guard is lifted for the one
 * backfill and put back as it was, inside the migration's transaction.
 */
import { sql, type Kysely } from 'kysely';

const month = `substr(local_date, 1, 7)`;
const quarter = `substr(local_date, 1, 4) || '-Q' || ((CAST(substr(local_date, 6, 2) AS INTEGER) + 2) / 3)`;
const year = `substr(local_date, 1, 4)`;

const statements = [
  `CREATE TABLE monthly_site_counts (
    month TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites (id),
    encounters INTEGER NOT NULL DEFAULT 0,
    anonymous_encounters INTEGER NOT NULL DEFAULT 0,
    tallies INTEGER NOT NULL DEFAULT 0,
    tally_contacts INTEGER NOT NULL DEFAULT 0,
    secondary_encounters INTEGER NOT NULL DEFAULT 0,
    secondary_people INTEGER NOT NULL DEFAULT 0,
    collected_counted INTEGER NOT NULL DEFAULT 0,
    collected_estimated INTEGER NOT NULL DEFAULT 0,
    reversals INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, site_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_item_units (
    month TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    units INTEGER NOT NULL DEFAULT 0,
    units_in_kits INTEGER NOT NULL DEFAULT 0,
    doses INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, item_id, site_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_service_counts (
    month TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites (id),
    service_type_id TEXT NOT NULL REFERENCES service_types (id),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, service_type_id, site_id)
  ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE monthly_unmet_requests (
    month TEXT NOT NULL,
    site_id TEXT NOT NULL REFERENCES sites (id),
    item_id TEXT NOT NULL REFERENCES items (id),
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, item_id, site_id)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO monthly_site_counts SELECT ${month}, site_id, sum(encounters), sum(anonymous_encounters), sum(tallies),
     sum(tally_contacts), sum(secondary_encounters), sum(secondary_people), sum(collected_counted),
     sum(collected_estimated), sum(reversals) FROM daily_site_counts GROUP BY 1, 2`,
  `INSERT INTO monthly_item_units SELECT ${month}, site_id, item_id, sum(units), sum(units_in_kits), sum(doses)
     FROM daily_item_units GROUP BY 1, 2, 3`,
  `INSERT INTO monthly_service_counts SELECT ${month}, site_id, service_type_id, sum(count)
     FROM daily_service_counts GROUP BY 1, 2, 3`,
  `INSERT INTO monthly_unmet_requests SELECT ${month}, site_id, item_id, sum(count)
     FROM daily_unmet_requests GROUP BY 1, 2, 3`,

  `CREATE TABLE period_participants (
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]' OR period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'
      OR period GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
    site_id TEXT NOT NULL,
    participants INTEGER NOT NULL CHECK (participants > 0),
    PRIMARY KEY (period, site_id)
  ) STRICT, WITHOUT ROWID`,
  `INSERT INTO period_participants (period, site_id, participants)
     SELECT period, site_id, count(*) FROM (
       SELECT DISTINCT ${month} AS period, site_id, participant_id FROM participant_site_days
       UNION SELECT DISTINCT ${quarter}, site_id, participant_id FROM participant_site_days
       UNION SELECT DISTINCT ${year}, site_id, participant_id FROM participant_site_days
       UNION SELECT DISTINCT ${month}, '', participant_id FROM participant_site_days
       UNION SELECT DISTINCT ${quarter}, '', participant_id FROM participant_site_days
       UNION SELECT DISTINCT ${year}, '', participant_id FROM participant_site_days
     ) GROUP BY period, site_id`,

  `ALTER TABLE field_entry_revisions ADD COLUMN replaces_revision_id TEXT REFERENCES field_entry_revisions (id)`,
  `DROP TRIGGER field_entry_revisions_no_update`,
  `UPDATE field_entry_revisions SET replaces_revision_id = (
     SELECT earlier.id FROM field_entry_revisions earlier
     WHERE earlier.entry_id = field_entry_revisions.entry_id AND earlier.revision = field_entry_revisions.revision - 1)
   WHERE revision > 1`,
  `CREATE TRIGGER field_entry_revisions_no_update BEFORE UPDATE ON field_entry_revisions
     BEGIN SELECT RAISE(ABORT, 'field_entry_revisions rows are facts: they are never changed (write a correction instead)'); END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
