/**
 * The one place that reads migration files: locations, names and versions, Flyway's checksum, placeholders as Flyway applies them, the tolerant tokenizer and the statement reader that recognise SQL.
 */
package dev.idxmig.script;
