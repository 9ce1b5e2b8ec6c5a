/**
 * Proofs before deploy, on nothing that matters: replaying the pending migrations on a schema-only shadow copy of
 * the target (migrate --dry-run --shadow, lint --shadow), planning the checks against the indexes pending
 * migrations would create or drop without building them (plan-check --hypothetical: HypoPG on the target, or a
 * copy of the schema and its statistics), and proving that an index doctor proposes to drop serves no check.
 * A capability of its own above migrate, plan and doctor, because it composes them: the replay is migrate's own
 * service run on the copy, the hypothetical checks are plan-check's own judging on another catalog. The target is
 * only ever read.
 */
package dev.idxmig.shadow;
