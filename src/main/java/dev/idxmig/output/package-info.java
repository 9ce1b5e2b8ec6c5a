/**
 * Writers: every report as text, JSON, JUnit, Markdown or SARIF; only the command line uses them.
 */
package dev.idxmig.output;
