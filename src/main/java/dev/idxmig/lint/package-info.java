/**
 * Lint: risky index statements in migrations, found before they run, one rule per class.
 */
package dev.idxmig.lint;
